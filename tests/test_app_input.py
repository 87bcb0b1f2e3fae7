"""Pilot tests of issue 15 points 1–4, in Finnish and Swedish at 80×24: input that cannot crash, keys that wait
for the screen, deadlines always in sight, and leaving that asks first."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from textual import events
from textual.keys import _character_to_key
from textual.widgets import DataTable, Input, OptionList, Select

from te_navigator.models import i18n
from te_navigator.models.workdays import add_working_days
from tests.apphelpers import keys_handled, make_app, option_texts, settle, static_text

SMALL, LARGE = (80, 24), (120, 40)
LANGS = ["fi", "sv"]
TODAY = dt.date(2026, 11, 30)
# What a hurried or new user might type into any field: letters in numbers, dates in every shape, impossible
# values, other scripts, emoji, code, an identity code.
JUNK = [
    "abc",
    "24a",
    "25.11.2026",
    "31.2.2026",
    "2026-13-45",
    "-5",
    "1e400",
    "nan",
    "99999999999999999999",
    "١٢",
    "💥",
    "0x1F",
    "12,5,3",
    "<b>",
    "131052-308T",
    "'; DROP TABLE case_record; --",
]
# Junk for one kind of question, a real answer for another: a date, and twelve in Arabic-Indic digits.
WELL_FORMED = {"date": {"25.11.2026"}, "number": {"١٢"}}
HETU = "131052-308T"  # the Digital and Population Data Services Agency's published example, not a person's
PASTED = ["9" * 5000, "x" * 6000]  # too long to type: pasted


def type_at_once(app, *keys: str) -> None:
    """Keys as a fast typist (or the terminal after a busy moment) delivers them: all before the first is handled;
    named as the terminal names them ("/" is slash, "😀" grinning_face)."""
    for key in keys:
        app.post_message(events.Key(_character_to_key(key), key) if len(key) == 1 else events.Key(key, None))


async def open_template(pilot, template_id: str) -> None:
    from te_navigator.tui.checklist_screen import ChecklistScreen

    pilot.app.push_screen(ChecklistScreen(template_id))
    await settle(pilot)


async def answer_on_list(pilot, index: int, text: str) -> None:
    """Highlights question `index` and types `text` straight on the list (it goes to the answer), then Enter."""
    items = pilot.app.screen.query_one("#items", OptionList)
    items.highlighted = index
    pilot.app.screen.set_focus(items)
    await pilot.pause()
    await pilot.press(*text, "enter")
    await pilot.pause()


async def back_to_list(pilot) -> None:
    if pilot.app.screen.focused is not pilot.app.screen.query_one("#items"):
        await pilot.press("escape")
        await pilot.pause()


def progress_text(app) -> str:
    return app.screen.query_one("#items", OptionList).border_subtitle


# --- 1. input that cannot crash ------------------------------------------------------------------------------


async def type_fast_into(pilot, index: int, text: str, paste: bool = False, ending: str = "enter") -> None:
    """Question `index`: types (or pastes) `text` as fast as a terminal delivers keys, then `ending` (Enter or
    Tab), back to the list."""
    screen = pilot.app.screen
    items = screen.query_one("#items", OptionList)
    items.highlighted = index
    screen.set_focus(items)
    if paste:
        type_at_once(pilot.app, "enter", "ctrl+u")
        await keys_handled(pilot)
        pilot.app.post_message(events.Paste(text))
        type_at_once(pilot.app, ending)
    else:
        type_at_once(pilot.app, *text, ending)
    await keys_handled(pilot)
    if screen.focused is not items:  # a refused answer keeps the field (and an open dropdown) where it was
        screen.query_one("#answer-select", Select).expanded = False
        screen.set_focus(items)
        await pilot.pause()


KINDS = ("number", "date", "text", "choice", "yesno")


def first_of_each_kind(template) -> list[int]:
    """The index of the first question of each kind (number, date, text, choice, yes/no) the checklist has."""
    firsts: dict[str, int] = {}
    for index, item in enumerate(template.items):
        firsts.setdefault(item.type, index)
    return sorted(firsts.values())


def test_every_junk_value_in_every_checklist_field_is_checked_in_the_users_language(store):
    """The checklist checks an answer as the command line does (check_answer): the whole cross-product of
    checklists × questions × junk, typed or pasted, in Finnish and Swedish — without the app, so it is quick.
    The Pilot test below types junk into a question of each kind on the screen."""
    from te_navigator.models.answers import check_answer

    municipality_ids = [m.id for m in store.municipalities()]
    checked = set()
    for template in store.checklists():
        for item in template.items:
            for junk in [*JUNK, *PASTED]:
                messages = {}
                for lang in LANGS:
                    i18n.set_language(lang)
                    _clean, problem = check_answer(item, junk, municipality_ids, today=TODAY)
                    messages[lang] = [problem] if problem else []
                    assert all(message and "\n" not in message for message in messages[lang])
                if item.type == "text":  # free text takes anything but an identity code or too much of it
                    assert bool(messages["fi"]) == (junk in (HETU, PASTED[1])), (item.id, junk)
                elif junk not in WELL_FORMED.get(item.type, ()):  # (those may be in range, or not)
                    # never a number, a date, a choice or a yes/no
                    assert messages["fi"], (item.id, junk)
                if messages["fi"]:
                    assert messages["fi"] != messages["sv"]  # said in the user's language
                checked.add((item.type, junk))
    assert {kind for kind, _junk in checked} == set(KINDS)
    assert len(checked) == len(KINDS) * len(JUNK + PASTED)  # every kind met every junk value


@pytest.mark.parametrize("lang", LANGS)
async def test_junk_typed_into_each_kind_of_checklist_field_never_ends_the_app(store_url, lang):
    """Every checklist; in each, the first question of each kind gets junk ended with Enter and "ä😀" ended with
    Tab; a number and a text field a paste too long. Every junk value reaches the screen at least once."""
    app = make_app(store_url, lang=lang, today=TODAY)
    junk_values = iter(JUNK * 2)
    typed: set[str] = set()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for template in app.catalogue.checklists:
            await open_template(pilot, template.id)
            items = template.items
            for index in first_of_each_kind(template):
                kind = items[index].type
                battery = [next(junk_values)]
                if kind == "date":  # the pickiest field also takes every junk value no field has had yet
                    battery += [junk for junk in JUNK if junk not in typed and junk not in battery]
                for junk in battery:
                    await type_fast_into(pilot, index, junk)
                    typed.add(junk)
                await type_fast_into(pilot, index, "ä😀", ending="tab")
                if kind in ("number", "text"):  # a paste too long for a number, one too long for a text
                    await type_fast_into(pilot, index, PASTED[kind == "text"], paste=True)
                    assert items[index].id in app.screen.refused
                assert app.screen.id == "checklist" and app.return_code is None
            screen = app.screen
            assert set(screen.refused) == set(screen.problems)
            answered = sum(1 for value in screen.answers.values() if value not in (None, ""))
            assert progress_text(app).startswith(f"{answered}/{len(items)}")  # refused ones do not count
            texts = option_texts(app, "#items")
            for index, item in enumerate(items):
                if item.id in screen.refused:
                    assert texts[index].startswith("✗")  # marked refused, no ✓
            screen.dirty = False  # leave without the confirmation this test is not about
            await pilot.press("escape")
            await settle(pilot)
        assert app.screen.id == "service-map"
    assert typed == set(JUNK)
    kinds = {item.type for template in app.catalogue.checklists for item in template.items}
    assert kinds == set(KINDS)


@pytest.mark.parametrize("lang", LANGS)
async def test_refused_age_is_marked_and_dates_are_read_as_written(store_url, lang):
    app = make_app(store_url, lang=lang, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_template(pilot, "tier3-jobseeker")
        i18n.set_language(lang)
        total = len(app.screen.template.items)
        await answer_on_list(pilot, 1, "200")  # age
        texts = option_texts(app, "#items")
        assert texts[1].startswith("✗") and "200" in texts[1] and i18n._("refused") in texts[1]
        assert "200" in static_text(app, "#item-problem")
        assert progress_text(app).startswith(f"0/{total}")
        said = static_text(app, "#item-problem")
        await pilot.press("f2")  # the reason follows the language; the answer stays refused
        await settle(pilot)
        assert i18n.current_language() != lang
        assert "200" in static_text(app, "#item-problem") and static_text(app, "#item-problem") != said
        assert option_texts(app, "#items")[1].startswith("✗")
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("ctrl+u", *"24", "enter")  # corrected in place: ✓ and counted
        assert option_texts(app, "#items")[1].startswith("✓") and progress_text(app).startswith(f"1/{total}")
        await answer_on_list(pilot, 0, "1.4.2026")  # registered_on as Finns write it
        assert app.screen.answers["registered_on"] == "2026-04-01"
        await answer_on_list(pilot, 0, "2026-04-02")  # and as ISO
        assert app.screen.answers["registered_on"] == "2026-04-02"
        assert "2.4.2026" in option_texts(app, "#items")[0]


@pytest.mark.parametrize("lang", LANGS)
async def test_a_dropdown_answer_moves_on_and_the_next_typing_is_kept(store_url, lang):
    app = make_app(store_url, lang=lang, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_template(pilot, "tier3-jobseeker")
        screen = app.screen
        ids = [item.id for item in screen.template.items]
        benefit = screen.template.items[ids.index("benefit")]  # a dropdown just before a number question
        screen.query_one("#items", OptionList).highlighted = ids.index("benefit")
        await pilot.press("enter")
        screen.query_one("#answer-select", Select).value = benefit.choices[0].id
        await pilot.pause()
        assert screen.item_id == "unemployed_months" and screen.focused.id == "items"
        await pilot.press(*"7", "enter")  # typed straight after the dropdown: not lost
        assert screen.answers["unemployed_months"] == 7
        # typing on a yes/no question opens its choices and picks by the typed letter
        screen.query_one("#items", OptionList).highlighted = ids.index("partial_work_ability")
        await pilot.pause()
        yes_letter = i18n.gettext_for(lang)("yes")[0].lower()
        await pilot.press(yes_letter, "enter")
        await pilot.pause()
        assert screen.answers["partial_work_ability"] is True
        assert screen.item_id == ids[ids.index("partial_work_ability") + 1]


@pytest.mark.parametrize("lang", LANGS)
async def test_enter_down_enter_answers_a_dropdown_question_from_the_keyboard(store_url, lang):
    app = make_app(store_url, lang=lang, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_template(pilot, "tier3-jobseeker")
        screen = app.screen
        ids = [item.id for item in screen.template.items]
        screen.query_one("#items", OptionList).highlighted = ids.index("service_language")
        await pilot.press("enter", "down", "enter")  # the choices open on Enter; the first one is picked
        await pilot.pause()
        first = screen.template.items[ids.index("service_language")].choices[0].id
        assert screen.answers["service_language"] == first
        assert screen.item_id == "interpreter_needed" and screen.focused.id == "items"


@pytest.mark.parametrize("lang", LANGS)
async def test_text_typed_but_not_entered_is_kept(store_url, lang):
    app = make_app(store_url, lang=lang, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_template(pilot, "tier3-jobseeker")
        app.screen.query_one("#items", OptionList).highlighted = 1
        await pilot.press("enter", *"33")  # no Enter: Esc leaves the field
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.answers["age"] == 33 and app.screen.dirty


@pytest.mark.parametrize("lang", LANGS)
async def test_an_unexpected_error_is_logged_shown_in_one_line_and_the_answers_survive(
    store_url, lang, monkeypatch, tmp_path
):
    from te_navigator.models import rules

    monkeypatch.setenv("TE_NAVIGATOR_STATE", str(tmp_path / "state"))
    log_file = tmp_path / "state" / "errors.log"
    real = rules.suggestions

    def failing(template_id, answers, *args, **kwargs):
        if answers.get("age") == 44:
            raise RuntimeError("a bug in a rule")
        return real(template_id, answers, *args, **kwargs)

    monkeypatch.setattr(rules, "suggestions", failing)
    app = make_app(store_url, lang=lang, today=TODAY)
    app.errors_expected = True
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_template(pilot, "tier3-jobseeker")
        await answer_on_list(pilot, 0, "1.4.2026")
        await answer_on_list(pilot, 1, "44")
        await settle(pilot)
        assert app.return_code is None and app.screen.id == "checklist"
        assert app.screen.answers["registered_on"] == "2026-04-01" and app.screen.answers["age"] == 44
        messages = [n.message for n in app._notifications if n.severity == "error"]
        assert len(messages) == 1 and "\n" not in messages[0] and "a bug in a rule" in messages[0]
        await answer_on_list(pilot, 1, "45")  # the app goes on working
        assert app.screen.answers["age"] == 45
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError: a bug in a rule" in logged
    assert str(log_file) in messages[0]


# --- 2. ready means ready ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
async def test_keys_typed_at_once_after_start_go_where_they_were_meant(store_url, lang):
    app = make_app(store_url, lang=lang, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        type_at_once(app, "/", *"ura")  # "u" is also the key of the follow-ups
        await settle(pilot)
        assert app.screen.id == "service-map"
        assert app.screen.query_one("#search", Input).value == "ura"


@pytest.mark.parametrize("opens_after", [1, 5])  # keys typed before and while the store opens
@pytest.mark.parametrize("lang", LANGS)
async def test_a_search_typed_while_the_store_opens_keeps_every_key(store_url, lang, opens_after, monkeypatch):
    """The first start: "/lönesub" typed in one burst while the store is still opening; its last letter is also
    the side-by-side key, so a key that went astray would show."""
    import threading

    from te_navigator.models.store import Store

    gate = threading.Event()
    real_open = Store.open.__func__

    def held_open(cls, url, *args, **kwargs):
        gate.wait(30)
        return real_open(cls, url, *args, **kwargs)

    monkeypatch.setattr(Store, "open", classmethod(held_open))
    app = make_app(store_url, lang=lang, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        keys = ["/", *"lönesub"]
        type_at_once(app, *keys[:opens_after])
        await pilot.pause()
        gate.set()
        type_at_once(app, *keys[opens_after:])
        await settle(pilot)
        screen = app.screen
        assert screen.id == "service-map" and not screen.side_by_side
        assert screen.query_one("#search", Input).value == "lönesub"
        assert screen.focused is screen.query_one("#search", Input)


@pytest.mark.parametrize("lang", LANGS)
async def test_saved_assessments_opened_at_start_fill_in_when_the_store_opens(store, store_url, lang):
    from te_navigator.models.assessments import save_assessment

    save_assessment(store, store.checklist("tier3-jobseeker"), {"age": 30}, case_reference="LOV-2026-1")
    app = make_app(store_url, lang=lang, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        type_at_once(app, "a")
        await settle(pilot)
        assert app.screen.id == "assessments"
        table = app.screen.query_one("#assessment-table", DataTable)
        assert table.get_row_at(0)[0] == "LOV-2026-1"


@pytest.mark.parametrize("lang", LANGS)
async def test_answers_typed_before_the_checklist_has_loaded_are_kept(store_url, lang):
    from te_navigator.tui.checklist_screen import ChecklistScreen

    app = make_app(store_url, lang=lang, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.push_screen(ChecklistScreen("tier3-jobseeker"))
        type_at_once(app, *"1.4.2026", "enter", *"24", "enter")
        await settle(pilot)
        assert app.screen.answers.get("registered_on") == "2026-04-01" and app.screen.answers.get("age") == 24


# --- 3. deadlines always in sight ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
async def test_deadline_strip_in_sight_with_passed_ones_marked(store_url, lang, size):
    app = make_app(store_url, lang=lang, today=dt.date(2026, 4, 20))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await open_template(pilot, "tier3-jobseeker")
        await answer_on_list(pilot, 0, "1.4.2026")
        await answer_on_list(pilot, 1, "24")
        strip = app.screen.query_one("#deadline-strip")
        text = static_text(app, "#deadline-strip")
        plural = i18n.translations(lang).ngettext
        interview = {"fi": "Alkuhaastattelun määräaika", "sv": "Tidsfrist för den inledande intervjun"}[lang]
        passed = plural("passed {days} day ago", "passed {days} days ago", 3).format(days=3)
        coming = plural("in {days} day", "in {days} days", 72).format(days=72)
        lines = text.splitlines()
        interview_line = next(line for line in lines if "17.4.2026" in line)
        assert interview[:20] in interview_line  # (at 80 columns a long name ends with …)
        assert f": 17.4.2026 · {passed}" in interview_line  # 10 working days, Easter between; passed, marked
        assert f"1.7.2026 · {coming}" in text
        # The next conversation counts from the interview's deadline, its real date not known yet: marked so.
        estimated = i18n.gettext_for(lang)("(estimated)")
        conversation = {"fi": "Seuraava työnhakukeskustelu", "sv": "Nästa samtal om jobbsökning"}[lang]
        assert f"{conversation}: 17.7.2026 {estimated} · " in text
        assert estimated not in interview_line
        region = strip.region
        assert region.height >= 2 and region.y + region.height <= size[1] - 1  # above the footer, no scrolling
        assert app.screen.get_widget_at(region.x + 2, region.y)[0] is strip


@pytest.mark.parametrize("lang", LANGS)
async def test_every_deadline_keeps_its_own_line_in_the_strip_at_80_columns(store_url, lang):
    app = make_app(store_url, lang=lang, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_template(pilot, "tier3-jobseeker")
        ids = [item.id for item in app.screen.template.items]
        for item_id, answer in (
            ("registered_on", "2.11.2026"),
            ("age", "58"),
            ("dismissed_on", "1.10.2026"),
            ("years_with_last_employer", "10"),
        ):
            await answer_on_list(pilot, ids.index(item_id), answer)
        strip = app.screen.query_one("#deadline-strip")
        lines = static_text(app, "#deadline-strip").splitlines()
        assert len(lines) == 4 and all(line.startswith("⏱") and len(line) <= 78 for line in lines)
        assert all(re.search(r"\d{1,2}\.\d{1,2}\.\d{4}", line) for line in lines)
        assert strip.region.height == 4 and strip.region.bottom <= SMALL[1] - 1


@pytest.mark.parametrize("lang", LANGS)
async def test_followups_list_the_initial_interview_of_saved_assessments(store, store_url, lang):
    from te_navigator.models.assessments import save_assessment

    template = store.checklist("tier3-jobseeker")
    save_assessment(store, template, {"registered_on": "2026-11-26"}, case_reference="POR-2026-77")
    save_assessment(store, template, {"registered_on": "2026-11-02"}, case_reference="POR-2026-78")
    save_assessment(store, template, {"registered_on": "2026-11-27"}, case_reference="POR-2026-79", finished=True)
    app = make_app(store_url, lang=lang, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        table = app.screen.query_one("#followup-table", DataTable)
        rows = [" | ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]
        interview = {"fi": "Alkuhaastattelun määräaika", "sv": "Tidsfrist för den inledande intervjun"}[lang]
        named = [r for r in rows if interview[:14] in r]  # the column may cut the name with "…" at 80 columns
        upcoming = next(r for r in named if "POR-2026-77" in r)
        due = add_working_days(dt.date(2026, 11, 26), 10)
        passed = i18n.gettext_for(lang)("passed")
        assert f"{due.day}.{due.month}.{due.year}" in upcoming and passed not in upcoming
        late = next(r for r in named if "POR-2026-78" in r)
        late_due = add_working_days(dt.date(2026, 11, 2), 10)
        over = (TODAY - late_due).days
        over_text = i18n.translations(lang).ngettext("{days} day over", "{days} days over", over).format(days=over)
        assert passed in late or over_text in late
        assert not any("POR-2026-79" in r for r in rows)  # finished: its interview was held


# --- 4. leaving asks -----------------------------------------------------------------------------------------


async def _checklist_with_an_answer(pilot) -> None:
    await settle(pilot)
    await open_template(pilot, "tier3-jobseeker")
    await answer_on_list(pilot, 1, "24")


@pytest.mark.parametrize("lang", LANGS)
async def test_ctrl_q_with_unsaved_answers_asks_first(store_url, lang):
    app = make_app(store_url, lang=lang, today=TODAY)
    async with app.run_test(size=SMALL) as pilot:
        await _checklist_with_an_answer(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        question = static_text(app, ".dialog-title")
        assert question == i18n.gettext_for(lang)("Quit without saving? The unsaved answers of the checklist are lost.")
        await pilot.click("#no")
        await pilot.pause()
        assert app.return_code is None and app.screen.id == "checklist" and app.screen.answers["age"] == 24
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.parametrize("lang", LANGS)
async def test_every_way_out_of_unsaved_answers_asks(store_url, lang):
    app = make_app(store_url, lang=lang, today=TODAY)
    leave = i18n.gettext_for(lang)("Leave without saving? The unsaved answers are lost.")
    async with app.run_test(size=SMALL) as pilot:
        await _checklist_with_an_answer(pilot)
        await pilot.press("escape")  # Esc on the list
        await pilot.pause()
        assert static_text(app, ".dialog-title") == leave
        await pilot.press("escape")  # Esc in the dialog: stay
        await pilot.pause()
        assert app.screen.id == "checklist"

        app.screen.query_one("#items", OptionList).highlighted = 2
        await pilot.press("enter")  # the dropdown opens
        await pilot.pause()
        await pilot.press("escape")  # Esc closes it
        await pilot.pause()
        assert app.screen.focused.id == "answer-select"
        await pilot.press("escape")  # Esc from the dropdown goes back to the list, and again asks
        await pilot.pause()
        assert app.screen.focused.id == "items"
        await pilot.press("escape")
        await pilot.pause()
        assert static_text(app, ".dialog-title") == leave
        await pilot.click("#no")
        await pilot.pause()

        app.leave_for_service_map("tyonvalitys")  # the palette's and the cards' way to the service map
        await pilot.pause()
        assert static_text(app, ".dialog-title") == leave
        await pilot.click("#yes")
        await settle(pilot)
        assert app.screen.id == "service-map" and static_text(app, "#detail-title")
