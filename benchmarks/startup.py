"""Start-up, memory and typing speed of the installed `te-navigator`, in a real pseudo-terminal (100×30).

    python benchmarks/startup.py [--runs 7] [--in-process]

Needs `pip install -e ".[bench]"` (pyte, to replay the screen for the typing figure).

1. Launch → the first service group drawn on the terminal, for the installed `te-navigator` command and for a
   bare Textual app (Header + Static + Footer), interleaved, median of --runs: on a warm store (created and
   loaded before) and on the very first start (store created and loaded in that launch). Budgets: ≤ 1.3× and
   ≤ 2.0× the bare app.
2. Peak resident memory (VmHWM) of each at that moment. Budget: ≤ 1.5× the bare app.
3. Keystrokes typed into that running te-navigator: key → the narrowed list on the screen (the left column:
   search box and results), typed slowly and at 8 keys a second. Budget: p95 ≤ 30 ms.
With --in-process, also the earlier headless figures (app run inside one Python, Textual's test pilot), labelled
as such: they leave out the terminal and the console script.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.terminal import Screen, Terminal, bare_app_command, installed_command, scratch_folder, user_environment  # noqa: E402

COLUMNS, ROWS = 100, 30
NAV_WIDTH = 36  # the service map's left column (tui/app.tcss #nav): search box, groups, results
QUERIES = ("palkkatukea", "lönesub", "koulutus", "tyokokeilu", "monikielinen")
LETTERS = sum(len(query) for query in QUERIES)
TYPING_INTERVAL = 0.125  # 8 keys a second, a brisk typist
SETTLE = 0.6  # after a slow keystroke: the list and the detail pane (0.3 s later, tui/service_map.py) have drawn


def first_group_name() -> str:
    import tomllib

    groups = tomllib.loads((ROOT / "seed" / "groups.toml").read_text(encoding="utf-8"))
    return groups["group"][0]["name"]["fi"]


def environment(folder: Path) -> dict[str, str]:
    """A user of their own, Finnish: no locale variable chooses the language."""
    return user_environment(folder, LC_ALL="", LC_MESSAGES="")


def launch(argv: list[str], env: dict[str, str], needle: str, grace: float = 5.0) -> tuple[float, float]:
    """(ms to `needle` on screen, peak RSS MiB at that moment)."""
    terminal = Terminal(argv, env, COLUMNS, ROWS)
    try:
        seconds = terminal.wait_for_text(needle)
        rss = terminal.peak_rss_mib()
    finally:
        terminal.close(grace)
    return seconds * 1000, rss


def make_warm_store(command: list[str], env: dict[str, str], needle: str) -> None:
    """Starts the app once and waits until it has created and loaded its store behind the first paint (it then
    leaves the catalogue snapshot that a warm start paints from): not counted."""
    snapshots = Path(env["TE_NAVIGATOR_CACHE"]) / "snapshots"
    terminal = Terminal(command, env, COLUMNS, ROWS)
    try:
        terminal.wait_for_text(needle)
        deadline = time.perf_counter() + 180
        while not any(snapshots.glob("*.json")):
            if time.perf_counter() > deadline:
                raise SystemExit("the app did not finish loading its store within 3 minutes")
            terminal.read(0.1)
    finally:
        terminal.close()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(values: list[float]) -> str:
    return (
        f"p50 {statistics.median(values):5.1f} ms, p95 {percentile(values, 0.95):5.1f} ms, "
        f"max {max(values):5.1f} ms  ({len(values)} keys)"
    )


# --- typing into the running app ------------------------------------------------------------------------------


class Replay:
    """The screen as the terminal draws it, fed with the program's output as it arrives."""

    def __init__(self, terminal: Terminal):
        self.terminal = terminal
        self.screen = Screen(terminal.columns, terminal.rows)
        self.fed = 0

    def nav(self) -> tuple[str, ...]:
        return self.screen.region(0, NAV_WIDTH, 1, ROWS - 1)

    def catch_up(self) -> list[tuple[float, tuple[str, ...]]]:
        """The left column after each chunk not yet fed, with the chunk's arrival time."""
        states = []
        for arrived, text in self.terminal.chunks[self.fed :]:
            self.screen.feed(text)
            states.append((arrived, self.nav()))
        self.fed = len(self.terminal.chunks)
        return states


def settled_at(states: list[tuple[float, tuple[str, ...]]], final: tuple[str, ...]) -> float | None:
    """The arrival time of the chunk from which on the column stayed as `final`."""
    settled = None
    for arrived, state in states:
        settled = (settled or arrived) if state == final else None
    return settled


def type_queries(replay: Replay, interval: float | None, reference: dict[str, tuple[str, ...]]) -> list[float]:
    """Types each query key by key. Slow (interval None): waits for the screen to settle after each key and
    records what the column shows in `reference`. Fast: keys `interval` apart; each key's time is until the
    column first shows what it showed for that text when typed slowly."""
    terminal = replay.terminal
    latencies = []
    for query in QUERIES:
        for length in range(1, len(query) + 1):
            text = query[:length]
            replay.catch_up()
            pressed = terminal.type(query[length - 1])
            terminal.drain(SETTLE if interval is None else interval)
            states = replay.catch_up()
            if interval is None:
                reference[text] = replay.nav()
                arrived = settled_at(states, reference[text])
            else:
                arrived = next((t for t, state in states if state == reference[text]), None)
                deadline = time.perf_counter() + 2
                while arrived is None and time.perf_counter() < deadline:  # the typist waits too
                    terminal.read(0.05)
                    arrived = next((t for t, state in replay.catch_up() if state == reference[text]), None)
            if arrived is not None:
                latencies.append((arrived - pressed) * 1000)
        terminal.type("\x7f" * len(query))
        terminal.drain(SETTLE)
    return latencies


def keystrokes(env: dict[str, str], needle: str) -> tuple[list[float], list[float]]:
    terminal = Terminal([installed_command()], env, COLUMNS, ROWS)
    replay = Replay(terminal)
    try:
        terminal.wait_for_text(needle)
        terminal.wait_until_idle()  # the store opens behind the first paint; a caseworker does not type in 0 s
        terminal.type("/")
        terminal.drain(SETTLE)
        reference: dict[str, tuple[str, ...]] = {}
        before = terminal.cpu_seconds()
        slow = type_queries(replay, None, reference)
        middle = terminal.cpu_seconds()
        fast = type_queries(replay, TYPING_INTERVAL, reference)
        cpu = ((middle - before) * 1000 / LETTERS, (terminal.cpu_seconds() - middle) * 1000 / LETTERS)
    finally:
        terminal.close()
    return slow, fast, cpu


# --- the same, in one Python without a terminal (the earlier figures) --------------------------------------------


def in_process(runs: int, folder: Path) -> None:
    import asyncio
    import subprocess

    timed_app = (
        "import sys\n"
        "from te_navigator.tui.app import TeNavigatorApp\n"
        "class Timed(TeNavigatorApp):\n"
        "    def on_catalogue_ready(self, message):\n"
        "        super().on_catalogue_ready(message)\n"
        "        self.call_after_refresh(self.painted)\n"
        "    def painted(self):\n"
        "        if self.screen.query_one('#groups').option_count and not getattr(self, '_told', False):\n"
        "            self._told = True\n"
        "            sys.stdout.write('painted\\n'); sys.stdout.flush(); self.exit()\n"
        "Timed(sys.argv[1], lang='fi', save_settings=False).run(headless=True)\n"
    )
    bare_app = (
        "import sys\nfrom textual.app import App\nfrom textual.widgets import Footer, Header, Static\n"
        "class Bare(App):\n"
        "    def compose(self):\n        yield Header(); yield Static('x'); yield Footer()\n"
        "    def on_mount(self):\n        self.call_after_refresh(self.painted)\n"
        "    def painted(self):\n        sys.stdout.write('painted\\n'); sys.stdout.flush(); self.exit()\n"
        "Bare().run(headless=True)\n"
    )
    env = environment(folder)
    url = f"sqlite:///{folder / 'store.sqlite'}"

    def once(code: str, *args: str) -> float:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, env=env)
        process.stdout.readline()
        elapsed = time.perf_counter() - start
        process.wait(timeout=30)
        return elapsed * 1000

    once(timed_app, url)
    bare, app = [], []
    for _run in range(runs):
        bare.append(once(bare_app))
        app.append(once(timed_app, url))
    ratio = statistics.median(app) / statistics.median(bare)
    print(
        f"  (in-process, headless, no terminal) first content {statistics.median(app):.0f} ms vs bare "
        f"{statistics.median(bare):.0f} ms: {ratio:.2f}×"
    )
    from benchmarks.startup_pilot import pilot_keystrokes

    typed = asyncio.run(pilot_keystrokes(url))
    print(f"  (in-process, Textual pilot, no terminal) keystroke → narrowed list: {summary(typed)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--in-process", action="store_true", help="also the earlier headless, in-process figures")
    parser.add_argument("--only", choices=("launch", "keys"), help="only the launch figures, or only the typing")
    args = parser.parse_args()
    work = scratch_folder("te-bench-")
    needle = first_group_name()
    command = [installed_command()]
    warm_env = environment(work / "warm")
    make_warm_store(command, warm_env, needle)
    if args.only != "keys":
        launches(args.runs, work, command, warm_env, needle)
    if args.only != "launch":
        slow, fast, cpu = keystrokes(warm_env, needle)
        print(
            f"keystroke → narrowed list on the terminal, in the running installed app (budget p95 30 ms; "
            f"load average {os.getloadavg()[0]:.1f}):"
        )
        print(f"  typed slowly              {summary(slow)}   app CPU {cpu[0]:4.1f} ms a letter")
        print(f"  typed at 8 keys a second  {summary(fast)}   app CPU {cpu[1]:4.1f} ms a letter")
        print("  (app CPU: all its threads, from the first letter to the last frame, rubbing out included)")
    if args.in_process:
        in_process(max(3, args.runs // 2), work / "warm")


def launches(runs: int, work: Path, command: list[str], warm_env: dict[str, str], needle: str) -> None:
    bare_command = bare_app_command(work)
    launch(bare_command, warm_env, "Työn ja tekijän")
    bare, warm, first = [], [], []
    for run in range(runs):
        bare.append(launch(bare_command, warm_env, "Työn ja tekijän"))
        warm.append(launch(command, warm_env, needle))
        # A first start goes on creating its store behind the first paint (quitting waits for it): this throw-away
        # store is not waited for.
        first.append(launch(command, environment(work / f"first-{run}"), needle, grace=0.2))
    bare_ms, warm_ms, first_ms = (statistics.median(t for t, _ in runs) for runs in (bare, warm, first))
    bare_mib, warm_mib, first_mib = (statistics.median(m for _, m in runs) for runs in (bare, warm, first))
    print(
        f"launch of the installed command → first service group on a {COLUMNS}×{ROWS} pty, "
        f"median of {runs} interleaved runs (load average {os.getloadavg()[0]:.1f}):"
    )
    print(f"  bare Textual app           {bare_ms:6.0f} ms   peak RSS {bare_mib:5.1f} MiB")
    print(
        f"  te-navigator, warm store   {warm_ms:6.0f} ms   peak RSS {warm_mib:5.1f} MiB   "
        f"time {warm_ms / bare_ms:4.2f}× (budget 1.30)   memory {warm_mib / bare_mib:4.2f}× (budget 1.50)"
    )
    print(
        f"  te-navigator, first start  {first_ms:6.0f} ms   peak RSS {first_mib:5.1f} MiB   "
        f"time {first_ms / bare_ms:4.2f}× (budget 2.00)   memory {first_mib / bare_mib:4.2f}×"
    )


if __name__ == "__main__":
    main()
