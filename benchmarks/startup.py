"""Start-up and typing speed of the app, as ratios against a bare Textual app measured in the same run.

    python benchmarks/startup.py [--runs 10]

1. Launch → the first service group on screen, for te-navigator on a seeded store and for a bare Textual app
   (Header + Static + Footer), each in a fresh interpreter, interleaved. Budget: ratio ≤ 2.0.
2. A keystroke in the search box → the narrowed list on screen, in a running app. Budget: ≤ 30 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE_APP = """
import sys
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("Työn ja tekijän löytäminen")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.painted)

    def painted(self):
        sys.stdout.write("painted\\n"); sys.stdout.flush()
        self.exit()

Bare().run(headless=True)
"""

TIMED_APP = """
import sys
from tui.cli import choose_language
from models import i18n
i18n.set_language(choose_language([]))
from tui.app import TeNavigatorApp

class Timed(TeNavigatorApp):
    def on_catalogue_ready(self, message):
        super().on_catalogue_ready(message)
        self.call_after_refresh(self.painted)

    def painted(self):
        groups = self.screen.query_one("#groups")
        if groups.option_count and not getattr(self, "_reported", False):
            self._reported = True
            sys.stdout.write("painted\\n"); sys.stdout.flush()
            self.exit()

Timed(sys.argv[1], lang=i18n.current_language(), save_settings=False).run(headless=True)
"""


def time_launch(code: str, *args: str, env: dict) -> float:
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, env=env, cwd=ROOT)
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.wait(timeout=30)
    if line.strip() != b"painted":
        raise SystemExit(f"the measured app did not paint: {line!r}")
    return elapsed * 1000


async def keystrokes(url: str) -> tuple[list[float], list[float]]:
    """Key press → the narrowed list painted (te-navigator), and key press → the typed text painted in a bare
    app's Input (the floor that Textual itself sets), through the same Pilot."""
    sys.path.insert(0, str(ROOT))
    from textual.app import App
    from textual.widgets import Input

    from tui.app import TeNavigatorApp

    painted: list[float] = []

    class BareInput(App):
        def compose(self):
            yield Input()

        def on_input_changed(self) -> None:
            self.call_after_refresh(lambda: painted.append(time.perf_counter()))

    class Timed(TeNavigatorApp):
        def on_input_changed(self) -> None:  # bubbles here after the screen has narrowed the list
            self.call_after_refresh(lambda: painted.append(time.perf_counter()))

    async def type_into(app, focus_keys: list[str]) -> list[float]:
        timings = []
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            for query in ("palkkatukea", "lönesub", "koulutus", "tyokokeilu", "monikielinen"):
                await pilot.press(*focus_keys)
                for char in query:
                    painted.clear()
                    start = time.perf_counter()
                    await pilot.press(char)
                    await pilot.pause()
                    timings.append((painted[0] - start) * 1000)
                await pilot.press("ctrl+a", "delete") if not focus_keys else await pilot.press("escape")
        return timings

    app_timings = await type_into(Timed(url, lang="fi", save_settings=False, steady=True), ["slash"])
    bare_timings = await type_into(BareInput(), [])
    return app_timings, bare_timings


def summary(timings: list[float]) -> str:
    ordered = sorted(timings)
    return (f"median {statistics.median(ordered):5.1f} ms, p95 {ordered[int(0.95 * (len(ordered) - 1))]:5.1f} ms, "
            f"max {ordered[-1]:5.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="te-bench-"))
    env = dict(os.environ, TE_NAVIGATOR_CACHE=str(work / "cache"), TE_NAVIGATOR_CONFIG=str(work / "config.toml"),
               PYTHONPATH=str(ROOT))
    url = f"sqlite:///{work / 'store.sqlite'}"
    time_launch(TIMED_APP, url, env=env)  # seeds the store and writes the snapshot cache: not measured
    time_launch(BARE_APP, env=env)
    bare, app = [], []
    for _run in range(args.runs):
        bare.append(time_launch(BARE_APP, env=env))
        app.append(time_launch(TIMED_APP, url, env=env))
    bare_ms, app_ms = statistics.median(bare), statistics.median(app)
    print(f"launch → first content, median of {args.runs} interleaved runs:")
    print(f"  bare Textual app  {bare_ms:7.0f} ms")
    print(f"  te-navigator      {app_ms:7.0f} ms")
    print(f"  ratio             {app_ms / bare_ms:7.2f}  (budget 2.00)")
    typed, bare_typed = asyncio.run(keystrokes(url))
    print(f"keystroke → narrowed list painted, {len(typed)} keystrokes (budget 30 ms):")
    print(f"  te-navigator      {summary(typed)}")
    print(f"  bare Input        {summary(bare_typed)}  (Textual's own key-to-paint time)")


if __name__ == "__main__":
    main()
