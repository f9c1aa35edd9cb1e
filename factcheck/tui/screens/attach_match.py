"""Attach a published fact-check as evidence: the reviewer confirms the suggested stance.

The stance comes from the fact-check's rating (false -> refutes, true -> supports, else
context); `s`, `r`, `c` change it, `y` or enter attaches, `n` or escape changes nothing.
"""

from __future__ import annotations

import attrs
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label

from factcheck.model import Evidence
from factcheck.tui.display import line
from factcheck.tui.screens.dialog import Dialog
from factcheck.tui.widgets.evidence_list import STANCE_STYLE


class AttachMatch(Dialog[Evidence | None]):
    """Dismisses with the evidence (stance as shown when confirmed), or None."""

    BINDINGS = [
        Binding("s", "stance('supports')", "Supports"),
        Binding("r", "stance('refutes')", "Refutes"),
        Binding("c", "stance('context')", "Context"),
        Binding("y,enter", "attach", "Attach"),
        Binding("n,escape", "cancel", "Cancel"),
    ]

    def __init__(self, evidence: Evidence, claim_id: str, rating: str) -> None:
        super().__init__()
        self.evidence = evidence
        self.claim_id = claim_id
        self.rating = rating
        self.suggested = evidence.stance

    def compose(self) -> ComposeResult:
        evidence = self.evidence
        with Vertical(id="dialog"):
            yield Label(
                Content.assemble("Attach as evidence to ", line(self.claim_id, "bold")),
                id="heading",
            )
            yield Label(Content.assemble(("Title  ", "dim"), line(evidence.title, "bold")))
            yield Label(Content.assemble(("URL    ", "dim"), line(evidence.url, "underline")))
            yield Label(Content.assemble(("Note   ", "dim"), line(evidence.note, "italic")))
            yield Label(id="stance")
            yield Label(
                Content("s supports · r refutes · c context · y / enter attach · n / esc cancel"),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.show_stance()

    def show_stance(self) -> None:
        stance = self.evidence.stance
        self.query_one("#stance", Label).update(
            Content.assemble(
                ("Stance ", "dim"),
                (stance, f"bold {STANCE_STYLE.get(stance, '')}"),
                ("  (the rating ", "dim"),
                line(self.rating or "unrated", "dim"),
                (f" suggests {self.suggested})", "dim"),
            )
        )

    def action_stance(self, stance: str) -> None:
        self.evidence = attrs.evolve(self.evidence, stance=stance)
        self.show_stance()

    def action_attach(self) -> None:
        self.finish(self.evidence)

    def action_cancel(self) -> None:
        self.finish(None)
