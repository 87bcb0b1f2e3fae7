"""Finnish personal identity codes (henkilötunnus) must never be stored: this finds them in any text.

A match needs a real date and the right control character, so that ordinary numbers and case references
that merely look alike are not refused.
"""

from __future__ import annotations

import datetime as dt
import re

CONTROL_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURIES = {"+": 1800, "-": 1900, "A": 2000}
CENTURIES |= dict.fromkeys("YXWVU", 1900) | dict.fromkeys("BCDEF", 2000)  # the 2023 additions
_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])(\d{2})(\d{2})(\d{2})([-+A-FU-Ya-fu-y])(\d{3})([0-9A-Za-z])(?![0-9A-Za-z])")


def is_valid_hetu(day: str, month: str, year: str, century: str, individual: str, control: str) -> bool:
    try:
        dt.date(CENTURIES[century.upper()] + int(year), int(month), int(day))
    except (KeyError, ValueError):
        return False
    if not 2 <= int(individual) <= 999:  # 900–999: temporary codes, personal data all the same
        return False
    expected = CONTROL_CHARACTERS[int(day + month + year + individual) % 31]
    return control.upper() == expected


def find_hetu(text: str) -> str | None:
    """The first valid personal identity code in `text`, or None."""
    for match in _CANDIDATE.finditer(text or ""):
        if is_valid_hetu(*match.groups()):
            return match.group(0)
    return None


def contains_hetu(text: str) -> bool:
    return find_hetu(text) is not None
