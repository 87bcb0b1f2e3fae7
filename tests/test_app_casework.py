"""Pilot tests of the casework screens: checklists with suggestions, saved versions, pathways and follow-ups."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Input, OptionList, Select

from te_navigator.tui.referral_dialog import CaseDialog
from tests.apphelpers import choose_option, make_app, option_texts, settle, static_text

SMALL, LARGE = (80, 24), (120, 40)


async def open_checklist(pilot, template_id: str) -> None:
    await pilot.press("c")
    await pilot.pause()
    await choose_option(pilot, "#picker-options", template_id)


async def answer_text(pilot, value: str) -> None:
    await pilot.press("enter", *value, "enter")
    await pilot.pause()


async def answer_choice(pilot, value) -> None:
    """Chooses in the dropdown; the checklist then moves on to the next question by itself."""
    screen = pilot.app.screen
    await pilot.press("enter")
    screen.query_one("#answer-select", Select).value = value
    await pilot.pause()


async def test_swedish_jobseeker_in_loviisa_sees_youth_services_and_deadlines(store_url):
    app = make_app(store_url, lang="sv")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_checklist(pilot, "tier3-jobseeker")
        assert app.screen.id == "checklist"
        await answer_text(pilot, "2026-04-01")  # registered_on
        await answer_text(pilot, "24")  # age
        await answer_choice(pilot, "sv")  # service language
        await pilot.press("down")  # past the interpreter question
        await answer_choice(pilot, "loviisa")  # municipality
        suggestions = option_texts(app, "#suggestions")
        youth = next(s for s in suggestions if "Tjänster för unga" in s)
        assert "Under 30 år" in youth
        assert any("17.4.2026" in s for s in suggestions)  # the initial interview: 10 working days, Easter between
        assert any("1.7.2026" in s for s in suggestions)  # the 3-month target
        assert any("17.7.2026" in s for s in suggestions)  # the next job-search conversation, 3 months later
        assert "4/23" in app.screen.query_one("#items").border_subtitle

        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press(*"LOV-2026-014", "enter")
        await settle(pilot)
        assert app.screen.saved_version == 1
        await answer_text(pilot, "")  # keep moving: back on the list
        app.screen.query_one("#items", OptionList).highlighted = 1
        await answer_text(pilot, "25")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#save")
        await settle(pilot)
        assert app.screen.saved_version == 2

        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("a")
        await settle(pilot)
        table = app.screen.query_one("#assessment-table", DataTable)
        assert table.get_row_at(0)[0] == "LOV-2026-014" and table.get_row_at(0)[4] == "2"
        await pilot.press("h")
        await settle(pilot)
        history = static_text(app, "#card-body")
        assert "Version 1" in history and "Version 2" in history and "24 → 25" in history


async def test_henkilotunnus_as_case_reference_is_refused(store_url):
    app = make_app(store_url)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_checklist(pilot, "tier3-jobseeker")
        await answer_text(pilot, "2026-04-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press(*"131052-308T", "enter")
        await pilot.pause()
        assert "henkilötunnus" in static_text(app, "#save-problem")
        assert app.screen.query_one("#reference", Input).value == "131052-308T"  # nothing lost, nothing saved


async def test_an_impossible_answer_is_named_and_kept_on_screen(store_url):
    app = make_app(store_url)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_checklist(pilot, "tier3-jobseeker")
        app.screen.query_one("#items", OptionList).highlighted = 1  # age
        await answer_text(pilot, "300")
        assert "300" in static_text(app, "#item-problem")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.id == "checklist"  # no save dialog while an answer is wrong


async def test_suggestion_opens_the_service(store_url):
    app = make_app(store_url)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_checklist(pilot, "tier3-employer")
        await answer_choice(pilot, "yes")  # recruitment need
        await choose_option(pilot, "#suggestions", "service:tyonvalitys")
        assert "Työnvälitys" in static_text(app, "#card-body")
        await pilot.press("m")
        await pilot.pause()
        await pilot.click("#yes")  # the checklist was not saved: leaving is confirmed
        await settle(pilot)
        assert app.screen.id == "service-map" and static_text(app, "#detail-title") == "Työnvälitys"


async def test_from_assessment_to_referral_followup_and_swedish_handout(store, store_url, tmp_path):
    """Issue 6's scenario: partial work ability → pathway → referral → follow-up list → Swedish hand-out."""
    from te_navigator.models.assessments import save_assessment

    registered = dt.date.today() - dt.timedelta(days=2)
    save_assessment(
        store,
        store.checklist("tier3-jobseeker"),
        {"registered_on": registered.isoformat(), "age": 45, "partial_work_ability": True, "municipality": "porvoo"},
        case_reference="POR-2026-5",
    )
    app = make_app(store_url)
    async with app.run_test(size=LARGE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await choose_option(pilot, "#suggestions", "pathway:challenging-position")
        assert app.screen.id == "navigator"
        drawing = static_text(app, "#diagram")
        assert "Työkykykoordinaattori" in drawing and "▼" in drawing and "┏" in drawing

        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one("#status", Select).value = "referred"
        due = dt.date.today() + dt.timedelta(days=3)
        app.screen.query_one("#due", Input).value = due.isoformat()
        app.screen.query_one("#note", Input).value = "sisäinen muistiinpano"
        await pilot.click("#ok")
        await settle(pilot)
        assert "ohjattu" in static_text(app, "#step-detail")

        await pilot.press("h")
        await pilot.pause()
        app.screen.query_one("#handout-lang", Select).value = "sv"
        out = tmp_path / "handout.html"
        app.screen.query_one("#handout-path", Input).value = str(out)
        await pilot.click("#ok")
        await settle(pilot)

        app.switch_to_service_map()
        await pilot.press("u")
        await settle(pilot)
        table = app.screen.query_one("#followup-table", DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        case_rows = [row for row in rows if row[0] == "POR-2026-5" and row[1] == "Monialaisen palvelutarpeen arviointi"]
        assert case_rows and all(row[3] == f"{due.day}.{due.month}.{due.year}" for row in case_rows)
    html = out.read_text(encoding="utf-8")
    assert 'lang="sv"' in html and "Bedömning av det sektorsövergripande servicebehovet" in html
    assert "sisäinen" not in html


async def test_navigator_moves_between_steps_and_alternatives(store_url):
    app = make_app(store_url)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.open_pathway("initial-phase")
        await settle(pilot)
        start = app.screen.step_id
        await pilot.press("down")
        assert app.screen.step_id != start
        for _step in range(5):
            await pilot.press("down")
        last = app.screen.step_id
        await pilot.press("right")
        assert app.screen.step_id != last
        await pilot.press("r")  # no case yet: asks for one
        await settle(pilot)
        assert isinstance(app.screen, CaseDialog) and app.screen.query_one("#case-reference", Input).value == ""


async def test_walking_a_pathway_in_swedish(store_url):
    app = make_app(store_url, lang="sv")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await pilot.pause()
        await choose_option(pilot, "#picker-options", "challenging-position")
        assert app.screen.id == "navigator"
        assert "Bedömning av det sektorsövergripande servicebehovet" in static_text(app, "#step-detail")
        await pilot.press("down")
        assert "Sektorsövergripande sysselsättningsplan" in static_text(app, "#step-detail")
        await pilot.press("enter")  # the service behind the step
        await pilot.pause()
        assert "Sektorsövergripande sysselsättningsplan" in static_text(app, "#card-body")
        await pilot.press("escape")
        await pilot.press("f2")
        assert "Monialainen työllistymissuunnitelma" in static_text(app, "#step-detail")
        assert "Monialainen" in static_text(app, "#diagram")


async def test_a_failed_save_keeps_the_answers_and_says_so(store_url, store_path):
    import sqlite3

    app = make_app(store_url)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_checklist(pilot, "tier3-jobseeker")
        await answer_text(pilot, "2026-04-01")
        await answer_text(pilot, "33")
        locker = sqlite3.connect(store_path, timeout=0)
        locker.execute("BEGIN IMMEDIATE")  # another program holds the store
        try:
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press(*"POR-99", "enter")
            await settle(pilot)
        finally:
            locker.rollback()
            locker.close()
        assert app.screen.id == "checklist" and app.screen.saved_version is None
        assert app.screen.answers["age"] == 33 and app.screen.dirty
        from te_navigator.models.i18n import _

        messages = [notification.message for notification in app._notifications]
        assert any(_("Your answers are still here; nothing was lost.") in m for m in messages)


async def test_an_unexpected_store_error_is_one_line_on_screen_and_a_traceback_in_the_log(
    store_url, tmp_path, monkeypatch
):
    from te_navigator.models import crashlog, referrals

    def broken_followups(store, *args, **kwargs):
        raise RuntimeError("disk on fire\nsecond line of the reason")

    monkeypatch.setattr(referrals, "followups", broken_followups)
    monkeypatch.setenv("TE_NAVIGATOR_STATE", str(tmp_path / "state"))
    app = make_app(store_url)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        messages = [notification.message for notification in app._notifications]
    failed = [m for m in messages if "disk on fire" in m]
    assert len(failed) == 1 and "\n" not in failed[0] and "Traceback" not in failed[0]
    logged = crashlog.log_path().read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError: disk on fire" in logged and "broken_followups" in logged
