"""`changes`: every dated change in the catalogue, newest first."""

from __future__ import annotations

import argparse
import datetime as dt

from te_navigator.tui.cli.errors import EXIT_OK, UserError
from te_navigator.tui.cli.options import Commands, open_store
from te_navigator.tui.cli.output import print_json
from te_navigator.models import formatting
from te_navigator.models.changes import Change, change_label, dated_changes, kind_label
from te_navigator.models.i18n import _, current_language
from te_navigator.models.sources import source_text


def register(commands: Commands) -> None:
    changes = commands.add("changes", _("what changed in the catalogue, newest first"), show_changes, json=True)
    changes.add_argument("--since", metavar="YYYY-MM-DD", help=_("only changes on or after this date"))


def show_changes(args: argparse.Namespace) -> int:
    since = None
    if args.since:
        try:
            since = dt.date.fromisoformat(args.since)
        except ValueError:
            raise UserError(_("--since takes a date as YYYY-MM-DD, got {value!r}.").format(value=args.since)) from None
        from te_navigator.models.answers import day_problem

        problem = day_problem(since)  # 1900–2100, as every date
        if problem:
            raise UserError(f"--since: {problem}")
    changes = dated_changes(open_store(args), since)
    if args.json:
        print_json([change.as_dict() for change in changes])
        return EXIT_OK
    print(changes_text(changes, current_language()))
    return EXIT_OK


def changes_text(changes: list[Change], lang: str) -> str:
    if not changes:
        return _("No changes in this period.")
    lines = []
    for change in changes:
        day = formatting.date(dt.date.fromisoformat(change.date), lang)
        lines.append(f"{day}  {change_label(change.change)} – {kind_label(change.kind)}: {change.title[lang]}")
        if change.detail:
            lines.append(f"    {change.detail[lang]}")
        lines.append("    " + _("Source: {source}").format(source=source_text(change.source, lang)))
    return "\n".join(lines)
