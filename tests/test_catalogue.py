"""The shipped catalogue holds the whole plan, and broken catalogues are refused with precise messages."""

from __future__ import annotations

import re

import pytest

from te_navigator.models.catalogue import CatalogueInvalid, load_catalogue
from te_navigator.models.i18n import _

# The plan's service map, group by group, as the plan prints it (typos corrected).
PLAN_MAP = {
    "finding-work": 16,
    "competence-development": 10,
    "integration": 7,
    "work-ability": 12,
    "tno": 8,
    "support-services": 4,
    "national-services": 12,
}
# The plan's table "Alla työllisyysalue lukuina" and section 5's staff estimate.
PLAN_FIGURES = {
    "askola": (4763, 2394, 2079, 2764, 164, 78.5, 6.4, 3.21),
    "lapinjarvi": (2518, 1162, 1074, 1336, 173, 75.2, 9, 1.8),
    "loviisa": (14568, 6716, 5846, 7850, 720, 74.1, 10.3, 10.5),
    "myrskyla": (1764, 827, 701, 945, 67, 75, 9.2, 1.3),
    "porvoo": (51232, 25212, 24908, 29388, 4054, 75.9, 9.2, 38.05),
    "pukkila": (1807, 908, 719, 1065, 54, 74.5, 7.7, 1.29),
}


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_service_map_has_every_group_and_service(catalogue):
    services = catalogue.entries["service"]
    for group, count in PLAN_MAP.items():
        in_group = [s for s in services if group in s["groups"]]
        assert len(in_group) == count, group
    assert len({s["id"] for s in services if s["groups"]}) == 64  # shared services counted once
    assert len(services) >= 90  # plus the plan's tables and the state's tasks


def test_shared_services_are_one_entry(catalogue):
    by_id = catalogue.by_id("service")
    assert set(by_id["vuorotteluvapaa"]["groups"]) == {"finding-work", "work-ability"}
    assert len(by_id["paikalliset-lisapalvelut"]["groups"]) == 5


def test_plan_typos_are_corrected(catalogue):
    names = {s["name"]["fi"] for s in catalogue.entries["service"]}
    assert {"Työkokeilu", "Koulutuskokeilu", "Aktivointisuunnitelma", "Ammatinvalinta- ja uraohjaus"} <= names
    assert not any(re.search(r"kokellu|Aktiivointi|INVALINTA", name) for name in names)


def test_every_entry_is_bilingual_with_a_source(catalogue):
    for kind, entries in catalogue.entries.items():
        for entry in entries:
            name = entry.get("name") or entry.get("term") or entry.get("reason") or entry.get("title")
            assert name["fi"].strip() and name["sv"].strip(), (kind, entry["id"])
            source = entry.get("source") or entry.get("legal_source")
            if kind != "language":
                assert source.strip(), (kind, entry["id"])


def test_alternation_leave_is_abolished(catalogue):
    leave = catalogue.by_id("service")["vuorotteluvapaa"]
    assert leave["status"] == "abolished"
    assert leave["abolished_on"].isoformat() == "2024-08-01"


def test_swedish_uses_the_official_terms(catalogue):
    services = catalogue.by_id("service")
    assert services["palkkatuki"]["name"]["sv"] == "Lönesubvention"
    assert services["starttiraha"]["name"]["sv"] == "Startpeng"
    assert services["tyokokeilu"]["name"]["sv"] == "Arbetsprövning"


def test_unconfirmed_swedish_is_marked(catalogue):
    terms = catalogue.by_id("term")
    assert terms["tym"].get("sv_confirmed") is False
    assert catalogue.by_id("service")["yhteishankintakoulutus"].get("sv_confirmed") is False


def test_municipal_figures_are_the_plans(catalogue):
    for municipality in catalogue.entries["municipality"]:
        stats = municipality["stats"]
        figures = tuple(
            stats[key]
            for key in (
                "population_2022",
                "labour_force_2023_07",
                "labour_force_forecast_2035",
                "working_age_2021",
                "foreign_language_2022",
                "employment_rate_2021",
                "unemployment_rate_2023_07",
            )
        ) + (municipality["staff_fte"],)
        assert figures == PLAN_FIGURES[municipality["id"]]
    names = {m["id"]: m["name"]["sv"] for m in catalogue.entries["municipality"]}
    assert names == {
        "askola": "Askola",
        "lapinjarvi": "Lappträsk",
        "loviisa": "Lovisa",
        "myrskyla": "Mörskom",
        "porvoo": "Borgå",
        "pukkila": "Pukkila",
    }


def test_partners_lines_points_orientation_glossary(catalogue):
    assert len(catalogue.entries["partner"]) >= 35
    assert len(catalogue.entries["service_line"]) == 7
    assert {m["id"] for m in catalogue.entries["model"]} == {"typ", "youth-typ-ohjaamo", "oske", "tym"}
    points = catalogue.entries["service_point"]
    assert sum(p["kind"] == "office" for p in points) == 1
    assert [p for p in points if p["kind"] == "palvelutori"] == []  # the plan names none: not presented as facts
    assert [lang["id"] for lang in catalogue.entries["language"]] == ["en", "fr", "ar", "am", "ti", "ru"]
    assert len(catalogue.entries["term"]) >= 40
    ely = catalogue.by_id("partner")["uusimaa-ely"]
    assert ely["current_name"]["fi"] == "Uudenmaan elinvoimakeskus"


# --- broken catalogues: one test per kind of error ----------------------------------------------------------


def _problems(seed_dir):
    with pytest.raises(CatalogueInvalid) as caught:
        load_catalogue(seed_dir)
    return caught.value.problems


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_field(seed_copy):
    _edit(seed_copy / "services/01-finding-work.toml", 'id = "palkkatuki"\n', 'id = "palkkatuki"\ncolour = "red"\n')
    [problem] = _problems(seed_copy)
    assert (problem.file, problem.entry, problem.field) == ("services/01-finding-work.toml", "palkkatuki", "colour")
    assert problem.line is not None and problem.message == _("unknown field")


def test_missing_swedish_text(seed_copy):
    _edit(seed_copy / "groups.toml", 'sv = "', 'se = "')
    problems = _problems(seed_copy)
    missing_sv = _("missing the {language} text").format(language=_("Swedish"))
    assert any(p.field == "name" and p.message == missing_sv and p.file == "groups.toml" for p in problems)


def test_duplicate_id(seed_copy):
    text = (seed_copy / "services/02-competence-development.toml").read_text(encoding="utf-8")
    first = text.index("[[service]]")
    second = text.index("[[service]]", first + 1)
    (seed_copy / "services/99-copy.toml").write_text(text[first:second], encoding="utf-8")
    [problem] = _problems(seed_copy)
    assert problem.file == "services/99-copy.toml" and problem.field == "id"
    assert problem.message == _("duplicate id, also defined in {file}").format(
        file="services/02-competence-development.toml"
    )


def test_reference_to_unknown_id(seed_copy):
    _edit(seed_copy / "services/01-finding-work.toml", 'groups = ["finding-work"]', 'groups = ["nowhere"]')
    [problem] = _problems(seed_copy)
    assert problem.field == "groups" and "'nowhere'" in problem.message


def test_wrong_type(seed_copy):
    _edit(seed_copy / "services/01-finding-work.toml", "statutory = true", 'statutory = "maybe"')
    [problem] = _problems(seed_copy)
    assert problem.field == "statutory" and problem.message == _("expected true or false")


def test_file_that_does_not_parse_names_its_line(seed_copy):
    path = seed_copy / "partners.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(4, "this is = = not toml")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = _problems(seed_copy)
    parse = [p for p in problems if p.file == "partners.toml"]
    assert parse and parse[0].line == 5 and "TOML" in parse[0].message and "(" in parse[0].message


def test_every_problem_is_reported_at_once(seed_copy):
    _edit(seed_copy / "services/01-finding-work.toml", "statutory = true", "statutory = 1")
    _edit(seed_copy / "services/03-integration.toml", 'production = "', 'production = "x')
    _edit(seed_copy / "groups.toml", "order = 1", 'order = "first"')
    assert len(_problems(seed_copy)) == 3


def test_missing_file(seed_copy):
    (seed_copy / "glossary.toml").unlink()
    [problem] = _problems(seed_copy)
    assert problem.file == "glossary.toml" and problem.message == _("missing file")


def test_dated_rows_must_not_overlap(seed_copy):
    _edit(
        seed_copy / "deadlines.toml",
        "valid_from = 2022-05-02\nvalid_to = 2025-12-31\n",
        "valid_from = 2022-05-02\nvalid_to = 2026-01-05\n",
    )
    [problem] = _problems(seed_copy)
    assert (problem.file, problem.entry, problem.field) == ("deadlines.toml", "initial-interview", "valid_to")
    assert "2026-01-01" in problem.message and problem.line is not None


def test_a_deadline_gives_one_unit_and_counts_from_an_earlier_deadline(seed_copy):
    _edit(seed_copy / "deadlines.toml", 'from_deadline = "initial-interview"', 'from_deadline = "three-month-target"')
    problems = _problems(seed_copy)
    assert {(p.entry, p.field) for p in problems} == {("next-job-search-conversation", "from_deadline")}
    _edit(seed_copy / "deadlines.toml", 'from_deadline = "three-month-target"', 'from_deadline = "initial-interview"')
    _edit(
        seed_copy / "deadlines.toml",
        "months = 3\nvalid_from = 2026-01-01",
        "months = 3\ndays = 2\nvalid_from = 2026-01-01",
    )
    [problem] = _problems(seed_copy)
    assert problem.entry == "next-job-search-conversation" and "working_days, days, weeks, months" in problem.message


def test_a_rule_may_test_only_items_and_derived_values(seed_copy):
    _edit(
        seed_copy / "rules.toml",
        '{ item = "years_in_finland", op = "<=", value = 3 }',
        '{ item = "years_in_sweden", op = "<=", value = 3 }',
    )
    [problem] = _problems(seed_copy)
    assert problem.entry == "jobseeker-immigrant-first-years" and "years_in_sweden" in problem.message
