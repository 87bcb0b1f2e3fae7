"""UI translations: gettext catalogs compiled from locales/*.po into a cache, so they can never be stale.

The .po files are the only source. A compiled .mo is named by the hash of its .po, so an edited .po gets a
new .mo on the next start; a missing or broken catalog falls back to the English msgids with a warning.
"""

from __future__ import annotations

import gettext as _gettext
import logging
import os
import zlib
from collections.abc import Mapping
from pathlib import Path

log = logging.getLogger(__name__)

DOMAIN = "te_navigator"
SUPPORTED = ("fi", "sv")
DEFAULT_LANGUAGE = "fi"

_translations: dict[str, _gettext.NullTranslations] = {}
_current = DEFAULT_LANGUAGE


def locales_dir() -> Path:
    # Beside this package's folder, as models/seed_files.py finds seed/ (importlib.resources imports zipfile).
    return Path(__file__).resolve().parent.parent / "locales"


def cache_dir() -> Path:
    override = os.environ.get("TE_NAVIGATOR_CACHE")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("te-navigator"))


def _compile(po_path: Path, mo_path: Path) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=po_path.parent.parent.name, domain=DOMAIN, abort_invalid=True)
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = mo_path.with_suffix(".tmp")
    with tmp.open("wb") as mo_file:
        write_mo(mo_file, catalog, use_fuzzy=False)
    tmp.replace(mo_path)


def compiled_catalog(lang: str) -> Path:
    """The .mo for `lang`, compiled now if the .po changed since the last compile."""
    po_path = locales_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    # A checksum is enough to tell an edited .po; hashlib would be an import of its own before the first paint.
    content = po_path.read_bytes()
    digest = f"{zlib.crc32(content):08x}{len(content):x}"
    mo_path = cache_dir() / "locales" / lang / f"{DOMAIN}-{digest}.mo"
    if not mo_path.exists():
        _compile(po_path, mo_path)
    return mo_path


def translations(lang: str) -> _gettext.NullTranslations:
    if lang not in _translations:
        try:
            with compiled_catalog(lang).open("rb") as mo_file:
                _translations[lang] = _gettext.GNUTranslations(mo_file)
        except Exception as error:  # noqa: BLE001 - any broken or missing catalog: English text, never a crash
            log.warning("translations for %r unavailable, showing English: %s", lang, error)
            _translations[lang] = _gettext.NullTranslations()
    return _translations[lang]


def set_language(lang: str) -> None:
    global _current  # noqa: PLW0603 - the one process-wide language, set before any text is made
    if lang not in SUPPORTED:
        raise ValueError(lang)
    _current = lang


def current_language() -> str:
    return _current


def _(message: str) -> str:
    return translations(_current).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return translations(_current).ngettext(singular, plural, count)


def gettext_for(lang: str):
    """A gettext function for one language whatever the current one is (side-by-side views)."""
    return translations(lang).gettext


def N_(message: str) -> str:
    """Marks a string for extraction; it is translated where it is shown."""
    return message


def language_from_environment(environ: dict[str, str] | None = None) -> str:
    """LANG (or LC_ALL / LC_MESSAGES) starting with sv means Swedish; anything else Finnish."""
    variables: Mapping[str, str] = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = variables.get(variable, "")
        if value:
            return "sv" if value.lower().startswith("sv") else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE
