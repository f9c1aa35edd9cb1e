"""Who is reviewing and what day it is: the stamp written with every status change.

Kept apart from the screens so tests can fix both (snapshots must not depend on the clock
or on the machine's git configuration).
"""

from __future__ import annotations

import datetime as dt
import getpass
import subprocess


def reviewer() -> str:
    """git `user.name`, else the login name (the reviewer stamp, docs/ARCHITECTURE.md section 4)."""
    try:
        result = subprocess.run(
            ["git", "config", "user.name"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
        name = result.stdout.strip()
        if result.returncode == 0 and name:
            return name
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def today() -> str:
    """Today's date in ISO form, as written to `reviewed_on` and `accessed`."""
    return dt.date.today().isoformat()
