"""What each kind of catalogue entry may hold: the contract between seed/ and the loader.

Field specs are small tuples so that the validator can report every problem with the field's name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

AUDIENCES = ("jobseeker", "employer", "entrepreneur", "authority")
SERVICE_KINDS = ("T", "E")
PRODUCTIONS = ("own", "purchased", "both", "state", "partner")
CHANNELS = ("office", "palvelutori", "online", "national")
STATUSES = ("active", "abolished")
MODEL_STATUSES = ("active", "superseded")
NOT_STATED = "not-stated"  # a fact the plan and the law leave open: shown as "not stated", never guessed
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
MAY_BE_ZERO_STATS = ("foreign_language_2022",)  # every other figure is a population or a rate above zero
MAX_NESTING = 12  # tables within tables in one file; the catalogue's deepest is about 5


@dataclass(frozen=True)
class Field:
    """One field of an entry: its type name, whether it is required, and its allowed values or target kind."""

    # str, int, number, bool, date, bitext, bilist, enum, enum-list, ref, ref-list, stats, tables, table, any,
    # and for service facts: bitext-or-not-stated, str-or-not-stated, url-or-not-stated
    type: str
    required: bool = True
    choices: tuple[str, ...] = ()
    ref: str = ""
    fields: dict[str, Any] | None = field(default=None, hash=False, compare=False)  # of "tables" and "table"
    low: float | None = None   # an int's or a number's smallest sensible value
    high: float | None = None  # and its largest: beyond these the app would misbehave (a 9999-day deadline)


@dataclass(frozen=True)
class Kind:
    """A kind of entry: the file(s) it lives in, the TOML array that holds it, and its fields.

    A kind with a `header` has one entry per file: the table [header], with the file's array of
    tables [[child_array]] as its field `child_field` (a checklist's items, a pathway's steps)."""

    name: str
    array: str
    files: tuple[str, ...]
    fields: dict[str, Field] = field(default_factory=dict)
    header: str = ""
    child_array: str = ""
    child_field: str = ""
    identity: tuple[str, ...] = ("id",)  # the fields that must be unique together


TEXT = Field("bitext")
STATED_TEXT = Field("bitext-or-not-stated")
OPT_TEXT = Field("bitext", required=False)
SOURCE = Field("str")
SV_CONFIRMED = Field("bool", required=False)

# What a caseworker looks up about a service ([service.facts]); each fact may be NOT_STATED.
SERVICE_FACTS = {
    "for_whom": STATED_TEXT, "duration_and_amounts": STATED_TEXT, "customer_cost": STATED_TEXT,
    "legal_basis": Field("str-or-not-stated"), "web_page": Field("url-or-not-stated"),
    "source": Field("str", required=False),  # required as soon as one fact is stated (consistency check)
}
STATED_FACTS = tuple(name for name in SERVICE_FACTS if name != "source")

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
        "status": Field("enum", required=False, choices=MODEL_STATUSES),
        "superseded_on": Field("date", required=False), "superseded_by": Field("ref", required=False, ref="model"),
        "status_source": Field("str", required=False),
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
        "facts": Field("table", required=False, fields=SERVICE_FACTS),
    }),
    "municipality": Kind("municipality", "municipality", ("municipalities.toml",), {
        "id": Field("str"), "name": TEXT, "stats": Field("stats"), "staff_fte": Field("number", low=0, high=10_000),
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

ITEM_TYPES = ("yesno", "choice", "number", "date", "text")
CHECKLIST_SUBJECTS = ("area", "case")
REVIEWS = ("yearly", "quarterly", "per-case")
RULE_OPS = ("=", "!=", "<", "<=", ">", ">=", "in", "answered", "unanswered")
SUGGESTION_KINDS = ("service", "service_line", "model", "pathway")
DEADLINE_UNITS = ("working_days", "days", "weeks", "months")  # a deadline gives exactly one
# The longest sensible deadline in each unit (about five years); beyond, dates run past 2100 or loops run long.
DEADLINE_LIMITS = {"working_days": 1300, "days": 1830, "weeks": 260, "months": 60}
CONDITIONS = Field("tables", fields={
    "item": Field("str"), "op": Field("enum", choices=RULE_OPS), "value": Field("any", required=False)})

CHOICE = Field("tables", fields={"id": Field("str"), "label": TEXT})
CHECKLIST_ITEM = {
    "id": Field("str"), "type": Field("enum", choices=ITEM_TYPES), "label": TEXT, "help": TEXT,
    "choices": Field("tables", required=False, fields=CHOICE.fields),
    "choices_from": Field("enum", required=False, choices=("municipalities",)),
    "min": Field("number", required=False, low=-1e9, high=1e9),
    "max": Field("number", required=False, low=-1e9, high=1e9),
    "source": SOURCE, "sv_confirmed": SV_CONFIRMED,
}
PATHWAY_STEP = {
    "id": Field("str"), "name": TEXT, "service": Field("ref", required=False, ref="service"),
    "partner": Field("ref", required=False, ref="partner"), "responsible": TEXT, "timing": TEXT,
    "due_working_days": Field("int", required=False, low=1, high=DEADLINE_LIMITS["working_days"]), "handoff": OPT_TEXT, "customer_text": TEXT,
    "next": Field("list"), "exit": Field("bool"), "source": SOURCE, "sv_confirmed": SV_CONFIRMED,
}

KINDS |= {
    "checklist": Kind("checklist", "", ("checklists/*.toml",), {
        "id": Field("str"), "tier": Field("int", low=1, high=3), "subject": Field("enum", choices=CHECKLIST_SUBJECTS),
        "review": Field("enum", choices=REVIEWS), "name": TEXT, "description": TEXT, "source": SOURCE,
        "sv_confirmed": SV_CONFIRMED, "items": Field("tables", fields=CHECKLIST_ITEM),
    }, header="template", child_array="item", child_field="items"),
    "rule": Kind("rule", "rule", ("rules.toml",), {
        "id": Field("str"), "template": Field("ref", ref="checklist"),
        "when": CONDITIONS,
        "suggest": Field("tables", fields={
            "kind": Field("enum", choices=SUGGESTION_KINDS), "id": Field("str")}),
        "reason": TEXT, "law": OPT_TEXT, "valid_from": Field("date"), "valid_to": Field("date", required=False),
        "source": SOURCE, "sv_confirmed": SV_CONFIRMED,
    }, identity=("id", "valid_from")),
    "deadline": Kind("deadline", "deadline", ("deadlines.toml",), {
        "id": Field("str"), "name": TEXT, "template": Field("ref", ref="checklist"), "from_item": Field("str"),
        "from_deadline": Field("str", required=False), "chosen_by": Field("str", required=False),
        "when": Field("tables", required=False, fields=CONDITIONS.fields),
        **{unit: Field("int", required=False, low=1, high=DEADLINE_LIMITS[unit]) for unit in DEADLINE_UNITS},
        "valid_from": Field("date"), "valid_to": Field("date", required=False), "legal_source": Field("str"),
        "note": OPT_TEXT, "customer_text": OPT_TEXT, "sv_confirmed": SV_CONFIRMED,
    }, identity=("id", "valid_from")),
    "dated_fact": Kind("dated_fact", "fact", ("dated_facts.toml",), {
        "id": Field("str"), "title": TEXT, "text": TEXT, "valid_from": Field("date"),
        "valid_to": Field("date", required=False), "law": TEXT,
        "pathways": Field("ref-list", required=False, ref="pathway"), "source": SOURCE, "sv_confirmed": SV_CONFIRMED,
    }),
    "pathway": Kind("pathway", "", ("pathways/*.toml",), {
        "id": Field("str"), "name": TEXT, "description": TEXT, "audience": Field("enum-list", choices=AUDIENCES),
        "start": Field("str"), "source": SOURCE, "sv_confirmed": SV_CONFIRMED,
        "steps": Field("tables", fields=PATHWAY_STEP),
    }, header="pathway", child_array="step", child_field="steps"),
}

# Single tables (not arrays) that a file may hold besides its array.
SINGLE_TABLES: dict[str, dict[str, Field]] = {
    "orientation.toml:orientation": {
        "description": TEXT, "framework_agreement": TEXT, "source": SOURCE, "sv_confirmed": SV_CONFIRMED,
    },
    "municipalities.toml:periods": dict.fromkeys(MUNICIPALITY_STATS, TEXT) | {"staff_fte": TEXT},
}
