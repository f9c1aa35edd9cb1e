"""Document -> draft timeline: dateline, sentences, date phrases, quotes, claims, events.

Data layer: never imports textual. dateparser is imported lazily by `temporal.Resolver`.
"""

from __future__ import annotations

from factcheck.extract.pipeline import ExtractError, Outcome, extract_file, extract_text

__all__ = ["ExtractError", "Outcome", "extract_file", "extract_text"]
