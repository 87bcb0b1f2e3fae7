"""`practice results`, `practice list` and `practice show`: trainees' attempts at the practice cases, for trainers.

The attempts are in the practice store (models/practice_store.py), never in the real store; the cases and their
model answers come from the catalogue.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from te_navigator.models.i18n import _, current_language
from te_navigator.tui.cli.errors import EXIT_OK
from te_navigator.tui.cli.options import Commands, bounded_int, open_store_light
from te_navigator.tui.cli.output import print_json

if TYPE_CHECKING:
    from te_navigator.models.entities import ChecklistItem

MAX_ID = 2**31 - 1


def register(commands: Commands) -> None:
    practice = commands.group("practice", _("trainees' attempts at the practice cases"))
    for name, help_text, handler in (
        (
            "results",
            _("a group's results per practice case: attempts, mean and best score, common differences"),
            show_results,
        ),
        ("list", _("every practice attempt, newest first"), list_attempts),
    ):
        added = practice.add(name, help_text, handler, json=True)
        _practice_db_option(added)
    one = practice.add("show", _("one practice attempt beside the model answer"), show_attempt, json=True)
    one.add_argument("id", type=bounded_int(1, MAX_ID), metavar="ID", help=_("the attempt's number"))
    _practice_db_option(one)


def _practice_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--practice-db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help=_(
            "the practice store: a SQLAlchemy URL or a file path (default: TE_NAVIGATOR_PRACTICE_DB, else "
            "practice.sqlite beside the store)"
        ),
    )


def open_practice(args: argparse.Namespace):
    from te_navigator.models.location import resolve_url
    from te_navigator.models.practice_store import PracticeStore, practice_url

    real = resolve_url(args.db)
    return PracticeStore(practice_url(getattr(args, "practice_db", None), real), real)


def show_results(args: argparse.Namespace) -> int:
    from te_navigator.models.practice_store import results
    from te_navigator.models.practice_view import results_lines

    store = open_store_light(args)
    practice = open_practice(args)
    try:
        summary = results(practice.attempts(), store.practice_cases())
    finally:
        practice.close()
    if args.json:
        print_json({"results": summary})
        return EXIT_OK
    print("\n".join(results_lines(summary, _names(store), _items(store))))
    return EXIT_OK


def list_attempts(args: argparse.Namespace) -> int:
    from te_navigator.models import formatting

    practice = open_practice(args)
    try:
        attempts = practice.attempts()
    finally:
        practice.close()
    if args.json:
        print_json({"attempts": [{k: v for k, v in a.items() if k != "comparison"} for a in attempts]})
        return EXIT_OK
    if not attempts:
        print(_("No practice attempts yet."))
        return EXIT_OK
    lang = current_language()
    for attempt in attempts:
        print(
            _("{id:>4}  {saved}  {staff}  {case}  {points}/{max} points").format(
                id=attempt["id"],
                saved=formatting.moment(attempt["saved_at"], lang),
                staff=attempt["staff"],
                case=attempt["case"],
                points=attempt["points"],
                max=attempt["max"],
            )
        )
    return EXIT_OK


def show_attempt(args: argparse.Namespace) -> int:
    from te_navigator.models.practice_view import comparison_lines

    practice = open_practice(args)
    try:
        attempt = practice.attempt(args.id)
    finally:
        practice.close()
    if args.json:
        print_json(attempt)
        return EXIT_OK
    store = open_store_light(args)
    case = store.practice_case(attempt["case"])
    lang = current_language()
    title = case.title.text(lang) if case else attempt["case"]
    print(_("Attempt {id}: {title} ({staff})").format(id=attempt["id"], title=title, staff=attempt["staff"]))
    for _kind, text in comparison_lines(attempt["comparison"], _names(store), store.municipalities()):
        print(text)
    return EXIT_OK


def _names(store) -> dict:
    names = store.names()
    names["deadline"] = {d.id: d.name.model_dump() for d in store.deadlines()}
    return names


def _items(store) -> dict[str, ChecklistItem]:
    return {item.id: item for template in store.checklists() for item in template.items}
