"""The subcommands' work: each opens the store (or the catalogue), prints text or JSON, returns the exit code."""

from __future__ import annotations

import argparse

from models import formatting
from models.i18n import _, current_language
from tui.cli import EXIT_OK, UserError, print_json


def open_store(args: argparse.Namespace):
    from models.store import Store, resolve_url

    return Store.open(resolve_url(args.db))


def lang_of(args: argparse.Namespace) -> str:
    return current_language()


# --- catalogue ---------------------------------------------------------------------------------------------

def cmd_catalogue(args: argparse.Namespace) -> int:
    if args.catalogue_command == "validate":
        from models.catalogue import load_catalogue

        catalogue = load_catalogue(args.dir)
        counts = ", ".join(f"{kind}: {len(entries)}" for kind, entries in catalogue.entries.items())
        print(_("The catalogue is valid ({counts}).").format(counts=counts))
        return EXIT_OK
    store = open_store(args)
    data = store.export()
    if args.json:
        print_json(data)
    else:
        lang = lang_of(args)
        for key in ("groups", "services", "service_lines", "partners", "municipalities", "glossary"):
            print(f"{key}: {len(data[key])}")
        print()
        for group in data["groups"]:
            print(group["name"][lang])
            for service in data["services"]:
                if group["id"] in service["groups"]:
                    print(f"  {service['id']:45} {service['name'][lang]}")
    return EXIT_OK


# --- search and show ---------------------------------------------------------------------------------------

def cmd_search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise UserError(_("--limit must be 1 or more."))
    store = open_store(args)
    hits = store.search_index().search(args.query, limit=args.limit)
    lang = lang_of(args)
    if args.json:
        print_json([
            {"kind": hit.kind, "id": hit.id, "name": hit.name, "score": hit.score,
             "matched": [{"query": m.query, "form": m.surface, "how": m.how} for m in hit.matches]}
            for hit in hits
        ])
        return EXIT_OK
    if not hits:
        print(_("No matches for {query!r}.").format(query=args.query))
        return EXIT_OK
    labels = kind_labels()
    for hit in hits:
        matched = hit.matched_forms()
        suffix = f"  ({matched})" if matched else ""
        print(f"{labels[hit.kind]:10} {hit.id:42} {hit.name[lang]}{suffix}")
    return EXIT_OK


def kind_labels() -> dict[str, str]:
    return {"service": _("service"), "partner": _("partner"), "term": _("term")}


def cmd_show(args: argparse.Namespace) -> int:
    store = open_store(args)
    found = store.entity(args.id)
    if found is None:
        raise UserError(_("No entry with the id {id!r}. Try: te-navigator search WORD").format(id=args.id))
    kind, entry = found
    if args.json:
        print_json({"kind": kind, **entry})
        return EXIT_OK
    from tui.describe import describe_entry

    print(describe_entry(kind, entry, lang_of(args), store))
    return EXIT_OK


# --- facts -------------------------------------------------------------------------------------------------

def fact_rows() -> list[tuple[str, str]]:
    return [
        ("population_2022", _("Population (2022)")),
        ("labour_force_2023_07", _("Labour force (7/2023)")),
        ("labour_force_forecast_2035", _("Labour force forecast (2035)")),
        ("working_age_2021", _("Working-age residents (2021)")),
        ("foreign_language_2022", _("Foreign-language residents (2022)")),
        ("employment_rate_2021", _("Employment rate % (2021)")),
        ("unemployment_rate_2023_07", _("Unemployment rate % (7/2023)")),
        ("staff_fte", _("Transferring staff, FTE (estimate)")),
    ]


def format_fact(_key: str, value, lang: str) -> str:
    return formatting.number(value, lang)


def cmd_facts(args: argparse.Namespace) -> int:
    store = open_store(args)
    municipalities = store.municipalities()
    lang = lang_of(args)
    if args.json:
        print_json({
            "municipalities": municipalities,
            "periods": store.periods(),
            "staff_fte_total": round(sum(m["stats"]["staff_fte"] for m in municipalities), 2),
            "formatted": {
                m["id"]: {key: format_fact(key, m["stats"][key], lang) for key, _label in fact_rows()}
                for m in municipalities
            },
        })
        return EXIT_OK
    print(facts_table(municipalities, lang))
    return EXIT_OK


def facts_table(municipalities: list[dict], lang: str) -> str:
    rows = [(label, [format_fact(key, m["stats"][key], lang) for m in municipalities]) for key, label in fact_rows()]
    header = [m["name"][lang] for m in municipalities]
    widths = [max(len(header[i]), *(len(values[i]) for _label, values in rows)) for i in range(len(header))]
    label_width = max(len(label) for label, _values in rows)
    lines = [" " * label_width + "  " + "  ".join(h.rjust(w) for h, w in zip(header, widths))]
    for label, values in rows:
        lines.append(label.ljust(label_width) + "  " + "  ".join(v.rjust(w) for v, w in zip(values, widths)))
    return "\n".join(lines)


# --- costs -------------------------------------------------------------------------------------------------

def cmd_costs(args: argparse.Namespace) -> int:
    from models import costs

    total = costs.parse_euros(args.total, "--total")
    if (args.settle is None) != (args.actual is None):
        raise UserError(_("--settle and --actual go together."))
    store = open_store(args)
    municipalities = store.municipalities()
    ids = [m["id"] for m in municipalities]
    criteria = costs.criteria_from_file(args.inputs, ids) if args.inputs else costs.plan_criteria(municipalities)
    shares = costs.share(total, criteria)
    report = {
        "total_eur": costs.cents_to_euros(total),
        "inputs": [
            {"id": c.id, "share_percent": float(c.weight * 100), "basis": c.label, "period": c.period,
             "source": c.source, "values": {m: _plain_number(v) for m, v in c.values.items()}}
            for c in criteria
        ],
        "municipalities": [],
    }
    for municipality in municipalities:
        cents = shares[municipality["id"]]["cents"]
        monthly, last = costs.monthly_instalments(cents)
        report["municipalities"].append({
            "id": municipality["id"], "name": municipality["name"], "share_eur": costs.cents_to_euros(cents),
            "monthly_eur": costs.cents_to_euros(monthly), "last_month_eur": costs.cents_to_euros(last),
            "parts_eur": {cid: round(float(part) / 100, 4) for cid, part in shares[municipality["id"]]["parts"].items()},
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
        print(costs_text(report, municipalities, lang_of(args)))
    return EXIT_OK


def _plain_number(value):
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float


def costs_text(report: dict, municipalities: list[dict], lang: str) -> str:
    names = {m["id"]: m["name"][lang] for m in municipalities}

    def money(euros: float) -> str:
        return formatting.euros(round(euros * 100), lang)

    lines = [_("Costs to share: {total}").format(total=money(report["total_eur"]))]
    for item in report["inputs"]:
        lines.append(_("  {percent} % by {basis} ({period}; {source})").format(
            percent=formatting.number(item["share_percent"], lang), basis=item["basis"], period=item["period"],
            source=item["source"]))
    lines.append("")
    width = max(len(name) for name in names.values())
    lines.append(f"{'':{width}}  {_('Share'):>16}  {_('Monthly'):>14}  {_('Last month'):>14}")
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

