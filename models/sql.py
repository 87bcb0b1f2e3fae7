"""Plain SQL over either connection a store can have, so case data is read and written by one piece of code.

A SQLite file that is up to date is opened with the standard library's sqlite3 (no ORM imported: a command
answers in a fraction of the time); any other store (PostgreSQL at the office, or a file that needed migrating)
goes through its SQLAlchemy engine. Both take the same `:name` parameters and give rows as dictionaries.
Values are written as SQLAlchemy's own column types write them on SQLite (ISO dates, "YYYY-MM-DD HH:MM:SS.ffffff"
times, JSON text), so rows written either way read back the same through the ORM.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BUSY_TIMEOUT_MS = 2000


def failure_message(reason: str) -> str:
    """One translated line for a database that failed while in use; never the SQL or its parameters."""
    from te_navigator.models.i18n import _

    reason = " ".join(str(reason).split())
    if "disk is full" in reason or "disk I/O" in reason:
        return _("The store cannot be written: the disk is full or failing ({reason}). Nothing was changed.").format(
            reason=reason
        )
    if "readonly" in reason or "read-only" in reason:
        return _("The store cannot be written: it is read-only ({reason}).").format(reason=reason)
    if "locked" in reason:
        return _("The store is in use by another program; try again in a moment ({reason}).").format(reason=reason)
    return _("The store cannot be used: {reason}").format(reason=reason)


class SqlFailed(Exception):
    """The database refused a statement; `reason` is the driver's own words."""

    def __init__(self, reason: object):
        super().__init__(str(reason))
        self.reason = str(reason)


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's DateTime on SQLite (no zone; times are UTC)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    return value


def _server_value(value: Any) -> Any:
    return json.dumps(value) if isinstance(value, (list, dict)) else value


class Sql:
    """Statements inside one transaction."""

    def rows(self, statement: str, **params: Any) -> list[dict]:
        raise NotImplementedError

    def one(self, statement: str, **params: Any) -> dict | None:
        found = self.rows(statement, **params)
        return found[0] if found else None

    def execute(self, statement: str, **params: Any) -> None:
        self.rows(statement, **params)

    def execute_many(self, statement: str, rows: list[dict]) -> None:
        """One statement for each of `rows` (their `:name` parameters), in one round."""
        raise NotImplementedError

    def insert(self, statement: str, **params: Any) -> int:
        """Runs an INSERT and gives the new row's id (RETURNING, which SQLite ≥ 3.35 and PostgreSQL both know)."""
        row = self.one(f"{statement} RETURNING id", **params)
        assert row is not None
        return int(row["id"])


class SqliteSql(Sql):
    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def rows(self, statement: str, **params: Any) -> list[dict]:
        try:
            cursor = self.connection.execute(statement, {key: _sqlite_value(v) for key, v in params.items()})
            return [dict(row) for row in cursor.fetchall()]
        except sqlite3.Error as error:
            raise SqlFailed(error) from None

    def execute_many(self, statement: str, rows: list[dict]) -> None:
        if not rows:
            return
        try:
            self.connection.executemany(statement, [{key: _sqlite_value(v) for key, v in row.items()} for row in rows])
        except sqlite3.Error as error:
            raise SqlFailed(error) from None


class AlchemySql(Sql):
    def __init__(self, connection: Any):
        self.connection = connection
        self.convert = _sqlite_value if connection.dialect.name == "sqlite" else _server_value

    def rows(self, statement: str, **params: Any) -> list[dict]:
        from sqlalchemy import text
        from sqlalchemy.exc import DBAPIError

        try:
            result = self.connection.execute(text(statement), {key: self.convert(v) for key, v in params.items()})
            return [dict(row) for row in result.mappings().all()] if result.returns_rows else []
        except DBAPIError as error:
            raise SqlFailed(error.orig) from None

    def execute_many(self, statement: str, rows: list[dict]) -> None:
        from sqlalchemy import text
        from sqlalchemy.exc import DBAPIError

        if not rows:
            return
        try:
            self.connection.execute(text(statement), [{key: self.convert(v) for key, v in row.items()} for row in rows])
        except DBAPIError as error:
            raise SqlFailed(error.orig) from None


@contextmanager
def sqlite_transaction(path: Path, write: bool) -> Iterator[Sql]:
    """A transaction on a SQLite file with the store's settings (foreign keys on, waiting for a busy writer)."""
    try:
        connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise SqlFailed(error) from None
    connection.row_factory = sqlite3.Row
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA secure_delete = ON")  # deleted case data is overwritten, not left in free pages
        connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield SqliteSql(connection)
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        raise SqlFailed(error) from None
    finally:
        connection.close()


def as_date(value: Any) -> dt.date | None:
    """A DATE column's value as read back: a date from PostgreSQL, ISO text from SQLite."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def as_json(value: Any) -> Any:
    """A JSON column's value as read back: decoded by PostgreSQL's driver, text from SQLite."""
    return json.loads(value) if isinstance(value, (str, bytes)) else value
