"""`search` and `show`: finding catalogue entries and describing one."""

from __future__ import annotations

import argparse

from te_navigator.tui.cli.errors import EXIT_OK, UserError
from te_navigator.tui.cli.options import Commands, bounded_int, open_store_light
from te_navigator.tui.cli.output import print_json
from te_navigator.models.i18n import _, current_language


def register(commands: Commands) -> None:
    search = commands.add("search", _("search services, partners and terms"), search_entries, json=True)
    search.add_argument("query", metavar=_("QUERY"), help=_("words to look for"))
    search.add_argument(
        "--limit", type=bounded_int(1, 1000), default=10, metavar="N", help=_("at most N results (default: 10)")
    )
    show = commands.add("show", _("show one entry by its id"), show_entry, json=True)
    show.add_argument("id", metavar="ID", help=_("e.g. loviisa, keha-keskus or a service's id"))


def search_entries(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise UserError(_("--limit must be 1 or more."))
    hits = open_store_light(args).search_index().search(args.query, limit=args.limit)
    lang = current_language()
    if args.json:
        print_json(
            [
                {
                    "kind": hit.kind,
                    "id": hit.id,
                    "name": hit.name,
                    "score": hit.score,
                    "matched": [{"query": m.query, "form": m.surface, "how": m.how} for m in hit.matches],
                }
                for hit in hits
            ]
        )
        return EXIT_OK
    if not hits:
        print(_("No matches for {query!r}.").format(query=args.query))
        return EXIT_OK
    from te_navigator.tui.describe import entry_kind_label

    for hit in hits:
        matched = hit.matched_forms()
        suffix = f"  ({matched})" if matched else ""
        print(f"{entry_kind_label(hit.kind):14} {hit.id:40} {hit.name[lang]}{suffix}")
    return EXIT_OK


def show_entry(args: argparse.Namespace) -> int:
    store = open_store_light(args)
    found = store.entity(args.id)
    if found is None:
        raise UserError(_("No entry with the id {id!r}. Try: te-navigator search WORD").format(id=args.id))
    kind, entry = found
    if args.json:
        # A checklist or pathway as seed/ wrote it (as `catalogue export` has it), any other entry in full.
        print_json({"kind": kind, **entry.model_dump(mode="json", exclude_unset=kind in ("checklist", "pathway"))})
        return EXIT_OK
    from te_navigator.tui.describe import describe_entry

    print(describe_entry(kind, entry, current_language(), store))
    return EXIT_OK
