"""Answers → suggested services, service lines, models and pathways, each with its reasons; and deadlines.

The rules and the timings are data (seed/rules.toml, seed/deadlines.toml); nothing here knows a rule.
"""

from __future__ import annotations

import datetime as dt

from te_navigator.models.workdays import add_months, add_working_days


def condition_holds(condition: dict, answers: dict) -> bool:
    value = answers.get(condition["item"])
    op = condition["op"]
    if op == "answered":
        return value is not None
    if value is None:
        return False
    expected = condition.get("value")
    try:
        if op == "=":
            return value == expected
        if op == "!=":
            return value != expected
        if op == "in":
            return expected is not None and value in expected
        return {"<": value < expected, "<=": value <= expected, ">": value > expected,
                ">=": value >= expected}[op]
    except TypeError:  # a rule comparing a value of another type never holds
        return False


def suggestions(template_id: str, answers: dict, rules: list[dict], names: dict) -> list[dict]:
    """[{kind, id, name: {fi, sv}, reasons: [{fi, sv}]}] in rule order; `names` maps kind → id → {fi, sv}."""
    found: dict[tuple[str, str], dict] = {}
    for rule in rules:
        if rule["template"] != template_id or not all(condition_holds(c, answers) for c in rule["when"]):
            continue
        for target in rule["suggest"]:
            key = (target["kind"], target["id"])
            if key not in found:
                name = names.get(target["kind"], {}).get(target["id"], {"fi": target["id"], "sv": target["id"]})
                found[key] = {"kind": target["kind"], "id": target["id"], "name": name, "reasons": []}
            if rule["reason"] not in found[key]["reasons"]:
                found[key]["reasons"].append(rule["reason"])
    return list(found.values())


def applicable(versions: list[dict], start: dt.date) -> dict | None:
    """The version of a timing in force on `start`."""
    for version in sorted(versions, key=lambda v: _date(v["valid_from"]), reverse=True):
        valid_to = version.get("valid_to")
        if _date(version["valid_from"]) <= start and (valid_to is None or start <= _date(valid_to)):
            return version
    return None


def deadlines(template_id: str, answers: dict, timings: list[dict]) -> list[dict]:
    """[{id, name, due, legal_source, note}] for the timings of this template whose start date is answered."""
    by_id: dict[str, list[dict]] = {}
    for timing in timings:
        if timing["template"] == template_id:
            by_id.setdefault(timing["id"], []).append(timing)
    result = []
    for deadline_id, versions in by_id.items():
        start_value = answers.get(versions[0]["from_item"])
        if not start_value:
            continue
        start = _date(start_value)
        version = applicable(versions, start)
        if version is None:
            continue
        if "working_days" in version:
            due = add_working_days(start, version["working_days"])
        else:
            due = add_months(start, version["months"])
        result.append({"id": deadline_id, "name": version["name"], "due": due.isoformat(), "start": start.isoformat(),
                       "legal_source": version["legal_source"], "note": version.get("note"),
                       "valid_from": _date(version["valid_from"]).isoformat()})
    return result


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
