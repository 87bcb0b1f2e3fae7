"""A practice attempt in words, in the current language: the comparison with the model answer (for the screen
and `practice show`) and a group's results per case (for `practice results`).

Each line is (kind, text); kind is one of heading, score, same, differs, why, plain — the screen styles by it,
the command prints the text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from te_navigator.models import formatting
from te_navigator.models.answers import answer_text
from te_navigator.models.i18n import _, current_language, ngettext

if TYPE_CHECKING:
    from te_navigator.models.entities import ChecklistItem, Choice

Line = tuple[str, str]


def percent(share: float | None, lang: str) -> str:
    return "–" if share is None else f"{formatting.number(round(share * 100), lang)} %"


def score_lines(comparison: dict) -> list[Line]:
    parts = comparison["score"]["parts"]
    score = comparison["score"]
    lang = current_language()
    share = score["points"] / score["max"] if score["max"] else None
    lines = [
        (
            "score",
            _("Score: {points}/{max} points ({percent})").format(
                points=score["points"], max=score["max"], percent=percent(share, lang)
            ),
        )
    ]
    services = comparison["services"]
    for label, key, detail in (
        (_("Checklist answers"), "answers", _("1 point for each answer as in the model")),
        (
            _("Services"),
            "services",
            _("10 × F1: found {found}/{model} (recall {recall}), {extra} extra (precision {precision})").format(
                found=len(services["found"]),
                model=len(services["found"]) + len(services["missed"]),
                recall=percent(services["recall"], lang),
                extra=len(services["extra"]),
                precision=percent(services["precision"], lang),
            ),
        ),
        (_("Pathway"), "pathway", _("5 points for the model's pathway")),
        (_("Deadlines"), "deadlines", _("1 point for each due date as in the model")),
    ):
        points, most = parts[key]
        lines.append(("plain", f"  {label}: {points}/{most} · {detail}"))
    return lines


def comparison_lines(comparison: dict, names: dict, municipalities: list, lang: str | None = None) -> list[Line]:
    """Everything the trainee did beside the model answer, differences marked ✗ and explained."""
    lang = lang or current_language()
    lines = score_lines(comparison)
    lines += [("heading", _("Checklist answers")), ("plain", _("  (your answer · the model's answer)"))]
    for row in comparison["answers"]:
        label = row["label"][lang]
        yours = _answer(row, row["yours"], lang, municipalities)
        model = _answer(row, row["model"], lang, municipalities)
        if row["match"]:
            lines.append(("same", f"✓ {label}: {yours}"))
        else:
            lines.append(("differs", f"✗ {label}: {yours} · {model}"))
            if row.get("why"):
                lines.append(("why", "  " + row["why"][lang]))
    services = comparison["services"]
    service_names = names.get("service", {})
    lines.append(("heading", _("Services")))
    for service in services["found"]:
        lines.append(("same", f"✓ {_name(service_names, service, lang)}"))
    for service in services["missed"]:
        lines.append(("differs", "✗ " + _("missing: {name}").format(name=_name(service_names, service, lang))))
        lines.append(("why", "  " + services["why"][service][lang]))
    for service in services["extra"]:
        lines.append(
            ("differs", "✗ " + _("not in the model answer: {name}").format(name=_name(service_names, service, lang)))
        )
        why_not = services["why_not"].get(service)
        if why_not:
            lines.append(("why", "  " + why_not[lang]))
    pathway = comparison["pathway"]
    pathway_names = names.get("pathway", {})
    lines.append(("heading", _("Pathway")))
    model_name = _name(pathway_names, pathway["model"], lang)
    if pathway["match"]:
        lines.append(("same", f"✓ {model_name}"))
    else:
        yours = _name(pathway_names, pathway["yours"], lang) if pathway["yours"] else _("none chosen")
        lines.append(
            ("differs", "✗ " + _("yours: {yours} · the model's: {model}").format(yours=yours, model=model_name))
        )
    lines.append(("why", "  " + pathway["why"][lang]))
    if comparison["deadlines"]:
        lines.append(("heading", _("Deadlines")))
        for row in comparison["deadlines"]:
            model = formatting.date(dt.date.fromisoformat(row["model"]), lang)
            if row["match"]:
                lines.append(("same", f"✓ {row['name'][lang]}: {model}"))
            else:
                yours = formatting.date(dt.date.fromisoformat(row["yours"]), lang) if row["yours"] else "–"
                lines.append(("differs", f"✗ {row['name'][lang]}: {yours} · {model}"))
    lines.append(("heading", _("Why, in short")))
    lines.append(("why", comparison["summary"][lang]))
    return lines


@dataclass(frozen=True)
class KeptItem:
    """A checklist item as a practice attempt keeps it with its answers (the attempt outlives checklist edits)."""

    type: str
    choices: list[Choice] | None
    choices_from: str | None

    @classmethod
    def of(cls, row: dict) -> KeptItem:
        from te_navigator.models.entities import Choice

        choices = row.get("choices")
        return cls(
            row["type"],
            [Choice.model_validate(choice) for choice in choices] if choices is not None else None,
            row.get("choices_from"),
        )


def _answer(row: dict, value, lang: str, municipalities: list) -> str:
    return answer_text(KeptItem.of(row), value, lang, municipalities)


def _name(names: dict, entry_id: str, lang: str) -> str:
    name = names.get(entry_id)
    return name[lang] if name else entry_id


def difference_text(key: str, names: dict, items: dict[str, ChecklistItem], lang: str) -> str:
    """A difference key (practice_scoring.differences) in words."""
    kind, _sep, target = key.partition(":")
    if kind == "answer":
        item = items.get(target)
        return _("answer: {item}").format(item=item.label.text(lang) if item else target)
    if kind == "missed":
        return _("missing: {name}").format(name=_name(names.get("service", {}), target, lang))
    if kind == "extra":
        return _("not in the model answer: {name}").format(name=_name(names.get("service", {}), target, lang))
    if kind == "pathway":
        chosen = _("none chosen") if target == "-" else _name(names.get("pathway", {}), target, lang)
        return _("pathway: {name}").format(name=chosen)
    deadline = _name(names.get("deadline", {}), target, lang)
    return _("deadline: {name}").format(name=deadline)


def results_lines(
    summary: list[dict], names: dict, items: dict[str, ChecklistItem], lang: str | None = None
) -> list[str]:
    lang = lang or current_language()
    attempts = sum(row["attempts"] for row in summary)
    lines = [
        ngettext("Practice results: {count} attempt", "Practice results: {count} attempts", attempts).format(
            count=attempts
        )
    ]
    for row in summary:
        lines.append("")
        lines.append(f"{row['case']} – {row['title'][lang]}")
        if not row["attempts"]:
            lines.append("  " + _("no attempts yet"))
            continue
        lines.append(
            "  "
            + ngettext("{count} attempt", "{count} attempts", row["attempts"]).format(count=row["attempts"])
            + " · "
            + ngettext("{count} trainee", "{count} trainees", row["trainees"]).format(count=row["trainees"])
            + " · "
            + _("mean {mean} · best {best}").format(mean=percent(row["mean"], lang), best=percent(row["best"], lang))
        )
        if row["common_differences"]:
            shown = ", ".join(
                f"{difference_text(d['difference'], names, items, lang)} ({d['count']})"
                for d in row["common_differences"]
            )
            lines.append("  " + _("most common differences: {list}").format(list=shown))
        else:
            lines.append("  " + _("no differences from the model answer"))
    return lines
