"""Wall time of the installed command line on a warm store, against `python -c "import textual.app"`.

    python benchmarks/cli_speed.py [--runs 9]

Each command runs in a fresh process, interleaved with the Textual import (the time before a bare Textual app
has even started), median of --runs. Budget: every ratio ≤ 1.0.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.terminal import installed_command, scratch_folder, user_environment  # noqa: E402


def environment(folder: Path) -> dict[str, str]:
    return user_environment(folder)


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode()[-500:]}")
    return elapsed


def a_pathway_step(command: str, env: dict[str, str]) -> tuple[str, str]:
    listing = subprocess.run([command, "pathways", "list", "--json"], env=env, capture_output=True, check=True)
    pathway = json.loads(listing.stdout)[0]["id"]
    shown = subprocess.run([command, "pathways", "show", pathway, "--json"], env=env, capture_output=True, check=True)
    return pathway, json.loads(shown.stdout)["steps"][0]["id"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    folder = scratch_folder("te-cli-bench-")
    env = environment(folder)
    command = installed_command()
    timed([command, "search", "palkkatuki"], env)  # creates and loads the store: not counted
    pathway, step = a_pathway_step(command, env)
    commands = {
        "search palkkatuki": lambda run: [command, "search", "palkkatuki"],
        "show palkkatuki": lambda run: [command, "show", "palkkatuki"],
        "pathways list": lambda run: [command, "pathways", "list"],
        "refer": lambda run: [command, "refer", f"BENCH-{run:04d}", pathway, step, "--date", "2026-11-02"],
        "followups": lambda run: [command, "followups", "--today", "2026-11-30"],
    }
    textual_import = [sys.executable, "-c", "import textual.app"]
    baseline: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in commands}
    for run in range(args.runs):
        for name, make in commands.items():
            baseline.append(timed(textual_import, env))
            times[name].append(timed(make(run), env))
    base = statistics.median(baseline)
    print(
        f"command line on a warm store, median of {args.runs} interleaved runs (load average {os.getloadavg()[0]:.1f}):"
    )
    print(f"  python -c 'import textual.app'  {base:6.0f} ms")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  te-navigator {name:19} {median:6.0f} ms   ratio {median / base:4.2f}  (budget 1.00)")


if __name__ == "__main__":
    main()
