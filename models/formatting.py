"""Numbers, money and dates as Finnish and Swedish readers in Finland write them (through Babel)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

LOCALES = {"fi": "fi_FI", "sv": "sv_FI"}


def number(value: int | float | Decimal, lang: str, decimals: int | None = None) -> str:
    from babel.numbers import format_decimal

    if decimals is not None:
        pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
        return format_decimal(value, format=pattern, locale=LOCALES[lang])
    return format_decimal(value, locale=LOCALES[lang])


def euros(cents: int, lang: str) -> str:
    from babel.numbers import format_currency

    return format_currency(Decimal(cents) / 100, "EUR", locale=LOCALES[lang])


def date(value: dt.date, lang: str, style: str = "short") -> str:
    from babel.dates import format_date

    return format_date(value, format=style, locale=LOCALES[lang])


def moment(iso: str, lang: str) -> str:
    """A recorded moment (ISO, UTC) in local Finnish time, e.g. 30.11.2026 16.02."""
    from babel.dates import format_datetime, get_timezone

    value = dt.datetime.fromisoformat(iso)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return format_datetime(value, format="short", tzinfo=get_timezone("Europe/Helsinki"), locale=LOCALES[lang])
