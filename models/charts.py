"""Horizontal bar charts drawn with text: one line per bar, its label, a bar proportional to its value, the value.

Bars are drawn in eighths of a character (▏▎▍▌▋▊▉█), so small differences still show in a narrow terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | Fraction  # what the bar's length is proportional to
    text: str  # the value as the reader sees it, already formatted for the language


def bar(value: float | Fraction, maximum: float | Fraction, width: int) -> str:
    """A bar of at most `width` characters, `value / maximum` of it filled; any value above zero shows."""
    if width <= 0 or maximum <= 0 or value <= 0:
        return ""
    eighths = round(Fraction(value) / Fraction(maximum) * width * 8)
    eighths = max(1, min(eighths, width * 8))
    full, rest = divmod(eighths, 8)
    return FULL * full + (EIGHTHS[rest] if rest else "")


def chart_lines(bars: list[Bar], width: int, maximum: float | Fraction | None = None) -> list[str]:
    """Each bar as one line of exactly `width` characters: label, bar, value (labels and values aligned).

    `maximum` (default: the largest value) sets the full length, so two charts can share a scale."""
    if not bars:
        return []
    label_width = max(len(b.label) for b in bars)
    text_width = max(len(b.text) for b in bars)
    bar_width = max(1, width - label_width - text_width - 2)
    top = maximum if maximum is not None else max(b.value for b in bars)
    lines = []
    for item in bars:
        drawn = bar(item.value, top, bar_width)
        line = f"{item.label:<{label_width}} {drawn:<{bar_width}} {item.text:>{text_width}}"
        lines.append(line[:width])
    return lines
