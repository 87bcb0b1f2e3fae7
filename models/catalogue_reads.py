"""Reading the catalogue: what every reader offers once it can list each kind of entry.

Two readers share this: the store (any SQLAlchemy URL, through the ORM) and the cached catalogue (a SQLite store
known to be up to date, read without the ORM). Both give the same plain dictionaries, and the same typed models
for the entities converted so far (models/entities.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pydantic is imported only when a typed entity is read: the command line starts faster
    from te_navigator.models.entities import Municipality


class CatalogueReads:
    """Lookups and the whole export, built on the list methods a reader implements."""

    def groups(self) -> list[dict]:
        raise NotImplementedError

    def service_lines(self) -> list[dict]:
        raise NotImplementedError

    def services(self) -> list[dict]:
        raise NotImplementedError

    def partners(self) -> list[dict]:
        raise NotImplementedError

    def models(self) -> list[dict]:
        raise NotImplementedError

    def municipalities(self) -> list[Municipality]:
        raise NotImplementedError

    def service_points(self) -> list[dict]:
        raise NotImplementedError

    def glossary(self) -> list[dict]:
        raise NotImplementedError

    def orientation(self) -> dict:
        raise NotImplementedError

    def periods(self) -> dict:
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

    def dated_facts(self) -> list[dict]:
        return self.documents("dated_fact")

    def pathways(self) -> list[dict]:
        return self.documents("pathway")

    def pathway(self, pathway_id: str) -> dict | None:
        return next((p for p in self.pathways() if p["id"] == pathway_id), None)

    def practice_cases(self) -> list[dict]:
        """The practice cases, each with its model answer's deadlines as the deadline rules compute them."""
        from te_navigator.models.practice_cases import with_model_deadlines

        timings = self.timings()
        return [with_model_deadlines(case, self.checklist(case["checklist"]), timings)
                for case in self.documents("practice_case")]

    def practice_case(self, case_id: str) -> dict | None:
        return next((c for c in self.practice_cases() if c["id"] == case_id), None)

    def names(self) -> dict[str, dict[str, dict]]:
        """kind → id → {fi, sv}, for everything a suggestion or a step can point at."""
        return {
            "service": {s["id"]: s["name"] for s in self.services()},
            "service_line": {line["id"]: line["name"] for line in self.service_lines()},
            "model": {m["id"]: m["name"] for m in self.models()},
            "pathway": {p["id"]: p["name"] for p in self.pathways()},
            "partner": {p["id"]: (p["current_name"] or p["name"]) for p in self.partners()},
            "group": {g["id"]: g["name"] for g in self.groups()},
            "municipality": self.municipality_names(),
        }

    def municipality_names(self) -> dict[str, dict]:
        return {m.id: m.name.model_dump() for m in self.municipalities()}

    def entity(self, entity_id: str) -> tuple[str, dict] | None:
        """Any entry by id: a service, partner, glossary term, group, line, model or municipality."""
        for kind, reader in (
            ("service", self.services), ("partner", self.partners), ("term", self.glossary),
            ("group", self.groups), ("service_line", self.service_lines), ("model", self.models),
            ("municipality", self.municipalities), ("service_point", self.service_points),
            ("pathway", self.pathways), ("checklist", self.checklists),
        ):
            for entry in reader():
                record = entry if isinstance(entry, dict) else entry.model_dump()
                if record["id"] == entity_id:
                    return kind, record
        return None

    def export(self) -> dict:
        return {
            "services": self.services(),
            "groups": self.groups(),
            "service_lines": self.service_lines(),
            "multi_agency_models": self.models(),
            "partners": self.partners(),
            "municipalities": [m.model_dump() for m in self.municipalities()],
            "service_points": self.service_points(),
            "orientation": self.orientation(),
            "glossary": self.glossary(),
            "periods": self.periods(),
            "checklists": self.checklists(),
            "rules": self.rules(),
            "deadlines": self.timings(),
            "dated_facts": self.dated_facts(),
            "pathways": self.pathways(),
            "practice_cases": self.practice_cases(),
        }
