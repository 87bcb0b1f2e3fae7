"""Checks across entries that field types alone cannot express: checklist items, rules, deadlines, pathways.

Each problem is (kind, entry id, field, message); the loader adds the file and line.
"""

from __future__ import annotations

from te_navigator.models.i18n import _

Problem = tuple[str, str, str, str]


def check_consistency(catalogue) -> list[Problem]:
    problems: list[Problem] = []
    templates = catalogue.by_id("checklist")
    for template in templates.values():
        problems += _check_template(template)
    for rule in catalogue.entries["rule"]:
        problems += _check_rule(rule, templates.get(rule["template"]), catalogue)
    for deadline in catalogue.entries["deadline"]:
        problems += _check_deadline(deadline, templates.get(deadline["template"]))
    for pathway in catalogue.entries["pathway"]:
        problems += [("pathway", pathway["id"], field, message) for field, message in pathway_problems(pathway)]
    return problems


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
    items = {item["id"]: item for item in template["items"]}
    problems = []
    for condition in rule["when"]:
        item = items.get(condition["item"])
        if item is None:
            problems.append(("rule", rule["id"], "when", _("unknown item {value!r} in template {template}").format(
                value=condition["item"], template=template["id"])))
        elif condition["op"] != "answered" and "value" not in condition:
            problems.append(("rule", rule["id"], "when", _("condition on {item} has no value").format(
                item=condition["item"])))
    known = {
        "service": catalogue.by_id("service"), "service_line": catalogue.by_id("service_line"),
        "model": catalogue.by_id("model"), "pathway": catalogue.by_id("pathway"),
    }
    for suggestion in rule["suggest"]:
        if suggestion["id"] not in known[suggestion["kind"]]:
            problems.append(("rule", rule["id"], "suggest", _("unknown {kind} id {value!r}").format(
                kind=suggestion["kind"].replace("_", " "), value=suggestion["id"])))
    return problems


def _check_deadline(deadline: dict, template: dict | None) -> list[Problem]:
    problems = []
    if ("working_days" in deadline) == ("months" in deadline):
        problems.append(("deadline", deadline["id"], "working_days", _("give either working_days or months")))
    if template is not None:
        item = next((i for i in template["items"] if i["id"] == deadline["from_item"]), None)
        if item is None or item["type"] != "date":
            problems.append(("deadline", deadline["id"], "from_item", _("{value!r} is not a date item of {template}")
                             .format(value=deadline["from_item"], template=template["id"])))
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
