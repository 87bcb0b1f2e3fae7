"""`assess`, `assessments` and `purge`: checklist answers, saved assessments and their deletion."""

from __future__ import annotations

import argparse
from pathlib import Path

from te_navigator.cli.errors import EXIT_OK, UserError
from te_navigator.cli.options import Commands, open_store
from te_navigator.cli.output import print_json
from te_navigator.models import formatting
from te_navigator.models.answers import answer_text
from te_navigator.models.i18n import _, current_language, ngettext


def register(commands: Commands) -> None:
    assess = commands.add("assess", _("suggestions and deadlines for a checklist's answers"), assess_answers,
                          json=True)
    assess.add_argument("--template", required=True, metavar="ID", help=_("the checklist, e.g. tier3-jobseeker"))
    assess.add_argument("--answers", required=True, type=Path, metavar="FILE", help=_("the answers as JSON"))

    saved = commands.group("assessments", _("saved assessments"))
    listing = saved.add("list", _("list saved assessments"), list_assessments, json=True)
    listing.add_argument("--municipality", metavar="ID")
    listing.add_argument("--template", metavar="ID")
    listing.add_argument("--since", metavar="YYYY-MM-DD")
    listing.add_argument("--until", metavar="YYYY-MM-DD")
    for name, help_text, handler in (("show", _("one assessment with its history"), show_assessment),
                                     ("export", _("one assessment as JSON"), export_assessment)):
        one = saved.add(name, help_text, handler, json=True)
        one.add_argument("id", type=int)
        one.add_argument("--version", type=int)

    purge = commands.add("purge", _("delete old assessments"), purge_assessments)
    purge.add_argument("--older-than", required=True, type=int, metavar="DAYS",
                       help=_("delete assessments last saved more than DAYS days ago"))


def read_answers(path) -> dict:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UserError(_("{path}: cannot be read: {reason}").format(path=path, reason=error.strerror)) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise UserError(_("{path}: not valid JSON: {reason}").format(path=path, reason=error)) from None
    if not isinstance(data, dict):
        raise UserError(_("{path}: expected an object of item ids and answers").format(path=path))
    return data.get("answers", data) if isinstance(data.get("answers"), dict) else data


def evaluate_answers(store, template: dict, answers: dict) -> dict:
    """Checked answers → {suggestions, deadlines}, as the checklist screen shows them."""
    from te_navigator.models import rules
    from te_navigator.models.answers import check_answers
    from te_navigator.models.assessments import AssessmentError

    clean, problems = check_answers(template, answers, [m.id for m in store.municipalities()])
    if problems:
        raise AssessmentError(ngettext("The answers have {count} problem.", "The answers have {count} problems.",
                                       len(problems)).format(count=len(problems)), problems)
    return {
        "suggestions": rules.suggestions(template["id"], clean, store.rules(), store.names()),
        "deadlines": rules.deadlines(template["id"], clean, store.timings()),
    }


def assess_answers(args: argparse.Namespace) -> int:
    answers = read_answers(args.answers)
    store = open_store(args)
    template = store.checklist(args.template)
    if template is None:
        known = ", ".join(t["id"] for t in store.checklists())
        raise UserError(_("Unknown checklist {value!r}: use one of {choices}.").format(value=args.template,
                                                                                    choices=known))
    result = evaluate_answers(store, template, answers)
    if args.json:
        print_json({
            "template": template["id"],
            "suggestions": result["suggestions"],
            "deadlines": [{key: d[key] for key in ("id", "name", "due", "start", "estimated", "basis", "legal_source",
                                                   "valid_from", "valid_to", "note")}
                          for d in result["deadlines"]],
        })
        return EXIT_OK
    print(assessment_text(result, current_language()))
    return EXIT_OK


def assessment_text(result: dict, lang: str) -> str:
    import datetime as dt

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
        lines.append(f"  {deadline['name'][lang]}: {due}  ({deadline['legal_source']})")
        if deadline.get("basis"):
            lines.append(f"    {deadline['basis'][lang]}")
    if not result["deadlines"]:
        lines.append("  " + _("none: no start date answered"))
    return "\n".join(lines)


def list_assessments(args: argparse.Namespace) -> int:
    import datetime as dt

    from te_navigator.models import assessments

    try:
        since = dt.date.fromisoformat(args.since) if args.since else None
        until = dt.date.fromisoformat(args.until) if args.until else None
    except ValueError:
        raise UserError(_("--since and --until take dates as YYYY-MM-DD.")) from None
    store = open_store(args)
    rows = assessments.list_assessments(store, municipality=args.municipality, template=args.template,
                                        since=since, until=until)
    if args.json:
        print_json(rows)
    elif not rows:
        print(_("No saved assessments."))
    else:
        for row in rows:
            subject = row["case_reference"] or f"{row['area']} {row['period']}"
            state = _("finished") if row["finished"] else _("unfinished")
            print(f"{row['id']:5}  {row['template']:16} {subject:20} {row['municipality'] or '–':11} "
                  f"{row['updated_at'][:16]}  v{row['versions']}  {state}")
    return EXIT_OK


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
    template = store.checklist(record["template"])
    lang = current_language()
    print(f"#{record['id']} {template['name'][lang]} – {record['case_reference'] or record['area']}  "
          f"v{record['version']}/{record['versions']}")
    municipalities = store.municipalities()
    for item in template["items"]:
        value = record["answers"].get(item["id"])
        print(f"  {item['label'][lang]}: {answer_text(item, value, lang, municipalities)}")
    print(_("History:"))
    for version in record["history"]:
        print(f"  v{version['version']}  {version['saved_at'][:16]}")
    return EXIT_OK


def purge_assessments(args: argparse.Namespace) -> int:
    from te_navigator.models import assessments

    store = open_store(args)
    removed = assessments.purge(store, args.older_than)
    print(ngettext("Removed {count} assessment last saved more than {days} days ago.",
                   "Removed {count} assessments last saved more than {days} days ago.", removed).format(
        count=removed, days=args.older_than))
    return EXIT_OK
