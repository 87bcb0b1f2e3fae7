"""Pilot tests: what a caseworker sees and does in the service map, in Finnish and Swedish."""

from __future__ import annotations

import pytest
from textual.command import CommandList
from textual.widgets import Input

from tests.apphelpers import (
    footer_descriptions,
    highlighted_id,
    make_app,
    option_texts,
    settle,
    static_text,
    wait_for,
)

SMALL, LARGE = (80, 24), (120, 40)


async def test_opens_on_the_service_map(store_url):
    app = make_app(store_url)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        groups = option_texts(app, "#groups")
        assert groups[0] == "Työn ja tekijän löytäminen" and len(groups) == 8
        assert "Työllistymissuunnitelma" in option_texts(app, "#services")
        assert static_text(app, "#detail-title") == "Työllistymissuunnitelma"


async def test_keyboard_navigation(store_url):
    app = make_app(store_url)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")  # second group, into its services
        assert highlighted_id(app, "#groups") == "competence-development"
        assert app.screen.focused.id == "services"
        services = option_texts(app, "#services")
        assert "Työkokeilu" in services and "Palkkatuki" not in services
        await pilot.press("down")
        assert static_text(app, "#detail-title") == services[1]
        await pilot.press("enter")
        assert app.screen.focused.id == "detail"
        await pilot.press("escape")
        assert app.screen.focused.id == "services"
        await pilot.press("escape")
        assert app.screen.focused.id == "groups"


async def test_search_narrows_as_you_type_and_shows_the_matched_form(store_url):
    app = make_app(store_url)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert app.screen.focused.id == "search"
        await pilot.press(*"palkkatukea")
        results = option_texts(app, "#services")
        assert results[0].startswith("Palkkatuki") and "palkkatukea → Palkkatuki" in results[0]
        # the detail follows when typing pauses
        await wait_for(pilot, lambda: static_text(app, "#detail-title") == "Palkkatuki", "the detail of Palkkatuki")
        await pilot.press("escape")
        assert app.screen.query_one("#search", Input).value == ""
        assert "Työllistymissuunnitelma" in option_texts(app, "#services")


async def test_search_without_matches_says_so(store_url):
    app = make_app(store_url, lang="sv")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"qqxqq")
        assert option_texts(app, "#services") == ["Inga träffar."]


async def test_filters(store_url):
    app = make_app(store_url)
    async with app.run_test(size=LARGE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        dialog = app.screen
        dialog.query_one("#audience").value = "employer"
        await pilot.click("#apply")
        await pilot.pause()
        services = option_texts(app, "#services")
        assert "Palkkatuki" in services and "Työllistymissuunnitelma" not in services
        assert "Vuorotteluvapaa (lakkautettu)" not in services
        await pilot.press("f")
        app.screen.query_one("#abolished").value = True
        await pilot.click("#apply")
        await pilot.pause()
        assert any(s.startswith("Vuorotteluvapaa") for s in option_texts(app, "#services"))


async def test_language_switch_keeps_the_selection(store_url):
    app = make_app(store_url)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"starttiraha", "enter")
        assert static_text(app, "#detail-title") == "Starttiraha"
        assert "Haku" in footer_descriptions(app) and "På svenska" in footer_descriptions(app)
        assert "Asiakasryhmä" in static_text(app, "#detail-main")
        await pilot.press("f2")
        assert static_text(app, "#detail-title") == "Startpeng"
        assert option_texts(app, "#groups")[0] != "Työn ja tekijän löytäminen"
        assert "Sök" in footer_descriptions(app) and "Suomeksi" in footer_descriptions(app)
        assert "Kundgrupp" in static_text(app, "#detail-main")
        assert highlighted_id(app, "#services") == "starttiraha"
        await pilot.press("f2")
        assert static_text(app, "#detail-title") == "Starttiraha"


async def test_side_by_side(store_url):
    app = make_app(store_url, lang="sv")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"lönesub", "enter", "enter", "b")
        assert app.screen.has_class("side-by-side")
        assert static_text(app, "#detail-main").startswith("Lönesubvention")
        assert static_text(app, "#detail-other").startswith("Palkkatuki")
        await pilot.press("escape")
        assert not app.screen.has_class("side-by-side")


async def test_help_in_the_current_language(store_url):
    app = make_app(store_url, lang="sv")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert app.screen.id == "help"
        markdown = app.screen.query_one("#help-text")
        assert "hjälp" in markdown.source
        await pilot.press("f2")
        await pilot.pause()
        assert "ohje" in app.screen.query_one("#help-text").source
        await pilot.press("escape")
        assert app.screen.id == "service-map"


@pytest.mark.parametrize(
    "query, widget, expected",
    [
        ("startpeng", "#detail-title", "Starttiraha"),  # a service: shown in the map
        ("POMA", "#term-text", "POMA"),  # a glossary term: opened in the glossary
    ],
)
async def test_palette_jumps_to_what_it_finds(store_url, query, widget, expected):
    app = make_app(store_url)
    async with app.run_test(size=LARGE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *query)
        await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0, "the palette's hits")
        await pilot.press("enter")
        await settle(pilot)
        assert expected in static_text(app, widget)


async def test_theme_cycles_and_is_remembered(store_url):
    from te_navigator.models import config

    app = TeNavigatorApp_with_settings(store_url)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        assert app.theme == "textual-light"
        await pilot.press("f3")
        assert app.theme == "high-contrast"
    assert config.load()["theme"] == "high-contrast"


def TeNavigatorApp_with_settings(store_url):
    from te_navigator.tui.app import TeNavigatorApp

    return TeNavigatorApp(store_url, lang="fi", theme="dark", steady=True, save_settings=True)


async def test_too_small_terminal_says_so(store_url):
    app = make_app(store_url)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        assert app.screen.has_class("too-small")
        assert "80×24" in static_text(app, "#too-small")


async def test_store_that_cannot_be_opened(tmp_path):
    path = tmp_path / "broken.sqlite"
    path.write_text("this is no database")
    app = make_app(f"sqlite:///{path}")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert app.screen.id == "store-error"
        text = static_text(app, "#error-text")
        assert str(path) in text and "--db" in text
        await pilot.press("q")
    assert path.read_text() == "this is no database"


async def test_done_when_swedish_at_80x24(store_url):
    """The issue's scenario: in Swedish, / lönesub, open Lönesubvention, side by side, F2 → all Finnish."""
    app = make_app(store_url, lang="sv")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"lönesub")
        assert option_texts(app, "#services")[0].startswith("Lönesubvention")
        await pilot.press("enter", "enter", "b")
        assert static_text(app, "#detail-main").startswith("Lönesubvention")
        assert static_text(app, "#detail-other").startswith("Palkkatuki")
        await pilot.press("f2")
        assert static_text(app, "#detail-main").startswith("Palkkatuki")
        assert static_text(app, "#detail-other").startswith("Lönesubvention")
        assert "Haku" in footer_descriptions(app)
        assert app.sub_title.endswith("FI")
