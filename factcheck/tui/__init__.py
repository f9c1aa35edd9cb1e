"""The Textual explorer: a thin view over the immutable model (DESIGN section 3)."""
