"""The user's settings file (language, theme), in the user config directory."""

from __future__ import annotations

import json
import os
from pathlib import Path

THEMES = ("dark", "light", "high-contrast")
TOUR_ANSWERS = ("taken", "skipped")  # the first-day tour, once offered and answered
DEFAULTS = {"language": None, "theme": "dark", "staff_id": None, "tour": None}


def config_path() -> Path:
    override = os.environ.get("TE_NAVIGATOR_CONFIG")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("te-navigator")) / "config.toml"


def load() -> dict:
    """Settings with defaults; an unreadable or broken file counts as empty rather than stopping the app."""
    settings = dict(DEFAULTS)
    try:
        text = config_path().read_text(encoding="utf-8")
    except (OSError, ValueError):
        return settings
    import tomllib  # only when there is a file: a first start has none, and the app's start waits for imports

    try:
        data = tomllib.loads(text)
    except ValueError:
        return settings
    if data.get("language") in ("fi", "sv"):
        settings["language"] = data["language"]
    if data.get("theme") in THEMES:
        settings["theme"] = data["theme"]
    if data.get("tour") in TOUR_ANSWERS:
        settings["tour"] = data["tour"]
    if isinstance(data.get("staff_id"), str) and data["staff_id"].strip():
        settings["staff_id"] = data["staff_id"].strip()
    return settings


def save(**changes: str) -> None:
    settings = load() | changes
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in settings.items() if value is not None]
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)
