"""Checklists as data, rules → suggestions with reasons, deadlines, and versioned assessments."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from te_navigator.models import rules
from te_navigator.models.answers import check_answers
from te_navigator.models.assessments import (
    AssessmentError,
    audit_events,
    count_assessments,
    delete_assessment,
    get_assessment,
    list_assessments,
    purge,
    save_assessment,
)


@pytest.fixture
def store(engine_store_url):
    """These tests run on SQLite and, when the suite is given a server, on PostgreSQL."""
    from te_navigator.models.store import Store

    opened = Store.open(engine_store_url)
    yield opened
    opened.close()


YOUNG_SWEDISH_IN_LOVIISA = {
    "registered_on": "2026-03-02",
    "age": 24,
    "service_language": "sv",
    "municipality": "loviisa",
    "partial_work_ability": False,
    "immigrant": False,
}


@pytest.fixture
def jobseeker(store):
    return store.checklist("tier3-jobseeker")


def evaluate(store, template_id, answers, on=dt.date(2026, 11, 30)):
    template = store.checklist(template_id)
    clean, problems = check_answers(template, answers, [m.id for m in store.municipalities()], today=on)
    assert not problems, problems
    return (
        rules.suggestions(template_id, clean, store.rules(), store.names(), on=on),
        rules.deadlines(template_id, clean, store.deadlines(), on=on),
    )


def reasons_of(suggestions, kind, entity_id):
    found = next((s for s in suggestions if (s["kind"], s["id"]) == (kind, entity_id)), None)
    assert found is not None, f"{kind} {entity_id} not suggested"
    return [reason["fi"] for reason in found["reasons"]]


def test_templates_of_the_three_tiers(store):
    templates = {t.id: t for t in store.checklists()}
    assert set(templates) == {"tier1-area", "tier2-area", "tier3-jobseeker", "tier3-employer"}
    assert (templates["tier1-area"].review, templates["tier2-area"].review) == ("yearly", "quarterly")
    required = {
        "registered_on",
        "age",
        "service_language",
        "municipality",
        "education",
        "partial_work_ability",
        "life_management",
        "substance_or_mental_health",
        "neuropsychiatric",
        "unemployed_months",
        "immigrant",
        "integration_plan",
        "entrepreneurship_interest",
        "mobility",
        "laid_off_structural_change",
        "note",
    }
    items = {item.id: item for item in templates["tier3-jobseeker"].items}
    assert required <= set(items)
    assert (items["registered_on"].type, items["age"].type, items["note"].type) == ("date", "number", "text")
    for template in templates.values():
        for item in template.items:
            assert item.help.fi and item.help.sv and item.source


def test_youth_rule_with_its_reason(store):
    suggestions, _deadlines = evaluate(store, "tier3-jobseeker", YOUNG_SWEDISH_IN_LOVIISA)
    reasons = reasons_of(suggestions, "service_line", "youth")
    assert any("30" in reason for reason in reasons)
    assert ("pathway", "youth") in {(s["kind"], s["id"]) for s in suggestions}


def test_no_youth_services_at_30(store):
    suggestions, _deadlines = evaluate(store, "tier3-jobseeker", {**YOUNG_SWEDISH_IN_LOVIISA, "age": 30})
    assert ("service_line", "youth") not in {(s["kind"], s["id"]) for s in suggestions}


@pytest.mark.parametrize(
    "answers, expected",
    [
        ({"partial_work_ability": True}, ("service", "tyokykykoordinaattorin-palvelut")),
        ({"partial_work_ability": True}, ("pathway", "challenging-position")),
        ({"life_management": True}, ("model", "tym")),
        ({"substance_or_mental_health": True}, ("service_line", "challenging-position")),
        ({"neuropsychiatric": True}, ("service_line", "challenging-position")),
        ({"unemployed_months": 14}, ("service_line", "challenging-position")),
        (
            {"immigrant": True, "integration_plan": False, "arrived_in_finland": 2025},
            ("service", "kotoutumissuunnitelma"),
        ),
        ({"immigrant": True}, ("pathway", "immigrants")),
        ({"entrepreneurship_interest": True}, ("service", "starttiraha")),
        ({"laid_off_structural_change": True}, ("service", "muutosturva")),
        ({"mobility": "commute"}, ("service", "liikkuvuusavustukset")),
        ({"registered_on": "2026-03-02"}, ("pathway", "initial-phase")),
    ],
)
def test_each_jobseeker_rule(store, answers, expected):
    suggestions, _deadlines = evaluate(store, "tier3-jobseeker", answers)
    assert reasons_of(suggestions, *expected)


@pytest.mark.parametrize(
    "answers, expected",
    [
        ({"recruitment_need": True}, ("service", "tyonvalitys")),
        ({"pay_subsidy": True}, ("service", "palkkatuki")),
        ({"work_trial": True}, ("service", "tyokokeilu")),
        ({"international_recruitment": True}, ("service", "eures-palvelut")),
        ({"working_conditions_support": True}, ("service", "tyoolosuhteiden-jarjestelytuki")),
        ({"structural_change_or_layoffs": True}, ("service", "muutosturva")),
        ({"starting_business": True}, ("service", "starttiraha")),
        ({"joint_purchase_training_interest": True}, ("service", "yhteishankintakoulutus")),
    ],
)
def test_each_employer_rule(store, answers, expected):
    suggestions, _deadlines = evaluate(store, "tier3-employer", answers)
    assert reasons_of(suggestions, *expected)


def test_no_answers_no_suggestions(store):
    assert evaluate(store, "tier3-jobseeker", {}) == ([], [])


def test_deadlines_count_working_days_and_months(store):
    _suggestions, deadlines = evaluate(store, "tier3-jobseeker", {"registered_on": "2026-04-01"})
    due = {d["id"]: d["due"] for d in deadlines}
    # 10 working days from 1.4.2026 with Good Friday 3.4. and Easter Monday 6.4. off
    assert due == {
        "initial-interview": "2026-04-17",
        "next-job-search-conversation": "2026-07-17",
        "three-month-target": "2026-07-01",
    }
    assert all(d["legal_source"] for d in deadlines)


@pytest.mark.parametrize(
    "registered, interview_due, law",
    [
        ("2025-06-02", "2025-06-09", "HE 167/2021"),  # 5 working days, the row valid until 31.12.2025
        ("2025-12-22", "2026-01-02", "HE 167/2021"),  # still the old row: 24.–26.12. and 1.1. are days off
        ("2026-01-02", "2026-01-19", "HE 108/2025"),  # 10 working days: Epiphany 6.1. off
        ("2026-12-22", "2027-01-11", "HE 108/2025"),  # Christmas Eve, Christmas, New Year's Day, Epiphany off
        ("2026-06-15", "2026-06-30", "HE 108/2025"),  # Midsummer Eve 19.6. is a day off
    ],
)
def test_initial_interview_row_chosen_by_registration_date(store, registered, interview_due, law):
    on = max(dt.date(2026, 11, 30), dt.date.fromisoformat(registered))  # a registration is never in the future
    _suggestions, deadlines = evaluate(store, "tier3-jobseeker", {"registered_on": registered}, on=on)
    interview = next(d for d in deadlines if d["id"] == "initial-interview")
    assert interview["due"] == interview_due
    assert law in interview["legal_source"]


@pytest.mark.parametrize(
    "answers, due, estimated",
    [
        ({"registered_on": "2026-12-22"}, "2027-04-11", True),  # from the interview's due date
        ({"registered_on": "2026-12-22", "initial_interview_on": "2027-01-05"}, "2027-04-05", False),
        ({"registered_on": "2025-06-02"}, "2025-06-23", True),  # the two-week rhythm of 2022–2025
        ({"registered_on": "2025-06-02", "initial_interview_on": "2025-06-04"}, "2025-06-18", False),
    ],
)
def test_next_job_search_conversation(store, answers, due, estimated):
    on = max(dt.date(2026, 11, 30), dt.date.fromisoformat(answers["registered_on"]))
    _suggestions, deadlines = evaluate(store, "tier3-jobseeker", answers, on=on)
    conversation = next(d for d in deadlines if d["id"] == "next-job-search-conversation")
    assert (conversation["due"], conversation["estimated"]) == (due, estimated)
    if estimated:
        assert "alkuhaastattelun" in conversation["basis"]["fi"].lower()
        assert "inledande intervjun" in conversation["basis"]["sv"]
    else:
        assert conversation["basis"] is None


def test_rules_apply_only_while_in_force(store):
    from te_navigator.models.entities import Rule

    rule = Rule.model_validate(
        {
            "id": "r",
            "template": "tier3-jobseeker",
            "when": [{"item": "age", "op": "answered"}],
            "suggest": [{"kind": "service", "id": "koulutusneuvonta"}],
            "reason": {"fi": "syy", "sv": "orsak"},
            "law": {"fi": "laki 1/2026", "sv": "lag 1/2026"},
            "valid_from": dt.date(2026, 1, 1),
            "valid_to": dt.date(2026, 6, 30),
            "source": "test",
        }
    )
    fired = rules.suggestions("tier3-jobseeker", {"age": 40}, [rule], {}, on=dt.date(2026, 3, 1))
    assert fired[0]["reasons"] == [{"fi": "syy (laki 1/2026)", "sv": "orsak (lag 1/2026)"}]
    assert rules.suggestions("tier3-jobseeker", {"age": 40}, [rule], {}, on=dt.date(2026, 7, 1)) == []
    assert rules.suggestions("tier3-jobseeker", {"age": 40}, [rule], {}, on=dt.date(2025, 12, 31)) == []


def suggested(suggestions):
    return {(s["kind"], s["id"]) for s in suggestions}


DISMISSED_55 = {
    "age": 58,
    "laid_off_structural_change": True,
    "years_with_last_employer": 12,
    "dismissed_on": "2026-10-01",
    "registered_on": "2026-10-20",
}


@pytest.mark.parametrize(
    "answers, expected",
    [
        (
            {"immigrant": True, "arrived_in_finland": 2024},
            ("service", "osaamisen-ja-kotoutumisen-palvelutarpeen-arviointi"),
        ),
        (
            {"immigrant": True, "arrived_in_finland": 2024, "integration_plan": False},
            ("service", "kotoutumissuunnitelma"),
        ),
        ({"immigrant": True}, ("pathway", "immigrants")),  # year not answered (an old answers file): ask it
        ({"age": 17}, ("service", "koulutusneuvonta")),
        ({"age": 22, "vocational_qualification": False}, ("service", "ammatinvalinta-ja-uraohjaus")),
        (
            {"age": 22, "vocational_qualification": False, "benefit": "labour_market_subsidy"},
            ("service", "koulutusneuvonta"),
        ),
        (DISMISSED_55, ("service", "muutosturva")),
    ],
)
def test_each_new_jobseeker_rule(store, answers, expected):
    found, _deadlines = evaluate(store, "tier3-jobseeker", answers)
    assert reasons_of(found, *expected)


def test_a_ten_year_resident_gets_no_integration_assessment(store):
    found, _deadlines = evaluate(
        store, "tier3-jobseeker", {"immigrant": True, "arrived_in_finland": 2016, "integration_plan": False}
    )
    assert ("service", "osaamisen-ja-kotoutumisen-palvelutarpeen-arviointi") not in suggested(found)
    assert ("service", "kotoutumissuunnitelma") not in suggested(found)
    assert ("pathway", "immigrants") not in suggested(found)
    assert ("service_line", "integration") in suggested(found)  # foreign-language services still fit


def test_the_integration_years_count_from_the_assessment_day(store):
    answers = {"immigrant": True, "arrived_in_finland": 2023}
    early, _ = evaluate(store, "tier3-jobseeker", answers, on=dt.date(2026, 5, 1))
    late, _ = evaluate(store, "tier3-jobseeker", answers, on=dt.date(2027, 5, 1))
    assessment = ("service", "osaamisen-ja-kotoutumisen-palvelutarpeen-arviointi")
    assert assessment in suggested(early) and assessment not in suggested(late)


@pytest.mark.parametrize(
    "answers, not_expected",
    [
        ({"age": 18}, "oppivelvollinen"),  # adult: education done
        ({"age": 25, "vocational_qualification": False}, "hakea keväällä"),  # 25: no education duty
        ({"age": 22, "vocational_qualification": True}, "hakea keväällä"),  # has a qualification
        ({"age": 17, "vocational_qualification": False}, "hakea keväällä"),  # compulsory education instead
        ({"age": 22, "vocational_qualification": False, "benefit": "earnings_related"}, "odotusajan"),
        ({"age": 22, "vocational_qualification": True, "benefit": "labour_market_subsidy"}, "odotusajan"),
    ],
)
def test_education_rules_do_not_fire_where_they_do_not_fit(store, answers, not_expected):
    found, _deadlines = evaluate(store, "tier3-jobseeker", answers)
    assert not any(not_expected in reason["fi"] for s in found for reason in s["reasons"])


@pytest.mark.parametrize(
    "change",
    [
        {"age": 54},  # under 55
        {"years_with_last_employer": 4},  # under five years
        {"registered_on": "2026-12-15"},  # registered 75 days after the dismissal
        {"dismissed_on": "2022-11-01", "registered_on": "2022-11-20"},  # before the change security existed
        {"laid_off_structural_change": False},
    ],
)
def test_change_security_does_not_fire_where_it_does_not_fit(store, change):
    answers = {**DISMISSED_55, **change}
    on = max(dt.date(2026, 11, 30), dt.date.fromisoformat(answers["registered_on"]))  # never in the future
    found, _deadlines = evaluate(store, "tier3-jobseeker", answers, on=on)
    reasons = [r["fi"] for s in found for r in s["reasons"]]
    assert not any("muutosturvarahaan" in r for r in reasons)


def test_change_security_registration_window_is_a_deadline(store):
    _found, deadlines = evaluate(store, "tier3-jobseeker", DISMISSED_55)
    window = next(d for d in deadlines if d["id"] == "change-security-registration")
    assert window["due"] == "2026-11-30"  # 60 days after 1.10.2026
    _found, deadlines = evaluate(store, "tier3-jobseeker", {**DISMISSED_55, "age": 50})
    assert "change-security-registration" not in {d["id"] for d in deadlines}


def test_municipality_employer_pay_subsidy_limits(store):
    found, _deadlines = evaluate(store, "tier3-employer", {"employer_type": "municipality", "pay_subsidy": True})
    assert any("60-vuotiaan" in reason for reason in reasons_of(found, "service", "palkkatuki"))
    for employer_type in ("company", "association", "other"):
        found, _deadlines = evaluate(store, "tier3-employer", {"employer_type": employer_type, "pay_subsidy": True})
        assert not any("60-vuotiaan" in reason for reason in reasons_of(found, "service", "palkkatuki"))


def test_old_answers_without_the_new_items_still_work(store):
    old = {
        "registered_on": "2026-03-02",
        "age": 40,
        "immigrant": True,
        "integration_plan": True,
        "laid_off_structural_change": True,
    }
    found, deadlines = evaluate(store, "tier3-jobseeker", old)
    assert ("service", "muutosturva") in suggested(found)
    assert {"initial-interview", "next-job-search-conversation", "three-month-target"} <= {d["id"] for d in deadlines}


def test_bad_answers_name_the_item(store, jobseeker):
    ids = [m.id for m in store.municipalities()]
    _clean, problems = check_answers(
        jobseeker,
        {"age": 300, "registered_on": "1850-01-01", "colour": "red", "municipality": "helsinki", "immigrant": "maybe"},
        ids,
    )
    assert {p.item for p in problems} == {"age", "registered_on", "colour", "municipality", "immigrant"}


def test_henkilotunnus_in_free_text_is_refused(store, jobseeker):
    _clean, problems = check_answers(jobseeker, {"note": "asiakas 131052-308T soitti"}, [])
    assert [p.item for p in problems] == ["note"] and "henkilötunnus" in problems[0].message
    _clean, problems = check_answers(jobseeker, {"note": "numero 131052-308U ei ole tunnus"}, [])
    assert problems == []


def test_each_save_is_a_new_version_and_history_keeps_both(store, jobseeker):
    first = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    assessment_id, version = save_assessment(
        store, jobseeker, YOUNG_SWEDISH_IN_LOVIISA, case_reference="LOV-1", saved_at=first
    )
    assert version == 1
    _same, version = save_assessment(
        store,
        jobseeker,
        {**YOUNG_SWEDISH_IN_LOVIISA, "unemployed_months": 2},
        assessment_id=assessment_id,
        finished=True,
        saved_at=first + dt.timedelta(hours=1),
    )
    assert version == 2
    record = get_assessment(store, assessment_id)
    assert record["version"] == 2 and record["answers"]["unemployed_months"] == 2 and record["finished"]
    assert [v["version"] for v in record["history"]] == [1, 2]
    assert get_assessment(store, assessment_id, version=1)["answers"]["unemployed_months"] is None


def test_resume_an_unfinished_assessment(store, jobseeker):
    assessment_id, _version = save_assessment(store, jobseeker, {"age": 40}, case_reference="POR-7")
    record = get_assessment(store, assessment_id)
    assert not record["finished"] and record["answers"]["age"] == 40
    _id, version = save_assessment(
        store, jobseeker, {**record["answers"], "immigrant": True}, assessment_id=assessment_id
    )
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


def test_a_lock_never_released_is_a_message_and_the_previous_version_stays(
    store_url, store_path, jobseeker, monkeypatch
):
    from te_navigator.models import store as store_module

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(store_module, "WRITE_ATTEMPTS", 2)
    store = store_module.Store.open(store_url)
    assessment_id, _version = save_assessment(store, jobseeker, {"age": 30}, case_reference="LOCK-1")
    locker = sqlite3.connect(store_path, timeout=0)
    locker.execute("BEGIN IMMEDIATE")  # another writer holds the store and never lets go
    try:
        with pytest.raises(store_module.StoreError, match=r"Tietovarasto on varattu|store is busy"):
            save_assessment(store, jobseeker, {"age": 31}, assessment_id=assessment_id)
    finally:
        locker.rollback()
        locker.close()
    assert get_assessment(store, assessment_id)["answers"]["age"] == 30


@pytest.mark.sqlite_only
def test_store_file_is_private(store_path, store):
    import stat

    assert stat.S_IMODE(store_path.stat().st_mode) == 0o600


def test_handout_dates_follow_the_saved_checklist(store, jobseeker):
    from te_navigator.models.handout import case_deadlines, handout_content, to_markdown

    save_assessment(
        store,
        jobseeker,
        {"registered_on": "2026-12-22", "initial_interview_on": "2027-01-08"},
        case_reference="POR-88",
        today=dt.date(2027, 1, 8),
    )  # a registration is never in the future
    deadlines = {d["id"]: d for d in case_deadlines(store, "POR-88")}
    assert deadlines["initial-interview"]["due"] == "2027-01-11"
    assert (
        deadlines["next-job-search-conversation"]["due"],
        deadlines["next-job-search-conversation"]["estimated"],
    ) == ("2027-04-08", False)
    text = to_markdown(handout_content("POR-88", [], {}, store.names(), "sv", deadlines=list(deadlines.values())))
    assert "8.4.2027" in text and "11.1.2027" in text
    assert "Målet på tre månader" not in text  # the area's internal target is not the customer's date
