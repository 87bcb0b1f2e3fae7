"""`facts`: the municipalities' figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

import argparse

from te_navigator.tui.cli.errors import EXIT_OK
from te_navigator.tui.cli.options import Commands, open_store
from te_navigator.tui.cli.output import print_json
from te_navigator.models import formatting
from te_navigator.models.i18n import _, current_language

if TYPE_CHECKING:  # pydantic is imported only where an entity is made, not where one is read
    from te_navigator.models.entities import Municipality


def register(commands: Commands) -> None:
    commands.add("facts", _("the municipalities' figures"), show_facts, json=True)


def fact_rows() -> list[tuple[str, str]]:
    from te_navigator.tui.describe import stat_labels

    return list(stat_labels(current_language()).items())


def format_fact(_key: str, value, lang: str) -> str:
    return formatting.number(value, lang)


def show_facts(args: argparse.Namespace) -> int:
    store = open_store(args)
    municipalities = store.municipalities()
    lang = current_language()
    if args.json:
        print_json(
            {
                "municipalities": [m.model_dump() for m in municipalities],
                "periods": periods.model_dump() if (periods := store.periods()) else {},
                "staff_fte_total": round(sum(m.stats.staff_fte for m in municipalities), 2),
                "formatted": {
                    m.id: {key: format_fact(key, getattr(m.stats, key), lang) for key, _label in fact_rows()}
                    for m in municipalities
                },
            }
        )
        return EXIT_OK
    print(facts_table(municipalities, lang))
    return EXIT_OK


def facts_table(municipalities: list[Municipality], lang: str) -> str:
    rows = [
        (label, [format_fact(key, getattr(m.stats, key), lang) for m in municipalities]) for key, label in fact_rows()
    ]
    header = [m.name.text(lang) for m in municipalities]
    widths = [max(len(header[i]), *(len(values[i]) for _label, values in rows)) for i in range(len(header))]
    label_width = max(len(label) for label, _values in rows)
    lines = [" " * label_width + "  " + "  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True))]
    for label, values in rows:
        lines.append(
            label.ljust(label_width) + "  " + "  ".join(v.rjust(w) for v, w in zip(values, widths, strict=True))
        )
    return "\n".join(lines)
