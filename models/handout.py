"""The customer's hand-out: a case's pathways and next steps in plain language, in Finnish or Swedish.

Built only from the catalogue's customer texts and the referrals' statuses and dates; a referral's internal note
is never read here.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from te_navigator.models import formatting
from te_navigator.models.errors import UserFacingError
from te_navigator.models.i18n import _, gettext_for

SHOWN_STATUSES = ("planned", "referred", "started", "done")


def handout_content(case_reference: str, referrals: list[dict], pathways: dict[str, dict], names: dict,
                    lang: str, today: dt.date | None = None) -> dict:
    """The hand-out as data: title, date, and per pathway its steps in order with their state."""
    _ = gettext_for(lang)
    today = today or dt.date.today()
    sections = []
    for pathway_id in dict.fromkeys(r["pathway"] for r in referrals):
        pathway = pathways.get(pathway_id)
        if pathway is None:
            continue
        by_step = {r["step"]: r for r in referrals if r["pathway"] == pathway_id and r["status"] in SHOWN_STATUSES}
        steps = []
        for step in pathway["steps"]:
            referral = by_step.get(step["id"])
            if referral is None:
                continue
            steps.append({
                "name": step["name"][lang], "text": step["customer_text"][lang],
                "responsible": step["responsible"][lang], "state": _state_text(referral, lang),
                "done": referral["status"] == "done",
            })
        if steps:
            sections.append({"name": pathway["name"][lang], "steps": steps})
    return {
        "title": _("Your plan with the employment services"),
        "intro": _("Porvoo employment area – these are the steps we agreed on. Keep this paper; "
                   "you can ask your contact person about any step."),
        "reference": _("Reference: {reference}").format(reference=case_reference),
        "date": _("Date: {date}").format(date=formatting.date(today, lang)),
        "sections": sections,
        "empty": _("No steps have been planned yet."),
        "responsible_label": _("Who helps you"),
    }


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
    lines = [f"# {content['title']}", "", content["intro"], "", content["reference"], content["date"], ""]
    if not content["sections"]:
        lines.append(content["empty"])
    for section in content["sections"]:
        lines += [f"## {section['name']}", ""]
        for number, step in enumerate(section["steps"], start=1):
            mark = "✓ " if step["done"] else ""
            lines += [f"{number}. **{mark}{step['name']}** – {step['state']}",
                      f"   {step['text']}",
                      f"   {content['responsible_label']}: {step['responsible']}", ""]
    return "\n".join(lines).rstrip() + "\n"


def to_html(content: dict, lang: str) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html>", f'<html lang="{e(lang)}">', "<head>", '<meta charset="utf-8">',
        f"<title>{e(content['title'])}</title>",
        "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto;line-height:1.5}"
        "li{margin-bottom:1em}.state{font-weight:bold}</style>",
        "</head>", "<body>", f"<h1>{e(content['title'])}</h1>", f"<p>{e(content['intro'])}</p>",
        f"<p>{e(content['reference'])}<br>{e(content['date'])}</p>",
    ]
    if not content["sections"]:
        parts.append(f"<p>{e(content['empty'])}</p>")
    for section in content["sections"]:
        parts += [f"<h2>{e(section['name'])}</h2>", "<ol>"]
        for step in section["steps"]:
            mark = "✓ " if step["done"] else ""
            parts.append(
                f"<li><strong>{e(mark + step['name'])}</strong> – <span class=\"state\">{e(step['state'])}</span>"
                f"<br>{e(step['text'])}<br>{e(content['responsible_label'])}: {e(step['responsible'])}</li>")
        parts.append("</ol>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


class HandoutError(UserFacingError):
    """No hand-out to make, or it cannot be written; the message is for the user, already translated."""


def case_handout(store, case_reference: str, lang: str, fmt: str) -> str:
    """A case's hand-out as Markdown (`md`) or a standalone HTML page (`html`): what screen and command both print."""
    from te_navigator.models.referrals import case_referrals

    rows = case_referrals(store, case_reference)
    if not rows:
        raise HandoutError(_("No referrals for the case {value!r}.").format(value=case_reference))
    content = handout_content(case_reference, rows, {p["id"]: p for p in store.pathways()}, store.names(), lang)
    return to_html(content, lang) if fmt == "html" else to_markdown(content)


def write_handout(text: str, path: Path) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise HandoutError(_("{path}: cannot be written: {reason}").format(path=path, reason=error.strerror)) from None
