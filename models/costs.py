"""Section 4's cost sharing between the six municipalities, exact to the cent.

45 % by residents aged 18–64, 45 % by unemployed and in-service jobseekers (monthly average), 10 % by
foreign-language residents. Shares are computed as exact fractions and rounded by the largest-remainder
method, so they add up to the total to the cent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import json
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

from te_navigator.models.errors import UserFacingError
from te_navigator.models.i18n import N_, _

if TYPE_CHECKING:  # pydantic is imported only where an entity is made, not where one is read
    from te_navigator.models.entities import Municipality

CRITERIA = (
    # id, share of the costs, the plan's default figure and its period
    ("working_age", Fraction(45, 100), N_("residents aged 18–64"), "working_age_2021", "2021"),
    ("unemployed", Fraction(45, 100), N_("unemployed and in-service jobseekers"), None, "7/2023"),
    ("foreign_language", Fraction(10, 100), N_("foreign-language residents"), "foreign_language_2022", "2022"),
)
MONTHS = 12
MAX_EUROS = Decimal(1_000_000_000)  # far above any area's yearly costs; keeps the arithmetic and output sane
MAX_FIGURE = Fraction(100_000_000)  # residents or jobseekers per municipality
MAX_FIGURE_DIGITS = 12  # a figure's magnitude, in powers of ten either way; far beyond MAX_FIGURE's 8
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100


class CostInputError(UserFacingError, ValueError):
    """Bad money or input figures; the message is for the user, already translated."""


@dataclass(frozen=True)
class Criterion:
    id: str
    weight: Fraction
    label: str
    period: str
    source: str
    values: dict[str, Fraction]


def parse_euros(text: str, what: str) -> int:
    """Euros as typed ("1000000", "1 000 000,50") → cents; refuses negative and non-numeric values."""
    cleaned = str(text).replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise CostInputError(_("{what}: {value!r} is not an amount of euros").format(what=what, value=text)) from None
    if not amount.is_finite() or amount < 0:
        raise CostInputError(_("{what}: {value!r} must be zero or more euros").format(what=what, value=text))
    if amount > MAX_EUROS:
        raise CostInputError(
            _("{what}: {value!r} is more than {limit} euros").format(what=what, value=text, limit=int(MAX_EUROS))
        )
    if amount != amount.quantize(Decimal("0.01")):
        raise CostInputError(_("{what}: {value!r} has more than two decimals").format(what=what, value=text))
    return int(amount * 100)


def cents_to_euros(cents: int) -> float:
    return float(Decimal(cents) / 100)


def largest_remainder(total_cents: int, exact: dict[str, Fraction]) -> dict[str, int]:
    """Rounds exact cent amounts that sum to `total_cents` to whole cents that still do."""
    floors = {key: value.numerator // value.denominator for key, value in exact.items()}
    left = total_cents - sum(floors.values())
    by_remainder = sorted(exact, key=lambda key: (-(exact[key] - floors[key]), key))
    for key in by_remainder[:left]:
        floors[key] += 1
    return floors


def fractions(criteria: list[Criterion]) -> dict[str, dict[str, Fraction]]:
    """Each municipality's exact fraction of the costs by each criterion (they add up to 1 over all)."""
    municipalities = list(criteria[0].values)
    parts: dict[str, dict[str, Fraction]] = {m: {} for m in municipalities}
    for criterion in criteria:
        base = sum(criterion.values.values())
        for municipality in municipalities:
            parts[municipality][criterion.id] = criterion.weight * criterion.values[municipality] / base
    return parts


def share(total_cents: int, criteria: list[Criterion]) -> dict[str, dict]:
    """Each municipality's share in cents, and the exact part of each criterion in it."""
    parts = {
        m: {cid: Fraction(total_cents) * part for cid, part in by_criterion.items()}
        for m, by_criterion in fractions(criteria).items()
    }
    exact = {m: sum(by_criterion.values(), Fraction(0)) for m, by_criterion in parts.items()}
    rounded = largest_remainder(total_cents, exact)
    return {m: {"cents": rounded[m], "parts": parts[m]} for m in parts}


@dataclass(frozen=True)
class MunicipalityShare:
    id: str
    fraction: Fraction  # of the costs, exact
    cents: int
    monthly_cents: int
    last_month_cents: int
    parts: dict[str, Fraction]  # cents by criterion, exact


@dataclass(frozen=True)
class SettlementRow:
    id: str
    actual_share_cents: int
    paid_cents: int

    @property
    def balance_cents(self) -> int:
        """Positive: the municipality pays this much more; negative: it is refunded."""
        return self.actual_share_cents - self.paid_cents


@dataclass(frozen=True)
class CostSharing:
    """Section 4 worked out: the shares, their monthly instalments, the preparation costs and the settlement."""

    total_cents: int
    criteria: list[Criterion]
    shares: list[MunicipalityShare]
    preparation: dict[str, int] | None = None
    actual_cents: int | None = None
    settlement: list[SettlementRow] | None = None

    def report(self, names: dict[str, dict]) -> dict[str, Any]:
        """The plain form `te-navigator costs --json` prints; `names` gives each municipality's {fi, sv}."""
        report: dict[str, Any] = {
            "total_eur": cents_to_euros(self.total_cents),
            "inputs": [
                {
                    "id": c.id,
                    "share_percent": float(c.weight * 100),
                    "basis": c.label,
                    "period": c.period,
                    "source": c.source,
                    "values": {m: _plain_number(v) for m, v in c.values.items()},
                }
                for c in self.criteria
            ],
            "municipalities": [
                {
                    "id": row.id,
                    "name": names[row.id],
                    "share_eur": cents_to_euros(row.cents),
                    "monthly_eur": cents_to_euros(row.monthly_cents),
                    "last_month_eur": cents_to_euros(row.last_month_cents),
                    "parts_eur": {cid: round(float(part) / 100, 4) for cid, part in row.parts.items()},
                }
                for row in self.shares
            ],
        }
        if self.preparation is not None:
            report["preparation"] = {
                "total_eur": cents_to_euros(sum(self.preparation.values())),
                "basis": "population_2022",
                "municipalities": [{"id": m, "share_eur": cents_to_euros(c)} for m, c in self.preparation.items()],
            }
        if self.settlement is not None and self.actual_cents is not None:
            report["settlement"] = {
                "actual_eur": cents_to_euros(self.actual_cents),
                "municipalities": [
                    {
                        "id": row.id,
                        "actual_share_eur": cents_to_euros(row.actual_share_cents),
                        "paid_eur": cents_to_euros(row.paid_cents),
                        "balance_eur": cents_to_euros(row.balance_cents),
                    }
                    for row in self.settlement
                ],
            }
        return report


def share_costs(
    total_cents: int,
    criteria: list[Criterion],
    municipalities: list[Municipality],
    prep_cents: int | None = None,
    actual_cents: int | None = None,
    paid: dict[str, int] | None = None,
) -> CostSharing:
    """The whole of section 4 for a year: what `te-navigator costs` prints and the area screen shows.

    With `actual_cents`, a municipality missing from `paid` is taken to have paid its twelve instalments in full."""
    exact = fractions(criteria)
    cents = share(total_cents, criteria)
    shares = []
    for municipality in municipalities:
        row = cents[municipality.id]
        monthly, last = monthly_instalments(row["cents"])
        shares.append(
            MunicipalityShare(
                municipality.id,
                sum(exact[municipality.id].values(), Fraction(0)),
                row["cents"],
                monthly,
                last,
                row["parts"],
            )
        )
    preparation = share_by_population(prep_cents, municipalities) if prep_cents is not None else None
    settlement = None
    if actual_cents is not None:
        paid = {row.id: (paid or {}).get(row.id, row.cents) for row in shares}
        actual = share(actual_cents, criteria)
        settlement = [SettlementRow(m.id, actual[m.id]["cents"], paid[m.id]) for m in municipalities]
    return CostSharing(total_cents, criteria, shares, preparation, actual_cents, settlement)


def _plain_number(value: Fraction) -> int | float:
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float


def monthly_instalments(cents: int) -> tuple[int, int]:
    """The regular monthly instalment and the last month's, which takes the leftover cents."""
    regular = cents // MONTHS
    return regular, cents - regular * (MONTHS - 1)


def plan_criteria(municipalities: list[Municipality]) -> list[Criterion]:
    """The plan's own figures: working-age 2021; unemployment rate × labour force 7/2023; foreign-language 2022."""
    values = {
        "working_age": {m.id: Fraction(m.stats.working_age_2021) for m in municipalities},
        "unemployed": {
            m.id: Fraction(str(m.stats.unemployment_rate_2023_07)) / 100 * m.stats.labour_force_2023_07
            for m in municipalities
        },
        "foreign_language": {m.id: Fraction(m.stats.foreign_language_2022) for m in municipalities},
    }
    sources = {
        "working_age": _("plan's table: working-age population 2021"),
        "unemployed": _("plan's table: unemployment rate 7/2023 × labour force 7/2023, unrounded"),
        "foreign_language": _("plan's table: foreign-language residents 2022"),
    }
    # The plan's default figures are not all what the criterion names: the jobseekers' monthly average is not in
    # the plan, so it is estimated from the unemployment rate and the labour force; the label says so.
    labels = {
        "working_age": _("working-age residents (18–64), 2021"),
        "unemployed": _("estimated unemployed: unemployment rate × labour force, July 2023"),
        "foreign_language": _("foreign-language residents, 2022"),
    }
    return [
        Criterion(cid, weight, labels[cid], period, sources[cid], values[cid])
        for cid, weight, _label, _stat, period in CRITERIA
    ]


def read_figures_file(path: Path) -> dict:
    from te_navigator.models.files import FileRefused, read_input_file

    try:
        raw = read_input_file(path)
    except FileRefused as error:
        raise CostInputError(str(error)) from None
    try:
        if path.suffix.lower() == ".toml":
            return tomllib.loads(raw.decode("utf-8"))
        return json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise CostInputError(_("{path}: not valid JSON or TOML: {reason}").format(path=path, reason=error)) from None
    except RecursionError:
        raise CostInputError(
            _("{path}: not valid JSON or TOML: {reason}").format(path=path, reason=_("nested too deeply"))
        ) from None


def criteria_from_file(path: Path, municipality_ids: list[str]) -> list[Criterion]:
    """A budget year's real figures: {"year": 2026, "working_age": {id: n}, "unemployed": {id: n},
    "foreign_language": {id: n}}, each for all six municipalities."""
    data = read_figures_file(path)
    if not isinstance(data, dict):
        raise CostInputError(_("{path}: expected a table of figures").format(path=path))
    period = _budget_year(path, data)
    criteria = []
    for cid, weight, label, _stat, _period in CRITERIA:
        figures = data.get(cid)
        if not isinstance(figures, dict):
            raise CostInputError(_("{path}: missing the figures {field}").format(path=path, field=cid))
        values = {}
        for municipality in municipality_ids:
            values[municipality] = _figure(path, cid, municipality, figures.get(municipality))
        unknown = sorted(set(figures) - set(municipality_ids))
        if unknown:
            raise CostInputError(
                _("{path}: {field}: unknown municipality {value!r}").format(path=path, field=cid, value=unknown[0])
            )
        if sum(values.values()) == 0:
            raise CostInputError(_("{path}: {field}: the figures add up to zero").format(path=path, field=cid))
        criteria.append(Criterion(cid, weight, _(label), period, str(path), values))
    return criteria


def _budget_year(path: Path, data: dict) -> str:
    """The budget year the figures are for (1900–2100), shown beside them; else the file's name."""
    if "year" not in data:
        period = data.get("period")
        if isinstance(period, str) and len(period) <= 100 and period.isprintable():
            return period
        return _("as given in {path}").format(path=path.name)
    year = data["year"]
    if isinstance(year, str) and year.strip().isascii() and year.strip().isdigit() and len(year.strip()) <= 4:
        year = int(year)
    if isinstance(year, bool) or not isinstance(year, int) or not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise CostInputError(
            _("{path}: year: {value!r} is not a year between {low} and {high}").format(
                path=path, value=str(year)[:40], low=EARLIEST_YEAR, high=LATEST_YEAR
            )
        )
    return str(year)


def _figure(path: Path, field: str, municipality: str, value) -> Fraction:
    if value is None:
        raise CostInputError(
            _("{path}: {field}: missing the figure for {municipality}").format(
                path=path, field=field, municipality=municipality
            )
        )
    return parse_figure(value, f"{path}: {field}.{municipality}")


def parse_figure(value, what: str) -> Fraction:
    """A criterion's figure (residents, jobseekers) as typed or read: a number from 0 to MAX_FIGURE."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise CostInputError(_("{what}: {value!r} is not a number").format(what=what, value=value))
    cleaned = str(value).replace("\u00a0", "").replace(" ", "").replace(",", ".") if isinstance(value, str) else value
    _refuse_far_exponent(str(cleaned), value, what)
    try:
        number = Fraction(str(cleaned))
    except (ValueError, ZeroDivisionError):
        raise CostInputError(_("{what}: {value!r} is not a number").format(what=what, value=value)) from None
    if number < 0:
        raise CostInputError(_("{what}: {value!r} must not be negative").format(what=what, value=value))
    if number > MAX_FIGURE:
        raise CostInputError(
            _("{what}: {value!r} is more than {limit}").format(what=what, value=value, limit=int(MAX_FIGURE))
        )
    return number


def _refuse_far_exponent(text: str, value, what: str) -> None:
    """An exponent far out (1e999999999) would make an exact fraction of billions of digits, which takes minutes
    and gigabytes; such a figure is refused from its magnitude before one is made."""
    try:
        magnitude = Decimal(text)
    except InvalidOperation:
        return  # not a decimal number (3/4, or not a number at all): Fraction decides
    if not magnitude.is_finite() or magnitude.is_zero():
        return
    if magnitude.adjusted() > MAX_FIGURE_DIGITS:
        raise CostInputError(
            _("{what}: {value!r} is more than {limit}").format(what=what, value=value, limit=int(MAX_FIGURE))
        )
    if magnitude.adjusted() < -MAX_FIGURE_DIGITS:
        raise CostInputError(
            _("{what}: {value!r} has more decimals than a figure can have").format(what=what, value=value)
        )


def with_figure(
    criteria: list[Criterion], criterion_id: str, municipality: str, value: Fraction, what: str
) -> list[Criterion]:
    """`criteria` with one municipality's figure replaced; refused if the criterion's figures would add up to 0."""
    changed = []
    for criterion in criteria:
        if criterion.id == criterion_id:
            values = {**criterion.values, municipality: value}
            if sum(values.values()) == 0:
                raise CostInputError(_("{what}: the figures add up to zero").format(what=what))
            criterion = Criterion(
                criterion.id, criterion.weight, criterion.label, criterion.period, criterion.source, values
            )
        changed.append(criterion)
    return changed


def share_by_population(total_cents: int, municipalities: list[Municipality]) -> dict[str, int]:
    """The 2023–2024 preparation costs, shared by population (2022)."""
    population = {m.id: m.stats.population_2022 for m in municipalities}
    base = sum(population.values())
    exact = {m: Fraction(total_cents * n, base) for m, n in population.items()}
    return largest_remainder(total_cents, exact)


def read_paid(path: Path, municipality_ids: list[str]) -> dict[str, int]:
    """What each municipality paid during the year: {id: euros}."""
    data = read_figures_file(path)
    if not isinstance(data, dict):
        raise CostInputError(_("{path}: expected a table of figures").format(path=path))
    data = data.get("paid", data)
    if not isinstance(data, dict):
        raise CostInputError(_("{path}: paid: expected a table of euros by municipality").format(path=path))
    unknown = sorted(set(data) - set(municipality_ids))
    if unknown:
        raise CostInputError(_("{path}: unknown municipality {value!r}").format(path=path, value=unknown[0]))
    paid = {}
    for municipality in municipality_ids:
        if municipality not in data:
            raise CostInputError(
                _("{path}: missing the figure for {municipality}").format(path=path, municipality=municipality)
            )
        amount = data[municipality]
        if isinstance(amount, bool) or not isinstance(amount, (int, float, str)):
            raise CostInputError(
                _("{what}: {value!r} is not an amount of euros").format(
                    what=f"{path.name}: {municipality}", value=amount
                )
            )
        paid[municipality] = parse_euros(str(amount), f"{path.name}: {municipality}")
    return paid
