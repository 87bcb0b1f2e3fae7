"""Catalogue entities as typed models: the contract between seed/ and the rest of the code.

Each kind of entry in seed/ has one model here. `models/catalogue.py` validates every TOML entry against its model
strictly (no type coercion: `statutory = 1` is refused) and turns pydantic's errors into translated problems that
name the file, line, entry and field. The same models are what the store gives to the screens and the commands:
readers use attributes (`service.name.text(lang)`, `municipality.stats.population_2022`), never `["name"][lang]`;
`model_dump(mode="json")` gives the JSON the commands print.

Checks that need more than one entry (references, pathway graphs, rules against their checklist) live in
`models/consistency.py` and the loader. pydantic is imported only where a model is needed: not before the app's
first paint, which reads a JSON snapshot.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from te_navigator.models.i18n import _
from te_navigator.models.vocabulary import (
    AUDIENCES,
    DEADLINE_LIMITS,
    EARLIEST_DATE,
    LATEST_DATE,
    NOT_STATED,
    PRODUCTIONS,
)


Audience = Literal["jobseeker", "employer", "entrepreneur", "authority"]
ServiceKind = Literal["T", "E"]
Production = Literal["own", "purchased", "both", "state", "partner"]
Channel = Literal["office", "palvelutori", "online", "national"]
PartnerType = Literal[
    "ministry",
    "state-agency",
    "authority",
    "regional-council",
    "wellbeing-county",
    "social-insurance",
    "education",
    "business-development",
    "business-organisation",
    "labour-organisation",
    "association",
    "forum",
    "municipal",
    "company",
    "project",
    "other",
]
ItemType = Literal["yesno", "choice", "number", "date", "text"]
RuleOp = Literal["=", "!=", "<", "<=", ">", ">=", "in", "answered", "unanswered"]
SuggestionKind = Literal["service", "service_line", "model", "pathway"]

# The plain tuples (models/vocabulary.py, importable without pydantic) and these types must agree.
assert (get_args(Audience), get_args(Production)) == (AUDIENCES, PRODUCTIONS)


def refusal(message: str, field: str = "") -> PydanticCustomError:
    """A validation error whose message is already translated; `field` names the field a whole-entry check
    blames."""
    return PydanticCustomError("catalogue", "{message}", {"message": message, "field": field})


@dataclass(frozen=True)
class Ref:
    """Marks a field that holds the id (or ids) of another kind of entry; the loader checks they exist."""

    kind: str


def _non_empty(value: str) -> str:
    if not value.strip():
        raise refusal(_("expected non-empty text"))
    return value


def _no_brackets(value: str) -> str:
    """Texts shown in the app's lists and cards: Textual reads [ … ] there as formatting, and a stray [/] would
    stop the screen from drawing."""
    if "[" in value or "]" in value:
        raise refusal(_("square brackets are not allowed in a text shown in the app (they read as formatting)"))
    return value


def _no_identity_code(value: str) -> str:
    """A practice story or a glossary note drawn from a real case must not bring its personal identity code along:
    the catalogue is stored and shown like any text."""
    from te_navigator.models.privacy import contains_hetu

    if contains_hetu(value):
        from te_navigator.models.answers import hetu_refusal

        raise refusal(hetu_refusal())
    return value


def _unique(values: list | None) -> list | None:
    if values is not None and len(set(values)) != len(values):
        raise refusal(_("a value is listed twice"))
    return values


def _in_date_range(value: dt.date) -> dt.date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise refusal(
            _("{value} is impossible here: expected a date between {low} and {high}").format(
                value=value.isoformat(), low=EARLIEST_DATE.isoformat(), high=LATEST_DATE.isoformat()
            )
        )
    return value


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def between(low: float, high: float) -> AfterValidator:
    """A whole number or number within [low, high]: beyond, the app would misbehave (a 9999-day deadline)."""

    def check(value: float) -> float:
        if not low <= value <= high:
            raise refusal(
                _("{value} is out of range: expected {low}–{high}").format(
                    value=value, low=_plain(low), high=_plain(high)
                )
            )
        return value

    return AfterValidator(check)


def _above_zero(value: int) -> int:
    if value <= 0:
        raise refusal(_("expected a whole number above 0 (costs are shared by it)"))
    return value


def _zero_or_more(value: int) -> int:
    if value < 0:
        raise refusal(_("expected a whole number of 0 or more"))
    return value


def _percentage(value: float) -> float:
    if not 0 < value <= 100:
        raise refusal(_("expected a percentage above 0 and at most 100"))
    return value


Text = Annotated[str, AfterValidator(_non_empty)]
ShownText = Annotated[str, AfterValidator(_non_empty), AfterValidator(_no_brackets), AfterValidator(_no_identity_code)]
Day = Annotated[dt.date, AfterValidator(_in_date_range)]
Number = Annotated[float, Field(allow_inf_nan=False)]
Figure = Annotated[int, AfterValidator(_above_zero)]


class Entity(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Bitext(Entity):
    """One text in Finnish and in Swedish."""

    fi: ShownText
    sv: ShownText

    def text(self, lang: str) -> str:
        return self.sv if lang == "sv" else self.fi


class BiList(Entity):
    """Words in Finnish and in Swedish (a service's search keywords)."""

    fi: list[str]
    sv: list[str]

    def words(self, lang: str) -> list[str]:
        return self.sv if lang == "sv" else self.fi


def _stated(kind: str) -> BeforeValidator:
    """A fact that is either stated (fi/sv text, text, or a web address) or "not-stated"."""

    def check(value: Any) -> Any:
        if value == NOT_STATED:
            return value
        if kind == "bitext":
            if not isinstance(value, dict):
                raise refusal(
                    _('expected a table with fi and sv text, or "{not_stated}"').format(not_stated=NOT_STATED)
                )
            return value
        if not isinstance(value, str) or not value.strip():
            raise refusal(_('expected non-empty text or "{not_stated}"').format(not_stated=NOT_STATED))
        if kind == "url" and not _is_web_address(value):
            raise refusal(
                _('{value!r} is not a web address (https://…) or "{not_stated}"').format(
                    value=value, not_stated=NOT_STATED
                )
            )
        return value

    return BeforeValidator(check)


def _is_web_address(value: str) -> bool:
    import re

    return re.match(r"^https://[\w.-]+\.[a-z]{2,}(/\S*)?$", value) is not None


StatedText = Annotated[Bitext | Literal["not-stated"], _stated("bitext")]
StatedStr = Annotated[str, _stated("str")]
StatedUrl = Annotated[str, _stated("url")]


class ServiceFacts(Entity):
    """What a caseworker looks up about a service ([service.facts]); each fact may be "not-stated"."""

    for_whom: StatedText
    duration_and_amounts: StatedText
    customer_cost: StatedText
    legal_basis: StatedStr
    web_page: StatedUrl
    source: Text | None = None  # required as soon as one fact is stated (models/consistency.py)

    def stated(self, name: str) -> Bitext | str | None:
        """The fact, or None where it is not stated."""
        value = getattr(self, name)
        return None if value == NOT_STATED else value


class Group(Entity):
    id: Text
    order: int
    name: Bitext
    description: Bitext
    source: Text
    sv_confirmed: bool = True


class ServiceLine(Group):
    pass


class Partner(Entity):
    id: Text
    name: Bitext
    type: PartnerType
    role: Bitext
    current_name: Bitext | None = None
    renamed_on: Day | None = None
    renamed_source: Text | None = None
    source: Text
    sv_confirmed: bool = True

    @property
    def shown_name(self) -> Bitext:
        """The name in use today (a renamed authority goes by its new name)."""
        return self.current_name or self.name


class MultiAgencyModel(Entity):
    id: Text
    acronym: Text
    name: Bitext
    description: Bitext
    partners: Annotated[list[Text], Ref("partner"), AfterValidator(_unique)]
    service_lines: Annotated[list[Text], Ref("service_line"), AfterValidator(_unique)]
    status: Literal["active", "superseded"] = "active"
    superseded_on: Day | None = None
    superseded_by: Annotated[Text | None, Ref("model")] = None
    status_source: Text | None = None
    source: Text
    sv_confirmed: bool = True

    @model_validator(mode="after")
    def _status_fields(self) -> MultiAgencyModel:
        superseded = self.status == "superseded"
        for name in ("superseded_on", "superseded_by", "status_source"):
            if superseded and getattr(self, name) is None:
                raise refusal(_("a superseded model needs the date, its successor and the source"), name)
            if not superseded and name != "status_source" and getattr(self, name) is not None:
                raise refusal(_("only a superseded model has this field"), name)
        return self


class Service(Entity):
    id: Text
    name: Bitext
    groups: Annotated[list[Text], Ref("group"), AfterValidator(_unique)]
    audience: Annotated[list[Audience], AfterValidator(_unique)]
    kind: Annotated[list[ServiceKind], AfterValidator(_unique)]
    production: Production
    statutory: bool
    service_lines: Annotated[list[Text], Ref("service_line"), AfterValidator(_unique)]
    partners: Annotated[list[Text], Ref("partner"), AfterValidator(_unique)]
    channels: Annotated[list[Channel], AfterValidator(_unique)]
    status: Literal["active", "abolished"]
    abolished_on: Day | None = None
    status_source: Text | None = None
    # A factory, not an instance: building one at import would build the model's validator before any is needed.
    keywords: BiList = Field(default_factory=lambda: BiList(fi=[], sv=[]))
    description: Bitext
    source: Text
    sv_confirmed: bool = True
    facts: ServiceFacts | None = None

    @model_validator(mode="after")
    def _abolished_on(self) -> Service:
        abolished = self.status == "abolished"
        if abolished and self.abolished_on is None:
            raise refusal(_("an abolished service needs the date it was abolished"), "abolished_on")
        if not abolished and self.abolished_on is not None:
            raise refusal(_("only an abolished service has this date"), "abolished_on")
        return self


class MunicipalityFigures(Entity):
    """The plan's figures of one municipality (section 1's table) and its transferring staff."""

    population_2022: Figure
    labour_force_2023_07: Figure
    labour_force_forecast_2035: Figure
    working_age_2021: Figure
    foreign_language_2022: Annotated[int, AfterValidator(_zero_or_more)]
    employment_rate_2021: Annotated[Number, AfterValidator(_percentage)]
    unemployment_rate_2023_07: Annotated[Number, AfterValidator(_percentage)]
    staff_fte: Annotated[Number, between(0, 10_000)]


MUNICIPALITY_STATS = tuple(name for name in MunicipalityFigures.model_fields if name != "staff_fte")


class Municipality(Entity):
    id: Text
    name: Bitext
    stats: MunicipalityFigures
    source: Text
    sv_confirmed: bool = True

    @model_validator(mode="before")
    @classmethod
    def _staff_among_figures(cls, data: Any) -> Any:
        """seed/ writes the staff beside the plan's figures (`staff_fte = …`); the model keeps them together."""
        if isinstance(data, dict) and "staff_fte" in data and isinstance(data.get("stats"), dict):
            data = {**data, "stats": {**data["stats"], "staff_fte": data["staff_fte"]}}
            del data["staff_fte"]
        return data


class ServicePoint(Entity):
    id: Text
    municipality: Annotated[Text, Ref("municipality")]
    kind: Literal["office", "palvelutori"]
    name: Bitext
    description: Bitext
    visit_interval: Bitext | None = None
    source: Text
    sv_confirmed: bool = True


class OrientationLanguage(Entity):
    id: Text
    name: Bitext
    production: Literal["own", "framework"]
    sv_confirmed: bool = True


class Orientation(Entity):
    """[orientation] in orientation.toml: the orientation services as a whole."""

    description: Bitext
    framework_agreement: Bitext
    source: Text
    sv_confirmed: bool = True


class OrientationServices(Orientation):
    """What the store gives for orientation: [orientation] with the languages of orientation.toml ([[language]])."""

    languages: list[OrientationLanguage] = []


class Periods(Entity):
    """[periods] in municipalities.toml: when each of the plan's figures was measured."""

    population_2022: Bitext
    labour_force_2023_07: Bitext
    labour_force_forecast_2035: Bitext
    working_age_2021: Bitext
    foreign_language_2022: Bitext
    employment_rate_2021: Bitext
    unemployment_rate_2023_07: Bitext
    staff_fte: Bitext


class Term(Entity):
    """A glossary term: the abbreviation or word, what it stands for and what it means."""

    id: Text
    term: Bitext
    expansion: Bitext
    explanation: Bitext
    source: Text
    sv_confirmed: bool = True
    # What the term concerns (vocabulary.TERM_LINKS); a term that concerns nothing links to nothing.
    related_services: Annotated[list[Text], Ref("service"), AfterValidator(_unique)] = []
    related_partners: Annotated[list[Text], Ref("partner"), AfterValidator(_unique)] = []
    related_pathways: Annotated[list[Text], Ref("pathway"), AfterValidator(_unique)] = []

    @property
    def name(self) -> Bitext:
        return self.term


class Choice(Entity):
    id: Text
    label: Bitext


class ChecklistItem(Entity):
    id: Text
    type: ItemType
    label: Bitext
    help: Bitext
    choices: list[Choice] | None = None
    choices_from: Literal["municipalities"] | None = None
    min: Annotated[Number, between(-1e9, 1e9)] | None = None
    max: Annotated[Number, between(-1e9, 1e9)] | None = None
    source: Text
    sv_confirmed: bool = True


class Checklist(Entity):
    """A service-needs checklist (one file in seed/checklists/): [template] and its [[item]]s."""

    id: Text
    tier: Annotated[int, between(1, 3)]
    subject: Literal["area", "case"]
    review: Literal["yearly", "quarterly", "per-case"]
    name: Bitext
    description: Bitext
    source: Text
    sv_confirmed: bool = True
    items: list[ChecklistItem]


class Condition(Entity):
    item: Text
    op: RuleOp
    value: Any = None


class Suggestion(Entity):
    kind: SuggestionKind
    id: Text


class Rule(Entity):
    """What a checklist's answers suggest, in force from `valid_from` (to `valid_to`)."""

    id: Text
    template: Annotated[Text, Ref("checklist")]
    when: list[Condition]
    suggest: list[Suggestion]
    reason: Bitext
    law: Bitext | None = None
    valid_from: Day
    valid_to: Day | None = None
    source: Text
    sv_confirmed: bool = True


class Deadline(Entity):
    """A legal deadline counted from a checklist's date item (or an earlier deadline), in one unit."""

    id: Text
    name: Bitext
    template: Annotated[Text, Ref("checklist")]
    from_item: Text
    from_deadline: Text | None = None
    chosen_by: Text | None = None
    when: list[Condition] | None = None
    working_days: Annotated[int, between(1, DEADLINE_LIMITS["working_days"])] | None = None
    days: Annotated[int, between(1, DEADLINE_LIMITS["days"])] | None = None
    weeks: Annotated[int, between(1, DEADLINE_LIMITS["weeks"])] | None = None
    months: Annotated[int, between(1, DEADLINE_LIMITS["months"])] | None = None
    valid_from: Day
    valid_to: Day | None = None
    legal_source: Text
    note: Bitext | None = None
    customer_text: Bitext | None = None
    sv_confirmed: bool = True


class DatedFact(Entity):
    """A fact of the law that changed on a date (the help's "what changed" list)."""

    id: Text
    title: Bitext
    text: Bitext
    valid_from: Day
    valid_to: Day | None = None
    law: Bitext
    pathways: Annotated[list[Text] | None, Ref("pathway"), AfterValidator(_unique)] = None
    source: Text
    sv_confirmed: bool = True


class PathwayStep(Entity):
    id: Text
    name: Bitext
    service: Annotated[Text | None, Ref("service")] = None
    partner: Annotated[Text | None, Ref("partner")] = None
    responsible: Bitext
    timing: Bitext
    due_working_days: Annotated[int, between(1, DEADLINE_LIMITS["working_days"])] | None = None
    handoff: Bitext | None = None
    customer_text: Bitext
    next: list[str]
    exit: bool
    source: Text
    sv_confirmed: bool = True


class Pathway(Entity):
    """A referral pathway (one file in seed/pathways/): [pathway] and its [[step]]s."""

    id: Text
    name: Bitext
    description: Bitext
    audience: Annotated[list[Audience], AfterValidator(_unique)]
    start: Text
    source: Text
    sv_confirmed: bool = True
    steps: list[PathwayStep]


class PracticeWhy(Entity):
    """Why the model answer is what it is: overall, the pathway, each service; optionally answers and services
    a trainee may pick that the model does not (id → fi/sv text; checked against the case in practice_cases)."""

    summary: Bitext
    pathway: Bitext
    services: dict[str, Bitext]
    answers: dict[str, Bitext] | None = None
    not_chosen: dict[str, Bitext] | None = None


class PracticeCase(Entity):
    """A made-up case for practice (one file in seed/practice/) with the model answer an experienced caseworker
    would give. Its answers, deadlines and explanations are held to the real checklist and deadline rules in
    models/practice_cases.py; the due dates are never written in seed/, the deadline rules compute them."""

    id: Text
    checklist: Annotated[Text, Ref("checklist")]
    customer_language: Literal["fi", "sv"]
    assessed_on: Day
    title: Bitext
    story: Bitext
    answers: dict[str, Any]
    services: Annotated[list[Text], Ref("service"), AfterValidator(_unique)]
    pathway: Annotated[Text, Ref("pathway")]
    deadlines: Annotated[list[Text], AfterValidator(_unique)]
    why: PracticeWhy
    source: Text
    sv_confirmed: bool = True
