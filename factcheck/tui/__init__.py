"""The Textual explorer: a thin view over the immutable model (docs/ARCHITECTURE.md section 4)."""
