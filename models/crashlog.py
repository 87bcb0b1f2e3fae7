"""Where an unexpected error goes: its traceback into a log file in the user's state folder, so the user
sees one line naming the file instead of a traceback, and a developer still gets everything.

The log never records the command's arguments: they may hold what a caseworker typed.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
import traceback
from pathlib import Path

LOG_NAME = "errors.log"
MAX_LOG_BYTES = 1_000_000  # the oldest half goes when the log grows past this


def state_dir() -> Path:
    override = os.environ.get("TE_NAVIGATOR_STATE")
    if override:
        return Path(override)
    from platformdirs import user_state_dir

    return Path(user_state_dir("te-navigator"))


def log_path() -> Path:
    return state_dir() / LOG_NAME


def record(error: BaseException, where: str = "") -> Path | None:
    """Appends the error's traceback to the log; returns the log's path, or None when it cannot be written."""
    from te_navigator import __version__

    path = log_path()
    lines = [
        f"--- {dt.datetime.now().astimezone().isoformat(timespec='seconds')} te-navigator {__version__} "
        f"Python {sys.version.split()[0]} {where}".rstrip()
        + "\n"
    ]
    lines += traceback.format_exception(type(error), error, error.__traceback__)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        _trim(path)
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        descriptor = os.open(path, flags, 0o600)  # O_NONBLOCK: a FIFO left at the name must not block the error
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            os.close(descriptor)
            return None
        with os.fdopen(descriptor, "w", encoding="utf-8", errors="backslashreplace") as log:
            log.writelines(lines)
    except OSError:
        return None
    return path


def _trim(path: Path) -> None:
    try:
        info = path.lstat()
        if stat.S_ISREG(info.st_mode) and info.st_size > MAX_LOG_BYTES:
            kept = path.read_bytes()[-MAX_LOG_BYTES // 2 :]
            path.write_bytes(kept)
    except FileNotFoundError:
        pass
