"""What each kind of catalogue entry may hold: the contract between seed/ and the loader.

Field specs are small tuples so that the validator can report every problem with the field's name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

AUDIENCES = ("jobseeker", "employer", "entrepreneur", "authority")
SERVICE_KINDS = ("T", "E")
PRODUCTIONS = ("own", "purchased", "both", "state", "partner")
CHANNELS = ("office", "palvelutori", "online", "national")
STATUSES = ("active", "abolished")
PARTNER_TYPES = (
    "ministry", "state-agency", "authority", "regional-council", "wellbeing-county", "social-insurance",
    "education", "business-development", "business-organisation", "labour-organisation", "association",
    "forum", "municipal", "company", "project", "other",
)
SERVICE_POINT_KINDS = ("office", "palvelutori")
LANGUAGES = ("fi", "sv")
MUNICIPALITY_STATS = (
    "population_2022",
    "labour_force_2023_07",
    "labour_force_forecast_2035",
    "working_age_2021",
    "foreign_language_2022",
    "employment_rate_2021",
    "unemployment_rate_2023_07",
)
INTEGER_STATS = MUNICIPALITY_STATS[:5]


@dataclass(frozen=True)
class Field:
    """One field of an entry: its type name, whether it is required, and its allowed values or target kind."""

    type: str  # str, int, number, bool, date, bitext, bilist, list, enum, enum-list, ref, ref-list, stats, table
    required: bool = True
    choices: tuple[str, ...] = ()
    ref: str = ""


@dataclass(frozen=True)
class Kind:
    """A kind of entry: the file(s) it lives in, the TOML array that holds it, and its fields."""

    name: str
    array: str
    files: tuple[str, ...]
    fields: dict[str, Field] = field(default_factory=dict)


TEXT = Field("bitext")
OPT_TEXT = Field("bitext", required=False)
SOURCE = Field("str")
SV_CONFIRMED = Field("bool", required=False)

KINDS: dict[str, Kind] = {
    "group": Kind("group", "group", ("groups.toml",), {
        "id": Field("str"), "order": Field("int"), "name": TEXT, "description": TEXT, "source": SOURCE,
        "sv_confirmed": SV_CONFIRMED,
    }),
    "service_line": Kind("service_line", "service_line", ("service_lines.toml",), {
        "id": Field("str"), "order": Field("int"), "name": TEXT, "description": TEXT, "source": SOURCE,
        "sv_confirmed": SV_CONFIRMED,
    }),
    "partner": Kind("partner", "partner", ("partners.toml",), {
        "id": Field("str"), "name": TEXT, "type": Field("enum", choices=PARTNER_TYPES), "role": TEXT,
        "current_name": OPT_TEXT, "renamed_on": Field("date", required=False),
        "renamed_source": Field("str", required=False), "source": SOURCE, "sv_confirmed": SV_CONFIRMED,
    }),
    "model": Kind("model", "model", ("multi_agency_models.toml",), {
        "id": Field("str"), "acronym": Field("str"), "name": TEXT, "description": TEXT,
        "partners": Field("ref-list", ref="partner"), "service_lines": Field("ref-list", ref="service_line"),
        "source": SOURCE, "sv_confirmed": SV_CONFIRMED,
    }),
    "service": Kind("service", "service", ("services/*.toml",), {
        "id": Field("str"), "name": TEXT,
        "groups": Field("ref-list", ref="group"),
        "audience": Field("enum-list", choices=AUDIENCES),
        "kind": Field("enum-list", choices=SERVICE_KINDS),
        "production": Field("enum", choices=PRODUCTIONS),
        "statutory": Field("bool"),
        "service_lines": Field("ref-list", ref="service_line"),
        "partners": Field("ref-list", ref="partner"),
        "channels": Field("enum-list", choices=CHANNELS),
        "status": Field("enum", choices=STATUSES),
        "abolished_on": Field("date", required=False),
        "status_source": Field("str", required=False),
        "keywords": Field("bilist", required=False),
        "description": TEXT, "source": SOURCE, "sv_confirmed": SV_CONFIRMED,
    }),
    "municipality": Kind("municipality", "municipality", ("municipalities.toml",), {
        "id": Field("str"), "name": TEXT, "stats": Field("stats"), "staff_fte": Field("number"),
        "source": SOURCE, "sv_confirmed": SV_CONFIRMED,
    }),
    "service_point": Kind("service_point", "service_point", ("service_points.toml",), {
        "id": Field("str"), "municipality": Field("ref", ref="municipality"),
        "kind": Field("enum", choices=SERVICE_POINT_KINDS), "name": TEXT, "description": TEXT,
        "visit_interval": OPT_TEXT, "source": SOURCE, "sv_confirmed": SV_CONFIRMED,
    }),
    "language": Kind("language", "language", ("orientation.toml",), {
        "id": Field("str"), "name": TEXT, "production": Field("enum", choices=("own", "framework")),
        "sv_confirmed": SV_CONFIRMED,
    }),
    "term": Kind("term", "term", ("glossary.toml",), {
        "id": Field("str"), "term": TEXT, "expansion": TEXT, "explanation": TEXT, "source": SOURCE,
        "sv_confirmed": SV_CONFIRMED,
    }),
}

# Single tables (not arrays) that a file may hold besides its array.
SINGLE_TABLES: dict[str, dict[str, Field]] = {
    "orientation.toml:orientation": {
        "description": TEXT, "framework_agreement": TEXT, "source": SOURCE, "sv_confirmed": SV_CONFIRMED,
    },
    "municipalities.toml:periods": {key: TEXT for key in MUNICIPALITY_STATS} | {"staff_fte": TEXT},
}
