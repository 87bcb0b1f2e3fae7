"""Practice cases in seed/practice/: enough of them, covering every service line and pathway, held to the real
checklist and deadline rules, and part of the exported catalogue."""

from __future__ import annotations

import json
import tomllib

import pytest

from te_navigator.models.catalogue import CatalogueInvalid, load_catalogue, shipped_seed_dir
from te_navigator.models.privacy import contains_hetu
from te_navigator.tui.cli.main import main


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_at_least_twelve_cases_of_jobseekers_and_employers_in_both_languages(catalogue):
    cases = catalogue.entries["practice_case"]
    assert len(cases) >= 12
    assert {case["checklist"] for case in cases} == {"tier3-jobseeker", "tier3-employer"}
    assert {case["customer_language"] for case in cases} == {"fi", "sv"}
    for case in cases:
        for field in ("title", "story"):
            assert case[field]["fi"].strip() and case[field]["sv"].strip() and case[field]["fi"] != case[field]["sv"]


def test_together_the_cases_cover_every_service_line_and_pathway(catalogue):
    services = catalogue.by_id("service")
    cases = catalogue.entries["practice_case"]
    lines = {line for case in cases for s in case["services"] for line in services[s]["service_lines"]}
    assert lines == set(catalogue.by_id("service_line"))
    assert {case["pathway"] for case in cases} == set(catalogue.by_id("pathway"))


def test_every_model_service_is_explained_in_both_languages(catalogue):
    for case in catalogue.entries["practice_case"]:
        assert set(case["why"]["services"]) == set(case["services"])
        for text in case["why"]["services"].values():
            assert text["fi"].strip() and text["sv"].strip()


def test_no_identity_code_in_any_practice_case():
    for path in (shipped_seed_dir() / "practice").glob("*.toml"):
        assert not contains_hetu(path.read_text(encoding="utf-8")), path.name


def test_the_export_holds_the_cases_with_deadlines_the_rules_compute(store_url, capsys):
    assert main(["catalogue", "export", "--json", "--db", store_url]) == 0
    exported = {case["id"]: case for case in json.loads(capsys.readouterr().out)["practice_cases"]}
    assert len(exported) >= 12
    youth = exported["youth-without-qualification"]
    dues = {d["id"]: d["due"] for d in youth["model_deadlines"]}
    # registered Mon 16.11.2026: 10 working days (the row in force from 1.1.2026) end on Mon 30.11.2026
    assert dues["initial-interview"] == "2026-11-30"
    assert dues["three-month-target"] == "2027-02-16"
    layoffs = {d["id"]: d["due"] for d in exported["change-security-55"]["model_deadlines"]}
    assert layoffs["change-security-registration"] == "2026-12-14"  # dismissed 15.10.2026 + 60 days
    assert exported["employer-layoffs"]["model_deadlines"] == []


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _problems(seed_dir) -> list[str]:
    with pytest.raises(CatalogueInvalid) as raised:
        load_catalogue(seed_dir)
    return [str(problem) for problem in raised.value.problems]


def test_an_answer_the_checklist_would_refuse_is_named_with_file_line_entry_and_field(seed_copy):
    path = seed_copy / "practice" / "01-youth-without-qualification.toml"
    _edit(path, "age = 19", "age = 190")
    _edit(path, 'benefit = "labour_market_subsidy"', 'benefit = "lottery"\nshoe_size = 44')
    problems = _problems(seed_copy)
    lines = path.read_text(encoding="utf-8").splitlines()
    age_line = next(n for n, line in enumerate(lines, 1) if line.startswith("age = 190"))
    assert any(
        p.startswith(
            f"practice/01-youth-without-qualification.toml:{age_line} › youth-without-qualification › answers.age: "
        )
        and "190" in p
        for p in problems
    )
    assert any("› answers.benefit: " in p and "lottery" in p for p in problems)
    assert any("› answers.shoe_size: " in p for p in problems)


def test_hand_written_deadlines_that_differ_from_the_rules_are_refused(seed_copy):
    path = seed_copy / "practice" / "02-initial-phase-warehouse.toml"
    _edit(
        path,
        'deadlines = ["initial-interview", "next-job-search-conversation", "three-month-target"]',
        'deadlines = ["initial-interview"]',
    )
    problems = _problems(seed_copy)
    assert any("initial-phase-warehouse › deadlines: " in p and "three-month-target" in p for p in problems)


def test_an_unknown_service_or_pathway_and_an_unexplained_service_are_refused(seed_copy):
    path = seed_copy / "practice" / "08-labour-mobility.toml"
    _edit(path, 'pathway = "labour-mobility"', 'pathway = "no-such-pathway"')
    assert any("labour-mobility › pathway: " in p and "no-such-pathway" in p for p in _problems(seed_copy))
    _edit(path, 'pathway = "no-such-pathway"', 'pathway = "labour-mobility"')
    _edit(path, '"liikkuvuusavustukset"]', '"liikkuvuusavustukset", "eures-palvelut"]')
    assert any("labour-mobility › why.services: " in p and "eures-palvelut" in p for p in _problems(seed_copy))


def test_a_pathway_or_service_line_no_case_covers_is_named(seed_copy):
    (seed_copy / "practice" / "08-labour-mobility.toml").unlink()
    (seed_copy / "practice" / "09-recruitment-joint-training.toml").unlink()
    problems = _problems(seed_copy)
    assert any(p.startswith("pathways/labour-mobility.toml:") and "labour-mobility:" in p for p in problems)
    assert any(p.startswith("service_lines.toml:") and "administration:" in p for p in problems)


def test_a_catalogue_without_practice_cases_is_still_valid(seed_copy):
    for path in (seed_copy / "practice").glob("*.toml"):
        path.unlink()
    assert load_catalogue(seed_copy).entries["practice_case"] == []


def test_the_case_files_are_plain_toml_with_one_case_each():
    for path in (shipped_seed_dir() / "practice").glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert list(data) == ["case"] and len(data["case"]) == 1
