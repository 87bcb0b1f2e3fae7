"""Reading the catalogue: what every reader offers once it can list each kind of entry.

Two readers share this: the store (any SQLAlchemy URL, through the ORM) and the cached catalogue (a SQLite store
known to be up to date, read without the ORM). Both give the same typed models (models/entities.py) for the
entities converted so far — services, orientation and periods, and the documents: checklists, rules, deadlines,
dated facts, pathways and practice cases. `export()` is the whole catalogue as JSON-ready dictionaries
(`model_dump(mode="json")` of the models): what the cache, the app's snapshot and `catalogue export` hold.

The benchmarked commands must not pay for pydantic, so a few reads name entries straight from the stored JSON
(`names`, `step_names`, `step_outline`, `deadline_labels`): naming needs no validated entity.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pydantic is imported only when a typed entity is read: the command line starts faster
    from te_navigator.models.entities import (
        Checklist,
        DatedFact,
        Deadline,
        Entity,
        Group,
        Municipality,
        MultiAgencyModel,
        OrientationServices,
        Partner,
        Pathway,
        Periods,
        PracticeCase,
        Rule,
        Service,
        ServiceLine,
        ServicePoint,
        Term,
    )


class CatalogueReads:
    """Lookups and the whole export, built on the list methods a reader implements."""

    def groups(self) -> list[Group]:
        raise NotImplementedError

    def service_lines(self) -> list[ServiceLine]:
        raise NotImplementedError

    def services(self) -> list[Service]:
        raise NotImplementedError

    def service(self, service_id: str) -> Service | None:
        return next((s for s in self.services() if s.id == service_id), None)

    def partners(self) -> list[Partner]:
        raise NotImplementedError

    def models(self) -> list[MultiAgencyModel]:
        raise NotImplementedError

    def municipalities(self) -> list[Municipality]:
        raise NotImplementedError

    def service_points(self) -> list[ServicePoint]:
        raise NotImplementedError

    def glossary(self) -> list[Term]:
        raise NotImplementedError

    def orientation(self) -> OrientationServices | None:
        """None for a catalogue without orientation.toml's [orientation]."""
        raise NotImplementedError

    def periods(self) -> Periods | None:
        """None for a catalogue without municipalities.toml's [periods]."""
        raise NotImplementedError

    def document_bodies(self, kind: str) -> list[dict]:
        """The documents of one kind (checklist, rule, deadline, dated_fact, pathway, practice_case) as JSON, as
        stored: what the typed reads validate, and what the pydantic-free naming reads below look into."""
        raise NotImplementedError

    def search_index(self) -> Any:
        raise NotImplementedError

    def typed_documents(self, kind: str) -> list[Any]:
        """The documents of one kind as their model (pydantic imported only now, when one is read)."""
        model = document_model(kind)
        return [model.model_validate(body) for body in self.document_bodies(kind)]

    def checklists(self) -> list[Checklist]:
        return self.typed_documents("checklist")

    def checklist(self, template_id: str) -> Checklist | None:
        return next((t for t in self.checklists() if t.id == template_id), None)

    def rules(self) -> list[Rule]:
        return self.typed_documents("rule")

    def deadlines(self) -> list[Deadline]:
        """Every row of seed/deadlines.toml (each deadline once per version, valid_from…valid_to)."""
        return self.typed_documents("deadline")

    def dated_facts(self) -> list[DatedFact]:
        return self.typed_documents("dated_fact")

    def pathways(self) -> list[Pathway]:
        return self.typed_documents("pathway")

    def pathway(self, pathway_id: str) -> Pathway | None:
        return next((p for p in self.pathways() if p.id == pathway_id), None)

    def practice_cases(self) -> list[PracticeCase]:
        return self.typed_documents("practice_case")

    def practice_case(self, case_id: str) -> PracticeCase | None:
        return next((c for c in self.practice_cases() if c.id == case_id), None)

    # --- naming without pydantic: what the benchmarked commands (`pathways list`, `refer`, `followups`) read ---

    def step_outline(self, pathway_id: str, step_id: str) -> StepOutline | None:
        """What recording a referral needs of a step, read from the stored JSON without validating the pathway."""
        for pathway in self.document_bodies("pathway"):
            if pathway["id"] == pathway_id:
                return next((StepOutline.of(pathway_id, s) for s in pathway["steps"] if s["id"] == step_id), None)
        return None

    def step_names(self) -> dict[tuple[str, str], dict[str, str]]:
        """(pathway, step) → {fi, sv}."""
        return {
            (pathway["id"], step["id"]): step["name"]
            for pathway in self.document_bodies("pathway")
            for step in pathway["steps"]
        }

    def deadline_labels(self) -> dict[tuple[str, str, str], DeadlineLabel]:
        """(checklist, deadline, valid_from) → the version's name and legal source, as the follow-up list shows
        a stored deadline."""
        return {
            (body["template"], body["id"], str(body["valid_from"])): DeadlineLabel(body["name"], body["legal_source"])
            for body in self.document_bodies("deadline")
        }

    def names(self) -> dict[str, dict[str, dict]]:
        """kind → id → {fi, sv}, for everything a suggestion or a step can point at."""
        return export_names(self.export())

    def municipality_names(self) -> dict[str, dict]:
        return {m.id: m.name.model_dump() for m in self.municipalities()}

    def entity(self, entity_id: str) -> tuple[str, Any] | None:
        """Any entry by id, with its kind, as its model (only that one entry validated): a service, partner,
        glossary term, group, line, model, municipality, service point, pathway or checklist."""
        found = export_entity(self.export(), entity_id)
        if found is None:
            return None
        kind, record = found
        from te_navigator.models import entities

        return kind, getattr(entities, ENTITY_MODELS[kind]).model_validate(record)

    def export(self) -> dict:
        return {
            "services": [_dumped(s) for s in self.services()],
            "groups": [_dumped(g) for g in self.groups()],
            "service_lines": [_dumped(line) for line in self.service_lines()],
            "multi_agency_models": [_dumped(m) for m in self.models()],
            "partners": [_dumped(p) for p in self.partners()],
            "municipalities": [_dumped(m) for m in self.municipalities()],
            "service_points": [_dumped(p) for p in self.service_points()],
            "orientation": _dumped_or_empty(self.orientation()),
            "glossary": [_dumped(t) for t in self.glossary()],
            "periods": _dumped_or_empty(self.periods()),
            "checklists": [_as_written(t) for t in self.checklists()],
            "rules": [_as_written(r) for r in self.rules()],
            "deadlines": [_as_written(d) for d in self.deadlines()],
            "dated_facts": [_as_written(f) for f in self.dated_facts()],
            "pathways": [_as_written(p) for p in self.pathways()],
            "practice_cases": self._practice_export(),
        }

    def _practice_export(self) -> list[dict]:
        """The practice cases with their model answer's deadlines as the deadline rules compute them."""
        from te_navigator.models.practice_cases import model_deadlines

        checklists = {t.id: t for t in self.checklists()}
        deadlines = self.deadlines()
        return [
            {
                **_as_written(case),
                "model_deadlines": [
                    {"id": d["id"], "name": d["name"], "due": d["due"]}
                    for d in model_deadlines(case, checklists.get(case.checklist), deadlines)
                ],
            }
            for case in self.practice_cases()
        ]


# Where each kind of entry stands in an export, in the order `entity` looks an id up.
EXPORT_KINDS = {
    "service": "services",
    "partner": "partners",
    "term": "glossary",
    "group": "groups",
    "service_line": "service_lines",
    "model": "multi_agency_models",
    "municipality": "municipalities",
    "service_point": "service_points",
    "pathway": "pathways",
    "checklist": "checklists",
}


# The model of each kind of entry `entity` gives typed.
ENTITY_MODELS = {
    "service": "Service",
    "partner": "Partner",
    "term": "Term",
    "group": "Group",
    "service_line": "ServiceLine",
    "model": "MultiAgencyModel",
    "municipality": "Municipality",
    "service_point": "ServicePoint",
    "pathway": "Pathway",
    "checklist": "Checklist",
}


def export_names(export: dict) -> dict[str, dict[str, dict]]:
    """kind → id → {fi, sv} from an export (the cache's, the app's snapshot): naming needs no pydantic."""
    names = {
        kind: {e["id"]: e["name"] for e in export.get(EXPORT_KINDS[kind], [])}
        for kind in ("service", "service_line", "model", "pathway", "group", "municipality")
    }
    names["partner"] = {p["id"]: (p["current_name"] or p["name"]) for p in export.get("partners", [])}
    return names


def export_entity(export: dict, entity_id: str) -> tuple[str, dict] | None:
    for kind, key in EXPORT_KINDS.items():
        for record in export.get(key, []):
            if record["id"] == entity_id:
                return kind, record
    return None


def _as_written(entity: Entity) -> dict:
    """A document as JSON, with only the fields seed/ wrote (no defaults added): as it is stored, so the export
    keeps its shape."""
    return entity.model_dump(mode="json", exclude_unset=True)


def _dumped(entity: Entity) -> dict:
    """An entity as JSON-ready dictionaries (dates as ISO text), as the cache, the snapshot and --json hold it."""
    return entity.model_dump(mode="json")


def _dumped_or_empty(entity: Entity | None) -> dict:
    """A single table of the catalogue (orientation, periods) as exported: {} where the catalogue has none."""
    return {} if entity is None else _dumped(entity)


# The model of each kind of document (models/entities.py), named so that this module does not import pydantic.
DOCUMENT_MODELS = {
    "checklist": "Checklist",
    "rule": "Rule",
    "deadline": "Deadline",
    "dated_fact": "DatedFact",
    "pathway": "Pathway",
    "practice_case": "PracticeCase",
}


def document_model(kind: str) -> type[Entity]:
    from te_navigator.models import entities

    model: type[Entity] = getattr(entities, DOCUMENT_MODELS[kind])
    return model


@dataclass(frozen=True)
class StepOutline:
    """A pathway step's id, partner and typical working days: what recording a referral needs, read without
    pydantic (`refer` is a benchmarked command)."""

    pathway: str
    id: str
    partner: str | None
    due_working_days: int | None

    @classmethod
    def of(cls, pathway_id: str, step: dict) -> StepOutline:
        return cls(pathway_id, step["id"], step.get("partner"), step.get("due_working_days"))


@dataclass(frozen=True)
class DeadlineLabel:
    name: dict[str, str]  # {fi, sv}
    legal_source: str
