"""What the area screen draws: the municipalities side by side, bar charts of their figures, the service points
and the cost sharing, as text that fits 80 columns. The figures come from seed/ through the store; the sums
from models/costs.py, as `te-navigator costs` computes them."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from rich.text import Text

from te_navigator.models import formatting
from te_navigator.models.charts import Bar, chart_lines
from te_navigator.models.i18n import N_, _
from te_navigator.models.sources import source_text

if TYPE_CHECKING:
    from te_navigator.models.costs import CostSharing
    from te_navigator.models.entities import Municipality, Periods, ServicePoint

RATES = {"employment_rate_2021", "unemployment_rate_2023_07"}
ESTIMATES = {"staff_fte", "labour_force_forecast_2035"}  # the plan calls these an estimate and a forecast
SELECTED = "bold reverse"

# Row labels short enough for the table of six municipalities side by side at 80 columns.
ROW_LABELS = {
    "population_2022": N_("Population (2022)"),
    "labour_force_2023_07": N_("Labour force (7/2023)"),
    "labour_force_forecast_2035": N_("Labour force 2035 (forecast)"),
    "working_age_2021": N_("Aged 18–64 (2021)"),
    "foreign_language_2022": N_("Foreign-language (2022)"),
    "employment_rate_2021": N_("Employment rate (2021)"),
    "unemployment_rate_2023_07": N_("Unemployment rate (7/2023)"),
    "staff_fte": N_("Staff FTE (estimate)"),
}


@dataclass(frozen=True)
class Metric:
    id: str
    label: str  # msgid
    stats: tuple[str, ...]  # one bar per stat and municipality
    tags: tuple[str, ...] = ()  # what tells the bars of one municipality apart


METRICS = [
    Metric("population", N_("Population"), ("population_2022",)),
    Metric(
        "labour_force",
        N_("Labour force and its 2035 forecast"),
        ("labour_force_2023_07", "labour_force_forecast_2035"),
        ("7/2023", "2035"),
    ),
    Metric("working_age", N_("Residents aged 18–64"), ("working_age_2021",)),
    Metric("foreign_language", N_("Foreign-language residents"), ("foreign_language_2022",)),
    Metric("employment_rate", N_("Employment rate"), ("employment_rate_2021",)),
    Metric("unemployment_rate", N_("Unemployment rate"), ("unemployment_rate_2023_07",)),
    Metric("staff_fte", N_("Staff FTE (estimate)"), ("staff_fte",)),
]


def stat_value(municipality: Municipality, stat: str) -> float:
    return getattr(municipality.stats, stat)


def stat_text(value: float, stat: str, lang: str) -> str:
    if stat in RATES:
        return formatting.percent(value, lang)
    return formatting.number(value, lang)


def names(municipalities: list[Municipality], lang: str) -> dict[str, str]:
    return {m.id: m.name.text(lang) for m in municipalities}


def _columns(cells: list[list[str]], right: set[int]) -> list[list[str]]:
    """Cells padded to their column's width; the columns in `right` aligned right."""
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    return [
        [cell.rjust(w) if i in right else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))]
        for row in cells
    ]


def figures_table(municipalities: list[Municipality], lang: str, selected: str | None, width: int) -> Text:
    """The plan's figures, one column per municipality; the selected municipality's column stands out."""
    ids = [m.id for m in municipalities]
    header = [""] + [m.name.text(lang) for m in municipalities]
    rows = [header] + [
        [_(label)] + [stat_text(stat_value(m, stat), stat, lang) for m in municipalities]
        for stat, label in ROW_LABELS.items()
    ]
    cells = _columns(rows, right=set(range(1, len(header))))
    label_width = max(4, width - sum(len(c) + 1 for c in cells[0][1:]))
    text = Text()
    for number, row in enumerate(cells):
        text.append(
            formatting.clip(row[0].rstrip(), label_width).ljust(label_width), style="bold" if number == 0 else ""
        )
        for column, cell in enumerate(row[1:]):
            style = SELECTED if ids[column] == selected else ("bold" if number == 0 else "")
            text.append(" ")
            text.append(cell, style=style)
        text.append("\n")
    text.rstrip()
    return text


def municipality_card(
    municipality: Municipality, share: Fraction, points: list[ServicePoint], periods: Periods | None, lang: str
) -> Text:
    """One municipality: both names, its share of the costs by the plan's figures, its service points."""
    text = Text(f"{municipality.name.fi} · {municipality.name.sv}", style="bold")
    text.append(
        "\n"
        + _("Share of the costs by the plan's figures: {share}").format(
            share=formatting.percent(float(share * 100), lang, 2)
        )
    )
    own = [p for p in points if p.municipality == municipality.id]
    if own:
        text.append("\n" + _("Service points: {names}").format(names=", ".join(p.name.text(lang) for p in own)))
    else:
        text.append("\n" + _("Service points: none recorded in the catalogue"))
    text.append("\n" + _("Source: {source}").format(source=source_text(municipality.source, lang)), style="dim")
    return text


def period_text(periods: Periods | None, stat: str, lang: str) -> str | None:
    """When one of the plan's figures was measured ("heinäkuu 2023"); None where the catalogue does not say."""
    period = getattr(periods, stat, None) if periods is not None else None
    return period.text(lang) if period is not None else None


def figures_notes(periods: Periods | None, lang: str) -> Text:
    """What the table's figures are: the plan's table; the staff an estimate, the 2035 figure a forecast."""
    text = Text(_("Figures as printed in the plan's table (updated 11.10.2024)."), style="dim")
    for stat in ("labour_force_forecast_2035", "staff_fte"):
        period = period_text(periods, stat, lang)
        if period:
            text.append("\n" + f"{_(ROW_LABELS[stat])}: {period}", style="dim")
    return text


def metric_chart(
    metric: Metric,
    municipalities: list[Municipality],
    periods: Periods | None,
    lang: str,
    selected: str | None,
    width: int,
) -> Text:
    """One metric as bars, each municipality's bars labelled with its name (and the period when two)."""
    text = Text(_(metric.label), style="bold")
    for stat in metric.stats:
        period = period_text(periods, stat, lang)
        if period:
            text.append("\n" + (f"{_(ROW_LABELS[stat])}: " if len(metric.stats) > 1 else "") + period, style="dim")
    if all(stat not in RATES for stat in metric.stats):
        for stat in metric.stats:
            total = sum(stat_value(m, stat) for m in municipalities)
            label = _("Area total") + (f" {_(ROW_LABELS[stat])}" if len(metric.stats) > 1 else "")
            text.append(f"\n{label}: {stat_text(round(total, 2), stat, lang)}", style="dim")
    name_width = max(len(m.name.text(lang)) for m in municipalities)
    bars, owners = [], []
    for m in municipalities:
        for n, stat in enumerate(metric.stats):
            name = m.name.text(lang) if n == 0 else ""
            label = f"{name:<{name_width}}" + (f" {metric.tags[n]}" if metric.tags else "")
            bars.append(Bar(label, stat_value(m, stat), stat_text(stat_value(m, stat), stat, lang)))
            owners.append(m.id)
    text.append("\n")
    for owner, line in zip(owners, chart_lines(bars, width), strict=True):
        text.append("\n" + line, style="bold" if owner == selected else "")
    return text


def kind_text(kind: str) -> str:
    return {"office": _("permanent office"), "palvelutori": _("palvelutori point")}.get(kind, kind)


def points_text(points: list[ServicePoint], municipalities: list[Municipality], lang: str) -> Text:
    """Every service point with its municipality, kind, description and visiting interval."""
    by_id = names(municipalities, lang)
    text = Text()
    for point in points:
        if text:
            text.append("\n\n")
        text.append(point.name.text(lang), style="bold")
        text.append(f"\n{by_id.get(point.municipality, point.municipality)} · {kind_text(point.kind)}")
        text.append("\n" + point.description.text(lang))
        interval = point.visit_interval
        text.append(
            "\n"
            + _("Visiting interval: {interval}").format(interval=interval.text(lang) if interval else _("not stated"))
        )
        text.append("\n" + _("Source: {source}").format(source=source_text(point.source, lang)), style="dim")
    without = [m.name.text(lang) for m in municipalities if all(p.municipality != m.id for p in points)]
    if without:
        text.append(
            "\n\n"
            + _(
                "No service point recorded in the catalogue for: {names}. The plan names no "
                "palvelutori point; joining the concept is up to each municipality."
            ).format(names=", ".join(without)),
            style="dim",
        )
    return text


def shares_table(
    sharing: CostSharing, municipalities: list[Municipality], lang: str, with_euros: bool, selected: str | None
) -> Text:
    """Each municipality's share in per cent and euros, its monthly instalment and the last month's."""
    by_id = names(municipalities, lang)
    header = [_("Municipality"), _("Share %"), _("Share"), _("Monthly"), _("Last month")]
    rows = [header]
    for row in sharing.shares:
        money = [
            formatting.euros(c, lang) if with_euros else "–"
            for c in (row.cents, row.monthly_cents, row.last_month_cents)
        ]
        rows.append([by_id[row.id], formatting.percent(float(row.fraction * 100), lang, 2), *money])
    if with_euros:
        rows.append(
            [
                _("Total"),
                formatting.percent(100, lang, 2),
                formatting.euros(sharing.total_cents, lang),
                formatting.euros(sum(r.monthly_cents for r in sharing.shares), lang),
                formatting.euros(sum(r.last_month_cents for r in sharing.shares), lang),
            ]
        )
    owners: list[str | None] = [None] + [r.id for r in sharing.shares] + [None]
    return _table_text(rows, owners[: len(rows)], selected)


def settlement_table(sharing: CostSharing, municipalities: list[Municipality], lang: str, selected: str | None) -> Text:
    by_id = names(municipalities, lang)
    rows = [[_("Municipality"), _("Actual share"), _("Paid"), _("Balance")]]
    for row in sharing.settlement or []:
        rows.append(
            [
                by_id[row.id],
                formatting.euros(row.actual_share_cents, lang),
                formatting.euros(row.paid_cents, lang),
                formatting.euros(row.balance_cents, lang),
            ]
        )
    return _table_text(rows, [None] + [r.id for r in sharing.settlement or []], selected)


def preparation_table(sharing: CostSharing, municipalities: list[Municipality], lang: str) -> Text:
    by_id = names(municipalities, lang)
    rows = [[_("Municipality"), _("Share")]]
    rows += [[by_id[m], formatting.euros(cents, lang)] for m, cents in (sharing.preparation or {}).items()]
    return _table_text(rows, [None] * len(rows), None)


def _table_text(rows: list[list[str]], owners: list[str | None], selected: str | None) -> Text:
    cells = _columns(rows, right=set(range(1, len(rows[0]))))
    text = Text()
    for number, (row, owner) in enumerate(zip(cells, owners, strict=True)):
        if number:
            text.append("\n")
        style = "bold" if number == 0 or owner == selected else ""
        text.append("  ".join(row).rstrip(), style=style)
    return text


def shares_chart(
    sharing: CostSharing, municipalities: list[Municipality], lang: str, with_euros: bool, width: int
) -> Text:
    by_id = names(municipalities, lang)
    bars = [
        Bar(
            by_id[row.id],
            row.fraction,
            formatting.euros(row.cents, lang) if with_euros else formatting.percent(float(row.fraction * 100), lang, 2),
        )
        for row in sharing.shares
    ]
    return Text("\n".join(chart_lines(bars, width)))


def criteria_text(sharing: CostSharing, lang: str) -> Text:
    """The three criteria as `te-navigator costs` lists them: weight, basis, period and source."""
    text = Text()
    for criterion in sharing.criteria:
        if text:
            text.append("\n")
        text.append(
            _("  {percent} % by {basis} ({period}; {source})")
            .format(
                percent=formatting.number(float(criterion.weight * 100), lang),
                basis=criterion.label,
                period=criterion.period,
                source=criterion.source,
            )
            .strip(),
            style="dim",
        )
    return text
