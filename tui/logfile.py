"""The app's log file, in the user's log folder: where unexpected errors leave their traceback."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

log = logging.getLogger("te_navigator")


def log_path() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("te-navigator")) / "te-navigator.log"


def log_to_file(path: Path | None = None) -> Path | None:
    """Sends te-navigator's warnings and errors to the log file; None when the folder cannot be made."""
    path = path or log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=2, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    log.addHandler(handler)
    return path
