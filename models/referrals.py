"""Referrals: a case's steps along a pathway, with sensible status changes, due dates and follow-ups."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import Session, col, or_, select

from te_navigator.models.assessments import AssessmentError, case_for_reference, check_reference, now
from te_navigator.models.i18n import _
from te_navigator.models.privacy import contains_hetu
from te_navigator.models.answers import hetu_refusal
from te_navigator.models.staff import current_staff
from te_navigator.models.tables import Case, Referral, flushed_id, new_uid
from te_navigator.models.workdays import add_months, add_working_days, working_days_between

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
    return {"planned": _("planned"), "referred": _("referred"), "started": _("started"), "done": _("done"),
            "cancelled": _("cancelled")}[status]


def ensure_case(session: Session, reference: str, registered_on: dt.date | None) -> Case:
    case = case_for_reference(session, check_reference(reference), now())
    if registered_on and case.registered_on is None:
        case.registered_on = registered_on
        session.add(case)
    return case


def _find_step(pathway: dict, step_id: str) -> dict:
    step = next((s for s in pathway["steps"] if s["id"] == step_id), None)
    if step is None:
        raise ReferralError(_("The pathway {pathway} has no step {step}.").format(pathway=pathway["id"], step=step_id))
    return step


def _check_date(case: Case, on: dt.date, what: str) -> None:
    if case.registered_on and on < case.registered_on:
        raise ReferralError(_("{what} {date} is before the case's registration on {registered}.").format(
            what=what, date=on.isoformat(), registered=case.registered_on.isoformat()))


def plan_step(store, case_reference: str, pathway: dict, step_id: str, *, status: str = "planned",
              on: dt.date | None = None, partner_id: str | None = None, note: str | None = None,
              registered_on: dt.date | None = None, due_on: dt.date | None = None) -> dict:
    """Records a step for a case (planned, or straight away referred or started); returns the referral.

    The due date is `due_on` when given, else the step's typical working days counted from `on`."""
    step = _find_step(pathway, step_id)
    on = on or dt.date.today()
    if status not in ("planned", "referred", "started"):
        raise ReferralError(_("A new referral starts as planned, referred or started, not {status}.").format(
            status=status_label(status) if status in STATUSES else status))
    if note and contains_hetu(note):
        raise ReferralError(_("Note: ") + hetu_refusal())
    try:
        with store.transaction() as session:
            case = ensure_case(session, case_reference, registered_on)
            _check_date(case, on, _("The date"))
            existing = session.exec(select(Referral).where(
                Referral.case_id == case.id, Referral.pathway_id == pathway["id"], Referral.step_id == step_id,
                col(Referral.status).in_(OPEN_STATUSES))).first()
            if existing is not None:
                raise ReferralError(_("This step is already {status} for the case; change its status instead.")
                                    .format(status=status_label(existing.status)))
            due = due_on or (add_working_days(on, step["due_working_days"]) if step.get("due_working_days") else None)
            if due is not None and due < on:
                raise ReferralError(_("The due date {due} is before the date {date}.").format(
                    due=due.isoformat(), date=on.isoformat()))
            referral = Referral(
                case_id=flushed_id(case), pathway_id=pathway["id"], step_id=step_id,
                partner_id=partner_id or step.get("partner"), status=status, planned_on=on, due_on=due,
                referred_on=on if status == "referred" else None, started_on=on if status == "started" else None,
                note=note or None, history=[history_entry(status, on)], updated_at=now(),
                recorded_by=current_staff(), updated_by=current_staff())
            session.add(referral)
            session.flush()
            return referral_dict(referral, case)
    except (OperationalError, DatabaseError) as error:
        raise ReferralError(_("Saving failed: {reason}. Nothing was changed.").format(reason=error.orig)) from None


def change_status(store, referral_id: int, status: str, on: dt.date | None = None,
                  note: str | None = None) -> dict:
    on = on or dt.date.today()
    if note and contains_hetu(note):
        raise ReferralError(_("Note: ") + hetu_refusal())
    with store.transaction() as session:
        referral = session.get(Referral, referral_id, with_for_update=True)
        if referral is None:
            raise ReferralError(_("No referral {id}.").format(id=referral_id))
        if status not in TRANSITIONS.get(referral.status, ()):
            allowed = ", ".join(status_label(s) for s in TRANSITIONS[referral.status]) or _("nothing")
            raise ReferralError(_("A {current} step cannot become {new}; it can become: {allowed}.").format(
                current=status_label(referral.status),
                new=status_label(status) if status in STATUSES else status, allowed=allowed))
        case = session.get_one(Case, referral.case_id)
        _check_date(case, on, _("The date"))
        last = dt.date.fromisoformat(referral.history[-1]["on"])
        if on < last:
            raise ReferralError(_("The date {date} is before the step's previous change on {previous}.").format(
                date=on.isoformat(), previous=last.isoformat()))
        referral.status = status
        setattr(referral, f"{status}_on", on)
        if note:
            referral.note = note
        referral.history = [*referral.history, history_entry(status, on)]
        referral.updated_at = now()
        referral.updated_by = current_staff()
        session.add(referral)
        session.flush()
        return referral_dict(referral, case)


def referral_dict(referral: Referral, case: Case) -> dict:
    iso = lambda day: day.isoformat() if day else None  # noqa: E731
    return {
        "id": referral.id, "case_reference": case.reference, "registered_on": iso(case.registered_on),
        "pathway": referral.pathway_id, "step": referral.step_id, "partner": referral.partner_id,
        "status": referral.status, "planned_on": iso(referral.planned_on), "due_on": iso(referral.due_on),
        "referred_on": iso(referral.referred_on), "started_on": iso(referral.started_on),
        "done_on": iso(referral.done_on), "cancelled_on": iso(referral.cancelled_on), "note": referral.note,
        "history": referral.history, "recorded_by": referral.recorded_by, "updated_by": referral.updated_by,
    }


def case_referrals(store, case_reference: str) -> list[dict]:
    with Session(store.engine) as session:
        case = session.exec(select(Case).where(Case.reference == case_reference)).first()
        if case is None:
            return []
        rows = session.exec(select(Referral).where(Referral.case_id == case.id).order_by(col(Referral.id))).all()
        return [referral_dict(row, case) for row in rows]


def case_info(store, case_reference: str) -> dict | None:
    with Session(store.engine) as session:
        case = session.exec(select(Case).where(Case.reference == case_reference)).first()
        if case is None:
            return None
        return {"reference": case.reference, "registered_on": case.registered_on.isoformat()
                if case.registered_on else None}


def followups(store, today: dt.date | None = None, target_months: int = 3, staff: str | None = None) -> dict:
    """Open referrals that are overdue or due this week, and each case's days left to its 3-month target.

    With `staff`, only the referrals that member of staff recorded or last changed; else the whole team's."""
    today = today or dt.date.today()
    week_end = today + dt.timedelta(days=6 - today.weekday())
    overdue, this_week, open_rows, cases = [], [], [], {}
    with Session(store.engine) as session:
        statement = select(Referral, Case).join(Case).where(col(Referral.status).in_(OPEN_STATUSES))
        if staff is not None:
            statement = statement.where(or_(col(Referral.recorded_by) == staff, col(Referral.updated_by) == staff))
        for referral, case in session.exec(statement.order_by(col(Referral.due_on))):
            row = referral_dict(referral, case)
            open_rows.append(row)
            if referral.due_on is not None:
                row["working_days_left"] = working_days_between(today, referral.due_on)
                if referral.due_on < today:
                    overdue.append(row)
                elif referral.due_on <= week_end:
                    this_week.append(row)
            if case.registered_on and case.reference not in cases:
                target = add_months(case.registered_on, target_months)
                cases[case.reference] = {"case_reference": case.reference,
                                         "registered_on": case.registered_on.isoformat(),
                                         "target": target.isoformat(), "days_left": (target - today).days}
    return {"today": today.isoformat(), "overdue": overdue, "due_this_week": this_week, "open": open_rows,
            "cases": sorted(cases.values(), key=lambda c: c["days_left"])}
