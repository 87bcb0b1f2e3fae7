"""`sync`: merge this store with another one (a laptop's with the office's), both ways."""

from __future__ import annotations

import argparse

from te_navigator.tui.cli.errors import EXIT_OK
from te_navigator.tui.cli.options import Commands, open_store
from te_navigator.tui.cli.output import print_json
from te_navigator.models.i18n import _, ngettext


def register(commands: Commands) -> None:
    sync = commands.add("sync", _("merge this store with the office store, both ways"), sync_stores, json=True)
    sync.add_argument(
        "--with",
        dest="peer",
        required=True,
        metavar="URL",
        help=_("the other store: a SQLAlchemy URL (e.g. postgresql+psycopg://…) or a file path"),
    )


def sync_stores(args: argparse.Namespace) -> int:
    from te_navigator.models.catalogue import seed_digest, shipped_seed_dir
    from te_navigator.models.store import Store, resolve_url
    from te_navigator.models.sync import sync

    laptop = open_store(args)
    office = Store.open_peer(resolve_url(args.peer))
    try:
        report = sync(laptop, office, seed_digest(shipped_seed_dir()))
    finally:
        office.close()
    if args.json:
        print_json(report.as_dict())
        return EXIT_OK
    print(_("Synced with {peer}.").format(peer=report.peer))
    print(_("Sent: {counts}").format(counts=_counts(report.sent)))
    print(_("Received: {counts}").format(counts=_counts(report.received)))
    if report.catalogue_updated:
        print(_("The catalogue was updated from the office store."))
    for conflict in report.conflicts:
        print(
            _(
                "Changed on both sides: case {case}, {pathway} › {step}; kept both changes, current: {status} "
                "({by}, {at})."
            ).format(
                case=conflict["case"],
                pathway=conflict["pathway"],
                step=conflict["step"],
                status=conflict["current"],
                by=conflict["by"] or "–",
                at=conflict["at"],
            )
        )
    return EXIT_OK


def _counts(counts: dict[str, int]) -> str:
    words = {
        "cases": lambda n: ngettext("{n} case", "{n} cases", n),
        "assessments": lambda n: ngettext("{n} assessment", "{n} assessments", n),
        "versions": lambda n: ngettext("{n} assessment version", "{n} assessment versions", n),
        "referrals": lambda n: ngettext("{n} referral", "{n} referrals", n),
        "changes": lambda n: ngettext("{n} referral change", "{n} referral changes", n),
        "tombstones": lambda n: ngettext("{n} deletion", "{n} deletions", n),
    }
    return ", ".join(words[kind](n).format(n=n) for kind, n in counts.items())
