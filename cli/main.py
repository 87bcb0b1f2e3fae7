"""The `te-navigator` entry point: language first, then parse, then run the command (or open the app)."""

from __future__ import annotations

import argparse
import logging
import sys

from te_navigator.cli.errors import EXIT_ERROR, UserError
from te_navigator.models import i18n
from te_navigator.models.errors import UserFacingError
from te_navigator.models.i18n import _


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


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        i18n.set_language(choose_language(argv))
        from te_navigator.cli.parser import build_parser

        return run(build_parser().parse_args(argv))
    except UserFacingError as error:
        report(error)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_ERROR


def run(args: argparse.Namespace) -> int:
    handler = getattr(args, "handler", None)
    if handler is None:
        return open_app(args)
    return handler(args)


def report(error: UserFacingError) -> None:
    """One message on stderr, then any problems indented under it."""
    print(f"te-navigator: {error.headline()}", file=sys.stderr)
    for problem in error.problems:
        print(f"  {problem}", file=sys.stderr)


def open_app(args: argparse.Namespace) -> int:
    from te_navigator.tui.app import run_app

    return run_app(db=args.db, lang=i18n.current_language())


if __name__ == "__main__":
    sys.exit(main())
