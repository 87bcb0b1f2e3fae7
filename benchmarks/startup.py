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
from te_navigator.cli.main import choose_language
from te_navigator.models import i18n
i18n.set_language(choose_language([]))
from te_navigator.tui.app import TeNavigatorApp

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


async def keystrokes(url: str) -> dict[str, list[float]]:
    """Key press → the first frame written after the list was narrowed (what the typist sees; the detail pane
    follows once typing pauses), and the same key press → frame in a bare app's Input (Textual's floor)."""
    sys.path.insert(0, str(ROOT))
    from te_navigator.tui.app import TeNavigatorApp  # first: it sets the frame rate the app runs at before textual loads

    from textual.app import App
    from textual.widgets import Input

    frames: list[float] = []
    handled: list[float] = []

    def record_frames(app_class):
        class Recording(app_class):
            def _display(self, screen, renderable) -> None:
                super()._display(screen, renderable)
                if handled:
                    frames.append(time.perf_counter())

            def on_input_changed(self) -> None:  # bubbles here after the screen has narrowed the list
                handled.append(time.perf_counter())

        return Recording

    class BareInput(App):
        def compose(self):
            yield Input()

    async def type_into(app, focus_keys: list[str]) -> list[float]:
        first = []
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press(*focus_keys) if focus_keys else None
            for query in ("palkkatukea", "lönesub", "koulutus", "tyokokeilu", "monikielinen"):
                for char in query:
                    frames.clear()
                    handled.clear()
                    start = time.perf_counter()
                    await pilot.press(char)
                    await pilot.pause(0.05)
                    first.append((frames[0] - start) * 1000)
                await pilot.press(*["backspace"] * len(query))
                await pilot.pause()
        return first

    app_first = await type_into(record_frames(TeNavigatorApp)(url, lang="fi", save_settings=False, steady=True),
                                ["slash"])
    bare_first = await type_into(record_frames(BareInput)(), [])
    return {"first": app_first, "bare": bare_first}


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
    typed = asyncio.run(keystrokes(url))
    print(f"keystroke → narrowed list on screen, {len(typed['first'])} keystrokes (budget 30 ms):")
    print(f"  te-navigator      {summary(typed['first'])}")
    print(f"  bare Input        {summary(typed['bare'])}  (Textual's own key-to-frame time)")


if __name__ == "__main__":
    main()
