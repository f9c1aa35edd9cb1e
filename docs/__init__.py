"""Documentation helpers (a package, so `python -m docs.screenshots` finds this one)."""
