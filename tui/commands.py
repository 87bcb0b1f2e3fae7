"""The subcommands' work: each opens the store (or the catalogue), prints text or JSON, returns the exit code."""

from __future__ import annotations

import argparse

from te_navigator.models import formatting
from te_navigator.models.i18n import _, current_language
from te_navigator.tui.cli import EXIT_OK, UserError, print_json


def open_store(args: argparse.Namespace):
    from te_navigator.models.store import Store, resolve_url

    return Store.open(resolve_url(args.db))


def lang_of(args: argparse.Namespace) -> str:
    return current_language()


# --- catalogue ---------------------------------------------------------------------------------------------

def cmd_catalogue(args: argparse.Namespace) -> int:
    if args.catalogue_command == "validate":
        from te_navigator.models.catalogue import load_catalogue

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
    from te_navigator.tui.describe import entry_kind_label

    for hit in hits:
        matched = hit.matched_forms()
        suffix = f"  ({matched})" if matched else ""
        print(f"{entry_kind_label(hit.kind):14} {hit.id:40} {hit.name[lang]}{suffix}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    store = open_store(args)
    found = store.entity(args.id)
    if found is None:
        raise UserError(_("No entry with the id {id!r}. Try: te-navigator search WORD").format(id=args.id))
    kind, entry = found
    if args.json:
        print_json({"kind": kind, **entry})
        return EXIT_OK
    from te_navigator.tui.describe import describe_entry

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
    from te_navigator.models import costs

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



# --- assessments -------------------------------------------------------------------------------------------

def read_answers(path) -> dict:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UserError(_("{path}: cannot be read: {reason}").format(path=path, reason=error.strerror)) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise UserError(_("{path}: not valid JSON: {reason}").format(path=path, reason=error)) from None
    if not isinstance(data, dict):
        raise UserError(_("{path}: expected an object of item ids and answers").format(path=path))
    return data.get("answers", data) if isinstance(data.get("answers"), dict) else data


def evaluate_answers(store, template: dict, answers: dict) -> dict:
    """Checked answers → {suggestions, deadlines}, as the checklist screen shows them."""
    from te_navigator.models import rules
    from te_navigator.models.answers import check_answers
    from te_navigator.models.assessments import AssessmentError

    clean, problems = check_answers(template, answers, [m["id"] for m in store.municipalities()])
    if problems:
        raise AssessmentError(_("The answers have {count} problem(s).").format(count=len(problems)), problems)
    return {
        "suggestions": rules.suggestions(template["id"], clean, store.rules(), store.names()),
        "deadlines": rules.deadlines(template["id"], clean, store.timings()),
    }


def cmd_assess(args: argparse.Namespace) -> int:
    answers = read_answers(args.answers)
    store = open_store(args)
    template = store.checklist(args.template)
    if template is None:
        known = ", ".join(t["id"] for t in store.checklists())
        raise UserError(_("Unknown checklist {value!r}: use one of {choices}.").format(value=args.template,
                                                                                    choices=known))
    result = evaluate_answers(store, template, answers)
    if args.json:
        print_json({
            "template": template["id"],
            "suggestions": result["suggestions"],
            "deadlines": [{"id": d["id"], "name": d["name"], "due": d["due"], "legal_source": d["legal_source"]}
                          for d in result["deadlines"]],
        })
        return EXIT_OK
    print(assessment_text(result, lang_of(args)))
    return EXIT_OK


def assessment_text(result: dict, lang: str) -> str:
    import datetime as dt

    lines = [_("Suggestions:")]
    if not result["suggestions"]:
        lines.append("  " + _("none from these answers"))
    from te_navigator.tui.describe import entry_kind_label

    for suggestion in result["suggestions"]:
        lines.append(f"  {entry_kind_label(suggestion['kind'])}: {suggestion['name'][lang]}")
        lines += [f"    – {reason[lang]}" for reason in suggestion["reasons"]]
    lines.append(_("Deadlines:"))
    for deadline in result["deadlines"]:
        due = formatting.date(dt.date.fromisoformat(deadline["due"]), lang)
        lines.append(f"  {deadline['name'][lang]}: {due}  ({deadline['legal_source']})")
    if not result["deadlines"]:
        lines.append("  " + _("none: no start date answered"))
    return "\n".join(lines)


def cmd_assessments(args: argparse.Namespace) -> int:
    import datetime as dt

    from te_navigator.models import assessments

    store = open_store(args)
    if args.assessments_command == "list":
        try:
            since = dt.date.fromisoformat(args.since) if args.since else None
            until = dt.date.fromisoformat(args.until) if args.until else None
        except ValueError:
            raise UserError(_("--since and --until take dates as YYYY-MM-DD.")) from None
        rows = assessments.list_assessments(store, municipality=args.municipality, template=args.template,
                                            since=since, until=until)
        if args.json:
            print_json(rows)
        elif not rows:
            print(_("No saved assessments."))
        else:
            for row in rows:
                subject = row["case_reference"] or f"{row['area']} {row['period']}"
                state = _("finished") if row["finished"] else _("unfinished")
                print(f"{row['id']:5}  {row['template']:16} {subject:20} {row['municipality'] or '–':11} "
                      f"{row['updated_at'][:16]}  v{row['versions']}  {state}")
        return EXIT_OK
    record = assessments.get_assessment(store, args.id, args.version)
    if args.assessments_command == "export" or args.json:
        print_json(record)
        return EXIT_OK
    template = store.checklist(record["template"])
    lang = lang_of(args)
    print(f"#{record['id']} {template['name'][lang]} – {record['case_reference'] or record['area']}  "
          f"v{record['version']}/{record['versions']}")
    for item in template["items"]:
        value = record["answers"].get(item["id"])
        print(f"  {item['label'][lang]}: {answer_text(item, value, lang)}")
    print(_("History:"))
    for version in record["history"]:
        print(f"  v{version['version']}  {version['saved_at'][:16]}")
    return EXIT_OK


def answer_text(item: dict, value, lang: str) -> str:
    if value is None:
        return "–"
    if item["type"] == "yesno":
        return _("yes") if value else _("no")
    if item["type"] == "choice":
        for choice in item.get("choices", []):
            if choice["id"] == value:
                return choice["label"][lang]
    return str(value)


def cmd_purge(args: argparse.Namespace) -> int:
    from te_navigator.models import assessments

    store = open_store(args)
    removed = assessments.purge(store, args.older_than)
    print(_("Removed {count} assessment(s) last saved more than {days} days ago.").format(
        count=removed, days=args.older_than))
    return EXIT_OK


# --- pathways, referrals, follow-ups, hand-outs --------------------------------------------------------------

def _date_option(value: str | None, option: str):
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(_("{option} takes a date as YYYY-MM-DD, got {value!r}.").format(
            option=option, value=value)) from None


def pathway_or_error(store, pathway_id: str) -> dict:
    pathway = store.pathway(pathway_id)
    if pathway is None:
        raise UserError(_("No pathway {value!r}. See: te-navigator pathways list").format(value=pathway_id))
    return pathway


def cmd_pathways(args: argparse.Namespace) -> int:
    store = open_store(args)
    lang = lang_of(args)
    if args.pathways_command == "list":
        pathways = store.pathways()
        if args.json:
            print_json([{"id": p["id"], "name": p["name"]} for p in pathways])
        else:
            for pathway in pathways:
                print(f"{pathway['id']:24} {pathway['name'][lang]}")
        return EXIT_OK
    pathway = pathway_or_error(store, args.id)
    names = store.names()
    steps = [{
        "id": step["id"], "name": step["name"],
        "service": step.get("service"), "partner": step.get("partner"),
        "uses": names["service"].get(step["service"]) if step.get("service") else names["partner"].get(step["partner"]),
        "responsible": step["responsible"], "timing": step["timing"],
        "due_working_days": step.get("due_working_days"), "next": step["next"], "exit": step["exit"],
    } for step in pathway["steps"]]
    if args.json:
        print_json({"id": pathway["id"], "name": pathway["name"], "description": pathway["description"],
                    "start": pathway["start"], "steps": steps})
        return EXIT_OK
    from te_navigator.tui.diagram import draw_pathway

    print(pathway["name"][lang])
    print(draw_pathway(pathway, lang, width=80).plain)
    return EXIT_OK


def cmd_refer(args: argparse.Namespace) -> int:
    from te_navigator.models import referrals

    store = open_store(args)
    pathway = pathway_or_error(store, args.pathway)
    on = _date_option(args.date, "--date")
    registered = _date_option(args.registered_on, "--registered-on")
    open_ones = [r for r in referrals.case_referrals(store, args.case)
                 if r["pathway"] == args.pathway and r["step"] == args.step and r["status"] in referrals.OPEN_STATUSES]
    if open_ones:
        referral = referrals.change_status(store, open_ones[0]["id"], args.status, on, note=args.note)
    else:
        referral = referrals.plan_step(store, args.case, pathway, args.step, status=args.status, on=on,
                                       note=args.note, registered_on=registered,
                                       due_on=_date_option(args.due, "--due"))
    if args.json:
        print_json(referral)
    else:
        print(_("{step}: {status}").format(step=args.step, status=referrals.status_label(referral["status"])))
    return EXIT_OK


def cmd_followups(args: argparse.Namespace) -> int:
    from te_navigator.models import referrals

    store = open_store(args)
    today = _date_option(args.today, "--today")
    data = referrals.followups(store, today=today)
    if args.json:
        print_json(data)
        return EXIT_OK
    print(followups_text(data, store, lang_of(args)))
    return EXIT_OK


def followups_text(data: dict, store, lang: str) -> str:
    import datetime as dt

    from te_navigator.models import referrals

    steps = {(p["id"], s["id"]): s["name"][lang] for p in store.pathways() for s in p["steps"]}
    lines = []
    sections = ((_("Overdue"), data["overdue"]), (_("Due this week"), data["due_this_week"]),
                (_("All open referrals"), data["open"]))
    for title, rows in sections:
        lines.append(f"{title}: {len(rows)}")
        for row in rows:
            due = formatting.date(dt.date.fromisoformat(row["due_on"]), lang) if row["due_on"] else "–"
            lines.append(f"  {row['case_reference']:16} {steps.get((row['pathway'], row['step']), row['step'])} – "
                         f"{referrals.status_label(row['status'])}, {_('due')} {due}")
    lines.append(_("Three-month targets:"))
    for case in data["cases"]:
        target = formatting.date(dt.date.fromisoformat(case["target"]), lang)
        lines.append("  " + _("{case}: {days} days left (target {date})").format(
            case=case["case_reference"], days=case["days_left"], date=target))
    return "\n".join(lines)


def cmd_handout(args: argparse.Namespace) -> int:
    from te_navigator.models import handout, referrals

    store = open_store(args)
    lang = lang_of(args)
    rows = referrals.case_referrals(store, args.case)
    if not rows:
        raise UserError(_("No referrals for the case {value!r}.").format(value=args.case))
    content = handout.handout_content(args.case, rows, {p["id"]: p for p in store.pathways()}, store.names(), lang)
    text = handout.to_html(content, lang) if args.format == "html" else handout.to_markdown(content)
    if args.out:
        try:
            args.out.write_text(text, encoding="utf-8")
        except OSError as error:
            raise UserError(_("{path}: cannot be written: {reason}").format(path=args.out,
                                                                          reason=error.strerror)) from None
        print(_("Hand-out written to {path}.").format(path=args.out))
    else:
        print(text, end="")
    return EXIT_OK
