"""Pathways as data: validation of broken graphs, referral status changes, due dates, follow-ups, hand-outs."""

from __future__ import annotations

import datetime as dt

import pytest

from te_navigator.models.catalogue import CatalogueInvalid, load_catalogue
from te_navigator.models.consistency import pathway_problems
from te_navigator.models.i18n import _
from te_navigator.models.handout import handout_content, to_html, to_markdown
from te_navigator.models.referrals import ReferralError, case_referrals, change_status, followups, plan_step
from te_navigator.tui.diagram import draw_pathway, layers


@pytest.fixture
def store(engine_store_url):
    """These tests run on SQLite and, when the suite is given a server, on PostgreSQL."""
    from te_navigator.models.store import Store

    opened = Store.open(engine_store_url)
    yield opened
    opened.close()


REQUIRED = {
    "initial-phase",
    "youth",
    "challenging-position",
    "immigrants",
    "competence",
    "employer-recruitment",
    "starting-business",
    "structural-change",
    "work-based-immigration",
    "labour-mobility",
}


def test_the_plans_pathways_exist_and_are_walkable(store):
    pathways = {p.id: p for p in store.pathways()}
    assert set(pathways) >= REQUIRED
    for pathway in pathways.values():
        assert pathway_problems(pathway.model_dump(mode="json", exclude_unset=True)) == [], pathway.id
    initial = pathways["initial-phase"]
    steps = {s.id: s for s in initial.steps}
    assert steps[initial.start].service == "tyonhakijan-palveluprosessi"
    assert any(s.due_working_days == 10 for s in initial.steps)  # 10 working days from 1.1.2026
    first = pathways["challenging-position"].steps[0]
    assert first.service == "monialaisen-palvelutarpeen-arviointi"  # not every case to the coordinator


def _pathway(steps, start="a"):
    return {
        "id": "p",
        "start": start,
        "steps": [{"id": i, "next": n, "exit": e, "service": "palkkatuki"} for i, n, e in steps],
    }


def test_cycle_without_a_way_out_is_named():
    problems = pathway_problems(_pathway([("a", ["b"], False), ("b", ["a"], False)]))
    no_way_out = _("no way out: from this step no path reaches an exit (a cycle?)")
    assert ("steps[a]", no_way_out) in problems and ("steps[b]", no_way_out) in problems


def test_cycle_with_a_way_out_is_allowed():
    assert pathway_problems(_pathway([("a", ["b"], False), ("b", ["a", "c"], False), ("c", [], True)])) == []


def test_dead_end_and_unknown_next_are_named():
    problems = dict(pathway_problems(_pathway([("a", ["b", "x"], False), ("b", [], False)])))
    assert "steps[b]" in problems and "steps[a]" in problems and "'x'" in problems["steps[a]"]


def test_unknown_service_in_a_pathway_file_is_refused(seed_copy):
    path = seed_copy / "pathways/initial-phase.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('service = "alkuhaastattelu"', 'service = "no-such-service"', 1), encoding="utf-8")
    with pytest.raises(CatalogueInvalid) as caught:
        load_catalogue(seed_copy)
    [problem] = caught.value.problems
    assert problem.file == "pathways/initial-phase.toml" and "no-such-service" in problem.message
    assert "steps[" in problem.entry and problem.line


def test_dead_end_in_a_pathway_file_is_refused(seed_copy):
    path = seed_copy / "pathways/competence.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("next = [", text.index("[[step]]"))
    end = text.index("]", start)
    path.write_text(text[:start] + "next = []" + text[end + 1 :], encoding="utf-8")
    with pytest.raises(CatalogueInvalid) as caught:
        load_catalogue(seed_copy)
    assert [(p.file, p.entry, p.field) for p in caught.value.problems] == [
        ("pathways/competence.toml", "competence", "steps[career-guidance]")
    ]


def test_layers_put_alternatives_side_by_side(store):
    initial = store.pathway("initial-phase")
    grouped = layers(initial)
    assert grouped[0] == [initial.start] and len(grouped[-1]) == 3
    drawing = draw_pathway(initial, "sv", width=80, current=initial.start).plain
    assert "▼" in drawing and "Inledande intervju" in drawing
    assert max(len(line) for line in drawing.splitlines()) <= 80


def _coordinator_referral(store, **extra):
    return plan_step(
        store,
        "POR-2026-5",
        "challenging-position",
        "work-ability-coordinator",
        status="referred",
        on=dt.date(2026, 3, 9),
        registered_on=dt.date(2026, 3, 2),
        **extra,
    )


def test_referral_status_changes(store):
    referral = _coordinator_referral(store, due_on=dt.date(2026, 3, 20))
    assert referral["status"] == "referred" and referral["due_on"] == "2026-03-20"
    started = change_status(store, referral["id"], "started", dt.date(2026, 3, 16))
    done = change_status(store, referral["id"], "done", dt.date(2026, 4, 1))
    assert (started["status"], done["status"], done["done_on"]) == ("started", "done", "2026-04-01")
    assert [h["status"] for h in done["history"]] == ["referred", "started", "done"]


@pytest.mark.parametrize("first, then", [("done", "started"), ("cancelled", "referred"), ("referred", "planned")])
def test_senseless_status_change_is_refused_and_nothing_stored(store, first, then):
    referral = _coordinator_referral(store)
    if first == "done":
        change_status(store, referral["id"], "started", dt.date(2026, 3, 10))
    change_status(store, referral["id"], first, dt.date(2026, 3, 11)) if first != "referred" else None
    before = case_referrals(store, "POR-2026-5")
    with pytest.raises(ReferralError):
        change_status(store, referral["id"], then, dt.date(2026, 3, 12))
    assert case_referrals(store, "POR-2026-5") == before


def test_referral_dated_before_registration_is_refused(store):
    with pytest.raises(ReferralError, match="2026-03-02"):
        plan_step(
            store,
            "POR-2026-6",
            "challenging-position",
            "work-ability-coordinator",
            on=dt.date(2026, 2, 1),
            registered_on=dt.date(2026, 3, 2),
        )
    assert case_referrals(store, "POR-2026-6") == []


def test_due_date_in_working_days(store):
    initial = store.pathway("initial-phase")
    interview = next(s for s in initial.steps if s.due_working_days == 10)
    referral = plan_step(
        store, "LOV-3", initial.id, interview.id, on=dt.date(2026, 4, 1), registered_on=dt.date(2026, 4, 1)
    )
    assert referral["due_on"] == "2026-04-17"  # Good Friday and Easter Monday 2026 in between


def test_followups(store):
    referral = _coordinator_referral(store, due_on=dt.date(2026, 3, 20))
    data = followups(store, today=dt.date(2026, 3, 18))
    assert [r["id"] for r in data["due_this_week"]] == [referral["id"]]
    assert data["overdue"] == []
    [case] = data["cases"]
    assert case == {
        "case_reference": "POR-2026-5",
        "registered_on": "2026-03-02",
        "target": "2026-06-02",
        "days_left": 76,
    }
    later = followups(store, today=dt.date(2026, 3, 24))
    assert [r["id"] for r in later["overdue"]] == [referral["id"]]


def test_handout_in_both_languages_without_internal_notes(store):
    _coordinator_referral(store, note="SALAINEN sisäinen huomio")
    rows = case_referrals(store, "POR-2026-5")
    pathways = {p.id: p for p in store.pathways()}
    for lang, heading in (("fi", "Työkykykoordinaattori"), ("sv", "Samordnare")):
        content = handout_content("POR-2026-5", rows, pathways, store.names(), lang, today=dt.date(2026, 3, 9))
        markdown, html = to_markdown(content), to_html(content, lang)
        assert "SALAINEN" not in markdown and "SALAINEN" not in html
        assert heading.lower() in markdown.lower() and f'lang="{lang}"' in html
    swedish = to_markdown(handout_content("POR-2026-5", rows, pathways, store.names(), "sv"))
    assert swedish.startswith("# Din plan") and "Referens: POR-2026-5" in swedish
