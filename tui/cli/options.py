"""The parser class and the options every command shares, each declared once here."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import Any

from te_navigator.tui.cli.errors import EXIT_ERROR, UserError
from te_navigator.models.i18n import _

Handler = Callable[[argparse.Namespace], int]


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's own exit code 2 would read as "crash" to scripts
        # One line, naming where to read more; the usage block would bury the message at 80x24.
        message = " ".join(message.split())
        self.exit(
            EXIT_ERROR, _("%(prog)s: error: %(message)s (%(prog)s --help)\n") % {"prog": self.prog, "message": message}
        )


def store_and_language(default: Any) -> Parser:
    """--db and --lang, accepted before or after the subcommand (SUPPRESS keeps a subcommand from resetting them)."""
    common = Parser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help=_(
            "the store: a SQLAlchemy URL or a file path (default: TE_NAVIGATOR_DB, else a file in the user data folder)"
        ),
    )
    common.add_argument("--lang", metavar="fi|sv", default=default, help=_("language of the output"))
    return common


def json_output() -> Parser:
    as_json = Parser(add_help=False)
    as_json.add_argument("--json", action="store_true", help=_("as JSON"))
    return as_json


class Commands:
    """Adds subcommands that all take --db/--lang, optionally --json, and run `handler(args)`."""

    def __init__(self, subparsers: Any):
        self.subparsers = subparsers
        self.common = store_and_language(argparse.SUPPRESS)
        self.json = json_output()

    def add(self, name: str, help_text: str, handler: Handler | None = None, *, json: bool = False) -> Parser:
        parents = [self.common, self.json] if json else [self.common]
        parser = self.subparsers.add_parser(name, parents=parents, help=help_text)
        if handler is not None:
            parser.set_defaults(handler=handler)
        return parser

    def group(self, name: str, help_text: str) -> Commands:
        """A command with its own subcommands (`catalogue validate`, `pathways show`…)."""
        parser = self.add(name, help_text)
        return Commands(
            parser.add_subparsers(dest=f"{name}_command", required=True, metavar=_("COMMAND"), parser_class=Parser)
        )


def date_option(
    value: str | None, option: str, *, not_future: bool = False, today: dt.date | None = None
) -> dt.date | None:
    """A date option within 1900–2100 (and not after today when it records what has happened)."""
    from te_navigator.models.answers import day_problem, parse_date

    if value is None:
        return None
    try:
        day = parse_date(value)  # as the app reads dates: d.m.yyyy or YYYY-MM-DD
    except ValueError:
        raise UserError(
            _("{option} takes a date as d.m.yyyy or YYYY-MM-DD, got {value!r}.").format(option=option, value=value)
        ) from None
    problem = day_problem(day, today, not_future=not_future)
    if problem:
        raise UserError(f"{option}: {problem}")
    return day


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`, so no number can overflow the store or a loop."""

    def parse(text: str) -> int:
        try:
            number = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(_("expected a whole number, got {value!r}").format(value=text)) from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(
                _("{value} is out of range: expected {low}–{high}").format(value=number, low=low, high=high)
            )
        return number

    return parse


def open_store(args: argparse.Namespace) -> Any:
    from te_navigator.models.store import Store, resolve_url

    return Store.open(resolve_url(args.db))


def open_store_light(args: argparse.Namespace) -> Any:
    """The store the light way when it is an up-to-date SQLite file (stored catalogue, plain SQL, no ORM
    imported), else opened the full way (any URL; creating, migrating or reloading as needed)."""
    from te_navigator.models.light_store import open_light
    from te_navigator.models.location import resolve_url

    return open_light(resolve_url(args.db))
