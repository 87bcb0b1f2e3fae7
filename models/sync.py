"""Merging a laptop's store with the office store, both ways.

Case data is append-only where it matters: assessment versions and referral status changes are events with
their own identities, so whatever either side recorded survives. Cases meet by their pseudonymous reference,
everything else by its uid. Deletions and purges travel as tombstones, so a purged case does not come back.
The catalogue flows one way, from the office to the laptop.

Each side is written in one transaction and every step is idempotent: a sync cut off half-way loses nothing
and running it again completes it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.engine import Connection

from te_navigator.models.errors import UserFacingError
from te_navigator.models.followup_deadlines import refresh_when_timings_changed, store_deadlines, stored_timings
from te_navigator.models.i18n import _
from te_navigator.models.sql import AlchemySql
from te_navigator.models.store import Store, public_url, write_connection
from te_navigator.models.tables import (
    CATALOGUE_TABLES,
    Assessment,
    AssessmentDeadline,
    AssessmentVersion,
    AuditEvent,
    Case,
    CatalogueMeta,
    Municipality,
    Referral,
    SyncPeer,
    Tombstone,
)

UTC = dt.UTC
# Catalogue keys that describe where a laptop's catalogue came from, so that opening the laptop's store does
# not replace the office's catalogue with the shipped one again until the shipped one changes.
SYNCED_SEED_KEY = "synced_seed_digest"


def table_of(model: Any) -> Table:
    """A table class's SQLAlchemy table, for the bulk reads and writes a merge does."""
    return cast(Table, model.__table__)


class SyncError(UserFacingError):
    """A sync refused before anything was written; the message is for the user, already translated."""


def case_tombstone_key(reference: str) -> str:
    """A purged case is remembered by a hash of its reference, never by the reference itself."""
    return "case:" + hashlib.sha256(reference.encode("utf-8")).hexdigest()


@dataclass
class Side:
    """One store's case data, read whole: what a merge needs to know of it."""

    cases: dict[str, dict] = field(default_factory=dict)  # reference → case
    assessments: dict[str, dict] = field(default_factory=dict)  # uid → assessment (case by reference)
    versions: dict[str, dict] = field(default_factory=dict)  # uid → version (assessment by uid)
    referrals: dict[str, dict] = field(default_factory=dict)  # uid → referral (case by reference)
    audit: dict[str, dict] = field(default_factory=dict)  # uid → audit record
    tombstones: dict[str, dict] = field(default_factory=dict)  # key → tombstone


@dataclass
class SyncReport:
    peer: str
    sent: dict[str, int]
    received: dict[str, int]
    conflicts: list[dict]
    catalogue_updated: bool
    at: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "peer": self.peer,
            "sent": self.sent,
            "received": self.received,
            "conflicts": self.conflicts,
            "catalogue_updated": self.catalogue_updated,
            "at": self.at,
        }


# --- reading ------------------------------------------------------------------------------------------------


def read_side(connection: Connection) -> Side:
    side = Side()
    case_refs: dict[int, str] = {}
    for row in connection.execute(select(table_of(Case))).mappings():
        case_refs[row["id"]] = row["reference"]
        side.cases[row["reference"]] = {
            "uid": row["uid"],
            "reference": row["reference"],
            "created_at": _utc(row["created_at"]),
            "registered_on": row["registered_on"],
        }
    assessment_uids: dict[int, str] = {}
    for row in connection.execute(select(table_of(Assessment))).mappings():
        assessment_uids[row["id"]] = row["uid"]
        side.assessments[row["uid"]] = {
            "uid": row["uid"],
            "template_id": row["template_id"],
            "case": case_refs.get(row["case_id"]),
            "area": row["area"],
            "period": row["period"],
            "municipality": row["municipality"],
            "created_at": _utc(row["created_at"]),
            "updated_at": _utc(row["updated_at"]),
            "finished": row["finished"],
            "latest_version": row["latest_version"],
        }
    for row in connection.execute(select(table_of(AssessmentVersion))).mappings():
        side.versions[row["uid"]] = {
            "uid": row["uid"],
            "assessment": assessment_uids[row["assessment_id"]],
            "version": row["version"],
            "answers": row["answers"],
            "saved_at": _utc(row["saved_at"]),
            "finished": row["finished"],
            "staff": row["staff"],
        }
    for row in connection.execute(select(table_of(Referral))).mappings():
        side.referrals[row["uid"]] = {
            **{
                key: row[key]
                for key in (
                    "uid",
                    "pathway_id",
                    "step_id",
                    "partner_id",
                    "status",
                    "planned_on",
                    "due_on",
                    "referred_on",
                    "started_on",
                    "done_on",
                    "cancelled_on",
                    "note",
                    "recorded_by",
                    "updated_by",
                )
            },
            "case": case_refs[row["case_id"]],
            "history": list(row["history"]),
            "updated_at": _utc(row["updated_at"]),
        }
    for row in connection.execute(select(table_of(AuditEvent))).mappings():
        side.audit[row["uid"]] = {key: row[key] for key in ("uid", "action", "subject", "count", "staff")} | {
            "at": _utc(row["at"])
        }
    for row in connection.execute(select(table_of(Tombstone))).mappings():
        side.tombstones[row["key"]] = {
            "key": row["key"],
            "kind": row["kind"],
            "deleted_at": _utc(row["deleted_at"]),
            "staff": row["staff"],
        }
    return side


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# --- merging ------------------------------------------------------------------------------------------------


def merge(ours: Side, theirs: Side) -> tuple[Side, list[dict]]:
    """Both sides' work in one: the union of every record and event, less what a tombstone removed."""
    merged = Side()
    merged.tombstones = ours.tombstones | theirs.tombstones
    merged.audit = ours.audit | theirs.audit
    for reference in ours.cases.keys() | theirs.cases.keys():
        ours_case, theirs_case = ours.cases.get(reference), theirs.cases.get(reference)
        # The office's case wins on identity; a registration date known on either side is kept.
        case = dict(theirs_case or ours_case)  # type: ignore[arg-type]
        case["registered_on"] = case["registered_on"] or (ours_case or {}).get("registered_on")
        case["created_at"] = min(c["created_at"] for c in (ours_case, theirs_case) if c)
        merged.cases[reference] = case
    merged.assessments = {
        uid: dict(a) for uid, a in (ours.assessments | theirs.assessments).items() if uid not in merged.tombstones
    }
    merged.versions = {
        uid: v for uid, v in (ours.versions | theirs.versions).items() if v["assessment"] in merged.assessments
    }
    _number_versions(merged)
    conflicts = []
    for uid in ours.referrals.keys() | theirs.referrals.keys():
        referral, conflict = _merge_referral(ours.referrals.get(uid), theirs.referrals.get(uid))
        merged.referrals[uid] = referral
        if conflict:
            conflicts.append(conflict)
    _apply_case_tombstones(merged)
    return merged, conflicts


def _number_versions(merged: Side) -> None:
    """Versions in the order they were saved (then by staff id), numbered 1…n on both sides alike."""
    by_assessment: dict[str, list[dict]] = {}
    for version in merged.versions.values():
        by_assessment.setdefault(version["assessment"], []).append(version)
    for uid, assessment in merged.assessments.items():
        versions = sorted(by_assessment.get(uid, []), key=lambda v: (v["saved_at"], v["staff"], v["uid"]))
        for number, version in enumerate(versions, start=1):
            merged.versions[version["uid"]] = {**version, "version": number}
        if versions:
            last = versions[-1]
            assessment.update(
                latest_version=len(versions),
                updated_at=last["saved_at"],
                finished=last["finished"],
                municipality=last["answers"].get("municipality") or assessment["municipality"],
            )


def _merge_referral(ours: dict | None, theirs: dict | None) -> tuple[dict, dict | None]:
    if ours is None or theirs is None:
        return dict(ours or theirs), None  # type: ignore[arg-type]
    ours_events = {e["uid"]: e for e in ours["history"]}
    theirs_events = {e["uid"]: e for e in theirs["history"]}
    history = sorted((ours_events | theirs_events).values(), key=lambda e: (e["at"], e.get("by", ""), e["uid"]))
    later = ours if ours["updated_at"] >= theirs["updated_at"] else theirs
    referral = {**later, "history": history}
    referral.update(_state_of(history))
    referral["updated_at"] = max(ours["updated_at"], theirs["updated_at"])
    conflict = None
    if ours_events.keys() - theirs_events.keys() and theirs_events.keys() - ours_events.keys():
        # Both sides changed the referral apart: both changes stay in its history, the later one is current.
        conflict = {
            "referral": referral["uid"],
            "case": referral["case"],
            "pathway": referral["pathway_id"],
            "step": referral["step_id"],
            "current": referral["status"],
            "by": history[-1].get("by", ""),
            "at": history[-1]["at"],
        }
    return referral, conflict


def _state_of(history: list[dict]) -> dict:
    """A referral's status and dates as its history, oldest first, says."""
    state: dict[str, Any] = {"status": history[-1]["status"], "updated_by": history[-1].get("by", "")}
    for status in ("referred", "started", "done", "cancelled"):
        days = [e["on"] for e in history if e["status"] == status]
        state[f"{status}_on"] = dt.date.fromisoformat(days[-1]) if days else None
    return state


def _apply_case_tombstones(merged: Side) -> None:
    """A purged case goes with everything recorded before the purge; later work under its reference stays."""
    for reference in list(merged.cases):
        tombstone = merged.tombstones.get(case_tombstone_key(reference))
        if tombstone is None:
            continue
        purged_at = tombstone["deleted_at"]
        merged.assessments = {
            uid: a for uid, a in merged.assessments.items() if a["case"] != reference or a["updated_at"] > purged_at
        }
        merged.versions = {uid: v for uid, v in merged.versions.items() if v["assessment"] in merged.assessments}
        merged.referrals = {
            uid: r for uid, r in merged.referrals.items() if r["case"] != reference or r["updated_at"] > purged_at
        }
        in_use = {a["case"] for a in merged.assessments.values()} | {r["case"] for r in merged.referrals.values()}
        if reference not in in_use and merged.cases[reference]["created_at"] <= purged_at:
            del merged.cases[reference]


# --- writing ------------------------------------------------------------------------------------------------


def write_side(connection: Connection, before: Side, merged: Side) -> dict[str, int]:
    """Makes one store hold the merged state; returns how many records it received, by kind."""
    received = {"cases": 0, "assessments": 0, "versions": 0, "referrals": 0, "changes": 0, "tombstones": 0}
    _remove_what_tombstones_removed(connection, before, merged)
    case_ids = _write_cases(connection, before, merged, received)
    assessment_ids = _write_assessments(connection, before, merged, case_ids, received)
    _write_versions(connection, before, merged, assessment_ids, received)
    # An assessment that is new here or got versions: its deadlines as its latest version now gives them.
    changed = [
        assessment_ids[uid]
        for uid, assessment in merged.assessments.items()
        if _assessment_changed(before.assessments.get(uid), assessment)
    ]
    store_deadlines(AlchemySql(connection), changed)
    _write_referrals(connection, before, merged, case_ids, received)
    new_audit = [a for uid, a in merged.audit.items() if uid not in before.audit]
    if new_audit:
        connection.execute(insert(table_of(AuditEvent)), new_audit)
    new_tombstones = [t for key, t in merged.tombstones.items() if key not in before.tombstones]
    if new_tombstones:
        connection.execute(insert(table_of(Tombstone)), new_tombstones)
    received["tombstones"] = len(new_tombstones)
    return received


def _remove_what_tombstones_removed(connection: Connection, before: Side, merged: Side) -> None:
    version_table, assessment_table = table_of(AssessmentVersion), table_of(Assessment)
    gone_assessments = [uid for uid in before.assessments if uid not in merged.assessments]
    if gone_assessments:
        ids = select(assessment_table.c.id).where(assessment_table.c.uid.in_(gone_assessments))
        deadline_table = table_of(AssessmentDeadline)
        connection.execute(delete(deadline_table).where(deadline_table.c.assessment_id.in_(ids)))
        connection.execute(delete(version_table).where(version_table.c.assessment_id.in_(ids)))
        connection.execute(delete(assessment_table).where(assessment_table.c.uid.in_(gone_assessments)))
    gone_referrals = [uid for uid in before.referrals if uid not in merged.referrals]
    if gone_referrals:
        connection.execute(delete(table_of(Referral)).where(table_of(Referral).c.uid.in_(gone_referrals)))
    gone_cases = [reference for reference in before.cases if reference not in merged.cases]
    if gone_cases:
        connection.execute(delete(table_of(Case)).where(table_of(Case).c.reference.in_(gone_cases)))


def _write_cases(connection, before: Side, merged: Side, received: dict) -> dict[str, int]:
    table = table_of(Case)
    new = [case for reference, case in merged.cases.items() if reference not in before.cases]
    if new:
        connection.execute(insert(table), new)
    received["cases"] = len(new)
    for reference, case in merged.cases.items():
        if reference in before.cases and before.cases[reference]["registered_on"] != case["registered_on"]:
            connection.execute(
                update(table).where(table.c.reference == reference).values(registered_on=case["registered_on"])
            )
    return {row.reference: row.id for row in connection.execute(select(table.c.reference, table.c.id))}


def _write_assessments(
    connection, before: Side, merged: Side, case_ids: dict[str, int], received: dict
) -> dict[str, int]:
    table = table_of(Assessment)

    def row(assessment: dict) -> dict:
        values = {key: value for key, value in assessment.items() if key != "case"}
        return values | {"case_id": case_ids.get(assessment["case"]) if assessment["case"] else None}

    new = [row(a) for uid, a in merged.assessments.items() if uid not in before.assessments]
    if new:
        connection.execute(insert(table), new)
    received["assessments"] = len(new)
    for uid, assessment in merged.assessments.items():
        old = before.assessments.get(uid)
        if old is not None and _assessment_changed(old, assessment):
            connection.execute(
                update(table)
                .where(table.c.uid == uid)
                .values(
                    latest_version=assessment["latest_version"],
                    updated_at=assessment["updated_at"],
                    finished=assessment["finished"],
                    municipality=assessment["municipality"],
                )
            )
    return {row.uid: row.id for row in connection.execute(select(table.c.uid, table.c.id))}


def _assessment_changed(old: dict | None, assessment: dict) -> bool:
    return old is None or any(
        old[key] != assessment[key] for key in ("latest_version", "updated_at", "finished", "municipality")
    )


def _write_versions(connection, before: Side, merged: Side, assessment_ids: dict[str, int], received: dict) -> None:
    table = table_of(AssessmentVersion)
    new = [
        {key: value for key, value in v.items() if key != "assessment"}
        | {"assessment_id": assessment_ids[v["assessment"]]}
        for uid, v in merged.versions.items()
        if uid not in before.versions
    ]
    if new:
        connection.execute(insert(table), new)
    received["versions"] = len(new)
    for uid, version in merged.versions.items():
        old = before.versions.get(uid)
        if old is not None and old["version"] != version["version"]:
            connection.execute(update(table).where(table.c.uid == uid).values(version=version["version"]))


def _write_referrals(connection, before: Side, merged: Side, case_ids: dict[str, int], received: dict) -> None:
    table = table_of(Referral)

    def row(referral: dict) -> dict:
        return {key: value for key, value in referral.items() if key != "case"} | {
            "case_id": case_ids[referral["case"]]
        }

    new = [row(r) for uid, r in merged.referrals.items() if uid not in before.referrals]
    if new:
        connection.execute(insert(table), new)
    received["referrals"] = len(new)
    for uid, referral in merged.referrals.items():
        old = before.referrals.get(uid)
        if old is not None and len(old["history"]) != len(referral["history"]):
            received["changes"] += len(referral["history"]) - len(old["history"])
            values = row(referral)
            del values["uid"]
            connection.execute(update(table).where(table.c.uid == uid).values(**values))


def copy_catalogue(source: Connection, target: Connection, target_seed_digest: str) -> bool:
    """The office's catalogue onto the laptop (only when it differs); returns whether anything changed."""
    meta = table_of(CatalogueMeta)
    digest_of = lambda connection: connection.execute(  # noqa: E731
        select(meta.c.value).where(meta.c.key == "digest")
    ).scalar()
    if digest_of(source) == digest_of(target):
        return False
    for table in CATALOGUE_TABLES:
        target.execute(delete(table_of(table)))
    for table in reversed(CATALOGUE_TABLES):  # parents before the rows that point at them
        rows = [dict(row) for row in source.execute(select(table_of(table))).mappings()]
        if rows:
            target.execute(insert(table_of(table)), rows)
    target.execute(delete(meta).where(meta.c.key == SYNCED_SEED_KEY))
    target.execute(insert(meta), [{"key": SYNCED_SEED_KEY, "value": target_seed_digest}])
    return True


# --- the whole sync -----------------------------------------------------------------------------------------


def check_same_area(ours: Store, theirs: Store) -> None:
    ours_ids = {m.id for m in _municipalities(ours)}
    theirs_ids = {m.id for m in _municipalities(theirs)}
    if ours_ids != theirs_ids:
        raise SyncError(
            _(
                "The store {url} holds another area's data (municipalities: {theirs}); this store's "
                "area is {ours}. Nothing was synced."
            ).format(
                url=public_url(theirs.url),
                theirs=", ".join(sorted(theirs_ids)) or "–",
                ours=", ".join(sorted(ours_ids)),
            )
        )


def _same_store(ours: Store, theirs: Store) -> bool:
    from te_navigator.models.store import sqlite_path

    ours_path, theirs_path = sqlite_path(ours.url), sqlite_path(theirs.url)
    if ours_path is not None and theirs_path is not None:
        return ours_path.resolve() == theirs_path.resolve()
    return public_url(ours.url) == public_url(theirs.url)


def _municipalities(store: Store) -> list:
    with store.engine.connect() as connection:
        return list(connection.execute(select(table_of(Municipality).c.id)))


def sync(laptop: Store, office: Store, seed_digest: str, at: dt.datetime | None = None) -> SyncReport:
    """Merges `laptop` and `office` both ways; the office's catalogue replaces the laptop's."""
    at = at or dt.datetime.now(UTC).replace(microsecond=0)
    if _same_store(laptop, office):
        raise SyncError(
            _("{url} is this store itself: give the other store to sync with.").format(url=public_url(office.url))
        )
    check_same_area(laptop, office)
    peer_of_laptop, peer_of_office = public_url(office.url), public_url(laptop.url)
    with write_connection(office.engine) as office_connection:
        office_before = read_side(office_connection)
        with laptop.engine.connect() as laptop_reader:
            laptop_before = read_side(laptop_reader)
        merged, conflicts = merge(laptop_before, office_before)
        sent = write_side(office_connection, office_before, merged)
        _record_peer(office_connection, peer_of_office, at)
    # The office has everything now; should the laptop's half be cut off, the next sync sends it again.
    with write_connection(laptop.engine) as laptop_connection:
        laptop_now = read_side(laptop_connection)
        merged_for_laptop, _conflicts = merge(laptop_now, merged)
        received = write_side(laptop_connection, laptop_now, merged_for_laptop)
        timings_before = stored_timings(AlchemySql(laptop_connection))
        with office.engine.connect() as office_reader:
            catalogue_updated = copy_catalogue(office_reader, laptop_connection, seed_digest)
        refresh_when_timings_changed(AlchemySql(laptop_connection), timings_before)
        _record_peer(laptop_connection, peer_of_laptop, at)
    return SyncReport(
        peer=peer_of_laptop,
        sent=sent,
        received=received,
        conflicts=conflicts,
        catalogue_updated=catalogue_updated,
        at=at.isoformat(),
    )


def _record_peer(connection: Connection, peer: str, at: dt.datetime) -> None:
    table = table_of(SyncPeer)
    connection.execute(delete(table).where(table.c.peer == peer))
    connection.execute(insert(table), [{"peer": peer, "last_synced_at": at}])


def last_synced(store: Store) -> dt.datetime | None:
    with store.engine.connect() as connection:
        moments = [row.last_synced_at for row in connection.execute(select(table_of(SyncPeer)))]
    return _utc(max(moments)) if moments else None
