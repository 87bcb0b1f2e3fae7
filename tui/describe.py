"""An entry's facts as labelled lines in one language: for `te-navigator show` and the app's detail pane."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from te_navigator.models import formatting
from te_navigator.models.i18n import gettext_for
from te_navigator.models.service_facts import fact_lines
from te_navigator.models.sources import source_text

if TYPE_CHECKING:
    from te_navigator.models.entities import MultiAgencyModel, Service


def audience_label(value: str, lang: str) -> str:
    _ = gettext_for(lang)
    return {
        "jobseeker": _("jobseeker"),
        "employer": _("employer"),
        "entrepreneur": _("starting entrepreneur"),
        "authority": _("authority"),
    }[value]


def production_label(value: str, lang: str) -> str:
    _ = gettext_for(lang)
    return {
        "own": _("own production"),
        "purchased": _("purchased service"),
        "both": _("own and purchased"),
        "state": _("state / national"),
        "partner": _("partner"),
    }[value]


def channel_label(value: str, lang: str) -> str:
    _ = gettext_for(lang)
    return {
        "office": _("Porvoo office"),
        "palvelutori": _("palvelutori points"),
        "online": _("online"),
        "national": _("national service"),
    }[value]


def partner_type_label(value: str, lang: str) -> str:
    _ = gettext_for(lang)
    return {
        "ministry": _("ministry"),
        "state-agency": _("state agency"),
        "authority": _("authority"),
        "regional-council": _("regional council"),
        "wellbeing-county": _("wellbeing services county"),
        "social-insurance": _("social insurance"),
        "education": _("education provider"),
        "business-development": _("business development"),
        "business-organisation": _("business organisation"),
        "labour-organisation": _("labour-market organisation"),
        "association": _("association"),
        "forum": _("forum"),
        "municipal": _("municipal service"),
        "company": _("company"),
        "project": _("project"),
        "other": _("other"),
    }[value]


def kind_label(value: str, lang: str) -> str:
    _ = gettext_for(lang)
    return {"T": _("T (jobseekers)"), "E": _("E (employers, entrepreneurs)")}[value]


def entry_kind_label(kind: str) -> str:
    """What kind of entry a search hit or a suggestion is, in the current language."""
    from te_navigator.models.i18n import _

    return {
        "service": _("Service"),
        "partner": _("Partner"),
        "term": _("Term"),
        "pathway": _("Pathway"),
        "service_line": _("Service line"),
        "model": _("Multi-agency model"),
        "municipality": _("Municipality"),
    }[kind]


def stat_labels(lang: str) -> dict[str, str]:
    """A municipality's figures: key → label, in the order the plan's table gives them."""
    _ = gettext_for(lang)
    return {
        "population_2022": _("Population (2022)"),
        "labour_force_2023_07": _("Labour force (7/2023)"),
        "labour_force_forecast_2035": _("Labour force forecast (2035)"),
        "working_age_2021": _("Working-age residents (2021)"),
        "foreign_language_2022": _("Foreign-language residents (2022)"),
        "employment_rate_2021": _("Employment rate % (2021)"),
        "unemployment_rate_2023_07": _("Unemployment rate % (7/2023)"),
        "staff_fte": _("Transferring staff, FTE (estimate)"),
    }


def saved_at_text(iso: str, lang: str) -> str:
    """A stored UTC moment as a local date and time."""
    moment = dt.datetime.fromisoformat(iso).astimezone()
    return formatting.date(moment.date(), lang) + moment.strftime(" %H:%M")


def status_text(service: Service, lang: str) -> str:
    _ = gettext_for(lang)
    if service.abolished_on is not None:
        return _("abolished {date}").format(date=formatting.date(service.abolished_on, lang))
    return _("active")


def model_status_text(model: MultiAgencyModel, lang: str, names: dict[str, dict[str, dict]] | None = None) -> str:
    """ "superseded 1.1.2025 by TYM" for a model whose law was repealed; "active" otherwise."""
    _ = gettext_for(lang)
    if model.superseded_on is None or model.superseded_by is None:
        return _("active")
    successor = (names or {}).get("model", {}).get(model.superseded_by)
    return _("superseded {date} by {successor}").format(
        date=formatting.date(model.superseded_on, lang), successor=successor[lang] if successor else model.superseded_by
    )


def service_facts(service: Service, lang: str, names: dict[str, dict[str, dict]]) -> list[tuple[str, str]]:
    """(label, value) pairs; `names` maps kind ("group", "service_line", "partner") → id → {fi, sv}."""
    _ = gettext_for(lang)

    def named(kind: str, ids: list[str]) -> str:
        return ", ".join(names[kind][i][lang] for i in ids if i in names[kind]) or "–"

    facts = [
        (_("Audience"), ", ".join(audience_label(a, lang) for a in service.audience) or "–"),
        (_("T/E service"), ", ".join(kind_label(k, lang) for k in service.kind) or "–"),
        (_("Produced as"), production_label(service.production, lang)),
        (_("Statutory"), _("yes") if service.statutory else _("no")),
        (_("Status"), status_text(service, lang)),
        (_("Service lines"), named("service_line", service.service_lines)),
        (_("Service map groups"), named("group", service.groups)),
        (_("Partners"), named("partner", service.partners)),
        (_("Available"), ", ".join(channel_label(c, lang) for c in service.channels) or "–"),
        *fact_lines(service.facts, lang),
        (_("Source in the plan"), source_text(service.source, lang)),
    ]
    if service.status_source:
        facts.append((_("Status source"), source_text(service.status_source, lang)))
    return facts


def service_text(service: Service, lang: str, names: dict, with_name: bool):
    """The detail pane's text: description, then the facts, labelled in `lang`."""
    return entry_rich_text("service", service, lang, names, with_title=with_name)


def entry_parts(
    kind: str, entry: Any, lang: str, names: dict[str, dict[str, dict]]
) -> tuple[str, list[str], list[tuple[str, str]]]:
    """An entry's title, paragraphs and labelled facts in `lang`: what `te-navigator show` prints and what the
    app's detail pane and cards show, written once. `entry` is the kind's model (models/entities.py); `names`
    (kind → id → {fi, sv}) names what it links to."""
    _ = gettext_for(lang)
    title = entry.name.text(lang)
    paragraphs: list[str] = []
    source = (_("Source in the plan"), source_text(getattr(entry, "source", None), lang))
    if kind == "service":
        paragraphs = [entry.description.text(lang)]
        facts = service_facts(entry, lang, names)
    elif kind == "partner":
        paragraphs = [entry.role.text(lang)]
        facts = [(_("Type"), partner_type_label(entry.type, lang))]
        if entry.current_name:
            facts.append((_("Current name"), entry.current_name.text(lang)))
        facts.append(source)
    elif kind == "term":
        paragraphs = [entry.expansion.text(lang), entry.explanation.text(lang)]
        facts = [source]
    elif kind == "model":
        paragraphs = [entry.description.text(lang)]
        facts = [(_("Status"), model_status_text(entry, lang, names))]
        if entry.status_source:
            facts.append((_("Status source"), source_text(entry.status_source, lang)))
        facts.append(source)
    elif kind == "municipality":
        labels = stat_labels(lang)
        stats = entry.stats.model_dump()
        facts = [(labels.get(key, key), formatting.number(value, lang)) for key, value in stats.items()]
    else:  # a group, a service line, a service point, a checklist, a pathway
        paragraphs = [entry.description.text(lang)]
        facts = [source]
    return title, paragraphs, facts


def entry_rich_text(kind: str, entry: Any, lang: str, names: dict, with_title: bool = True):
    """`entry_parts` for the screen: the title in bold, the paragraphs, the facts with bold labels."""
    from rich.text import Text

    title, paragraphs, facts = entry_parts(kind, entry, lang, names)
    text = Text()
    if with_title:
        text.append(title + "\n", style="bold")
    if paragraphs:
        text.append("\n".join(paragraphs) + "\n\n")
    for label, value in facts:
        text.append(label + ": ", style="bold")
        text.append(value + "\n")
    return text


def describe_entry(kind: str, entry: Any, lang: str, store) -> str:
    """`entry_parts` for the terminal: the title underlined, the paragraphs, the facts in two columns."""
    title, paragraphs, facts = entry_parts(kind, entry, lang, store.names())
    lines = [title, "=" * len(title)]
    if paragraphs:
        lines += [*paragraphs, ""]
    width = max(len(label) for label, _value in facts)
    lines += [f"{label:<{width}}  {value}" for label, value in facts]
    return "\n".join(lines)
