"""A trainee's answer to a practice case beside the model answer: the differences, why, and the score.

Scoring (shown to the trainee as points out of the maximum):
- checklist answers: 1 point for each item the model answers (free-text items aside) that the trainee answered
  the same way;
- services: 10 × F1 of the trainee's services against the model's, rounded (F1 = 2·found / (2·found + missed +
  extra): finding every model service and picking nothing else gives 10; precision and recall are shown);
- pathway: 5 points when it is the model's;
- deadlines: 1 point for each deadline of the model whose due date the trainee's answers give too (both computed
  by the real deadline rules).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from te_navigator.models.practice_cases import model_deadlines

if TYPE_CHECKING:
    from te_navigator.models.entities import Bitext, Checklist, Deadline, PracticeCase

SERVICE_POINTS = 10
PATHWAY_POINTS = 5
UNSCORED_TYPES = ("text",)  # notes are free text: nothing to compare


def compare(
    case: PracticeCase,
    template: Checklist,
    timings: list[Deadline],
    answers: dict,
    services: list[str],
    pathway: str | None,
) -> dict:
    """The comparison the trainee sees and the practice store keeps; plain data (JSON), texts as {fi, sv}."""
    why = case.why
    answer_rows = _answers(case, template, answers, why.answers or {})
    found = [s for s in case.services if s in services]
    missed = [s for s in case.services if s not in services]
    extra = [s for s in services if s not in case.services]
    deadline_rows = _deadlines(case, template, timings, answers)
    service_points = _service_points(len(found), len(missed), len(extra))
    parts = {
        "answers": [sum(row["match"] for row in answer_rows), len(answer_rows)],
        "services": [service_points, SERVICE_POINTS],
        "pathway": [PATHWAY_POINTS if pathway == case.pathway else 0, PATHWAY_POINTS],
        "deadlines": [sum(row["match"] for row in deadline_rows), len(deadline_rows)],
    }
    total = [sum(points for points, _most in parts.values()), sum(most for _points, most in parts.values())]
    return {
        "case": case.id,
        "answers": answer_rows,
        "services": {
            "found": found,
            "missed": missed,
            "extra": extra,
            "precision": len(found) / (len(found) + len(extra)) if found or extra else 1.0,
            "recall": len(found) / len(case.services) if case.services else 1.0,
            "why": {s: why.services[s].model_dump() for s in found + missed},
            "why_not": {s: _text(why.not_chosen, s) for s in extra},
        },
        "pathway": {
            "yours": pathway,
            "model": case.pathway,
            "match": pathway == case.pathway,
            "why": why.pathway.model_dump(),
        },
        "deadlines": deadline_rows,
        "summary": why.summary.model_dump(),
        "score": {"parts": parts, "points": total[0], "max": total[1]},
        "differences": differences(answer_rows, missed, extra, pathway, case.pathway, deadline_rows),
    }


def _text(texts: dict[str, Bitext] | None, key: str) -> dict | None:
    """An explanation as the practice store keeps it ({fi, sv}), or None where there is none."""
    found = (texts or {}).get(key)
    return found.model_dump() if found is not None else None


def _answers(case: PracticeCase, template: Checklist, answers: dict, why: dict[str, Bitext]) -> list[dict]:
    """One row per scored item; the item's label and choices are kept with it (the practice store keeps the
    attempt as it was, whatever the checklist becomes)."""
    rows = []
    for item in template.items:
        model = case.answers.get(item.id)
        if model is None or item.type in UNSCORED_TYPES:
            continue
        yours = answers.get(item.id)
        rows.append(
            {
                "item": item.id,
                "label": item.label.model_dump(),
                "type": item.type,
                "choices": [choice.model_dump() for choice in item.choices] if item.choices is not None else None,
                "choices_from": item.choices_from,
                "yours": yours,
                "model": _stored(model),
                "match": yours == _stored(model),
                "why": _text(why, item.id),
            }
        )
    return rows


def _stored(value):
    """A model answer as the checklist stores answers (dates as YYYY-MM-DD)."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def _deadlines(case: PracticeCase, template: Checklist, timings: list[Deadline], answers: dict) -> list[dict]:
    model = model_deadlines(case, template, timings)
    yours = {d["id"]: d["due"] for d in model_deadlines(case, template, timings, answers=answers)}
    return [
        {
            "id": d["id"],
            "name": d["name"],
            "model": d["due"],
            "yours": yours.get(d["id"]),
            "match": yours.get(d["id"]) == d["due"],
        }
        for d in model
    ]


def _service_points(found: int, missed: int, extra: int) -> int:
    if not (found or missed or extra):
        return SERVICE_POINTS
    return round(SERVICE_POINTS * 2 * found / (2 * found + missed + extra))


def differences(
    answer_rows: list[dict],
    missed: list[str],
    extra: list[str],
    pathway: str | None,
    model_pathway: str,
    deadline_rows: list[dict],
) -> list[str]:
    """Each difference as a short key a trainer's summary counts: answer:ITEM, missed:SERVICE, extra:SERVICE,
    pathway:CHOSEN (or pathway:- when none was chosen), deadline:ID."""
    keys = [f"answer:{row['item']}" for row in answer_rows if not row["match"]]
    keys += [f"missed:{service}" for service in missed] + [f"extra:{service}" for service in extra]
    if pathway != model_pathway:
        keys.append(f"pathway:{pathway or '-'}")
    keys += [f"deadline:{row['id']}" for row in deadline_rows if not row["match"]]
    return keys
