"""The `te-navigator` command. Subcommands never import Textual; the app is imported only to open it."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from te_navigator.models import i18n
from te_navigator.models.i18n import _

from te_navigator import __version__ as VERSION
EXIT_OK, EXIT_ERROR = 0, 1


class UserError(Exception):
    """A problem to tell the user in one message, then exit 1."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own exit code 2 would read as "crash" to scripts
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: {_('error')}: {message}\n")


def choose_language(argv: list[str]) -> str:
    """--lang, else the config file, else LANG (sv… → sv), else fi. An unknown --lang is an error."""
    for index, arg in enumerate(argv):
        value = None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None:
            if value not in i18n.SUPPORTED:
                raise UserError(_("Unknown language {value!r} for --lang: use fi or sv.").format(value=value))
            return value
    from te_navigator.models import config

    return config.load()["language"] or i18n.language_from_environment()


def common_options(default) -> argparse.ArgumentParser:
    """--db and --lang, accepted before or after the subcommand (SUPPRESS keeps a subcommand from resetting them)."""
    common = Parser(add_help=False)
    common.add_argument("--db", metavar="URL", default=default, help=_(
        "the store: a SQLAlchemy URL or a file path (default: TE_NAVIGATOR_DB, else a file in the user data folder)"))
    common.add_argument("--lang", metavar="fi|sv", default=default, help=_("language of the output"))
    return common


def build_parser() -> argparse.ArgumentParser:
    common = common_options(argparse.SUPPRESS)
    parser = Parser(prog="te-navigator", parents=[common_options(None)],
                    description=_("The Porvoo employment area's services, in Finnish and Swedish."))
    parser.add_argument("--version", action="version", version=f"te-navigator {VERSION}")
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=Parser)

    catalogue = commands.add_parser("catalogue", parents=[common], help=_("check or export the catalogue"))
    catalogue_commands = catalogue.add_subparsers(dest="catalogue_command", required=True, parser_class=Parser)
    validate = catalogue_commands.add_parser("validate", parents=[common], help=_("check a catalogue folder"))
    validate.add_argument("dir", nargs="?", type=Path, help=_("the folder (default: the shipped catalogue)"))
    export = catalogue_commands.add_parser("export", parents=[common], help=_("print the whole catalogue"))
    export.add_argument("--json", action="store_true", help=_("as JSON"))

    search = commands.add_parser("search", parents=[common], help=_("search services, partners and terms"))
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--json", action="store_true", help=_("as JSON"))

    show = commands.add_parser("show", parents=[common], help=_("show one entry by its id"))
    show.add_argument("id")
    show.add_argument("--json", action="store_true", help=_("as JSON"))

    facts = commands.add_parser("facts", parents=[common], help=_("the municipalities' figures"))
    facts.add_argument("--json", action="store_true", help=_("as JSON"))

    costs = commands.add_parser("costs", parents=[common], help=_("share costs between the municipalities"))
    costs.add_argument("--total", required=True, metavar="EUR", help=_("the costs to share, in euros"))
    costs.add_argument("--inputs", type=Path, metavar="FILE", help=_("a budget year's figures (JSON or TOML)"))
    costs.add_argument("--prep", metavar="EUR", help=_("2023–2024 preparation costs, shared by population"))
    costs.add_argument("--settle", type=Path, metavar="PAID_FILE", help=_("what each municipality paid"))
    costs.add_argument("--actual", metavar="EUR", help=_("the actual costs of the year, with --settle"))
    costs.add_argument("--json", action="store_true", help=_("as JSON"))

    assess = commands.add_parser("assess", parents=[common], help=_("suggestions and deadlines for a checklist's answers"))
    assess.add_argument("--template", required=True, metavar="ID", help=_("the checklist, e.g. tier3-jobseeker"))
    assess.add_argument("--answers", required=True, type=Path, metavar="FILE", help=_("the answers as JSON"))
    assess.add_argument("--json", action="store_true", help=_("as JSON"))

    assessments = commands.add_parser("assessments", parents=[common], help=_("saved assessments"))
    assessment_commands = assessments.add_subparsers(dest="assessments_command", required=True, parser_class=Parser)
    listing = assessment_commands.add_parser("list", parents=[common], help=_("list saved assessments"))
    listing.add_argument("--municipality", metavar="ID")
    listing.add_argument("--template", metavar="ID")
    listing.add_argument("--since", metavar="YYYY-MM-DD")
    listing.add_argument("--until", metavar="YYYY-MM-DD")
    listing.add_argument("--json", action="store_true", help=_("as JSON"))
    for name, help_text in (("show", _("one assessment with its history")), ("export", _("one assessment as JSON"))):
        one = assessment_commands.add_parser(name, parents=[common], help=help_text)
        one.add_argument("id", type=int)
        one.add_argument("--version", type=int)
        one.add_argument("--json", action="store_true", help=_("as JSON"))

    pathways = commands.add_parser("pathways", parents=[common], help=_("referral pathways"))
    pathway_commands = pathways.add_subparsers(dest="pathways_command", required=True, parser_class=Parser)
    pathway_list = pathway_commands.add_parser("list", parents=[common], help=_("list the pathways"))
    pathway_list.add_argument("--json", action="store_true", help=_("as JSON"))
    pathway_show = pathway_commands.add_parser("show", parents=[common], help=_("one pathway with its steps"))
    pathway_show.add_argument("id")
    pathway_show.add_argument("--json", action="store_true", help=_("as JSON"))

    refer = commands.add_parser("refer", parents=[common], help=_("record a pathway step for a case"))
    refer.add_argument("case", metavar="CASE_REFERENCE")
    refer.add_argument("pathway", metavar="PATHWAY")
    refer.add_argument("step", metavar="STEP")
    refer.add_argument("--status", default="planned", help=_("planned, referred, started, done or cancelled"))
    refer.add_argument("--date", metavar="YYYY-MM-DD", help=_("the date of the change (default: today)"))
    refer.add_argument("--registered-on", metavar="YYYY-MM-DD", help=_("the case's registration date"))
    refer.add_argument("--due", metavar="YYYY-MM-DD", help=_("due date (default: the step's typical working days)"))
    refer.add_argument("--note", help=_("an internal note (never in the hand-out)"))
    refer.add_argument("--json", action="store_true", help=_("as JSON"))

    follow = commands.add_parser("followups", parents=[common], help=_("overdue and due referrals"))
    follow.add_argument("--today", metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    follow.add_argument("--json", action="store_true", help=_("as JSON"))

    handout = commands.add_parser("handout", parents=[common], help=_("a case's pathway for the customer"))
    handout.add_argument("case", metavar="CASE_REFERENCE")
    handout.add_argument("--format", choices=("md", "html"), default="md")
    handout.add_argument("--out", type=Path, metavar="FILE", help=_("write to a file instead of printing"))

    purge = commands.add_parser("purge", parents=[common], help=_("delete old assessments"))
    purge.add_argument("--older-than", required=True, type=int, metavar="DAYS",
                       help=_("delete assessments last saved more than DAYS days ago"))
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        i18n.set_language(choose_language(argv))
        args = build_parser().parse_args(argv)
        return run(args)
    except UserError as error:
        print(f"te-navigator: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_ERROR


def run(args: argparse.Namespace) -> int:
    from te_navigator.models.assessments import AssessmentError
    from te_navigator.models.catalogue import CatalogueInvalid
    from te_navigator.models.costs import CostInputError
    from te_navigator.models.store import StoreError

    try:
        if args.command is None:
            return open_app(args)
        from te_navigator.tui import commands

        handler = getattr(commands, f"cmd_{args.command}")
        return handler(args)
    except CatalogueInvalid as error:
        print(_("The catalogue has {count} problem(s):").format(count=len(error.problems)), file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_ERROR
    except AssessmentError as error:
        print(f"te-navigator: {error}", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_ERROR
    except (StoreError, CostInputError, UserError) as error:
        print(f"te-navigator: {error}", file=sys.stderr)
        return EXIT_ERROR


def open_app(args: argparse.Namespace) -> int:
    from te_navigator.tui.app import run_app

    return run_app(db=args.db, lang=i18n.current_language())


def print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


if __name__ == "__main__":
    sys.exit(main())
