"""Pilot tests of issue 15 points 5–10 at 80×24, in Finnish and Swedish: the palette finds what is typed, history
in words, tables and boxes that fit, the referral dialogs, the hand-out, and no English word on a Swedish screen."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from textual.widgets import DataTable, Input, Select

from te_navigator.models import i18n
from te_navigator.models.i18n import _
from te_navigator.tui.referral_dialog import CaseDialog, HandoutDialog, ReferralDialog
from tests.apphelpers import make_app, settle, static_text, wait_for

SMALL = (80, 24)
HETU = "131052-308T"  # the Digital and Population Data Services Agency's published example, not a person's

# Words of the English UI (ours and Textual's) that must never show on a Swedish screen or in Swedish output.
ENGLISH_UI_WORDS = (
    "No matches found",
    "Dismiss menu",
    "Select",
    "Show menu",
    "usage",
    "options",
    "positional arguments",
    "error",
    "required",
    "arguments",
    "help message",
    "due",
    "Share",
    "Monthly",
    "Last month",
    "None",
    "False",
    "True",
    "changes-since-plan",
    "glossary-fi-sv",
    "domain-vocabulary",
    "Search",
    "Quit",
    "Help",
    "Back",
    "Open",
    "Cancel",
    "Save",
    "Delete",
    "History",
    "Record",
    "Case",
    "Step",
    "Working days",
    "Overdue",
    "Commands",
    "Choose",
    "population_2022",
    "staff_fte",
    "finished",
    "unfinished",
    "saved",
    "yes",
    "no",
    "Source in the plan",
    "Hand-out",
    "Language",
    "Follow-ups",
    "Pathways",
    "Checklist",
)


def english_words(text: str) -> list[str]:
    return [word for word in ENGLISH_UI_WORDS if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]


def screen_text(app) -> str:
    """Everything the terminal shows now, as plain text (from Textual's own screenshot)."""
    svg = app.export_screenshot()
    return html.unescape(" ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S))).replace("\xa0", " ")


def save_case(store, reference: str, service_language: str = "sv", registered: dt.date | None = None, **answers) -> int:
    from te_navigator.models.assessments import save_assessment

    registered = registered or dt.date.today() - dt.timedelta(days=3)
    assessment_id, _version = save_assessment(
        store,
        store.checklist("tier3-jobseeker"),
        {
            "registered_on": registered.isoformat(),
            "age": 45,
            "service_language": service_language,
            "municipality": "loviisa",
            "partial_work_ability": False,
            **answers,
        },
        case_reference=reference,
    )
    return assessment_id


def refer(
    store, reference: str, pathway_id: str = "challenging-position", step: str | None = None, due: dt.date | None = None
) -> dict:
    from te_navigator.models.referrals import plan_step

    pathway = store.pathway(pathway_id)
    due = due or dt.date.today() + dt.timedelta(days=2)
    return plan_step(
        store,
        reference,
        pathway.id,
        step or pathway.start,
        status="referred",
        on=min(dt.date.today(), due - dt.timedelta(days=1)),
        due_on=due,
    )


async def submit(pilot, selector: str) -> None:
    """Enter in a dialog's field, as a caseworker sends it (the buttons may be scrolled out of sight at 80×24)."""
    pilot.app.screen.query_one(selector, Input).focus()
    await pilot.press("enter")
    await settle(pilot)


# --- 5. the palette finds what you type ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "sv"])
async def test_palette_opens_the_term_rather_than_a_command(store_url, lang):
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"KEHA")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.lang == lang  # the language did not switch
        assert app.screen.id == "glossary" and static_text(app, "#term-text").startswith("KEHA")


@pytest.mark.parametrize("lang", ["fi", "sv"])
async def test_palette_finds_the_term_while_the_store_is_still_opening(store_url, lang, monkeypatch):
    """The first seconds: the search index is not there yet; KEHA Enter still opens the term, and no system
    command whose letters merely occur in that order ("Kieli: vaihda …") is offered to catch the Enter."""
    import threading

    from textual.command import CommandList

    from te_navigator.models.snapshot import write_snapshot
    from te_navigator.models.store import Store

    opened = Store.open(store_url)
    write_snapshot(store_url, opened.export())  # a warm start: the map paints from the cache at once
    opened.close()
    gate = threading.Event()
    real_open = Store.open.__func__
    monkeypatch.setattr(
        Store, "open", classmethod(lambda cls, url, *a, **k: gate.wait(30) and real_open(cls, url, *a, **k))
    )
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for(pilot, lambda: app.screen.id == "service-map" and app.catalogue is not None, "the map")
        assert app.index is None
        await pilot.press("ctrl+p", *"KEHA")
        commands = app.screen.query_one(CommandList)
        await wait_for(pilot, lambda: commands.option_count > 0, "the palette's hits")
        await pilot.pause(0.3)  # what else arrives
        shown = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
        assert all("KEHA" in text for text in shown), shown
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.id != "--command-palette", "the term")
        assert app.lang == lang and static_text(app, "#term-text").startswith("KEHA")  # in the glossary
        gate.set()
        await settle(pilot)


@pytest.mark.parametrize("lang", ["fi", "sv"])
async def test_the_header_names_the_pathway_screen_while_it_loads(store_url, lang, monkeypatch):
    import threading

    from te_navigator.models.store import Store

    gate = threading.Event()
    real_open = Store.open.__func__
    monkeypatch.setattr(
        Store, "open", classmethod(lambda cls, url, *a, **k: gate.wait(30) and real_open(cls, url, *a, **k))
    )
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for(pilot, lambda: app.screen.id == "service-map", "the map")
        app.open_pathway("challenging-position")
        await wait_for(pilot, lambda: app.screen.id == "navigator", "the pathway screen")
        await pilot.pause()
        i18n.set_language(lang)
        assert app.sub_title == _("Pathways")  # not "Service map", the screen left behind
        gate.set()
        await settle(pilot)
        assert app.sub_title.startswith(app.screen.pathway.name.text(lang))


# --- 6. history and show in words ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, words",
    [
        ("fi", ("Ruotsi", "Loviisa", "ei", "Versio 2", "tallennettu")),
        ("sv", ("Svenska", "Lovisa", "nej", "Version 2", "sparad")),
    ],
)
async def test_history_shows_labels_and_answers_in_words(store, store_url, lang, words):
    from te_navigator.models.assessments import save_assessment

    assessment_id = save_case(store, "LOV-2026-7")
    save_assessment(
        store,
        store.checklist("tier3-jobseeker"),
        {
            "registered_on": (dt.date.today() - dt.timedelta(days=3)).isoformat(),
            "age": 46,
            "service_language": "sv",
            "municipality": "loviisa",
            "partial_work_ability": True,
        },
        assessment_id=assessment_id,
    )
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        history = static_text(app, "#card-body")
        assert all(word in history for word in words), history
        for raw in ("loviisa", "False", "True", "None", "partial_work_ability", "service_language", " sv "):
            assert raw not in history


# --- 7. fits 80×24 ------------------------------------------------------------------------------------------


def table_fits(table: DataTable, width: int) -> bool:
    return sum(column.get_render_width(table) for column in table.columns.values()) <= width


@pytest.mark.parametrize("lang", ["fi", "sv"])
async def test_followups_table_fits_80_columns_and_cuts_with_an_ellipsis(store, store_url, lang):
    save_case(store, "LOVIISA-2026-000123")
    refer(store, "LOVIISA-2026-000123")
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        table = app.screen.query_one("#followup-table", DataTable)
        assert table_fits(table, 80)
        cells = [str(cell) for index in range(table.row_count) for cell in table.get_row_at(index)]
        assert any(cell.endswith("…") for cell in cells)  # the long reference or step name, cut
        assert all(len(cell) <= 40 for cell in cells)
        # Nothing is lost: the highlighted referral's cut and left-out values show in full under the table.
        headers = [str(column.label).rstrip("…") for column in table.columns.values()]
        pathway = store.pathway("challenging-position")
        step_name = next(s for s in pathway.steps if s.id == pathway.start).name.text(lang)
        referral_row = next(i for i in range(table.row_count) if "LOVIISA" in str(table.get_row_at(i)[0]))
        table.move_cursor(row=referral_row)
        await pilot.pause()
        detail = static_text(app, "#followup-detail")
        i18n.set_language(lang)
        for label, value in ((_("Case"), "LOVIISA-2026-000123"), (_("Step"), step_name)):
            assert f"{label}: {value}" in detail
        for label in (_("Working days"), _("Recorded by")):
            if not any(label.startswith(header) for header in headers):  # a column left out at 80 columns
                assert re.search(rf"{re.escape(label)}: \S", detail), (label, detail)
        assert app.screen.query_one("#followup-detail").region.bottom <= 23  # above the footer


@pytest.mark.parametrize("lang", ["fi", "sv"])
async def test_assessments_table_fits_80_columns(store, store_url, lang):
    save_case(store, "LOVIISA-2026-000123")
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        table = app.screen.query_one("#assessment-table", DataTable)
        assert table.row_count == 1 and table_fits(table, 80)
        assert any(str(cell).endswith("…") for cell in table.get_row_at(0))  # the checklist's long name
        checklist = store.checklist("tier3-jobseeker").name.text(lang)
        assert checklist in static_text(app, "#assessment-detail")  # in full under the table
        assert app.screen.query_one("#assessment-detail").region.bottom <= 23


def test_pathway_boxes_cut_long_names_with_an_ellipsis():
    from te_navigator.tui.diagram import draw_pathway

    long_name = "Erittäin pitkä vaiheen nimi jota ei mitenkään saa mahtumaan kolmelle riville laatikossa " * 2
    from te_navigator.models.entities import Pathway

    text = {"fi": "teksti", "sv": "text"}

    def step(step_id: str, name: str, following: list[str]) -> dict:
        return {
            "id": step_id,
            "name": {"fi": name, "sv": name},
            "service": "palkkatuki",
            "responsible": text,
            "timing": text,
            "customer_text": text,
            "next": following,
            "exit": not following,
            "source": "test",
        }

    pathway = Pathway.model_validate(
        {
            "id": "p",
            "name": text,
            "description": text,
            "audience": ["jobseeker"],
            "start": "a",
            "source": "test",
            "steps": [
                step("a", long_name, ["b", "c"]),
                step("b", "Lyhyt", []),
                step("c", "Toinen_hyvin_pitkä_yhdyssana_ilman_välilyöntejä_laatikossa", []),
            ],
        }
    )
    drawing = draw_pathway(pathway, "fi", width=80).plain
    assert all(len(line) <= 80 for line in drawing.splitlines())
    assert drawing.count("…") >= 2  # the wrapped name and the long single word
    assert "Erittäin pitkä" in drawing


# --- 8. the referral dialogs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang, new_case", [("fi", "uusi asiakkuus"), ("sv", "ny kundrelation")])
async def test_case_is_picked_from_the_saved_cases(store, store_url, lang, new_case):
    save_case(store, "POR-2026-11", registered=dt.date(2026, 11, 2))
    save_case(store, "LOV-2026-12")
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.open_pathway("challenging-position")
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, CaseDialog)
        saved = app.screen.query_one("#saved-case", Select)
        assert new_case in str(saved.prompt).lower()
        assert {value for _label, value in saved._options if value != Select.NULL} == {"POR-2026-11", "LOV-2026-12"}
        saved.value = "POR-2026-11"
        await pilot.pause()
        assert app.screen.query_one("#case-reference", Input).value == "POR-2026-11"
        assert app.screen.query_one("#registered-on", Input).value == "2.11.2026"
        await submit(pilot, "#registered-on")
        assert app.screen.id == "navigator" and app.screen.case_reference == "POR-2026-11"


@pytest.mark.parametrize("lang, why", [("fi", "henkilötunnus"), ("sv", "personbeteckning")])
async def test_refused_note_keeps_the_referral_dialog_open_with_what_was_typed(store, store_url, lang, why):
    from te_navigator.models.referrals import case_referrals

    save_case(store, "POR-2026-5")
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.open_pathway("challenging-position", case_reference="POR-2026-5")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReferralDialog)
        assert "POR-2026-5" in screen_text(app)  # the dialog names the case it records for
        note = f"soitettu, hetu {HETU}"
        app.screen.query_one("#note", Input).value = note
        app.screen.query_one("#on", Input).value = "not a date"
        await submit(pilot, "#note")
        assert isinstance(app.screen, ReferralDialog)
        assert app.screen.query_one("#note", Input).value == note
        problem = static_text(app, "#dialog-problem")
        assert problem and "not a date" in problem
        app.screen.query_one("#on", Input).value = dt.date.today().strftime("%d.%m.%Y")
        await submit(pilot, "#note")
        assert isinstance(app.screen, ReferralDialog)  # the store refused the note: still open
        assert app.screen.query_one("#note", Input).value == note
        assert why in static_text(app, "#dialog-problem").lower()
        assert case_referrals(store, "POR-2026-5") == []
        app.screen.query_one("#note", Input).value = "soitettu"
        await submit(pilot, "#note")
        assert app.screen.id == "navigator"
    assert [r["note"] for r in case_referrals(store, "POR-2026-5")] == ["soitettu"]


# --- 9. the hand-out ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "sv"])
async def test_handout_in_the_customers_language_with_its_format_from_the_file_name(store, store_url, tmp_path, lang):
    save_case(store, "POR-2026-5", service_language="sv" if lang == "fi" else "fi")
    refer(store, "POR-2026-5", step="work-ability-coordinator")
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.open_pathway("challenging-position", case_reference="POR-2026-5")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HandoutDialog)
        customer_language = "sv" if lang == "fi" else "fi"
        assert app.screen.query_one("#handout-lang", Select).value == customer_language
        out = tmp_path / "plan.md"
        app.screen.query_one("#handout-path", Input).value = str(out)
        await pilot.pause()
        assert "Markdown" in static_text(app, "#handout-format")
        await submit(pilot, "#handout-path")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# ") and "<html" not in text
    assert ("Samordnare" if customer_language == "sv" else "Työkykykoordinaattori") in text


def test_handout_markdown_renders_as_headings_and_a_numbered_list(store):
    from markdown_it import MarkdownIt

    from te_navigator.models.handout import case_handout

    save_case(store, "POR-2026-5")
    refer(store, "POR-2026-5")
    refer(store, "POR-2026-5", "youth", "onni")
    rendered = MarkdownIt("commonmark").render(case_handout(store, "POR-2026-5", "sv", "md"))
    assert rendered.count("<h1>") == 1 and "<h2>" in rendered and "<ol>" in rendered
    item = rendered.split("<ol>")[1].split("<li>")[1]
    assert item.count("<p>") >= 3  # the step, what happens, who helps: each its own paragraph
    assert "\\" not in rendered  # nothing escaped shows up in the result


def test_handout_writes_out_the_abbreviations_a_customer_does_not_know(store):
    from te_navigator.models.handout import AbbreviationExplainer

    explain = AbbreviationExplainer(store.glossary(), "fi")
    text = explain("Asiakas ohjataan TYP:iin ja KEHA hoitaa maksun; TYP auttaa.")
    typ = next(t for t in store.glossary() if t.term.fi == "TYP")
    assert text.count(typ.expansion.fi) == 1 and "KEHA (" in text


# --- 10. every word in the chosen language on screen ----------------------------------------------------------


async def test_swedish_screens_show_no_english_words(store, store_url):
    save_case(store, "LOV-2026-7")
    refer(store, "LOV-2026-7", due=dt.date.today() - dt.timedelta(days=1))
    app = make_app(store_url, lang="sv")
    seen: dict[str, str] = {}
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        seen["service map"] = screen_text(app)
        await pilot.press("ctrl+p", *"zzqxw")
        await settle(pilot)
        await wait_for(pilot, lambda: "Inga träffar" in screen_text(app), "the palette's no-matches line")
        seen["palette"] = screen_text(app)
        await pilot.press("escape")
        await pilot.press("a")
        await settle(pilot)
        seen["assessments"] = screen_text(app)
        app.screen.query_one("#filter-municipality", Select).focus()
        await pilot.press("enter")
        await pilot.pause()
        seen["drop-down"] = screen_text(app)
        assert "Stäng menyn" in seen["drop-down"]
        await pilot.press("escape")
        app.screen.query_one("#assessment-table", DataTable).focus()
        await pilot.press("h")
        await settle(pilot)
        seen["history"] = screen_text(app)
        app.switch_to_service_map()
        await pilot.press("u")
        await settle(pilot)
        seen["follow-ups"] = screen_text(app)
        app.open_pathway("challenging-position", case_reference="LOV-2026-7")
        await settle(pilot)
        seen["navigator"] = screen_text(app)
        await pilot.press("r")
        await settle(pilot)
        seen["referral dialog"] = screen_text(app)
    found = {name: english_words(text) for name, text in seen.items()}
    assert not any(found.values()), found


def swedish_command(capsys, *args: str) -> str:
    import contextlib

    from te_navigator.tui.cli.main import main

    with contextlib.suppress(SystemExit):  # --help and argparse's own errors exit
        main([*args, "--lang", "sv"] if "--help" not in args else ["--lang", "sv", *args])
    captured = capsys.readouterr()
    return captured.out + captured.err


def test_swedish_command_line_output_has_no_english_words(capsys, store, store_url, tmp_path):
    import json

    assessment_id = save_case(store, "LOV-2026-7")
    refer(store, "LOV-2026-7")
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps({"registered_on": "2026-11-02", "age": 24, "service_language": "sv", "municipality": "loviisa"}),
        encoding="utf-8",
    )
    db = ["--db", store_url]
    outputs = {
        "help": swedish_command(capsys, "--help"),
        "search help": swedish_command(capsys, "search", "--help"),
        "handout help": swedish_command(capsys, "handout", "--help"),
        "missing argument": swedish_command(capsys, "search", *db),
        "bad choice": swedish_command(capsys, "handout", "LOV-2026-7", "--format", "pdf", *db),
        "show loviisa": swedish_command(capsys, "show", "loviisa", *db),
        "show keha": swedish_command(capsys, "show", "keha", *db),
        "costs": swedish_command(capsys, "costs", "--total", "1000", *db),
        "followups": swedish_command(capsys, "followups", *db),
        "assessments list": swedish_command(capsys, "assessments", "list", *db),
        "assessments show": swedish_command(capsys, "assessments", "show", str(assessment_id), *db),
        "assess": swedish_command(capsys, "assess", "--template", "tier3-jobseeker", "--answers", str(answers), *db),
        "handout": swedish_command(capsys, "handout", "LOV-2026-7", *db),
        "changes": swedish_command(capsys, "changes", *db),
    }
    assert "användning:" in outputs["help"] and "fel:" in outputs["missing argument"]
    assert "Lovisa" in outputs["show loviisa"]
    assert "Invånarantal (2022)" in outputs["show loviisa"] and "på finska" in outputs["show keha"]
    assert "Andel" in outputs["costs"] and "senast" in outputs["followups"]
    assert "LOV-2026-7" in outputs["assessments list"] and "Lovisa" in outputs["assessments list"]
    assert not [name for name, text in outputs.items() if "errors.log" in text]  # no unexpected error anywhere
    assert "på finska" in outputs["changes"]  # the laws' Finnish citations say they are in Finnish
    found = {name: english_words(text) for name, text in outputs.items()}
    assert not any(found.values()), found
