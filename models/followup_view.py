"""The follow-up list in words, for the follow-ups screen and `te-navigator followups` alike.

`referrals.followups()` gives the data; this gives each line's texts in one language, so both show the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from te_navigator.models import formatting
from te_navigator.models.i18n import _, ngettext
from te_navigator.models.referrals import status_label


@dataclass(frozen=True)
class FollowupLine:
    case_reference: str
    pathway: str
    step: str
    status: str
    due: str
    working_days_left: str
    recorded_by: str  # the member of staff who recorded the referral (and who changed it last, when another)


@dataclass(frozen=True)
class FollowupSection:
    title: str
    urgency: str  # "overdue", "this-week" or "open": how loudly to show the title
    lines: list[FollowupLine]
    total: int  # how many there are in all; `lines` may hold only the first page of them

    @property
    def more(self) -> int:
        return max(0, self.total - len(self.lines))


@dataclass(frozen=True)
class TargetLine:
    case_reference: str
    target: str
    left: str
    missed: bool


@dataclass(frozen=True)
class DeadlineLine:
    case_reference: str
    name: str
    due: str
    left: str
    passed: bool


def followup_sections(data: dict, step_names: dict[tuple[str, str], dict], lang: str) -> list[FollowupSection]:
    """`step_names` is the reader's `step_names()`: (pathway, step) → {fi, sv}, read without pydantic (the
    follow-up list is a benchmarked command)."""
    steps = {key: name[lang] for key, name in step_names.items()}

    def line(row: dict) -> FollowupLine:
        return FollowupLine(
            case_reference=row["case_reference"],
            pathway=row["pathway"],
            step=steps.get((row["pathway"], row["step"]), row["step"]),
            status=status_label(row["status"]),
            due=_day(row["due_on"], lang),
            working_days_left=str(row.get("working_days_left", "–")),
            recorded_by=_who(row),
        )

    counts = data.get("counts", {})
    return [
        FollowupSection(title, urgency, [line(row) for row in data[key]], counts.get(key, len(data[key])))
        for title, urgency, key in (
            (_("Overdue"), "overdue", "overdue"),
            (_("Due this week"), "this-week", "due_this_week"),
            (_("All open referrals"), "open", "open"),
        )
    ]


def target_lines(data: dict, lang: str) -> list[TargetLine]:
    """Each case's three-month target: its date and the days left (or over)."""
    lines = []
    for case in data["cases"]:
        days = case["days_left"]
        lines.append(
            TargetLine(case["case_reference"], _day(case["target"], lang), days_in_words(days), missed=days < 0)
        )
    return lines


def _who(row: dict) -> str:
    recorded, changed = row.get("recorded_by") or "–", row.get("updated_by") or ""
    return recorded if changed in ("", recorded) else f"{recorded} → {changed}"


def deadline_lines(data: dict, lang: str) -> list[DeadlineLine]:
    """The deadlines of unfinished assessments (the initial interview among them): date and days left or over."""
    return [
        DeadlineLine(
            deadline["case_reference"] or "–",
            deadline["name"][lang],
            _day(deadline["due"], lang),
            days_in_words(deadline["days_left"]),
            passed=deadline["days_left"] < 0,
        )
        for deadline in data.get("deadlines", [])
    ]


def days_in_words(days: int) -> str:
    if days >= 0:
        return ngettext("{days} day left", "{days} days left", days).format(days=days)
    return ngettext("{days} day over", "{days} days over", -days).format(days=-days)


def _day(iso: str | None, lang: str) -> str:
    return formatting.date(dt.date.fromisoformat(iso), lang) if iso else "–"
