"""A folder of timelines: one row per file with its review progress; enter opens it."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList

from factcheck import store
from factcheck.check import timeline_files
from factcheck.tui.display import line
from factcheck.tui.messages import OpenFile
from factcheck.tui.widgets.key_list import KeyList


def file_prompt(name: str, summary: str, style: str = "dim") -> Content:
    return Content.assemble(line(name.ljust(48), "bold"), (summary, style))


class ChooserScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "open", "Open"),
        Binding("q", "app.quit", "Quit"),
    ]

    class Summary(Message):
        """One file's progress, computed in the worker."""

        def __init__(self, index: int, summary: str, style: str) -> None:
            super().__init__()
            self.index = index
            self.summary = summary
            self.style = style

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.files = list(timeline_files([folder]))

    def compose(self) -> ComposeResult:
        yield Header()
        count = len(self.files)
        yield Label(
            Content.assemble(
                f"{count} timeline{'s' if count != 1 else ''} in ",
                line(str(self.folder), "bold"),
                " — enter opens one" if count else " (no *.toml files)",
            ),
            id="chooser-heading",
        )
        yield KeyList(
            *[file_prompt(self.name_of(path), "loading…") for path in self.files], id="files"
        )
        yield Footer()

    def name_of(self, path: Path) -> str:
        return str(path.relative_to(self.folder)) if path.is_relative_to(self.folder) else str(path)

    def on_mount(self) -> None:
        self.title = line(str(self.folder)).plain
        self.sub_title = "choose a timeline"
        self.query_one("#files", OptionList).focus()
        self.summarise()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def summarise(self) -> None:
        for index, path in enumerate(self.files):
            try:
                timeline = store.load(path).timeline
            except store.LoadError as error:
                count = len(error.problems)
                self.post_message(
                    self.Summary(index, f"does not load ({count} problem(s))", "bold red")
                )
                continue
            total = len(timeline.claims)
            self.post_message(
                self.Summary(
                    index,
                    f"{timeline.reviewed_count}/{total} reviewed · {len(timeline.events)} events",
                    "green" if total and timeline.reviewed_count == total else "",
                )
            )

    def on_chooser_screen_summary(self, message: ChooserScreen.Summary) -> None:
        self.query_one("#files", OptionList).replace_option_prompt_at_index(
            message.index,
            file_prompt(self.name_of(self.files[message.index]), message.summary, message.style),
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.open(event.option_index)

    def action_open(self) -> None:
        highlighted = self.query_one("#files", OptionList).highlighted
        if highlighted is not None:
            self.open(highlighted)

    def open(self, index: int) -> None:
        self.app.post_message(OpenFile(self.files[index]))
