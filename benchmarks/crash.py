"""Kills a saving te-navigator at random moments and checks that nothing acknowledged was lost.

    python benchmarks/crash.py [--rounds 60] [--seed 11]

Each round starts a child process that saves assessments (every save a new version) and records referrals
with notes in a loop, printing an acknowledgement only after each transaction has committed. After a random
0–1500 ms of saving, the child gets SIGKILL — mid-transaction, mid-write, wherever it is. Then the store must
open, `PRAGMA integrity_check` must say ok, and every acknowledged save must be there with its version and
every acknowledged referral with its note. Prints the counts; exit status 1 if anything was lost.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import datetime as dt, sys
from te_navigator.models.store import Store
from te_navigator.models.assessments import save_assessment
from te_navigator.models import referrals

store = Store.open(sys.argv[1])
template = store.checklist("tier3-jobseeker")
pathway = store.pathway("challenging-position")
steps = [step.id for step in pathway.steps]
round_number = sys.argv[2]
print("READY", flush=True)
number = 0
while True:
    number += 1
    reference = f"R{round_number}-{number}"
    assessment_id, version = save_assessment(store, template, {"age": 20 + number % 40}, case_reference=reference)
    print(f"SAVE {assessment_id} {version} {reference}", flush=True)
    assessment_id, version = save_assessment(store, template, {"age": 21}, assessment_id=assessment_id)
    print(f"SAVE {assessment_id} {version} {reference}", flush=True)
    referral = referrals.plan_step(store, reference, pathway.id, steps[number % len(steps)], note=f"note {reference}")
    print(f"REFER {referral['id']} {reference}", flush=True)
"""


def one_round(python: str, url: str, round_number: int, rng: random.Random) -> tuple[list[str], float]:
    """Runs one child until killed; returns its acknowledgement lines and when it was killed (ms of saving)."""
    child = subprocess.Popen(
        [python, "-c", CHILD, url, str(round_number)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    assert child.stdout is not None
    ready = child.stdout.readline()
    if ready.strip() != "READY":
        child.kill()
        raise SystemExit(f"the saving process did not start: {ready!r} {child.stderr.read() if child.stderr else ''}")
    delay = rng.uniform(0.0, 1.5)
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    rest = child.stdout.read()  # every line written before the kill is in the pipe
    child.wait()
    return [line for line in rest.splitlines() if line.strip()], delay * 1000


def check(path: Path, acknowledged: list[str]) -> tuple[int, list[str]]:
    """(checked, problems) for the acknowledged saves and referrals in the store file."""
    problems = []
    connection = sqlite3.connect(path)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            problems.append(f"integrity_check: {integrity}")
        versions = {(a, v) for a, v in connection.execute("SELECT assessment_id, version FROM assessment_version")}
        notes = dict(connection.execute("SELECT id, note FROM referral"))
    finally:
        connection.close()
    for line in acknowledged:
        kind, *fields = line.split()
        if kind == "SAVE" and (int(fields[0]), int(fields[1])) not in versions:
            problems.append(f"lost: assessment {fields[0]} version {fields[1]} ({fields[2]})")
        if kind == "REFER" and notes.get(int(fields[0])) != f"note {fields[1]}":
            problems.append(f"lost: referral {fields[0]} ({fields[1]})")
    return len(acknowledged), problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--seed", type=int, default=11)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    root = Path(tempfile.mkdtemp(prefix="te-crash-"))
    os.environ.update({"TE_NAVIGATOR_STATE": str(root / "state"), "TE_NAVIGATOR_CONFIG": str(root / "config.toml")})
    path = root / "store.sqlite"
    url = f"sqlite:///{path}"
    try:
        from te_navigator.models.store import Store

        Store.open(url).close()
        checked, problems, saving_ms = 0, [], []
        started = time.monotonic()
        for round_number in range(1, options.rounds + 1):
            lines, killed_after = one_round(sys.executable, url, round_number, rng)
            saving_ms.append(killed_after)
            round_checked, round_problems = check(path, lines)
            checked += round_checked
            problems += [f"round {round_number}: {problem}" for problem in round_problems]
            Store.open(url).close()  # the next start must open it, hot journal and all
        elapsed = time.monotonic() - started
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(
        f"{options.rounds} saving processes killed with SIGKILL after 0–1500 ms of saving "
        f"(median {sorted(saving_ms)[len(saving_ms) // 2]:.0f} ms), in {elapsed:.0f} s"
    )
    print(f"  acknowledged saves and referrals checked: {checked}")
    print(f"  lost:                                     {sum('lost' in p for p in problems)}   (goal 0)")
    print(f"  integrity_check failures:                 {sum('integrity' in p for p in problems)}   (goal 0)")
    for problem in problems[:20]:
        print("  " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
