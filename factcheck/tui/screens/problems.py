"""A file that does not load: its problems, as `factcheck check` prints them."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList

from factcheck.text import sanitize_line
from factcheck.tui.display import line


class ProblemsScreen(Screen[None]):
    BINDINGS = [
        Binding("q", "app.quit", "Quit"),
        Binding("escape", "back", "Back to the list"),
    ]

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__()
        self.path = path
        self.problems = problems

    def compose(self) -> ComposeResult:
        yield Header()
        count = len(self.problems)
        yield Label(
            Content.assemble(
                (sanitize_line(str(self.path)), "bold"),
                f" does not load: {count} problem{'s' if count != 1 else ''}. "
                "Fix them in an editor (or run `factcheck check`), then open it again.",
            ),
            id="problems-heading",
        )
        yield OptionList(*[line(problem) for problem in self.problems], id="problems")
        yield Footer()

    def on_mount(self) -> None:
        self.title = sanitize_line(self.path.name)
        self.sub_title = "does not load"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return True if len(self.app.screen_stack) > 2 else None
        return True

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
