"""Throws malformed command lines at te-navigator and counts tracebacks, hangs and unexpected errors (goal: 0, 0, 0).

    python benchmarks/fuzz.py [--cases 3000] [--exec-cases 200] [--seed 11] [--timeout 20]

Each case is one command line built from every command and option (practice, sync and changes included) with
broken values: impossible and absurd dates, huge and negative numbers, NaN, non-UTF-8 bytes and lone surrogates,
control characters, personal identity codes, broken answers, costs and paid files (binary, deeply nested, NaN,
exponents far out, the wrong shape), broken catalogue folders for `catalogue validate` (NaN and negative figures,
broken practice cases and glossary links, a binary file, a FIFO), hostile stores and practice stores (a folder, a
FIFO, garbage, another program's SQLite file, a store missing a table, the real store, a WAL file, a dangling
link, unknown URL schemes), and now and then a hostile environment (a staff id holding an identity code or
control characters, a FIFO, folder or binary file as the config file).

Most cases run the installed entry point (`te_navigator.tui.cli.main:main`, what the `te-navigator` script
calls) in a forked child with the package already imported, so thousands fit in minutes on two cores;
`--exec-cases` more run the installed `te-navigator` executable itself, bytes and all. A case counts as
  traceback  – "Traceback" on stderr or an exit status other than 0 or 1;
  hang       – still running after --timeout seconds (killed);
  unexpected – the one-line "unexpected error … errors.log" message (clean, but a bug to fix).
"""

from __future__ import annotations

import argparse
import json
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

from te_navigator.tui.cli.main import main as entry_point
from te_navigator.models.store import Store

COMMANDS = [
    ["search"],
    ["show"],
    ["facts"],
    ["costs"],
    ["assess"],
    ["assessments", "list"],
    ["assessments", "show"],
    ["assessments", "export"],
    ["pathways", "list"],
    ["pathways", "show"],
    ["refer"],
    ["followups"],
    ["handout"],
    ["purge"],
    ["catalogue", "validate"],
    ["catalogue", "export"],
    ["sync"],
    ["changes"],
    ["practice", "results"],
    ["practice", "list"],
    ["practice", "show"],
    ["practice"],
    ["serach"],
    ["assessments"],
    ["--lang", "xx"],
]
OPTIONS = [
    "--lang",
    "--limit",
    "--json",
    "--total",
    "--prep",
    "--actual",
    "--settle",
    "--inputs",
    "--template",
    "--answers",
    "--since",
    "--until",
    "--version",
    "--date",
    "--due",
    "--registered-on",
    "--note",
    "--status",
    "--older-than",
    "--today",
    "--format",
    "--out",
    "--force",
    "--municipality",
    "--db",
    "--practice-db",
    "--with",
    "--mine",
    "-h",
]
WORDS = [
    "fi",
    "sv",
    "tier3-jobseeker",
    "tier1-area",
    "challenging-position",
    "work-ability-coordinator",
    "initial-phase",
    "POR-2026-5",
    "palkkatuki",
    "porvoo",
    "md",
    "html",
    "done",
    "started",
    "planned",
]
BAD_DATES = [
    "9999-12-31",
    "0001-01-01",
    "1899-12-31",
    "2101-01-01",
    "2026-02-30",
    "2026-13-01",
    "20260101",
    "2026-1-1",
    "tomorrow",
    "",
    " ",
    "2026-03-09T10:00",
    "+2026-03-09",
    "２０２６-03-09",
]
BAD_NUMBERS = [
    "-1",
    "0",
    "99999999999999999999999",
    "1e999",
    "-1e999",
    "nan",
    "NaN",
    "inf",
    "-0",
    "1_000",
    "0x10",
    "٣",
    "1,5",
    "1.5",
    "",
    " ",
    "9" * 5000,
    "1e-999",
    "Infinity",
    "00",
    "+5",
]
BAD_TEXT = [
    "131052-308T",
    "K131052-308T",
    "131052 308T",
    "131052\u2013308T",
    "131052y308t",
    "\u0000",
    "\x1b[31mred",
    "\ud800",
    "a" * 10000,
    "'; DROP TABLE assessment; --",
    "../../etc/passwd",
    "%s%n",
    "{value}",
    "{0!r:>99999999}",
    "\u202eevil",
    "ä" * 41,
    "-",
    "--",
    "=",
    "\n",
    "\t",
    "🙂" * 50,
]


MUNICIPALITIES = ("askola", "lapinjarvi", "loviisa", "myrskyla", "porvoo", "pukkila")
CRITERIA_IDS = ("working_age", "unemployed", "foreign_language")
# Catalogue folders for `catalogue validate DIR`: one file of the shipped seed broken in a way that has broken
# the app before (a line replaced), or a file that is not TOML at all.
SEED_EDITS = [
    ("municipalities.toml", "staff_fte = 3.21", "staff_fte = nan"),
    ("municipalities.toml", "working_age_2021 = 2764", "working_age_2021 = -5"),
    ("municipalities.toml", "population_2022 = 4763", "population_2022 = 0"),
    ("municipalities.toml", "employment_rate_2021 = 78.5", "employment_rate_2021 = inf"),
    ("glossary.toml", 'id = "te"', 'id = "te"\nsee_also = ["no-such-term"]'),
    ("practice/01-youth-without-qualification.toml", "age = 19", "age = -19"),
    ("practice/01-youth-without-qualification.toml", "registered_on = 2026-11-16", "registered_on = 9999-11-16"),
    ("practice/01-youth-without-qualification.toml", 'pathway = "youth"', 'pathway = "nowhere"'),
    ("practice/01-youth-without-qualification.toml", "assessed_on = 2026-11-23", "assessed_on = 1066-10-14"),
    ("practice/01-youth-without-qualification.toml", 'services = ["', 'services = ["no-such-service", "'),
    ("practice/01-youth-without-qualification.toml", "[case.answers]", '[case.answers]\nnote = "131052-308T"'),
]


def make_seeds(root: Path) -> list[str]:
    from te_navigator.models.seed_files import shipped_seed_dir

    folders = []
    for number, (name, old, new) in enumerate(SEED_EDITS):
        seed = root / f"seed-{number}"
        shutil.copytree(shipped_seed_dir(), seed, ignore=shutil.ignore_patterns("__pycache__", "*.py", "*.json"))
        target = seed / name
        target.write_text(target.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        folders.append(str(seed))
    broken = root / "seed-binary"
    shutil.copytree(shipped_seed_dir(), broken, ignore=shutil.ignore_patterns("__pycache__", "*.py", "*.json"))
    (broken / "glossary.toml").write_bytes(os.urandom(2000))
    (broken / "practice" / "13-deep.toml").write_text("a = " + "[" * 5000 + "]" * 5000)
    os.mkfifo(broken / "services" / "fifo.toml")
    return [*folders, str(broken)]


# What the environment can hold: a staff id or a config file are free text too.
ENVIRONMENTS = [
    {},
    {"TE_NAVIGATOR_STAFF": "131052-308T"},
    {"TE_NAVIGATOR_STAFF": "\udcff\udcfe"},
    {"TE_NAVIGATOR_STAFF": "a\x1b[2Jb"},
    {"TE_NAVIGATOR_CONFIG": "{fifo}"},
    {"TE_NAVIGATOR_CONFIG": "{folder}"},
    {"TE_NAVIGATOR_CONFIG": "{binary}"},
    {"TE_NAVIGATOR_PRACTICE_DB": "{store}"},
    {"TE_NAVIGATOR_PRACTICE_DB": "{folder}"},
]


def make_files(root: Path, store_path: str) -> dict[str, list[str]]:
    """Broken inputs on disk: answers and costs files, hostile stores, hand-out targets."""
    files: dict[str, list[str]] = {"answers": [], "inputs": [], "db": [], "out": [], "practice": [], "seed": []}
    contents = {
        "binary.json": os.urandom(300),
        "empty.json": b"",
        "list.json": b"[1, 2, 3]",
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "nan.json": b'{"age": NaN, "registered_on": "9999-01-01"}',
        "latin1.json": '{"note": "café"}'.encode("latin-1"),
        "surrogate.json": b'{"note": "\\ud800"}',
        "hetu.json": b'{"note": "asiakas 131052-308T"}',
        "huge.json": b'{"age": 1' + b"0" * 4000 + b"}",
        "types.json": b'{"age": "x", "municipality": 5, "registered_on": [], "unknown": {}}',
        "nul.json": b'{"note": "a\\u0000b"}',
        "ok.json": b'{"age": 30}',
    }
    for name, data in contents.items():
        (root / name).write_bytes(data)
        files["answers"].append(str(root / name))
    figures = {
        "neg.json": {"working_age": {"askola": -5}},
        "nan.toml": "working_age = { askola = nan }",
        "huge.json": {
            "year": 2026,
            **{
                k: dict.fromkeys(("askola", "porvoo"), 10**30)
                for k in ("working_age", "unemployed", "foreign_language")
            },
        },
        "zero.json": {
            k: dict.fromkeys(("askola", "lapinjarvi", "loviisa", "myrskyla", "porvoo", "pukkila"), 0)
            for k in ("working_age", "unemployed", "foreign_language")
        },
        "deep.toml": "a = " + "[" * 50_000 + "]" * 50_000,
        "bad.toml": "= = =",
        "exponent.json": {k: dict.fromkeys(MUNICIPALITIES, "1e999999999") for k in CRITERIA_IDS},
        "tiny.json": {k: dict.fromkeys(MUNICIPALITIES, "1e-999999999") for k in CRITERIA_IDS},
        "year.json": {"year": "\u001b[2J" + "9" * 3000, **{k: dict.fromkeys(MUNICIPALITIES, 5) for k in CRITERIA_IDS}},
        "paid-int.json": {"paid": 5},
        "paid-list.json": {"paid": [[1]]},
        "paid-nested.json": {"askola": {"x": 1}, "porvoo": [1]},
        "paid-exponent.json": dict.fromkeys(MUNICIPALITIES, "1e999999999"),
        "strings.json": {k: dict.fromkeys(MUNICIPALITIES, "１２") for k in CRITERIA_IDS},
    }
    for name, data in figures.items():
        path = root / name
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
        files["inputs"].append(str(path))
    files["inputs"] += files["answers"][:4]
    folder = root / "a-folder"
    folder.mkdir()
    fifo = root / "a-fifo"
    os.mkfifo(fifo)
    garbage = root / "garbage.sqlite"
    garbage.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    foreign = root / "photos.sqlite"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, name TEXT)")
    connection.close()
    files["db"] = [
        str(folder),
        str(fifo),
        str(garbage),
        str(foreign),
        str(root / "no" / "such" / "dir" / "x.db"),
        "gopher://example.org/x",
        "postgresql://nobody@127.0.0.1:1/none",
        "mysql://x/y",
        "sqlite://",
        "sqlite:///" + str(folder),
        "://",
        "postgresql://h:notaport/x",
        str(root / "notes.txt"),
    ]
    (root / "notes.txt").write_text("not a database")
    files["practice"] = files["db"] + [
        store_path,
        store_path + "-wal",
        store_path + "-shm",
        str(root / "dangling-link.sqlite"),
        str(root / "practice" / "p.sqlite"),
        str(root / "practice-ok.sqlite"),
    ]
    os.symlink(root / "nowhere" / "target.sqlite", root / "dangling-link.sqlite")
    files["seed"] = make_seeds(root) + [str(folder), str(fifo), str(root / "notes.txt"), str(root / "none")]
    files["out"] = [
        str(folder),
        str(fifo),
        str(root / "notes.txt"),
        str(root / "new-handout.md"),
        str(root / "no" / "such" / "h.md"),
        "/dev/full",
        "/proc/version",
    ]
    return files


def environment_for(rng: random.Random, root: Path, store_path: str) -> dict[str, str]:
    """Mostly nothing added; now and then a hostile staff id, config file or practice store in the environment."""
    if rng.random() < 0.8:
        return {}
    places = {
        "fifo": str(root / "a-fifo"),
        "folder": str(root / "a-folder"),
        "binary": str(root / "binary.json"),
        "store": store_path,
    }
    return {name: value.format(**places) for name, value in rng.choice(ENVIRONMENTS).items()}


def one_case(rng: random.Random, files: dict[str, list[str]], store_path: str, broken_store: str) -> list[str]:
    argv = list(rng.choice(COMMANDS))
    for _ in range(rng.randint(0, 6)):
        roll = rng.random()
        if roll < 0.45:
            option = rng.choice(OPTIONS)
            argv.append(option)
            argv.append(value_for(option, rng, files))
        elif roll < 0.65:
            argv.append(rng.choice(WORDS + BAD_TEXT))
        elif roll < 0.72:
            argv.append(rng.choice(BAD_DATES + BAD_NUMBERS))
        elif roll < 0.8:
            argv.append(rng.choice(files["seed"] if argv[:2] == ["catalogue", "validate"] else WORDS))
        else:
            argv.append(rng.choice(OPTIONS))
    if "--db" not in argv:
        argv += ["--db", rng.choice([store_path] * 8 + [broken_store])]
    return argv


def value_for(option: str, rng: random.Random, files: dict[str, list[str]]) -> str:
    if option in ("--answers",):
        return rng.choice(files["answers"])
    if option in ("--inputs", "--settle"):
        return rng.choice(files["inputs"])
    if option == "--db":
        return rng.choice(files["db"])
    if option == "--out":
        return rng.choice(files["out"])
    if option == "--practice-db":
        return rng.choice(files["practice"])
    if option == "--with":
        return rng.choice(files["db"] + files["practice"])
    if option in ("--date", "--due", "--registered-on", "--since", "--until", "--today"):
        return rng.choice(BAD_DATES)
    if option in ("--limit", "--total", "--prep", "--actual", "--version", "--older-than"):
        return rng.choice(BAD_NUMBERS)
    return rng.choice(WORDS + BAD_TEXT + BAD_NUMBERS)


def run_forked(argv: list[str], timeout: float, scratch: Path, env: dict[str, str]) -> tuple[str, int, bytes]:
    """Runs the entry point in a forked child; returns (outcome, exit status, stderr)."""
    err_path = scratch / "stderr"
    pid = os.fork()
    if pid == 0:  # the child: stdin empty, stdout discarded, stderr to a file
        code = 70
        try:
            os.environ.update(env)
            devnull = os.open(os.devnull, os.O_RDWR)
            err = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(devnull, 0)
            os.dup2(devnull, 1)
            os.dup2(err, 2)
            try:
                code = entry_point(argv)
            except SystemExit as exited:
                code = exited.code if isinstance(exited.code, int) else 1
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001 - whatever escaped main: print it as the interpreter would
            import traceback

            traceback.print_exc()
            sys.stderr.flush()
            code = 70
        finally:
            os._exit(code)
    return _wait(pid, timeout, err_path)


def _wait(pid: int, timeout: float, err_path: Path) -> tuple[str, int, bytes]:
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return "hang", -9, b""
        time.sleep(0.005)
    code = os.waitstatus_to_exitcode(status)
    stderr = err_path.read_bytes() if err_path.exists() else b""
    return classify(code, stderr), code, stderr


def _as_bytes(argument: str) -> bytes:
    """The bytes the OS passes: undecodable bytes back as they were, a lone surrogate as its raw UTF-8 form."""
    try:
        return argument.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return argument.encode("utf-8", "surrogatepass")


def run_exec(executable: str, argv: list[str], timeout: float, env: dict) -> tuple[str, int, bytes]:
    arguments = [_as_bytes(a) for a in argv]
    try:
        done = subprocess.run(
            [executable.encode(), *arguments],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return "hang", -9, b""
    return classify(done.returncode, done.stderr), done.returncode, done.stderr


def classify(code: int, stderr: bytes) -> str:
    if b"Traceback (most recent call last)" in stderr or code not in (0, 1):
        return "traceback"
    if b"errors.log" in stderr:
        return "unexpected"
    return "clean"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--exec-cases", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--timeout", type=float, default=20.0)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    root = Path(tempfile.mkdtemp(prefix="te-fuzz-"))
    os.environ.update(
        {
            "TE_NAVIGATOR_STATE": str(root / "state"),
            "TE_NAVIGATOR_CONFIG": str(root / "config.toml"),
            "TE_NAVIGATOR_DB": str(root / "default.sqlite"),
        }
    )
    try:
        store_path = str(root / "store.sqlite")
        Store.open(f"sqlite:///{store_path}").close()
        broken_store = str(root / "missing-table.sqlite")
        shutil.copy(store_path, broken_store)
        with sqlite3.connect(broken_store) as connection:
            connection.execute("DROP TABLE referral")
        connection.close()
        files = make_files(root, store_path)
        tally: dict[str, int] = {"clean": 0, "unexpected": 0, "traceback": 0, "hang": 0}
        examples: dict[str, list] = {"unexpected": [], "traceback": [], "hang": []}
        started = time.monotonic()
        executable = shutil.which("te-navigator") or str(Path(sys.executable).with_name("te-navigator"))
        for number in range(options.cases + options.exec_cases):
            argv = one_case(rng, files, store_path, broken_store)
            env = environment_for(rng, root, store_path)
            if number >= options.cases:  # a real command line cannot carry a NUL byte: the OS refuses it
                argv = [a.replace("\x00", "") for a in argv]
            if number < options.cases:
                outcome, code, stderr = run_forked(argv, options.timeout, root, env)
            else:
                outcome, code, stderr = run_exec(executable, argv, options.timeout, {**os.environ, **env})
            tally[outcome] += 1
            seen = {(e[3][-160:]) for e in examples[outcome]} if outcome != "clean" else set()
            tail = stderr.decode("utf-8", "replace")[-800:][-160:]
            if outcome != "clean" and len(examples[outcome]) < 12 and tail not in seen:  # distinct ones
                examples[outcome].append((argv, env, code, stderr.decode("utf-8", "replace")[-800:]))
        elapsed = time.monotonic() - started
    finally:
        shutil.rmtree(root, ignore_errors=True)
    total = options.cases + options.exec_cases
    print(
        f"{total} malformed command lines ({options.cases} forked, {options.exec_cases} through the "
        f"installed executable) in {elapsed:.0f} s"
    )
    print(f"  clean one-line message or result: {tally['clean']}")
    print(f"  tracebacks:                       {tally['traceback']}   (goal 0)")
    print(f"  hangs (> {options.timeout:.0f} s, killed):          {tally['hang']}   (goal 0)")
    print(f"  unexpected errors (logged):       {tally['unexpected']}   (goal 0)")
    for outcome, cases in examples.items():
        for argv, env, code, stderr in cases:
            print(f"\n[{outcome}] exit {code}: {argv!r} {env or ''}\n{stderr}")
    return 0 if tally["traceback"] == tally["hang"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
