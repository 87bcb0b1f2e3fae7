"""The follow-ups screen as a team sees it: who recorded each referral, mine or the whole team's, last sync."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable

from apphelpers import make_app, settle, wait_for
from te_navigator.models.referrals import plan_step

SIZE = (120, 40)


def record_two_colleagues_referrals(store, monkeypatch) -> None:
    pathway = store.pathway("initial-phase")
    today = dt.date.today()
    for staff, case in (("anna.office", "POR-2026-101"), ("bo.laptop", "LOV-2026-202")):
        monkeypatch.setenv("TE_NAVIGATOR_STAFF", staff)
        plan_step(store, case, pathway, pathway["start"], on=today, registered_on=today)


def case_rows(app) -> list[tuple]:
    table = app.screen.query_one("#followup-table", DataTable)
    rows = [table.get_row_at(index) for index in range(table.row_count)]
    return [row for row in rows if row[0] in ("POR-2026-101", "LOV-2026-202")]


@pytest.mark.parametrize("lang, team_words, mine_words, never", [
    ("fi", "koko tiimi", "omat", "ei koskaan synkronoitu"),
    ("sv", "hela teamet", "mina", "aldrig synkroniserat"),
])
async def test_followups_show_who_recorded_and_switch_between_mine_and_the_team(
        store, store_url, monkeypatch, lang, team_words, mine_words, never):
    record_two_colleagues_referrals(store, monkeypatch)
    monkeypatch.setenv("TE_NAVIGATOR_STAFF", "bo.laptop")
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        await wait_for(pilot, lambda: app.screen.id == "followups" and case_rows(app), "the follow-ups")
        recorded = {(row[0], row[-1]) for row in case_rows(app)}
        assert {("POR-2026-101", "anna.office"), ("LOV-2026-202", "bo.laptop")} <= recorded
        assert team_words in app.sub_title and never in app.sub_title

        await pilot.press("t")
        await settle(pilot)
        await wait_for(pilot, lambda: {row[0] for row in case_rows(app)} == {"LOV-2026-202"}, "only mine")
        assert mine_words in app.sub_title

        await pilot.press("t")
        await settle(pilot)
        await wait_for(pilot, lambda: {row[0] for row in case_rows(app)} == {"POR-2026-101", "LOV-2026-202"},
                       "the whole team again")


async def test_the_followups_say_when_the_store_was_last_synced(store, store_url, seeded_store_file, tmp_path,
                                                               monkeypatch):
    import shutil

    from te_navigator.models.catalogue import seed_digest, shipped_seed_dir
    from te_navigator.models.store import Store
    from te_navigator.models.sync import sync

    office_path = tmp_path / "office.sqlite"
    shutil.copy(seeded_store_file, office_path)
    office = Store.open_peer(f"sqlite:///{office_path}")
    sync(store, office, seed_digest(shipped_seed_dir()), at=dt.datetime(2026, 11, 30, 12, 5, tzinfo=dt.UTC))
    office.close()
    app = make_app(store_url, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        await wait_for(pilot, lambda: "30.11.2026 14.05" in app.sub_title, "the time of the last sync")
        assert "senast synkroniserat" in app.sub_title
