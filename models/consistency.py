"""Checks across entries that field types alone cannot express: checklist items, rules, deadlines, pathways.

Each problem is (kind, entry id, field, message); the loader adds the file and line.
"""

from __future__ import annotations

from itertools import pairwise

from te_navigator.models.i18n import _
from te_navigator.models.vocabulary import NOT_STATED, STATED_FACTS

Problem = tuple[str, str, str, str]


def check_consistency(catalogue) -> list[Problem]:
    problems: list[Problem] = []
    templates = catalogue.by_id("checklist")
    for template in templates.values():
        problems += _check_template(template)
    for rule in catalogue.entries["rule"]:
        problems += _check_rule(rule, templates.get(rule["template"]), catalogue)
    for deadline in catalogue.entries["deadline"]:
        problems += _check_deadline(deadline, templates.get(deadline["template"]), catalogue.entries["deadline"])
    for kind in ("rule", "deadline", "dated_fact"):
        problems += _check_dated_rows(kind, catalogue.entries[kind])
    for service in catalogue.entries["service"]:
        problems += _check_service_facts(service)
    for model in catalogue.entries["model"]:
        if model.get("superseded_by") == model["id"]:
            problems.append(("model", model["id"], "superseded_by", _("a model cannot supersede itself")))
    for pathway in catalogue.entries["pathway"]:
        problems += [("pathway", pathway["id"], field, message) for field, message in pathway_problems(pathway)]
    if not problems:  # practice cases are held to the checklists, rules and deadlines only once those hold
        from te_navigator.models.practice_cases import practice_problems

        problems += practice_problems(catalogue)
    return problems


def _check_service_facts(service: dict) -> list[Problem]:
    """Stated facts must say where they were checked; a source with nothing stated is a sign of a slip."""
    facts = service.get("facts")
    if facts is None:
        return []
    stated = [name for name in STATED_FACTS if facts.get(name, NOT_STATED) != NOT_STATED]
    if stated and not facts.get("source"):
        return [
            (
                "service",
                service["id"],
                "facts.source",
                _("stated facts ({fields}) need a source").format(fields=", ".join(stated)),
            )
        ]
    return []


def _check_template(template: dict) -> list[Problem]:
    problems, seen = [], set()
    for item in template["items"]:
        where = f"items[{item['id']}]"
        if item["id"] in seen:
            problems.append(("checklist", template["id"], where, _("duplicate item id")))
        seen.add(item["id"])
        has_choices = "choices" in item or "choices_from" in item
        if item["type"] == "choice" and not has_choices:
            problems.append(("checklist", template["id"], where, _("a choice item needs choices or choices_from")))
        if item["type"] != "choice" and has_choices:
            problems.append(("checklist", template["id"], where, _("only a choice item has choices")))
        if item.get("min") is not None and item.get("max") is not None and item["min"] > item["max"]:
            problems.append(("checklist", template["id"], where, _("min is greater than max")))
    return problems


def _check_rule(rule: dict, template: dict | None, catalogue) -> list[Problem]:
    if template is None:
        return []  # reported as an unknown reference already
    problems = _check_conditions("rule", rule["id"], rule["when"], template)
    known = {
        "service": catalogue.by_id("service"),
        "service_line": catalogue.by_id("service_line"),
        "model": catalogue.by_id("model"),
        "pathway": catalogue.by_id("pathway"),
    }
    for suggestion in rule["suggest"]:
        target = known[suggestion["kind"]].get(suggestion["id"])
        if target is not None and target.get("status") in ("superseded", "abolished"):
            problems.append(
                (
                    "rule",
                    rule["id"],
                    "suggest",
                    _("{value!r} is no longer in force and cannot be suggested").format(value=suggestion["id"]),
                )
            )
        if suggestion["id"] not in known[suggestion["kind"]]:
            problems.append(
                (
                    "rule",
                    rule["id"],
                    "suggest",
                    _("unknown {kind} id {value!r}").format(
                        kind=suggestion["kind"].replace("_", " "), value=suggestion["id"]
                    ),
                )
            )
    return problems


def _check_conditions(kind: str, entry_id: str, conditions: list[dict], template: dict) -> list[Problem]:
    from te_navigator.models.rules import DERIVED

    items = {item["id"] for item in template["items"]} | set(DERIVED)
    problems = []
    for condition in conditions:
        if condition["item"] not in items:
            problems.append(
                (
                    kind,
                    entry_id,
                    "when",
                    _("unknown item {value!r} in template {template}").format(
                        value=condition["item"], template=template["id"]
                    ),
                )
            )
        elif condition["op"] not in ("answered", "unanswered") and "value" not in condition:
            problems.append(
                (kind, entry_id, "when", _("condition on {item} has no value").format(item=condition["item"]))
            )
    return problems


def _check_deadline(deadline: dict, template: dict | None, all_deadlines: list[dict]) -> list[Problem]:
    from te_navigator.models.vocabulary import DEADLINE_UNITS

    problems = []
    if sum(unit in deadline for unit in DEADLINE_UNITS) != 1:
        problems.append(
            (
                "deadline",
                deadline["id"],
                "working_days",
                _("give exactly one of {units}").format(units=", ".join(DEADLINE_UNITS)),
            )
        )
    if deadline.get("valid_to") is not None and deadline["valid_to"] < deadline["valid_from"]:
        problems.append(("deadline", deadline["id"], "valid_to", _("valid_to is before valid_from")))
    if deadline.get("from_deadline"):
        earlier = {
            d["id"] for d in all_deadlines[: all_deadlines.index(deadline)] if d["template"] == deadline["template"]
        }
        if deadline["from_deadline"] not in earlier:
            problems.append(
                (
                    "deadline",
                    deadline["id"],
                    "from_deadline",
                    _("{value!r} is not a deadline of the same checklist defined above this one").format(
                        value=deadline["from_deadline"]
                    ),
                )
            )
    if template is not None:
        for field in ("from_item", "chosen_by"):
            if field not in deadline:
                continue
            item = next((i for i in template["items"] if i["id"] == deadline[field]), None)
            if item is None or item["type"] != "date":
                problems.append(
                    (
                        "deadline",
                        deadline["id"],
                        field,
                        _("{value!r} is not a date item of {template}").format(
                            value=deadline[field], template=template["id"]
                        ),
                    )
                )
        problems += _check_conditions("deadline", deadline["id"], deadline.get("when", []), template)
    return problems


def _check_dated_rows(kind: str, rows: list[dict]) -> list[Problem]:
    """valid_to not before valid_from, and no two rows of one id in force on the same day."""
    problems = []
    by_id: dict[str, list[dict]] = {}
    for row in rows:
        if row.get("valid_to") and row["valid_to"] < row["valid_from"]:
            problems.append((kind, row["id"], "valid_to", _("valid_to is before valid_from")))
        by_id.setdefault(row["id"], []).append(row)
    for row_id, versions in by_id.items():
        ordered = sorted(versions, key=lambda row: row["valid_from"])
        for before, after in pairwise(ordered):
            if before.get("valid_to") is None or before["valid_to"] >= after["valid_from"]:
                problems.append(
                    (
                        kind,
                        row_id,
                        "valid_to",
                        _(
                            "the row valid from {before} is still in force when the row valid from {after} starts"
                        ).format(before=before["valid_from"].isoformat(), after=after["valid_from"].isoformat()),
                    )
                )
    return problems


def pathway_problems(pathway: dict) -> list[tuple[str, str]]:
    """(field, message) for a pathway whose steps do not form a walkable graph."""
    steps = {}
    problems = []
    for step in pathway["steps"]:
        where = f"steps[{step['id']}]"
        if step["id"] in steps:
            problems.append((where, _("duplicate step id")))
        steps[step["id"]] = step
        if ("service" in step) == ("partner" in step):
            problems.append((where, _("a step uses exactly one service or one partner")))
        if step["exit"] and step["next"]:
            problems.append((where, _("an exit step has no next steps")))
        if not step["exit"] and not step["next"]:
            problems.append((where, _("dead end: the step is not an exit and has no next step")))
        for target in step["next"]:
            if target not in steps and target not in {s["id"] for s in pathway["steps"]}:
                problems.append((where, _("next step {value!r} does not exist").format(value=target)))
    if pathway["start"] not in steps:
        return [*problems, ("start", _("the start step {value!r} does not exist").format(value=pathway["start"]))]
    if problems:
        return problems
    reachable = _reachable(pathway["start"], steps)
    for step_id in steps:
        if step_id not in reachable:
            problems.append((f"steps[{step_id}]", _("the step cannot be reached from the start")))
    leads_out = _steps_reaching_an_exit(steps)
    for step_id in steps:
        if step_id not in leads_out:
            problems.append((f"steps[{step_id}]", _("no way out: from this step no path reaches an exit (a cycle?)")))
    return problems


def _reachable(start: str, steps: dict) -> set[str]:
    seen, stack = set(), [start]
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(steps[current]["next"])
    return seen


def _steps_reaching_an_exit(steps: dict) -> set[str]:
    good = {step_id for step_id, step in steps.items() if step["exit"]}
    changed = True
    while changed:
        changed = False
        for step_id, step in steps.items():
            if step_id not in good and any(target in good for target in step["next"]):
                good.add(step_id)
                changed = True
    return good
