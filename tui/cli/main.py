"""The `te-navigator` entry point: language first, then parse, then run the command (or open the app)."""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import sys

from te_navigator.tui.cli.errors import EXIT_ERROR, UserError
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
        refuse_broken_text(argv)
        i18n.set_language(choose_language(argv))
        return run(app_arguments(argv) or parse(argv))
    except UserFacingError as error:
        report(error)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_ERROR
    except BrokenPipeError:  # the reader (head, less) went away: nothing to tell anyone
        _silence_stdout()
        return EXIT_ERROR
    except Exception as error:  # noqa: BLE001 - the one place where anything unexpected becomes one line
        return report_unexpected(error)


def parse(argv: list[str]) -> argparse.Namespace:
    from te_navigator.tui.cli.argparse_i18n import translate_argparse
    from te_navigator.tui.cli.parser import build_parser

    translate_argparse()
    return build_parser().parse_args(argv)


def app_arguments(argv: list[str]) -> argparse.Namespace | None:
    """`--db URL` and `--lang fi|sv` alone (or nothing) open the app: read here without building the whole
    parser, whose command modules would otherwise be imported before the app's first paint. Anything else
    (a command, --help, an abbreviation, a missing value) is None and goes to the parser."""
    values: dict[str, str | None] = {"db": None, "lang": None}
    rest = list(argv)
    while rest:
        name, equals, value = rest.pop(0).partition("=")
        if name not in ("--db", "--lang"):
            return None
        if not equals:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        values[name.removeprefix("--")] = value
    return argparse.Namespace(command=None, **values)


def run(args: argparse.Namespace) -> int:
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            return open_app(args)
        return handler(args)
    except BrokenPipeError:
        raise
    except Exception as error:  # a store or a disk that failed in use is one line; anything else goes on
        message = failure_line(error)
        if message is None:
            raise
        say(f"te-navigator: {message}")
        return EXIT_ERROR


def failure_line(error: Exception) -> str | None:
    """One line for a store that broke after it opened (locked, full or read-only disk, damaged pages, a missing
    table) or a file the command needed; None for anything else. SQLAlchemy is not imported to find out."""
    from te_navigator.models.sql import SqlFailed, failure_message

    if isinstance(error, SqlFailed):
        return failure_message(error.reason)
    if type(error).__module__.startswith("sqlalchemy"):
        from sqlalchemy.exc import SQLAlchemyError

        from te_navigator.models.store import database_error_message

        if isinstance(error, SQLAlchemyError):
            return database_error_message(error)
    if isinstance(error, OSError):
        reason = error.strerror or str(error)
        return f"{error.filename}: {reason}" if error.filename else reason
    return None


def report(error: UserFacingError) -> None:
    """One message on stderr, then any problems indented under it."""
    say(f"te-navigator: {error.headline()}")
    for problem in error.problems:
        say(f"  {problem}")


def refuse_broken_text(argv: list[str]) -> None:
    """Arguments that were not UTF-8 arrive as lone surrogates; refuse them before anything prints them."""
    for position, arg in enumerate(argv, start=1):
        if arg.isascii():
            continue  # always valid; the app's start then does without importing the answers module
        from te_navigator.models.answers import is_valid_unicode

        if not is_valid_unicode(arg):
            shown = arg.encode("utf-8", "backslashreplace").decode("utf-8")
            raise UserError(
                _("Argument {position} ({value}) is not valid UTF-8 text.").format(position=position, value=shown)
            )


def report_unexpected(error: BaseException) -> int:
    """The traceback goes to the error log; the user sees one line naming it."""
    from te_navigator.models import crashlog

    path = crashlog.record(error, "cli")
    if path is None:
        say(
            _("te-navigator: an unexpected error ({kind}); the error log could not be written.").format(
                kind=type(error).__name__
            )
        )
    else:
        say(
            _("te-navigator: an unexpected error ({kind}); the details are in {path}").format(
                kind=type(error).__name__, path=path
            )
        )
    return EXIT_ERROR


def say(line: str) -> None:
    """One line on stderr, whatever it holds and wherever stderr goes."""
    with contextlib.suppress(OSError, ValueError):
        print(" ".join(str(line).splitlines()), file=sys.stderr)


def _silence_stdout() -> None:
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def open_app(args: argparse.Namespace) -> int:
    # Starting the app creates a few hundred thousand objects that all live on (Textual's modules, the widgets, the
    # catalogue): the cyclic garbage collector would walk the growing heap again and again (about a tenth of the
    # start-up). It is paused here and resumed once the first frame is drawn (TeNavigatorApp.on_ready).
    collecting = gc.isenabled()
    gc.disable()
    try:
        from te_navigator.tui.app import run_app

        return run_app(
            db=args.db,
            lang=i18n.current_language(),
            practice_db=getattr(args, "practice_db", None),
            collector_paused=collecting,
        )
    finally:
        if collecting:
            gc.enable()


if __name__ == "__main__":
    sys.exit(main())
