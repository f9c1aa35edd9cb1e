"""Who is reviewing and what day it is: the stamp written with every status change.

Kept apart from the screens so tests can fix both (snapshots must not depend on the clock
or on the machine's git configuration).
"""

from __future__ import annotations

import datetime as dt
import getpass
from pathlib import Path

from factcheck.review.gitrun import GitError, run_git


def reviewer() -> str:
    """git `user.name`, else the login name (the reviewer stamp, docs/ARCHITECTURE.md section 4).

    Asked through the hardened runner: the current folder may be an untrusted clone.
    """
    try:
        result = run_git(Path("."), "config", "user.name", timeout=5)
        name = result.stdout.strip()
        if result.returncode == 0 and name:
            return name
    except (OSError, GitError):
        pass
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def today() -> str:
    """Today's date in ISO form, as written to `reviewed_on` and `accessed`."""
    return dt.date.today().isoformat()
