"""Finnish personal identity codes (henkilötunnus) must never be stored: this finds them in any text.

The checksum and the century signs (including those of 2023: Y X W V U for the 1900s, B C D E F for the
2000s) are python-stdnum's (`stdnum.fi.hetu`). What is ours is finding a code inside free text as people
type it: with a prefix (`K131052-308T`), in lower case, with a space, an en dash or a minus sign instead
of the hyphen, with a space between the parts, or with no separator at all when the control character is a
letter (`131052308T`). A match still needs a real date and the right control character, so ordinary numbers
and case references that merely look alike are not refused; ten digits run together (a phone number such as
0401234567, an account number) are never taken for a code, since one in 31 of them would pass the checksum.
"""

from __future__ import annotations

import re


# Hyphen look-alikes that keyboards, word processors and phones put where the hyphen belongs.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"
CENTURY_LETTERS = "ABCDEFUVWXY"
_SPACE = r"[ \t\u00a0\u202f]?"
# Digits are [0-9], not \d: other scripts' digits are not a code. Only a digit may not come right before
# the date, so that a prefixed reference (K131052-308T, ASIAKAS131052-308T) is still found.
_CANDIDATE = re.compile(
    r"(?<![0-9])([0-9]{6})"
    + _SPACE
    + r"(["
    + re.escape(DASHES)
    + r"+"
    + CENTURY_LETTERS
    + CENTURY_LETTERS.lower()
    + r"]?)"
    + _SPACE
    + r"([0-9]{3})([0-9A-Za-z])(?![0-9])"
)


def _canonical(date: str, sign: str, individual: str, control: str) -> list[str]:
    """The code as stdnum expects it; a missing sign (only a space typed) may be either century."""
    sign = "-" if sign in DASHES else sign.upper()
    signs = [sign] if sign else ["-", "A"]
    return [f"{date}{s}{individual}{control.upper()}" for s in signs]


def is_valid_hetu(code: str) -> bool:
    """A well-formed personal identity code with a real date and the right control character.

    Temporary codes (individual number 900–999) count: they identify a person all the same."""
    from stdnum.fi import hetu as stdnum_hetu  # when a candidate is found: every command imports this module

    return stdnum_hetu.is_valid(code, allow_temporary=True)


def find_hetu(text: str) -> str | None:
    """The first personal identity code in `text`, as typed, or None."""
    if not isinstance(text, str) or not text:
        return None
    for match in _CANDIDATE.finditer(text):
        if not match.group(2) and not any(char.isspace() for char in match.group(0)) and not match.group(4).isalpha():
            continue  # ten digits run together are too often something else (a phone number, an account)
        if any(is_valid_hetu(code) for code in _canonical(*match.groups())):
            return match.group(0)
    return None


def contains_hetu(text: str) -> bool:
    return find_hetu(text) is not None
