"""Shared fixtures: every test runs with its own cache, config and store; the seeded store is built once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from te_navigator.models import i18n

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's real config, cache or store."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TE_NAVIGATOR_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.setenv("TE_NAVIGATOR_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("TE_NAVIGATOR_DB", str(home / "default.sqlite"))
    for variable in ("LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    i18n.set_language("fi")
    yield
    i18n.set_language("fi")


@pytest.fixture(scope="session")
def seeded_store_file(tmp_path_factory) -> Path:
    from te_navigator.models.store import Store

    path = tmp_path_factory.mktemp("seeded") / "store.sqlite"
    Store.open(f"sqlite:///{path}").close()
    return path


@pytest.fixture
def store_path(seeded_store_file, tmp_path) -> Path:
    """A private copy of the seeded store, so tests may change it."""
    path = tmp_path / "store.sqlite"
    shutil.copy(seeded_store_file, path)
    path.chmod(0o600)
    return path


@pytest.fixture
def store_url(store_path) -> str:
    return f"sqlite:///{store_path}"


@pytest.fixture
def store(store_url):
    from te_navigator.models.store import Store

    opened = Store.open(store_url)
    yield opened
    opened.close()


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    """An editable copy of the shipped catalogue."""
    from te_navigator.models.catalogue import shipped_seed_dir

    target = tmp_path / "seed"
    shutil.copytree(shipped_seed_dir(), target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return target
