"""Every screen is reachable at 80×24: the footer shows the Screens menu (F4), which lists each screen of the one list
(tui/screens.py) with its key, in Finnish and Swedish; the palette has a command for each."""

from __future__ import annotations

import pytest

from te_navigator.tui.screens import SCREENS
from tests.apphelpers import footer_descriptions, make_app, option_texts, settle

SMALL = (80, 24)
MENU_TITLE = {"fi": "Näkymät", "sv": "Vyer"}
# What each screen of today's list shows once chosen (screens added later are checked to open something new).
OPENS = {
    "checklists": "Picker",
    "assessments": "assessments",
    "pathways": "Picker",
    "followups": "followups",
    "changes": "changes",
    "area": "area",
    "glossary": "glossary",
    "tour": "tour",
    "help": "help",
    "service-map-home": "service-map",
}


def shown(app) -> str:
    screen = app.screen
    return screen.id or type(screen).__name__


async def back_to_the_map(pilot) -> None:
    pilot.app.switch_to_service_map()
    await settle(pilot)
    assert shown(pilot.app) == "service-map"


@pytest.mark.parametrize("lang", ["fi", "sv"])
async def test_every_screen_is_reachable_from_the_menu_in_the_footer(store_url, lang):
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert MENU_TITLE[lang] in footer_descriptions(app)
        for position, listed in enumerate(SCREENS):
            await pilot.press("f4")
            await settle(pilot)
            assert shown(app) == "screens-menu"
            lines = option_texts(app, "#menu-options")
            assert len(lines) == len(SCREENS)
            app.screen.query_one("#menu-options").highlighted = position
            await pilot.press("enter")
            await settle(pilot)
            assert shown(app) != "screens-menu"
            assert shown(app) == OPENS.get(listed.id, shown(app))
            if listed.id != "service-map-home":
                assert shown(app) != "service-map", listed.id
            await back_to_the_map(pilot)


async def test_the_menu_lists_each_screen_with_its_key_and_opens_it_by_the_key(store_url):
    app = make_app(store_url, lang="sv")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        lines = option_texts(app, "#menu-options")
        assert any(line.startswith("c") and "Checklista" in line for line in lines)
        assert any(line.startswith("u") and "Uppföljning" in line for line in lines)
        await pilot.press("u")
        await settle(pilot)
        assert shown(app) == "followups"
        await back_to_the_map(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("f2")  # the menu follows the language switch
        await settle(pilot)
        assert any("Tarkistuslista" in line for line in option_texts(app, "#menu-options"))
        await pilot.press("escape")
        await settle(pilot)
        assert shown(app) == "service-map"
        assert "Näkymät" in footer_descriptions(app)


async def test_the_palette_has_a_command_for_each_screen(store_url):
    app = make_app(store_url, lang="fi")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for listed in SCREENS:
            assert listed.label() in titles
        assert "Näkymät (F4)" in titles
        assert "Seuranta (u)" in titles
