"""Text anchors: make a selector from an offset range, verify it, and re-find moved text.

Anchors follow the W3C Web Annotation selectors: a TextPositionSelector (start, end in
code points) plus a TextQuoteSelector (exact, prefix, suffix) so that an edit to the source
that shifts the text can be repaired from the quote and its context.
"""

from __future__ import annotations

from factcheck.model import Anchor

CONTEXT = 32
#: Occurrences of a quote scored when re-anchoring one anchor (the nearest to the old
#: position); beyond them a repeated quote is only found by its full context.
MAX_CANDIDATES = 256


def make(source_id: str, text: str, start: int, end: int) -> Anchor:
    """The anchor of text[start:end], with up to 32 characters of context either side."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"offsets {start}..{end} are outside the text (length {len(text)})")
    return Anchor(
        source=source_id,
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
    )


def find(source_id: str, text: str, exact: str, occurrence: int = 0) -> Anchor:
    """The anchor of the n-th occurrence of `exact` in text; ValueError when absent."""
    position = -1
    for _ in range(occurrence + 1):
        position = text.find(exact, position + 1)
        if position < 0:
            raise ValueError(f"{exact!r} does not occur {occurrence + 1} time(s) in the source")
    return make(source_id, text, position, position + len(exact))


def verify(anchor: Anchor, text: str) -> bool:
    """True when the anchored span still holds exactly the quoted text."""
    return anchor.end <= len(text) and text[anchor.start : anchor.end] == anchor.exact


def _context_score(anchor: Anchor, text: str, start: int) -> int:
    """How many characters of prefix and suffix match around a candidate position."""
    end = start + len(anchor.exact)
    before = text[max(0, start - len(anchor.prefix)) : start]
    after = text[end : end + len(anchor.suffix)]
    score = 0
    for a, b in zip(reversed(before), reversed(anchor.prefix), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(after, anchor.suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def locate(anchor: Anchor, text: str) -> Anchor:
    """Place a hand-written anchor (an `exact` without offsets) in the source text.

    When the text occurs more than once, its `prefix` and `suffix` pick the occurrence;
    ValueError (the reason, for the user) when it is absent or they do not pick one.
    """
    candidates = _occurrences(anchor.exact, text)
    if not candidates:
        raise ValueError("its exact text is not in the source")
    scores = [_context_score(anchor, text, start) for start in candidates]
    best = max(scores)
    if scores.count(best) > 1:
        raise ValueError(
            f"its exact text occurs {len(candidates)} times in the source; add a prefix "
            "or suffix (the text just before or after it) to say which"
        )
    start = candidates[scores.index(best)]
    return make(anchor.source, text, start, start + len(anchor.exact))


def _occurrences(exact: str, text: str) -> list[int]:
    found = []
    position = text.find(exact)
    while position >= 0:
        found.append(position)
        position = text.find(exact, position + 1)
    return found


def relocate(anchor: Anchor, text: str) -> Anchor | None:
    """Re-find the quote after the source changed; None when it is gone (an orphan).

    Among the occurrences of the exact text, the one with the best matching context wins;
    ties go to the occurrence nearest the old position. The work is bounded, whatever the
    source: the whole context (prefix, quote, suffix) is first looked for as one string
    nearest the old position (a perfect score), else only the MAX_CANDIDATES occurrences
    nearest the old position are scored. A source of one repeated letter and quotes of
    that letter would otherwise cost occurrences x anchors (issue 17.4).
    """
    if verify(anchor, text):
        return anchor
    if not anchor.exact:
        return None
    around = min(anchor.start, len(text))
    if anchor.prefix or anchor.suffix:
        context = anchor.prefix + anchor.exact + anchor.suffix
        shift = len(anchor.prefix)
        found = _nearest(text, context, around - shift, 1)
        if found:
            start = found[0] + shift
            return make(anchor.source, text, start, start + len(anchor.exact))
    candidates = _nearest(text, anchor.exact, around, MAX_CANDIDATES)
    if not candidates:
        return None
    best = max(
        sorted(candidates),  # on a tie, the earlier occurrence (as before the bound)
        key=lambda start: (_context_score(anchor, text, start), -abs(start - anchor.start)),
    )
    return make(anchor.source, text, best, best + len(anchor.exact))


def _nearest(text: str, needle: str, around: int, limit: int) -> list[int]:
    """Up to `limit` start positions of `needle` in text, nearest to `around` first."""
    around = max(0, around)
    found: list[int] = []
    after = text.find(needle, around)
    before = text.rfind(needle, 0, around + len(needle) - 1)
    while len(found) < limit and (after >= 0 or before >= 0):
        if before < 0 or (after >= 0 and after - around < around - before):
            found.append(after)
            after = text.find(needle, after + 1)
        else:
            found.append(before)
            before = text.rfind(needle, 0, before + len(needle) - 1)
    return found
