"""The deadlines of saved assessments still under way (the initial interview among them), for the follow-up list.

One query reads the latest answers of every unfinished assessment of a checklist that has timings; the deadlines
are then worked out from those answers exactly as the checklist screen does (rules.deadlines), so the two never
disagree.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from te_navigator.models import rules


def assessment_deadlines(store: Any, today: dt.date | None = None) -> list[dict]:
    """[{case_reference, assessment_id, template, id, name, due, days_left, legal_source}] by due date.

    Only unfinished assessments count: a finished one has had its interview and its deadlines are no longer
    followed here. Plain SQL (store.sql), so that the light store of the command line serves it too."""
    today = today or dt.date.today()
    timings = store.timings()
    templates = sorted({timing["template"] for timing in timings})
    if not templates:
        return []
    names = {f"t{index}": template for index, template in enumerate(templates)}
    with store.sql() as db:
        rows = db.rows(
            "SELECT a.id, a.template_id, a.area, c.reference, v.answers FROM assessment a"
            " JOIN assessment_version v ON v.assessment_id = a.id AND v.version = a.latest_version"
            " LEFT JOIN case_record c ON c.id = a.case_id"
            f" WHERE a.finished = :finished AND a.template_id IN ({', '.join(':' + name for name in names)})",
            finished=False, **names)
    found = []
    for row in rows:
        answers = json.loads(row["answers"]) if isinstance(row["answers"], str) else row["answers"] or {}
        for deadline in rules.deadlines(row["template_id"], answers, timings, on=today):
            due = dt.date.fromisoformat(deadline["due"])
            found.append({
                "case_reference": row["reference"] or row["area"], "assessment_id": row["id"],
                "template": row["template_id"], "id": deadline["id"], "name": deadline["name"],
                "due": deadline["due"], "days_left": (due - today).days, "legal_source": deadline["legal_source"],
            })
    return sorted(found, key=lambda d: (d["due"], d["case_reference"] or ""))
