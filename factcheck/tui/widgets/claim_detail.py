"""The selected claim: id, kind, claimant and text, status, verdict, notes, reviewer."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from factcheck.model import Claim
from factcheck.tui.display import block, line, status
from factcheck.tui.widgets.instant_scroll import InstantScroll


def claim_content(claim: Claim | None) -> Content:
    if claim is None:
        return Content("No claim selected.").stylize("dim")
    parts: list[Content | str | tuple[str, str]] = [
        line(claim.id, "bold"),
        (f"  {claim.kind}", "dim"),
        "\n",
        line(claim.claimant or "(the article)", "bold"),
        ": ",
        block(claim.text),
        "\n",
        ("Status:   ", "dim"),
        status(claim.status),
    ]
    if claim.reviewed_by or claim.reviewed_on:
        parts += [("  by ", "dim"), line(claim.reviewed_by or "?")]
        if claim.reviewed_on:
            parts += [("  on ", "dim"), line(claim.reviewed_on)]
    parts += ["\n", ("Verdict:  ", "dim")]
    parts.append(line(claim.verdict) if claim.verdict else ("(none — press v)", "dim italic"))
    if claim.notes:
        parts += ["\n", ("Notes:    ", "dim"), block(claim.notes)]
    return Content.assemble(*parts)


class ClaimDetail(Static):
    """The whole claim, wrapped; its pane (`#claim-pane`) scrolls when it is taller."""

    def show(self, claim: Claim | None) -> None:
        self.update(claim_content(claim))


class ClaimPane(InstantScroll):
    """The claim's pane: it scrolls when the claim is taller than its share of the column,
    and only then takes the focus (`tab`), so the arrows, `j` / `k`, `home` / `end` and the
    page keys reach the end of a long claim without a mouse."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]

    def allow_focus(self) -> bool:
        return self.max_scroll_y > 0
