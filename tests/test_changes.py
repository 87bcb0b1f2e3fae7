"""What changed: the dated changes of the catalogue, on the command line and on their screen, newest first."""

from __future__ import annotations

import datetime as dt

from textual.command import CommandList

from te_navigator.models.changes import dated_changes, pathway_facts
from te_navigator.tui.help_screen import help_text
from tests.apphelpers import footer_descriptions, make_app, option_texts, settle, wait_for
from tests.test_cli import run, run_json

SMALL = (80, 24)


def test_every_dated_change_newest_first(store):
    changes = dated_changes(store)
    dates = [change.date for change in changes]
    assert dates == sorted(dates, reverse=True)
    found = {(c.date, c.change, c.kind, c.id) for c in changes}
    assert ("2026-09-01", "in-force", "dated_fact", "job-search-profile-duty-2026") in found
    assert ("2026-03-01", "in-force", "dated_fact", "unemployment-benefit-sanctions-2026") in found
    assert ("2026-01-01", "in-force", "deadline", "initial-interview") in found
    assert ("2025-12-31", "ended", "deadline", "initial-interview") in found
    assert any((c.kind, c.id, c.change) == ("service", "vuorotteluvapaa", "abolished") for c in changes)
    assert any(c.kind == "partner" and c.change == "renamed" for c in changes)
    assert all(c.title["fi"] and c.title["sv"] and c.source for c in changes)


def test_since_keeps_the_later_changes(store):
    changes = dated_changes(store, since=dt.date(2026, 1, 1))
    assert changes and all(change.date >= "2026-01-01" for change in changes)
    assert changes[0].date == "2026-09-01"


def test_changes_command_json_and_text(capsys, store_url):
    data = run_json(capsys, "changes", "--since", "2026-01-01", "--db", store_url)
    assert [c["date"] for c in data] == sorted((c["date"] for c in data), reverse=True)
    assert data[0]["id"] == "job-search-profile-duty-2026" and data[0]["title"]["sv"]
    code, out, _err = run(capsys, "changes", "--since", "2026-01-01", "--lang", "sv", "--db", store_url)
    assert code == 0
    assert out.splitlines()[0].startswith("1.9.2026  I kraft från")
    assert "jobbsökningsprofil" in out and "2025" not in out.split("Källa")[0]


def test_changes_command_refuses_a_bad_date(capsys, store_url):
    code, _out, err = run(capsys, "changes", "--since", "1.1.2026", "--db", store_url)
    assert code == 1 and "--since" in err and "1.1.2026" in err


def test_pathway_facts_concern_the_pathway(store):
    facts = store.dated_facts()
    assert [f.id for f in pathway_facts(facts, "initial-phase")] == [
        "unemployment-benefit-sanctions-2026",
        "job-search-profile-duty-2026",
    ]
    assert pathway_facts(facts, "youth") == []
    ended = [facts[0].model_copy(update={"valid_to": dt.date(2026, 6, 30)})]
    assert pathway_facts(ended, "initial-phase", today=dt.date(2026, 11, 30)) == []


def test_pathways_show_names_the_facts_in_swedish(capsys, store_url):
    code, out, _err = run(capsys, "pathways", "show", "initial-phase", "--lang", "sv", "--db", store_url)
    assert code == 0 and "Från 1.3.2026" in out and "Från 1.9.2026" in out
    assert "lagen om utkomstskydd för arbetslösa" in out


def test_help_shows_the_facts(store):
    facts = store.dated_facts()
    finnish, swedish = help_text("fi", facts), help_text("sv", facts)
    assert "Lakimuutokset" in finnish and "työnhakuprofiili" in finnish and "10 arkipäivän" in finnish
    assert "Ändringar i lagen" in swedish and "jobbsökningsprofil" in swedish and "10 vardagar" in swedish


async def test_changes_screen_from_its_key_in_both_languages(store_url):
    app = make_app(store_url)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert "Näkymät" in footer_descriptions(app)  # the menu that lists it with its key
        await pilot.press("w")
        await settle(pilot)
        assert app.screen.id == "changes"
        listing = option_texts(app, "#changes-list")
        assert listing[0].startswith("1.9.2026") and "Velvollisuus laatia ja julkaista työnhakuprofiili" in listing[0]
        await pilot.press("f2")
        await settle(pilot)
        listing = option_texts(app, "#changes-list")
        assert "I kraft från" in listing[0] and "jobbsökningsprofil" in listing[0]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.id == "service-map"


async def test_changes_screen_from_the_palette(store_url):
    app = make_app(store_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"Mikä muuttui")
        await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0, "the palette's hits")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.id == "changes"


def visible_texts(app) -> str:
    """Every text of the screen's statics and option lists: wherever the screen puts the deadlines."""
    from rich.text import Text
    from textual.widgets import OptionList, Static

    texts = []
    for static in app.screen.query(Static):
        content = static.content
        texts.append(content.plain if isinstance(content, Text) else str(content))
    for option_list in app.screen.query(OptionList):
        for index in range(option_list.option_count):
            prompt = option_list.get_option_at_index(index).prompt
            texts.append(prompt.plain if isinstance(prompt, Text) else str(prompt))
    return "\n".join(texts)


class OnTheDayOfRegistration(dt.date):
    """22.12.2026 as today: a registration date is never in the future, so the test fills the checklist then."""

    @classmethod
    def today(cls):
        return cls(2026, 12, 22)


async def test_checklist_gives_the_dates_of_a_jobseeker_registered_before_christmas_2026(store_url, monkeypatch):
    import types

    from te_navigator.models import answers
    from tests.apphelpers import choose_option

    monkeypatch.setattr(
        answers, "dt", types.SimpleNamespace(date=OnTheDayOfRegistration, datetime=dt.datetime, timedelta=dt.timedelta)
    )
    app = make_app(store_url, lang="sv", today=OnTheDayOfRegistration.today())
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        await choose_option(pilot, "#picker-options", "tier3-jobseeker")
        await pilot.press("enter", *"2026-12-22", "enter")
        await settle(pilot)
        shown = visible_texts(app)
        assert "11.1.2027" in shown  # the initial interview: 10 working days, the holidays off
        assert "11.4.2027" in shown  # the next job-search conversation, counted from that due date
        assert "Nästa samtal om jobbsökning" in shown
