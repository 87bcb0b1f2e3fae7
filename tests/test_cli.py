"""The command line: JSON shapes, cost sharing to the cent, and clear errors with exit status 1."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from te_navigator.tui.cli.main import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *args):
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def cents(euros: float) -> int:
    return round(euros * 100)


def test_version(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert "te-navigator 0.1.0" in capsys.readouterr().out


def test_catalogue_export(capsys, store_url):
    data = run_json(capsys, "catalogue", "export", "--db", store_url)
    assert {"services", "groups", "service_lines", "partners", "municipalities", "glossary"} <= set(data)
    names = {s["name"]["fi"]: s["name"]["sv"] for s in data["services"]}
    assert names["Palkkatuki"] == "Lönesubvention" and names["Starttiraha"] == "Startpeng"
    askola = next(m for m in data["municipalities"] if m["id"] == "askola")
    assert askola["stats"] == {
        "population_2022": 4763,
        "labour_force_2023_07": 2394,
        "labour_force_forecast_2035": 2079,
        "working_age_2021": 2764,
        "foreign_language_2022": 164,
        "employment_rate_2021": 78.5,
        "unemployment_rate_2023_07": 6.4,
        "staff_fte": 3.21,
    }


def test_catalogue_validate_good_and_broken(capsys, seed_copy):
    code, out, _err = run(capsys, "catalogue", "validate", str(seed_copy))
    assert code == 0 and "group: 7" in out
    path = seed_copy / "services/01-finding-work.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("statutory = true", "statutory = 3", 1), encoding="utf-8")
    code, _out, err = run(capsys, "catalogue", "validate", str(seed_copy))
    assert code == 1
    assert "services/01-finding-work.toml:" in err and "statutory" in err and "Traceback" not in err


def test_search_json(capsys, store_url):
    hits = run_json(capsys, "search", "palkkatukea", "--db", store_url, "--limit", "3")
    assert hits[0] == {
        **hits[0],
        "kind": "service",
        "id": "palkkatuki",
        "name": {"fi": "Palkkatuki", "sv": "Lönesubvention"},
    }
    assert len(hits) <= 3 and all(set(h) >= {"kind", "id", "name", "score"} for h in hits)
    assert hits == sorted(hits, key=lambda h: -h["score"])


def test_search_text_in_swedish(capsys, store_url):
    code, out, _err = run(capsys, "search", "startpeng", "--db", store_url, "--lang", "sv")
    assert code == 0 and "Startpeng" in out and "Tjänst" in out


def test_search_without_matches(capsys, store_url):
    code, out, _err = run(capsys, "search", "qqqqxyz", "--db", store_url, "--lang", "sv")
    assert code == 0 and "Inga träffar" in out


def test_show(capsys, store_url):
    code, out, _err = run(capsys, "show", "starttiraha", "--db", store_url, "--lang", "sv")
    assert code == 0 and out.startswith("Startpeng") and "Lagstadgad" in out
    entry = run_json(capsys, "show", "kela", "--db", store_url)
    assert entry["kind"] == "partner"
    code, _out, err = run(capsys, "show", "no-such-id", "--db", store_url)
    assert code == 1 and "no-such-id" in err


def test_facts(capsys, store_url):
    code, out, _err = run(capsys, "facts", "--db", store_url, "--lang", "fi")
    assert code == 0 and "51\u00a0232" in out and "78,5" in out
    data = run_json(capsys, "facts", "--db", store_url)
    assert data["staff_fte_total"] == pytest.approx(56.15)
    assert len(data["municipalities"]) == 6


def test_costs_add_up_to_the_cent(capsys, store_url):
    data = run_json(capsys, "costs", "--total", "1000000", "--db", store_url)
    shares = [cents(m["share_eur"]) for m in data["municipalities"]]
    assert sum(shares) == 100_000_000
    assert {m["id"] for m in data["municipalities"]} == {
        "askola",
        "lapinjarvi",
        "loviisa",
        "myrskyla",
        "porvoo",
        "pukkila",
    }
    for municipality in data["municipalities"]:
        assert cents(municipality["monthly_eur"]) * 11 + cents(municipality["last_month_eur"]) == cents(
            municipality["share_eur"]
        )
    assert [i["period"] for i in data["inputs"]] == ["2021", "7/2023", "2022"]


def test_costs_on_hand_made_inputs(capsys, store_url, tmp_path):
    ids = ["askola", "lapinjarvi", "loviisa", "myrskyla", "porvoo", "pukkila"]
    inputs = {
        "year": 2026,
        "working_age": dict.fromkeys(ids, 1),
        "unemployed": dict.fromkeys(ids, 1),
        "foreign_language": dict.fromkeys(ids, 1),
    }
    path = tmp_path / "inputs.json"
    path.write_text(json.dumps(inputs))
    data = run_json(capsys, "costs", "--total", "100", "--inputs", str(path), "--db", store_url)
    shares = sorted(cents(m["share_eur"]) for m in data["municipalities"])
    # 10 000 cents / 6 = 1666.67: four municipalities get 1667 and two 1666, adding up exactly.
    assert shares == [1666, 1666, 1667, 1667, 1667, 1667]
    assert data["inputs"][0]["period"] == "2026"


def test_costs_prep_and_settlement(capsys, store_url, tmp_path):
    paid = tmp_path / "paid.json"
    paid.write_text(
        json.dumps({"askola": 1000, "lapinjarvi": 0, "loviisa": 0, "myrskyla": 0, "porvoo": 0, "pukkila": 0})
    )
    data = run_json(
        capsys,
        "costs",
        "--total",
        "1000",
        "--prep",
        "600",
        "--settle",
        str(paid),
        "--actual",
        "1200",
        "--db",
        store_url,
    )
    assert sum(cents(m["share_eur"]) for m in data["preparation"]["municipalities"]) == 60000
    settlement = {m["id"]: m for m in data["settlement"]["municipalities"]}
    assert sum(cents(m["actual_share_eur"]) for m in settlement.values()) == 120000
    askola = settlement["askola"]
    assert cents(askola["balance_eur"]) == cents(askola["actual_share_eur"]) - 100000


@pytest.mark.parametrize("total", ["-5", "abc", "1,234"])
def test_bad_total(capsys, store_url, total):
    code, _out, err = run(capsys, "costs", "--total", total, "--db", store_url)
    assert code == 1 and "--total" in err and "Traceback" not in err


def test_bad_inputs_file_names_the_field(capsys, store_url, tmp_path):
    path = tmp_path / "inputs.json"
    path.write_text(json.dumps({"working_age": {"askola": "many"}}))
    code, _out, err = run(capsys, "costs", "--total", "100", "--inputs", str(path), "--db", store_url)
    assert code == 1 and "working_age" in err and "askola" in err


def test_unknown_language(capsys):
    code, _out, err = run(capsys, "facts", "--lang", "de")
    assert code == 1 and "'de'" in err


def test_store_that_is_not_sqlite(capsys, tmp_path):
    path = tmp_path / "x.sqlite"
    path.write_text("not a database")
    code, _out, err = run(capsys, "facts", "--db", str(path))
    assert code == 1 and str(path) in err and "Traceback" not in err


def test_subcommands_never_import_textual(store_url):
    code = (
        "import sys; from te_navigator.tui.cli.main import main; "
        f"main(['search', 'TYP', '--db', {store_url!r}]); "
        "sys.exit(1 if any(m.startswith('textual') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_models_never_import_textual():
    code = (
        "import sys, te_navigator.models.store, te_navigator.models.search, te_navigator.models.catalogue, te_navigator.models.costs, te_navigator.models.filters, te_navigator.models.snapshot; "
        "sys.exit(1 if any(m.startswith('textual') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# --- checklists, pathways and follow-ups on the command line -------------------------------------------------


def write_json(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_assess_json(capsys, store_url, tmp_path):
    answers = write_json(
        tmp_path,
        "a.json",
        {"registered_on": "2026-04-01", "age": 24, "service_language": "sv", "municipality": "loviisa"},
    )
    data = run_json(capsys, "assess", "--template", "tier3-jobseeker", "--answers", answers, "--db", store_url)
    kinds = {(s["kind"], s["id"]) for s in data["suggestions"]}
    assert ("service_line", "youth") in kinds
    youth = next(s for s in data["suggestions"] if s["id"] == "youth" and s["kind"] == "service_line")
    assert youth["name"] == {"fi": "Nuorten palvelut", "sv": youth["name"]["sv"]} and youth["reasons"]
    due = {d["id"]: d["due"] for d in data["deadlines"]}
    assert due == {
        "initial-interview": "2026-04-17",
        "next-job-search-conversation": "2026-07-17",
        "three-month-target": "2026-07-01",
    }
    assert all(set(d) >= {"id", "name", "due"} for d in data["deadlines"])


def test_assess_json_for_a_jobseeker_registered_before_christmas_2026(capsys, store_url, tmp_path):
    answers = write_json(tmp_path, "a.json", {"registered_on": "2026-12-22"})
    data = run_json(
        capsys,
        "assess",
        "--template",
        "tier3-jobseeker",
        "--answers",
        answers,
        "--db",
        store_url,
        "--today",
        "2026-12-22",
    )  # a registration is never in the future
    deadlines = {d["id"]: d for d in data["deadlines"]}
    assert deadlines["initial-interview"]["due"] == "2027-01-11"
    assert "HE 108/2025" in deadlines["initial-interview"]["legal_source"]
    conversation = deadlines["next-job-search-conversation"]
    assert (conversation["due"], conversation["estimated"]) == ("2027-04-11", True)
    assert "11.1.2027" in conversation["basis"]["fi"]


def test_assess_text_in_swedish(capsys, store_url, tmp_path):
    answers = write_json(tmp_path, "a.json", {"registered_on": "2026-04-01", "age": 24})
    code, out, _err = run(
        capsys, "assess", "--template", "tier3-jobseeker", "--answers", answers, "--db", store_url, "--lang", "sv"
    )
    assert code == 0 and "Förslag" in out and "17.4.2026" in out


@pytest.mark.parametrize(
    "answers, item",
    [
        ({"age": 300}, "age"),
        ({"registered_on": "1850-01-01"}, "registered_on"),
        ({"colour": "red"}, "colour"),
        ({"age": "old"}, "age"),
    ],
)
def test_assess_bad_answers_name_the_item(capsys, store_url, tmp_path, answers, item):
    path = write_json(tmp_path, "bad.json", answers)
    code, _out, err = run(capsys, "assess", "--template", "tier3-jobseeker", "--answers", path, "--db", store_url)
    assert code == 1 and f"  {item}:" in err and "Traceback" not in err


def test_assess_unknown_template_and_broken_file(capsys, store_url, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    code, _out, err = run(capsys, "assess", "--template", "tier3-jobseeker", "--answers", str(path), "--db", store_url)
    assert code == 1 and "broken.json" in err
    good = write_json(tmp_path, "a.json", {})
    code, _out, err = run(capsys, "assess", "--template", "tier9", "--answers", good, "--db", store_url)
    assert code == 1 and "tier9" in err


def test_assessments_list_show_export_and_purge(capsys, store, store_url):
    from te_navigator.models.assessments import save_assessment

    import datetime as dt

    template = store.checklist("tier3-jobseeker")
    days_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    assessment_id, _version = save_assessment(
        store, template, {"age": 24, "municipality": "loviisa"}, case_reference="LOV-77", saved_at=days_ago
    )
    save_assessment(
        store, template, {"age": 25, "municipality": "loviisa"}, assessment_id=assessment_id, saved_at=days_ago
    )
    rows = run_json(capsys, "assessments", "list", "--municipality", "loviisa", "--db", store_url)
    assert [(r["case_reference"], r["versions"]) for r in rows] == [("LOV-77", 2)]
    exported = run_json(capsys, "assessments", "export", str(assessment_id), "--db", store_url)
    assert [v["answers"]["age"] for v in exported["history"]] == [24, 25]
    code, out, _err = run(capsys, "assessments", "show", str(assessment_id), "--db", store_url)
    assert code == 0 and "Versio 2/2" in out and ": Loviisa" in out and "loviisa" not in out
    code, out, _err = run(capsys, "purge", "--older-than", "2", "--db", store_url)
    assert code == 0 and "1" in out
    assert run_json(capsys, "assessments", "list", "--db", store_url) == []


def test_pathways_list_and_show(capsys, store_url):
    listing = run_json(capsys, "pathways", "list", "--db", store_url)
    assert all(set(p) == {"id", "name"} and set(p["name"]) == {"fi", "sv"} for p in listing)
    assert "challenging-position" in {p["id"] for p in listing}
    shown = run_json(capsys, "pathways", "show", "challenging-position", "--db", store_url)
    first = shown["steps"][0]
    assert first["service"] == "monialaisen-palvelutarpeen-arviointi" and first["partner"] is None
    assert all(set(step) >= {"id", "name", "service", "partner", "next"} for step in shown["steps"])
    code, out, _err = run(capsys, "pathways", "show", "initial-phase", "--db", store_url)
    assert code == 0 and "▼" in out


def test_refer_followups_and_handout(capsys, store_url, tmp_path):
    refer = ["refer", "POR-2026-5", "challenging-position", "work-ability-coordinator", "--db", store_url]
    referral = run_json(
        capsys,
        *refer,
        "--status",
        "referred",
        "--date",
        "2026-03-09",
        "--registered-on",
        "2026-03-02",
        "--due",
        "2026-03-20",
        "--note",
        "sisäinen",
    )
    assert referral["status"] == "referred"
    code, _out, err = run(capsys, *refer, "--status", "planned", "--date", "2026-03-10")
    assert code == 1 and err
    data = run_json(capsys, "followups", "--today", "2026-03-18", "--db", store_url)
    assert [r["step"] for r in data["due_this_week"]] == ["work-ability-coordinator"]
    assert data["due_this_week"][0]["due_on"] == "2026-03-20"
    out_file = tmp_path / "handout.html"
    code, _out, _err = run(
        capsys, "handout", "POR-2026-5", "--lang", "sv", "--format", "html", "--out", str(out_file), "--db", store_url
    )
    html = out_file.read_text(encoding="utf-8")
    assert code == 0 and 'lang="sv"' in html and "sisäinen" not in html


def test_handout_gives_the_customer_dates_of_a_jobseeker_registered_before_christmas_2026(capsys, store_url):
    run_json(
        capsys,
        "refer",
        "POR-2026-77",
        "initial-phase",
        "initial-interview",
        "--date",
        "2026-12-22",
        "--registered-on",
        "2026-12-22",
        "--today",
        "2026-12-22",
        "--db",
        store_url,
    )  # never in the future
    code, out, _err = run(capsys, "handout", "POR-2026-77", "--lang", "fi", "--db", store_url)
    assert code == 0
    assert "11.1.2027" in out and "Alkuhaastattelu" in out
    assert "11.4.2027" in out and "Työnhakukeskustelu" in out
    code, out, _err = run(capsys, "handout", "POR-2026-77", "--lang", "sv", "--db", store_url)
    assert code == 0 and "11.1.2027" in out and "11.4.2027" in out and "Samtal om jobbsökning" in out


def test_referral_before_registration_is_refused(capsys, store_url):
    code, _out, err = run(
        capsys,
        "refer",
        "X-1",
        "challenging-position",
        "work-ability-coordinator",
        "--date",
        "2026-01-01",
        "--registered-on",
        "2026-03-02",
        "--db",
        store_url,
    )
    assert code == 1 and "2026-03-02" in err
