"""Numbers, money and dates the Finnish and Finland-Swedish way, through Babel."""

from __future__ import annotations

import datetime as dt

from te_navigator.models import formatting

NBSP = "\u00a0"


def test_numbers():
    assert formatting.number(51232, "fi") == f"51{NBSP}232"
    assert formatting.number(51232, "sv") == f"51{NBSP}232"
    assert formatting.number(78.5, "fi") == "78,5"
    assert formatting.number(78.5, "sv") == "78,5"


def test_money():
    assert formatting.euros(100_000_000, "fi") == f"1{NBSP}000{NBSP}000,00{NBSP}€"
    assert formatting.euros(1234, "sv") == f"12,34{NBSP}€"


def test_dates():
    assert formatting.date(dt.date(2024, 8, 1), "fi") == "1.8.2024"
    assert formatting.date(dt.date(2024, 8, 1), "sv") == "1.8.2024"  # sv_FI writes dates the Finnish way
    assert formatting.date(dt.date(2024, 8, 1), "fi", "long") == "1. elokuuta 2024"
    assert formatting.date(dt.date(2024, 8, 1), "sv", "long") == "1 augusti 2024"


def test_dates_read_from_the_kept_pattern_are_babels_own():
    from babel.dates import format_date

    for lang, locale in formatting.LOCALES.items():
        for style in ("short", "medium", "long"):
            for day in (dt.date(2026, 1, 2), dt.date(2026, 12, 31), dt.date(1999, 6, 19)):
                first = formatting.date(day, lang, style)
                formatting.date.cache_clear()
                formatting._date_pattern.cache_clear()  # the second time from the pattern kept in the cache folder
                assert first == formatting.date(day, lang, style) == format_date(day, style, locale=locale)
