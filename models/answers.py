"""Checking a checklist's answers against its template: types, allowed values, no personal identity codes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import datetime as dt
import math
import re
from dataclasses import dataclass

from te_navigator.models import formatting
from te_navigator.models.i18n import _
from te_navigator.models.privacy import contains_hetu
from te_navigator.models.vocabulary import EARLIEST_DATE, LATEST_DATE

if TYPE_CHECKING:  # pydantic is imported only where an entity is made, not where one is read
    from te_navigator.models.entities import Checklist, ChecklistItem, Choice, Municipality


class AnsweredItem(Protocol):
    """What putting an answer in words needs of its item: a checklist's item, or one kept with a practice attempt."""

    @property
    def type(self) -> str: ...

    @property
    def choices(self) -> list[Choice] | None: ...

    @property
    def choices_from(self) -> str | None: ...


# Bounds on everything typed or read from a file, so that one absurd value cannot break a list for everyone
# (a date in the year 9999 once broke the follow-ups, hence EARLIEST_DATE/LATEST_DATE). The app's screens and the
# command line share them.
NOT_IN_FUTURE = frozenset({"registered_on"})  # date items that record what has already happened
MAX_TEXT = 5000  # an answer or an internal note
MAX_SHORT_TEXT = 100  # an area, a period
NUMBER_LIMIT = 1_000_000_000  # a number item without its own min and max
_CONTROL_CHARACTERS = frozenset(chr(code) for code in range(32) if chr(code) not in "\t\n\r") | {"\x7f"}
SHOWN_VALUE = 40  # a refused value is quoted in the message up to this many characters
FINNISH_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class AnswerProblem:
    item: str
    message: str

    def __str__(self) -> str:
        return f"{self.item}: {self.message}"


def choice_ids(item: ChecklistItem, municipality_ids: list[str]) -> list[str]:
    if item.choices_from == "municipalities":
        return list(municipality_ids)
    return [choice.id for choice in item.choices or []]


def check_answers(
    template: Checklist, answers: dict, municipality_ids: list[str], today: dt.date | None = None
) -> tuple[dict, list[AnswerProblem]]:
    """Answers in their stored form (dates as YYYY-MM-DD, None for unanswered) and every problem found."""
    today = today or dt.date.today()
    items = {item.id: item for item in template.items}
    problems = [
        AnswerProblem(key, _("unknown item for the checklist {template}").format(template=template.id))
        for key in answers
        if key not in items
    ]
    clean: dict = {}
    for item_id, item in items.items():
        value = answers.get(item_id)
        if value is None or value == "":
            clean[item_id] = None
            continue
        stored, message = _check_value(item, value, municipality_ids, today)
        if message:
            problems.append(AnswerProblem(item_id, message))
        else:
            clean[item_id] = stored
    return clean, problems


def check_answer(
    item: ChecklistItem, value, municipality_ids: list[str], today: dt.date | None = None
) -> tuple[object, str | None]:
    """One answer in its stored form (None for unanswered), or None and why it was refused."""
    if value is None or value == "":
        return None, None
    return _check_value(item, value, municipality_ids, today or dt.date.today())


def _check_value(item: ChecklistItem, value, municipality_ids: list[str], today: dt.date):
    kind = item.type
    if kind == "yesno":
        if isinstance(value, bool):
            return value, None
        return None, _("expected yes or no (true or false), got {value!r}").format(value=shown(value))
    if kind == "choice":
        allowed = choice_ids(item, municipality_ids)
        if value in allowed:
            return value, None
        return None, _("{value!r} is not one of {choices}").format(value=shown(value), choices=", ".join(allowed))
    if kind == "number":
        return _check_number(item, value)
    if kind == "date":
        return _check_date(value, today, not_future=item.id in NOT_IN_FUTURE)
    return _check_text(value)


def _check_number(item: ChecklistItem, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            value = float(str(value).strip().replace(" ", "").replace("\u00a0", "").replace(",", "."))
        except ValueError:
            return None, _("expected a number, got {value!r}").format(value=shown(value))
    if not math.isfinite(value):
        return None, _("expected a number, got {value!r}").format(value=shown(value))
    low = -NUMBER_LIMIT if item.min is None else item.min
    high = NUMBER_LIMIT if item.max is None else item.max
    if not low <= value <= high:
        return None, _("{value} is impossible here: expected {low}–{high}").format(
            value=shown(_plain(value)), low=_plain(low), high=_plain(high)
        )
    return _plain(value), None


def _plain(number):
    if number is None:
        return "…"
    return int(number) if float(number).is_integer() else number


def _check_date(value, today: dt.date, not_future: bool = False):
    day, message = parse_day(value)
    if day is None:
        return None, message
    message = day_problem(day, today, not_future)
    return (None, message) if message else (day.isoformat(), None)


def parse_day(value) -> tuple[dt.date | None, str | None]:
    """A date from a date object or d.m.yyyy or YYYY-MM-DD text, or a message saying what was typed."""
    try:
        return parse_date(value), None
    except ValueError:
        return None, _("expected a date as d.m.yyyy or YYYY-MM-DD, got {value!r}").format(value=shown(value))


def day_problem(day: dt.date, today: dt.date | None = None, not_future: bool = False) -> str | None:
    """A message when a date lies outside 1900–2100 (or, for what has already happened, after today)."""
    today = today or dt.date.today()
    latest = min(today, LATEST_DATE) if not_future else LATEST_DATE
    if EARLIEST_DATE <= day <= latest:
        return None
    if not_future and day > today:
        return _("{value} is in the future: expected a date no later than today ({today})").format(
            value=day.isoformat(), today=today.isoformat()
        )
    return _("{value} is impossible here: expected a date between {low} and {high}").format(
        value=day.isoformat(), low=EARLIEST_DATE.isoformat(), high=latest.isoformat()
    )


def parse_date(value) -> dt.date:
    """A date written as d.m.yyyy (as Finns and Finland-Swedes write it) or as YYYY-MM-DD; ValueError if neither."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    finnish = FINNISH_DATE.match(text)
    if finnish:
        day, month, year = (int(part) for part in finnish.groups())
        return dt.date(year, month, day)
    if ISO_DATE.match(text):
        return dt.date.fromisoformat(text)
    raise ValueError(text)


def _check_text(value):
    message = text_problem(value, MAX_TEXT)
    return (None, message) if message else (value, None)


def text_problem(value, limit: int = MAX_TEXT) -> str | None:
    """Why a free text cannot be stored, or None: not text, not valid Unicode, control characters, too long,
    or a personal identity code inside."""
    if not isinstance(value, str):
        return _("expected text, got {value!r}").format(value=shown(value))
    if not is_valid_unicode(value):
        return _("the text is not valid UTF-8 (a broken or lone character); type it again")
    if any(char in _CONTROL_CHARACTERS for char in value):
        return _("the text contains a control character; remove it")
    if len(value) > limit:
        return _("the text is longer than {limit} characters").format(limit=limit)
    if contains_hetu(value):
        return hetu_refusal()
    return None


def is_valid_unicode(value: str) -> bool:
    """False for lone surrogates: what Python makes of bytes that are not UTF-8 (and what SQLite refuses)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(value):
    """A refused value as a message quotes it: long ones cut, so that one message stays a few lines."""
    if isinstance(value, str) and len(value) > SHOWN_VALUE:
        return value[:SHOWN_VALUE] + "…"
    return value


def hetu_refusal() -> str:
    return _(
        "contains a Finnish personal identity code (henkilötunnus). te-navigator never stores one: "
        "use a pseudonymous reference and leave identifying details out."
    )


def progress(template: Checklist, answers: dict) -> tuple[int, int]:
    """(answered, total) items."""
    total = len(template.items)
    answered = sum(1 for item in template.items if answers.get(item.id) not in (None, ""))
    return answered, total


def choice_labels(item: AnsweredItem, municipalities: list[Municipality], lang: str) -> dict[str, str]:
    """A choice item's answer ids and their labels; `choices_from = "municipalities"` lists the municipalities."""
    if item.choices_from == "municipalities":
        return {m.id: m.name.text(lang) for m in municipalities}
    return {choice.id: choice.label.text(lang) for choice in item.choices or []}


def answer_text(item: AnsweredItem, value, lang: str, municipalities: list[Municipality]) -> str:
    """A stored answer in words, as the checklist screen and `assessments show` print it; "–" when unanswered."""
    if value is None or value == "":
        return "–"
    if item.type == "yesno":
        return _("yes") if value else _("no")
    if item.type == "choice":
        return choice_labels(item, municipalities, lang).get(value, str(value))
    # A refused answer stays on screen as typed (a date "24"), so only checked values are formatted.
    if item.type == "date" and isinstance(value, str):
        try:
            return formatting.date(dt.date.fromisoformat(value), lang)
        except ValueError:
            return value
    if item.type == "number" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return formatting.number(value, lang)
    return str(value)
