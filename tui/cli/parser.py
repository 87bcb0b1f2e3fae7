"""The whole argument parser: global options, then each command module's `register`, in the order of `--help`."""

from __future__ import annotations

import argparse

from te_navigator.tui.cli.commands import (
    assessments,
    catalogue,
    changes,
    costs,
    entries,
    facts,
    pathways,
    practice,
    sync,
)
from te_navigator.tui.cli.options import Commands, Parser, store_and_language
from te_navigator.models.i18n import _


class ShowVersion(argparse.Action):
    """--version, looked up only when asked: reading the package metadata costs more than most commands."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        import te_navigator

        print(f"te-navigator {te_navigator.__version__}")
        parser.exit(0)


COMMAND_MODULES = (catalogue, entries, facts, costs, assessments, pathways, sync, changes, practice)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="te-navigator",
        parents=[store_and_language(None)],
        description=_("The Porvoo employment area's services, in Finnish and Swedish."),
    )
    parser.add_argument("--version", action=ShowVersion, nargs=0, help=_("show the version and exit"))
    parser.add_argument(
        "--practice-db",
        metavar="URL",
        help=_(
            "the practice store: a SQLAlchemy URL or a file path (default: TE_NAVIGATOR_PRACTICE_DB, else "
            "practice.sqlite beside the store)"
        ),
    )
    commands = Commands(parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=Parser))
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser
