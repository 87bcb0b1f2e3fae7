"""Follow-ups on a big store: 100 000 assessment versions and 50 000 referrals, against an empty store.

    python benchmarks/scale.py [--runs 5]

Builds both stores (the big one with sqlite3 bulk inserts into a freshly created store), then:
1. `te-navigator followups` (the installed command) on each, interleaved, median of --runs (wall time, and the
   command's CPU time, which the machine's load hardly moves), after one untimed run each: a user's first run
   with dates to show fills the user cache (holiday calendar, Babel's date pattern) once, and the empty store's
   never does. Budget: big ≤ 1.5× empty.
2. The follow-ups screen of the running installed app (pty 100×30): the `u` key → the first rows drawn, on each.
   Budget: ≤ 300 ms on the big store.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.terminal import Terminal, installed_command, scratch_folder, user_environment  # noqa: E402

if TYPE_CHECKING:
    from te_navigator.models.entities import Pathway

CASES = 20_000
ASSESSMENTS, VERSIONS_EACH = 25_000, 4  # 100 000 versions
REFERRALS = 50_000
OPEN_SHARE = 0.6  # 30 000 of them still open
TODAY = dt.date(2026, 11, 30)
MUNICIPALITIES = ("askola", "lapinjarvi", "loviisa", "myrskyla", "porvoo", "pukkila")
STATUSES_CLOSED = ("done", "cancelled")
STATUSES_OPEN = ("planned", "referred", "started")


def environment(folder: Path) -> dict[str, str]:
    return user_environment(folder, TE_NAVIGATOR_STAFF="bench")


def insert(connection: sqlite3.Connection, table: str, rows: list[dict]) -> None:
    """Bulk insert; columns the benchmark does not know (added by later migrations) get their empty value."""
    columns = connection.execute(f"PRAGMA table_info({table})").fetchall()
    required = {
        name: ("" if "CHAR" in kind.upper() or "TEXT" in kind.upper() else 0)
        for _cid, name, kind, notnull, default, pk in columns
        if notnull and default is None and not pk
    }
    names = [name for _cid, name, *_rest in columns if name in rows[0] or name in required]
    filled = [{**{name: required.get(name) for name in names}, **row} for row in rows]
    for row in filled:
        if "uid" in names and not row.get("uid"):
            row["uid"] = uuid.uuid4().hex
    placeholders = ", ".join(f":{name}" for name in names)
    connection.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({placeholders})", filled)


def build_big_store(path: Path, pathways: list[Pathway]) -> None:
    random.seed(11)
    stamp = "2026-11-01 09:00:00.000000"
    steps = [(p.id, s.id) for p in pathways for s in p.steps]
    with sqlite3.connect(path) as connection:
        insert(
            connection,
            "case_record",
            [
                {
                    "id": n,
                    "reference": f"POR-{n:06d}",
                    "created_at": stamp,
                    "registered_on": (TODAY - dt.timedelta(days=random.randint(0, 700))).isoformat(),
                }
                for n in range(1, CASES + 1)
            ],
        )
        insert(
            connection,
            "assessment",
            [
                {
                    "id": n,
                    "template_id": "tier3-jobseeker",
                    "case_id": random.randint(1, CASES),
                    "municipality": random.choice(MUNICIPALITIES),
                    "created_at": stamp,
                    "updated_at": stamp,
                    "latest_version": VERSIONS_EACH,
                    "finished": random.random() < 0.5,
                }
                for n in range(1, ASSESSMENTS + 1)
            ],
        )
        versions = []
        for assessment in range(1, ASSESSMENTS + 1):
            registered = (TODAY - dt.timedelta(days=random.randint(0, 400))).isoformat()
            for version in range(1, VERSIONS_EACH + 1):
                versions.append(
                    {
                        "assessment_id": assessment,
                        "version": version,
                        "saved_at": stamp,
                        "finished": False,
                        "answers": json.dumps(
                            {
                                "registered_on": registered,
                                "age": random.randint(18, 64),
                                "municipality": random.choice(MUNICIPALITIES),
                            }
                        ),
                    }
                )
        insert(connection, "assessment_version", versions)
        referrals = []
        for _number in range(REFERRALS):
            pathway, step = random.choice(steps)
            planned = TODAY - dt.timedelta(days=random.randint(0, 500))
            status = random.choice(STATUSES_OPEN) if random.random() < OPEN_SHARE else random.choice(STATUSES_CLOSED)
            referrals.append(
                {
                    "case_id": random.randint(1, CASES),
                    "pathway_id": pathway,
                    "step_id": step,
                    "status": status,
                    "planned_on": planned.isoformat(),
                    "due_on": (planned + dt.timedelta(days=random.randint(5, 60))).isoformat(),
                    "history": json.dumps([{"status": status, "on": planned.isoformat(), "at": stamp, "by": "bench"}]),
                    "updated_at": stamp,
                    "recorded_by": "bench",
                    "updated_by": "bench",
                }
            )
        insert(connection, "referral", referrals)


def store_all_deadlines(path: Path) -> int:
    """The bulk-inserted assessments get their stored deadlines, as saving each of them would have given."""
    from te_navigator.models.followup_deadlines import store_deadlines
    from te_navigator.models.sql import sqlite_transaction

    with sqlite_transaction(path, write=True) as db:
        return store_deadlines(db)


def timed(argv: list[str], env: dict[str, str]) -> float:
    return timed_with_cpu(argv, env)[0]


def timed_with_cpu(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall ms, CPU ms the command used): the CPU time hardly moves with the machine's load."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu


def screen_first_rows(env: dict[str, str], needle: str, group_name: str) -> float:
    """ms from the `u` key to the follow-up list's first section title (with its count) on the terminal."""
    terminal = Terminal([installed_command()], env, 100, 30)
    try:
        terminal.wait_for_text(group_name)
        terminal.drain(15.0)  # the store opens behind the first paint (slowly on a loaded machine)
        seen = len(terminal.plain)
        pressed = terminal.type("u")
        deadline = time.perf_counter() + 30
        while needle not in terminal.plain[seen:] and time.perf_counter() < deadline:
            terminal.read(0.05)
        if needle not in terminal.plain[seen:]:
            raise SystemExit(f"{needle!r} never appeared after u")
        return (terminal.chunks[-1][0] - pressed) * 1000
    finally:
        terminal.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from te_navigator.models import i18n
    from te_navigator.models.store import Store

    work = scratch_folder("te-scale-")
    empty, big = work / "empty", work / "big"
    for folder in (empty, big):
        folder.mkdir()
    command = installed_command()
    empty_env, big_env = environment(empty), environment(big)
    started = time.perf_counter()
    timed([command, "pathways", "list"], empty_env)  # creates and loads the store, fills the cache
    store = Store.open(f"sqlite:///{empty / 'store.sqlite'}")
    pathways = store.pathways()
    store.close()
    shutil.copy(empty / "store.sqlite", big / "store.sqlite")
    build_big_store(big / "store.sqlite", pathways)
    worked_out = time.perf_counter()
    deadlines = store_all_deadlines(big / "store.sqlite")
    worked_out = time.perf_counter() - worked_out
    timed([command, "pathways", "list"], big_env)
    print(
        f"built the big store in {time.perf_counter() - started:.0f} s: {CASES} cases, "
        f"{ASSESSMENTS * VERSIONS_EACH} assessment versions, {REFERRALS} referrals "
        f"({OPEN_SHARE:.0%} open)"
    )
    print(
        f"the {deadlines} deadlines of its unfinished assessments worked out and stored in {worked_out:.1f} s "
        "(as migration 0009 or a change of the timings does)"
    )

    followups = [command, "followups", "--today", TODAY.isoformat()]
    # A user's first `followups` with rows to show works out the holiday calendar and reads Babel's date pattern
    # into the user cache (the empty store shows no date, so it never does): once, not on every run. Timed
    # apart, so the median compares what every later run costs.
    first_empty, first_big = timed(followups, empty_env), timed(followups, big_env)
    on_empty, on_big = [], []
    for _run in range(args.runs):
        on_empty.append(timed_with_cpu(followups, empty_env))
        on_big.append(timed_with_cpu(followups, big_env))
    empty_ms, big_ms = (statistics.median(wall for wall, _cpu in runs) for runs in (on_empty, on_big))
    empty_cpu, big_cpu = (statistics.median(cpu for _wall, cpu in runs) for runs in (on_empty, on_big))
    print(f"te-navigator followups, median of {args.runs} interleaved runs (load average {os.getloadavg()[0]:.1f}):")
    print(f"  empty store  {empty_ms:6.0f} ms   (CPU {empty_cpu:4.0f} ms)")
    print(
        f"  big store    {big_ms:6.0f} ms   (CPU {big_cpu:4.0f} ms)   ratio {big_ms / empty_ms:4.2f}  (budget 1.50); "
        f"CPU ratio {big_cpu / empty_cpu:4.2f}"
    )
    print(f"  the first run of each, filling the user cache: empty {first_empty:.0f} ms, big {first_big:.0f} ms")

    i18n.set_language("fi")
    needle = i18n._("Overdue") + " ("
    import tomllib

    group_name = tomllib.loads((ROOT / "seed" / "groups.toml").read_text(encoding="utf-8"))["group"][0]["name"]["fi"]
    screens_empty, screens_big = [], []
    for _run in range(max(1, args.runs // 2)):
        screens_empty.append(screen_first_rows(empty_env, needle, group_name))
        screens_big.append(screen_first_rows(big_env, needle, group_name))
    print("the follow-ups screen in the running installed app, u → first rows on the terminal:")
    print(f"  empty store  {statistics.median(screens_empty):6.0f} ms")
    print(f"  big store    {statistics.median(screens_big):6.0f} ms   (budget 300 ms)")


if __name__ == "__main__":
    main()
