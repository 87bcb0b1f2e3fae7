"""Catalogue entities as typed models: what the store gives to the screens and the commands.

Readers use attributes (`municipality.name.text(lang)`, `municipality.stats.population_2022`), never
`["name"][lang]`. Converted so far: municipalities. `model_dump()` gives the JSON the commands print.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Entity(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Bitext(Entity):
    """One text in Finnish and in Swedish."""

    fi: str
    sv: str

    def text(self, lang: str) -> str:
        return self.sv if lang == "sv" else self.fi


class MunicipalityFigures(Entity):
    """The plan's figures of one municipality (section 1's table) and its transferring staff."""

    population_2022: int = Field(ge=0)
    labour_force_2023_07: int = Field(ge=0)
    labour_force_forecast_2035: int = Field(ge=0)
    working_age_2021: int = Field(ge=0)
    foreign_language_2022: int = Field(ge=0)
    employment_rate_2021: float = Field(ge=0, le=100)
    unemployment_rate_2023_07: float = Field(ge=0, le=100)
    staff_fte: float = Field(ge=0)


class Municipality(Entity):
    id: str
    name: Bitext
    stats: MunicipalityFigures
    source: str
