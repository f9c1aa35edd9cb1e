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
    """The highlight is the selected claim that `s`, `a`, `x` and `v` act on.

    `j` / `k` stop at the event's last / first claim and say so (no silent wrap to the
    other end); `]` / `[` go on across events.
    """

    BORDER_TITLE = "Claims"

    def action_cursor_down(self) -> None:
        if self.highlighted is not None and self.highlighted >= self.option_count - 1:
            self.notify("Last claim of this event: ] goes on to the next event.", markup=False)
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted == 0:
            self.notify("First claim of this event: [ goes back to the previous event.",
                        markup=False)  # fmt: skip
            return
        super().action_cursor_up()
