"""`assess`, `assessments` and `purge`: checklist answers, saved assessments and their deletion."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from te_navigator.tui.cli.errors import EXIT_OK, UserError
from te_navigator.tui.cli.options import Commands, bounded_int, date_option, open_store
from te_navigator.tui.cli.output import print_json
from te_navigator.models import formatting
from te_navigator.models.answers import answer_text
from te_navigator.models.i18n import _, current_language, ngettext

if TYPE_CHECKING:
    from te_navigator.models.entities import Checklist

MAX_ID = 2**31 - 1  # ids and versions: a bigger number is no row, and SQLite's integers end at 2**63
MAX_DAYS = 36_600  # a hundred years


def register(commands: Commands) -> None:
    assess = commands.add("assess", _("suggestions and deadlines for a checklist's answers"), assess_answers, json=True)
    assess.add_argument("--template", required=True, metavar="ID", help=_("the checklist, e.g. tier3-jobseeker"))
    assess.add_argument("--answers", required=True, type=Path, metavar="FILE", help=_("the answers as JSON"))
    assess.add_argument("--today", metavar="YYYY-MM-DD", help=argparse.SUPPRESS)  # for tests: the day to assess on

    saved = commands.group("assessments", _("saved assessments"))
    listing = saved.add("list", _("list saved assessments"), list_assessments, json=True)
    listing.add_argument("--municipality", metavar="ID", help=_("only this municipality, e.g. loviisa"))
    listing.add_argument("--template", metavar="ID", help=_("only this checklist, e.g. tier3-jobseeker"))
    listing.add_argument("--since", metavar="YYYY-MM-DD", help=_("saved on or after this day"))
    listing.add_argument("--until", metavar="YYYY-MM-DD", help=_("saved on or before this day"))
    for name, help_text, handler in (
        ("show", _("one assessment with its history"), show_assessment),
        ("export", _("one assessment as JSON"), export_assessment),
    ):
        one = saved.add(name, help_text, handler, json=True)
        one.add_argument("id", type=bounded_int(1, MAX_ID), metavar="ID", help=_("the assessment's number"))
        one.add_argument(
            "--version", type=bounded_int(1, MAX_ID), metavar="N", help=_("this saved version (default: the latest)")
        )

    purge = commands.add(
        "purge", _("delete old cases whole: assessments, referrals, notes, references"), purge_assessments
    )
    purge.add_argument(
        "--older-than",
        required=True,
        type=bounded_int(0, MAX_DAYS),
        metavar="DAYS",
        help=_("delete every case whose data was last touched more than DAYS days ago, also from the backups"),
    )


def read_answers(path) -> dict:
    import json

    from te_navigator.models.files import read_input_file

    try:
        data = json.loads(read_input_file(path).decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise UserError(_("{path}: not valid JSON: {reason}").format(path=path, reason=error)) from None
    except RecursionError:
        raise UserError(
            _("{path}: not valid JSON: {reason}").format(path=path, reason=_("nested too deeply"))
        ) from None
    if not isinstance(data, dict):
        raise UserError(_("{path}: expected an object of item ids and answers").format(path=path))
    return data.get("answers", data) if isinstance(data.get("answers"), dict) else data


def evaluate_answers(store, template: Checklist, answers: dict, today=None) -> dict:
    """Checked answers → {suggestions, deadlines}, as the checklist screen shows them (as on `today`)."""
    import datetime as dt

    from te_navigator.models import rules
    from te_navigator.models.answers import check_answers
    from te_navigator.models.assessments import AssessmentError

    today = today or dt.date.today()
    clean, problems = check_answers(template, answers, [m.id for m in store.municipalities()], today=today)
    if problems:
        raise AssessmentError(
            ngettext("The answers have {count} problem.", "The answers have {count} problems.", len(problems)).format(
                count=len(problems)
            ),
            problems,
        )
    return {
        "suggestions": rules.suggestions(template.id, clean, store.rules(), store.names(), on=today),
        "deadlines": rules.deadlines(template.id, clean, store.deadlines(), on=today),
    }


def assess_answers(args: argparse.Namespace) -> int:
    answers = read_answers(args.answers)
    store = open_store(args)
    template = store.checklist(args.template)
    if template is None:
        known = ", ".join(t.id for t in store.checklists())
        raise UserError(
            _("Unknown checklist {value!r}: use one of {choices}.").format(value=args.template, choices=known)
        )
    result = evaluate_answers(store, template, answers, date_option(args.today, "--today"))
    if args.json:
        print_json(
            {
                "template": template.id,
                "suggestions": result["suggestions"],
                "deadlines": [
                    {
                        key: d[key]
                        for key in (
                            "id",
                            "name",
                            "due",
                            "start",
                            "estimated",
                            "basis",
                            "legal_source",
                            "valid_from",
                            "valid_to",
                            "note",
                        )
                    }
                    for d in result["deadlines"]
                ],
            }
        )
        return EXIT_OK
    print(assessment_text(result, current_language()))
    return EXIT_OK


def assessment_text(result: dict, lang: str) -> str:
    import datetime as dt

    from te_navigator.models.sources import source_text

    lines = [_("Suggestions:")]
    if not result["suggestions"]:
        lines.append("  " + _("none from these answers"))
    from te_navigator.tui.describe import entry_kind_label

    for suggestion in result["suggestions"]:
        lines.append(f"  {entry_kind_label(suggestion['kind'])}: {suggestion['name'][lang]}")
        lines += [f"    – {reason[lang]}" for reason in suggestion["reasons"]]
    lines.append(_("Deadlines:"))
    for deadline in result["deadlines"]:
        due = formatting.date(dt.date.fromisoformat(deadline["due"]), lang)
        lines.append(f"  {deadline['name'][lang]}: {due}  ({source_text(deadline['legal_source'], lang)})")
        if deadline.get("basis"):
            lines.append(f"    {deadline['basis'][lang]}")
    if not result["deadlines"]:
        lines.append("  " + _("none: no start date answered"))
    return "\n".join(lines)


def list_assessments(args: argparse.Namespace) -> int:
    from te_navigator.models import assessments

    since, until = date_option(args.since, "--since"), date_option(args.until, "--until")
    store = open_store(args)
    rows = assessments.list_assessments(
        store, municipality=args.municipality, template=args.template, since=since, until=until
    )
    if args.json:
        print_json(rows)
    elif not rows:
        print(_("No saved assessments."))
    else:
        print(assessment_list_text(rows, store, current_language()))
    return EXIT_OK


def assessment_list_text(rows: list[dict], store, lang: str) -> str:
    from te_navigator.tui.describe import saved_at_text

    templates = {t.id: t.name.text(lang) for t in store.checklists()}
    municipalities = {m.id: m.name.text(lang) for m in store.municipalities()}
    lines = []
    for row in rows:
        subject = row["case_reference"] or f"{row['area']} {row['period']}"
        state = _("finished") if row["finished"] else _("unfinished")
        versions = ngettext("{count} version", "{count} versions", row["versions"]).format(count=row["versions"])
        lines.append(
            f"{row['id']:5}  {subject:20} {municipalities.get(row['municipality'], '–'):11} "
            f"{saved_at_text(row['updated_at'], lang)}  {versions}, {state}"
        )
        lines.append(f"       {templates.get(row['template'], row['template'])}")
    return "\n".join(lines)


def export_assessment(args: argparse.Namespace) -> int:
    from te_navigator.models import assessments

    print_json(assessments.get_assessment(open_store(args), args.id, args.version))
    return EXIT_OK


def show_assessment(args: argparse.Namespace) -> int:
    from te_navigator.models import assessments

    store = open_store(args)
    record = assessments.get_assessment(store, args.id, args.version)
    if args.json:
        print_json(record)
        return EXIT_OK
    print(assessment_record_text(record, store, current_language()))
    return EXIT_OK


def assessment_record_text(record: dict, store, lang: str) -> str:
    """One assessment in words: the checklist's name, each answer as the caseworker reads it, the history."""
    from te_navigator.tui.describe import saved_at_text

    template = store.checklist(record["template"])
    municipalities = store.municipalities()
    subject = record["case_reference"] or f"{record['area']} {record['period']}"
    lines = [
        _("Assessment {id}: {checklist} – {subject}").format(
            id=record["id"], checklist=template.name.text(lang) if template else record["template"], subject=subject
        ),
        _("Version {version} of {versions}, {state}").format(
            version=record["version"],
            versions=record["versions"],
            state=_("finished") if record["finished"] else _("unfinished"),
        ),
    ]
    for item in template.items if template else []:
        value = record["answers"].get(item.id)
        lines.append(f"  {item.label.text(lang)}: {answer_text(item, value, lang, municipalities)}")
    lines.append(_("History:"))
    for version in record["history"]:
        state = _("finished") if version["finished"] else _("unfinished")
        lines.append(
            "  "
            + _("Version {version} – saved {saved}, {state}").format(
                version=version["version"], saved=saved_at_text(version["saved_at"], lang), state=state
            )
        )
    return "\n".join(lines)


def purge_assessments(args: argparse.Namespace) -> int:
    from te_navigator.models.purge import purge_store

    counts = purge_store(open_store(args), args.older_than)
    print(purge_report(counts, args.older_than))
    return EXIT_OK


def purge_report(counts, days: int) -> str:
    headline = ngettext(
        "Removed {count} case last touched more than {days} days ago",
        "Removed {count} cases last touched more than {days} days ago",
        counts.cases,
    )
    details = [
        ngettext("{count} assessment", "{count} assessments", counts.assessments),
        ngettext("{count} referral", "{count} referrals", counts.referrals),
        ngettext("{count} backup cleaned", "{count} backups cleaned", counts.backups_cleaned),
        ngettext("{count} old backup removed", "{count} old backups removed", counts.backups_removed),
    ]
    numbers = (counts.assessments, counts.referrals, counts.backups_cleaned, counts.backups_removed)
    return (
        headline.format(count=counts.cases, days=days)
        + ": "
        + ", ".join(text.format(count=number) for text, number in zip(details, numbers, strict=True))
        + "."
    )
