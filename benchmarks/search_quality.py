"""Search quality on the caseworkers' query sample: recall@5 and MRR.

    python benchmarks/search_quality.py [QUERIES.toml] [--db URL]

The sample (query, UI language, the Finnish name of the service sought) is ../shared/search-queries.toml when the
project sits beside it, else the copy in tests/data. The search does not know the UI language: it matches both.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def default_queries() -> Path:
    shared = ROOT.parent / "shared" / "search-queries.toml"
    return shared if shared.exists() else ROOT / "tests" / "data" / "search-queries.toml"


def evaluate(index, services: list, queries: list[dict], k: int = 5) -> dict:
    by_name = {s.name.fi: s.id for s in services}
    found, reciprocal, misses = 0, 0.0, []
    for query in queries:
        wanted = by_name[query["expect"]]
        ranked = [hit.id for hit in index.search(query["text"], limit=50) if hit.kind == "service"]
        rank = ranked.index(wanted) + 1 if wanted in ranked else None
        if rank is not None and rank <= k:
            found += 1
        reciprocal += 1 / rank if rank else 0.0
        if rank != 1:
            misses.append((query["text"], query["expect"], rank, ranked[:3]))
    return {
        "queries": len(queries),
        f"recall@{k}": found / len(queries),
        "mrr": reciprocal / len(queries),
        "not_first": misses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("queries", nargs="?", type=Path, default=default_queries())
    parser.add_argument("--db", help="store URL (default: a fresh in-memory store)")
    args = parser.parse_args()
    from te_navigator.models.store import Store

    store = Store.open(args.db or "sqlite://")
    queries = tomllib.loads(args.queries.read_text(encoding="utf-8"))["query"]
    result = evaluate(store.search_index(), store.services(), queries)
    print(f"queries: {result['queries']}  recall@5: {result['recall@5']:.3f}  MRR: {result['mrr']:.3f}")
    for text, expect, rank, top in result["not_first"]:
        print(f"  {text!r} → {expect!r}: rank {rank}; top: {top}")


if __name__ == "__main__":
    main()
