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
    pathway = light.pathway("challenging-position")
    planned = referrals.plan_step(
        light,
        "POR-2026-7",
        pathway,
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
    pathway = light.pathway("challenging-position")
    for number in range(5):
        referrals.plan_step(
            light,
            f"POR-2026-{number:02d}",
            pathway,
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
    pathway = light.pathway("challenging-position")
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
