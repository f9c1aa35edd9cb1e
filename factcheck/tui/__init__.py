"""The Textual explorer: a thin view over the immutable model (docs/ARCHITECTURE.md section 4)."""

#: The environment variable naming the only folder an explorer may save into: `factcheck
#: serve` sets it for each browser tab, whose user must not write elsewhere on the server.
SAVE_WITHIN = "FACTCHECK_SAVE_WITHIN"
