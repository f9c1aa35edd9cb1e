"""Text anchors: make a selector from an offset range, verify it, and re-find moved text.

Anchors follow the W3C Web Annotation selectors: a TextPositionSelector (start, end in
code points) plus a TextQuoteSelector (exact, prefix, suffix) so that an edit to the source
that shifts the text can be repaired from the quote and its context.
"""

from __future__ import annotations

import attrs

from factcheck.model import Anchor

CONTEXT = 32
#: Occurrences of a quote scored when re-anchoring one anchor (the nearest to the old
#: position); beyond them a repeated quote is only found by its full context.
MAX_CANDIDATES = 256
#: Characters that finding moved or hand-written quotes may search in one file, for all
#: its anchors together: SEARCH_BUDGET, plus SEARCH_PER_CHARACTER for each character of its
#: sources, so the work grows with the input, never with anchors x source length (issue
#: 17.4: 1,000 quotes missing from a 40 MB source took 6 minutes). Searching starts near
#: each quote's old place, so an edited source costs a few KB a quote.
SEARCH_BUDGET = 1024**3
SEARCH_PER_CHARACTER = 32
#: The first window searched around a quote's old place; it doubles until the quote is found.
_WINDOW = 4096


class OverBudget(Exception):
    """The file's search budget is spent: the anchor was not searched for."""


@attrs.define
class Budget:
    """What is left of one file's search budget; shared by all its anchors."""

    left: int = SEARCH_BUDGET
    limit: int = SEARCH_BUDGET

    def grant(self, characters: int) -> None:
        self.left += characters
        self.limit += characters

    def spend(self, characters: int) -> None:
        if characters > self.left:
            self.left = 0
            raise OverBudget(f"searching reached this file's limit of {self.limit:,} characters")
        self.left -= characters


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


def locate(anchor: Anchor, text: str, budget: Budget | None = None) -> Anchor:
    """Place a hand-written anchor (an `exact` without offsets) in the source text.

    When the text occurs more than once, its `prefix` and `suffix` pick the occurrence;
    ValueError (the reason, for the user) when it is absent or they do not pick one.
    Bounded like `relocate`: a quote whose prefix, text and suffix occur together once is
    placed by that alone; otherwise at most MAX_CANDIDATES occurrences are scored.
    OverBudget when the file's budget is spent.
    """
    budget = Budget() if budget is None else budget
    if anchor.prefix or anchor.suffix:
        whole = _nearest(text, anchor.prefix + anchor.exact + anchor.suffix, 0, 2, budget)
        if len(whole) == 1:  # the only occurrence with a perfect score
            start = whole[0] + len(anchor.prefix)
            return make(anchor.source, text, start, start + len(anchor.exact))
    candidates = sorted(_nearest(text, anchor.exact, 0, MAX_CANDIDATES + 1, budget))
    if not candidates:
        raise ValueError("its exact text is not in the source")
    if len(candidates) > MAX_CANDIDATES:
        raise ValueError(
            f"its exact text occurs more than {MAX_CANDIDATES} times in the source; add a "
            "prefix or suffix (the text just before or after it, as in the source) to say which"
        )
    scores = [_context_score(anchor, text, start) for start in candidates]
    best = max(scores)
    if scores.count(best) > 1:
        raise ValueError(
            f"its exact text occurs {len(candidates)} times in the source; add a prefix "
            "or suffix (the text just before or after it) to say which"
        )
    start = candidates[scores.index(best)]
    return make(anchor.source, text, start, start + len(anchor.exact))


def relocate(anchor: Anchor, text: str, budget: Budget | None = None) -> Anchor | None:
    """Re-find the quote after the source changed; None when it is gone (an orphan).

    Among the occurrences of the exact text, the one with the best matching context wins;
    ties go to the occurrence nearest the old position. The work is bounded, whatever the
    source: the whole context (prefix, quote, suffix) is first looked for as one string
    nearest the old position (a perfect score), else only the MAX_CANDIDATES occurrences
    nearest the old position are scored. A source of one repeated letter and quotes of
    that letter would otherwise cost occurrences x anchors (issue 17.4). Searching spends
    `budget` (one per file); OverBudget when it is spent.
    """
    if verify(anchor, text):
        return anchor
    if not anchor.exact:
        return None
    budget = Budget() if budget is None else budget
    around = min(anchor.start, len(text))
    if anchor.prefix or anchor.suffix:
        context = anchor.prefix + anchor.exact + anchor.suffix
        shift = len(anchor.prefix)
        found = _nearest(text, context, around - shift, 1, budget)
        if found:
            start = found[0] + shift
            return make(anchor.source, text, start, start + len(anchor.exact))
    candidates = _nearest(text, anchor.exact, around, MAX_CANDIDATES, budget)
    if not candidates:
        return None
    best = max(
        sorted(candidates),  # on a tie, the earlier occurrence (as before the bound)
        key=lambda start: (_context_score(anchor, text, start), -abs(start - anchor.start)),
    )
    return make(anchor.source, text, best, best + len(anchor.exact))


def _nearest(text: str, needle: str, around: int, limit: int, budget: Budget) -> list[int]:
    """Up to `limit` start positions of `needle` in text, nearest to `around` first.

    Searched in a window around `around` that doubles until it holds `limit` positions or
    the whole text; each window's length is spent from `budget`.
    """
    around = max(0, around)
    width = _WINDOW
    while True:
        low, high = max(0, around - width), min(len(text), around + width + len(needle))
        budget.spend(high - low)
        found = _nearest_within(text, needle, around, limit, low, high)
        if len(found) >= limit or (low == 0 and high == len(text)):
            return found
        width *= 2


def _nearest_within(
    text: str, needle: str, around: int, limit: int, low: int, high: int
) -> list[int]:
    """`_nearest` inside text[low:high]: the positions found are at most `width` away."""
    found: list[int] = []
    after = text.find(needle, around, high)
    before = text.rfind(needle, low, around + len(needle) - 1)
    while len(found) < limit and (after >= 0 or before >= 0):
        if before < 0 or (after >= 0 and after - around < around - before):
            found.append(after)
            after = text.find(needle, after + 1, high)
        else:
            found.append(before)
            before = text.rfind(needle, low, before + len(needle) - 1)
    return found
