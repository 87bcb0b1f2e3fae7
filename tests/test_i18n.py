"""The gettext catalogs are complete, compile, and fall back to English when broken."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from te_navigator.models import i18n


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_message_is_translated(lang):
    po_path = i18n.locales_dir() / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    template_path = i18n.locales_dir() / f"{i18n.DOMAIN}.pot"
    with template_path.open("rb") as handle:
        template = read_po(handle)
    missing = [m.id for m in template if m.id and m.id not in catalog]
    assert not missing, f"{lang}: not in the catalog: {missing[:5]}"
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, f"{lang}: fuzzy: {message.id!r}"
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(s.strip() for s in strings), f"{lang}: untranslated: {message.id!r}"


def test_source_strings_are_all_in_the_template():
    """Every _() / N_() in the code is in the .pot, so a new string cannot slip past the check above."""
    from babel.messages.extract import extract_from_dir

    found = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(i18n.locales_dir().parent),
            method_map=[("tui/**.py", "python"), ("models/**.py", "python")],
            keywords={"_": None, "N_": None},
        )
    }
    template_path = i18n.locales_dir() / f"{i18n.DOMAIN}.pot"
    with template_path.open("rb") as handle:
        known = {m.id for m in read_po(handle)}
    assert not (found - known), sorted(found - known)[:5]


def test_switching_language():
    i18n.set_language("sv")
    assert i18n._("Search") == "Sök"
    i18n.set_language("fi")
    assert i18n._("Search") == "Haku"


def test_broken_catalog_falls_back_to_english(monkeypatch, tmp_path, caplog):
    broken = tmp_path / "locales"
    (broken / "fi" / "LC_MESSAGES").mkdir(parents=True)
    (broken / "fi" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po").write_bytes(b'msgid "Search"\nmsgstr "\xff\xfeHae"\n')
    monkeypatch.setattr(i18n, "locales_dir", lambda: broken)
    monkeypatch.setattr(i18n, "_translations", {})
    with caplog.at_level("WARNING"):
        assert i18n.translations("fi").gettext("Search") == "Search"
    assert "showing English" in caplog.text


def test_missing_catalog_falls_back_to_english(monkeypatch, tmp_path):
    monkeypatch.setattr(i18n, "locales_dir", lambda: tmp_path)
    monkeypatch.setattr(i18n, "_translations", {})
    assert i18n.translations("sv").gettext("Search") == "Search"


def test_edited_catalog_is_recompiled(monkeypatch, tmp_path):
    folder = tmp_path / "locales" / "sv" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / f"{i18n.DOMAIN}.po"
    monkeypatch.setattr(i18n, "locales_dir", lambda: tmp_path / "locales")
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Search"\nmsgstr "Sök"\n', "utf-8")
    monkeypatch.setattr(i18n, "_translations", {})
    assert i18n.translations("sv").gettext("Search") == "Sök"
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Search"\nmsgstr "Leta"\n', "utf-8")
    monkeypatch.setattr(i18n, "_translations", {})
    assert i18n.translations("sv").gettext("Search") == "Leta"


@pytest.mark.parametrize("value, expected", [("sv_FI.UTF-8", "sv"), ("fi_FI.UTF-8", "fi"), ("en_US", "fi"), ("", "fi")])
def test_language_from_lang(value, expected):
    assert i18n.language_from_environment({"LANG": value}) == expected
