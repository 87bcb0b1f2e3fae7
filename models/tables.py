"""The store's tables. Catalogue tables are reloaded from seed/; no other table is ever touched by that.

Schema changes go through the Alembic migrations in models/migrations; a test checks they match these tables.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, text
from sqlmodel import Field, SQLModel

from te_navigator.models.uids import new_uid

# An open referral: the follow-up lists read only these (see the partial index on referral).
OPEN_REFERRAL = "status IN ('planned', 'referred', 'started')"


class CatalogueMeta(SQLModel, table=True):
    __tablename__ = "catalogue_meta"
    key: str = Field(primary_key=True)
    value: str


class ServiceGroup(SQLModel, table=True):
    __tablename__ = "service_group"
    id: str = Field(primary_key=True)
    position: int
    name_fi: str
    name_sv: str
    description_fi: str
    description_sv: str
    source: str
    sv_confirmed: bool = True


class ServiceLine(SQLModel, table=True):
    __tablename__ = "service_line"
    id: str = Field(primary_key=True)
    position: int
    name_fi: str
    name_sv: str
    description_fi: str
    description_sv: str
    source: str
    sv_confirmed: bool = True


class Partner(SQLModel, table=True):
    __tablename__ = "partner"
    id: str = Field(primary_key=True)
    name_fi: str
    name_sv: str
    partner_type: str
    role_fi: str
    role_sv: str
    current_name_fi: str | None = None
    current_name_sv: str | None = None
    renamed_on: dt.date | None = None
    renamed_source: str | None = None
    source: str
    sv_confirmed: bool = True


class MultiAgencyModel(SQLModel, table=True):
    __tablename__ = "multi_agency_model"
    id: str = Field(primary_key=True)
    acronym: str
    name_fi: str
    name_sv: str
    description_fi: str
    description_sv: str
    partners: list[str] = Field(sa_column=Column(JSON, nullable=False))
    service_lines: list[str] = Field(sa_column=Column(JSON, nullable=False))
    status: str = "active"
    superseded_on: dt.date | None = None
    superseded_by: str | None = None
    status_source: str | None = None
    source: str
    sv_confirmed: bool = True


class Service(SQLModel, table=True):
    __tablename__ = "service"
    id: str = Field(primary_key=True)
    position: int
    name_fi: str
    name_sv: str
    description_fi: str
    description_sv: str
    audience: list[str] = Field(sa_column=Column(JSON, nullable=False))
    kinds: list[str] = Field(sa_column=Column(JSON, nullable=False))
    production: str
    statutory: bool
    channels: list[str] = Field(sa_column=Column(JSON, nullable=False))
    status: str
    abolished_on: dt.date | None = None
    status_source: str | None = None
    keywords_fi: list[str] = Field(sa_column=Column(JSON, nullable=False))
    keywords_sv: list[str] = Field(sa_column=Column(JSON, nullable=False))
    facts: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))  # [service.facts] as in seed/
    source: str
    sv_confirmed: bool = True


class ServiceGroupLink(SQLModel, table=True):
    __tablename__ = "service_group_link"
    service_id: str = Field(foreign_key="service.id", primary_key=True)
    group_id: str = Field(foreign_key="service_group.id", primary_key=True)


class ServiceLineLink(SQLModel, table=True):
    __tablename__ = "service_line_link"
    service_id: str = Field(foreign_key="service.id", primary_key=True)
    line_id: str = Field(foreign_key="service_line.id", primary_key=True)


class ServicePartnerLink(SQLModel, table=True):
    __tablename__ = "service_partner_link"
    service_id: str = Field(foreign_key="service.id", primary_key=True)
    partner_id: str = Field(foreign_key="partner.id", primary_key=True)


class Municipality(SQLModel, table=True):
    __tablename__ = "municipality"
    id: str = Field(primary_key=True)
    position: int
    name_fi: str
    name_sv: str
    population_2022: int
    labour_force_2023_07: int
    labour_force_forecast_2035: int
    working_age_2021: int
    foreign_language_2022: int
    employment_rate_2021: float
    unemployment_rate_2023_07: float
    staff_fte: float
    source: str


class ServicePoint(SQLModel, table=True):
    __tablename__ = "service_point"
    id: str = Field(primary_key=True)
    municipality_id: str = Field(foreign_key="municipality.id")
    kind: str
    name_fi: str
    name_sv: str
    description_fi: str
    description_sv: str
    visit_interval_fi: str | None = None
    visit_interval_sv: str | None = None
    source: str
    sv_confirmed: bool = True


class OrientationLanguage(SQLModel, table=True):
    __tablename__ = "orientation_language"
    id: str = Field(primary_key=True)
    position: int
    name_fi: str
    name_sv: str
    production: str


class GlossaryTerm(SQLModel, table=True):
    __tablename__ = "glossary_term"
    id: str = Field(primary_key=True)
    term_fi: str
    term_sv: str
    expansion_fi: str
    expansion_sv: str
    explanation_fi: str
    explanation_sv: str
    source: str
    sv_confirmed: bool = True


class SearchTerm(SQLModel, table=True):
    """The search index, built while seeding: one row per word form of an entry's text."""

    __tablename__ = "search_term"
    id: int | None = Field(default=None, primary_key=True)
    entity_kind: str = Field(index=True)
    entity_id: str
    field: str
    lang: str
    token: str
    surface: str
    weight: float


class CatalogueDocument(SQLModel, table=True):
    """Catalogue entries read whole: checklist templates, rules, timings, pathways (JSON as in seed/)."""

    __tablename__ = "catalogue_document"
    kind: str = Field(primary_key=True)
    key: str = Field(primary_key=True)
    position: int
    body: dict = Field(sa_column=Column(JSON, nullable=False))


# --- case data: never touched by a catalogue reload ---------------------------------------------------------


class Case(SQLModel, table=True):
    """A customer relationship under a pseudonymous reference: no name, no personal identity code."""

    __tablename__ = "case_record"
    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, index=True, unique=True)
    reference: str = Field(index=True, unique=True)
    created_at: dt.datetime
    # start of the job search: deadlines and referral dates count from it; indexed for the 3-month targets list
    registered_on: dt.date | None = Field(default=None, index=True)


class Assessment(SQLModel, table=True):
    """One filled checklist: a case's (tier 3) or an area's for a period (tiers 1 and 2). Versions keep history."""

    __tablename__ = "assessment"
    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, index=True, unique=True)
    template_id: str = Field(index=True)
    case_id: int | None = Field(default=None, foreign_key="case_record.id", index=True)
    area: str | None = None
    period: str | None = None
    municipality: str | None = Field(default=None, index=True)
    created_at: dt.datetime
    updated_at: dt.datetime = Field(index=True)
    latest_version: int
    finished: bool = False


class AssessmentVersion(SQLModel, table=True):
    __tablename__ = "assessment_version"
    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, index=True, unique=True)
    assessment_id: int = Field(foreign_key="assessment.id", index=True)
    version: int
    answers: dict = Field(sa_column=Column(JSON, nullable=False))
    saved_at: dt.datetime
    finished: bool = False
    staff: str = ""  # who saved it: a staff id, never a customer's data


class AssessmentDeadline(SQLModel, table=True):
    """A deadline of an unfinished assessment as its latest answers give it (the initial interview and the others).

    Worked out when the assessment is saved or synced, and again for all when the timings change
    (models/followup_deadlines.py), so that the follow-up list reads, sorts and pages them in SQL. A finished
    assessment has none here: its deadlines are no longer followed."""

    __tablename__ = "assessment_deadline"
    __table_args__ = (Index("ix_assessment_deadline_due", "due_on", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(
        sa_column=Column(Integer, ForeignKey("assessment.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    deadline_id: str
    valid_from: dt.date  # with deadline_id: the row of the timing in force (seed/deadlines.toml) that gave it
    due_on: dt.date
    estimated: bool = False  # counted from an earlier deadline's due date, the actual date not known yet
    position: int  # its place among the assessment's deadlines


class Referral(SQLModel, table=True):
    """A pathway step for a case: planned, referred, started, done or cancelled, with its dates."""

    __tablename__ = "referral"
    # The follow-up lists walk the open referrals in due-date order and stop at a page: this index holds just them.
    # and this one the cases that have an open referral (the 3-month targets list and its count).
    __table_args__ = (
        Index(
            "ix_referral_open_due",
            "due_on",
            "id",
            sqlite_where=text(OPEN_REFERRAL),
            postgresql_where=text(OPEN_REFERRAL),
        ),
        Index(
            "ix_referral_open_case", "case_id", sqlite_where=text(OPEN_REFERRAL), postgresql_where=text(OPEN_REFERRAL)
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, index=True, unique=True)
    case_id: int = Field(foreign_key="case_record.id", index=True)
    pathway_id: str
    step_id: str
    partner_id: str | None = None
    status: str
    planned_on: dt.date
    due_on: dt.date | None = Field(default=None, index=True)
    referred_on: dt.date | None = None
    started_on: dt.date | None = None
    done_on: dt.date | None = None
    cancelled_on: dt.date | None = None
    note: str | None = None  # internal: never in the customer's hand-out
    # Every status change, oldest first: {uid, status, on, at, by}. A sync merges two stores' changes here.
    history: list = Field(sa_column=Column(JSON, nullable=False))
    updated_at: dt.datetime
    recorded_by: str = Field(default="", index=True)
    updated_by: str = Field(default="", index=True)


class AuditEvent(SQLModel, table=True):
    """That something was deleted or purged, and how much; never what it contained."""

    __tablename__ = "audit_event"
    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, index=True, unique=True)
    at: dt.datetime
    action: str
    subject: str
    count: int = 0
    staff: str = ""


class Tombstone(SQLModel, table=True):
    """That a record was deleted or purged, so a sync does not bring it back from another store.

    A purged case is named by a hash of its reference, never the reference itself."""

    __tablename__ = "tombstone"
    key: str = Field(primary_key=True)
    kind: str
    deleted_at: dt.datetime
    staff: str = ""


class SyncPeer(SQLModel, table=True):
    """When this store was last merged with another one (named by its address without a password)."""

    __tablename__ = "sync_peer"
    peer: str = Field(primary_key=True)
    last_synced_at: dt.datetime


CATALOGUE_TABLES = (
    CatalogueDocument,
    SearchTerm,
    ServiceGroupLink,
    ServiceLineLink,
    ServicePartnerLink,
    ServicePoint,
    Service,
    MultiAgencyModel,
    Partner,
    ServiceGroup,
    ServiceLine,
    Municipality,
    OrientationLanguage,
    GlossaryTerm,
    CatalogueMeta,
)


def flushed_id(row: Case | Assessment | Referral) -> int:
    """The key the database gave a row once it was flushed; a row still without one is a programming error."""
    if row.id is None:
        raise RuntimeError(f"{type(row).__name__} has no id before it is flushed")
    return row.id
