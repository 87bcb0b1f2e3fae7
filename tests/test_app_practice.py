"""Practice mode at 80×24 in Finnish and Swedish: a trainee works a case with the real checklist, chooses services
and a pathway, and sees the differences from the model answer with the reasons and a score; nothing of it shows
in the real follow-ups."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, SelectionList

from te_navigator.models.assessments import list_assessments
from te_navigator.models.practice_store import PracticeStore, practice_url
from te_navigator.models.store import Store
from te_navigator.tui.practice_screen import (
    PracticeCasesScreen,
    PracticeChecklistScreen,
    PracticeChoicesScreen,
    PracticeComparisonScreen,
    StoryDialog,
)
from tests.apphelpers import make_app, option_texts, settle, static_text

SIZE = (80, 24)
WORDS = {
    "fi": {
        "title": "19-vuotias ilman ammatillista tutkintoa",
        "story": "Ville Påhittad (keksitty henkilö)",
        "filter": "alkuhaast",
        "score": "Pisteet: ",
        "pathway": "✗ sinun: Osaamisen kehittäminen · mallin: Nuoren polku",
        "missing": "✗ puuttuu: Koulutusneuvonta",
        "why": "Alle 25-vuotias ilman ammatillista",
    },
    "sv": {
        "title": "19-åring utan yrkesinriktad examen",
        "story": "Ville Påhittad (en påhittad person)",
        "filter": "inledande",
        "score": "Poäng: ",
        "pathway": "✗ ditt: Kompetensutveckling · modellens: De ungas väg",
        "missing": "✗ saknas: Utbildningsrådgivning",
        "why": "En person under 25 år utan",
    },
}


def followup_rows(app) -> list[str]:
    table = app.screen.query_one("#followup-table", DataTable)
    return [" ".join(str(cell) for cell in table.get_row_at(index)) for index in range(table.row_count)]


async def work_youth_case(pilot, lang: str, pathway: str = "competence") -> None:
    """The first case, as a trainee would: read the story, answer two questions, choose one service and a
    pathway, compare."""
    app = pilot.app
    await settle(pilot)
    await pilot.press("t")
    await settle(pilot)
    assert isinstance(app.screen, PracticeCasesScreen)
    assert option_texts(app, "#practice-list")[0].startswith(WORDS[lang]["title"])
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, StoryDialog)
    assert WORDS[lang]["story"] in static_text(app, "#story-text")
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(app.screen, PracticeChecklistScreen)
    await pilot.press(*"16.11.2026", "enter", *"19", "enter")
    await settle(pilot)
    assert app.screen.answers == {"registered_on": "2026-11-16", "age": 19}
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, PracticeChoicesScreen)
    await pilot.press(*WORDS[lang]["filter"], "down", "space")
    await settle(pilot)
    assert app.screen.chosen_services == ["alkuhaastattelu"]
    assert app.screen.query_one("#practice-services", SelectionList).option_count == 1
    pathways = [p.id for p in app.screen.pathways]
    await pilot.press("tab")
    await pilot.press(*["down"] * pathways.index(pathway), "enter")
    await settle(pilot)
    assert app.screen.pathway == pathway
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, PracticeComparisonScreen)


@pytest.mark.parametrize("lang", ["fi", "sv"])
async def test_a_trainee_sees_the_differences_why_and_the_score(store_url, store_path, lang, monkeypatch):
    monkeypatch.setenv("TE_NAVIGATOR_STAFF", "trainee-9")
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        followups_before = followup_rows(app)
        await pilot.press("escape")
        await work_youth_case(pilot, lang)
        shown = static_text(app, "#practice-comparison-text")
        words = WORDS[lang]
        assert shown.startswith(words["score"])
        assert words["pathway"] in shown and words["missing"] in shown and words["why"] in shown
        assert "✓ " in shown  # what was the same is marked too
        comparison = app.screen.comparison
        score = comparison["score"]
        assert f"{score['points']}/{score['max']}" in shown.splitlines()[0]
        # the registration date was right: every deadline counted from it is too
        assert score["parts"]["deadlines"] == [3, 3] and score["parts"]["pathway"] == [0, 5]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PracticeCasesScreen)
        await pilot.press("escape", "u")
        await settle(pilot)
        assert followup_rows(app) == followups_before  # nothing of practice here
        assert not any("trainee-9" in row or "Ville" in row for row in followup_rows(app))
    practice = PracticeStore(practice_url(None, store_url))
    attempts = practice.attempts()
    practice.close()
    assert [(a["case"], a["staff"], a["points"]) for a in attempts] == [
        ("youth-without-qualification", "trainee-9", score["points"])
    ]
    store = Store.open(store_url)
    try:
        assert list_assessments(store) == []
    finally:
        store.close()


async def test_practice_pathways_open_without_a_case_and_record_nothing(store_url):
    app = make_app(store_url, lang="sv")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape", "ctrl+s")
        await settle(pilot)
        await pilot.press("down", "space", "tab", "escape")  # Esc in a list steps back to the filter, keeps choices
        await settle(pilot)
        assert isinstance(app.screen, PracticeChoicesScreen) and app.screen.focused.id == "practice-filter"
        assert len(app.screen.chosen_services) == 1
        await pilot.press("tab", "tab", "ctrl+d")
        await settle(pilot)
        assert app.screen.pathway is not None and app.screen.case_reference is None
        footer_keys = {
            active.binding.action
            for active in app.screen.active_bindings.values()
            if active.binding.show and active.enabled
        }
        assert not footer_keys & {"record", "choose_case", "handout"}
        await pilot.press("r", "k")
        await settle(pilot)
        assert app.screen.case_reference is None  # no case dialog, nothing recorded
