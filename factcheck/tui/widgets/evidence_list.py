"""The selected claim's evidence: stance, title and URL; the highlight is what `x` removes."""

from __future__ import annotations

from textual.actions import SkipAction
from textual.content import Content

from factcheck.model import Evidence
from factcheck.tui.display import line
from factcheck.tui.widgets.key_list import KeyList

STANCE_STYLE = {"supports": "green", "refutes": "red", "context": "blue"}


def evidence_prompt(evidence: Evidence) -> Content:
    parts: list[Content | str | tuple[str, str]] = [
        (evidence.stance.ljust(9), STANCE_STYLE.get(evidence.stance, "")),
    ]
    if evidence.title:
        parts += [line(evidence.title, "bold"), "  "]
    parts.append(line(evidence.url, "underline"))
    if evidence.accessed:
        parts.append((f"  (accessed {evidence.accessed})", "dim"))
    if evidence.note:
        parts += ["\n         ", line(evidence.note, "italic")]
    return Content.assemble(*parts)


class EvidenceList(KeyList):
    BORDER_TITLE = "Evidence"

    def action_select(self) -> None:
        """`enter` is the key table's (open the link): passed on, in the order keys came."""
        raise SkipAction()
