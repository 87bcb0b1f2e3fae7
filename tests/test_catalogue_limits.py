"""`catalogue validate` refuses what would break the app: NaN, zero or negative figures, absurd durations and
dates, nesting too deep, and a checklist or pathway step deleted while saved case data still uses it."""

from __future__ import annotations

import shutil

import pytest

from te_navigator.tui.cli.main import main
from te_navigator.models.assessments import save_assessment
from te_navigator.models.catalogue import CatalogueInvalid, load_catalogue
from te_navigator.models.store import Store


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(seed) -> str:
    with pytest.raises(CatalogueInvalid) as refused:
        load_catalogue(seed)
    return "\n".join(str(problem) for problem in refused.value.problems)


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        ("municipalities.toml", "staff_fte = 3.21", "staff_fte = nan", "staff_fte"),
        ("municipalities.toml", "staff_fte = 3.21", "staff_fte = inf", "staff_fte"),
        ("municipalities.toml", "staff_fte = 3.21", "staff_fte = -3.21", "staff_fte"),
        ("municipalities.toml", "population_2022 = 4763", "population_2022 = 0", "population_2022"),
        ("municipalities.toml", "working_age_2021 = 2764", "working_age_2021 = -2764", "working_age_2021"),
        (
            "municipalities.toml",
            "unemployment_rate_2023_07 = 6.4",
            "unemployment_rate_2023_07 = nan",
            "unemployment_rate",
        ),
        (
            "municipalities.toml",
            "unemployment_rate_2023_07 = 6.4",
            "unemployment_rate_2023_07 = 0",
            "unemployment_rate",
        ),
        ("deadlines.toml", "working_days = 5", "working_days = 99999", "working_days"),
        ("deadlines.toml", "months = 3", "months = 0", "months"),
        ("deadlines.toml", "months = 3", "months = -1", "months"),
        ("pathways/initial-phase.toml", "due_working_days = 10", "due_working_days = 0", "due_working_days"),
        ("pathways/initial-phase.toml", "due_working_days = 10", "due_working_days = 1000000", "due_working_days"),
        ("checklists/tier3-jobseeker.toml", "max = 100", "max = nan", "max"),
    ],
)
def test_absurd_figures_and_durations_are_refused(seed_copy, file, old, new, expected):
    edit(seed_copy / file, old, new)
    found = problems_of(seed_copy)
    assert file in found and expected in found


def test_absurd_dates_are_refused(seed_copy):
    path = seed_copy / "deadlines.toml"
    text = path.read_text(encoding="utf-8")
    first = text.index("valid_from = ") + len("valid_from = ")
    path.write_text(text[:first] + "9999-01-01" + text[first + 10 :], encoding="utf-8")
    assert "valid_from" in problems_of(seed_copy)


def test_nesting_too_deep_is_refused(seed_copy):
    path = seed_copy / "glossary.toml"
    for depth in (50, 100_000):  # deep enough to break the app; deep enough to break the TOML reader itself
        path.write_text('[[term]]\nid = "deep"\nterm = ' + "[" * depth + "]" * depth + "\n", encoding="utf-8")
        found = problems_of(seed_copy)
        assert "glossary.toml" in found and "12" in found


def test_what_validates_loads_and_runs(seed_copy, tmp_path, capsys):
    edit(seed_copy / "municipalities.toml", "staff_fte = 3.21", "staff_fte = 0.5")
    catalogue = load_catalogue(seed_copy)
    assert catalogue.entries["municipality"]
    store = Store.open(f"sqlite:///{tmp_path / 'new.sqlite'}", seed_dir=seed_copy)
    template = store.checklist("tier3-jobseeker")
    save_assessment(store, template, {"age": 30, "registered_on": "2026-01-05"}, case_reference="RUN-1")
    store.close()
    assert main(["costs", "--total", "1000000", "--db", str(tmp_path / "new.sqlite")]) == 0


def test_a_checklist_in_use_cannot_be_deleted(seed_copy, store, store_url, capsys):
    save_assessment(store, store.checklist("tier3-employer"), {}, case_reference="EMP-2026-1")
    (seed_copy / "checklists" / "tier3-employer.toml").unlink()
    shutil.rmtree(seed_copy / "checklists" / "__pycache__", ignore_errors=True)
    for rule_file in ("rules.toml", "deadlines.toml"):  # what referred to it inside the catalogue goes too
        path = seed_copy / rule_file
        blocks = path.read_text(encoding="utf-8").split("\n[[")
        path.write_text("\n[[".join(b for b in blocks if 'template = "tier3-employer"' not in b), encoding="utf-8")
    shutil.rmtree(seed_copy / "practice")  # the practice cases use it too; a catalogue without them is valid
    load_catalogue(seed_copy)  # valid on its own
    code = main(["catalogue", "validate", str(seed_copy), "--db", store_url])
    err = capsys.readouterr().err
    assert code == 1 and "tier3-employer" in err and "Traceback" not in err
    with pytest.raises(CatalogueInvalid, match="tier3-employer"):
        Store.open(store_url, seed_dir=seed_copy)


def test_a_pathway_step_in_use_cannot_be_deleted(seed_copy, store, store_url, capsys):
    from te_navigator.models import referrals

    start = store.pathway("initial-phase").start
    referrals.plan_step(store, "STEP-1", "initial-phase", start)
    path = seed_copy / "pathways" / "initial-phase.toml"
    edit(path, f'id = "{start}"', 'id = "renamed-start"')
    text = path.read_text(encoding="utf-8").replace(f'"{start}"', '"renamed-start"')
    path.write_text(text, encoding="utf-8")
    load_catalogue(seed_copy)
    code = main(["catalogue", "validate", str(seed_copy), "--db", store_url])
    err = capsys.readouterr().err
    assert code == 1 and start in err


def test_a_shown_text_that_reads_as_markup_is_refused_by_validate(tmp_path, capsys):
    """A stray [/] in a pathway's name validated and then stopped the app's lists from drawing."""
    import shutil

    from te_navigator.models.catalogue import shipped_seed_dir
    from te_navigator.tui.cli.main import main

    seed = tmp_path / "seed"
    shutil.copytree(shipped_seed_dir(), seed, ignore=shutil.ignore_patterns("__pycache__", "*.py", "*.json"))
    youth = seed / "pathways" / "youth.toml"
    youth.write_text(youth.read_text(encoding="utf-8").replace("(alle 30-vuotiaat)", "[/]", 1), encoding="utf-8")
    assert main(["--lang", "sv", "catalogue", "validate", str(seed)]) == 1
    err = capsys.readouterr().err
    assert "pathways/youth.toml" in err and "name" in err and "hakparenteser" in err, err


@pytest.mark.parametrize(
    "name, old",
    [("glossary.toml", "Lyhenne, jota"), ("practice/01-youth-without-qualification.toml", "(keksitty henkilö)")],
)
def test_a_personal_identity_code_in_a_glossary_note_or_practice_story_is_refused(tmp_path, name, old):
    import shutil

    from te_navigator.models.catalogue import CatalogueInvalid, load_catalogue, shipped_seed_dir

    seed = tmp_path / "seed"
    shutil.copytree(shipped_seed_dir(), seed, ignore=shutil.ignore_patterns("__pycache__", "*.py", "*.json"))
    path = seed / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, "k131052 308t", 1), encoding="utf-8")
    with pytest.raises(CatalogueInvalid) as refused:
        load_catalogue(seed)
    assert any(problem.file == name and "henkilötunnus" in str(problem) for problem in refused.value.problems)
