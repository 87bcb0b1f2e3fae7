"""The deadlines of unfinished assessments in the follow-up list: stored when saved, synced, re-worked when the
timings change, back-filled by the migration, paged and counted in SQL — on every store engine."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

import pytest

from te_navigator.models.assessments import delete_assessment, save_assessment
from te_navigator.models.catalogue import seed_digest, shipped_seed_dir
from te_navigator.models.referrals import followups
from te_navigator.models.store import Store
from te_navigator.models.sync import sync

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def office(engine_store_url):
    opened = Store.open(engine_store_url)
    yield opened
    opened.close()


def interviews(store, limit=None) -> dict[str, str]:
    """case → the initial interview's due date, as the follow-up list gives it."""
    data = followups(store, today=TODAY, limit=limit)
    return {d["case_reference"]: d["due"] for d in data["deadlines"] if d["id"] == "initial-interview"}


def test_a_saved_assessment_brings_the_interview_deadline_of_the_rule_in_force(office):
    template = office.checklist("tier3-jobseeker")
    # 5 working days for a job search begun by 31.12.2025 (24.–26.12. and 1.1. off), 10 from 1.1.2026 on
    save_assessment(office, template, {"registered_on": "2025-12-22"}, case_reference="POR-2025-1")
    save_assessment(office, template, {"registered_on": "2026-01-02"}, case_reference="POR-2026-2")
    data = followups(office, today=TODAY)
    found = {(d["case_reference"], d["id"]): d for d in data["deadlines"]}
    assert found["POR-2025-1", "initial-interview"]["due"] == "2026-01-02"
    assert "HE 167/2021" in found["POR-2025-1", "initial-interview"]["legal_source"]
    assert found["POR-2026-2", "initial-interview"]["due"] == "2026-01-19"
    assert found["POR-2026-2", "initial-interview"]["name"]["sv"] == "Tidsfrist för den inledande intervjun"
    assert found["POR-2026-2", "next-job-search-conversation"]["estimated"]  # counted from the interview's due
    assert data["counts"]["deadlines"] == len(data["deadlines"]) == 6  # interview, conversation, 3 months


def test_a_new_version_moves_the_deadline_and_finishing_ends_it(office):
    template = office.checklist("tier3-jobseeker")
    assessment_id, _ = save_assessment(office, template, {"registered_on": "2026-11-02"}, case_reference="POR-7")
    assert interviews(office) == {"POR-7": "2026-11-16"}
    save_assessment(office, template, {"registered_on": "2026-11-09"}, assessment_id=assessment_id)
    assert interviews(office) == {"POR-7": "2026-11-23"}
    save_assessment(office, template, {"registered_on": "2026-11-09"}, assessment_id=assessment_id, finished=True)
    assert followups(office, today=TODAY)["counts"]["deadlines"] == 0


def test_deadlines_are_paged_by_due_date_and_counted(office):
    template = office.checklist("tier3-jobseeker")
    for day, reference in ((20, "POR-C"), (2, "POR-A"), (10, "POR-B")):
        save_assessment(office, template, {"registered_on": f"2026-11-{day:02d}"}, case_reference=reference)
    data = followups(office, today=TODAY, limit=2)
    assert [(d["case_reference"], d["id"]) for d in data["deadlines"]] == [
        ("POR-A", "initial-interview"),
        ("POR-B", "initial-interview"),
    ]
    assert data["deadlines"][0]["days_left"] == (dt.date(2026, 11, 16) - TODAY).days
    assert data["counts"]["deadlines"] == 9


def test_a_deleted_assessment_takes_its_deadlines_along(office):
    template = office.checklist("tier3-jobseeker")
    assessment_id, _ = save_assessment(office, template, {"registered_on": "2026-11-02"}, case_reference="POR-8")
    delete_assessment(office, assessment_id)
    assert followups(office, today=TODAY)["counts"]["deadlines"] == 0


def test_an_assessment_synced_from_the_laptop_has_its_deadlines_at_the_office(office, seeded_store_file, tmp_path):
    path = tmp_path / "laptop.sqlite"
    shutil.copy(seeded_store_file, path)
    laptop = Store.open(f"sqlite:///{path}")
    template = laptop.checklist("tier3-jobseeker")
    save_assessment(
        laptop,
        template,
        {"registered_on": "2026-11-02"},
        case_reference="LOV-1",
        saved_at=dt.datetime(2026, 11, 27, 9, tzinfo=dt.UTC),
    )
    sync(laptop, Store.open_peer(office.url), seed_digest(shipped_seed_dir()))
    assert interviews(office) == {"LOV-1": "2026-11-16"}
    # A later version saved at the office moves the laptop's deadline at the next sync.
    office_id = next(iter({d["assessment_id"] for d in followups(office, today=TODAY)["deadlines"]}))
    save_assessment(
        office,
        template,
        {"registered_on": "2026-11-09"},
        assessment_id=office_id,
        saved_at=dt.datetime(2026, 11, 28, 9, tzinfo=dt.UTC),
    )
    sync(laptop, Store.open_peer(office.url), seed_digest(shipped_seed_dir()))
    assert interviews(laptop) == interviews(office) == {"LOV-1": "2026-11-23"}
    laptop.close()


def test_changed_timings_in_seed_work_every_stored_deadline_out_again(store_url, seed_copy):
    store = Store.open(store_url)
    save_assessment(store, store.checklist("tier3-jobseeker"), {"registered_on": "2026-11-02"}, case_reference="POR-9")
    store.close()
    timings = seed_copy / "deadlines.toml"
    timings.write_text(
        timings.read_text(encoding="utf-8").replace("working_days = 10", "working_days = 12"), encoding="utf-8"
    )
    changed = Store.open(store_url, seed_dir=seed_copy)
    assert interviews(changed) == {"POR-9": "2026-11-18"}
    changed.close()


def test_the_migration_works_out_the_deadlines_of_assessments_saved_before(store_url, store_path):
    store = Store.open(store_url)
    save_assessment(store, store.checklist("tier3-jobseeker"), {"registered_on": "2026-11-02"}, case_reference="POR-10")
    store.close()
    with sqlite3.connect(store_path) as connection:  # the store as schema 0008 left it
        connection.execute("DROP TABLE assessment_deadline")
        connection.execute("UPDATE alembic_version SET version_num = '0008_open_case_index'")
    migrated = Store.open(store_url)
    assert migrated.opened is not None and migrated.opened.migrated_from == "0008_open_case_index"
    assert interviews(migrated) == {"POR-10": "2026-11-16"}
    migrated.close()
