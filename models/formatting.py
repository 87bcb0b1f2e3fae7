"""Numbers, money and dates as Finnish and Swedish readers in Finland write them (through Babel)."""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal
from functools import cache, lru_cache

LOCALES = {"fi": "fi_FI", "sv": "sv_FI"}


def number(value: int | float | Decimal, lang: str, decimals: int | None = None) -> str:
    from babel.numbers import format_decimal

    if decimals is not None:
        pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
        return format_decimal(value, format=pattern, locale=LOCALES[lang])
    return format_decimal(value, locale=LOCALES[lang])


def percent(value: int | float | Decimal, lang: str, decimals: int = 1) -> str:
    """A percentage given as a number of percents (9.2 → "9,2 %"), in the language's percent format."""
    from babel.numbers import format_percent

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "\u00a0%"
    return format_percent(Decimal(str(value)) / 100, format=pattern, locale=LOCALES[lang])


def euros(cents: int, lang: str) -> str:
    from babel.numbers import format_currency

    return format_currency(Decimal(cents) / 100, "EUR", locale=LOCALES[lang])


@lru_cache(maxsize=4096)  # a list of hundreds of rows shows the same few dozen days
def date(value: dt.date, lang: str, style: str = "short") -> str:
    pattern = _date_pattern(LOCALES[lang], style)
    if NUMERIC_DATE.fullmatch(pattern):
        # Days, months and years in digits (d.M.y in Finland): written here, without importing Babel's dates
        # module (a fifth of what a short command costs) for what its pattern already says.
        return NUMERIC_FIELD.sub(lambda field: _numeric_field(field.group(), value), pattern)
    from babel.dates import parse_pattern

    return parse_pattern(pattern).apply(value, LOCALES[lang])


NUMERIC_DATE = re.compile(r"(?:d{1,2}(?!d)|M{1,2}(?!M)|y(?!y)|yyyy(?!y)|[^A-Za-z'])+")  # MMMM (a month's name): no
NUMERIC_FIELD = re.compile(r"d{1,2}|M{1,2}|y{1,4}")


def _numeric_field(field: str, value: dt.date) -> str:
    """One field of a CLDR date pattern: d/dd day, M/MM month, y the year as it is, yyyy four digits."""
    number = {"d": value.day, "M": value.month, "y": value.year}[field[0]]
    return str(number).zfill(len(field))


@cache
def _date_pattern(locale: str, style: str) -> str:
    """Babel's date pattern of the locale (d.M.y), kept in the user cache under Babel's version: reading it means
    loading the locale's whole data, a tenth of a second that a command showing numeric dates need not pay."""
    from te_navigator.models.i18n import cache_dir

    path = cache_dir() / "babel" / f"{_babel_version()}-{locale}-{style}.pattern"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    from babel.dates import get_date_format

    pattern = get_date_format(style, locale).pattern  # type: ignore[arg-type]  # any style Babel knows
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(pattern, encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # only costs the next command the locale's data again
    return pattern


def _babel_version() -> str:
    """Babel's version, read from its package without importing it (which loads its core and locale machinery)."""
    from importlib.util import find_spec

    spec = find_spec("babel")
    try:
        assert spec is not None and spec.origin is not None
        with open(spec.origin, encoding="utf-8") as source:
            found = re.search(r"^__version__\s*=\s*['\"]([^'\"]+)['\"]", source.read(), re.MULTILINE)
    except (AssertionError, OSError, UnicodeDecodeError):
        found = None
    if found:
        return found.group(1)
    import babel

    return babel.__version__


def moment(iso: str, lang: str) -> str:
    """A recorded moment (ISO, UTC) in local Finnish time, e.g. 30.11.2026 16.02."""
    from babel.dates import format_datetime, get_timezone

    value = dt.datetime.fromisoformat(iso)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return format_datetime(value, format="short", tzinfo=get_timezone("Europe/Helsinki"), locale=LOCALES[lang])


ELLIPSIS = "…"


def clip(text: str, width: int) -> str:
    """`text` in at most `width` columns; cut text ends with "…" so the reader sees that something is missing."""
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: width - 1].rstrip() + ELLIPSIS


def wrap_lines(text: str, width: int, max_lines: int) -> list[str]:
    """Word-wrapped into at most `max_lines` lines of `width`; what does not fit ends in "…"."""
    import textwrap

    if width <= 1:
        return [ELLIPSIS] if text else [""]
    lines = textwrap.wrap(text, width, max_lines=max_lines, placeholder=ELLIPSIS, break_long_words=False)
    return [clip(line, width) for line in lines] or [""]


def parse_date(text: str) -> dt.date:
    """A day written as d.m.yyyy (as Finnish and Swedish readers in Finland write it) or YYYY-MM-DD.

    ValueError when it is neither."""
    text = text.strip()
    local = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if local:
        day, month, year = (int(part) for part in local.groups())
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text)
