"""`pathways`, `refer`, `followups` and `handout`: referral pathways and a case's way along them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from te_navigator.tui.cli.errors import EXIT_OK, UserError
from te_navigator.tui.cli.options import Commands, date_option, open_store_light, open_store
from te_navigator.tui.cli.output import print_json
from te_navigator.models.changes import fact_lines, pathway_facts
from te_navigator.models.i18n import _, current_language
from te_navigator.models.staff import current_staff

MAX_FOLLOWUPS_LIMIT = 1_000_000


if TYPE_CHECKING:
    from te_navigator.models.entities import Pathway

FOLLOWUPS_PAGE = 50
# What `pathways show --json` gives of each step (besides what it uses, named).
STEP_FIELDS = {
    "id",
    "name",
    "service",
    "partner",
    "responsible",
    "timing",
    "due_working_days",
    "next",
    "exit",
}  # a screenful or two per list; the counts say how many there are in all


def register(commands: Commands) -> None:
    pathways = commands.group("pathways", _("referral pathways"))
    pathways.add("list", _("list the pathways"), list_pathways, json=True)
    pathways.add("show", _("one pathway with its steps"), show_pathway, json=True).add_argument(
        "id", metavar="ID", help=_("the pathway, e.g. youth")
    )

    refer = commands.add("refer", _("record a pathway step for a case"), refer_case, json=True)
    refer.add_argument("case", metavar=_("CASE_REFERENCE"), help=_("the case's pseudonymous reference"))
    refer.add_argument("pathway", metavar=_("PATHWAY"), help=_("the pathway's id"))
    refer.add_argument("step", metavar=_("STEP"), help=_("the step's id"))
    refer.add_argument("--status", default="planned", help=_("planned, referred, started, done or cancelled"))
    refer.add_argument("--date", metavar="YYYY-MM-DD", help=_("the date of the change (default: today)"))
    refer.add_argument("--registered-on", metavar="YYYY-MM-DD", help=_("the case's registration date"))
    refer.add_argument("--due", metavar="YYYY-MM-DD", help=_("due date (default: the step's typical working days)"))
    refer.add_argument("--today", metavar="YYYY-MM-DD", help=argparse.SUPPRESS)  # for tests: the day it is
    refer.add_argument("--note", help=_("an internal note (never in the hand-out)"))

    follow = commands.add("followups", _("overdue and due referrals"), show_followups, json=True)
    follow.add_argument("--today", metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    follow.add_argument(
        "--mine",
        action="store_true",
        help=_("only the referrals I recorded or changed last (default: the whole team's)"),
    )
    follow.add_argument(
        "--limit",
        type=int,
        default=FOLLOWUPS_PAGE,
        metavar="N",
        # Every list is cut: overdue, due this week, open, the assessments' deadlines and the 3-month targets.
        help=_("at most N rows in each list: referrals, deadlines, cases (default: {page}; 0: all of them)").format(
            page=FOLLOWUPS_PAGE
        ),
    )

    handout = commands.add("handout", _("a case's pathway for the customer"), write_handout)
    handout.add_argument("case", metavar=_("CASE_REFERENCE"), help=_("the case's pseudonymous reference"))
    handout.add_argument(
        "--format", choices=("md", "html"), help=_("md (Markdown) or html (default: from the file name, else md)")
    )
    handout.add_argument("--out", type=Path, metavar="FILE", help=_("write to a file instead of printing"))
    handout.add_argument("--force", action="store_true", help=_("replace the file given with --out if it exists"))


def pathway_or_error(store, pathway_id: str) -> Pathway:
    pathway = store.pathway(pathway_id)
    if pathway is None:
        raise _no_pathway(pathway_id)
    return pathway


def _no_pathway(pathway_id: str) -> UserError:
    return UserError(_("No pathway {value!r}. See: te-navigator pathways list").format(value=pathway_id))


def list_pathways(args: argparse.Namespace) -> int:
    # The names only, read without validating the pathways: `pathways list` is a benchmarked command.
    names = open_store_light(args).names()["pathway"]
    if args.json:
        print_json([{"id": pathway_id, "name": name} for pathway_id, name in names.items()])
    else:
        lang = current_language()
        for pathway_id, name in names.items():
            print(f"{pathway_id:24} {name[lang]}")
    return EXIT_OK


def show_pathway(args: argparse.Namespace) -> int:
    store = open_store_light(args)
    lang = current_language()
    pathway = pathway_or_error(store, args.id)
    names = store.names()
    steps = [
        {
            **step.model_dump(mode="json", include=STEP_FIELDS),
            "uses": names["service"].get(step.service) if step.service else names["partner"].get(step.partner),
        }
        for step in pathway.steps
    ]
    facts = pathway_facts(store.dated_facts(), pathway.id)
    if args.json:
        print_json(
            {
                **pathway.model_dump(mode="json", include={"id", "name", "description", "start"}),
                "steps": steps,
                "dated_facts": [fact.model_dump(mode="json", exclude_unset=True) for fact in facts],
            }
        )
        return EXIT_OK
    from te_navigator.tui.diagram import draw_pathway

    print(pathway.name.text(lang))
    print(draw_pathway(pathway, lang, width=80).plain)
    for heading, body in fact_lines(facts, lang):
        print(f"\n⚖ {heading}\n  {body}")
    return EXIT_OK


def refer_case(args: argparse.Namespace) -> int:
    from te_navigator.models import referrals

    store = open_store_light(args)
    if args.pathway not in store.names()["pathway"]:  # named without validating the pathway: a benchmarked command
        raise _no_pathway(args.pathway)
    on = date_option(args.date, "--date")
    today = date_option(args.today, "--today")
    registered = date_option(args.registered_on, "--registered-on", not_future=True, today=today)
    open_ones = [
        r
        for r in referrals.case_referrals(store, args.case)
        if r["pathway"] == args.pathway and r["step"] == args.step and r["status"] in referrals.OPEN_STATUSES
    ]
    if open_ones:
        referral = referrals.change_status(store, open_ones[0]["id"], args.status, on, note=args.note)
    else:
        referral = referrals.plan_step(
            store,
            args.case,
            args.pathway,
            args.step,
            status=args.status,
            on=on,
            note=args.note,
            registered_on=registered,
            today=today,
            due_on=date_option(args.due, "--due"),
        )
    if args.json:
        print_json(referral)
    else:
        print(_("{step}: {status}").format(step=args.step, status=referrals.status_label(referral["status"])))
    return EXIT_OK


def show_followups(args: argparse.Namespace) -> int:
    from te_navigator.models import referrals

    if args.limit < 0:
        raise UserError(_("--limit must be 0 (all) or more."))
    if args.limit > MAX_FOLLOWUPS_LIMIT:  # SQLite's integers end at 2**63: a bigger one is not a page size
        raise UserError(_("--limit must be at most {limit} (0 lists them all).").format(limit=MAX_FOLLOWUPS_LIMIT))
    store = open_store_light(args)
    today = date_option(args.today, "--today")
    data = referrals.followups(
        store, today=today, staff=current_staff() if args.mine else None, limit=args.limit or None
    )
    if args.json:
        print_json(data)
        return EXIT_OK
    print(followups_text(data, store, current_language()))
    return EXIT_OK


def followups_text(data: dict, store, lang: str) -> str:
    from te_navigator.models.followup_view import deadline_lines, followup_sections, target_lines

    lines = []
    for section in followup_sections(data, store.step_names(), lang):
        lines.append(f"{section.title}: {section.total}")
        lines += [
            "  "
            + _("{case} {step} – {status}, due {date}").format(
                case=f"{line.case_reference:16}", step=line.step, status=line.status, date=line.due
            )
            + f" ({line.recorded_by})"
            for line in section.lines
        ]
        lines += [more_line(section.more)] if section.more else []
    lines.append(_("Deadlines of unfinished assessments") + ":")
    deadlines = deadline_lines(data, lang)
    lines += [f"  {line.case_reference:16} {line.name}: {line.due} ({line.left})" for line in deadlines]
    more = data.get("counts", {}).get("deadlines", len(deadlines)) - len(deadlines)
    lines += [more_line(more)] if more > 0 else []
    lines.append(_("Three-month targets") + ":")
    targets = target_lines(data, lang)
    lines += [f"  {target.case_reference}: {target.left} ({target.target})" for target in targets]
    more = data.get("counts", {}).get("cases", len(targets)) - len(targets)
    lines += [more_line(more)] if more > 0 else []
    return "\n".join(lines)


def more_line(count: int) -> str:
    return "  " + _("… and {count} more (--limit 0 lists them all)").format(count=count)


def write_handout(args: argparse.Namespace) -> int:
    from te_navigator.models import handout

    store = open_store(args)
    # the customer's language, not the caseworker's: --lang, else the case's service language
    from te_navigator.models.referrals import case_service_language

    lang = getattr(args, "lang", None) or case_service_language(store, args.case) or current_language()
    output_format = args.format or (handout.format_from_path(args.out) if args.out else "md")
    text = handout.case_handout(store, args.case, lang, output_format)
    if args.out:
        handout.write_handout(
            text, args.out, store=store, force=args.force, practice_db=getattr(args, "practice_db", None)
        )
        print(
            _("Hand-out written to {path} ({language}, {format}).").format(
                path=args.out, language=language_name(lang), format=format_name(output_format)
            )
        )
    else:
        print(text, end="")
    return EXIT_OK


def language_name(lang: str) -> str:
    return {"fi": _("Finnish"), "sv": _("Swedish")}[lang]


def format_name(output_format: str) -> str:
    return {"md": "Markdown", "html": "HTML"}[output_format]
