"""A service's facts ([service.facts] in seed/) as labelled lines in one language.

Shared by the detail pane, `te-navigator show` and the customer hand-out, so that all three say the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from te_navigator.models.i18n import gettext_for
from te_navigator.models.vocabulary import STATED_FACTS

if TYPE_CHECKING:
    from te_navigator.models.entities import Bitext, ServiceFacts


def fact_label(name: str, lang: str) -> str:
    _ = gettext_for(lang)
    if name == "legal_basis" and lang != "fi":
        # The law's name and section are given in Finnish only; say so rather than pass it off as Swedish.
        return _("Legal basis (in Finnish)")
    return {
        "for_whom": _("For whom"),
        "duration_and_amounts": _("Duration and amounts"),
        "customer_cost": _("Cost to the customer"),
        "legal_basis": _("Legal basis"),
        "web_page": _("Työmarkkinatori page"),
        "source": _("Facts checked in"),
    }[name]


def fact_value(value: Bitext | str | None, lang: str) -> str:
    """A stated fact in `lang` (a law's name is the same in both); None is "not stated"."""
    if value is None:
        return gettext_for(lang)("not stated")
    return value if isinstance(value, str) else value.text(lang)


def fact_lines(facts: ServiceFacts | None, lang: str, with_source: bool = True) -> list[tuple[str, str]]:
    """(label, value) for each fact in a fixed order; a service without facts yet gives every one as
    "not stated", so a reader never mistakes a missing fact for one that does not apply."""
    lines = [(fact_label(name, lang), fact_value(facts.stated(name) if facts else None, lang)) for name in STATED_FACTS]
    if with_source and facts is not None and facts.source:
        lines.append((fact_label("source", lang), facts.source))
    return lines
