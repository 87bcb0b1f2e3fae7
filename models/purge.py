"""Purge: every case whose data was last touched more than DAYS ago goes whole, everywhere it was copied.

A case's data is its reference, its assessments with every version, and its referrals with their notes; it
was last touched at the newest of its creation, its assessments' saves and its referrals' changes. An area
review (tiers 1 and 2) goes when it was last saved more than DAYS ago.

The same rows go from the migration backups beside the store file. A backup made more than DAYS ago holds
nothing touched since, so it goes as a whole file. SQLite overwrites deleted rows (`secure_delete`, set on
every connection) and a VACUUM afterwards rebuilds the file, so the text is gone from the bytes, not just
unlinked. The audit log records how many of each went, never what they held.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, delete, inspect, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import SQLModel

from te_navigator.models.staff import current_staff
from te_navigator.models.tables import (
    Assessment,
    AssessmentDeadline,
    AssessmentVersion,
    AuditEvent,
    Case,
    Referral,
    Tombstone,
    new_uid,
)

UTC = dt.UTC
CHUNK = 500  # ids per IN (…): well below SQLite's limit on bound parameters


@dataclass
class PurgeCounts:
    cases: int = 0
    assessments: int = 0
    versions: int = 0
    referrals: int = 0
    backups_cleaned: int = 0
    backups_removed: int = 0
    # What a sync needs to keep the purged records from coming back: purged case references and assessment
    # uids (only in memory; the store keeps a hash of each reference, see models/sync.py).
    purged_references: list[str] = field(default_factory=list, repr=False)
    purged_assessment_uids: list[str] = field(default_factory=list, repr=False)

    def add(self, other: PurgeCounts) -> None:
        self.cases += other.cases
        self.assessments += other.assessments
        self.versions += other.versions
        self.referrals += other.referrals

    def summary(self) -> str:
        """Counts only: this goes into the audit log."""
        return (
            f"cases={self.cases} assessments={self.assessments} versions={self.versions} "
            f"referrals={self.referrals} backups_cleaned={self.backups_cleaned} "
            f"backups_removed={self.backups_removed}"
        )


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def purge_connection(connection: Connection, cutoff: dt.datetime) -> PurgeCounts:
    """Deletes, inside the caller's transaction, every case and area review last touched before `cutoff`.

    Reads only the columns every schema since case data existed has, so it works on old backups too."""
    tables = set(inspect(connection).get_table_names())
    counts = PurgeCounts()
    if not {"case_record", "assessment", "assessment_version"} <= tables:
        return counts  # a store from before case data existed
    case_t, assessment_t, version_t, referral_t = (
        SQLModel.metadata.tables[model.__tablename__] for model in (Case, Assessment, AssessmentVersion, Referral)
    )
    deadline_t = SQLModel.metadata.tables[AssessmentDeadline.__tablename__]
    references: dict[int, str] = {}
    touched: dict[int, dt.datetime] = {}
    for case_id, reference, created in connection.execute(select(case_t.c.id, case_t.c.reference, case_t.c.created_at)):
        references[case_id] = reference
        touched[case_id] = _utc(created)
    old_area_reviews: list[int] = []
    case_assessments: dict[int, list[int]] = {}
    for assessment_id, case_id, updated in connection.execute(
        select(assessment_t.c.id, assessment_t.c.case_id, assessment_t.c.updated_at)
    ):
        updated = _utc(updated)
        if case_id is None:
            if updated < cutoff:
                old_area_reviews.append(assessment_id)
            continue
        case_assessments.setdefault(case_id, []).append(assessment_id)
        touched[case_id] = max(touched.get(case_id, updated), updated)
    if "referral" in tables:
        for case_id, updated in connection.execute(select(referral_t.c.case_id, referral_t.c.updated_at)):
            updated = _utc(updated)
            touched[case_id] = max(touched.get(case_id, updated), updated)
    old_cases = [case_id for case_id, last in touched.items() if last < cutoff]
    assessment_ids = old_area_reviews + [a for c in old_cases for a in case_assessments.get(c, [])]
    counts.purged_references = [references[c] for c in old_cases]
    if "uid" in {column["name"] for column in inspect(connection).get_columns("assessment")}:
        for chunk in _chunks(assessment_ids):
            counts.purged_assessment_uids += (
                connection.execute(select(assessment_t.c.uid).where(assessment_t.c.id.in_(chunk))).scalars().all()
            )
    for chunk in _chunks(assessment_ids):
        if "assessment_deadline" in tables:  # worked out from the answers: goes with them
            connection.execute(delete(deadline_t).where(deadline_t.c.assessment_id.in_(chunk)))
        counts.versions += connection.execute(delete(version_t).where(version_t.c.assessment_id.in_(chunk))).rowcount
        counts.assessments += connection.execute(delete(assessment_t).where(assessment_t.c.id.in_(chunk))).rowcount
    for chunk in _chunks(old_cases):
        if "referral" in tables:
            counts.referrals += connection.execute(delete(referral_t).where(referral_t.c.case_id.in_(chunk))).rowcount
        counts.cases += connection.execute(delete(case_t).where(case_t.c.id.in_(chunk))).rowcount
    return counts


def _chunks(ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def vacuum(engine: Engine) -> None:
    """Rebuilds an SQLite file so that no free page keeps what was deleted (VACUUM cannot run in a transaction)."""
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()
    try:
        driver: Any = raw.driver_connection
        previous = driver.isolation_level
        driver.isolation_level = None
        driver.execute("PRAGMA secure_delete = ON")
        driver.execute("VACUUM")
        # In WAL mode the old pages live on in the -wal file until a checkpoint; TRUNCATE empties it.
        driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        driver.isolation_level = previous
    finally:
        raw.close()


def backup_files(store_path: Path | None) -> list[Path]:
    if store_path is None:
        return []
    return sorted(store_path.parent.glob(f"{store_path.name}.*.bak"))


def _remove_file(path: Path) -> None:
    """Overwrites a file with zeros before unlinking it, so its blocks do not keep the data in this file system."""
    try:
        size = path.stat().st_size
        with path.open("r+b") as handle:
            handle.write(b"\0" * size)
            handle.flush()
            os.fsync(handle.fileno())
    finally:
        path.unlink(missing_ok=True)


def purge_backups(store_path: Path | None, cutoff: dt.datetime, counts: PurgeCounts) -> None:
    """The same purge in every migration backup; a backup older than the cutoff (or unreadable) goes whole."""
    for backup in backup_files(store_path):
        made = dt.datetime.fromtimestamp(backup.stat().st_mtime, UTC)
        if made < cutoff:
            _remove_file(backup)
            counts.backups_removed += 1
            continue
        engine = create_engine(f"sqlite:///{backup}")
        try:
            with engine.begin() as connection:
                connection.exec_driver_sql("PRAGMA secure_delete = ON")
                purge_connection(connection, cutoff)
            vacuum(engine)
            counts.backups_cleaned += 1
        except SQLAlchemyError:
            engine.dispose()
            _remove_file(backup)  # a backup that cannot be cleaned cannot be kept either
            counts.backups_removed += 1
        finally:
            engine.dispose()


def _leave_tombstones(connection: Connection, purged: PurgeCounts, at: dt.datetime) -> None:
    """So that a sync with another store does not bring the purged records back."""
    from te_navigator.models.sync import case_tombstone_key

    staff = current_staff()
    rows = [
        {"key": case_tombstone_key(reference), "kind": "case", "deleted_at": at, "staff": staff}
        for reference in purged.purged_references
    ]
    rows += [
        {"key": uid, "kind": "assessment", "deleted_at": at, "staff": staff} for uid in purged.purged_assessment_uids
    ]
    table = SQLModel.metadata.tables[Tombstone.__tablename__]
    for row in rows:  # a key purged before (a case purged, used again, purged again) is renewed
        connection.execute(delete(table).where(table.c.key == row["key"]))
    if rows:
        connection.execute(table.insert(), rows)


def purge_store(store, older_than_days: int, at: dt.datetime | None = None) -> PurgeCounts:
    """Purges the store and its backups; records the counts in the audit log."""
    from te_navigator.models.store import sqlite_path, write_connection

    at = _utc(at) if at is not None else dt.datetime.now(UTC).replace(microsecond=0)
    cutoff = at - dt.timedelta(days=older_than_days)
    counts = PurgeCounts()
    purge_backups(sqlite_path(store.url), cutoff, counts)
    with write_connection(store.engine) as connection:  # the rows and their audit record in one transaction
        purged = purge_connection(connection, cutoff)
        counts.add(purged)
        _leave_tombstones(connection, purged, at)
        connection.execute(
            SQLModel.metadata.tables[AuditEvent.__tablename__]
            .insert()
            .values(
                uid=new_uid(),
                at=at,
                action="purge",
                subject=f"older than {older_than_days} days: {counts.summary()}",
                count=counts.assessments,
                staff=current_staff(),
            )
        )
    vacuum(store.engine)
    return counts
