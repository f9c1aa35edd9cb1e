"""The explorer application: opens a file (loading it in a worker) or a folder chooser."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

from textual import events, work
from textual.app import App, SystemCommand
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from factcheck import store
from factcheck.text import sanitize_line
from factcheck.tui import preferences
from factcheck.tui.messages import OpenFile
from factcheck.tui.screens.chooser import ChooserScreen
from factcheck.tui.screens.dialog import ROUTED, hand_key
from factcheck.tui.screens.loading import LoadingScreen
from factcheck.tui.screens.main import MainScreen
from factcheck.tui.screens.problems import ProblemsScreen
from factcheck.tui.screens.session_screen import SessionScreen


class TimelineLoaded(Message):
    def __init__(self, loaded: store.Loaded) -> None:
        super().__init__()
        self.loaded = loaded


class LoadFailed(Message):
    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__()
        self.path = path
        self.problems = problems


class ExplorerApp(App[None]):
    """`factcheck [PATH]`: the review workbench of docs/ARCHITECTURE.md section 4."""

    CSS_PATH = "app.tcss"
    TITLE = "factcheck"
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.loading_path: Path | None = None
        self.remembered_theme: str | None = None
        self._settings_lock = threading.Lock()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            ROUTED[event] = self.screen  # the screen Textual hands the key to
        await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        """A key of a burst handed to the screen below a dialog that an earlier key of the
        burst opened (`a` then a pasted URL) comes back here unused: it goes to the screen
        on top now, in order, instead of being dropped."""
        routed = ROUTED.pop(event, self.screen)
        if routed is not self.screen:
            event.stop()
            event.prevent_default()
            hand_key(self.screen, event)

    async def action_quit(self) -> None:
        """`ctrl+q` (and `q`, the palette's Quit): one way out, through the review's
        unsaved-changes prompt when a review is open."""
        reviews = [screen for screen in self.screen_stack if isinstance(screen, SessionScreen)]
        if reviews:
            reviews[-1].action_quit()
        else:
            self.exit()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's commands without its own "Quit": the palette's Quit is the screen's,
        which asks before dropping unsaved changes."""
        for command in super().get_system_commands(screen):
            if command.title != "Quit":
                yield command

    def on_mount(self) -> None:
        self.restore_theme()
        if self.path.is_dir():
            self.push_screen(ChooserScreen(self.path))
        else:
            self.open_path(self.path)

    # --- the theme, remembered between runs (factcheck.tui.preferences) -------------------

    def restore_theme(self) -> None:
        theme, notice = preferences.load_theme()
        if theme is not None and theme not in self.available_themes:
            notice = f"Unknown theme {sanitize_line(theme)!r} in the settings; ignored"
        elif theme is not None:
            self.theme = theme
        self.remembered_theme = self.theme
        if notice:
            self.notify(notice, title="Settings", severity="warning", markup=False)

    def watch_theme(self, theme: str) -> None:
        """A theme chosen in the palette is remembered (after the start-up restore)."""
        if self.remembered_theme is not None and theme != self.remembered_theme:
            self.remember_theme()

    @work(thread=True, exit_on_error=False, group="settings")
    def remember_theme(self) -> None:
        # The theme picker sets a theme per highlighted row: each write takes the theme of
        # the moment, one at a time, so the last write is the last choice.
        with self._settings_lock:
            theme = self.theme
            if theme == self.remembered_theme:
                return
            problem = preferences.save_theme(theme)
            self.remembered_theme = theme
        if problem:
            self.call_from_thread(self.notify, problem, severity="warning", markup=False)

    def open_path(self, path: Path, replace: bool = False) -> None:
        """Show a loading screen and load the file in a worker thread."""
        self.loading_path = path
        if replace:
            self.switch_screen(LoadingScreen(path))
        else:
            self.push_screen(LoadingScreen(path))
        self.load(path)

    def on_open_file(self, message: OpenFile) -> None:
        self.open_path(message.path, replace=message.replace)

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load(self, path: Path) -> None:
        try:
            loaded = store.load(path)
        except store.LoadError as error:
            self.post_message(LoadFailed(path, [str(problem) for problem in error.problems]))
            return
        self.post_message(TimelineLoaded(loaded))

    def on_timeline_loaded(self, message: TimelineLoaded) -> None:
        self.switch_screen(MainScreen(message.loaded))

    def on_load_failed(self, message: LoadFailed) -> None:
        self.switch_screen(ProblemsScreen(message.path, message.problems))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one handler for workers that failed unexpectedly: a message, never a crash."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        text = sanitize_line(f"{type(error).__name__}: {error}")[:500]
        if isinstance(self.screen, LoadingScreen) and self.loading_path is not None:
            self.switch_screen(ProblemsScreen(self.loading_path, [f"cannot load: {text}"]))
        else:
            self.notify(text, title="Something went wrong", severity="error", markup=False)


def run(path: Path) -> None:
    ExplorerApp(path).run()
