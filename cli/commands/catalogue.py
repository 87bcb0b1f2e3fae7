"""`catalogue validate` and `catalogue export`."""

from __future__ import annotations

import argparse
from pathlib import Path

from te_navigator.cli.errors import EXIT_OK
from te_navigator.cli.options import Commands, open_store
from te_navigator.cli.output import print_json
from te_navigator.models.i18n import _, current_language


def register(commands: Commands) -> None:
    catalogue = commands.group("catalogue", _("check or export the catalogue"))
    validate = catalogue.add("validate", _("check a catalogue folder"), validate_catalogue)
    validate.add_argument("dir", nargs="?", type=Path, help=_("the folder (default: the shipped catalogue)"))
    catalogue.add("export", _("print the whole catalogue"), export_catalogue, json=True)


def validate_catalogue(args: argparse.Namespace) -> int:
    from te_navigator.models.catalogue import load_catalogue

    catalogue = load_catalogue(args.dir)
    counts = ", ".join(f"{kind}: {len(entries)}" for kind, entries in catalogue.entries.items())
    print(_("The catalogue is valid ({counts}).").format(counts=counts))
    return EXIT_OK


def export_catalogue(args: argparse.Namespace) -> int:
    store = open_store(args)
    data = store.export()
    if args.json:
        print_json(data)
        return EXIT_OK
    lang = current_language()
    print(_("{services} services in {groups} groups, {partners} partners, {terms} glossary terms, "
            "{pathways} pathways.").format(services=len(data["services"]), groups=len(data["groups"]),
                                           partners=len(data["partners"]), terms=len(data["glossary"]),
                                           pathways=len(data["pathways"])))
    print(_("Use --json for everything."))
    print()
    for group in data["groups"]:
        print(group["name"][lang])
        for service in data["services"]:
            if group["id"] in service["groups"]:
                print(f"  {service['id']:45} {service['name'][lang]}")
    return EXIT_OK
