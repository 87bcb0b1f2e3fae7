"""Checking a checklist's answers against its template: types, allowed values, no personal identity codes."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from te_navigator.models import formatting
from te_navigator.models.entities import Municipality
from te_navigator.models.i18n import _
from te_navigator.models.privacy import contains_hetu

EARLIEST_DATE = dt.date(1900, 1, 1)
MAX_TEXT = 5000


@dataclass(frozen=True)
class AnswerProblem:
    item: str
    message: str

    def __str__(self) -> str:
        return f"{self.item}: {self.message}"


def choice_ids(item: dict, municipality_ids: list[str]) -> list[str]:
    if item.get("choices_from") == "municipalities":
        return list(municipality_ids)
    return [choice["id"] for choice in item.get("choices", [])]


def check_answers(template: dict, answers: dict, municipality_ids: list[str],
                  today: dt.date | None = None) -> tuple[dict, list[AnswerProblem]]:
    """Answers in their stored form (dates as YYYY-MM-DD, None for unanswered) and every problem found."""
    today = today or dt.date.today()
    items = {item["id"]: item for item in template["items"]}
    problems = [AnswerProblem(key, _("unknown item for the checklist {template}").format(template=template["id"]))
                for key in answers if key not in items]
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


def _check_value(item: dict, value, municipality_ids: list[str], today: dt.date):
    kind = item["type"]
    if kind == "yesno":
        if isinstance(value, bool):
            return value, None
        return None, _("expected yes or no (true or false), got {value!r}").format(value=value)
    if kind == "choice":
        allowed = choice_ids(item, municipality_ids)
        if value in allowed:
            return value, None
        return None, _("{value!r} is not one of {choices}").format(value=value, choices=", ".join(allowed))
    if kind == "number":
        return _check_number(item, value)
    if kind == "date":
        return _check_date(value, today)
    return _check_text(value)


def _check_number(item: dict, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            value = float(str(value).replace(",", "."))
        except ValueError:
            return None, _("expected a number, got {value!r}").format(value=value)
    if not math.isfinite(value):
        return None, _("expected a number, got {value!r}").format(value=value)
    low, high = item.get("min"), item.get("max")
    if (low is not None and value < low) or (high is not None and value > high):
        return None, _("{value} is impossible here: expected {low}–{high}").format(
            value=_plain(value), low=_plain(low), high=_plain(high))
    return _plain(value), None


def _plain(number):
    if number is None:
        return "…"
    return int(number) if float(number).is_integer() else number


def _check_date(value, today: dt.date):
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value))
        except ValueError:
            return None, _("expected a date as YYYY-MM-DD, got {value!r}").format(value=value)
    latest = today + dt.timedelta(days=366)
    if not EARLIEST_DATE <= value <= latest:
        return None, _("{value} is impossible here: expected a date between {low} and {high}").format(
            value=value.isoformat(), low=EARLIEST_DATE.isoformat(), high=latest.isoformat())
    return value.isoformat(), None


def _check_text(value):
    if not isinstance(value, str):
        return None, _("expected text, got {value!r}").format(value=value)
    if len(value) > MAX_TEXT:
        return None, _("the text is longer than {limit} characters").format(limit=MAX_TEXT)
    if contains_hetu(value):
        return None, hetu_refusal()
    return value, None


def hetu_refusal() -> str:
    return _("contains a Finnish personal identity code (henkilötunnus). te-navigator never stores one: "
             "use a pseudonymous reference and leave identifying details out.")


def progress(template: dict, answers: dict) -> tuple[int, int]:
    """(answered, total) items."""
    total = len(template["items"])
    answered = sum(1 for item in template["items"] if answers.get(item["id"]) not in (None, ""))
    return answered, total


def choice_labels(item: dict, municipalities: list[Municipality], lang: str) -> dict[str, str]:
    """A choice item's answer ids and their labels; `choices_from = "municipalities"` lists the municipalities."""
    if item.get("choices_from") == "municipalities":
        return {m.id: m.name.text(lang) for m in municipalities}
    return {choice["id"]: choice["label"][lang] for choice in item.get("choices", [])}


def answer_text(item: dict, value, lang: str, municipalities: list[Municipality]) -> str:
    """A stored answer in words, as the checklist screen and `assessments show` print it; "–" when unanswered."""
    if value is None or value == "":
        return "–"
    if item["type"] == "yesno":
        return _("yes") if value else _("no")
    if item["type"] == "choice":
        return choice_labels(item, municipalities, lang).get(value, str(value))
    # A refused answer stays on screen as typed (a date "24"), so only checked values are formatted.
    if item["type"] == "date" and isinstance(value, str):
        try:
            return formatting.date(dt.date.fromisoformat(value), lang)
        except ValueError:
            return value
    if item["type"] == "number" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return formatting.number(value, lang)
    return str(value)
