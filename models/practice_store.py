"""The practice store: trainees' attempts at practice cases, kept apart from real casework.

It is its own database (by default `practice.sqlite` beside the real store's file; `--practice-db URL` or
TE_NAVIGATOR_PRACTICE_DB): no practice answer is ever written to the real store, so none can appear among real
cases, follow-ups, assessment lists or exports. The real store is refused as a practice store, and the other way
round (a practice file holds no `alembic_version`, which the real store requires).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Column, DateTime, Integer, MetaData, String, Table, create_engine, insert, select
from sqlalchemy.exc import SQLAlchemyError

from te_navigator.models.errors import UserFacingError
from te_navigator.models.i18n import _
from te_navigator.models.location import sqlite_path
from te_navigator.models.staff import current_staff

if TYPE_CHECKING:
    from te_navigator.models.entities import PracticeCase

FILE_NAME = "practice.sqlite"
metadata = MetaData()  # its own: the real store's tables and migrations never see these
attempts_table = Table(
    "practice_attempt",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", String(100), nullable=False, index=True),
    Column("staff", String(64), nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Column("answers", JSON, nullable=False),
    Column("services", JSON, nullable=False),
    Column("pathway", String(100)),
    Column("points", Integer, nullable=False),
    Column("max_points", Integer, nullable=False),
    Column("comparison", JSON, nullable=False),
)
PRACTICE_TABLES = {"practice_attempt"}


class PracticeStoreError(UserFacingError):
    pass


def practice_url(practice_db: str | None, real_url: str) -> str:
    """--practice-db, else TE_NAVIGATOR_PRACTICE_DB, else practice.sqlite in the real store's folder (the user
    data folder when the real store is not a file)."""
    value = practice_db or os.environ.get("TE_NAVIGATOR_PRACTICE_DB")
    if value:
        return value if "://" in value else f"sqlite:///{Path(value).expanduser().absolute()}"
    real = sqlite_path(real_url)
    if real is None:
        from te_navigator.models.location import default_db_path

        real = default_db_path()
    return f"sqlite:///{real.parent / FILE_NAME}"


class PracticeStore:
    def __init__(self, url: str, real_url: str | None = None):
        """`real_url`: the real store, whose file and every copy of it (backups, journal, WAL) is refused."""
        url = url if "://" in url else f"sqlite:///{Path(url).expanduser().absolute()}"  # a bare path is a file
        self.url = url
        path = sqlite_path(url)
        if path is not None:
            _refuse_store_files(path, sqlite_path(real_url) if real_url else None)
            _prepare_file(path)
        try:
            self.engine = create_engine(url)
            with self.engine.connect() as connection:
                tables = set(connection.dialect.get_table_names(connection))
            if "alembic_version" in tables or (tables and not tables & PRACTICE_TABLES):
                raise PracticeStoreError(
                    _(
                        "{url} is not a practice store (it holds other data); practice work "
                        "is kept apart from real cases. Give another --practice-db."
                    ).format(url=path or _public(url))
                )
            metadata.create_all(self.engine)
        except (SQLAlchemyError, ValueError, ImportError) as error:  # an address it cannot read, a missing driver
            raise PracticeStoreError(
                _("Cannot open the practice store {url}: {reason}").format(
                    url=path or _public(url), reason=getattr(error, "orig", None) or error
                )
            ) from None
        if path is not None:
            try:
                path.chmod(0o600)
            except OSError as error:
                self.engine.dispose()
                raise PracticeStoreError(
                    _("Cannot open the practice store {url}: {reason}").format(url=path, reason=error.strerror or error)
                ) from None

    def close(self) -> None:
        self.engine.dispose()

    def save_attempt(
        self,
        comparison: dict,
        answers: dict,
        services: list[str],
        pathway: str | None,
        saved_at: dt.datetime | None = None,
    ) -> int:
        """Keeps one attempt, with who made it (the staff id) and its score; returns its number."""
        row = {
            "case_id": comparison["case"],
            "staff": current_staff(),
            "saved_at": saved_at or dt.datetime.now(dt.UTC),
            "answers": answers,
            "services": services,
            "pathway": pathway,
            "points": comparison["score"]["points"],
            "max_points": comparison["score"]["max"],
            "comparison": comparison,
        }
        try:
            with self.engine.begin() as connection:
                key = connection.execute(insert(attempts_table).values(**row)).inserted_primary_key
                return int(key[0]) if key else 0
        except SQLAlchemyError as error:
            raise PracticeStoreError(
                _("Saving the practice attempt failed: {reason}").format(reason=getattr(error, "orig", None) or error)
            ) from None

    def attempts(self, case_id: str | None = None) -> list[dict]:
        statement = select(attempts_table).order_by(attempts_table.c.saved_at.desc(), attempts_table.c.id.desc())
        if case_id:
            statement = statement.where(attempts_table.c.case_id == case_id)
        with self.engine.connect() as connection:
            return [_attempt(row._mapping) for row in connection.execute(statement)]

    def attempt(self, attempt_id: int) -> dict:
        with self.engine.connect() as connection:
            row = connection.execute(select(attempts_table).where(attempts_table.c.id == attempt_id)).first()
        if row is None:
            raise PracticeStoreError(_("No practice attempt {id}.").format(id=attempt_id))
        return _attempt(row._mapping)


def _public(url: str) -> str:
    from te_navigator.models.store import public_url

    return public_url(url)


def _attempt(row) -> dict:
    saved = row["saved_at"]
    if saved.tzinfo is None:
        saved = saved.replace(tzinfo=dt.UTC)
    return {
        "id": row["id"],
        "case": row["case_id"],
        "staff": row["staff"],
        "saved_at": saved.isoformat(),
        "answers": row["answers"],
        "services": row["services"],
        "pathway": row["pathway"],
        "points": row["points"],
        "max": row["max_points"],
        "comparison": row["comparison"],
    }


def results(attempts: list[dict], cases: list[PracticeCase], common: int = 5) -> list[dict]:
    """Per practice case: how many attempts (and by how many trainees), the mean and best score as a share of the
    maximum, and the most common differences from the model answer."""
    summary = []
    for case in cases:
        mine = [a for a in attempts if a["case"] == case.id]
        shares = [a["points"] / a["max"] for a in mine if a["max"]]
        counted = Counter(key for a in mine for key in a["comparison"].get("differences", []))
        summary.append(
            {
                "case": case.id,
                "title": case.title.model_dump(),
                "attempts": len(mine),
                "trainees": len({a["staff"] for a in mine}),
                "mean": sum(shares) / len(shares) if shares else None,
                "best": max(shares) if shares else None,
                "common_differences": [
                    {"difference": key, "count": count} for key, count in counted.most_common(common)
                ],
            }
        )
    return summary


SQLITE_COMPANIONS = ("-journal", "-wal", "-shm")  # files SQLite keeps beside a database while it is in use


def _refuse_store_files(path: Path, real: Path | None) -> None:
    """Neither the real store, nor its backups, nor any database's journal or WAL file: SQLite would drop
    the practice work kept in one, and the real store's would be taken over."""
    from te_navigator.models.files import _same_file, store_files

    if path.name.endswith(SQLITE_COMPANIONS) or (real is not None and _same_file(path, [real, *store_files(real)])):
        raise PracticeStoreError(
            _(
                "{url} is not a practice store (it holds other data); practice work "
                "is kept apart from real cases. Give another --practice-db."
            ).format(url=path)
        )


def _prepare_file(path: Path) -> None:
    """The practice file's folder exists and the file, if there, is an SQLite file; a new one is the owner's
    only. (Another program's file is refused when its tables are seen.)"""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if path.exists():
            if not path.is_file():
                raise PracticeStoreError(
                    _("{path} is not a regular file, so it cannot be a practice store.").format(path=path)
                )
            with path.open("rb") as handle:
                header = handle.read(16)
            if header and header != b"SQLite format 3\x00":
                raise PracticeStoreError(_("{path} is not a practice store (not an SQLite file).").format(path=path))
        elif path.is_symlink():
            raise PracticeStoreError(
                _("{path} is a symbolic link; te-navigator does not write through links.").format(path=path)
            )
        else:  # made new, never through a link left at the name (O_EXCL does not follow one)
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as error:
        raise PracticeStoreError(
            _("Cannot open the practice store {url}: {reason}").format(url=path, reason=error.strerror or error)
        ) from None
