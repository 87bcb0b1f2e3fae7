"""Where the catalogue's files are and their fingerprint: light enough to check a store is current before any
command decides how to open it."""

from __future__ import annotations

import hashlib
from pathlib import Path

# The installed package is a folder (never a zip), so its data sits beside this file: importlib.resources would
# cost the start-up its zipfile import.
PACKAGE_DIR = Path(__file__).resolve().parent.parent


def shipped_seed_dir() -> Path:
    return PACKAGE_DIR / "seed"


def seed_files(seed_dir: Path) -> list[Path]:
    return sorted(path for path in seed_dir.rglob("*.toml") if path.is_file())


def seed_digest(seed_dir: Path) -> str:
    """A fingerprint of the catalogue's files: when it changes, the store reloads the catalogue."""
    digest = hashlib.sha256()
    for path in seed_files(seed_dir):
        digest.update(path.relative_to(seed_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()
