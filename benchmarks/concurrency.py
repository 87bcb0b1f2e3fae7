"""Caseworkers saving at once: N processes, each saving assessments and recording referrals on one store.

    python benchmarks/concurrency.py                         # 4 processes × 1 000 saves on one SQLite file
    python benchmarks/concurrency.py --processes 10 --saves 200 --db postgresql+psycopg://…   # the office store

Every process saves new versions of its own assessment and of one assessment all processes share (the case
two caseworkers have open at once), and every tenth save records a referral. It prints how many saves were
refused, how many acknowledged saves are missing from the store afterwards (lost), how many version numbers
were given twice (duplicated), and the p50/p95 time of one save. Measured through models/ in-process, not
through the command: what is measured is the store's locking, not start-up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

SHARED_CASE = "BENCH-SHARED"


def worker(url: str, number: int, saves: int, results) -> None:
    from te_navigator.models.assessments import save_assessment
    from te_navigator.models.referrals import plan_step
    from te_navigator.models.store import Store

    import os

    os.environ["TE_NAVIGATOR_STAFF"] = f"caseworker-{number}"
    store = Store.open(url)
    template = store.checklist("tier3-jobseeker")
    pathway = store.pathway("initial-phase")
    own_id = shared_id = None
    acknowledged, failures, timings, referrals = [], [], [], 0
    for index in range(saves):
        started = time.perf_counter()
        try:
            if index % 10 == 9:
                plan_step(store, f"BENCH-{number}-{index}", pathway.id, pathway.start, on=dt.date(2026, 11, 2))
                referrals += 1
            elif index % 2 == 0:
                own_id, version = save_assessment(
                    store,
                    template,
                    {"age": 20 + index % 40},
                    case_reference=None if own_id else f"BENCH-{number}",
                    assessment_id=own_id,
                )
                acknowledged.append((own_id, version))
            else:
                shared_id = shared_id or _shared_assessment(store)
                acknowledged.append(save_assessment(store, template, {"age": 30 + number}, assessment_id=shared_id))
        except Exception as error:  # noqa: BLE001 -- counted and reported: the point of the benchmark
            failures.append(f"{type(error).__name__}: {error}")
        timings.append(time.perf_counter() - started)
    store.close()
    results.put({"acknowledged": acknowledged, "failures": failures, "timings": timings, "referrals": referrals})


def _shared_assessment(store) -> int:
    from te_navigator.models.assessments import list_assessments

    for summary in list_assessments(store):
        if summary["case_reference"] == SHARED_CASE:
            return summary["id"]
    raise RuntimeError("the shared assessment is missing")


def prepare(url: str) -> None:
    from te_navigator.models.assessments import save_assessment
    from te_navigator.models.store import Store

    store = Store.open(url)
    save_assessment(store, store.checklist("tier3-jobseeker"), {"age": 30}, case_reference=SHARED_CASE)
    store.close()


def check(url: str, acknowledged: list[tuple[int, int]]) -> tuple[int, int, int]:
    """(lost, duplicated, versions in the store): every acknowledged save must be there exactly once."""
    from sqlalchemy import text

    from te_navigator.models.store import Store

    store = Store.open(url)
    with store.engine.connect() as connection:
        stored = set(connection.execute(text("SELECT assessment_id, version FROM assessment_version")).all())
        duplicated = connection.execute(
            text(
                "SELECT count(*) FROM (SELECT assessment_id, version FROM assessment_version "
                "GROUP BY assessment_id, version HAVING count(*) > 1) AS twice"
            )
        ).scalar()
        total = connection.execute(text("SELECT count(*) FROM assessment_version")).scalar()
    store.close()
    lost = sum(1 for pair in acknowledged if tuple(pair) not in stored)
    return lost, int(duplicated or 0), int(total or 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--saves", type=int, default=1000, help="saves per process")
    parser.add_argument("--db", help="a store URL (default: a new SQLite file)")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="te-navigator-concurrency-")
    url = args.db or f"sqlite:///{Path(folder) / 'store.sqlite'}"
    prepare(url)
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    processes = [
        context.Process(target=worker, args=(url, number, args.saves, results)) for number in range(args.processes)
    ]
    started = time.perf_counter()
    for process in processes:
        process.start()
    collected = [results.get() for _ in processes]
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - started
    acknowledged = [pair for result in collected for pair in result["acknowledged"]]
    failures = [failure for result in collected for failure in result["failures"]]
    timings = sorted(t for result in collected for t in result["timings"])
    lost, duplicated, total = check(url, acknowledged)
    engine = url.split(":", 1)[0]
    attempts = args.processes * args.saves
    print(f"{engine}: {args.processes} processes × {args.saves} saves = {attempts} in {elapsed:.1f} s")
    print(f"  refused saves: {len(failures)} ({100 * len(failures) / attempts:.2f} %)")
    print(
        f"  acknowledged assessment versions: {len(acknowledged)}; lost: {lost}; duplicated version numbers: "
        f"{duplicated}; versions in the store: {total}"
    )
    print(
        f"  one save: p50 {1000 * statistics.median(timings):.1f} ms, "
        f"p95 {1000 * timings[int(0.95 * (len(timings) - 1))]:.1f} ms"
    )
    for failure in sorted(set(failures))[:5]:
        print(f"  e.g. {failure}")
    return 0 if not failures and not lost and not duplicated else 1


if __name__ == "__main__":
    sys.exit(main())
