"""Purge removes what it promises: old cases whole, from the store's bytes and from its backups."""

from __future__ import annotations

import datetime as dt
import os
import time

from sqlmodel import Session, select

from te_navigator.models import referrals
from te_navigator.models.assessments import audit_events, list_assessments, save_assessment
from te_navigator.models.purge import purge_store
from te_navigator.models.store import backup_file
from te_navigator.models.tables import Case, Referral

OLD = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
NOTE = "Soitti ja kertoi velkajärjestelystä ZQXJ-7781"


def old_case_with_note(store, reference: str, note: str = NOTE) -> None:
    """A case saved and referred in 2020: its assessment, its case row and its referral all that old."""
    save_assessment(
        store, store.checklist("tier3-jobseeker"), {"age": 40, "note": note}, case_reference=reference, saved_at=OLD
    )
    referrals.plan_step(
        store,
        reference,
        "challenging-position",
        "work-ability-coordinator",
        on=dt.date(2020, 1, 2),
        note=note,
    )
    age(store, reference)


def age(store, reference: str) -> None:
    with Session(store.engine) as session, session.begin():
        case = session.exec(select(Case).where(Case.reference == reference)).one()
        case.created_at = OLD
        for referral in session.exec(select(Referral).where(Referral.case_id == case.id)):
            referral.updated_at = OLD
            session.add(referral)
        session.add(case)


def test_an_old_case_goes_whole_and_its_text_leaves_the_file(store, store_path):
    old_case_with_note(store, "OLD-2020-1")
    save_assessment(store, store.checklist("tier3-jobseeker"), {"age": 30}, case_reference="NEW-2026-1")
    counts = purge_store(store, 365)
    assert (counts.cases, counts.assessments, counts.referrals) == (1, 1, 1)
    assert [row["case_reference"] for row in list_assessments(store)] == ["NEW-2026-1"]
    assert referrals.case_referrals(store, "OLD-2020-1") == []
    store.close()
    data = store_path.read_bytes()
    assert NOTE.encode() not in data and b"OLD-2020-1" not in data
    assert b"NEW-2026-1" in data


def test_a_case_touched_recently_stays_whole(store):
    old_case_with_note(store, "MIX-1")
    referrals.plan_step(store, "MIX-1", "challenging-position", "work-capacity-assessment", on=dt.date.today())
    counts = purge_store(store, 365)
    assert counts.cases == 0
    assert [row["case_reference"] for row in list_assessments(store)] == ["MIX-1"]
    assert len(referrals.case_referrals(store, "MIX-1")) == 2


def test_old_area_reviews_go(store):
    template = store.checklist("tier1-area")
    save_assessment(store, template, {}, area="Porvoo", period="2019", saved_at=OLD)
    save_assessment(store, template, {}, area="Porvoo", period="2026")
    assert purge_store(store, 365).assessments == 1
    assert [row["period"] for row in list_assessments(store)] == ["2026"]


def test_the_audit_log_has_counts_never_content(store):
    old_case_with_note(store, "AUD-2020-9")
    purge_store(store, 30)
    event = audit_events(store)[-1]
    assert event["action"] == "purge" and event["count"] == 1
    assert "cases=1" in event["subject"] and "referrals=1" in event["subject"]
    assert "AUD-2020-9" not in event["subject"] and "ZQXJ" not in event["subject"]


def test_backups_lose_the_purged_rows_and_old_backups_go(store, store_path):
    old_case_with_note(store, "BAK-2020-3")
    save_assessment(store, store.checklist("tier3-jobseeker"), {"age": 30}, case_reference="KEEP-1")
    recent = backup_file(store_path, "0004_referrals")
    ancient = backup_file(store_path, "0003_assessments")
    long_ago = time.time() - 400 * 86400
    os.utime(ancient, (long_ago, long_ago))
    assert NOTE.encode() in recent.read_bytes()
    counts = purge_store(store, 365)
    assert (counts.backups_cleaned, counts.backups_removed) == (1, 1)
    assert not ancient.exists()
    kept = recent.read_bytes()
    assert NOTE.encode() not in kept and b"BAK-2020-3" not in kept and b"KEEP-1" in kept


def test_purge_from_the_command_line(capsys, store, store_url):
    from te_navigator.tui.cli.main import main

    old_case_with_note(store, "CLI-2020-4")
    assert main(["purge", "--older-than", "100", "--db", store_url]) == 0
    out = capsys.readouterr().out
    assert "1" in out and "100" in out
