"""Content a caseworker can rely on (issue 9 point 2): each correction as a user would notice it."""

from __future__ import annotations

import json
import re

import pytest

from te_navigator.tui.cli.main import main
from te_navigator.models.catalogue import CatalogueInvalid, load_catalogue
from te_navigator.models.rules import suggestions


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def _all_answers_true(template) -> dict:
    """Every yes/no item answered yes: the widest net of suggestions a checklist can cast."""
    return {item.id: True for item in template.items if item.type == "yesno"}


def test_typ_is_superseded_by_tym_from_2025(catalogue):
    typ = catalogue.by_id("model")["typ"]
    assert typ["status"] == "superseded" and typ["superseded_by"] == "tym"
    assert typ["superseded_on"].isoformat() == "2025-01-01" and "1369/2014" in typ["status_source"]
    assert "Kumottu 1.1.2025" in catalogue.by_id("term")["typ"]["explanation"]["fi"]


def test_typ_is_never_suggested(catalogue):
    for rule in catalogue.entries["rule"]:
        assert {"kind": "model", "id": "typ"} not in rule["suggest"], rule["id"]
    suggested = {
        (s["kind"], s["id"])
        for template in catalogue.typed("checklist")
        for s in suggestions(template.id, _all_answers_true(template), catalogue.typed("rule"), {})
    }
    assert ("model", "tym") in suggested and ("model", "typ") not in suggested


def test_a_rule_suggesting_a_superseded_model_is_refused(seed_copy):
    path = seed_copy / "rules.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('{ kind = "model", id = "tym" }', '{ kind = "model", id = "typ" }', 1), encoding="utf-8"
    )
    with pytest.raises(CatalogueInvalid) as caught:
        load_catalogue(seed_copy)
    assert any(p.field == "suggest" and "'typ'" in p.message for p in caught.value.problems)


@pytest.mark.parametrize("lang, words", [("fi", "Kumottu 1.1.2025"), ("sv", "Upphävd 1.1.2025")])
def test_show_says_typ_is_repealed(capsys, store_url, lang, words):
    assert main(["show", "typ", "--db", store_url, "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert words in out and "381/2023" in out


@pytest.mark.parametrize("lang, words", [("fi", "korvattu 1.1.2025 alkaen: "), ("sv", "ersatt från 1.1.2025 av ")])
def test_the_typ_model_reads_as_superseded_by_tym(store, lang, words):
    from te_navigator.tui.describe import describe_entry

    model = next(m for m in store.models() if m.id == "typ")  # a term is "typ" too
    text = describe_entry("model", model, lang, store)
    assert words in text and "(TYM)" in text.split(words)[1].splitlines()[0]


def test_challenging_position_starts_with_the_multi_sectoral_assessment_and_plan(catalogue):
    pathway = catalogue.by_id("pathway")["challenging-position"]
    steps = {step["id"]: step for step in pathway["steps"]}
    start = steps[pathway["start"]]
    assert start["service"] == "monialaisen-palvelutarpeen-arviointi"
    plan = steps[start["next"][0]]
    assert plan["service"] == "monialainen-tyollistymissuunnitelma"
    assert "work-ability-coordinator" in plan["next"] and len(plan["next"]) > 1  # the coordinator only if needed


def test_pay_security_is_keha_not_ely(catalogue):
    services = catalogue.by_id("service")
    for service_id in ("palkkaturvamenettely", "nopeutettu-palkkaturvamenettely"):
        assert services[service_id]["partners"] == ["keha"]
        assert "KEHA" in services[service_id]["description"]["fi"]


def test_municipal_pay_subsidy_says_reduced_work_ability(catalogue):
    texts = json.dumps(
        [catalogue.entries[kind] for kind in ("service", "checklist", "pathway", "rule")],
        ensure_ascii=False,
        default=str,
    )
    assert "vammaisen" not in texts
    assert "alentuneesti työkykyisen" in catalogue.by_id("service")["palkkatuki"]["description"]["fi"]
    assert "nedsatt arbetsförmåga" in catalogue.by_id("service")["palkkatuki"]["description"]["sv"]


def test_rehabilitative_work_is_agreed_in_either_plan(catalogue):
    description = catalogue.by_id("service")["kuntouttava-tyotoiminta"]["description"]
    assert "aktivointisuunnitelmassa tai monialaisessa työllistymissuunnitelmassa" in description["fi"]
    assert "aktiveringsplanen eller i den sektorsövergripande sysselsättningsplanen" in description["sv"]


def test_national_counselling_and_work_in_finland_are_kehas_statutory_tasks(catalogue):
    services = catalogue.by_id("service")
    for service_id in ("kansallisen-tason-neuvonta", "kv-rekrytoinnin-neuvontapalvelu"):
        assert "HE 37/2024" in services[service_id]["source"]
        assert "lakisääteinen KEHA-keskuksen tehtävä" in services[service_id]["description"]["fi"]


def test_the_reform_is_te24_with_te25_as_alias(catalogue):
    term = catalogue.by_id("term")["te24"]
    assert term["term"] == {"fi": "TE24", "sv": "TE24"} and "TE25" in term["expansion"]["fi"]
    assert "te25" not in catalogue.by_id("term")


def test_no_palvelutori_point_is_presented_as_a_fact(catalogue, seed_copy):
    assert [p for p in catalogue.entries["service_point"] if p["kind"] == "palvelutori"] == []
    with (seed_copy / "service_points.toml").open("a", encoding="utf-8") as points:
        points.write(
            '\n[[service_point]]\nid = "palvelutori-loviisa"\nmunicipality = "loviisa"\nkind = "palvelutori"\n'
            'name = { fi = "Loviisan palvelutori", sv = "Servicetorget i Lovisa" }\n'
            'description = { fi = "Sovittu.", sv = "Avtalat." }\nsource = "sopimus"\n'
        )
    edited = load_catalogue(seed_copy)
    assert [p["id"] for p in edited.entries["service_point"] if p["kind"] == "palvelutori"] == ["palvelutori-loviisa"]


def test_costs_say_what_the_default_unemployed_figure_is(capsys, store_url):
    assert main(["costs", "--total", "1000", "--db", store_url, "--json", "--lang", "fi"]) == 0
    inputs = {item["id"]: item for item in json.loads(capsys.readouterr().out)["inputs"]}
    assert re.search(r"työttömyysaste × työvoima, heinäkuu 2023", inputs["unemployed"]["basis"])
