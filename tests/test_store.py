"""Opening, seeding, re-seeding and migrating the store; bad files leave everything untouched."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat

import pytest
from sqlmodel import select

from te_navigator.models.catalogue import CatalogueInvalid
from te_navigator.models.store import KNOWN_REVISIONS, SCHEMA_HEAD, Store, StoreError, make_engine, migrate


def _rows(path, sql):
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_first_open_creates_schema_and_catalogue(tmp_path):
    path = tmp_path / "new" / "store.sqlite"
    store = Store.open(f"sqlite:///{path}")
    assert store.opened.catalogue_loaded and store.opened.migrated_from is None
    assert len(store.groups()) == 7 and len(store.services()) >= 90
    assert _rows(path, "SELECT version_num FROM alembic_version") == [(SCHEMA_HEAD,)]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    store.close()


def test_second_open_changes_nothing(store_path):
    before = store_path.read_bytes()
    store = Store.open(f"sqlite:///{store_path}")
    assert not store.opened.catalogue_loaded
    store.close()
    assert store_path.read_bytes() == before


def test_changed_catalogue_reloads_only_catalogue_tables(store_path, seed_copy):
    connection = sqlite3.connect(store_path)
    connection.execute("CREATE TABLE case_note (id INTEGER PRIMARY KEY, text TEXT)")
    connection.execute("INSERT INTO case_note (text) VALUES ('kept')")
    connection.commit()
    connection.close()
    path = seed_copy / "services/01-finding-work.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('fi = "Palkkatuki"', 'fi = "Palkkatuki (uusi)"', 1), encoding="utf-8"
    )
    store = Store.open(f"sqlite:///{store_path}", seed_dir=seed_copy)
    assert store.opened.catalogue_loaded
    assert store.service("palkkatuki").name.fi == "Palkkatuki (uusi)"
    store.close()
    assert _rows(store_path, "SELECT text FROM case_note") == [("kept",)]


def test_invalid_catalogue_writes_nothing(store_path, seed_copy):
    (seed_copy / "groups.toml").write_text("[[group]]\nid = 'x'\n", encoding="utf-8")
    before = store_path.read_bytes()
    with pytest.raises(CatalogueInvalid):
        Store.open(f"sqlite:///{store_path}", seed_dir=seed_copy)
    assert store_path.read_bytes() == before


def test_migrations_from_empty_file(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.touch()
    store = Store.open(f"sqlite:///{path}")
    assert store.opened.migrated_from is None and len(store.services()) >= 90
    store.close()


@pytest.mark.parametrize("old_revision", KNOWN_REVISIONS[:-1])
def test_migration_from_previous_schema_keeps_a_backup(tmp_path, old_revision):
    path = tmp_path / "old.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        migrate(connection, old_revision)
    engine.dispose()
    assert _rows(path, "SELECT version_num FROM alembic_version") == [(old_revision,)]
    store = Store.open(f"sqlite:///{path}")
    assert store.opened.migrated_from == old_revision
    assert store.opened.backup is not None and store.opened.backup.exists()
    assert store.search_index().search("palkkatukea")[0].id == "palkkatuki"
    assert len(store.pathways()) >= 10
    store.close()
    assert _rows(path, "SELECT version_num FROM alembic_version") == [(SCHEMA_HEAD,)]


def test_migration_keeps_case_data(tmp_path):
    """Cases and assessments saved under schema 0003 survive the move to referrals (0004)."""
    path = tmp_path / "old.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        migrate(connection, "0003_assessments")
    engine.dispose()
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO case_record (reference, created_at) VALUES ('LOV-1', '2026-01-01 00:00:00')")
    connection.commit()
    connection.close()
    Store.open(f"sqlite:///{path}").close()
    assert _rows(path, "SELECT reference, registered_on FROM case_record") == [("LOV-1", None)]


def test_migrations_match_the_tables(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from te_navigator.models.tables import SQLModel

    store = Store.open(f"sqlite:///{tmp_path / 's.sqlite'}")
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    store.close()
    assert differences == []


def test_alembic_head_is_the_schema_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from te_navigator.models import store as store_module

    config = Config()
    config.set_main_option("script_location", str(store_module.Path(store_module.__file__).parent / "migrations"))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_HEAD


def test_not_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello, this is not a database\n")
    with pytest.raises(StoreError, match=str(path)):
        Store.open(f"sqlite:///{path}")
    assert path.read_text() == "hello, this is not a database\n"


def test_store_from_newer_version_is_refused_untouched(store_path):
    connection = sqlite3.connect(store_path)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.close()
    before = store_path.read_bytes()
    with pytest.raises(StoreError, match="9999_future"):
        Store.open(f"sqlite:///{store_path}")
    assert store_path.read_bytes() == before


def test_unwritable_data_folder(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as caught:
        Store.open(f"sqlite:///{blocker / 'sub' / 'store.sqlite'}")
    assert str(blocker / "sub") in str(caught.value)


def test_any_sqlalchemy_url(tmp_path):
    store = Store.open("sqlite://")  # in memory: no file at all
    assert len(store.groups()) == 7
    store.close()


def test_export_lists_everything_bilingually(store):
    data = store.export()
    for key in ("services", "groups", "service_lines", "partners", "municipalities", "glossary"):
        assert data[key], key
        for entry in data[key]:
            assert set(entry["term" if key == "glossary" else "name"]) == {"fi", "sv"} and entry["id"]
    porvoo = next(m for m in data["municipalities"] if m["id"] == "porvoo")
    assert porvoo["stats"]["population_2022"] == 51232 and porvoo["stats"]["staff_fte"] == 38.05


# --- every engine: SQLite and, when the suite is given a server, PostgreSQL ------------------------------------


def test_a_new_store_is_migrated_and_seeded_on_every_engine(engine_store_url):
    store = Store.open(engine_store_url)
    try:
        assert len(store.services()) >= 90
        assert store.search_index().search("palkkatuki")
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == SCHEMA_HEAD
    finally:
        store.close()
    reopened = Store.open(engine_store_url)
    assert reopened.opened.catalogue_loaded is False  # nothing changed, nothing rewritten
    reopened.close()


def test_a_store_of_a_newer_schema_is_refused_on_every_engine(engine_store_url):
    store = Store.open(engine_store_url)
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    store.close()
    with pytest.raises(StoreError, match="9999_future"):
        Store.open(engine_store_url)


def test_writes_are_all_or_nothing_on_every_engine(engine_store_url):
    from te_navigator.models.tables import Case

    store = Store.open(engine_store_url)
    try:
        with pytest.raises(RuntimeError), store.transaction() as session:
            session.add(Case(reference="HALF-1", created_at=dt.datetime.now(dt.UTC)))
            session.flush()
            raise RuntimeError("cut off half-way")
        with store.transaction() as session:
            assert session.exec(select(Case).where(Case.reference == "HALF-1")).first() is None
    finally:
        store.close()


@pytest.mark.parametrize(
    "url, words",
    [
        ("postgresql+psycopg://nobody:secret@127.0.0.1:1/none", "Connection refused"),
        ("mongodb://localhost/store", "sqlite:///"),
    ],
)
def test_an_unreachable_or_unknown_store_is_one_line_without_the_password(url, words):
    with pytest.raises(StoreError) as raised:
        Store.open(url)
    message = str(raised.value)
    assert words in message and "\n" not in message and "secret" not in message


def test_a_missing_database_driver_names_the_extra_to_install(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_psycopg(name, *args, **kwargs):
        if name.split(".")[0] == "psycopg":
            raise ModuleNotFoundError(f"No module named {name!r}", name="psycopg")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_psycopg)
    with pytest.raises(StoreError, match=r"te-navigator\[postgres\]"):
        Store.open("postgresql+psycopg://someone@localhost/store")


def test_a_wrong_password_is_one_line_naming_the_problem(engine):
    if engine != "postgresql":
        pytest.skip("needs the PostgreSQL server")
    from sqlalchemy.engine import make_url

    from conftest import POSTGRES_URL, _postgres_admin

    # .ci/postgres.sh makes this one role log in with a password; every other role is trusted on the socket.
    _postgres_admin("DROP ROLE IF EXISTS te_password_check")
    _postgres_admin("CREATE ROLE te_password_check LOGIN PASSWORD 'right-one'")
    url = make_url(POSTGRES_URL).set(username="te_password_check", password="wrong-one")
    with pytest.raises(StoreError) as raised:
        Store.open(url.render_as_string(hide_password=False))
    message = str(raised.value)
    assert "password" in message and "\n" not in message and "wrong-one" not in message


def test_staff_starting_a_new_version_at_once_take_turns_and_none_fails(engine_store_url, seed_copy):
    """Ten caseworkers start te-navigator after an update of seed/: one reloads the catalogue, none fails."""
    from concurrent.futures import ThreadPoolExecutor

    (seed_copy / "groups.toml").write_text(
        (seed_copy / "groups.toml").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8"
    )

    def start(_number):
        store = Store.open(engine_store_url, seed_dir=seed_copy)
        store.close()
        return store.opened.catalogue_loaded

    with ThreadPoolExecutor(max_workers=6) as pool:
        loaded = list(pool.map(start, range(10)))
    assert loaded.count(True) == 1


def test_municipalities_come_as_typed_models(store):
    from pydantic import ValidationError

    from te_navigator.models.entities import MunicipalityFigures

    porvoo = next(m for m in store.municipalities() if m.id == "porvoo")
    assert (porvoo.name.text("fi"), porvoo.name.text("sv")) == ("Porvoo", "Borgå")
    assert porvoo.stats.population_2022 == 51232 and porvoo.stats.staff_fte == 38.05
    figures = porvoo.stats.model_dump() | {"unemployment_rate_2023_07": 140.0}
    with pytest.raises(ValidationError, match="unemployment_rate_2023_07"):
        MunicipalityFigures(**figures)
