"""Search speed: p50 and p95 per query, on the shipped catalogue and on a synthetic one 100 times its size.

    python benchmarks/search_speed.py

The synthetic catalogue repeats every service, partner and term 100 times, each copy with its own made-up words
added to the name and description, so both the entries and the vocabulary grow.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.search_quality import default_queries  # noqa: E402

EXTRA_QUERIES = [
    "koulutus",
    "TYP",
    "lönesub",
    "palkatuki",
    "tyo",
    "kotoutumiskoulutukseen",
    "Kela",
    "startpeng",
    "arbetsprövning",
    "monikielinen orientaatio",
    "työttömyysturva",
    "yrittäjyys",
]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_queries(index, queries: list[str], rounds: int = 5) -> list[float]:
    timings = []
    for _round in range(rounds):
        for query in queries:
            start = time.perf_counter()
            index.search(query, limit=20)
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def synthetic_index(catalogue, copies: int = 100):
    from te_navigator.models.search import SearchIndex, catalogue_index_rows

    rows, names = [], {}
    base_rows = catalogue_index_rows(catalogue)
    randomiser = random.Random(7)
    letters = "abdeghijklmnoprstuvyäö"
    for copy in range(copies):
        invented = "".join(randomiser.choice(letters) for _ in range(randomiser.randint(6, 14)))
        for row in base_rows:
            rows.append(
                row.__class__(
                    row.kind, f"{row.entity_id}-{copy}", row.field, row.lang, row.token, row.surface, row.weight
                )
            )
        for kind in ("service", "partner", "term"):
            for entry in catalogue.typed(kind):
                entity_id = f"{entry.id}-{copy}"
                names[(kind, entity_id)] = entry.name.model_dump()
                rows.append(row.__class__(kind, entity_id, "name", "fi", invented, invented, 1.0))
    return SearchIndex(rows, names), len(names)


def report(label: str, timings: list[float], size: int) -> None:
    print(
        f"{label:12} {size:6} entries  p50 {statistics.median(timings):6.2f} ms  "
        f"p95 {percentile(timings, 0.95):6.2f} ms  max {max(timings):6.2f} ms"
    )


def main() -> None:
    from te_navigator.models.catalogue import load_catalogue
    from te_navigator.models.search import SearchIndex, catalogue_index_rows

    catalogue = load_catalogue()
    queries = [q["text"] for q in tomllib.loads(default_queries().read_text(encoding="utf-8"))["query"]]
    queries += EXTRA_QUERIES
    names = {
        (kind, e.id): e.name.model_dump() for kind in ("service", "partner", "term") for e in catalogue.typed(kind)
    }
    start = time.perf_counter()
    index = SearchIndex(catalogue_index_rows(catalogue), names)
    built = (time.perf_counter() - start) * 1000
    print(f"{len(queries)} queries × 5 rounds; index built in {built:.0f} ms")
    report("catalogue", time_queries(index, queries), len(names))
    start = time.perf_counter()
    big, size = synthetic_index(catalogue)
    print(f"synthetic index built in {(time.perf_counter() - start) * 1000:.0f} ms")
    report("100×", time_queries(big, queries, rounds=2), size)


if __name__ == "__main__":
    main()
