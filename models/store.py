"""The local store: opening it from a URL, migrating its schema, and keeping its catalogue up to date.

Opening a store: the file is checked, migrated (after a backup copy) and, when seed/ changed, the catalogue
tables are reloaded — all in one transaction, so a failure leaves the store as it was.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    InterfaceError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlmodel import Session, SQLModel, col, delete, select

from te_navigator.models import entities
from te_navigator.models.catalogue import Catalogue, CatalogueInvalid, load_catalogue, seed_digest, shipped_seed_dir
from te_navigator.models.errors import UserFacingError
from te_navigator.models.i18n import _
from te_navigator.models.location import default_db_path, resolve_url, sqlite_path  # noqa: F401  (re-exported)
from te_navigator.models.revisions import KNOWN_REVISIONS, SCHEMA_HEAD
from te_navigator.models.vocabulary import TERM_LINKS
from te_navigator.models.catalogue_reads import CatalogueReads
from te_navigator.models.search import SearchIndex, IndexRow, catalogue_index_rows, municipality_index_rows
from te_navigator.models.sql import AlchemySql, Sql
from te_navigator.models.tables import (
    CATALOGUE_TABLES,
    CatalogueDocument,
    CatalogueMeta,
    GlossaryTerm,
    MultiAgencyModel,
    Municipality,
    OrientationLanguage,
    Partner,
    SearchTerm,
    Service,
    ServiceGroup,
    ServiceGroupLink,
    ServiceLine,
    ServiceLineLink,
    ServicePartnerLink,
    ServicePoint,
)

SQLITE_HEADER = b"SQLite format 3\x00"
# How long one write waits for another process's write lock, and how often it asks again before giving up.
BUSY_TIMEOUT_MS = 10_000
WRITE_ATTEMPTS = 3


class StoreError(UserFacingError):
    """A store that cannot be opened or changed; the message is for the user, already translated."""


def database_error_message(error: SQLAlchemyError) -> str:
    """One translated line for a database that failed while in use; never the SQL or its parameters."""
    from te_navigator.models.sql import failure_message

    return failure_message(_reason(error))


def _prepare_file(path: Path) -> None:
    """Checks the file before SQLAlchemy sees it, so the message can name the problem."""
    try:
        if path.parent.exists() and not path.parent.is_dir():
            raise StoreError(
                _("Cannot create the data folder {path}: {reason}").format(
                    path=path.parent, reason=_("a file of that name is in the way")
                )
            )
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise StoreError(
            _("Cannot create the data folder {path}: {reason}").format(path=path.parent, reason=error.strerror or error)
        ) from None
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise StoreError(_("Cannot open the store {url}: {reason}").format(url=path, reason=error.strerror)) from None
    if info is None:
        if not os.access(path.parent, os.W_OK):
            raise StoreError(_("The data folder {path} is not writable.").format(path=path.parent))
        return
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(_("{path} is a folder, not a store file.").format(path=path))
    if not stat.S_ISREG(info.st_mode):  # a FIFO would hang the first read; a device is never a store
        raise StoreError(_("{path} is not a regular file, so it cannot be a store.").format(path=path))
    if not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(_("The store file {path} cannot be read and written by you.").format(path=path))
    if not os.access(path.parent, os.W_OK):
        raise StoreError(
            _("The data folder {path} is not writable, so the store cannot be changed safely.").format(path=path.parent)
        )
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StoreError(_("Cannot open the store {url}: {reason}").format(url=path, reason=error.strerror)) from None
    if header and header != SQLITE_HEADER:
        raise StoreError(_("{path} is not a te-navigator store (not an SQLite file).").format(path=path))
    if header:
        _refuse_foreign_database(path)


def _refuse_foreign_database(path: Path) -> None:
    """Another program's SQLite file is refused before anything opens it for writing (opening it as a store
    would switch its journal mode, and a start would add our tables to it)."""
    try:
        reader = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise StoreError(_("Cannot open the store {url}: {reason}").format(url=path, reason=error)) from None
    try:
        tables = {row[0] for row in reader.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as error:
        raise StoreError(_("Cannot read the store {url}: {reason}").format(url=path, reason=error)) from None
    finally:
        reader.close()
    if tables and "alembic_version" not in tables:
        raise StoreError(
            _(
                "{url} belongs to another program (it has tables but is no te-navigator store); "
                "it is left as it is. Give another --db."
            ).format(url=path)
        )


def make_engine(url: str) -> Engine:
    path = sqlite_path(url)
    if path is not None:
        _prepare_file(path)
        old_umask = os.umask(0o077)  # a new store file is readable by its owner only
    try:
        engine = _create_engine(url)
        if engine.dialect.name == "sqlite":
            _make_sqlite_transactional(engine)
        with engine.connect():
            pass
    except (DatabaseError, OperationalError, InterfaceError) as error:
        raise StoreError(
            _("Cannot open the store {url}: {reason}").format(url=public_url(url), reason=_reason(error))
        ) from None
    finally:
        if path is not None:
            os.umask(old_umask)
    if path is not None and path.exists():
        for private in (path, *_wal_files(path)):
            if private.exists():
                private.chmod(0o600)
    return engine


def _create_engine(url: str) -> Engine:
    try:
        return create_engine(url)
    except NoSuchModuleError:
        raise StoreError(
            _(
                "Unknown kind of store {url}: use a file path, sqlite:///FILE or "
                "postgresql+psycopg://USER@HOST/DATABASE."
            ).format(url=public_url(url))
        ) from None
    except ModuleNotFoundError as error:
        raise StoreError(
            _(
                "The database driver {driver} is not installed: install te-navigator with "
                'pip install "te-navigator[postgres]".'
            ).format(driver=error.name)
        ) from None
    except (ArgumentError, ValueError) as error:
        raise StoreError(
            _("The store address {url} is not valid: {reason}").format(url=public_url(url), reason=error)
        ) from None
    except ImportError as error:  # a dialect whose own import fails
        raise StoreError(
            _("The store address {url} is not valid: {reason}").format(url=public_url(url), reason=error)
        ) from None


def _reason(error: Exception) -> str:
    """The driver's own words, first line only: server messages run on with hints and context."""
    reason = str(getattr(error, "orig", None) or error).strip()
    return reason.splitlines()[0] if reason else type(error).__name__


def public_url(url: str) -> str:
    """The address without its password, for messages and the sync record."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # unparsable (a port that is no number): still never the password
        return re.sub(r"(//[^/:@]*:)[^/@]*@", r"\1***@", url)


def _wal_files(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _make_sqlite_transactional(engine: Engine) -> None:
    """pysqlite leaves DDL outside transactions; this makes schema changes and seeding one transaction.

    Writes begin IMMEDIATE, taking the write lock before reading anything, so two savers queue up behind the
    busy timeout instead of failing when one of them later tries to upgrade a read lock."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Deleted rows are overwritten with zeros, so purged or deleted case data is not left in free pages.
        dbapi_connection.execute("PRAGMA secure_delete = ON")
        # WAL: readers never wait for a writer, and a writer waits only for another writer.
        dbapi_connection.execute("PRAGMA journal_mode = WAL")

    @event.listens_for(engine, "begin")
    def _begin(connection):
        writing = connection.get_execution_options().get("te_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def _is_lock_error(error: OperationalError) -> bool:
    text_of_error = str(error.orig).lower()
    return "locked" in text_of_error or "busy" in text_of_error


@contextmanager
def write_connection(engine: Engine) -> Iterator[Connection]:
    """A connection inside a write transaction: committed when the block ends, rolled back on any error.

    The write lock is taken at the start (SQLite), waiting up to the busy timeout and asking again a bounded
    number of times; a lock it could not get is a StoreError that says so."""
    connection = _begin_write(engine)
    try:
        yield connection
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.close()


def _begin_write(engine: Engine) -> Connection:
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        connection = engine.connect().execution_options(te_write=True)
        try:
            connection.begin()
            return connection
        except OperationalError as error:
            connection.close()
            if not _is_lock_error(error):
                raise
            if attempt == WRITE_ATTEMPTS:
                raise StoreError(
                    _(
                        "The store is busy: another program kept it locked for {seconds} seconds. "
                        "Nothing was saved; try again."
                    ).format(seconds=WRITE_ATTEMPTS * BUSY_TIMEOUT_MS // 1000)
                ) from None
            time.sleep(0.05 * attempt)
    raise AssertionError("unreachable")


# Any number, the same in every te-navigator: one process at a time migrates or reloads an office store.
BRING_UP_LOCK = 74_702_025


def _serialise_bring_up(connection: Connection) -> None:
    """On PostgreSQL, staff starting a new version at once take turns (SQLite's BEGIN IMMEDIATE already does)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": BRING_UP_LOCK})


def saved_references(connection: Connection) -> dict[str, set]:
    """The checklists that saved assessments use, and the (pathway, step) pairs that referrals use."""
    tables = set(inspect(connection).get_table_names())
    references: dict[str, set] = {"checklist": set(), "step": set()}
    if "assessment" in tables:
        references["checklist"] = set(connection.execute(text("SELECT DISTINCT template_id FROM assessment")).scalars())
    if "referral" in tables:
        references["step"] = {
            (row[0], row[1]) for row in connection.execute(text("SELECT DISTINCT pathway_id, step_id FROM referral"))
        }
    return references


def saved_references_of(url: str) -> dict[str, set]:
    """`saved_references` of an existing store, read without migrating or reloading it; empty when none exists."""
    path = sqlite_path(url)
    if path is not None:
        if not path.is_file():
            return {"checklist": set(), "step": set()}
        _prepare_file(path)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return saved_references(connection)
    except DatabaseError as error:
        raise StoreError(
            _("Cannot read the store {url}: {reason}").format(url=public_url(url), reason=_reason(error))
        ) from None
    finally:
        engine.dispose()


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(connection: Connection, target: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.attributes["connection"] = connection
    command.upgrade(config, target)


def backup_file(path: Path, revision: str) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.{revision}.{stamp}.bak")
    source = sqlite3.connect(path)
    try:
        target = sqlite3.connect(backup)
        with target:
            source.backup(target)
        target.close()
    finally:
        source.close()
    backup.chmod(0o600)
    return backup


@dataclass
class OpenResult:
    migrated_from: str | None
    catalogue_loaded: bool
    backup: Path | None


class Store(CatalogueReads):
    """Reads of the catalogue as its models (frozen, so safe to hand to any thread) and casework through the ORM."""

    def __init__(self, url: str, engine: Engine):
        self.url = url
        self.engine = engine
        self.opened: OpenResult | None = None
        self._index: SearchIndex | None = None

    # --- opening -----------------------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str, seed_dir: Path | None = None) -> Store:
        store = cls(url, make_engine(url))
        store.opened = store._bring_up_to_date(seed_dir or shipped_seed_dir())
        return store

    def _bring_up_to_date(self, seed_dir: Path) -> OpenResult:
        path = sqlite_path(self.url)
        with self.engine.connect() as connection:
            try:
                revision = current_revision(connection)
                stored_digests = self._stored_digests(connection) if revision else set()
                tables = set(inspect(connection).get_table_names())
            except DatabaseError as error:
                raise StoreError(
                    _("Cannot read the store {url}: {reason}").format(url=public_url(self.url), reason=_reason(error))
                ) from None
        if revision is None and tables:
            raise StoreError(
                _(
                    "{url} belongs to another program (it has tables but is no te-navigator store); "
                    "it is left as it is. Give another --db."
                ).format(url=public_url(self.url))
            )
        if revision == SCHEMA_HEAD:
            missing = sorted(set(SQLModel.metadata.tables) - tables)
            if missing:
                raise StoreError(
                    _(
                        "The store {url} is damaged: the table {table} is missing. Restore a backup "
                        "(a .bak file beside it) or move the file away to start afresh."
                    ).format(url=public_url(self.url), table=missing[0])
                )
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise StoreError(
                _(
                    "The store {url} was written by a newer version of te-navigator "
                    "(schema {revision}). Update te-navigator to open it."
                ).format(url=public_url(self.url), revision=revision)
            )
        needs_migration = revision != SCHEMA_HEAD
        # The catalogue is current when it was loaded from this seed/, or synced from the office since seed/
        # last changed.
        needs_catalogue = needs_migration or seed_digest(seed_dir) not in stored_digests
        if not needs_catalogue:
            return OpenResult(None, False, None)
        catalogue = load_catalogue(seed_dir) if needs_catalogue else None
        if catalogue is not None and revision is not None:
            self._refuse_catalogue_without_saved_references(catalogue)
        backup = None
        if needs_migration and revision is not None and path is not None:
            try:
                backup = backup_file(path, revision)
            except (OSError, sqlite3.Error) as error:
                raise StoreError(
                    _("Cannot make a backup copy of {path} before updating it: {reason}").format(
                        path=path, reason=error
                    )
                ) from None
        try:
            with write_connection(self.engine) as connection:
                _serialise_bring_up(connection)
                # Another process may have done it while this one waited for the lock.
                revision_now = current_revision(connection)
                if revision_now == SCHEMA_HEAD and seed_digest(seed_dir) in self._stored_digests(connection):
                    return OpenResult(None, False, backup)
                if revision_now != SCHEMA_HEAD:
                    migrate(connection)
                replace_catalogue_and_deadlines(connection, catalogue)
        except (DatabaseError, OperationalError) as error:
            raise StoreError(
                _("Cannot update the store {url}: {reason}").format(url=public_url(self.url), reason=_reason(error))
            ) from None
        return OpenResult(revision if needs_migration else None, True, backup)

    def _refuse_catalogue_without_saved_references(self, catalogue: Catalogue) -> None:
        """A new catalogue may not drop a checklist, pathway or step that saved case data still uses."""
        from te_navigator.models.catalogue import saved_reference_problems

        try:
            with self.engine.connect() as connection:
                references = saved_references(connection)
        except DatabaseError as error:
            raise StoreError(
                _("Cannot read the store {url}: {reason}").format(url=public_url(self.url), reason=_reason(error))
            ) from None
        problems = saved_reference_problems(catalogue, references)
        if problems:
            raise CatalogueInvalid(problems)

    @staticmethod
    def _stored_digests(connection: Connection) -> set[str]:
        if not inspect(connection).has_table("catalogue_meta"):
            return set()
        rows = connection.execute(
            text("SELECT value FROM catalogue_meta WHERE key IN ('digest', 'synced_seed_digest')")
        ).scalars()
        return set(rows)

    @classmethod
    def open_peer(cls, url: str) -> Store:
        """Another store to sync with, opened as it is: its schema must be this version's, its data untouched."""
        store = cls(url, make_engine(url))
        try:
            with store.engine.connect() as connection:
                revision = current_revision(connection)
        except DatabaseError as error:
            store.close()
            raise StoreError(
                _("Cannot read the store {url}: {reason}").format(url=public_url(url), reason=_reason(error))
            ) from None
        if revision != SCHEMA_HEAD:
            store.close()
            if revision is None:
                raise StoreError(
                    _(
                        "{url} is not a te-navigator store: open it once with te-navigator "
                        "(--db) to create it, then sync."
                    ).format(url=public_url(url))
                )
            if revision in KNOWN_REVISIONS:
                raise StoreError(
                    _(
                        "The store {url} has an older schema ({revision}): open it once with this "
                        "version of te-navigator to update it, then sync."
                    ).format(url=public_url(url), revision=revision)
                )
            raise StoreError(
                _(
                    "The store {url} was written by a newer version of te-navigator "
                    "(schema {revision}). Update te-navigator to open it."
                ).format(url=public_url(url), revision=revision)
            )
        return store

    # --- writing -----------------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """The one way case data changes: a session in a write transaction, all of it saved or none."""
        with write_connection(self.engine) as connection:
            session = Session(bind=connection)
            try:
                yield session
                session.flush()
            finally:
                session.close()

    @contextmanager
    def sql(self, write: bool = False) -> Iterator[Sql]:
        """Plain SQL in one transaction (models/sql.py), as the light path runs it on an up-to-date file."""
        from te_navigator.models.sql import AlchemySql

        if write:
            with write_connection(self.engine) as connection:
                yield AlchemySql(connection)
        else:
            with self.engine.connect() as connection:
                yield AlchemySql(connection)

    # --- reading -----------------------------------------------------------------------------------------

    def _all(self, model, order=None) -> list:
        with Session(self.engine) as session:
            statement = select(model)
            if order is not None:
                statement = statement.order_by(order)
            return list(session.exec(statement))

    def groups(self) -> list[entities.Group]:
        return [_group(row) for row in self._all(ServiceGroup, ServiceGroup.position)]

    def service_lines(self) -> list[entities.ServiceLine]:
        return [_line(row) for row in self._all(ServiceLine, ServiceLine.position)]

    def services(self) -> list[entities.Service]:
        links = self._links()
        return [_service(row, links) for row in self._all(Service, Service.position)]

    def service(self, service_id: str) -> entities.Service | None:
        with Session(self.engine) as session:
            row = session.get(Service, service_id)
            return _service(row, self._links()) if row else None

    def _links(self) -> dict[str, dict[str, list[str]]]:
        links: dict[str, dict[str, list[str]]] = {}
        with Session(self.engine) as session:
            for table, column, key in (
                (ServiceGroupLink, "group_id", "groups"),
                (ServiceLineLink, "line_id", "service_lines"),
                (ServicePartnerLink, "partner_id", "partners"),
            ):
                link_rows: Iterable[Any] = session.exec(select(table))
                for link in link_rows:
                    entry = links.setdefault(link.service_id, {"groups": [], "service_lines": [], "partners": []})
                    entry[key].append(getattr(link, column))
        return links

    def partners(self) -> list[entities.Partner]:
        return [_partner(row) for row in self._all(Partner, Partner.name_fi)]

    def models(self) -> list[entities.MultiAgencyModel]:
        return [_model(row) for row in self._all(MultiAgencyModel, MultiAgencyModel.acronym)]

    def municipalities(self) -> list[entities.Municipality]:
        return [_municipality(row) for row in self._all(Municipality, Municipality.position)]

    def service_points(self) -> list[entities.ServicePoint]:
        return [_service_point(row) for row in self._all(ServicePoint, ServicePoint.id)]

    def glossary(self) -> list[entities.Term]:
        links = {document["id"]: document for document in self.document_bodies(TERM_LINKS_DOCUMENT)}
        return [_term(row, links.get(row.id, {})) for row in self._all(GlossaryTerm, GlossaryTerm.term_fi)]

    def orientation(self) -> entities.OrientationServices | None:
        table = self._meta_json("orientation")
        if not table:
            return None
        languages = [
            entities.OrientationLanguage(id=row.id, name=_text(row, "name"), production=row.production)
            for row in self._all(OrientationLanguage, OrientationLanguage.position)
        ]
        return entities.OrientationServices.model_validate({**table, "languages": languages})

    def periods(self) -> entities.Periods | None:
        table = self._meta_json("periods")
        return entities.Periods.model_validate(table) if table else None

    def _meta_json(self, key: str) -> dict:
        with Session(self.engine) as session:
            row = session.get(CatalogueMeta, key)
            return json.loads(row.value) if row else {}

    def document_bodies(self, kind: str) -> list[dict]:
        """Checklists, rules, deadlines, dated facts, pathways or practice cases as stored: JSON as written in
        seed/ (also the glossary's term links)."""
        with Session(self.engine) as session:
            statement = select(CatalogueDocument).where(CatalogueDocument.kind == kind)
            return [row.body for row in session.exec(statement.order_by(col(CatalogueDocument.position)))]

    def catalogue_digest(self) -> str | None:
        """The digest of the catalogue the store holds (loaded from a seed/ or synced from the office)."""
        with self.engine.connect() as connection:
            if not inspect(connection).has_table("catalogue_meta"):
                return None
            return connection.execute(text("SELECT value FROM catalogue_meta WHERE key = 'digest'")).scalar()

    def fill_cache(self) -> None:
        """Stores the catalogue and its search index ready to use (models/catalogue_cache.py), once per digest."""
        from te_navigator.models import catalogue_cache

        digest = self.catalogue_digest()
        if digest is not None and not catalogue_cache.is_cached(digest):
            catalogue_cache.save(digest, self.export(), self.search_index())

    def search_index(self) -> SearchIndex:
        if self._index is None:
            from te_navigator.models.catalogue_cache import read_index

            digest = self.catalogue_digest()
            self._index = read_index(digest) if digest else None
        if self._index is None:
            with Session(self.engine) as session:
                rows = [
                    IndexRow(row.entity_kind, row.entity_id, row.field, row.lang, row.token, row.surface, row.weight)
                    for row in session.exec(select(SearchTerm))
                ]
            municipalities = self.municipalities()
            rows += municipality_index_rows(municipalities)
            names = {("service", s.id): s.name.model_dump() for s in self.services()}
            names |= {("municipality", m.id): m.name.model_dump() for m in municipalities}
            names |= {("partner", p.id): p.name.model_dump() for p in self.partners()}
            names |= {("term", t.id): t.term.model_dump() for t in self.glossary()}
            names |= {("pathway", p.id): p.name.model_dump() for p in self.pathways()}
            self._index = SearchIndex(rows, names)
        return self._index

    def close(self) -> None:
        self.engine.dispose()


# --- writing the catalogue ---------------------------------------------------------------------------------


def replace_catalogue_and_deadlines(connection: Connection, catalogue: Catalogue) -> None:
    """The catalogue replaced; the stored deadlines of unfinished assessments worked out again when its timings
    changed (models/followup_deadlines.py), in the same transaction."""
    from te_navigator.models.followup_deadlines import refresh_when_timings_changed, stored_timings

    before = stored_timings(AlchemySql(connection))
    replace_catalogue(connection, catalogue)
    refresh_when_timings_changed(AlchemySql(connection), before)


def replace_catalogue(connection: Connection, catalogue: Catalogue) -> None:
    """Replaces the rows of the catalogue tables, and only those, inside the caller's transaction."""
    session = Session(bind=connection)
    for table in CATALOGUE_TABLES:
        session.exec(delete(table))
    session.flush()
    for row in catalogue_rows(catalogue):
        session.add(row)
        if isinstance(row, (ServiceGroup, ServiceLine, Partner, Municipality, Service)):
            session.flush()
    session.flush()
    session.close()


def catalogue_rows(catalogue: Catalogue) -> list:
    rows: list = []
    for position, group in enumerate(sorted(catalogue.entries["group"], key=lambda g: g["order"])):
        rows.append(
            ServiceGroup(
                id=group["id"],
                position=position,
                **_texts(group, "name", "description"),
                source=group["source"],
                sv_confirmed=group.get("sv_confirmed", True),
            )
        )
    for position, line in enumerate(sorted(catalogue.entries["service_line"], key=lambda g: g["order"])):
        rows.append(
            ServiceLine(
                id=line["id"],
                position=position,
                **_texts(line, "name", "description"),
                source=line["source"],
                sv_confirmed=line.get("sv_confirmed", True),
            )
        )
    for partner in catalogue.entries["partner"]:
        current = partner.get("current_name", {})
        rows.append(
            Partner(
                id=partner["id"],
                **_texts(partner, "name", "role"),
                partner_type=partner["type"],
                current_name_fi=current.get("fi"),
                current_name_sv=current.get("sv"),
                renamed_on=partner.get("renamed_on"),
                renamed_source=partner.get("renamed_source"),
                source=partner["source"],
                sv_confirmed=partner.get("sv_confirmed", True),
            )
        )
    for model in catalogue.entries["model"]:
        rows.append(
            MultiAgencyModel(
                id=model["id"],
                acronym=model["acronym"],
                **_texts(model, "name", "description"),
                partners=model["partners"],
                service_lines=model["service_lines"],
                status=model.get("status", "active"),
                superseded_on=model.get("superseded_on"),
                superseded_by=model.get("superseded_by"),
                status_source=model.get("status_source"),
                source=model["source"],
                sv_confirmed=model.get("sv_confirmed", True),
            )
        )
    for position, municipality in enumerate(catalogue.entries["municipality"]):
        rows.append(
            Municipality(
                id=municipality["id"],
                position=position,
                **_texts(municipality, "name"),
                **municipality["stats"],
                staff_fte=municipality["staff_fte"],
                source=municipality["source"],
            )
        )
    rows += _service_rows(catalogue)
    for point in catalogue.entries["service_point"]:
        interval = point.get("visit_interval", {})
        rows.append(
            ServicePoint(
                id=point["id"],
                municipality_id=point["municipality"],
                kind=point["kind"],
                **_texts(point, "name", "description"),
                visit_interval_fi=interval.get("fi"),
                visit_interval_sv=interval.get("sv"),
                source=point["source"],
                sv_confirmed=point.get("sv_confirmed", True),
            )
        )
    for position, language in enumerate(catalogue.entries["language"]):
        rows.append(
            OrientationLanguage(
                id=language["id"], position=position, **_texts(language, "name"), production=language["production"]
            )
        )
    for term in catalogue.entries["term"]:
        rows.append(
            GlossaryTerm(
                id=term["id"],
                **_texts(term, "term", "expansion", "explanation"),
                source=term["source"],
                sv_confirmed=term.get("sv_confirmed", True),
            )
        )
    rows += _term_link_rows(catalogue)
    rows += [
        SearchTerm(
            entity_kind=r.kind,
            entity_id=r.entity_id,
            field=r.field,
            lang=r.lang,
            token=r.token,
            surface=r.surface,
            weight=r.weight,
        )
        for r in catalogue_index_rows(catalogue)
    ]
    for kind in DOCUMENT_KINDS:
        for position, entry in enumerate(catalogue.entries[kind]):
            key = f"{entry['id']}@{entry['valid_from']}" if "valid_from" in entry else entry["id"]
            rows.append(CatalogueDocument(kind=kind, key=key, position=position, body=_jsonable(entry)))
    for key, table in catalogue.tables.items():
        rows.append(CatalogueMeta(key=key, value=json.dumps(table, ensure_ascii=False, default=str)))
    rows.append(CatalogueMeta(key="digest", value=catalogue.digest))
    return rows


DOCUMENT_KINDS = ("checklist", "rule", "deadline", "dated_fact", "pathway", "practice_case")
# What each glossary term concerns, kept as a document beside its row (the term table has no columns for lists).
TERM_LINKS_DOCUMENT = "term_links"


def _term_link_rows(catalogue: Catalogue) -> list:
    linked = [term for term in catalogue.entries["term"] if any(term.get(field) for field in TERM_LINKS)]
    return [
        CatalogueDocument(
            kind=TERM_LINKS_DOCUMENT,
            key=term["id"],
            position=position,
            body={"id": term["id"], **{field: term.get(field) or [] for field in TERM_LINKS}},
        )
        for position, term in enumerate(linked)
    ]


def _jsonable(value):
    """Dates from TOML as ISO strings, so documents survive the JSON column unchanged."""
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _service_rows(catalogue: Catalogue) -> list:
    rows: list = []
    links: list = []
    for position, service in enumerate(catalogue.entries["service"]):
        keywords = service.get("keywords", {"fi": [], "sv": []})
        rows.append(
            Service(
                id=service["id"],
                position=position,
                **_texts(service, "name", "description"),
                audience=service["audience"],
                kinds=service["kind"],
                production=service["production"],
                statutory=service["statutory"],
                channels=service["channels"],
                status=service["status"],
                abolished_on=service.get("abolished_on"),
                status_source=service.get("status_source"),
                keywords_fi=keywords["fi"],
                keywords_sv=keywords["sv"],
                facts=service.get("facts"),
                source=service["source"],
                sv_confirmed=service.get("sv_confirmed", True),
            )
        )
        links += [ServiceGroupLink(service_id=service["id"], group_id=g) for g in service["groups"]]
        links += [ServiceLineLink(service_id=service["id"], line_id=line) for line in service["service_lines"]]
        links += [ServicePartnerLink(service_id=service["id"], partner_id=p) for p in service["partners"]]
    return rows + links


def _texts(entry: dict, *names: str) -> dict[str, Any]:
    return {f"{name}_{lang}": entry[name][lang] for name in names for lang in ("fi", "sv")}


# --- rows to models -----------------------------------------------------------------------------------------


def _text(row, name: str) -> entities.Bitext:
    return entities.Bitext(fi=getattr(row, f"{name}_fi"), sv=getattr(row, f"{name}_sv"))


def _group(row: ServiceGroup) -> entities.Group:
    return entities.Group(
        id=row.id,
        order=row.position,
        name=_text(row, "name"),
        description=_text(row, "description"),
        source=row.source,
        sv_confirmed=row.sv_confirmed,
    )


def _line(row: ServiceLine) -> entities.ServiceLine:
    return entities.ServiceLine(
        id=row.id,
        order=row.position,
        name=_text(row, "name"),
        description=_text(row, "description"),
        source=row.source,
        sv_confirmed=row.sv_confirmed,
    )


def _service(row: Service, links: dict) -> entities.Service:
    linked = links.get(row.id, {"groups": [], "service_lines": [], "partners": []})
    return entities.Service.model_validate(
        {
            "id": row.id,
            "name": _text(row, "name"),
            "description": _text(row, "description"),
            "groups": linked["groups"],
            "audience": row.audience,
            "kind": row.kinds,
            "production": row.production,
            "statutory": row.statutory,
            "service_lines": linked["service_lines"],
            "partners": linked["partners"],
            "channels": row.channels,
            "status": row.status,
            "abolished_on": row.abolished_on,
            "status_source": row.status_source,
            "keywords": entities.BiList(fi=row.keywords_fi, sv=row.keywords_sv),
            "facts": row.facts,
            "source": row.source,
            "sv_confirmed": row.sv_confirmed,
        }
    )


def _partner(row: Partner) -> entities.Partner:
    return entities.Partner.model_validate(
        {
            "id": row.id,
            "name": _text(row, "name"),
            "type": row.partner_type,
            "role": _text(row, "role"),
            "current_name": _text(row, "current_name") if row.current_name_fi else None,
            "renamed_on": row.renamed_on,
            "renamed_source": row.renamed_source,
            "source": row.source,
            "sv_confirmed": row.sv_confirmed,
        }
    )


def _model(row: MultiAgencyModel) -> entities.MultiAgencyModel:
    return entities.MultiAgencyModel.model_validate(
        {
            "id": row.id,
            "acronym": row.acronym,
            "name": _text(row, "name"),
            "description": _text(row, "description"),
            "partners": row.partners,
            "service_lines": row.service_lines,
            "status": row.status,
            "superseded_on": row.superseded_on,
            "superseded_by": row.superseded_by,
            "status_source": row.status_source,
            "source": row.source,
            "sv_confirmed": row.sv_confirmed,
        }
    )


def _municipality(row: Municipality) -> entities.Municipality:
    figures = {name: getattr(row, name) for name in entities.MunicipalityFigures.model_fields}
    return entities.Municipality(
        id=row.id, name=_text(row, "name"), stats=entities.MunicipalityFigures(**figures), source=row.source
    )


def _service_point(row: ServicePoint) -> entities.ServicePoint:
    return entities.ServicePoint.model_validate(
        {
            "id": row.id,
            "municipality": row.municipality_id,
            "kind": row.kind,
            "name": _text(row, "name"),
            "description": _text(row, "description"),
            "visit_interval": _text(row, "visit_interval") if row.visit_interval_fi else None,
            "source": row.source,
            "sv_confirmed": row.sv_confirmed,
        }
    )


def _term(row: GlossaryTerm, links: dict) -> entities.Term:
    return entities.Term(
        id=row.id,
        term=_text(row, "term"),
        expansion=_text(row, "expansion"),
        explanation=_text(row, "explanation"),
        source=row.source,
        sv_confirmed=row.sv_confirmed,
        **{field: links.get(field, []) for field in TERM_LINKS},
    )


__all__ = ["KNOWN_REVISIONS", "SCHEMA_HEAD", "CatalogueInvalid", "Store", "StoreError", "resolve_url"]
