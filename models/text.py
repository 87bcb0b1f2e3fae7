"""Word forms as the search compares them: lower case, without diacritics, split at anything not a letter."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Finnish and Swedish letters typed on keyboards without them; the rest through Unicode decomposition.
_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "æ": "a", "ø": "o", "ß": "ss"})


def fold(text: str) -> str:
    text = text.lower().translate(_FOLD)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """The words of `text` as written (for showing which form matched)."""
    return _WORD.findall(text)
