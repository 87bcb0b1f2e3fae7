"""Practice mode without the screens: scoring against the model answers, the practice store kept apart from the
real store, and the trainers' commands (`practice results`, `list`, `show`)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from te_navigator.models.answers import check_answers
from te_navigator.models.practice_scoring import compare
from te_navigator.models.practice_store import PracticeStore, PracticeStoreError, practice_url
from te_navigator.tui.cli.main import main


def _model_answers(store, case) -> dict:
    template = store.checklist(case.checklist)
    clean, problems = check_answers(
        template, case.answers, [m.id for m in store.municipalities()], today=case.assessed_on
    )
    assert not problems
    return {k: v for k, v in clean.items() if v is not None}


def _compare(store, case_id, answers=None, services=None, pathway="same"):
    case = store.practice_case(case_id)
    template = store.checklist(case.checklist)
    answers = _model_answers(store, case) if answers is None else answers
    services = list(case.services) if services is None else services
    pathway = case.pathway if pathway == "same" else pathway
    return case, compare(case, template, store.deadlines(), answers, services, pathway)


def test_the_model_answer_itself_scores_full_points_for_every_case(store):
    for case in store.practice_cases():
        _case, comparison = _compare(store, case.id)
        assert comparison["score"]["points"] == comparison["score"]["max"], case.id
        assert comparison["differences"] == []


def test_each_part_is_scored_as_the_screen_says(store):
    case = store.practice_case("youth-without-qualification")
    answers = _model_answers(store, case) | {"age": 24, "registered_on": "2026-11-17"}
    services = ["alkuhaastattelu", "koulutusneuvonta", "ammatinvalinta-ja-uraohjaus", "palkkatuki"]
    _case, comparison = _compare(store, case.id, answers, services, "competence")
    parts = comparison["score"]["parts"]
    scored_items = len(case.answers)  # every model answer of this case is scored (no free text)
    assert parts["answers"] == [scored_items - 2, scored_items]
    # 3 of 4 found, 1 extra: F1 = 2·3 / (2·3 + 1 + 1) = 0.75 → 7.5 → 8 of 10 (rounded half to even)
    assert parts["services"] == [8, 10]
    assert comparison["services"]["missed"] == ["nuorten-monialaisen-tuen-palvelut"]
    assert comparison["services"]["extra"] == ["palkkatuki"]
    assert parts["pathway"] == [0, 5]
    # a registration a day later moves every deadline counted from it
    assert parts["deadlines"] == [0, 3]
    assert comparison["score"]["points"] == scored_items - 2 + 8
    assert comparison["score"]["max"] == scored_items + 10 + 5 + 3
    assert set(comparison["differences"]) == {
        "answer:age",
        "answer:registered_on",
        "missed:nuorten-monialaisen-tuen-palvelut",
        "extra:palkkatuki",
        "pathway:competence",
        "deadline:initial-interview",
        "deadline:next-job-search-conversation",
        "deadline:three-month-target",
    }
    missed_why = comparison["services"]["why"]["nuorten-monialaisen-tuen-palvelut"]
    assert "Alle 30" in missed_why["fi"] and "under 30" in missed_why["sv"]


def test_a_service_the_model_leaves_out_on_purpose_is_explained(store):
    case = store.practice_case("recruitment-joint-training")
    _case, comparison = _compare(store, case.id, services=[*case.services, "palkkatuki"])
    assert comparison["services"]["why_not"]["palkkatuki"]["sv"].startswith("Programmet föreslår lönesubvention")


def test_the_practice_file_is_beside_the_store_and_never_the_store(tmp_path, store_url, store_path):
    assert practice_url(None, store_url) == f"sqlite:///{store_path.parent / 'practice.sqlite'}"
    assert practice_url(str(tmp_path / "p.db"), store_url) == f"sqlite:///{tmp_path / 'p.db'}"
    with pytest.raises(PracticeStoreError, match="ei ole harjoitustietokanta"):
        PracticeStore(store_url)


def test_a_practice_attempt_stays_in_the_practice_store(store, store_url, store_path, monkeypatch, capsys):
    from te_navigator.models.assessments import list_assessments
    from te_navigator.models.store import Store, StoreError

    monkeypatch.setenv("TE_NAVIGATOR_STAFF", "trainee-7")
    url = practice_url(None, store_url)
    practice = PracticeStore(url)
    _case, comparison = _compare(store, "change-security-55", pathway="labour-mobility")
    attempt_id = practice.save_attempt(comparison, {"age": 57}, ["muutosturva"], "labour-mobility")
    saved = practice.attempt(attempt_id)
    practice.close()
    assert saved["staff"] == "trainee-7" and saved["points"] == comparison["score"]["points"]
    assert (store_path.parent / "practice.sqlite").stat().st_mode & 0o777 == 0o600

    # Nothing of it in the real store: no table, no case, no assessment, no follow-up, nothing exported.
    with sqlite3.connect(store_path) as real:
        tables = {row[0] for row in real.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "practice_attempt" not in tables
    assert list_assessments(store) == []
    for command in (["followups", "--json"], ["assessments", "list", "--json"], ["catalogue", "export", "--json"]):
        assert main([*command, "--db", store_url]) == 0
        out = capsys.readouterr().out
        assert "trainee-7" not in out and "practice_attempt" not in out
    assert json.loads(_run(["followups", "--json", "--db", store_url], capsys)).get("referrals", []) == []
    # and the practice file is no real store either
    with pytest.raises(StoreError):
        Store.open(url)


def _run(argv: list[str], capsys) -> str:
    assert main(argv) == 0
    return capsys.readouterr().out


def _attempts(store, practice_db: str, monkeypatch) -> None:
    practice = PracticeStore(practice_db)
    for staff, services, pathway in (
        ("trainee-1", None, "same"),
        ("trainee-2", ["alkuhaastattelu"], "competence"),
        ("trainee-3", ["alkuhaastattelu", "palkkatuki"], "competence"),
    ):
        monkeypatch.setenv("TE_NAVIGATOR_STAFF", staff)
        _case, comparison = _compare(store, "youth-without-qualification", services=services, pathway=pathway)
        practice.save_attempt(comparison, {}, services or [], comparison["pathway"]["yours"])
    practice.close()


def test_practice_results_per_case_in_finnish_and_swedish(store, store_url, tmp_path, monkeypatch, capsys):
    practice_db = str(tmp_path / "group.sqlite")
    _attempts(store, practice_db, monkeypatch)
    out = _run(["practice", "results", "--db", store_url, "--practice-db", practice_db], capsys)
    assert "Harjoitusten tulokset: 3 harjoitusta" in out
    youth = out.split("youth-without-qualification – ")[1].split("\n\n")[0]
    assert "19-vuotias ilman ammatillista tutkintoa" in youth
    assert "3 harjoitusta · 3 harjoittelijaa · keskiarvo" in youth and "paras 100 %" in youth
    assert "yleisimmät erot: puuttuu: Nuorten monialaisen tuen palvelut (2), " in youth
    assert "palvelupolku: Osaamisen kehittäminen (2), ei malliratkaisussa: Palkkatuki (1)" in youth
    assert "ei vielä harjoituksia" in out  # the other cases
    sv = _run(["practice", "results", "--lang", "sv", "--db", store_url, "--practice-db", practice_db], capsys)
    assert "Övningsresultat: 3 övningar" in sv and "19-åring utan yrkesinriktad examen" in sv
    assert "vanligaste skillnader: saknas: Tjänster för sektorsövergripande stöd till unga (2)" in sv
    assert "servicestig: Kompetensutveckling (2)" in sv
    data = json.loads(_run(["practice", "results", "--json", "--db", store_url, "--practice-db", practice_db], capsys))
    row = next(r for r in data["results"] if r["case"] == "youth-without-qualification")
    assert row["attempts"] == 3 and row["trainees"] == 3 and row["best"] == 1.0 and 0 < row["mean"] < 1
    assert {"difference": "pathway:competence", "count": 2} in row["common_differences"]


def test_practice_list_and_show_for_trainers(store, store_url, tmp_path, monkeypatch, capsys):
    practice_db = str(tmp_path / "group.sqlite")
    _attempts(store, practice_db, monkeypatch)
    listing = _run(["practice", "list", "--db", store_url, "--practice-db", practice_db], capsys)
    assert listing.count("youth-without-qualification") == 3 and "trainee-3" in listing
    shown = _run(["practice", "show", "3", "--lang", "sv", "--db", store_url, "--practice-db", practice_db], capsys)
    assert "Övning 3: 19-åring utan yrkesinriktad examen (Lovisa, svenska) (trainee-3)" in shown
    assert "✗ inte i modellsvaret: Lönesubvention" in shown
    assert "✗ ditt: Kompetensutveckling · modellens: De ungas väg (under 30 år)" in shown
    assert main(["practice", "show", "99", "--db", store_url, "--practice-db", practice_db]) == 1
    assert "Harjoitusta 99 ei ole." in capsys.readouterr().err


def test_practice_results_refuse_the_real_store_as_practice_store(store_url, capsys):
    assert main(["practice", "results", "--db", store_url, "--practice-db", store_url]) == 1
    err = capsys.readouterr().err
    assert "ei ole harjoitustietokanta" in err and "Traceback" not in err
