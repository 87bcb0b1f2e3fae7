"""The user's settings file (language, theme), in the user config directory.

It is read only when it is a small regular file (a FIFO would block every command, a device never end) and
written only over a settings file: whatever else the path names (the store, a folder, another program's file)
is left as it is."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from te_navigator.models.errors import UserFacingError

THEMES = ("dark", "light", "high-contrast")
TOUR_ANSWERS = ("taken", "skipped")  # the first-day tour, once offered and answered
DEFAULTS = {"language": None, "theme": "dark", "staff_id": None, "tour": None}
MAX_BYTES = 64 * 1024  # a few settings; anything bigger is not this file


class SettingsNotSaved(UserFacingError):
    """The settings file could not be written; the message names it and why, already translated."""


def config_path() -> Path:
    override = os.environ.get("TE_NAVIGATOR_CONFIG")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("te-navigator")) / "config.toml"


def load() -> dict:
    """Settings with defaults; an unreadable or broken file counts as empty rather than stopping the app."""
    settings = dict(DEFAULTS)
    data = _read(config_path())
    if data is None:
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


def _read_text(path: Path) -> str | None:
    """The file's text when it is a small regular UTF-8 file, else None; never blocks."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        return os.read(descriptor, MAX_BYTES + 1).decode("utf-8")
    except (OSError, ValueError):
        return None
    finally:
        os.close(descriptor)


def _read(path: Path) -> dict | None:
    text = _read_text(path)
    if text is None:
        return None
    import tomllib  # only when there is a file: a first start has none, and the app's start waits for imports

    try:
        return tomllib.loads(text)
    except (ValueError, RecursionError):
        return None


def save(**changes: str) -> None:
    """Writes the settings through a temporary file and a rename; SettingsNotSaved when the path holds something
    that is not a settings file, or cannot be written."""
    from te_navigator.models.i18n import _

    settings = load() | changes
    path = config_path()
    if os.path.lexists(path) and _read(path) is None:
        raise SettingsNotSaved(
            _("The settings were not saved: {path} is not a settings file, so it was left as it is.").format(path=path)
        )
    lines = [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in settings.items() if value is not None]
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)  # never written through: a link left there is removed, not followed
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
        tmp.replace(path)
    except (OSError, UnicodeError) as error:
        raise SettingsNotSaved(
            _("The settings were not saved in {path}: {reason}").format(
                path=path, reason=getattr(error, "strerror", None) or error
            )
        ) from None
