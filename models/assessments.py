"""Saved assessments: every save a new version, nothing overwritten; deletion and purge leave an audit record."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import TYPE_CHECKING

from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import Session, col, delete, func, select

from te_navigator.models.answers import MAX_SHORT_TEXT, check_answers, text_problem
from te_navigator.models.case_reference import (  # noqa: F401  (re-exported)
    REFERENCE_PATTERN,
    UTC,
    AssessmentError,
    check_reference,
    now,
)
from te_navigator.models.i18n import _, ngettext
from te_navigator.models.staff import current_staff
from te_navigator.models.followup_deadlines import store_deadlines
from te_navigator.models.sql import AlchemySql
from te_navigator.models.tables import (
    Assessment,
    AssessmentDeadline,
    AssessmentVersion,
    AuditEvent,
    Case,
    Tombstone,
    flushed_id,
)

if TYPE_CHECKING:
    from te_navigator.models.entities import Checklist


def check_area_text(what: str, value: str) -> str:
    """An area review's area or period: short free text, never a personal identity code."""
    value = value.strip() if isinstance(value, str) else value
    message = text_problem(value, MAX_SHORT_TEXT)
    if message:
        raise AssessmentError(_("{what}: {problem}").format(what=what, problem=message))
    return value


def save_assessment(
    store,
    template: Checklist,
    answers: dict,
    *,
    case_reference: str | None = None,
    area: str | None = None,
    period: str | None = None,
    finished: bool = False,
    assessment_id: int | None = None,
    saved_at: dt.datetime | None = None,
    today: dt.date | None = None,
) -> tuple[int, int]:
    """Saves a new version (of a new or an existing assessment); returns (assessment id, version).

    `today` is the day the answers are checked against (a registration date may not be after it)."""
    municipality_ids = [m.id for m in store.municipalities()]
    clean, problems = check_answers(template, answers, municipality_ids, today=today)
    if problems:
        raise AssessmentError(
            ngettext("The answers have {count} problem.", "The answers have {count} problems.", len(problems)).format(
                count=len(problems)
            ),
            problems,
        )
    if assessment_id is not None:
        pass  # a new version of a saved assessment keeps its case or area
    elif template.subject == "case":
        case_reference = check_reference(case_reference or "")
    elif not (area and period):
        raise AssessmentError(_("An area review needs the area and the period (e.g. 2026 or 2026-Q1)."))
    else:
        area, period = check_area_text(_("Area"), area), check_area_text(_("Period"), period)
    saved_at = saved_at or now()
    try:
        with store.transaction() as session:
            assessment = _assessment_to_update(session, assessment_id, template, case_reference, area, period, saved_at)
            if assessment.case_id and clean.get("registered_on"):
                case = session.get_one(Case, assessment.case_id)
                case.registered_on = dt.date.fromisoformat(clean["registered_on"])
                session.add(case)
            assessment.latest_version += 1
            assessment.updated_at = saved_at
            assessment.finished = finished
            assessment.municipality = clean.get("municipality") or assessment.municipality
            session.add(assessment)
            session.flush()
            session.add(
                AssessmentVersion(
                    assessment_id=flushed_id(assessment),
                    version=assessment.latest_version,
                    answers=clean,
                    saved_at=saved_at,
                    finished=finished,
                    staff=current_staff(),
                )
            )
            session.flush()
            # The follow-up list reads the deadlines as this version gives them (none once finished).
            store_deadlines(AlchemySql(session.connection()), [flushed_id(assessment)])
            return flushed_id(assessment), assessment.latest_version
    except (OperationalError, DatabaseError) as error:
        raise AssessmentError(
            _("Saving failed: {reason}. The previous version is intact.").format(reason=error.orig)
        ) from None


def _assessment_to_update(session, assessment_id, template, case_reference, area, period, saved_at) -> Assessment:
    if assessment_id is not None:
        # Locked for the rest of the transaction, so two saves of one assessment never get the same number.
        assessment = session.get(Assessment, assessment_id, with_for_update=True)
        if assessment is None or assessment.template_id != template.id:
            raise AssessmentError(
                _("No assessment {id} of the checklist {template}.").format(id=assessment_id, template=template.id)
            )
        return assessment
    case_id = None
    if case_reference:
        case_id = case_for_reference(session, case_reference, saved_at).id
    return Assessment(
        template_id=template.id,
        case_id=case_id,
        area=area,
        period=period,
        created_at=saved_at,
        updated_at=saved_at,
        latest_version=0,
    )


def case_for_reference(session: Session, reference: str, created_at: dt.datetime) -> Case:
    """The case under this reference, created when new; two savers creating it at once get the same one."""
    dialect = session.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        insert = importlib.import_module(f"sqlalchemy.dialects.{dialect}").insert
        session.execute(
            insert(Case)
            .values(reference=reference, created_at=created_at)
            .on_conflict_do_nothing(index_elements=["reference"])
        )
    case = session.exec(select(Case).where(Case.reference == reference)).first()
    if case is None:
        case = Case(reference=reference, created_at=created_at)
        session.add(case)
        session.flush()
    return case


def list_assessments(
    store,
    municipality: str | None = None,
    template: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[dict]:
    with Session(store.engine) as session:
        statement = select(Assessment, Case).join(Case, isouter=True).order_by(col(Assessment.updated_at).desc())
        if municipality:
            statement = statement.where(Assessment.municipality == municipality)
        if template:
            statement = statement.where(Assessment.template_id == template)
        if since:
            statement = statement.where(Assessment.updated_at >= dt.datetime.combine(since, dt.time.min, UTC))
        if until:
            statement = statement.where(
                Assessment.updated_at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, UTC)
            )
        return [_summary(assessment, case) for assessment, case in session.exec(statement)]


def _summary(assessment: Assessment, case: Case | None) -> dict:
    return {
        "id": assessment.id,
        "template": assessment.template_id,
        "case_reference": case.reference if case else None,
        "area": assessment.area,
        "period": assessment.period,
        "municipality": assessment.municipality,
        "created_at": _iso(assessment.created_at),
        "updated_at": _iso(assessment.updated_at),
        "versions": assessment.latest_version,
        "finished": assessment.finished,
    }


def _iso(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.isoformat()


def get_assessment(store, assessment_id: int, version: int | None = None) -> dict:
    """The assessment with one version's answers (the latest by default) and its whole history."""
    with Session(store.engine) as session:
        assessment = session.get(Assessment, assessment_id)
        if assessment is None:
            raise AssessmentError(_("No assessment {id}.").format(id=assessment_id))
        case = session.get(Case, assessment.case_id) if assessment.case_id else None
        versions = session.exec(
            select(AssessmentVersion)
            .where(AssessmentVersion.assessment_id == assessment_id)
            .order_by(col(AssessmentVersion.version))
        ).all()
        chosen = next((v for v in versions if v.version == (version or assessment.latest_version)), None)
        if chosen is None:
            raise AssessmentError(
                _("Assessment {id} has no version {version}.").format(id=assessment_id, version=version)
            )
        return {
            **_summary(assessment, case),
            "version": chosen.version,
            "answers": chosen.answers,
            "history": [
                {"version": v.version, "saved_at": _iso(v.saved_at), "finished": v.finished, "answers": v.answers}
                for v in versions
            ],
        }


def delete_assessment(store, assessment_id: int) -> None:
    with store.transaction() as session:
        assessment = session.get(Assessment, assessment_id)
        if assessment is None:
            raise AssessmentError(_("No assessment {id}.").format(id=assessment_id))
        count = assessment.latest_version
        session.exec(delete(AssessmentDeadline).where(col(AssessmentDeadline.assessment_id) == assessment_id))
        session.exec(delete(AssessmentVersion).where(col(AssessmentVersion.assessment_id) == assessment_id))
        session.delete(assessment)
        session.add(Tombstone(key=assessment.uid, kind="assessment", deleted_at=now(), staff=current_staff()))
        session.add(
            AuditEvent(
                at=now(),
                action="delete-assessment",
                staff=current_staff(),
                subject=f"assessment {assessment_id} ({assessment.template_id})",
                count=count,
            )
        )


def purge(store, older_than_days: int, at: dt.datetime | None = None) -> int:
    """Purges every case (and area review) last touched more than `older_than_days` days ago, in the store and
    its backups (see models/purge.py); returns how many assessments went."""
    from te_navigator.models.purge import purge_store

    if older_than_days < 0:
        raise AssessmentError(_("--older-than must be 0 days or more."))
    return purge_store(store, older_than_days, at).assessments


def audit_events(store) -> list[dict]:
    with Session(store.engine) as session:
        rows = session.exec(select(AuditEvent).order_by(col(AuditEvent.id))).all()
        return [{"at": _iso(row.at), "action": row.action, "subject": row.subject, "count": row.count} for row in rows]


def count_assessments(store) -> int:
    with Session(store.engine) as session:
        return session.exec(select(func.count()).select_from(Assessment)).one()
