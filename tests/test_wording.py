"""Swedish and Finnish wording as Finnish authorities write it (issue 9 point 3), in the catalogue and the UI."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from te_navigator.models.catalogue import load_catalogue
from te_navigator.models.i18n import gettext_for, locales_dir


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def _texts(value, lang: str):
    """Every text of `lang` in an entry: values under an `sv`/`fi` key, in nested tables and lists too."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == lang:
                yield from (item if isinstance(item, list) else [item])
            else:
                yield from _texts(item, lang)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item, lang)


def _catalogue_texts(catalogue, lang: str) -> list[tuple[str, str]]:
    found = [
        (f"{kind}:{entry.get('id')}", text)
        for kind, entries in catalogue.entries.items()
        for entry in entries
        for text in _texts(entry, lang)
    ]
    found += [(f"table:{key}", text) for key, table in catalogue.tables.items() for text in _texts(table, lang)]
    return found


def _messages(lang: str):
    with (locales_dir() / lang / "LC_MESSAGES" / "te_navigator.po").open("rb") as po_file:
        return [message for message in read_po(po_file, locale=lang) if message.id]


def _strings(value) -> list[str]:
    return list(value) if isinstance(value, tuple) else [value]


def test_no_swedish_text_says_an_for_te(catalogue):
    offending = [(where, text) for where, text in _catalogue_texts(catalogue, "sv") if re.search(r"\bAN\b|\bAN-", text)]
    offending += [
        ("ui", text) for message in _messages("sv") for text in _strings(message.string) if re.search(r"\bAN-", text)
    ]
    assert offending == []
    services = {term["id"]: term for term in catalogue.entries["term"]}
    assert services["te-palvelut"]["term"]["sv"] == "TE-tjänster"
    assert services["te-toimisto"]["term"]["sv"] == "TE-byrå"


def test_swedish_counts_vardagar_not_arbetsdagar(catalogue):
    assert not [text for _where, text in _catalogue_texts(catalogue, "sv") if "arbetsdag" in text]
    interview = catalogue.by_id("service")["alkuhaastattelu"]
    assert "tio vardagar" in interview["description"]["sv"] and "fem vardagar" in interview["description"]["sv"]


def test_official_swedish_names(catalogue):
    assert catalogue.by_id("service")["asiantuntija-arviointi"]["name"]["sv"] == "Sakkunnigbedömning"
    poma = catalogue.by_id("term")["poma"]
    assert poma["expansion"] == {
        "fi": "Pohjoismainen työvoimapalvelumalli",
        "sv": "den nordiska modellen för arbetskraftsservice",
    }
    assert not [text for _where, text in _catalogue_texts(catalogue, "sv") if "KEHA-centret" in text]
    deadline_laws = " ".join(d["legal_source"] for d in catalogue.entries["deadline"])
    assert "työnhakumalli" not in deadline_laws and "työvoimapalvelumalli" in deadline_laws


def test_one_swedish_word_for_abolished(catalogue):
    swedish_ui = [text for message in _messages("sv") for text in _strings(message.string)]
    assert not [text for text in swedish_ui if "indrag" in text]
    assert gettext_for("sv")("abolished {date}").startswith("avskaffad")
    assert not [text for _where, text in _catalogue_texts(catalogue, "sv") if "indrag" in text]


def test_the_assessment_state_is_status_in_swedish():
    assert gettext_for("sv")("State") == "Status"


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_plurals_go_through_ngettext(lang):
    """No "(s)", "(a)" or similar: a count's noun agrees with it through ngettext's plural forms."""
    glued = re.compile(r"\w\((s|a|er|ar|n|t)\)")
    offending = [
        text
        for message in _messages(lang)
        for text in _strings(message.id) + _strings(message.string)
        if glued.search(text)
    ]
    assert offending == []


def test_a_plural_message_agrees_with_its_count(monkeypatch):
    from te_navigator.models import i18n

    i18n.set_language("sv")
    assert (
        i18n.ngettext("The answers have {count} problem.", "The answers have {count} problems.", 1)
        == "Svaren har {count} problem."
    )
    i18n.set_language("fi")
    assert (
        i18n.ngettext("The catalogue has {count} problem:", "The catalogue has {count} problems:", 2).format(count=2)
        == "Palveluluettelossa on 2 ongelmaa:"
    )
