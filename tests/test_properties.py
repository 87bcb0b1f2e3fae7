"""Property-based tests (hypothesis) that hunt for crashes: whatever answers file, costs input, catalogue
TOML, search query or command line comes in, the result is a clean message or a result, never an exception.

Example counts are kept small: CI has two cores and one budget for everything.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
import string

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from te_navigator.tui.cli.main import main
from te_navigator.models.answers import check_answers
from te_navigator.models.catalogue import CatalogueInvalid, load_catalogue, shipped_seed_dir
from te_navigator.models.costs import CostInputError, criteria_from_file, parse_euros, share
from te_navigator.models.privacy import find_hetu

FEW = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SOME = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
MUNICIPALITIES = ["askola", "lapinjarvi", "loviisa", "myrskyla", "porvoo", "pukkila"]

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
dates_as_text = st.dates(min_value=dt.date(1, 1, 1)).map(dt.date.isoformat)
answer_values = json_values | dates_as_text | st.sampled_from(MUNICIPALITIES + ["", "sv", "fi", "1e999", "NaN"])


@pytest.fixture(scope="module")
def templates():
    return {template.id: template for template in load_catalogue().typed("checklist")}


def run_cli(capsys, *args: str) -> tuple[int, str]:
    try:
        code = main(list(args))
    except SystemExit as exited:  # argparse's own refusals and --help
        code = exited.code if isinstance(exited.code, int) else 1
    out, err = capsys.readouterr()
    return code, out + err


def assert_clean(code: int, output: str) -> None:
    assert code in (0, 1)
    assert "Traceback" not in output and "errors.log" not in output, output


# --- answers files ------------------------------------------------------------------------------------------


@SOME
@given(data=st.data())
def test_any_answers_are_checked_without_an_exception(templates, data):
    template = templates[data.draw(st.sampled_from(sorted(templates)))]
    item_ids = [item.id for item in template.items]
    answers = data.draw(st.dictionaries(st.sampled_from(item_ids) | st.text(max_size=10), answer_values, max_size=8))
    clean, problems = check_answers(template, answers, MUNICIPALITIES)
    assert set(clean) <= set(item_ids)  # an item with a problem is left out
    json.dumps(clean, allow_nan=False).encode("utf-8")  # what passes can be stored
    for item in template.items:
        if item.type == "date" and clean.get(item.id) is not None:
            latest = dt.date.today() if item.id == "registered_on" else dt.date(2100, 12, 31)
            assert dt.date(1900, 1, 1) <= dt.date.fromisoformat(clean[item.id]) <= latest
    assert all(isinstance(problem.item, str) and problem.message for problem in problems)


@FEW
@given(content=st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode()))
def test_any_answers_file_on_the_command_line(capsys, store_url, tmp_path_factory, content):
    path = tmp_path_factory.mktemp("answers") / "answers.json"
    path.write_bytes(content)
    code, output = run_cli(
        capsys, "assess", "--template", "tier3-jobseeker", "--answers", str(path), "--db", store_url, "--json"
    )
    assert_clean(code, output)


# --- costs --------------------------------------------------------------------------------------------------


@SOME
@given(text=st.text(max_size=30) | st.from_regex(r"-?[0-9 ]{0,25}([.,][0-9]{0,4})?(e[+-]?[0-9]{1,7})?", fullmatch=True))
def test_any_amount_of_euros(text):
    try:
        cents = parse_euros(text, "--total")
    except CostInputError as error:
        assert str(error)
    else:
        assert 0 <= cents <= 100_000_000_000


figures = st.dictionaries(
    st.sampled_from(MUNICIPALITIES + ["nowhere"]),
    st.integers(-10, 10**12) | st.floats() | st.text(max_size=6) | st.none(),
    max_size=7,
)


@SOME
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "year": st.integers() | st.text(max_size=5),
            "working_age": figures,
            "unemployed": figures,
            "foreign_language": figures,
        },
    ),
    as_toml=st.booleans(),
)
def test_any_costs_inputs_file(tmp_path_factory, data, as_toml):
    folder = tmp_path_factory.mktemp("inputs")
    path = folder / ("inputs.toml" if as_toml else "inputs.json")
    if as_toml:
        lines = []
        for key, value in data.items():
            if isinstance(value, dict):
                cells = ", ".join(
                    f"{k} = {json.dumps(v)}"
                    for k, v in value.items()
                    if v is not None and not (isinstance(v, float) and math.isnan(v))
                )
                lines.append(f"{key} = {{ {cells} }}")
            else:
                lines.append(f"{key} = {json.dumps(value)}")
        path.write_text("\n".join(lines), encoding="utf-8")
    else:
        path.write_text(json.dumps(data), encoding="utf-8")
    try:
        criteria = criteria_from_file(path, MUNICIPALITIES)
    except CostInputError as error:
        assert str(error)
        return
    shares = share(1_000_000_00, criteria)
    assert sum(part["cents"] for part in shares.values()) == 1_000_000_00


# --- catalogue TOML -----------------------------------------------------------------------------------------

toml_values = st.sampled_from(
    [
        "0",
        "-1",
        "nan",
        "inf",
        "-inf",
        "1e308",
        "99999999",
        "true",
        '""',
        '"x"',
        "[]",
        "{}",
        "1900-01-01",
        "9999-12-31",
        "[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]",
        '"ä\\u0000"',
    ]
)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_catalogue_edit_validates_or_is_refused_and_what_validates_runs(tmp_path_factory, data):
    seed = tmp_path_factory.mktemp("seed") / "seed"
    shutil.copytree(shipped_seed_dir(), seed, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    files = sorted(p for p in seed.rglob("*.toml"))
    path = data.draw(st.sampled_from(files))
    lines = path.read_text(encoding="utf-8").splitlines()
    candidates = [i for i, line in enumerate(lines) if " = " in line and not line.lstrip().startswith("#")]
    assume(candidates)
    index = data.draw(st.sampled_from(candidates))
    key = lines[index].split(" = ", 1)[0]
    lines[index] = f"{key} = {data.draw(toml_values)}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        catalogue = load_catalogue(seed)
    except CatalogueInvalid as refused:
        assert refused.problems and all(str(problem) for problem in refused.problems)
        return
    # It validated: it must load into a store and the checklists, rules, deadlines and costs must run.
    from te_navigator.models import costs, rules
    from te_navigator.models.store import Store

    store = Store.open(f"sqlite:///{seed.parent / 'store.sqlite'}", seed_dir=seed)
    try:
        assert len(store.services()) == len(catalogue.entries["service"])
        for template in store.checklists():
            answers = {item.id: "2026-01-05" for item in template.items if item.type == "date"}
            clean, _problems = check_answers(template, answers, [m.id for m in store.municipalities()])
            rules.suggestions(template.id, clean, store.rules(), store.names())
            rules.deadlines(template.id, clean, store.deadlines())
        costs.share(100_000, costs.plan_criteria(store.municipalities()))
        store.search_index().search("työ")
    finally:
        store.close()


# --- search queries -----------------------------------------------------------------------------------------


@SOME
@given(query=st.text(max_size=60) | st.text(alphabet=string.printable + "äöåÄÖÅ-*?\"'", max_size=40))
def test_any_search_query(store, query):
    hits = store.search_index().search(query, limit=10)
    assert len(hits) <= 10


# --- personal identity codes ----------------------------------------------------------------------------------


@SOME
@given(text=st.text(max_size=40))
def test_finding_codes_in_any_text_never_fails(text):
    found = find_hetu(text)
    assert found is None or found in text


# --- command-line arguments ---------------------------------------------------------------------------------

COMMANDS = [
    ["search"],
    ["show"],
    ["facts"],
    ["costs"],
    ["assess"],
    ["assessments", "list"],
    ["assessments", "show"],
    ["pathways", "show"],
    ["refer"],
    ["followups"],
    ["handout"],
    ["purge"],
    ["catalogue", "validate"],
    ["changes"],
    ["practice", "results"],
    ["practice", "list"],
    ["practice", "show"],
    ["sync"],
]
OPTIONS = [
    "--lang",
    "--limit",
    "--json",
    "--total",
    "--prep",
    "--actual",
    "--template",
    "--since",
    "--until",
    "--version",
    "--date",
    "--due",
    "--registered-on",
    "--note",
    "--status",
    "--older-than",
    "--today",
    "--format",
    "--out",
    "--municipality",
    "--mine",
    "--with",
    "--practice-db",
]
argument = (
    st.sampled_from(OPTIONS)
    | st.text(max_size=12)
    | st.sampled_from(
        [
            "fi",
            "sv",
            "0",
            "-1",
            "99999999999999999999",
            "9999-12-31",
            "1e999",
            "nan",
            "131052-308T",
            "challenging-position",
            "work-ability-coordinator",
            "POR-1",
            "-",
        ]
    )
)


@FEW
@given(command=st.sampled_from(COMMANDS), arguments=st.lists(argument, max_size=5))
def test_any_command_line(capsys, store_url, tmp_path_factory, command, arguments):
    out_dir = tmp_path_factory.mktemp("out")
    if "--out" in arguments:
        position = arguments.index("--out")
        arguments[position + 1 : position + 2] = [str(out_dir / "handout.md")]
    for option in ("--with", "--practice-db"):  # another store: a new file in the test's folder, never the user's
        if option in arguments:
            position = arguments.index(option)
            arguments[position + 1 : position + 2] = [str(out_dir / "other.sqlite")]
    if "purge" in command:
        arguments = [a for a in arguments if a != "--older-than"] + ["--older-than", "36600"]
    code, output = run_cli(capsys, *command, *arguments, "--db", store_url)
    assert_clean(code, output)
