"""Personal identity codes are recognised by their control character; working days skip Finnish holidays."""

from __future__ import annotations

import datetime as dt

import pytest

from te_navigator.models.privacy import contains_hetu, find_hetu
from te_navigator.models.workdays import add_months, add_working_days, is_working_day, working_days_between


@pytest.mark.parametrize(
    "text",
    [
        "131052-308T",
        "010101A123N",
        "asiakas 131052-308T soitti",
        "131052-308t",
        "(010594Y9032)",
        "syntynyt 010594Y9021 Porvoossa",
        "K131052-308T",
        "ABC131052-308T",
        "asiakas-131052-308T",  # a case reference with a prefix
        "131052 308T",
        "131052 -308T",
        "131052- 308T",
        "131052\u2013308T",  # a space or an en dash between the parts
        "131052\u2212308t",
        "131052\u00a0308T",  # a minus sign; a no-break space
        "131052y308t",
        "010594y9021",  # lower case, 2023 century sign
        "131052X308T",
        "131052W308T",
        "131052V308T",
        "131052U308T",  # 2023 signs of the 1900s
        "131052B308T",
        "131052C308T",
        "131052D308T",
        "131052E308T",
        "131052F308T",  # 2023 signs of the 2000s
        "010101-900R",  # a temporary code (900–999)
        "131052308T",
        "asiakas 131052308t soitti",
        "K131052308T",  # no separator, the control a letter
    ],
)
def test_valid_codes_are_found(text):
    assert contains_hetu(text)


@pytest.mark.parametrize(
    "text",
    [
        "131052-308U",
        "131052-308",
        "LOV-2026-014",
        "320152-308T",
        "1131052-308T",
        "131052G308T",
        "131052Z308T",
        "131052-308T"[:-1] + "G",
        "puhelin 040-1234567",
        "2026-03-01",
        "",
        "١٣١٠٥٢-٣٠٨T",
        # ten digits run together: a phone number, even one that would pass the checksum
        "puhelin 0401000190",
        "0401234567",
        "131052308U",
    ],
)
def test_invalid_or_absent_codes_are_not(text):
    assert not contains_hetu(text)


def test_the_code_found_is_returned():
    assert find_hetu("kirjattu: 131052-308T, muuta ei") == "131052-308T"


def test_working_days_added_match_working_days_walked():
    import random

    random.seed(11)
    for _ in range(500):
        start = dt.date(2024, 1, 1) + dt.timedelta(days=random.randint(0, 1500))
        days = random.randint(0, 80)
        walked, left = start, days
        while left > 0:
            walked += dt.timedelta(days=1)
            left -= is_working_day(walked)
        assert add_working_days(start, days) == walked


def test_working_days_across_easter():
    # 2026: Good Friday 3.4., Easter Monday 6.4.
    assert add_working_days(dt.date(2026, 4, 1), 5) == dt.date(2026, 4, 10)
    assert not is_working_day(dt.date(2026, 4, 3)) and not is_working_day(dt.date(2026, 4, 6))


def test_working_days_across_midsummer():
    # 2026: Midsummer Eve 19.6. and Midsummer Day 20.6.
    assert not is_working_day(dt.date(2026, 6, 19))
    assert add_working_days(dt.date(2026, 6, 17), 5) == dt.date(2026, 6, 25)


def test_working_days_across_christmas():
    # 24.–26.12. are holidays in Finland; 2026-12-26 is a Saturday.
    assert add_working_days(dt.date(2026, 12, 22), 5) == dt.date(2026, 12, 31)
    assert add_working_days(dt.date(2026, 12, 30), 2) == dt.date(2027, 1, 4)  # 1.1. New Year's Day


def test_months_and_working_days_between():
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 3, 10), 3) == dt.date(2026, 6, 10)
    assert working_days_between(dt.date(2026, 4, 1), dt.date(2026, 4, 10)) == 5
    assert working_days_between(dt.date(2026, 4, 10), dt.date(2026, 4, 1)) == -5
