"""Reading the catalogue: what every reader offers once it can list each kind of entry.

Two readers share this: the store (any SQLAlchemy URL, through the ORM) and the cached catalogue (a SQLite store
known to be up to date, read without the ORM). Both give the same typed models (models/entities.py) for the
entities converted so far (services, orientation and periods among them), and the same plain dictionaries for the
rest (the documents: checklists, rules, deadlines and pathways). `export()` is the whole catalogue as JSON-ready
dictionaries (`model_dump(mode="json")` of the models): what the cache, the app's snapshot and `catalogue export`
hold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pydantic is imported only when a typed entity is read: the command line starts faster
    from te_navigator.models.entities import (
        DatedFact,
        Entity,
        Group,
        Municipality,
        MultiAgencyModel,
        OrientationServices,
        Partner,
        Periods,
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

    def documents(self, kind: str) -> list[dict]:
        """Checklist templates, rules, timings, dated facts or pathways, as written in seed/."""
        raise NotImplementedError

    def search_index(self) -> Any:
        raise NotImplementedError

    def checklists(self) -> list[dict]:
        return self.documents("checklist")

    def checklist(self, template_id: str) -> dict | None:
        return next((t for t in self.checklists() if t["id"] == template_id), None)

    def rules(self) -> list[dict]:
        return self.documents("rule")

    def timings(self) -> list[dict]:
        return self.documents("deadline")

    def dated_facts(self) -> list[DatedFact]:
        from te_navigator.models.entities import DatedFact

        return [DatedFact.model_validate(fact) for fact in self.documents("dated_fact")]

    def pathways(self) -> list[dict]:
        return self.documents("pathway")

    def pathway(self, pathway_id: str) -> dict | None:
        return next((p for p in self.pathways() if p["id"] == pathway_id), None)

    def practice_cases(self) -> list[dict]:
        """The practice cases, each with its model answer's deadlines as the deadline rules compute them."""
        from te_navigator.models.practice_cases import with_model_deadlines

        timings = self.timings()
        return [
            with_model_deadlines(case, self.checklist(case["checklist"]), timings)
            for case in self.documents("practice_case")
        ]

    def practice_case(self, case_id: str) -> dict | None:
        return next((c for c in self.practice_cases() if c["id"] == case_id), None)

    def names(self) -> dict[str, dict[str, dict]]:
        """kind → id → {fi, sv}, for everything a suggestion or a step can point at."""
        return export_names(self.export())

    def municipality_names(self) -> dict[str, dict]:
        return {m.id: m.name.model_dump() for m in self.municipalities()}

    def entity(self, entity_id: str) -> tuple[str, Any] | None:
        """Any entry by id, with its kind: a service, partner, glossary term, group, line, model, municipality or
        service point as its model (only that one entry validated), a pathway or checklist as its dictionary."""
        found = export_entity(self.export(), entity_id)
        if found is None:
            return None
        kind, record = found
        if kind not in ENTITY_MODELS:
            return kind, record
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
            "checklists": self.checklists(),
            "rules": self.rules(),
            "deadlines": self.timings(),
            "dated_facts": self.documents("dated_fact"),
            "pathways": self.pathways(),
            "practice_cases": self.practice_cases(),
        }


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


def _dumped(entity: Entity) -> dict:
    """An entity as JSON-ready dictionaries (dates as ISO text), as the cache, the snapshot and --json hold it."""
    return entity.model_dump(mode="json")


def _dumped_or_empty(entity: Entity | None) -> dict:
    """A single table of the catalogue (orientation, periods) as exported: {} where the catalogue has none."""
    return {} if entity is None else _dumped(entity)
