"""The selected event's claims: status, claimant and text."""

from __future__ import annotations

from textual.content import Content

from factcheck.model import Claim
from factcheck.tui.display import STATUS_WIDTH, line, status
from factcheck.tui.widgets.key_list import KeyList


def claim_prompt(claim: Claim) -> Content:
    claimant = claim.claimant or "(the article)"
    return Content.assemble(
        status(claim.status, STATUS_WIDTH),
        line(claimant, "bold"),
        ": ",
        line(claim.text),
    )


class ClaimList(KeyList):
    """The highlight is the selected claim that `s`, `a`, `x` and `v` act on."""

    BORDER_TITLE = "Claims"
