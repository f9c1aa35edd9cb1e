"""The explorer's remembered choices (the theme), in the user's config folder.

One small JSON file, `explorer.json` in `platformdirs.user_config_dir("factcheck")`, written
atomically. The file is the user's and may be anything (huge, binary, a FIFO, hostile JSON):
whatever does not read as expected is ignored with a notice, never a crash. No Textual here.
"""

from __future__ import annotations

import json
from pathlib import Path

import platformdirs

from factcheck import store
from factcheck.text import sanitize_line

FILE_NAME = "explorer.json"
#: More than a settings file ever needs; a bigger one is not read.
MAX_BYTES = 16_384
#: Longer names are not theme names.
MAX_NAME = 100


def settings_path() -> Path:
    return Path(platformdirs.user_config_dir("factcheck")) / FILE_NAME


def load_theme(path: Path | None = None) -> tuple[str | None, str | None]:
    """(the remembered theme or None, a notice when the file was ignored, else None)."""
    path = settings_path() if path is None else path
    shown = sanitize_line(str(path))
    if not path.exists() and not path.is_symlink():
        return None, None
    try:
        data = store.read_limited(path, shown, MAX_BYTES)
        settings = json.loads(data.decode("utf-8"))
    except store.LoadError as error:
        return None, f"{sanitize_line(str(error))[:300]}; settings ignored"
    except IsADirectoryError:
        return None, f"{shown}: is a folder; settings ignored"
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, f"{shown}: not a JSON settings file; settings ignored"
    theme = settings.get("theme") if isinstance(settings, dict) else None
    if not isinstance(theme, str) or not 0 < len(theme) <= MAX_NAME:
        return None, f"{shown}: no theme name in it; settings ignored"
    return theme, None


def save_theme(theme: str, path: Path | None = None) -> str | None:
    """Remember the theme; a message for the user when it could not be written."""
    path = settings_path() if path is None else path
    data = (json.dumps({"theme": theme}, indent=2) + "\n").encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        store.write_atomic(path, data)
    except store.SaveError as error:
        return f"The theme was not remembered: {sanitize_line(str(error))[:300]}"
    except OSError as error:
        where = sanitize_line(str(path.parent))
        return f"The theme was not remembered: cannot create {where}: {error.strerror}"
    return None
