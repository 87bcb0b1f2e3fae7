"""The deadlines of saved assessments still under way (the initial interview among them), for the follow-up list.

They are worked out once and kept in `assessment_deadline` (one row per deadline of each unfinished assessment's
latest version): when an assessment is saved, when a sync brings new versions, when the timings in the
catalogue change (a new seed/ or the office's catalogue), and by migration 0009 for the assessments saved
before. The follow-up list then reads one page of them in due-date order and counts them in SQL, so its time
does not grow with the assessments. The dates come from rules.deadlines, exactly as the checklist screen
works them out, so the two never disagree; the derived facts a timing's conditions may test are taken as on
the day the version was saved.

Plain SQL (models/sql.py) over any connection a store has: the ORM's transaction, the light store's sqlite3,
a migration's or a sync's connection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from te_navigator.models import rules
from te_navigator.models.sql import Sql, as_date, as_json

if TYPE_CHECKING:
    from te_navigator.models.catalogue_reads import DeadlineLabel
    from te_navigator.models.entities import Deadline

CHUNK = 500  # ids per IN (…): well below SQLite's limit on bound parameters
INSERT = (
    "INSERT INTO assessment_deadline (assessment_id, deadline_id, valid_from, due_on, estimated, position)"
    " VALUES (:assessment_id, :deadline_id, :valid_from, :due_on, :estimated, :position)"
)


def stored_timings(db: Sql) -> list[dict]:
    """The deadlines of the catalogue the store holds as stored JSON, in their seed/ order: compared before and
    after a reload or a sync, which need not validate them when nothing changed."""
    rows = db.rows("SELECT body FROM catalogue_document WHERE kind = :kind ORDER BY position", kind="deadline")
    return [as_json(row["body"]) for row in rows]


def stored_deadlines(db: Sql) -> list[Deadline]:
    """The deadlines of the catalogue the store holds, as models (as store.deadlines() reads them).

    A migration may run this on a catalogue an older version stored; a row today's model refuses is left out,
    since the reload that follows every migration stores today's catalogue and then works them all out again."""
    from pydantic import ValidationError

    from te_navigator.models.entities import Deadline

    found = []
    for body in stored_timings(db):
        try:
            found.append(Deadline.model_validate(body))
        except ValidationError:
            continue
    return found


def store_deadlines(db: Sql, assessment_ids: Iterable[int] | None = None, timings: list[Deadline] | None = None) -> int:
    """Works out again and stores the deadlines of these assessments (None: of all), inside the caller's
    transaction; returns how many deadlines are stored for them now."""
    timings = stored_deadlines(db) if timings is None else timings
    if assessment_ids is None:
        db.execute("DELETE FROM assessment_deadline")
        return _store(db, timings, "")
    ids = sorted(set(assessment_ids))
    stored = 0
    for start in range(0, len(ids), CHUNK):
        names = {f"a{index}": value for index, value in enumerate(ids[start : start + CHUNK])}
        among = f"IN ({', '.join(':' + name for name in names)})"
        db.execute(f"DELETE FROM assessment_deadline WHERE assessment_id {among}", **names)
        stored += _store(db, timings, f" AND a.id {among}", **names)
    return stored


def _store(db: Sql, timings: list[Deadline], among: str, **params: Any) -> int:
    templates = sorted({timing.template for timing in timings})
    if not templates:
        return 0
    names = {f"t{index}": template for index, template in enumerate(templates)}
    rows = db.rows(
        "SELECT a.id, a.template_id, v.answers, v.saved_at FROM assessment a"
        " JOIN assessment_version v ON v.assessment_id = a.id AND v.version = a.latest_version"
        f" WHERE a.finished = :finished AND a.template_id IN ({', '.join(':' + name for name in names)}){among}",
        finished=False,
        **names,
        **params,
    )
    found = []
    for row in rows:
        answers = as_json(row["answers"]) or {}
        for position, deadline in enumerate(
            rules.deadlines(row["template_id"], answers, timings, on=_day(row["saved_at"]), explained=False)
        ):
            found.append(
                {
                    "assessment_id": row["id"],
                    "deadline_id": deadline["id"],
                    "valid_from": dt.date.fromisoformat(deadline["valid_from"]),
                    "due_on": dt.date.fromisoformat(deadline["due"]),
                    "estimated": deadline["estimated"],
                    "position": position,
                }
            )
    db.execute_many(INSERT, found)
    return len(found)


def refresh_when_timings_changed(db: Sql, before: list[dict]) -> bool:
    """After the catalogue was replaced: all deadlines worked out again if its timings differ from `before`."""
    if stored_timings(db) == before:
        return False
    store_deadlines(db)
    return True


def deadline_page(
    db: Sql, labels: dict[tuple[str, str, str], DeadlineLabel], today: dt.date, limit: int | None
) -> tuple[list[dict], int]:
    """The first `limit` deadlines (None: all) by due date, then case, and how many there are in all:
    [{case_reference, assessment_id, template, id, name, due, days_left, estimated, legal_source}].

    `labels` (the reader's `deadline_labels()`) name each stored deadline's version without validating the
    catalogue: the follow-up list is a benchmarked command."""
    page, params = "", {}
    if limit is not None:
        # Only the deadlines due by the page's last due date (read off the due-date index) are joined and sorted
        # by case: a page costs the same however many deadlines there are.
        page = (
            " WHERE d.due_on <= COALESCE((SELECT due_on FROM assessment_deadline ORDER BY due_on"
            f" LIMIT 1 OFFSET {max(int(limit) - 1, 0)}), :no_end)"
        )
        params = {"no_end": dt.date.max}
    rows = db.rows(
        "SELECT d.assessment_id, a.template_id, COALESCE(c.reference, a.area) AS case_reference, d.deadline_id,"
        " d.valid_from, d.due_on, d.estimated FROM assessment_deadline d"
        " JOIN assessment a ON a.id = d.assessment_id LEFT JOIN case_record c ON c.id = a.case_id"
        + page
        + " ORDER BY d.due_on, COALESCE(c.reference, a.area, ''), d.assessment_id, d.position"
        + ("" if limit is None else f" LIMIT {int(limit)}"),
        **params,
    )
    counted = db.one("SELECT COUNT(*) AS n FROM assessment_deadline")
    found = []
    for row in rows:
        due = as_date(row["due_on"])
        assert due is not None
        label = labels.get((row["template_id"], row["deadline_id"], _iso(row["valid_from"])))
        found.append(
            {
                "case_reference": row["case_reference"],
                "assessment_id": row["assessment_id"],
                "template": row["template_id"],
                "id": row["deadline_id"],
                "name": label.name if label else {"fi": row["deadline_id"], "sv": row["deadline_id"]},
                "due": due.isoformat(),
                "days_left": (due - today).days,
                "estimated": bool(row["estimated"]),
                "legal_source": label.legal_source if label else "",
            }
        )
    return found, int(counted["n"]) if counted else 0


def _day(value: Any) -> dt.date:
    """A saved_at as read back (a datetime, or its text on SQLite) as a day."""
    if isinstance(value, dt.datetime):
        return value.date()
    day = as_date(value)
    assert day is not None
    return day


def _iso(value: Any) -> str:
    day = as_date(value)
    return day.isoformat() if day else ""
