"""Referrals: a case's steps along a pathway, with sensible status changes, due dates and follow-ups.

Plain SQL (models/sql.py) through whichever connection the store has, so the command line records a referral
and lists the follow-ups without importing the ORM; the follow-up list is filtered, sorted, counted and cut to a
page in SQL, so its time does not grow with the referrals that are done, nor with the open ones beyond the page.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from te_navigator.models.case_reference import AssessmentError, check_reference, now
from te_navigator.models.i18n import _
from te_navigator.models.answers import MAX_TEXT, day_problem, text_problem
from te_navigator.models.followup_deadlines import deadline_page
from te_navigator.models.sql import Sql, SqlFailed, as_date, as_json
from te_navigator.models.staff import current_staff
from te_navigator.models.uids import new_uid
from te_navigator.models.workdays import add_months, add_working_days, working_days_between

if TYPE_CHECKING:
    from te_navigator.models.catalogue_reads import StepOutline

STATUSES = ("planned", "referred", "started", "done", "cancelled")
# Which status may follow which: forward along the step, or cancelled while the step is still open.
TRANSITIONS = {
    "planned": ("referred", "started", "cancelled"),
    "referred": ("started", "cancelled"),
    "started": ("done", "cancelled"),
    "done": (),
    "cancelled": (),
}
OPEN_STATUSES = ("planned", "referred", "started")


class ReferralError(AssessmentError):
    """A refused referral or status change; nothing was stored."""


def history_entry(status: str, on: dt.date) -> dict:
    """One status change: what, on which day, when it was recorded and by whom, under its own identity."""
    # Recorded to the microsecond: a sync orders two stores' changes by this, then by staff id.
    recorded_at = dt.datetime.now(dt.UTC).isoformat()
    return {"uid": new_uid(), "status": status, "on": on.isoformat(), "at": recorded_at, "by": current_staff()}


def status_label(status: str) -> str:
    return {
        "planned": _("planned"),
        "referred": _("referred"),
        "started": _("started"),
        "done": _("done"),
        "cancelled": _("cancelled"),
    }[status]


def ensure_case(db: Sql, reference: str, registered_on: dt.date | None) -> dict:
    """The case under this reference ({id, reference, registered_on}), created when new; two savers creating it
    at once get the same one."""
    reference = check_reference(reference)
    db.execute(
        "INSERT INTO case_record (uid, reference, created_at, registered_on)"
        " VALUES (:uid, :reference, :at, :registered) ON CONFLICT (reference) DO NOTHING",
        uid=new_uid(),
        reference=reference,
        at=now(),
        registered=registered_on,
    )
    case = db.one(
        "SELECT id, reference, registered_on FROM case_record WHERE reference = :reference", reference=reference
    )
    assert case is not None
    case["registered_on"] = as_date(case["registered_on"])
    if registered_on and case["registered_on"] is None:
        db.execute(
            "UPDATE case_record SET registered_on = :registered WHERE id = :id", registered=registered_on, id=case["id"]
        )
        case["registered_on"] = registered_on
    return case


def _find_step(store, pathway_id: str, step_id: str) -> StepOutline:
    step = store.step_outline(pathway_id, step_id)
    if step is None:
        raise ReferralError(_("The pathway {pathway} has no step {step}.").format(pathway=pathway_id, step=step_id))
    return step


def _check_note(note: str | None) -> None:
    if note:
        message = text_problem(note, MAX_TEXT)
        if message:
            raise ReferralError(_("Note: ") + message)


def _check_bounds(
    on: dt.date, due_on: dt.date | None = None, registered_on: dt.date | None = None, today: dt.date | None = None
) -> None:
    """Dates within 1900–2100; the registration not after `today`."""
    for what, day, not_future in (
        (_("The date"), on, False),
        (_("The due date"), due_on, False),
        (_("The registration date"), registered_on, True),
    ):
        message = day_problem(day, today, not_future=not_future) if day is not None else None
        if message:
            raise ReferralError(_("{what}: {problem}").format(what=what, problem=message))


def _check_date(case: dict, on: dt.date, what: str) -> None:
    if case["registered_on"] and on < case["registered_on"]:
        raise ReferralError(
            _("{what} {date} is before the case's registration on {registered}.").format(
                what=what, date=on.isoformat(), registered=case["registered_on"].isoformat()
            )
        )


def plan_step(
    store,
    case_reference: str,
    pathway_id: str,
    step_id: str,
    *,
    status: str = "planned",
    on: dt.date | None = None,
    partner_id: str | None = None,
    note: str | None = None,
    registered_on: dt.date | None = None,
    due_on: dt.date | None = None,
    today: dt.date | None = None,
) -> dict:
    """Records a step for a case (planned, or straight away referred or started); returns the referral.

    The due date is `due_on` when given, else the step's typical working days counted from `on`."""
    step = _find_step(store, pathway_id, step_id)
    on = on or dt.date.today()
    if status not in ("planned", "referred", "started"):
        raise ReferralError(
            _("A new referral starts as planned, referred or started, not {status}.").format(
                status=status_label(status) if status in STATUSES else status
            )
        )
    _check_note(note)
    _check_bounds(on=on, due_on=due_on, registered_on=registered_on, today=today)
    try:
        with store.sql(write=True) as db:
            case = ensure_case(db, case_reference, registered_on)
            _check_date(case, on, _("The date"))
            existing = db.one(
                f"SELECT status FROM referral WHERE case_id = :case AND pathway_id = :pathway AND step_id = :step"
                f" AND status IN {OPEN_IN}",
                case=case["id"],
                pathway=pathway_id,
                step=step_id,
            )
            if existing is not None:
                raise ReferralError(
                    _("This step is already {status} for the case; change its status instead.").format(
                        status=status_label(existing["status"])
                    )
                )
            due = due_on or (add_working_days(on, step.due_working_days) if step.due_working_days else None)
            if due is not None and due < on:
                raise ReferralError(
                    _("The due date {due} is before the date {date}.").format(due=due.isoformat(), date=on.isoformat())
                )
            referral_id = db.insert(
                "INSERT INTO referral (uid, case_id, pathway_id, step_id, partner_id, status, planned_on, due_on,"
                " referred_on, started_on, note, history, updated_at, recorded_by, updated_by) VALUES (:uid, :case,"
                " :pathway, :step, :partner, :status, :on, :due, :referred, :started, :note, :history, :at, :by,"
                " :by)",
                uid=new_uid(),
                by=current_staff(),
                case=case["id"],
                pathway=pathway_id,
                step=step_id,
                partner=partner_id or step.partner,
                status=status,
                on=on,
                due=due,
                referred=on if status == "referred" else None,
                started=on if status == "started" else None,
                note=note or None,
                history=[history_entry(status, on)],
                at=now(),
            )
            return _referral(db, referral_id)
    except SqlFailed as error:
        raise ReferralError(_("Saving failed: {reason}. Nothing was changed.").format(reason=error.reason)) from None


def change_status(store, referral_id: int, status: str, on: dt.date | None = None, note: str | None = None) -> dict:
    on = on or dt.date.today()
    _check_note(note)
    _check_bounds(on=on)
    try:
        with store.sql(write=True) as db:
            found = db.one("SELECT status, case_id, history FROM referral WHERE id = :id", id=referral_id)
            if found is None:
                raise ReferralError(_("No referral {id}.").format(id=referral_id))
            current = found["status"]
            if status not in TRANSITIONS.get(current, ()):
                allowed = ", ".join(status_label(s) for s in TRANSITIONS[current]) or _("nothing")
                raise ReferralError(
                    _("A {current} step cannot become {new}; it can become: {allowed}.").format(
                        current=status_label(current),
                        new=status_label(status) if status in STATUSES else status,
                        allowed=allowed,
                    )
                )
            case = db.one("SELECT registered_on FROM case_record WHERE id = :id", id=found["case_id"]) or {}
            _check_date({"registered_on": as_date(case.get("registered_on"))}, on, _("The date"))
            history = as_json(found["history"])
            last = dt.date.fromisoformat(history[-1]["on"])
            if on < last:
                raise ReferralError(
                    _("The date {date} is before the step's previous change on {previous}.").format(
                        date=on.isoformat(), previous=last.isoformat()
                    )
                )
            history = [*history, history_entry(status, on)]
            # status is one of STATUSES (checked above), so the column name is one of five known ones
            db.execute(
                f"UPDATE referral SET status = :status, {status}_on = :on, note = COALESCE(:note, note),"
                " history = :history, updated_at = :at, updated_by = :by WHERE id = :id",
                status=status,
                on=on,
                note=note or None,
                history=history,
                at=now(),
                by=current_staff(),
                id=referral_id,
            )
            return _referral(db, referral_id)
    except SqlFailed as error:
        raise ReferralError(_("Saving failed: {reason}. Nothing was changed.").format(reason=error.reason)) from None


REFERRAL_COLUMNS = (
    "r.id, c.reference AS case_reference, c.registered_on, r.pathway_id, r.step_id, r.partner_id,"
    " r.status, r.planned_on, r.due_on, r.referred_on, r.started_on, r.done_on, r.cancelled_on,"
    " r.note, r.history, r.recorded_by, r.updated_by"
)
REFERRAL_FROM = "referral r JOIN case_record c ON c.id = r.case_id"
OPEN_IN = "('planned', 'referred', 'started')"


def referral_dict(row: dict[str, Any]) -> dict:
    """A referral row (REFERRAL_COLUMNS) as the screens, the hand-out and --json show it."""

    def iso(value: Any) -> str | None:
        day = as_date(value)
        return day.isoformat() if day else None

    return {
        "id": row["id"],
        "case_reference": row["case_reference"],
        "registered_on": iso(row["registered_on"]),
        "pathway": row["pathway_id"],
        "step": row["step_id"],
        "partner": row["partner_id"],
        "status": row["status"],
        "planned_on": iso(row["planned_on"]),
        "due_on": iso(row["due_on"]),
        "referred_on": iso(row["referred_on"]),
        "started_on": iso(row["started_on"]),
        "done_on": iso(row["done_on"]),
        "cancelled_on": iso(row["cancelled_on"]),
        "note": row["note"],
        "history": as_json(row["history"]),
        "recorded_by": row["recorded_by"],
        "updated_by": row["updated_by"],
    }


def _referral(db: Sql, referral_id: int) -> dict:
    row = db.one(f"SELECT {REFERRAL_COLUMNS} FROM {REFERRAL_FROM} WHERE r.id = :id", id=referral_id)
    assert row is not None
    return referral_dict(row)


def case_referrals(store: Any, case_reference: str) -> list[dict]:
    with store.sql() as db:
        rows = db.rows(
            f"SELECT {REFERRAL_COLUMNS} FROM {REFERRAL_FROM} WHERE c.reference = :reference ORDER BY r.id",
            reference=case_reference,
        )
    return [referral_dict(row) for row in rows]


def case_info(store: Any, case_reference: str) -> dict | None:
    with store.sql() as db:
        case = db.one(
            "SELECT reference, registered_on FROM case_record WHERE reference = :reference", reference=case_reference
        )
        language = _service_language(db, case_reference) if case is not None else None
    if case is None:
        return None
    registered = as_date(case["registered_on"])
    return {
        "reference": case["reference"],
        "registered_on": registered.isoformat() if registered else None,
        "service_language": language,
    }


def _service_language(db: Any, case_reference: str) -> str | None:
    """fi or sv as the case's newest saved assessment answered it; None when unanswered or another language."""
    rows = db.rows(
        "SELECT v.answers FROM assessment_version v JOIN assessment a ON v.assessment_id = a.id "
        "JOIN case_record c ON a.case_id = c.id WHERE c.reference = :reference "
        "ORDER BY v.saved_at DESC, v.id DESC",
        reference=case_reference,
    )
    for row in rows:
        language = (as_json(row["answers"]) or {}).get("service_language")
        if language:
            return language if language in ("fi", "sv") else None
    return None


def case_service_language(store: Any, case_reference: str) -> str | None:
    info = case_info(store, case_reference)
    return info["service_language"] if info else None


def saved_cases(store: Any) -> list[dict]:
    """Every case reference in the store, newest first, with its registration date: for picking a case."""
    with store.sql() as db:
        rows = db.rows("SELECT reference, registered_on FROM case_record ORDER BY created_at DESC, id DESC")
    return [
        {"reference": row["reference"], "registered_on": registered.isoformat() if registered else None}
        for row in rows
        for registered in [as_date(row["registered_on"])]
    ]


def followups(
    store: Any, today: dt.date | None = None, target_months: int = 3, staff: str | None = None, limit: int | None = None
) -> dict:
    """Open referrals that are overdue or due this week, all open ones, each case's days left to its 3-month
    target, and the deadlines of unfinished assessments: each list sorted in SQL (by due date, then id; targets
    by registration; deadlines by due date, then case) and cut to `limit` rows (None: all), with `counts`
    saying how many there are in all.

    With `staff`, only the referrals that member of staff recorded or last changed; else the whole team's."""
    today = today or dt.date.today()
    week_end = today + dt.timedelta(days=6 - today.weekday())
    page = "" if limit is None else f" LIMIT {int(limit)}"
    order = " ORDER BY r.due_on NULLS FIRST, r.id"  # the order of ix_referral_open_due: a page stops early
    open_ones = f"r.status IN {OPEN_IN}" + (" AND (r.recorded_by = :staff OR r.updated_by = :staff)" if staff else "")
    where = {
        "overdue": f"{open_ones} AND r.due_on < :today",
        "due_this_week": f"{open_ones} AND r.due_on >= :today AND r.due_on <= :week_end",
        "open": open_ones,
    }
    data: dict[str, Any] = {"today": today.isoformat(), "counts": {}}
    with store.sql() as db:
        for name, condition in where.items():
            rows = db.rows(
                f"SELECT {REFERRAL_COLUMNS} FROM {REFERRAL_FROM} WHERE {condition}{order}{page}",
                today=today,
                week_end=week_end,
                staff=staff,
            )
            data[name] = [_with_days_left(referral_dict(row), today) for row in rows]
            counted = db.one(
                f"SELECT COUNT(*) AS n FROM referral r WHERE {condition}", today=today, week_end=week_end, staff=staff
            )
            data["counts"][name] = int(counted["n"]) if counted else 0
        with_open = (
            f"c.registered_on IS NOT NULL AND EXISTS (SELECT 1 FROM referral r WHERE r.case_id = c.id AND {open_ones})"
        )
        cases = db.rows(
            f"SELECT c.reference, c.registered_on FROM case_record c WHERE {with_open}"
            f" ORDER BY c.registered_on, c.reference{page}",
            staff=staff,
        )
        data["counts"]["cases"] = _count_cases_with_open_referrals(db, open_ones, staff)
        # The deadlines of unfinished assessments (the initial interview and the others), stored when saved.
        data["deadlines"], data["counts"]["deadlines"] = deadline_page(db, store.deadline_labels(), today, limit)
    data["cases"] = [_target(case["reference"], as_date(case["registered_on"]), today, target_months) for case in cases]
    return data


def _count_cases_with_open_referrals(db: Any, open_ones: str, staff: str | None) -> int:
    """The cases with a registration date and an open referral (the 3-month targets), counted."""
    if staff:
        counted = db.one(
            f"SELECT COUNT(DISTINCT r.case_id) AS n FROM {REFERRAL_FROM} WHERE {open_ones}"
            " AND c.registered_on IS NOT NULL",
            staff=staff,
        )
        return int(counted["n"]) if counted else 0
    # The whole team's: the open referrals' cases read off their partial index alone, less the few without a
    # registration date, instead of joining every open referral to its case (twice as fast on 30 000).
    cases = db.one(f"SELECT COUNT(DISTINCT r.case_id) AS n FROM referral r WHERE {open_ones}")
    unregistered = db.one(
        "SELECT COUNT(*) AS n FROM case_record c WHERE c.registered_on IS NULL"
        f" AND EXISTS (SELECT 1 FROM referral r WHERE r.case_id = c.id AND {open_ones})"
    )
    return (int(cases["n"]) if cases else 0) - (int(unregistered["n"]) if unregistered else 0)


def _with_days_left(row: dict, today: dt.date) -> dict:
    if row["due_on"] is not None:
        row["working_days_left"] = working_days_between(today, dt.date.fromisoformat(row["due_on"]))
    return row


def _target(reference: str, registered_on: dt.date | None, today: dt.date, months: int) -> dict:
    assert registered_on is not None
    target = add_months(registered_on, months)
    return {
        "case_reference": reference,
        "registered_on": registered_on.isoformat(),
        "target": target.isoformat(),
        "days_left": (target - today).days,
    }
