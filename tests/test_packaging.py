"""A plain `pip install .` carries every catalogue, translation and help file the app reads."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_package_data_covers_every_data_file():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    packages = set(config["packages"])
    covered: set[Path] = set()
    for package, patterns in config["package-data"].items():
        folder = REPO / package.removeprefix("te_navigator.").replace(".", "/")
        for pattern in patterns:
            covered |= set(folder.glob(pattern))
    data_files = [
        path
        for folder in ("seed", "locales", "tui", "models")
        for path in (REPO / folder).rglob("*")
        if path.is_file() and path.suffix in {".toml", ".po", ".pot", ".md", ".tcss", ".mako"}
    ]
    missing = sorted(str(path.relative_to(REPO)) for path in data_files if path not in covered)
    assert not missing, f"not installed by pip: {missing}"
    python_folders = {path.parent for folder in ("tui", "models") for path in (REPO / folder).rglob("*.py")}
    for folder in python_folders:
        assert ".".join(("te_navigator", *folder.relative_to(REPO).parts)) in packages, folder


def test_only_one_top_level_package_is_installed():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert {package.split(".")[0] for package in config["packages"]} == {"te_navigator"}
    assert config["package-dir"] == {"te_navigator": "."}
