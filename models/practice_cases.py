"""Practice cases (seed/practice/): made-up customers with the model answer an experienced caseworker would give.

The model answer is held to the real catalogue: its checklist answers must be ones the real checklist accepts on
the case's day, its deadlines are the ones the real deadline rules compute from those answers (the due dates are
never written by hand), and its explanations name only what the answer holds. Together the cases must cover every
service line (through their services) and every pathway, so that a trainee meets all of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from te_navigator.models.i18n import _

if TYPE_CHECKING:
    from te_navigator.models.entities import Checklist, Deadline, PracticeCase

Problem = tuple[str, str, str, str]  # kind, entry id, field, message (as in models/consistency)

JOBSEEKER_AUDIENCES = {"jobseeker", "entrepreneur"}
EMPLOYER_AUDIENCES = {"employer", "entrepreneur"}


def practice_problems(catalogue) -> list[Problem]:
    """Run by the loader once every entry is valid, so each has its model (`catalogue.typed`)."""
    cases: list[PracticeCase] = catalogue.typed("practice_case")
    if not cases:
        return []  # a catalogue without practice cases (a trainer's own folder) is still a catalogue
    problems: list[Problem] = []
    for case in cases:
        problems += [("practice_case", case.id, field, message) for field, message in case_problems(case, catalogue)]
    return problems + coverage_problems(catalogue)


def case_problems(case: PracticeCase, catalogue) -> list[tuple[str, str]]:
    template = next((t for t in catalogue.typed("checklist") if t.id == case.checklist), None)
    if template is None:
        return []  # an unknown checklist is reported as a reference already
    if template.subject != "case":
        return [
            (
                "checklist",
                _("{value!r} is an area review; a practice case needs a checklist of one customer").format(
                    value=case.checklist
                ),
            )
        ]
    problems = _answer_problems(case, template, catalogue)
    problems += _service_problems(case, catalogue)
    problems += _pathway_problems(case, template, catalogue)
    if not problems:
        problems += _deadline_problems(case, template, catalogue.typed("deadline"))
    problems += _why_problems(case, template)
    return problems


def _answer_problems(case: PracticeCase, template: Checklist, catalogue) -> list[tuple[str, str]]:
    from te_navigator.models.answers import check_answers

    municipality_ids = [m["id"] for m in catalogue.entries["municipality"]]
    _clean, problems = check_answers(template, case.answers, municipality_ids, today=case.assessed_on)
    found = [(f"answers.{p.item}", p.message) for p in problems]
    language = case.answers.get("service_language")
    if language in ("fi", "sv") and language != case.customer_language:
        found.append(
            (
                "answers.service_language",
                _("the service language {value!r} is not the case's customer_language {language!r}").format(
                    value=language, language=case.customer_language
                ),
            )
        )
    return found


def _service_problems(case: PracticeCase, catalogue) -> list[tuple[str, str]]:
    services = catalogue.by_id("service")
    problems = []
    if not case.services:
        problems.append(("services", _("a model answer names at least one service")))
    for service_id in case.services:
        service = services.get(service_id)
        if service is not None and service.get("status") == "abolished":
            problems.append(
                ("services", _("{value!r} is abolished and cannot be in a model answer").format(value=service_id))
            )
    return problems


def _pathway_problems(case: PracticeCase, template: Checklist, catalogue) -> list[tuple[str, str]]:
    pathway = next((p for p in catalogue.typed("pathway") if p.id == case.pathway), None)
    if pathway is None:
        return []
    fits = EMPLOYER_AUDIENCES if _is_employer(template) else JOBSEEKER_AUDIENCES
    if not fits & set(pathway.audience):
        return [
            (
                "pathway",
                _("the pathway {value!r} is not for this kind of customer ({audience})").format(
                    value=case.pathway, audience=", ".join(pathway.audience)
                ),
            )
        ]
    return []


def _is_employer(template: Checklist) -> bool:
    return any(item.id == "recruitment_need" for item in template.items)


def _deadline_problems(case: PracticeCase, template: Checklist, timings: list[Deadline]) -> list[tuple[str, str]]:
    computed = [d["id"] for d in model_deadlines(case, template, timings)]
    if sorted(case.deadlines) != sorted(computed):
        return [
            (
                "deadlines",
                _("the deadline rules give {computed} from these answers, the case lists {listed}").format(
                    computed=", ".join(computed) or "–", listed=", ".join(case.deadlines) or "–"
                ),
            )
        ]
    return []


def _why_problems(case: PracticeCase, template: Checklist) -> list[tuple[str, str]]:
    why = case.why
    problems = []
    for service_id in case.services:
        if service_id not in why.services:
            problems.append(
                ("why.services", _("{value!r} is in the model answer but not explained").format(value=service_id))
            )
    for key in why.services:
        if key not in case.services:
            problems.append(("why.services", _("{value!r} is explained but not in the model answer").format(value=key)))
    items = {item.id for item in template.items}
    for key in why.answers or {}:
        if key not in case.answers or key not in items:
            problems.append(("why.answers", _("{value!r} is explained but not answered in the case").format(value=key)))
    for key in why.not_chosen or {}:
        if key in case.services:
            problems.append(("why.not_chosen", _("{value!r} is in the model answer").format(value=key)))
    return problems


def coverage_problems(catalogue) -> list[Problem]:
    """Every service line and every pathway is met in at least one practice case."""
    services = catalogue.by_id("service")
    cases: list[PracticeCase] = catalogue.typed("practice_case")
    lines = {line for case in cases for s in case.services for line in services.get(s, {}).get("service_lines", [])}
    pathways = {case.pathway for case in cases}
    problems: list[Problem] = []
    for line in catalogue.entries["service_line"]:
        if line["id"] not in lines:
            problems.append(
                (
                    "service_line",
                    line["id"],
                    "",
                    _(
                        "no practice case covers this service line (add a case in practice/ whose model answer names one "
                        "of its services)"
                    ),
                )
            )
    for pathway in catalogue.entries["pathway"]:
        if pathway["id"] not in pathways:
            problems.append(
                (
                    "pathway",
                    pathway["id"],
                    "",
                    _("no practice case has this pathway in its model answer (add a case in practice/)"),
                )
            )
    return problems


# --- the model answer's deadlines ------------------------------------------------------------------------------


def model_deadlines(
    case: PracticeCase, template: Checklist | None, timings: list[Deadline], answers: dict | None = None
) -> list[dict]:
    """The deadlines the real rules compute from the model answers (or from `answers`, a trainee's), on the case's
    day."""
    if template is None:
        return []
    from te_navigator.models.answers import check_answers
    from te_navigator.models.rules import deadlines

    day = case.assessed_on
    given = case.answers if answers is None else answers
    clean, _problems = check_answers(template, given, [], today=day)
    return deadlines(template.id, {k: v for k, v in clean.items() if v is not None}, timings, on=day)
