"""`catalogue validate` and `catalogue export`."""

from __future__ import annotations

import argparse
from pathlib import Path

from te_navigator.tui.cli.errors import EXIT_OK
from te_navigator.tui.cli.options import Commands, open_store
from te_navigator.tui.cli.output import print_json
from te_navigator.models.i18n import _, current_language


def register(commands: Commands) -> None:
    catalogue = commands.group("catalogue", _("check or export the catalogue"))
    validate = catalogue.add("validate", _("check a catalogue folder"), validate_catalogue)
    validate.add_argument(
        "dir", nargs="?", type=Path, metavar=_("FOLDER"), help=_("the folder (default: the shipped catalogue)")
    )
    catalogue.add("export", _("print the whole catalogue"), export_catalogue, json=True)


def validate_catalogue(args: argparse.Namespace) -> int:
    """The folder on its own, then against the case data in the store (--db) that would load it."""
    from te_navigator.models.catalogue import CatalogueInvalid, load_catalogue, saved_reference_problems
    from te_navigator.models.location import resolve_url
    from te_navigator.models.store import saved_references_of

    catalogue = load_catalogue(args.dir)
    problems = saved_reference_problems(catalogue, saved_references_of(resolve_url(args.db)))
    if problems:
        raise CatalogueInvalid(problems)
    counts = ", ".join(f"{kind}: {len(entries)}" for kind, entries in catalogue.entries.items())
    print(_("The catalogue is valid ({counts}).").format(counts=counts))
    return EXIT_OK


def export_catalogue(args: argparse.Namespace) -> int:
    store = open_store(args)
    if args.json:
        print_json(store.export())
        return EXIT_OK
    lang = current_language()
    groups, services = store.groups(), store.services()
    print(
        _(
            "{services} services in {groups} groups, {partners} partners, {terms} glossary terms, {pathways} pathways."
        ).format(
            services=len(services),
            groups=len(groups),
            partners=len(store.partners()),
            terms=len(store.glossary()),
            pathways=len(store.pathways()),
        )
    )
    print(_("Use --json for everything."))
    print()
    for group in groups:
        print(group.name.text(lang))
        for service in services:
            if group.id in service.groups:
                print(f"  {service.id:45} {service.name.text(lang)}")
    return EXIT_OK
