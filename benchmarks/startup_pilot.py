"""Keystroke → frame inside one Python, through Textual's test pilot: the earlier, in-process figure that
benchmarks/startup.py prints as a second, labelled line. It leaves out the terminal and the console script."""

from __future__ import annotations

import time

QUERIES = ("palkkatukea", "lönesub", "koulutus", "tyokokeilu", "monikielinen")


async def pilot_keystrokes(url: str) -> list[float]:
    from te_navigator.tui.app import TeNavigatorApp  # first: it sets the frame rate before textual loads

    frames: list[float] = []
    pressed: list[bool] = []

    class Recording(TeNavigatorApp):
        def _display(self, screen, renderable) -> None:
            super()._display(screen, renderable)
            if pressed:
                frames.append(time.perf_counter())

    app = Recording(url, lang="fi", save_settings=False, steady=True)
    latencies = []
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("slash")
        for query in QUERIES:
            for char in query:
                frames.clear()
                pressed[:] = [True]
                start = time.perf_counter()
                await pilot.press(char)
                await pilot.pause(0.05)
                if frames:
                    latencies.append((frames[0] - start) * 1000)
            pressed.clear()
            await pilot.press(*["backspace"] * len(query))
            await pilot.pause()
    return latencies
