"""The evidence stance as one focusable line: `s` supports, `r` refutes, `c` context."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from factcheck.model import STANCES


class StanceField(Static, can_focus=True):
    """One key per stance (its first letter); ← → step through them."""

    BINDINGS = [
        *[Binding(stance[0], f"choose('{stance}')", stance, show=False) for stance in STANCES],
        Binding("left", "step(-1)", "Previous", show=False),
        Binding("right,space", "step(1)", "Next", show=False),
    ]

    value: reactive[str] = reactive("context")

    def render(self) -> Content:
        parts = []
        for stance in STANCES:
            text = f"{stance} ({stance[0]})"
            parts.append(Content(f"[{text}]").stylize("bold reverse") if stance == self.value
                         else Content(f" {text} "))  # fmt: skip
        return Content("  ").join(parts)

    def action_choose(self, stance: str) -> None:
        self.value = stance

    def action_step(self, delta: int) -> None:
        self.value = STANCES[(STANCES.index(self.value) + delta) % len(STANCES)]
