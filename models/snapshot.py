"""A read cache of the catalogue export, so the app can paint the service map before SQLModel is imported.

The store stays the truth: the app opens it right after the first paint and replaces the cached view when
the catalogue differs. Only catalogue content is cached, never case data.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

from te_navigator.models.i18n import cache_dir


def snapshot_path(url: str) -> Path:
    name = f"{zlib.crc32(url.encode()):08x}"  # a name, not a secret: hashlib would cost the start an import
    return cache_dir() / "snapshots" / f"{name}.json"


def read_snapshot(url: str) -> dict | None:
    try:
        data = json.loads(snapshot_path(url).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "services" in data and "groups" in data else None


def write_snapshot(url: str, export: dict) -> None:
    path = snapshot_path(url)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_suffix(".tmp")
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as handle:
            json.dump(export, handle, ensure_ascii=False, default=str)
        tmp.replace(path)
    except OSError:
        pass  # a cache that cannot be written only costs start-up time
