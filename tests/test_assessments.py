"""Checklists as data, rules → suggestions with reasons, deadlines, and versioned assessments."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from te_navigator.models import rules
from te_navigator.models.answers import check_answers
from te_navigator.models.assessments import (
    AssessmentError, audit_events, count_assessments, delete_assessment, get_assessment, list_assessments, purge,
    save_assessment,
)

YOUNG_SWEDISH_IN_LOVIISA = {
    "registered_on": "2026-03-02", "age": 24, "service_language": "sv", "municipality": "loviisa",
    "partial_work_ability": False, "immigrant": False,
}


@pytest.fixture
def jobseeker(store):
    return store.checklist("tier3-jobseeker")


def evaluate(store, template_id, answers):
    template = store.checklist(template_id)
    clean, problems = check_answers(template, answers, [m["id"] for m in store.municipalities()])
    assert not problems, problems
    return (rules.suggestions(template_id, clean, store.rules(), store.names()),
            rules.deadlines(template_id, clean, store.timings()))


def reasons_of(suggestions, kind, entity_id):
    found = next((s for s in suggestions if (s["kind"], s["id"]) == (kind, entity_id)), None)
    assert found is not None, f"{kind} {entity_id} not suggested"
    return [reason["fi"] for reason in found["reasons"]]


def test_templates_of_the_three_tiers(store):
    templates = {t["id"]: t for t in store.checklists()}
    assert set(templates) == {"tier1-area", "tier2-area", "tier3-jobseeker", "tier3-employer"}
    assert (templates["tier1-area"]["review"], templates["tier2-area"]["review"]) == ("yearly", "quarterly")
    required = {"registered_on", "age", "service_language", "municipality", "education", "partial_work_ability",
                "life_management", "substance_or_mental_health", "neuropsychiatric", "unemployed_months",
                "immigrant", "integration_plan", "entrepreneurship_interest", "mobility",
                "laid_off_structural_change", "note"}
    items = {item["id"]: item for item in templates["tier3-jobseeker"]["items"]}
    assert required <= set(items)
    assert (items["registered_on"]["type"], items["age"]["type"], items["note"]["type"]) == ("date", "number", "text")
    for template in templates.values():
        for item in template["items"]:
            assert item["help"]["fi"] and item["help"]["sv"] and item["source"]


def test_youth_rule_with_its_reason(store):
    suggestions, _deadlines = evaluate(store, "tier3-jobseeker", YOUNG_SWEDISH_IN_LOVIISA)
    reasons = reasons_of(suggestions, "service_line", "youth")
    assert any("30" in reason for reason in reasons)
    assert ("pathway", "youth") in {(s["kind"], s["id"]) for s in suggestions}


def test_no_youth_services_at_30(store):
    suggestions, _deadlines = evaluate(store, "tier3-jobseeker", {**YOUNG_SWEDISH_IN_LOVIISA, "age": 30})
    assert ("service_line", "youth") not in {(s["kind"], s["id"]) for s in suggestions}


@pytest.mark.parametrize("answers, expected", [
    ({"partial_work_ability": True}, ("service", "tyokykykoordinaattorin-palvelut")),
    ({"partial_work_ability": True}, ("pathway", "challenging-position")),
    ({"life_management": True}, ("model", "tym")),
    ({"substance_or_mental_health": True}, ("service_line", "challenging-position")),
    ({"neuropsychiatric": True}, ("service_line", "challenging-position")),
    ({"unemployed_months": 14}, ("service_line", "challenging-position")),
    ({"immigrant": True, "integration_plan": False}, ("service", "kotoutumissuunnitelma")),
    ({"immigrant": True}, ("pathway", "immigrants")),
    ({"entrepreneurship_interest": True}, ("service", "starttiraha")),
    ({"laid_off_structural_change": True}, ("service", "muutosturva")),
    ({"mobility": "commute"}, ("service", "liikkuvuusavustukset")),
    ({"registered_on": "2026-03-02"}, ("pathway", "initial-phase")),
])
def test_each_jobseeker_rule(store, answers, expected):
    suggestions, _deadlines = evaluate(store, "tier3-jobseeker", answers)
    assert reasons_of(suggestions, *expected)


@pytest.mark.parametrize("answers, expected", [
    ({"recruitment_need": True}, ("service", "tyonvalitys")),
    ({"pay_subsidy": True}, ("service", "palkkatuki")),
    ({"work_trial": True}, ("service", "tyokokeilu")),
    ({"international_recruitment": True}, ("service", "eures-palvelut")),
    ({"working_conditions_support": True}, ("service", "tyoolosuhteiden-jarjestelytuki")),
    ({"structural_change_or_layoffs": True}, ("service", "muutosturva")),
    ({"starting_business": True}, ("service", "starttiraha")),
    ({"joint_purchase_training_interest": True}, ("service", "yhteishankintakoulutus")),
])
def test_each_employer_rule(store, answers, expected):
    suggestions, _deadlines = evaluate(store, "tier3-employer", answers)
    assert reasons_of(suggestions, *expected)


def test_no_answers_no_suggestions(store):
    assert evaluate(store, "tier3-jobseeker", {}) == ([], [])


def test_deadlines_count_working_days_and_months(store):
    _suggestions, deadlines = evaluate(store, "tier3-jobseeker", {"registered_on": "2026-04-01"})
    due = {d["id"]: d["due"] for d in deadlines}
    assert due == {"initial-interview": "2026-04-10", "three-month-target": "2026-07-01"}  # Easter in between
    assert all(d["legal_source"] for d in deadlines)


def test_bad_answers_name_the_item(store, jobseeker):
    ids = [m["id"] for m in store.municipalities()]
    _clean, problems = check_answers(jobseeker, {"age": 300, "registered_on": "1850-01-01", "colour": "red",
                                                 "municipality": "helsinki", "immigrant": "maybe"}, ids)
    assert {p.item for p in problems} == {"age", "registered_on", "colour", "municipality", "immigrant"}


def test_henkilotunnus_in_free_text_is_refused(store, jobseeker):
    _clean, problems = check_answers(jobseeker, {"note": "asiakas 131052-308T soitti"}, [])
    assert [p.item for p in problems] == ["note"] and "henkilötunnus" in problems[0].message
    _clean, problems = check_answers(jobseeker, {"note": "numero 131052-308U ei ole tunnus"}, [])
    assert problems == []


def test_each_save_is_a_new_version_and_history_keeps_both(store, jobseeker):
    first = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    assessment_id, version = save_assessment(store, jobseeker, YOUNG_SWEDISH_IN_LOVIISA, case_reference="LOV-1",
                                             saved_at=first)
    assert version == 1
    _same, version = save_assessment(store, jobseeker, {**YOUNG_SWEDISH_IN_LOVIISA, "unemployed_months": 2},
                                     assessment_id=assessment_id, finished=True,
                                     saved_at=first + dt.timedelta(hours=1))
    assert version == 2
    record = get_assessment(store, assessment_id)
    assert record["version"] == 2 and record["answers"]["unemployed_months"] == 2 and record["finished"]
    assert [v["version"] for v in record["history"]] == [1, 2]
    assert get_assessment(store, assessment_id, version=1)["answers"]["unemployed_months"] is None


def test_resume_an_unfinished_assessment(store, jobseeker):
    assessment_id, _version = save_assessment(store, jobseeker, {"age": 40}, case_reference="POR-7")
    record = get_assessment(store, assessment_id)
    assert not record["finished"] and record["answers"]["age"] == 40
    _id, version = save_assessment(store, jobseeker, {**record["answers"], "immigrant": True},
                                   assessment_id=assessment_id)
    assert version == 2


def test_list_filters(store, jobseeker):
    save_assessment(store, jobseeker, YOUNG_SWEDISH_IN_LOVIISA, case_reference="LOV-2")
    save_assessment(store, jobseeker, {**YOUNG_SWEDISH_IN_LOVIISA, "municipality": "porvoo"}, case_reference="POR-2")
    employer = store.checklist("tier3-employer")
    save_assessment(store, employer, {"recruitment_need": True, "municipality": "loviisa"}, case_reference="EMP-1")
    tier1 = store.checklist("tier1-area")
    save_assessment(store, tier1, {}, area="Porvoon työllisyysalue", period="2026")
    assert {r["case_reference"] for r in list_assessments(store, municipality="loviisa")} == {"LOV-2", "EMP-1"}
    assert [r["case_reference"] for r in list_assessments(store, template="tier3-employer")] == ["EMP-1"]
    assert list_assessments(store, since=dt.date.today() + dt.timedelta(days=1)) == []
    assert len(list_assessments(store)) == 4


def test_case_reference_with_henkilotunnus_is_refused(store, jobseeker):
    with pytest.raises(AssessmentError, match="henkilötunnus"):
        save_assessment(store, jobseeker, {}, case_reference="131052-308T")
    assert count_assessments(store) == 0


def test_area_review_needs_area_and_period(store):
    with pytest.raises(AssessmentError):
        save_assessment(store, store.checklist("tier2-area"), {}, area="Porvoo")


def test_delete_leaves_an_audit_record(store, jobseeker):
    assessment_id, _version = save_assessment(store, jobseeker, {"age": 50}, case_reference="LOV-9")
    delete_assessment(store, assessment_id)
    assert count_assessments(store) == 0
    [event] = audit_events(store)
    assert event["action"] == "delete-assessment" and event["count"] == 1


def test_purge_old_assessments_and_record_how_many(store, jobseeker):
    old = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    save_assessment(store, jobseeker, {"age": 50}, case_reference="OLD-1", saved_at=old)
    save_assessment(store, jobseeker, {"age": 51}, case_reference="NEW-1")
    assert purge(store, 365) == 1
    assert [r["case_reference"] for r in list_assessments(store)] == ["NEW-1"]
    assert audit_events(store)[-1] == {**audit_events(store)[-1], "action": "purge", "count": 1}


def test_failed_save_leaves_the_previous_version(store, store_path, jobseeker):
    assessment_id, _version = save_assessment(store, jobseeker, {"age": 30}, case_reference="LOCK-1")
    locker = sqlite3.connect(store_path, timeout=0)
    locker.execute("BEGIN IMMEDIATE")  # another writer holds the store
    try:
        with pytest.raises(AssessmentError, match=r"previous version is intact|edellinen versio"):
            save_assessment(store, jobseeker, {"age": 31}, assessment_id=assessment_id)
    finally:
        locker.rollback()
        locker.close()
    assert get_assessment(store, assessment_id)["answers"]["age"] == 30


def test_store_file_is_private(store_path, store):
    import stat

    assert stat.S_IMODE(store_path.stat().st_mode) == 0o600
