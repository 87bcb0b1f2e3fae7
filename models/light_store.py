"""Opening a store the light way when it can be: an up-to-date SQLite file is read from the stored catalogue and
with plain SQL through sqlite3, without importing the ORM; any other store (a new or old file, PostgreSQL at the
office) opens the full way, which creates, migrates or reloads it and fills the stored catalogue."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from te_navigator.models.catalogue_cache import CachedCatalogue, current_sqlite_digest, is_cached
from te_navigator.models.location import sqlite_path
from te_navigator.models.sql import Sql, sqlite_transaction


class LightStore(CachedCatalogue):
    """An up-to-date SQLite store: the catalogue from the cache, case data through plain SQL."""

    def __init__(self, digest: str, path: Path):
        super().__init__(digest)
        self.path = path

    def sql(self, write: bool = False) -> AbstractContextManager[Sql]:
        return sqlite_transaction(self.path, write)


def open_light(url: str) -> Any:
    """A LightStore for an up-to-date, cached SQLite file, else the `Store` opened the full way."""
    digest = current_sqlite_digest(url)
    path = sqlite_path(url)
    if digest is not None and path is not None and is_cached(digest):
        return LightStore(digest, path)
    from te_navigator.models.store import Store

    store = Store.open(url)
    store.fill_cache()
    return store


__all__ = ["LightStore", "open_light"]
