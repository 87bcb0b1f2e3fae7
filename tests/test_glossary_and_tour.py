"""The glossary screen (every term in fi and sv, found by its letters, linked to what it concerns) and the first-day
tour (offered on a first start, skippable at any step), at 80×24 in Finnish and Swedish."""

from __future__ import annotations

import pytest

from te_navigator.models import config
from te_navigator.models.catalogue_view import CatalogueView
from te_navigator.tui.app import TeNavigatorApp, tour_wanted
from te_navigator.tui.tour import STEPS, TARGET_CLASS
from tests.apphelpers import make_app, option_texts, settle, static_text

SMALL = (80, 24)
ABBREVIATIONS = ["TYP", "TYM", "POMA", "TNO", "KEHA", "TE24", "OSKE"]


def shown(app) -> str:
    return app.screen.id or type(app.screen).__name__


# --- glossary ------------------------------------------------------------------------------------------------


def test_every_term_links_only_to_entries_that_exist(store):
    catalogue = CatalogueView.read(store)
    linked = 0
    for term in catalogue.glossary:
        for field, kind in (
            ("related_services", "service"),
            ("related_partners", "partner"),
            ("related_pathways", "pathway"),
        ):
            assert all(catalogue.find(kind, entity_id) is not None for entity_id in getattr(term, field)), (
                term.id,
                field,
            )
            linked += len(getattr(term, field))
    assert linked > 50
    keha = catalogue.find("term", "keha")
    assert "keha" in keha.related_partners and "palkkaturvamenettely" in keha.related_services


def test_a_link_to_a_missing_entry_is_refused(seed_copy):
    from te_navigator.models.catalogue import CatalogueInvalid, load_catalogue

    path = seed_copy / "glossary.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'related_services = ["palkkatuki"]', 'related_services = ["palkkatuki-x"]'
        ),
        encoding="utf-8",
    )
    with pytest.raises(CatalogueInvalid) as refused:
        load_catalogue(seed_copy)
    assert any("palkkatuki-x" in str(problem) and "glossary.toml" in str(problem) for problem in refused.value.problems)


@pytest.mark.parametrize("lang", ["fi", "sv"])
async def test_abbreviations_are_found_by_their_letters_in_the_glossary(store_url, lang):
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert shown(app) == "glossary"
        assert len(option_texts(app, "#terms")) == len(app.catalogue.glossary)  # every term listed
        for abbreviation in ABBREVIATIONS:
            app.screen.query_one("#glossary-search").value = abbreviation
            await settle(pilot)
            assert option_texts(app, "#terms")[0].split()[0].rstrip(":") == abbreviation, abbreviation
        await pilot.press("enter")  # OSKE: the list
        await settle(pilot)
        assert "OSKE" in static_text(app, "#term-text")
        assert ("suomeksi" if lang == "fi" else "på finska") in static_text(app, "#term-text")  # both languages


@pytest.mark.parametrize("lang, service_name", [("fi", "Palkkatuki"), ("sv", "Lönesubvention")])
async def test_a_term_opens_the_service_it_concerns(store_url, lang, service_name):
    app = make_app(store_url, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("g", *("palkkatuki" if lang == "fi" else "lönesubvention"), "enter")
        await settle(pilot)
        await pilot.press("enter")  # the term → what it concerns
        await settle(pilot)
        links = option_texts(app, "#term-links")
        assert links[0].endswith(service_name)
        await pilot.press("enter")  # opens the service's card
        await settle(pilot)
        assert service_name in static_text(app, "#card-body")
        await pilot.press("escape")
        await settle(pilot)
        assert shown(app) == "glossary"


async def test_ctrl_p_keha_enter_opens_the_term_in_finnish(store_url):
    app = make_app(store_url, lang="fi")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"KEHA")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app) == "glossary"
        assert static_text(app, "#term-text").startswith("KEHA")
        assert any("Palkkaturvamenettely" in link for link in option_texts(app, "#term-links"))


# --- first-day tour ------------------------------------------------------------------------------------------


def test_the_tour_is_offered_until_taken_or_skipped(monkeypatch):
    monkeypatch.delenv("TE_NAVIGATOR_NO_TOUR")
    assert tour_wanted(config.load())
    config.save(tour="skipped")
    assert not tour_wanted(config.load())
    monkeypatch.setenv("TE_NAVIGATOR_NO_TOUR", "1")
    config.save(tour="")
    assert not tour_wanted(config.load())


async def test_the_tour_is_offered_on_first_start_and_esc_skips_it(store_url):
    app = TeNavigatorApp(store_url, lang="sv", theme="dark", steady=True, offer_tour=True)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert "rundtur" in static_text(app, "#tour-offer") and app.screen.has_class("offer-tour")
        await pilot.press("escape")
        await settle(pilot)
        assert not app.screen.has_class("offer-tour")
    assert config.load()["tour"] == "skipped"


async def test_esc_in_the_empty_search_skips_the_offer_and_leaves_the_search_box(store_url):
    app = TeNavigatorApp(store_url, lang="fi", theme="dark", steady=True, offer_tour=True)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("slash", "escape")
        await settle(pilot)
        assert not app.screen.has_class("offer-tour")
        await pilot.press("g")  # a letter now opens the glossary instead of landing in the search box
        await settle(pilot)
        assert type(app.screen).__name__ == "GlossaryScreen"


@pytest.mark.parametrize("lang, title", [("fi", "Ensimmäisen päivän esittely"), ("sv", "Första dagens rundtur")])
async def test_the_tour_walks_the_real_screens_and_esc_ends_it_at_any_step(store_url, lang, title):
    app = TeNavigatorApp(store_url, lang=lang, theme="dark", steady=True, offer_tour=True)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        seen = []
        for position in range(len(STEPS)):
            panel = app.screen.query_one("#tour-panel")
            assert panel.border_title == f"{title} {position + 1}/{len(STEPS)}"
            below = app.screen_stack[-2]
            seen.append(below.id)
            if STEPS[position].target:
                assert below.query_one(STEPS[position].target).has_class(TARGET_CLASS)
            await pilot.press("enter")
            await settle(pilot)
        assert seen == [
            "service-map",
            "service-map",
            "service-map",
            "checklist",
            "navigator",
            "followups",
            "service-map",
        ]
        assert shown(app) == "service-map" and not app.screen.side_by_side
        assert config.load()["tour"] == "taken"
        # again from the help (F1 → i), ended with Esc at the fourth step
        await pilot.press("f1")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("enter", "enter", "enter")
        await settle(pilot)
        assert app.screen_stack[-2].id == "checklist"
        await pilot.press("escape")
        await settle(pilot)
        assert shown(app) == "service-map" and len(app.screen_stack) == 1
