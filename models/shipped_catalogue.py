"""The catalogue as a store made from seed/ exports it, shipped beside seed/ (seed/catalogue.json), so the very
first start paints the service map at once instead of after the store has been created and loaded (seconds).

It is made from seed/ (`python -m te_navigator.models.shipped_catalogue`) and carries the digest of the seed/ it
was made from: a copy that no longer matches the installed seed/ is never shown, and a test fails until it is
made again. The store stays the truth: it opens behind the first paint and replaces this view if it differs.
Reading it imports neither the ORM nor the TOML reader.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from te_navigator.models.seed_files import seed_digest, shipped_seed_dir

FILE_NAME = "catalogue.json"


def shipped_path() -> Path:
    return shipped_seed_dir() / FILE_NAME


def read_shipped() -> dict | None:
    """The shipped catalogue, or None when it is missing, unreadable or made from another seed/."""
    try:
        data = json.loads(shipped_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("seed_digest") != seed_digest(shipped_seed_dir()):
        return None
    export = data.get("export")
    return export if isinstance(export, dict) and "services" in export and "groups" in export else None


def first_start_catalogue(url: str) -> dict | None:
    """The shipped catalogue for a SQLite store that does not exist yet (this start creates it), else None: an
    existing store may hold another catalogue (synced from the office), so it paints from its own snapshot."""
    from te_navigator.models.location import sqlite_path

    path = sqlite_path(url)
    if path is None or path.exists():
        return None
    return read_shipped()


def export_from_seed(seed_dir: Path | None = None) -> dict:
    """What a store freshly made from `seed_dir` exports, as the app reads it back from JSON."""
    from te_navigator.models.store import Store

    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(f"sqlite:///{Path(folder) / 'store.sqlite'}", seed_dir)
        try:
            export = store.export()
        finally:
            store.close()
    return json.loads(json.dumps(export, ensure_ascii=False, default=str))


def write_shipped() -> Path:
    seed_dir = shipped_seed_dir()
    data = {"seed_digest": seed_digest(seed_dir), "export": export_from_seed(seed_dir)}
    path = shipped_path()
    # One entry a line: a change in seed/ shows as a readable diff.
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    sys.stdout.write(f"{write_shipped()}\n")
