"""The very first start: the service map is painted from the catalogue shipped with seed/ while the store is
created behind it, and what the user types meanwhile is acted on."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading

from te_navigator.models.shipped_catalogue import FILE_NAME, read_shipped
from te_navigator.models.store import Store
from tests.apphelpers import make_app, option_texts, settle, static_text, wait_for

SMALL = (80, 24)


def test_shipped_catalogue_is_what_seed_gives(seeded_store_file):
    shipped = read_shipped()
    assert shipped is not None, (
        f"seed/{FILE_NAME} is missing or was made from another seed/: "
        "run `python -m te_navigator.models.shipped_catalogue` and commit it"
    )
    store = Store.open(f"sqlite:///{seeded_store_file}")  # created from seed/ for the tests
    try:
        exported = json.loads(json.dumps(store.export(), ensure_ascii=False, default=str))
    finally:
        store.close()
    assert shipped == exported, (
        f"seed/{FILE_NAME} is not what seed/ gives: run `python -m te_navigator.models.shipped_catalogue`"
    )


def test_shipped_catalogue_from_another_seed_is_not_shown(tmp_path, monkeypatch):
    from te_navigator.models import shipped_catalogue

    seed = tmp_path / "seed"
    seed.mkdir()
    (seed / FILE_NAME).write_text(shipped_catalogue.shipped_path().read_text(encoding="utf-8"), encoding="utf-8")
    (seed / "groups.toml").write_text("[[group]]\n", encoding="utf-8")
    monkeypatch.setattr(shipped_catalogue, "shipped_seed_dir", lambda: seed)
    assert read_shipped() is None


async def test_first_start_paints_before_the_store_exists_and_keeps_the_keys(seeded_store_file, tmp_path, monkeypatch):
    store_file = tmp_path / "new.sqlite"
    release = threading.Event()
    real_open = Store.open.__func__

    def held_open(cls, url, seed_dir=None):
        release.wait(30)  # the store is "still being created" until the test has looked
        shutil.copy(seeded_store_file, store_file)  # as creating it from seed/ would leave it, in less time
        return real_open(cls, url, seed_dir)

    monkeypatch.setattr(Store, "open", classmethod(held_open))
    app = make_app(f"sqlite:///{store_file}")
    async with app.run_test(size=SMALL) as pilot:
        await wait_for(pilot, lambda: option_texts(app, "#groups"), "the service map")
        assert option_texts(app, "#groups")[0] == "Työn ja tekijän löytäminen"
        await wait_for(
            pilot,
            lambda: static_text(app, "#detail-title") == "Työllistymissuunnitelma",
            "the first service's detail, a frame after the list",
        )
        assert app.store is None and not store_file.exists()
        await pilot.press("slash", *"palkkatukea")  # typed while the store is being created
        release.set()
        await settle(pilot)
        assert app.store is not None and store_file.exists()
        results = option_texts(app, "#services")
        assert results[0].startswith("Palkkatuki")
        await wait_for(pilot, lambda: static_text(app, "#detail-title") == "Palkkatuki", "the detail of Palkkatuki")


def test_the_app_starts_without_importing_what_its_first_paint_does_not_need(tmp_path):
    """Up to the moment the app runs: no ORM, no validation, no TOML reader, no command-line parser."""
    code = (
        "import sys\n"
        "from te_navigator.tui import app\n"
        "app.TeNavigatorApp.run = lambda self, *args, **kwargs: None\n"
        "from te_navigator.tui.cli.main import main\n"
        "main(['--db', sys.argv[1]])\n"
        "heavy = ('sqlalchemy', 'sqlmodel', 'pydantic', 'tomllib', 'babel', 'te_navigator.tui.cli.parser',\n"
        "         'te_navigator.models.store', 'te_navigator.models.catalogue')\n"
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "store.sqlite")], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_db_and_lang_alone_open_the_app_without_the_parser():
    from te_navigator.tui.cli.main import app_arguments

    assert vars(app_arguments([])) == {"command": None, "db": None, "lang": None}
    assert vars(app_arguments(["--db", "x.sqlite", "--lang=sv"])) == {"command": None, "db": "x.sqlite", "lang": "sv"}
    for argv in (["search", "x"], ["--db"], ["--db", "--lang", "sv"], ["--help"], ["--version"], ["--da", "x"]):
        assert app_arguments(argv) is None, argv


def test_the_garbage_collector_waits_for_the_first_frame_and_then_runs_again(seeded_store_file):
    """Paused while the app starts (a collection would walk the growing heap again and again), never left off."""
    code = (
        "import gc, sys\n"
        "from te_navigator.tui import app\n"
        "seen = []\n"
        "ready = app.TeNavigatorApp.on_ready\n"
        "def on_ready(self):\n"
        "    seen.append(gc.isenabled())\n"
        "    ready(self)\n"
        "    seen.append(gc.isenabled())\n"
        "    self.exit()\n"
        "app.TeNavigatorApp.on_ready = on_ready\n"
        "run = app.TeNavigatorApp.run\n"
        "app.TeNavigatorApp.run = lambda self, *args, **kwargs: run(self, headless=True)\n"
        "from te_navigator.tui.cli.main import main\n"
        "main(['--db', sys.argv[1]])\n"
        "print(seen, gc.isenabled())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, f"sqlite:///{seeded_store_file}"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[False, True] True"
