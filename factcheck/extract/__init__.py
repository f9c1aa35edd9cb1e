"""Document -> draft timeline: dateline, sentences, date phrases, quotes, claims, events.

Data layer: never imports textual. The pipeline is imported on first use (PEP 562), so that
registering the `extract` command costs nothing for `factcheck check` or a git textconv.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ExtractError", "Outcome", "extract_file", "extract_text"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from factcheck.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'factcheck.extract' has no attribute {name!r}")
