"""The one search: Finnish and Swedish as people type them, ranking, quality on the sample, bad input."""

from __future__ import annotations

import tomllib

import pytest

from benchmarks.search_quality import default_queries, evaluate
from te_navigator.models.search import damerau_at_most_one


@pytest.fixture(scope="module")
def searched(seeded_store_file):
    from te_navigator.models.store import Store

    store = Store.open(f"sqlite:///{seeded_store_file}")
    index, services = store.search_index(), store.services()
    store.close()
    return index, services


def ids(index, query, kind="service", limit=10):
    return [hit.id for hit in index.search(query, limit=limit) if hit.kind == kind]


def test_quality_on_the_caseworkers_sample(searched):
    index, services = searched
    queries = tomllib.loads(default_queries().read_text(encoding="utf-8"))["query"]
    result = evaluate(index, services, queries)
    assert result["recall@5"] >= 0.95, result["not_first"]
    assert result["mrr"] >= 0.85, result["not_first"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("palkkatukea", "palkkatuki"),
        ("palkkatuen", "palkkatuki"),
        ("lönesubventionen", "palkkatuki"),
        ("lonesubvention", "palkkatuki"),
        ("tyokokeilu", "tyokokeilu"),
        ("työkokeiluun", "tyokokeilu"),
        ("starttirahaa", "starttiraha"),
        ("startpeng", "starttiraha"),
        ("arbetsprovning", "tyokokeilu"),
        ("vuorotteluvapaalle", "vuorotteluvapaa"),
        ("alkuhaastatteluun", "alkuhaastattelu"),
        ("oppisopimukseen", "oppisopimus"),
        ("uravalmennukseen", "uravalmennus"),
    ],
)
def test_inflected_folded_and_other_language_forms_come_first(searched, query, expected):
    assert ids(searched[0], query)[0] == expected


def test_compound_parts(searched):
    found = ids(searched[0], "koulutus", limit=40)
    assert "tyovoimakoulutus" in found and "kotoutumiskoulutus" in found


def test_one_wrong_missing_extra_or_swapped_letter(searched):
    index = searched[0]
    for typo in ("palkatuki", "palkkattuki", "palkkatkui", "palkkatuko"):
        assert ids(index, typo)[0] == "palkkatuki", typo


def test_acronyms_and_glossary(searched):
    index = searched[0]
    assert ids(index, "POMA", kind="term")[0] == "poma"
    assert "tyonhakijan-palveluprosessi" in ids(index, "POMA")
    assert "typ" in ids(index, "TYP", kind="term")
    assert ids(index, "TE-live")[0] == "te-live"


def test_partners_are_found_in_both_languages(searched):
    index = searched[0]
    assert "kela" in ids(index, "FPA", kind="partner")
    assert "kela" in ids(index, "Kelan", kind="partner")


def test_name_ranks_above_description_and_exact_above_inflected(searched):
    index = searched[0]
    hits = index.search("palkkatuki", limit=10)
    assert (hits[0].kind, hits[0].id) in {("service", "palkkatuki"), ("term", "palkkatuki")}
    (exact,) = [m.how for m in hits[0].matches]
    assert exact == "exact"
    inflected = index.search("palkkatukea", limit=1)[0]
    assert inflected.score < hits[0].score and inflected.matches[0].how == "inflected"


def test_matched_form_is_shown(searched):
    hit = searched[0].search("palkkatukea", limit=1)[0]
    assert hit.matched_forms() == "palkkatukea → Palkkatuki"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "a",
        "ab",
        "x" * 10_000,
        '" * ( ) : - NEAR OR AND ^',
        "\x00\x1b[2J\x07",
        "palkka\ttuki\n",
        "💼",
        "-",
        "*tuki*",
        "NEAR(palkkatuki)",
    ],
)
def test_bad_input_never_fails(searched, query):
    hits = searched[0].search(query, limit=10)
    assert isinstance(hits, list) and len(hits) <= 10


def test_short_queries_match_starts_of_words_only(searched):
    index = searched[0]
    assert index.search("a") == [] or all(m.how == "exact" for h in index.search("a") for m in h.matches)
    assert all(m.how in ("exact", "prefix") for h in index.search("te") for m in h.matches)


def test_damerau():
    assert damerau_at_most_one("palkkatuki", "palkatuki")
    assert damerau_at_most_one("palkkatuki", "palkaktuki")
    assert not damerau_at_most_one("palkkatuki", "palkkaturva")
