"""The catalogue as the app holds it (`app.catalogue`): every kind's typed list and lookups by id.

The store worker builds it after the first paint (pydantic is imported there, never before the first frame: see
models/first_paint.py), first from the snapshot the first paint came from, then from the store. Screens read
attributes (`catalogue.service(id).name.text(lang)`), never the export's dictionaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from te_navigator.models.catalogue_reads import EXPORT_KINDS

if TYPE_CHECKING:
    from te_navigator.models.catalogue_reads import CatalogueReads
    from te_navigator.models.entities import (
        Checklist,
        DatedFact,
        Group,
        Municipality,
        MultiAgencyModel,
        OrientationServices,
        Partner,
        Pathway,
        Periods,
        Service,
        ServiceLine,
        ServicePoint,
        Term,
    )

# The attribute that holds each kind of entry, in the order `entity` looks an id up (as `EXPORT_KINDS`).
FIELDS = EXPORT_KINDS | {"model": "models"}


@dataclass(frozen=True)
class CatalogueView:
    groups: list[Group]
    service_lines: list[ServiceLine]
    services: list[Service]
    partners: list[Partner]
    models: list[MultiAgencyModel]
    municipalities: list[Municipality]
    service_points: list[ServicePoint]
    glossary: list[Term]
    orientation: OrientationServices | None
    periods: Periods | None
    dated_facts: list[DatedFact]
    checklists: list[Checklist]
    pathways: list[Pathway]

    @classmethod
    def read(cls, reads: CatalogueReads) -> CatalogueView:
        return cls(
            groups=reads.groups(),
            service_lines=reads.service_lines(),
            services=reads.services(),
            partners=reads.partners(),
            models=reads.models(),
            municipalities=reads.municipalities(),
            service_points=reads.service_points(),
            glossary=reads.glossary(),
            orientation=reads.orientation(),
            periods=reads.periods(),
            dated_facts=reads.dated_facts(),
            checklists=reads.checklists(),
            pathways=reads.pathways(),
        )

    @classmethod
    def from_export(cls, export: dict) -> CatalogueView:
        """An export (the app's snapshot, the store's `export()`) validated into its models."""
        from te_navigator.models.catalogue_cache import CachedCatalogue

        return cls.read(CachedCatalogue("", export))

    @cached_property
    def _by_id(self) -> dict[str, dict[str, Any]]:
        return {kind: {_id_of(entry): entry for entry in getattr(self, field)} for kind, field in FIELDS.items()}

    def find(self, kind: str, entity_id: str) -> Any:
        """The entry of that kind (its model), or None."""
        return self._by_id.get(kind, {}).get(entity_id)

    def service(self, service_id: str) -> Service | None:
        found: Service | None = self.find("service", service_id)
        return found

    def entity(self, entity_id: str) -> tuple[str, Any] | None:
        """Any entry by id, with its kind, looked up in the order of `EXPORT_KINDS`."""
        for kind in FIELDS:
            found = self.find(kind, entity_id)
            if found is not None:
                return kind, found
        return None

    @cached_property
    def _names(self) -> dict[str, dict[str, dict]]:
        names = {
            kind: {entry.id: entry.name.model_dump() for entry in getattr(self, FIELDS[kind])}
            for kind in ("service", "service_line", "model", "group", "municipality", "term")
        }
        names["partner"] = {p.id: p.shown_name.model_dump() for p in self.partners}
        names["pathway"] = {p.id: p.name.model_dump() for p in self.pathways}
        return names

    def names(self) -> dict[str, dict[str, dict]]:
        """kind → id → {fi, sv}, as `CatalogueReads.names()` gives it (glossary terms too)."""
        return self._names


def _id_of(entry: Any) -> str:
    return str(entry.id)
