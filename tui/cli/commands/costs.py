"""`costs`: sharing the employment area's costs between the municipalities."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from te_navigator.tui.cli.errors import EXIT_OK, UserError
from te_navigator.tui.cli.options import Commands, open_store
from te_navigator.tui.cli.output import print_json
from te_navigator.models import formatting
from te_navigator.models.i18n import _, current_language

if TYPE_CHECKING:  # pydantic is imported only where an entity is made, not where one is read
    from te_navigator.models.entities import Municipality


def register(commands: Commands) -> None:
    costs = commands.add("costs", _("share costs between the municipalities"), share_costs, json=True)
    costs.add_argument("--total", required=True, metavar="EUR", help=_("the costs to share, in euros"))
    costs.add_argument("--inputs", type=Path, metavar="FILE", help=_("a budget year's figures (JSON or TOML)"))
    costs.add_argument("--prep", metavar="EUR", help=_("2023–2024 preparation costs, shared by population"))
    costs.add_argument("--settle", type=Path, metavar="PAID_FILE", help=_("what each municipality paid"))
    costs.add_argument("--actual", metavar="EUR", help=_("the actual costs of the year, with --settle"))


def share_costs(args: argparse.Namespace) -> int:
    from te_navigator.models import costs

    total = costs.parse_euros(args.total, "--total")
    if (args.settle is None) != (args.actual is None):
        raise UserError(_("--settle and --actual go together."))
    store = open_store(args)
    municipalities = store.municipalities()
    ids = [m.id for m in municipalities]
    criteria = costs.criteria_from_file(args.inputs, ids) if args.inputs else costs.plan_criteria(municipalities)
    prep = costs.parse_euros(args.prep, "--prep") if args.prep is not None else None
    actual = costs.parse_euros(args.actual, "--actual") if args.actual is not None else None
    paid = costs.read_paid(args.settle, ids) if args.settle is not None else None
    sharing = costs.share_costs(total, criteria, municipalities, prep, actual, paid)
    report = sharing.report({m.id: m.name.model_dump() for m in municipalities})
    if args.json:
        print_json(report)
    else:
        print(costs_text(report, municipalities, current_language()))
    return EXIT_OK


def costs_text(report: dict, municipalities: list[Municipality], lang: str) -> str:
    names = {m.id: m.name.text(lang) for m in municipalities}

    def money(euros: float) -> str:
        return formatting.euros(round(euros * 100), lang)

    lines = [_("Costs to share: {total}").format(total=money(report["total_eur"]))]
    for item in report["inputs"]:
        lines.append(
            _("  {percent} % by {basis} ({period}; {source})").format(
                percent=formatting.number(item["share_percent"], lang),
                basis=item["basis"],
                period=item["period"],
                source=item["source"],
            )
        )
    lines.append("")
    width = max(len(name) for name in names.values())
    share, monthly, last_month = _("Share"), _("Monthly"), _("Last month")
    lines.append(f"{'':{width}}  {share:>16}  {monthly:>14}  {last_month:>14}")
    for row in report["municipalities"]:
        lines.append(
            f"{names[row['id']]:{width}}  {money(row['share_eur']):>16}  {money(row['monthly_eur']):>14}"
            f"  {money(row['last_month_eur']):>14}"
        )
    if "preparation" in report:
        lines += ["", _("Preparation costs 2023–2024, by population:")]
        lines += [
            f"{names[r['id']]:{width}}  {money(r['share_eur']):>16}" for r in report["preparation"]["municipalities"]
        ]
    if "settlement" in report:
        lines += ["", _("Year-end settlement (positive: to pay, negative: to refund):")]
        lines += [
            f"{names[r['id']]:{width}}  {money(r['balance_eur']):>16}" for r in report["settlement"]["municipalities"]
        ]
    return "\n".join(lines)
