"""The customer's hand-out: a case's pathways and next steps in plain language, in Finnish or Swedish.

Built only from the catalogue's customer texts and the referrals' statuses and dates; a referral's internal note
is never read here.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

from te_navigator.models import formatting
from te_navigator.models.errors import UserFacingError
from te_navigator.models.i18n import _, gettext_for
from te_navigator.models.service_facts import fact_lines

if TYPE_CHECKING:
    from te_navigator.models.entities import Pathway, PathwayStep, Service, Term

SHOWN_STATUSES = ("planned", "referred", "started", "done")
FORMATS = ("md", "html")
ACRONYM = re.compile(r"^[A-ZÅÄÖ0-9]{2,}$")


def format_from_path(path: Path | str, default: str = "md") -> str:
    """md or html from the file name's ending (.md, .markdown, .html, .htm); `default` for any other."""
    suffix = Path(path).suffix.lower()
    if suffix in (".html", ".htm"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    return default


def render(content: dict, lang: str, output_format: str) -> str:
    return to_html(content, lang) if output_format == "html" else to_markdown(content)


def handout_content(
    case_reference: str,
    referrals: list[dict],
    pathways: dict[str, Pathway],
    names: dict,
    lang: str,
    today: dt.date | None = None,
    deadlines: list[dict] | None = None,
    services: dict[str, Service] | None = None,
    glossary: list[Term] | None = None,
) -> dict:
    """The hand-out as data: title, date, the customer's dates, and per pathway its steps in order with their state
    and, for a step that is a service of `services`, that service's facts (who it is for, cost, legal basis, web page).

    `deadlines` are the case's deadlines (models.rules.deadlines); those with a customer text are shown.
    An abbreviation of the glossary (TYP, KEHA…) is written out in brackets where it first appears, since the
    customer does not know the staff's shorthand."""
    _ = gettext_for(lang)
    explain = AbbreviationExplainer(glossary or [], lang)
    today = today or dt.date.today()
    dates = [_customer_date(deadline, lang, explain) for deadline in deadlines or [] if deadline.get("customer_text")]
    sections = []
    for pathway_id in dict.fromkeys(r["pathway"] for r in referrals):
        pathway = pathways.get(pathway_id)
        if pathway is None:
            continue
        by_step = {r["step"]: r for r in referrals if r["pathway"] == pathway_id and r["status"] in SHOWN_STATUSES}
        steps = []
        for step in pathway.steps:
            referral = by_step.get(step.id)
            if referral is None:
                continue
            steps.append(
                {
                    "name": explain(step.name.text(lang)),
                    "text": explain(step.customer_text.text(lang)),
                    "responsible": explain(step.responsible.text(lang)),
                    "state": _state_text(referral, lang),
                    "done": referral["status"] == "done",
                    "facts": _step_facts(step, services or {}, lang),
                }
            )
        if steps:
            sections.append({"name": explain(pathway.name.text(lang)), "steps": steps})
    return {
        "title": _("Your plan with the employment services"),
        "intro": _(
            "Porvoo employment area – these are the steps we agreed on. Keep this paper; "
            "you can ask your contact person about any step."
        ),
        "reference": _("Reference: {reference}").format(reference=case_reference),
        "date": _("Date: {date}").format(date=formatting.date(today, lang)),
        "dates_title": _("Your dates"),
        "dates": dates,
        "sections": sections,
        "empty": _("No steps have been planned yet."),
        "responsible_label": _("Who helps you"),
    }


def _customer_date(deadline: dict, lang: str, explain) -> dict:
    _ = gettext_for(lang)
    when = _("by {date}").format(date=_day(deadline["due"], lang))
    if deadline.get("estimated"):
        when += " " + _("(counted from the last day of the previous step; the date may change)")
    return {"text": explain(deadline["customer_text"][lang]), "when": when}


def _step_facts(step: PathwayStep, services: dict[str, Service], lang: str) -> list[tuple[str, str]]:
    service = services.get(step.service or "")
    if service is None:
        return []
    return fact_lines(service.facts, lang, with_source=False)


class AbbreviationExplainer:
    """Adds an abbreviation's written-out form after its first use in the hand-out, once per hand-out."""

    def __init__(self, glossary: list[Term], lang: str) -> None:
        self.expansions = {
            term.term.text(lang): term.expansion.text(lang) for term in glossary if ACRONYM.match(term.term.text(lang))
        }
        self.explained: set[str] = set()

    def __call__(self, text: str) -> str:
        for abbreviation, expansion in self.expansions.items():
            if abbreviation in self.explained or expansion.endswith("-"):
                continue
            found = re.search(rf"(?<![\w-]){re.escape(abbreviation)}(?![\w-])", text)
            if found is None:
                continue
            self.explained.add(abbreviation)
            if expansion.lower() not in text.lower():
                text = text[: found.end()] + f" ({expansion})" + text[found.end() :]
        return text


def _state_text(referral: dict, lang: str) -> str:
    _ = gettext_for(lang)
    status = referral["status"]
    if status == "done":
        return _("Done {date}").format(date=_day(referral["done_on"], lang))
    if referral.get("due_on"):
        return _("Next step: by {date}").format(date=_day(referral["due_on"], lang))
    if status == "started":
        return _("Going on now")
    return _("Next step")


def _day(iso: str | None, lang: str) -> str:
    return formatting.date(dt.date.fromisoformat(iso), lang) if iso else "–"


def to_markdown(content: dict) -> str:
    """CommonMark: each step a numbered list item whose text, helper and facts are paragraphs of their own."""
    e = markdown_escape
    lines = [
        f"# {e(content['title'])}",
        "",
        e(content["intro"]),
        "",
        f"{e(content['reference'])}  ",
        e(content["date"]),
        "",
    ]
    if content["dates"]:
        lines += [f"## {e(content['dates_title'])}", ""]
        lines += [f"- **{e(item['when'])}**: {e(item['text'])}" for item in content["dates"]]
        lines.append("")
    if not content["sections"] and not content["dates"]:
        lines += [e(content["empty"]), ""]
    for section in content["sections"]:
        lines += [f"## {e(section['name'])}", ""]
        for number, step in enumerate(section["steps"], start=1):
            mark = "✓ " if step["done"] else ""
            lead = f"{number}. "
            indent = " " * len(lead)
            lines += [
                f"{lead}**{mark}{e(step['name'])}** – {e(step['state'])}",
                "",
                f"{indent}{e(step['text'])}",
                "",
                f"{indent}{e(content['responsible_label'])}: {e(step['responsible'])}",
                "",
            ]
            lines += [f"{indent}{e(label)}: {e(value)}  " for label, value in step.get("facts", [])]
            lines.append("")
    return re.sub(r"  \n\n", "\n\n", "\n".join(lines)).rstrip() + "\n"


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def markdown_escape(text: str) -> str:
    """Catalogue text taken literally: no accidental emphasis, links, headings or lists."""
    text = MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", re.sub(r"^([-+])(\s)", r"\\\1\2", text))


def to_html(content: dict, lang: str) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(content['title'])}</title>",
        "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto;line-height:1.5}"
        "li{margin-bottom:1em}.state{font-weight:bold}</style>",
        "</head>",
        "<body>",
        f"<h1>{e(content['title'])}</h1>",
        f"<p>{e(content['intro'])}</p>",
        f"<p>{e(content['reference'])}<br>{e(content['date'])}</p>",
    ]
    if content["dates"]:
        parts += [f"<h2>{e(content['dates_title'])}</h2>", "<ul>"]
        parts += [f"<li><strong>{e(item['when'])}</strong>: {e(item['text'])}</li>" for item in content["dates"]]
        parts.append("</ul>")
    if not content["sections"] and not content["dates"]:
        parts.append(f"<p>{e(content['empty'])}</p>")
    for section in content["sections"]:
        parts += [f"<h2>{e(section['name'])}</h2>", "<ol>"]
        for step in section["steps"]:
            mark = "✓ " if step["done"] else ""
            parts.append(
                f'<li><strong>{e(mark + step["name"])}</strong> – <span class="state">{e(step["state"])}</span>'
                f"<br>{e(step['text'])}<br>{e(content['responsible_label'])}: {e(step['responsible'])}"
                + "".join(f"<br>{e(label)}: {e(value)}" for label, value in step.get("facts", []))
                + "</li>"
            )
        parts.append("</ol>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


class HandoutError(UserFacingError):
    """No hand-out to make, or it cannot be written; the message is for the user, already translated."""


def case_handout(store, case_reference: str, lang: str, fmt: str) -> str:
    """A case's hand-out as Markdown (`md`) or a standalone HTML page (`html`): what screen and command both print."""
    from te_navigator.models.referrals import case_referrals

    rows = case_referrals(store, case_reference)
    deadlines = case_deadlines(store, case_reference)
    if not rows and not deadlines:
        raise HandoutError(_("No referrals for the case {value!r}.").format(value=case_reference))
    content = handout_content(
        case_reference,
        rows,
        {p.id: p for p in store.pathways()},
        store.names(),
        lang,
        deadlines=deadlines,
        services={s.id: s for s in store.services()},
        glossary=store.glossary(),
    )
    return render(content, lang, fmt)


def case_deadlines(store, case_reference: str, template_id: str = "tier3-jobseeker") -> list[dict]:
    """The case's deadlines from its latest saved jobseeker checklist, else from its registration date alone."""
    from sqlmodel import Session, col, select

    from te_navigator.models.rules import deadlines
    from te_navigator.models.tables import Assessment, AssessmentVersion, Case

    with Session(store.engine) as session:
        case = session.exec(select(Case).where(Case.reference == case_reference)).first()
        if case is None:
            return []
        latest = session.exec(
            select(AssessmentVersion)
            .join(Assessment, col(AssessmentVersion.assessment_id) == col(Assessment.id))
            .where(Assessment.case_id == case.id, Assessment.template_id == template_id)
            .order_by(col(Assessment.updated_at).desc(), col(AssessmentVersion.version).desc())
        ).first()
        answers = dict(latest.answers) if latest else {}
        if not answers.get("registered_on") and case.registered_on:
            answers["registered_on"] = case.registered_on.isoformat()
    return deadlines(template_id, answers, store.deadlines())


def write_handout(text: str, path: Path, *, store=None, force: bool = False, practice_db: str | None = None) -> None:
    """Writes the hand-out without ever replacing the store, its backups, the practice store (`practice_db`, else
    where it is by default), a symlink's target or (unless `force`) an existing file; see models/files.py."""
    from te_navigator.models.files import FileRefused, store_files, write_text_safely
    from te_navigator.models.store import sqlite_path

    protected = []
    if store is not None:
        from te_navigator.models.practice_store import practice_url

        practice = sqlite_path(practice_url(practice_db, store.url))
        protected = store_files(sqlite_path(store.url)) + store_files(practice)
    try:
        write_text_safely(Path(path), text, force=force, protected=protected)
    except FileRefused as error:
        raise HandoutError(str(error)) from None
