"""`costs`: sharing the employment area's costs between the municipalities."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    shares = costs.share(total, criteria)
    report: dict[str, Any] = {
        "total_eur": costs.cents_to_euros(total),
        "inputs": [
            {"id": c.id, "share_percent": float(c.weight * 100), "basis": c.label, "period": c.period,
             "source": c.source, "values": {m: _plain_number(v) for m, v in c.values.items()}}
            for c in criteria
        ],
        "municipalities": [],
    }
    for municipality in municipalities:
        cents = shares[municipality.id]["cents"]
        monthly, last = costs.monthly_instalments(cents)
        report["municipalities"].append({
            "id": municipality.id, "name": municipality.name.model_dump(), "share_eur": costs.cents_to_euros(cents),
            "monthly_eur": costs.cents_to_euros(monthly), "last_month_eur": costs.cents_to_euros(last),
            "parts_eur": {cid: round(float(part) / 100, 4) for cid, part in shares[municipality.id]["parts"].items()},
        })
    if args.prep is not None:
        prep = costs.share_by_population(costs.parse_euros(args.prep, "--prep"), municipalities)
        report["preparation"] = {
            "total_eur": costs.cents_to_euros(sum(prep.values())), "basis": "population_2022",
            "municipalities": [{"id": m, "share_eur": costs.cents_to_euros(c)} for m, c in prep.items()],
        }
    if args.settle is not None:
        actual = costs.parse_euros(args.actual, "--actual")
        paid = costs.read_paid(args.settle, ids)
        actual_shares = costs.share(actual, criteria)
        report["settlement"] = {
            "actual_eur": costs.cents_to_euros(actual),
            "municipalities": [
                {"id": m, "actual_share_eur": costs.cents_to_euros(actual_shares[m]["cents"]),
                 "paid_eur": costs.cents_to_euros(paid[m]),
                 "balance_eur": costs.cents_to_euros(actual_shares[m]["cents"] - paid[m])}
                for m in ids
            ],
        }
    if args.json:
        print_json(report)
    else:
        print(costs_text(report, municipalities, current_language()))
    return EXIT_OK


def _plain_number(value):
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float


def costs_text(report: dict, municipalities: list[Municipality], lang: str) -> str:
    names = {m.id: m.name.text(lang) for m in municipalities}

    def money(euros: float) -> str:
        return formatting.euros(round(euros * 100), lang)

    lines = [_("Costs to share: {total}").format(total=money(report["total_eur"]))]
    for item in report["inputs"]:
        lines.append(_("  {percent} % by {basis} ({period}; {source})").format(
            percent=formatting.number(item["share_percent"], lang), basis=item["basis"], period=item["period"],
            source=item["source"]))
    lines.append("")
    width = max(len(name) for name in names.values())
    share, monthly, last_month = _("Share"), _("Monthly"), _("Last month")
    lines.append(f"{'':{width}}  {share:>16}  {monthly:>14}  {last_month:>14}")
    for row in report["municipalities"]:
        lines.append(f"{names[row['id']]:{width}}  {money(row['share_eur']):>16}  {money(row['monthly_eur']):>14}"
                     f"  {money(row['last_month_eur']):>14}")
    if "preparation" in report:
        lines += ["", _("Preparation costs 2023–2024, by population:")]
        lines += [f"{names[r['id']]:{width}}  {money(r['share_eur']):>16}" for r in report["preparation"]["municipalities"]]
    if "settlement" in report:
        lines += ["", _("Year-end settlement (positive: to pay, negative: to refund):")]
        lines += [f"{names[r['id']]:{width}}  {money(r['balance_eur']):>16}" for r in report["settlement"]["municipalities"]]
    return "\n".join(lines)
