"""Answers → suggested services, service lines, models and pathways, each with its reasons; and deadlines.

The rules and the timings are data (seed/rules.toml, seed/deadlines.toml); nothing here knows a rule. Every rule
and deadline row is dated (valid_from, optional valid_to): the row in force on the relevant date is applied —
for a rule the day of the assessment, for a deadline the day its `chosen_by` item names (the registration date).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from te_navigator.models import formatting
from te_navigator.models.i18n import gettext_for
from te_navigator.models.workdays import add_months, add_working_days

if TYPE_CHECKING:
    from te_navigator.models.entities import Condition, Deadline, Rule


def _years_in_finland(answers: dict, on: dt.date):
    arrived = answers.get("arrived_in_finland")
    if arrived is None or int(arrived) > on.year:  # a year still to come says nothing of the years here
        return None
    return on.year - int(arrived)


def _days_from_dismissal_to_registration(answers: dict, on: dt.date):
    dismissed = answers.get("dismissed_on")
    if not dismissed:
        return None
    registered = answers.get("registered_on")
    return ((_date(registered) if registered else on) - _date(dismissed)).days


# Values worked out from the answers that rules may test like items: name → (answers, the day) → value or None.
DERIVED = {
    "years_in_finland": _years_in_finland,
    "days_from_dismissal_to_registration": _days_from_dismissal_to_registration,
}


def with_derived(answers: dict, on: dt.date) -> dict:
    return {**answers, **{name: derive(answers, on) for name, derive in DERIVED.items()}}


def condition_holds(condition: Condition, answers: dict) -> bool:
    value = answers.get(condition.item)
    op = condition.op
    if op == "answered":
        return value is not None
    if op == "unanswered":
        return value is None
    if value is None:
        return False
    expected = condition.value
    try:
        if op == "=":
            return value == expected
        if op == "!=":
            return value != expected
        if op == "in":
            return expected is not None and value in expected
        return {"<": value < expected, "<=": value <= expected, ">": value > expected, ">=": value >= expected}[op]
    except TypeError:  # a rule comparing a value of another type never holds
        return False


def in_force(row: Rule | Deadline, on: dt.date) -> bool:
    return row.valid_from <= on and (row.valid_to is None or on <= row.valid_to)


def suggestions(
    template_id: str, answers: dict, rules: list[Rule], names: dict, on: dt.date | None = None
) -> list[dict]:
    """[{kind, id, name: {fi, sv}, reasons: [{fi, sv}]}] in rule order; `names` maps kind → id → {fi, sv}.

    Only the rules in force on `on` (default today) apply; a rule's law is named in its reason."""
    on = on or dt.date.today()
    facts = with_derived(answers, on)
    found: dict[tuple[str, str], dict] = {}
    for rule in rules:
        if rule.template != template_id or not in_force(rule, on):
            continue
        if not all(condition_holds(c, facts) for c in rule.when):
            continue
        reason = _reason(rule)
        for target in rule.suggest:
            key = (target.kind, target.id)
            if key not in found:
                name = names.get(target.kind, {}).get(target.id, {"fi": target.id, "sv": target.id})
                found[key] = {"kind": target.kind, "id": target.id, "name": name, "reasons": []}
            if reason not in found[key]["reasons"]:
                found[key]["reasons"].append(reason)
    return list(found.values())


def _reason(rule: Rule) -> dict:
    if rule.law is None:
        return rule.reason.model_dump()
    return {lang: f"{rule.reason.text(lang)} ({rule.law.text(lang)})" for lang in ("fi", "sv")}


def applicable(versions: list[Deadline], day: dt.date) -> Deadline | None:
    """The version of a deadline in force on `day`."""
    for version in sorted(versions, key=lambda v: v.valid_from, reverse=True):
        if in_force(version, day):
            return version
    return None


def deadlines(
    template_id: str, answers: dict, timings: list[Deadline], on: dt.date | None = None, explained: bool = True
) -> list[dict]:
    """[{id, name, due, start, legal_source, note, customer_text, valid_from, valid_to, estimated, basis}] for this
    checklist's deadlines (texts as {fi, sv}, dates as ISO text: what the screens, the commands and --json show).

    A deadline counts from its `from_item`; when that is unanswered and it names `from_deadline`, from that
    deadline's due date instead (`estimated`, and `basis` says so in both languages — unless not `explained`:
    the store working out thousands of them needs no sentence for each)."""
    facts = with_derived(answers, on or dt.date.today())
    by_id: dict[str, list[Deadline]] = {}
    for timing in timings:
        if timing.template == template_id:
            by_id.setdefault(timing.id, []).append(timing)
    result: list[dict] = []
    for deadline_id, versions in by_id.items():
        found = _deadline(deadline_id, versions, facts, {d["id"]: d for d in result}, explained)
        if found is not None:
            result.append(found)
    return result


def _deadline(
    deadline_id: str, versions: list[Deadline], answers: dict, earlier: dict[str, dict], explained: bool = True
) -> dict | None:
    first = versions[0]
    start_value = answers.get(first.from_item)
    counted_from = None if start_value else earlier.get(first.from_deadline or "")
    if start_value:
        start = _date(start_value)
    elif counted_from is not None:
        start = _date(counted_from["due"])
    else:
        return None
    chooser = answers.get(first.chosen_by or first.from_item)
    version = applicable(versions, _date(chooser) if chooser else start)
    if version is None or not all(condition_holds(c, answers) for c in version.when or []):
        return None
    due = _due(start, version)
    return {
        "id": deadline_id,
        "name": version.name.model_dump(),
        "due": due.isoformat(),
        "start": start.isoformat(),
        "legal_source": version.legal_source,
        "note": version.note.model_dump() if version.note else None,
        "customer_text": version.customer_text.model_dump() if version.customer_text else None,
        "valid_from": version.valid_from.isoformat(),
        "valid_to": version.valid_to.isoformat() if version.valid_to else None,
        "estimated": counted_from is not None,
        "basis": _estimated_basis(counted_from) if counted_from is not None and explained else None,
    }


def _due(start: dt.date, version: Deadline) -> dt.date:
    if version.working_days is not None:
        return add_working_days(start, version.working_days)
    if version.days is not None:
        return start + dt.timedelta(days=version.days)
    if version.weeks is not None:
        return start + dt.timedelta(weeks=version.weeks)
    assert version.months is not None  # consistency: every deadline has exactly one unit
    return add_months(start, version.months)


def _estimated_basis(counted_from: dict) -> dict:
    texts = {}
    for lang in ("fi", "sv"):
        _ = gettext_for(lang)
        texts[lang] = _("Counted from the due date of “{name}” ({date}), as its actual date is not known yet.").format(
            name=counted_from["name"][lang], date=formatting.date(_date(counted_from["due"]), lang)
        )
    return texts


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
