"""Where the store is: --db, TE_NAVIGATOR_DB or the user data folder, as a SQLAlchemy URL (no ORM imported)."""

from __future__ import annotations

import os
from pathlib import Path


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("te-navigator")) / "te-navigator.sqlite"


def resolve_url(db: str | None) -> str:
    """--db, else TE_NAVIGATOR_DB, else a SQLite file in the user data directory. A bare path is a file."""
    value = db or os.environ.get("TE_NAVIGATOR_DB")
    if not value:
        return f"sqlite:///{default_db_path()}"
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().absolute()}"


def sqlite_path(url: str) -> Path | None:
    prefix = "sqlite:///"
    if url.startswith(prefix) and url != prefix and ":memory:" not in url:
        return Path(url[len(prefix) :])
    return None
