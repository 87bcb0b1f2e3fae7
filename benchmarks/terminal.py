"""Running a program in a pseudo-terminal the way a user's terminal does, and watching what it draws.

Used by the start-up and scale benchmarks: they launch the installed `te-navigator` command (and a bare
Textual app for comparison) here, so what they time is what a user waits for.
"""

from __future__ import annotations

import atexit
import codecs
import contextlib
import fcntl
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

# Escape sequences: CSI (cursor moves, colours), OSC (titles, links) and the two-byte ones.
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|\x1b.")

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static


class Bare(App):
    def compose(self):
        yield Header()
        yield Static("Työn ja tekijän löytäminen")
        yield Footer()


Bare().run()
"""


def scratch_folder(prefix: str) -> Path:
    """A temporary folder for a benchmark's stores, removed when the benchmark ends (the big store is 60 MB)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def user_environment(folder: Path, **extra: str) -> dict[str, str]:
    """A user of their own: store, cache and settings in `folder`, plus `extra` variables."""
    # As a user's shell: bytecode caches written (an environment that forbids them recompiles every start)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TE_NAVIGATOR", "TEXTUAL", "PYTHONDONTWRITEBYTECODE"))
    }
    return dict(
        env,
        TE_NAVIGATOR_DB=str(folder / "store.sqlite"),
        TE_NAVIGATOR_CACHE=str(folder / "cache"),
        TE_NAVIGATOR_CONFIG=str(folder / "config.toml"),
        LANG="C.UTF-8",
        **extra,
    )


def installed_command() -> str:
    """The `te-navigator` console script installed beside this Python (a venv's bin/), else the one on PATH."""
    beside = Path(sys.executable).with_name("te-navigator")
    found = str(beside) if beside.exists() else shutil.which("te-navigator")
    if not found:
        raise SystemExit("te-navigator is not installed: pip install -e . first")
    return found


def bare_app_command(folder: Path) -> list[str]:
    script = folder / "bare_app.py"
    script.write_text(BARE_APP, encoding="utf-8")
    return [sys.executable, str(script)]


class Terminal:
    """One program in a pty of `columns`×`rows`; `chunks` holds (arrival time, text) of everything it wrote."""

    def __init__(self, argv: list[str], env: dict[str, str], columns: int = 100, rows: int = 30):
        self.columns, self.rows = columns, rows
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.master = master
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.chunks: list[tuple[float, str]] = []
        self.plain = ""  # everything written, without escape sequences
        self._pending = ""
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=dict(env, TERM="xterm-256color", COLORTERM="truecolor"),
            preexec_fn=_own_terminal,  # noqa: PLW1509 - the benchmarks start no threads
            close_fds=True,
        )
        os.close(slave)

    def read(self, timeout: float) -> bool:
        """Reads what arrives within `timeout` seconds; False when nothing came (or the program ended)."""
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return False
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:
            return False
        if not data:
            return False
        text = self.decoder.decode(data)
        self.chunks.append((time.perf_counter(), text))
        # An escape sequence cut at the chunk's end waits for its rest before the text is stripped.
        pending = self._pending + text
        cut = pending.rfind("\x1b")
        whole = ESCAPES.match(pending, cut) if cut != -1 else None
        if cut != -1 and (whole is None or whole.end() == len(pending)):
            pending, self._pending = pending[:cut], pending[cut:]
        else:
            self._pending = ""
        self.plain += ESCAPES.sub("", pending)
        return True

    def wait_for_text(self, needle: str, timeout: float = 60.0) -> float:
        """Seconds from launch until `needle` was drawn."""
        deadline = time.perf_counter() + timeout
        while needle not in self.plain:
            if time.perf_counter() > deadline or self.process.poll() is not None:
                tail = self.plain[-600:]
                self.close()
                raise SystemExit(f"{needle!r} never appeared on the terminal; it showed: …{tail!r}")
            self.read(0.05)
        return self.chunks[-1][0] - self.started

    def drain(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.read(end - time.perf_counter())

    def type(self, keys: str) -> float:
        os.write(self.master, keys.encode())
        return time.perf_counter()

    def peak_rss_mib(self) -> float:
        """The program's peak resident memory so far (VmHWM)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kib = int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE).group(1))
        return kib / 1024

    def cpu_seconds(self) -> float:
        """CPU time the program has used so far, all its threads (scheduler's nanoseconds, not 10 ms ticks)."""
        total = 0
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            with contextlib.suppress(OSError, ValueError, IndexError):
                total += int((task / "schedstat").read_text().split()[0])
        return total / 1e9

    def wait_until_idle(self, timeout: float = 60.0, window: float = 0.5, busy: float = 0.05) -> None:
        """Reads on until the program used under `busy` of a core for `window` seconds (its start-up work done)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            used = self.cpu_seconds()
            self.drain(window)
            if self.cpu_seconds() - used < busy * window:
                return

    def close(self, grace: float = 5.0) -> None:
        """Ctrl+Q as a user quits; a program that does not go in `grace` seconds is killed."""
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                os.write(self.master, b"\x11")
            end = time.perf_counter() + grace
            while self.process.poll() is None and time.perf_counter() < end:
                self.read(0.05)
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGKILL)
                self.process.wait()
        os.close(self.master)


def _own_terminal() -> None:
    """In the child: a session of its own with the pty as its controlling terminal, as a terminal window gives."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Screen:
    """What the terminal shows, replayed from a program's output (pyte emulates the terminal)."""

    def __init__(self, columns: int, rows: int):
        import pyte

        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.Stream(self.screen)

    def feed(self, text: str) -> None:
        self.stream.feed(text)

    def region(self, left: int, right: int, top: int = 0, bottom: int | None = None) -> tuple[str, ...]:
        lines = self.screen.display[top:bottom]
        return tuple(line[left:right] for line in lines)
