"""The light way of opening a store (stored catalogue, plain SQL) gives what the full way gives, and only when
the store is up to date; referrals written either way read back the same either way."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3

from te_navigator.models import referrals
from te_navigator.models.entities import OrientationServices, Periods, Service
from te_navigator.models.light_store import LightStore, open_light
from te_navigator.models.store import Store
from te_navigator.models.workdays import is_working_day, working_days_between


def _light(store_url: str) -> LightStore:
    Store.open(store_url).fill_cache()
    light = open_light(store_url)
    assert isinstance(light, LightStore)
    return light


def test_the_stored_catalogue_and_index_answer_as_the_store_does(store_url):
    store = Store.open(store_url)
    light = _light(store_url)
    assert light.export() == store.export()
    services = light.services()
    assert all(isinstance(s, Service) for s in services) and services == store.services()
    assert (
        light.service("palkkatuki")
        == store.service("palkkatuki")
        == services[[s.id for s in services].index("palkkatuki")]
    )
    assert light.service("no-such-service") is None and store.service("no-such-service") is None
    assert isinstance(light.orientation(), OrientationServices) and light.orientation() == store.orientation()
    assert isinstance(light.periods(), Periods) and light.periods() == store.periods()
    assert light.orientation().languages and light.periods().staff_fte.fi
    assert light.entity("palkkatuki") == store.entity("palkkatuki")
    assert light.names() == store.names()
    for query in ("palkkatukea", "lönesub", "tyokokeilu", "TYP", "koulutus"):
        assert light.search_index().search(query) == store.search_index().search(query)


def test_a_store_that_needs_work_opens_the_full_way(store_url, store_path):
    _light(store_url)
    with sqlite3.connect(store_path) as connection:
        connection.execute("UPDATE catalogue_meta SET value = 'edited' WHERE key = 'digest'")
    opened = open_light(store_url)
    assert isinstance(opened, Store)  # and it reloaded the catalogue: the next open is light again
    assert isinstance(open_light(store_url), LightStore)


def test_referrals_written_light_read_back_through_the_store_and_back(store_url):
    light = _light(store_url)
    planned = referrals.plan_step(
        light,
        "POR-2026-7",
        "challenging-position",
        "work-ability-coordinator",
        status="referred",
        on=dt.date(2026, 3, 9),
        registered_on=dt.date(2026, 3, 2),
        note="sisäinen",
    )
    store = Store.open(store_url)
    assert referrals.case_referrals(store, "POR-2026-7") == [planned]
    started = referrals.change_status(store, planned["id"], "started", dt.date(2026, 3, 12))
    assert referrals.case_referrals(light, "POR-2026-7") == [started]
    assert started["history"][-1]["status"] == "started" and started["note"] == "sisäinen"
    assert referrals.case_info(light, "POR-2026-7") == {
        "reference": "POR-2026-7",
        "registered_on": "2026-03-02",
        "service_language": None,
    }


def test_followups_are_paged_and_counted_in_sql(store_url):
    light = _light(store_url)
    for number in range(5):
        referrals.plan_step(
            light,
            f"POR-2026-{number:02d}",
            "challenging-position",
            "work-ability-coordinator",
            on=dt.date(2026, 3, 2 + number),
            due_on=dt.date(2026, 3, 10 + number),
            registered_on=dt.date(2026, 3, 1),
        )
    data = referrals.followups(light, today=dt.date(2026, 3, 13), limit=2)
    assert data["counts"] == {"overdue": 3, "due_this_week": 2, "open": 5, "cases": 5, "deadlines": 0}
    assert [row["due_on"] for row in data["overdue"]] == ["2026-03-10", "2026-03-11"]
    assert len(data["open"]) == len(data["cases"]) == 2
    assert data == referrals.followups(Store.open(store_url), today=dt.date(2026, 3, 13), limit=2)


def test_the_targets_count_cases_once_and_only_those_with_a_registration_date(store_url, monkeypatch):
    light = _light(store_url)
    pathway = "challenging-position"
    step = "work-ability-coordinator"
    on, due = dt.date(2026, 3, 2), dt.date(2026, 4, 1)
    monkeypatch.setenv("TE_NAVIGATOR_STAFF", "anna")
    for case, step_id in (("POR-2026-01", step), ("POR-2026-01", "work-capacity-assessment"), ("POR-2026-02", step)):
        # two open referrals of one case
        referrals.plan_step(light, case, pathway, step_id, on=on, due_on=due, registered_on=dt.date(2026, 3, 1))
    referrals.plan_step(light, "LOV-2026-03", pathway, step, on=on, due_on=due)  # no registration date: no target
    done = referrals.plan_step(light, "PUK-2026-04", pathway, step, on=on, due_on=due, registered_on=on)
    referrals.change_status(light, done["id"], "cancelled", dt.date(2026, 3, 3))  # nothing open
    monkeypatch.setenv("TE_NAVIGATOR_STAFF", "bo")
    referrals.plan_step(light, "POR-2026-05", pathway, step, on=on, due_on=due, registered_on=dt.date(2026, 3, 1))
    team = referrals.followups(light, today=dt.date(2026, 3, 13))
    assert team["counts"]["cases"] == 3 == len(team["cases"])
    assert referrals.followups(light, today=dt.date(2026, 3, 13), staff="anna")["counts"]["cases"] == 2


def test_working_days_counted_match_working_days_walked():
    random.seed(13)
    for _ in range(300):
        start = dt.date(2025, 1, 1) + dt.timedelta(days=random.randint(0, 800))
        end = start + dt.timedelta(days=random.randint(-120, 400))
        low, high = min(start, end), max(start, end)
        walked = sum(1 for offset in range(1, (high - low).days + 1) if is_working_day(low + dt.timedelta(offset)))
        assert working_days_between(start, end) == (walked if end >= start else -walked)


DOCUMENT_READS = ("checklists", "rules", "deadlines", "dated_facts", "pathways", "practice_cases")


def test_store_and_cache_give_equal_document_models(store_url):
    from te_navigator.models.entities import Checklist, Deadline, Pathway, PracticeCase

    store = Store.open(store_url)
    light = _light(store_url)
    for read in DOCUMENT_READS:
        from_store, from_cache = getattr(store, read)(), getattr(light, read)()
        assert from_store and from_store == from_cache, read
    assert isinstance(light.checklist("tier3-jobseeker"), Checklist)
    assert light.checklist("tier3-jobseeker") == store.checklist("tier3-jobseeker")
    assert isinstance(light.pathway("youth"), Pathway) and light.pathway("youth") == store.pathway("youth")
    case = light.practice_case("youth-without-qualification")
    assert isinstance(case, PracticeCase) and case == store.practice_case("youth-without-qualification")
    assert all(isinstance(d, Deadline) for d in light.deadlines())
    assert light.checklist("no-such") is None and light.pathway("no-such") is None


def test_the_export_keeps_each_document_as_stored(store_url):
    """export() dumps the models (model_dump) with only the fields seed/ wrote: the cache, the snapshot and
    `catalogue export --json` keep the shape they had when the documents travelled as dictionaries."""
    store = Store.open(store_url)
    export = store.export()
    for kind, key in (
        ("checklist", "checklists"),
        ("rule", "rules"),
        ("deadline", "deadlines"),
        ("dated_fact", "dated_facts"),
        ("pathway", "pathways"),
    ):
        assert export[key] == store.document_bodies(kind), kind
    cases = [{k: v for k, v in case.items() if k != "model_deadlines"} for case in export["practice_cases"]]
    assert cases == store.document_bodies("practice_case")
    assert all(isinstance(case["model_deadlines"], list) for case in export["practice_cases"])


def test_naming_reads_agree_with_the_models_and_need_no_pydantic(store_url):
    import json
    import subprocess
    import sys

    store = Store.open(store_url)
    light = _light(store_url)
    pathways = store.pathways()
    assert light.step_names() == {(p.id, s.id): s.name.model_dump() for p in pathways for s in p.steps}
    for pathway in pathways:
        for step in pathway.steps:
            outline = light.step_outline(pathway.id, step.id)
            assert outline is not None and outline == store.step_outline(pathway.id, step.id)
            assert (outline.partner, outline.due_working_days) == (step.partner, step.due_working_days)
    assert light.step_outline("youth", "no-such") is None and light.step_outline("no-such", "x") is None
    labels = light.deadline_labels()
    assert labels == store.deadline_labels()
    for deadline in store.deadlines():
        label = labels[(deadline.template, deadline.id, deadline.valid_from.isoformat())]
        assert (label.name, label.legal_source) == (deadline.name.model_dump(), deadline.legal_source)
    # What `pathways list`, `refer` and `followups` read, in a fresh process: pydantic stays unimported.
    script = (
        "import json, sys\n"
        "from te_navigator.models.light_store import open_light\n"
        f"light = open_light({store_url!r})\n"
        "found = [len(light.names()['pathway']), len(light.step_names()), len(light.deadline_labels()),\n"
        "         light.step_outline('youth', 'youth-services') is not None]\n"
        "print(json.dumps({'found': found, 'pydantic': 'pydantic' in sys.modules}))\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    result = json.loads(ran.stdout)
    assert result["pydantic"] is False and all(result["found"])
