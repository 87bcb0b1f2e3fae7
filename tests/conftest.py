"""Shared fixtures: every test runs with its own cache, config and store; the seeded store is built once."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest

from te_navigator.models import i18n

REPO = Path(__file__).resolve().parent.parent
# A PostgreSQL server to run the store tests on as well (.ci/postgres.sh starts one and sets this).
POSTGRES_URL = os.environ.get("TE_NAVIGATOR_TEST_PG")
SEEDED_POSTGRES_DATABASE = "te_seeded"


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: a test of the SQLite file itself (locks, backups, mode)")


def pytest_generate_tests(metafunc):
    """Tests that ask for `engine` run once per store engine: SQLite, and PostgreSQL when a server is given."""
    if "engine" in metafunc.fixturenames:
        engines = ["sqlite"]
        if POSTGRES_URL and not metafunc.definition.get_closest_marker("sqlite_only"):
            engines.append("postgresql")
        metafunc.parametrize("engine", engines)


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's real config, cache or store."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TE_NAVIGATOR_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.setenv("TE_NAVIGATOR_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("TE_NAVIGATOR_DB", str(home / "default.sqlite"))
    monkeypatch.setenv("TE_NAVIGATOR_STATE", str(home / "state"))
    monkeypatch.setenv("TE_NAVIGATOR_NO_TOUR", "1")  # the first-day tour's offer only where a test asks for it
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


def postgres_database_url(database: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(POSTGRES_URL).set(database=database).render_as_string(hide_password=False)


def _postgres_admin(statement: str) -> None:
    from sqlalchemy import create_engine

    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(statement)
    finally:
        admin.dispose()


@pytest.fixture(scope="session")
def seeded_postgres_database() -> str:
    """A database migrated and seeded once, copied for each test (PostgreSQL's CREATE DATABASE … TEMPLATE)."""
    from te_navigator.models.store import Store

    _postgres_admin(f"DROP DATABASE IF EXISTS {SEEDED_POSTGRES_DATABASE} WITH (FORCE)")
    _postgres_admin(f"CREATE DATABASE {SEEDED_POSTGRES_DATABASE}")
    Store.open(postgres_database_url(SEEDED_POSTGRES_DATABASE)).close()
    return SEEDED_POSTGRES_DATABASE


@pytest.fixture
def engine_store_url(engine, request) -> str:
    """A private seeded store on the engine under test."""
    if engine == "sqlite":
        return request.getfixturevalue("store_url")
    template = request.getfixturevalue("seeded_postgres_database")
    database = f"test_{uuid.uuid4().hex[:16]}"
    _postgres_admin(f"CREATE DATABASE {database} TEMPLATE {template}")
    request.addfinalizer(lambda: _postgres_admin(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
    return postgres_database_url(database)
