"""Snapshots of each main screen, in Finnish and Swedish, at 80×24 (pytest-textual-snapshot).

Only what a Pilot test cannot check is pinned: how each main screen and layout looks at the size staff work in.
Wider terminals (120×40) are not pinned: the same widgets with more room, whose contents the Pilot tests check
(tests/test_app*.py, test_app_input.py's deadline strip at several sizes). Of the checklists, one area checklist
and one case checklist are pinned (their headers differ); the other two are the same layout with other items.
"""

from __future__ import annotations

import pytest

from tests.apphelpers import make_app, option_texts, settle, static_text, wait_for

SIZE = (80, 24)
LANGS = ["fi", "sv"]


async def _ready(pilot) -> None:
    await settle(pilot)


async def _detail(pilot) -> None:
    await settle(pilot)
    pilot.app.screen.jump_to_service("palkkatuki")
    await pilot.pause()
    await pilot.press("enter")  # into the detail pane
    await pilot.pause()


async def _side_by_side(pilot) -> None:
    await _detail(pilot)
    await pilot.press("b")
    await pilot.pause()


async def _help(pilot) -> None:
    await settle(pilot)
    await pilot.press("f1")
    await wait_for(pilot, lambda: bool(pilot.app.screen.query_one("#help-text").children), "the help text")
    await pilot.pause()


async def _search(pilot) -> None:
    await settle(pilot)
    await pilot.press("slash", *"koulutus")
    # the detail pane follows once typing pauses
    await wait_for(
        pilot,
        lambda: option_texts(pilot.app, "#services")[0].startswith(static_text(pilot.app, "#detail-title") or "\0"),
        "the first hit's detail",
    )
    await pilot.pause()


async def _glossary(pilot) -> None:
    await settle(pilot)
    pilot.app.open_glossary("tym")  # a term with linked services and a pathway
    await settle(pilot)


SCREENS = {
    "service_map": _ready,
    "detail": _detail,
    "side_by_side": _side_by_side,
    "help": _help,
    "search": _search,
    "glossary": _glossary,
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare, store_url, screen, lang):
    assert snap_compare(make_app(store_url, lang=lang), terminal_size=SIZE, run_before=SCREENS[screen])


def _checklist(template_id: str):
    async def run_before(pilot) -> None:
        from te_navigator.tui.checklist_screen import ChecklistScreen

        await settle(pilot)
        pilot.app.push_screen(ChecklistScreen(template_id))
        await settle(pilot)

    return run_before


TEMPLATES = ["tier1-area", "tier3-jobseeker"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_checklist(snap_compare, store_url, template, lang):
    assert snap_compare(make_app(store_url, lang=lang), terminal_size=SIZE, run_before=_checklist(template))


async def _navigator(pilot) -> None:
    await settle(pilot)
    pilot.app.open_pathway("challenging-position")
    await settle(pilot)
    await pilot.press("down")
    await pilot.pause()


@pytest.mark.parametrize("lang", LANGS)
def test_navigator(snap_compare, store_url, lang):
    assert snap_compare(make_app(store_url, lang=lang), terminal_size=SIZE, run_before=_navigator)


def _practice_comparison(lang: str):
    async def run_before(pilot) -> None:
        from tests.test_app_practice import work_youth_case

        await work_youth_case(pilot, lang)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("lang", LANGS)
def test_practice_comparison(snap_compare, store_url, lang):
    """The trainee's answer beside the model answer: the score, ✓ and ✗ with the reasons, at 80×24."""
    assert snap_compare(make_app(store_url, lang=lang), terminal_size=SIZE, run_before=_practice_comparison(lang))
