"""The follow-ups screen as a team sees it: who recorded each referral, mine or the whole team's, last sync."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable

from apphelpers import make_app, settle, wait_for
from te_navigator.models.referrals import plan_step
from te_navigator.tui.followups_screen import PAGE

SIZE = (120, 40)


def record_two_colleagues_referrals(store, monkeypatch) -> None:
    pathway = store.pathway("initial-phase")
    today = dt.date.today()
    for staff, case in (("anna.office", "POR-2026-101"), ("bo.laptop", "LOV-2026-202")):
        monkeypatch.setenv("TE_NAVIGATOR_STAFF", staff)
        plan_step(store, case, pathway.id, pathway.start, on=today, registered_on=today)


def case_rows(app) -> list[tuple]:
    table = app.screen.query_one("#followup-table", DataTable)
    rows = [table.get_row_at(index) for index in range(table.row_count)]
    return [row for row in rows if row[0] in ("POR-2026-101", "LOV-2026-202")]


@pytest.mark.parametrize(
    "lang, team_words, mine_words, never",
    [
        ("fi", "koko tiimi", "omat", "ei koskaan synkronoitu"),
        ("sv", "hela teamet", "mina", "aldrig synkroniserat"),
    ],
)
async def test_followups_show_who_recorded_and_switch_between_mine_and_the_team(
    store, store_url, monkeypatch, lang, team_words, mine_words, never
):
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
        await wait_for(
            pilot,
            lambda: {row[0] for row in case_rows(app)} == {"POR-2026-101", "LOV-2026-202"},
            "the whole team again",
        )


async def test_the_followups_say_when_the_store_was_last_synced(
    store, store_url, seeded_store_file, tmp_path, monkeypatch
):
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


def save_unfinished_assessments(store, count: int) -> None:
    """`count` unfinished jobseeker assessments, each bringing three deadlines to the follow-up list."""
    from te_navigator.models.assessments import save_assessment

    template = store.checklist("tier3-jobseeker")
    for number in range(count):
        save_assessment(store, template, {"registered_on": "2026-11-02"}, case_reference=f"POR-2026-{number:03d}")


async def test_a_long_list_shows_a_page_and_paging_down_onto_its_end_brings_more(store, store_url):
    save_unfinished_assessments(store, PAGE + 5)
    app = make_app(store_url, lang="sv", today=dt.date(2026, 11, 30))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        table = app.screen.query_one("#followup-table", DataTable)

        def texts() -> list[str]:
            return [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]

        total = 3 * (PAGE + 5)
        assert any(f"({total})" in text for text in texts())  # the heading counts them all
        more = next(i for i, text in enumerate(texts()) if f"… och {total - PAGE} till" in text)
        assert sum("POR-2026-" in text for text in texts()) == PAGE
        table.move_cursor(row=more - 1)
        await pilot.press("down")  # onto the "… and N more" row
        await settle(pilot)
        await wait_for(pilot, lambda: sum("POR-2026-" in text for text in texts()) == 2 * PAGE, "the next page")
        assert any(f"… och {total - 2 * PAGE} till" in text for text in texts())
        assert table.cursor_row == more  # the cursor stays where it was


async def test_paging_down_stops_on_the_more_row_and_brings_the_next_page(store, store_url):
    save_unfinished_assessments(store, PAGE + 5)
    app = make_app(store_url, lang="fi", today=dt.date(2026, 11, 30))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        table = app.screen.query_one("#followup-table", DataTable)

        def texts() -> list[str]:
            return [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]

        def shown() -> int:
            return sum("POR-2026-" in text for text in texts())

        more = next(i for i, text in enumerate(texts()) if "… ja" in text)
        assert table.cursor_row == 0 and more > 15  # a screen's page down from the top would pass it
        await pilot.press("pagedown")
        await settle(pilot)
        await wait_for(pilot, lambda: shown() == 2 * PAGE, "the second page")
        assert table.cursor_row == more  # it stopped on the row and the new rows came in under the cursor
        for _page in range(4):
            await pilot.press("pagedown")
            await settle(pilot)
        await wait_for(pilot, lambda: shown() == 3 * (PAGE + 5), "all of them")
        assert not any("… ja" in text and "lisää" in text for text in texts())


async def test_pagedown_on_a_more_row_brings_the_next_page(store, store_url):
    save_unfinished_assessments(store, PAGE + 5)
    app = make_app(store_url, lang="sv", today=dt.date(2026, 11, 30))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#followup-table", DataTable)
        more = min(screen.more_rows)
        screen.fetching = True  # as if a page were on its way: arriving on the row asks for nothing
        table.move_cursor(row=more)
        await settle(pilot)
        screen.fetching = False
        await pilot.press("pagedown")
        await settle(pilot)
        await wait_for(pilot, lambda: min(screen.more_rows) == more + PAGE, "the next page")
        assert table.cursor_row == more


async def test_the_list_is_ready_before_the_key_and_current_when_shown(store, store_url, monkeypatch):
    """`u` shows rows in its first frame (built and loaded after start); a referral recorded meanwhile by another
    program is there once the screen has asked the store again; closed, it opens again on the team's list."""
    record_two_colleagues_referrals(store, monkeypatch)
    monkeypatch.setenv("TE_NAVIGATOR_STAFF", "bo.laptop")
    app = make_app(store_url, lang="fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await pilot.pause()  # one frame: no store call has answered yet
        assert app.screen.id == "followups"
        assert {row[0] for row in case_rows(app)} == {"POR-2026-101", "LOV-2026-202"}
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await wait_for(pilot, lambda: {row[0] for row in case_rows(app)} == {"LOV-2026-202"}, "only mine")
        await pilot.press("escape")
        await settle(pilot)

        pathway = store.pathway("initial-phase")
        plan_step(store, "PUK-2026-303", pathway.id, pathway.start, on=dt.date.today(), registered_on=dt.date.today())
        await pilot.press("u")
        await settle(pilot)
        await wait_for(
            pilot,
            lambda: {"POR-2026-101", "LOV-2026-202", "PUK-2026-303"} <= {str(row[0]) for row in all_rows(app)},
            "the whole team's list with the new referral",
        )
        assert "koko tiimi" in app.sub_title


def all_rows(app) -> list[tuple]:
    table = app.screen.query_one("#followup-table", DataTable)
    return [table.get_row_at(index) for index in range(table.row_count)]


async def test_after_the_app_records_a_referral_the_list_is_never_shown_without_it(store, store_url, monkeypatch):
    from te_navigator.tui.messages import ReferralRecorded

    record_two_colleagues_referrals(store, monkeypatch)
    app = make_app(store_url, lang="sv")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pathway = store.pathway("initial-phase")

        def record(app_store):
            return plan_step(app_store, "PUK-2026-303", pathway.id, pathway.start, on=dt.date.today())

        app.call_store(record, app.screen, ReferralRecorded)  # as the referral dialog records one
        await pilot.press("u")
        for _frame in range(500):
            cases = {str(row[0]) for row in all_rows(app)} if app.screen.id == "followups" else set()
            assert "POR-2026-101" not in cases or "PUK-2026-303" in cases, "the list from before the referral"
            if "PUK-2026-303" in cases:
                break
            await pilot.pause(0.01)
        else:
            raise AssertionError("the new referral never showed")
