"""What the service map paints in its first frame: the groups and the names of their services, from JSON.

The one place that reads the catalogue as the export's dictionaries. The app's first frame must not wait for
pydantic or the ORM (issue 13: the warm start's budget is 1.3× a bare Textual app, and importing pydantic alone
costs about 0.4×), so it paints from the snapshot (models/snapshot.py, or seed/catalogue.json on a first start)
read with `json`. Only the names and what the unfiltered list needs (groups, abolished or not) are taken; the store
worker then validates the same snapshot into the typed catalogue (models/catalogue_view.py), which the map shows
from then on: the detail pane, filters, search and every other screen read only that.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PaintedName:
    fi: str
    sv: str

    def text(self, lang: str) -> str:
        return self.sv if lang == "sv" else self.fi


@dataclass(frozen=True)
class PaintedGroup:
    id: str
    name: PaintedName


@dataclass(frozen=True)
class PaintedService:
    id: str
    name: PaintedName
    groups: tuple[str, ...]
    status: str


@dataclass(frozen=True)
class FirstPaint:
    groups: list[PaintedGroup]
    services: list[PaintedService]
    export: dict  # the snapshot itself, which the store worker validates into the typed catalogue

    @classmethod
    def from_export(cls, export: dict) -> FirstPaint:
        return cls(
            groups=[PaintedGroup(g["id"], _name(g["name"])) for g in export["groups"]],
            services=[
                PaintedService(s["id"], _name(s["name"]), tuple(s["groups"]), s["status"]) for s in export["services"]
            ],
            export=export,
        )

    def services_in_group(self, group_id: str) -> list[PaintedService]:
        """The group's services as the unfiltered map lists them: abolished ones left out."""
        return [s for s in self.services if group_id in s.groups and s.status != "abolished"]


def _name(name: dict) -> PaintedName:
    return PaintedName(name["fi"], name["sv"])
