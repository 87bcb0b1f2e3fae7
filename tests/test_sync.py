"""Two caseworkers, one on the office store and one on a laptop that was offline, and `sync` between them.

The office store runs on every engine (SQLite, and PostgreSQL when the suite is given a server); the laptop is
always a SQLite file."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from sqlalchemy import text

from te_navigator.models import sync as sync_module
from te_navigator.models.assessments import list_assessments, purge, save_assessment
from te_navigator.models.catalogue import seed_digest, shipped_seed_dir
from te_navigator.models.referrals import case_referrals, change_status, followups, plan_step
from te_navigator.models.store import Store, StoreError
from te_navigator.models.sync import SyncError, sync


@pytest.fixture
def office(engine_store_url):
    opened = Store.open(engine_store_url)
    yield opened
    opened.close()


@pytest.fixture
def laptop_url(seeded_store_file, tmp_path):
    path = tmp_path / "laptop.sqlite"
    shutil.copy(seeded_store_file, path)
    path.chmod(0o600)
    return f"sqlite:///{path}"


@pytest.fixture
def laptop(laptop_url):
    opened = Store.open(laptop_url)
    yield opened
    opened.close()


def as_staff(monkeypatch, staff_id: str) -> None:
    monkeypatch.setenv("TE_NAVIGATOR_STAFF", staff_id)


def first_step(store, pathway_id="initial-phase"):
    pathway = store.pathway(pathway_id)
    return pathway.id, pathway.start


def run_sync(laptop, office):
    return sync(laptop, Store.open_peer(office.url), seed_digest(shipped_seed_dir()))


def test_both_caseworkers_see_both_referrals_with_who_recorded_them(office, laptop, monkeypatch):
    as_staff(monkeypatch, "anna.office")
    pathway, step = first_step(office)
    plan_step(office, "POR-2026-101", pathway, step, on=dt.date(2026, 11, 2), registered_on=dt.date(2026, 11, 2))
    as_staff(monkeypatch, "bo.laptop")
    plan_step(laptop, "LOV-2026-202", pathway, step, on=dt.date(2026, 11, 3), registered_on=dt.date(2026, 11, 3))

    report = run_sync(laptop, office)

    assert report.sent["referrals"] == 1 and report.received["referrals"] == 1
    for store in (office, laptop):
        rows = followups(store, today=dt.date(2026, 11, 4))["open"]
        assert {(r["case_reference"], r["recorded_by"]) for r in rows} == {
            ("POR-2026-101", "anna.office"),
            ("LOV-2026-202", "bo.laptop"),
        }
    assert [r["case_reference"] for r in followups(laptop, dt.date(2026, 11, 4), staff="bo.laptop")["open"]] == [
        "LOV-2026-202"
    ]


def test_a_second_sync_moves_nothing(office, laptop, monkeypatch):
    as_staff(monkeypatch, "bo.laptop")
    pathway, step = first_step(laptop)
    plan_step(laptop, "LOV-2026-7", pathway, step, on=dt.date(2026, 11, 3))
    run_sync(laptop, office)
    again = run_sync(laptop, office)
    assert set(again.sent.values()) == {0} and set(again.received.values()) == {0}


def test_one_referral_changed_on_both_sides_keeps_both_changes_and_the_later_is_current(office, laptop, monkeypatch):
    as_staff(monkeypatch, "anna.office")
    pathway, step = first_step(office)
    referral = plan_step(office, "POR-2026-9", pathway, step, status="referred", on=dt.date(2026, 11, 2))
    run_sync(laptop, office)
    on_laptop = case_referrals(laptop, "POR-2026-9")[0]

    as_staff(monkeypatch, "bo.laptop")
    change_status(laptop, on_laptop["id"], "cancelled", dt.date(2026, 11, 5))
    as_staff(monkeypatch, "anna.office")
    change_status(office, referral["id"], "started", dt.date(2026, 11, 6))  # recorded later

    report = run_sync(laptop, office)

    assert len(report.conflicts) == 1 and report.conflicts[0]["current"] == "started"
    for store in (office, laptop):
        merged = case_referrals(store, "POR-2026-9")[0]
        assert [h["status"] for h in merged["history"]] == ["referred", "cancelled", "started"]
        assert merged["status"] == "started" and merged["updated_by"] == "anna.office"


def test_assessment_versions_from_both_sides_survive_in_the_order_they_were_saved(office, laptop, monkeypatch):
    template = office.checklist("tier3-jobseeker")
    as_staff(monkeypatch, "anna.office")
    assessment_id, _ = save_assessment(
        office, template, {"age": 30}, case_reference="POR-2026-33", saved_at=dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)
    )
    run_sync(laptop, office)
    laptop_id = list_assessments(laptop)[0]["id"]
    as_staff(monkeypatch, "bo.laptop")
    save_assessment(
        laptop, template, {"age": 31}, assessment_id=laptop_id, saved_at=dt.datetime(2026, 11, 3, 9, tzinfo=dt.UTC)
    )
    as_staff(monkeypatch, "anna.office")
    save_assessment(
        office, template, {"age": 32}, assessment_id=assessment_id, saved_at=dt.datetime(2026, 11, 4, 9, tzinfo=dt.UTC)
    )

    run_sync(laptop, office)

    from te_navigator.models.assessments import get_assessment

    for store, own_id in ((office, assessment_id), (laptop, laptop_id)):
        saved = get_assessment(store, own_id)
        assert [(v["version"], v["answers"]["age"]) for v in saved["history"]] == [(1, 30), (2, 31), (3, 32)]
        assert saved["versions"] == 3


def test_a_purged_case_does_not_come_back_from_a_laptop(office, laptop, monkeypatch):
    as_staff(monkeypatch, "anna.office")
    template = office.checklist("tier3-jobseeker")
    save_assessment(
        office, template, {"age": 40}, case_reference="OLD-2020-1", saved_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )
    run_sync(laptop, office)
    assert [a["case_reference"] for a in list_assessments(laptop)] == ["OLD-2020-1"]

    assert purge(office, 365) == 1
    run_sync(laptop, office)

    assert list_assessments(office) == [] and list_assessments(laptop) == []


def test_a_sync_cut_off_half_way_loses_nothing_and_a_rerun_completes_it(office, laptop, monkeypatch):
    as_staff(monkeypatch, "bo.laptop")
    pathway, step = first_step(laptop)
    plan_step(laptop, "LOV-2026-55", pathway, step, on=dt.date(2026, 11, 3))
    as_staff(monkeypatch, "anna.office")
    plan_step(office, "POR-2026-56", pathway, step, on=dt.date(2026, 11, 3))
    real_write = sync_module.write_side
    calls = []

    def cut_off_on_the_laptop(connection, before, merged):
        calls.append(1)
        if len(calls) == 2:
            raise ConnectionError("network gone")
        return real_write(connection, before, merged)

    monkeypatch.setattr(sync_module, "write_side", cut_off_on_the_laptop)
    with pytest.raises(ConnectionError):
        run_sync(laptop, office)
    assert case_referrals(laptop, "LOV-2026-55") and not case_referrals(laptop, "POR-2026-56")
    assert case_referrals(office, "LOV-2026-55")  # the office half was done and kept

    monkeypatch.setattr(sync_module, "write_side", real_write)
    run_sync(laptop, office)
    for store in (office, laptop):
        assert case_referrals(store, "LOV-2026-55") and case_referrals(store, "POR-2026-56")


def test_the_catalogue_flows_from_the_office_and_stays_on_the_laptop(office, laptop, laptop_url):
    with office.engine.begin() as connection:
        connection.execute(text("UPDATE service SET name_fi = 'Palkkatuki (toimiston versio)' WHERE id = 'palkkatuki'"))
        connection.execute(text("UPDATE catalogue_meta SET value = 'office-edited' WHERE key = 'digest'"))
    report = run_sync(laptop, office)
    assert report.catalogue_updated
    reopened = Store.open(laptop_url)
    assert reopened.service("palkkatuki").name.fi == "Palkkatuki (toimiston versio)"
    reopened.close()


def test_another_areas_store_is_refused_before_anything_is_written(office, laptop):
    from sqlalchemy import insert, select

    from te_navigator.models.tables import Municipality

    table = Municipality.__table__
    with office.engine.begin() as connection:
        pukkila = dict(connection.execute(select(table).where(table.c.id == "pukkila")).mappings().one())
        connection.execute(insert(table).values({**pukkila, "id": "kotka", "position": 99}))
    with pytest.raises(SyncError, match="kotka"):
        run_sync(laptop, office)
    with laptop.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM sync_peer")).scalar() == 0


def test_a_store_is_not_synced_with_itself(laptop, laptop_url):
    with pytest.raises(SyncError):
        sync(laptop, Store.open_peer(laptop_url), seed_digest(shipped_seed_dir()))


def test_a_store_of_a_newer_schema_or_an_unreachable_one_is_refused(office, laptop):
    with office.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(StoreError, match="9999_future"):
        Store.open_peer(office.url)
    with pytest.raises(StoreError, match=r"127\.0\.0\.1"):
        Store.open_peer("postgresql+psycopg://someone@127.0.0.1:1/office")


@pytest.mark.sqlite_only
def test_sync_on_the_command_line(office, laptop_url, tmp_path, monkeypatch, capsys):
    from te_navigator.tui.cli.main import main

    as_staff(monkeypatch, "bo.laptop")
    laptop = Store.open(laptop_url)
    pathway, step = first_step(laptop)
    plan_step(laptop, "LOV-2026-77", pathway, step, on=dt.date(2026, 11, 3))
    laptop.close()
    assert main(["sync", "--db", laptop_url, "--with", office.url, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["sent"]["referrals"] == 1
    assert main(["followups", "--db", office.url, "--json", "--today", "2026-11-04"]) == 0
    rows = json.loads(capsys.readouterr().out)["open"]
    assert [(r["case_reference"], r["recorded_by"]) for r in rows] == [("LOV-2026-77", "bo.laptop")]
