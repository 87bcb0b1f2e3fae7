"""Every dated change in the catalogue, newest first: what staff and trainers read after an update.

Built from the store's entries: services abolished, multi-agency models superseded, partners renamed,
rule and deadline rows coming into force or ending, and the dated facts of the law.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from te_navigator.models.i18n import _, gettext_for

if TYPE_CHECKING:
    from te_navigator.models.entities import DatedFact, Deadline, MultiAgencyModel, Partner, Rule, Service

# What happened on the date; `change_label` gives the words.
CHANGE_TYPES = ("abolished", "superseded", "renamed", "in-force", "ended")


@dataclass(frozen=True)
class Change:
    date: str  # ISO date
    change: str  # one of CHANGE_TYPES
    kind: str  # service, model, partner, rule, deadline, dated_fact
    id: str
    title: dict  # {fi, sv}
    detail: dict | None  # {fi, sv}
    source: str

    def as_dict(self) -> dict:
        return asdict(self)


def change_label(change: str) -> str:
    return {
        "abolished": _("Abolished"),
        "superseded": _("Superseded"),
        "renamed": _("Renamed"),
        "in-force": _("In force from"),
        "ended": _("In force until"),
    }[change]


def kind_label(kind: str) -> str:
    return {
        "service": _("Service"),
        "model": _("Multi-agency model"),
        "partner": _("Partner"),
        "rule": _("Checklist rule"),
        "deadline": _("Deadline"),
        "dated_fact": _("Law"),
    }[kind]


def dated_changes(store, since: dt.date | None = None) -> list[Change]:
    """All dated changes in the store's catalogue on or after `since`, newest first."""
    changes = [
        *_service_changes(store.services()),
        *_model_changes(store.models()),
        *_partner_changes(store.partners()),
        *_row_changes("rule", store.rules()),
        *_row_changes("deadline", store.deadlines()),
        *_fact_changes(store.dated_facts()),
    ]
    if since is not None:
        changes = [change for change in changes if change.date >= since.isoformat()]
    order = {kind: n for n, kind in enumerate(("dated_fact", "deadline", "service", "model", "partner", "rule"))}
    return sorted(changes, key=lambda c: (_negated(c.date), order[c.kind], c.id))


def _negated(iso: str) -> int:
    return -dt.date.fromisoformat(iso).toordinal()


def _service_changes(services: list[Service]) -> list[Change]:
    return [
        Change(
            s.abolished_on.isoformat(),
            "abolished",
            "service",
            s.id,
            s.name.model_dump(),
            None,
            s.status_source or s.source,
        )
        for s in services
        if s.abolished_on is not None
    ]


def _model_changes(models: list[MultiAgencyModel]) -> list[Change]:
    return [
        Change(
            m.superseded_on.isoformat(),
            "superseded",
            "model",
            m.id,
            m.name.model_dump(),
            None,
            m.status_source or m.source,
        )
        for m in models
        if m.superseded_on
    ]


def _partner_changes(partners: list[Partner]) -> list[Change]:
    return [
        Change(
            p.renamed_on.isoformat(),
            "renamed",
            "partner",
            p.id,
            p.name.model_dump(),
            p.current_name.model_dump() if p.current_name else None,
            p.renamed_source or p.source,
        )
        for p in partners
        if p.renamed_on
    ]


def _row_changes(kind: str, rows: list[Rule] | list[Deadline]) -> list[Change]:
    """A dated row comes into force on valid_from and, when it has one, ends on valid_to."""
    changes = []
    for row in rows:
        title, detail, source = _row_texts(row)
        changes.append(Change(row.valid_from.isoformat(), "in-force", kind, row.id, title, detail, source))
        if row.valid_to:
            changes.append(Change(row.valid_to.isoformat(), "ended", kind, row.id, title, detail, source))
    return changes


def _row_texts(row: Rule | Deadline) -> tuple[dict, dict | None, str]:
    from te_navigator.models.entities import Rule

    if isinstance(row, Rule):
        return row.reason.model_dump(), row.law.model_dump() if row.law else None, row.source
    return row.name.model_dump(), row.note.model_dump() if row.note else None, row.legal_source


def _fact_changes(facts: list[DatedFact]) -> list[Change]:
    """A fact of the law comes into force on valid_from and, when it has one, ends on valid_to."""
    changes = []
    for fact in facts:
        title, text, source = fact.title.model_dump(), fact.text.model_dump(), f"{fact.law.fi}; {fact.source}"
        changes.append(Change(fact.valid_from.isoformat(), "in-force", "dated_fact", fact.id, title, text, source))
        if fact.valid_to:
            changes.append(Change(fact.valid_to.isoformat(), "ended", "dated_fact", fact.id, title, text, source))
    return changes


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def pathway_facts(facts: list[DatedFact], pathway_id: str, today: dt.date | None = None) -> list[DatedFact]:
    """The dated facts of the law that concern the pathway and have not ended, oldest first."""
    today = today or dt.date.today()
    return sorted(
        (
            fact
            for fact in facts
            if pathway_id in (fact.pathways or []) and (fact.valid_to is None or fact.valid_to >= today)
        ),
        key=lambda fact: fact.valid_from,
    )


def fact_lines(facts: list[DatedFact], lang: str) -> list[tuple[str, str]]:
    """(heading, body) per fact, in `lang`: what a pathway shows under its diagram."""
    from te_navigator.models import formatting

    _ = gettext_for(lang)
    return [
        (
            _("From {date}: {title}").format(date=formatting.date(fact.valid_from, lang), title=fact.title.text(lang)),
            f"{fact.text.text(lang)} ({fact.law.text(lang)})",
        )
        for fact in facts
    ]
