"""One search for the app, the command palette and the command line, over both languages at once.

A query word matches an indexed word form in one of these ways, best first:
exact (after folding ä→a, ö→o, å→a) › inflected (the two share a stem and differ only in short endings, so
"palkkatukea" and "palkkatuen" find "palkkatuki") › prefix ("lönesub") › compound part ("koulutus" inside
"työvoimakoulutus") › fuzzy (one letter wrong, missing, extra or swapped, in words of 5 or more letters).
A match in a name counts more than one in a keyword, and that more than one in a description.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from collections.abc import Iterable

from te_navigator.models.text import fold, words

# How much a match in each field counts.
FIELD_WEIGHTS = {"name": 1.0, "keyword": 0.7, "expansion": 0.75, "description": 0.3}
# How good each way of matching is.
MATCH_SCORES = {"exact": 1.0, "inflected": 0.88, "prefix": 0.75, "part": 0.6, "fuzzy": 0.5}
INFLECTION_PENALTY = 0.03  # per letter the query and the indexed form drop to reach their shared stem
MAX_QUERY_WORDS = 12
MAX_WORD_LENGTH = 60
LONGEST_ENDING = 6  # the longest case ending (and possessive) a query word may carry: "-ksemme"
LONGEST_INDEXED_ENDING = 3  # how much an indexed form may differ from the shared stem
MIN_STEM = 4
# Words that join names; they match only when a query has nothing else.
FILLER_WORDS = frozenset({"ja", "och", "tai", "eller", "i", "for", "av", "med", "ml", "tms"})


@dataclass(frozen=True)
class IndexRow:
    kind: str
    entity_id: str
    field: str
    lang: str
    token: str
    surface: str
    weight: float


@dataclass
class Match:
    query: str
    surface: str
    how: str


@dataclass
class Hit:
    kind: str
    id: str
    name: dict[str, str]
    score: float
    matches: list[Match] = field(default_factory=list)

    def matched_forms(self) -> str:
        """E.g. "palkkatukea → Palkkatuki" for what differs from what was typed."""
        shown = [f"{m.query} → {m.surface}" for m in self.matches if fold(m.query) != fold(m.surface)]
        return ", ".join(shown)


def index_rows(kind: str, entity_id: str, texts: Iterable[tuple[str, str, str]]) -> list[IndexRow]:
    """Rows for one entry; `texts` gives (field, lang, text)."""
    rows: dict[tuple[str, str, str], IndexRow] = {}
    for field_name, lang, text in texts:
        weight = FIELD_WEIGHTS[field_name]
        for surface in words(text):
            token = fold(surface)
            key = (field_name, lang, token)
            if key not in rows:
                rows[key] = IndexRow(kind, entity_id, field_name, lang, token, surface, weight)
    return list(rows.values())


def damerau_at_most_one(a: str, b: str) -> bool:
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class SearchIndex:
    """In-memory structures over the indexed word forms; built once, then queried many times."""

    def __init__(self, rows: Iterable[IndexRow], names: dict[tuple[str, str], dict[str, str]]):
        self.names = names
        self.docs: list[tuple[str, str]] = list(names)
        doc_number = {doc: number for number, doc in enumerate(self.docs)}
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self.surface: dict[str, str] = {}
        self.name_length = [1] * len(self.docs)
        name_tokens: dict[int, set[str]] = defaultdict(set)
        for row in rows:
            number = doc_number.get((row.kind, row.entity_id))
            if number is None:
                continue
            self.postings[row.token].append((number, row.weight))
            if row.token not in self.surface or row.field == "name":
                self.surface.setdefault(row.token, row.surface)
            if row.field == "name":
                name_tokens[number].add(row.token)
        for number, names_seen in name_tokens.items():
            self.name_length[number] = max(1, len(names_seen) // 2 or 1)
        self.vocabulary = sorted(self.postings)
        self._build_lookup_tables()

    def _build_lookup_tables(self) -> None:
        self.stems: dict[str, set[str]] = defaultdict(set)
        self.deletes: dict[str, set[str]] = defaultdict(set)
        for token in self.vocabulary:
            for cut in range(LONGEST_INDEXED_ENDING + 1):
                stem = token[: len(token) - cut]
                if len(stem) >= MIN_STEM:
                    self.stems[stem].add(token)
            if len(token) >= 4:
                for deleted in _deletions(token):
                    self.deletes[deleted].add(token)
        self.joined = "\n" + "\n".join(self.vocabulary) + "\n"
        self.starts = []
        offset = 1
        for token in self.vocabulary:
            self.starts.append(offset)
            offset += len(token) + 1

    # --- stored ready to use (models/catalogue_cache.py) ----------------------------------------------------

    def state(self) -> dict:
        """Everything built, as plain types that `marshal` writes and reads back in milliseconds."""
        return {
            "names": self.names,
            "docs": self.docs,
            "postings": dict(self.postings),
            "surface": self.surface,
            "name_length": self.name_length,
            "vocabulary": self.vocabulary,
            "joined": self.joined,
            "starts": self.starts,
            "stems": {stem: tuple(tokens) for stem, tokens in self.stems.items()},
            "deletes": {deleted: tuple(tokens) for deleted, tokens in self.deletes.items()},
        }

    @classmethod
    def from_state(cls, state: dict) -> SearchIndex:
        index = cls.__new__(cls)
        index.__dict__.update(state)
        return index

    # --- matching one query word -------------------------------------------------------------------------

    def _containing(self, part: str) -> Iterable[tuple[str, int]]:
        """Indexed tokens containing `part`, with the position where it starts."""
        position = self.joined.find(part)
        while position != -1:
            number = bisect.bisect_right(self.starts, position) - 1
            token = self.vocabulary[number]
            yield token, position - self.starts[number]
            position = self.joined.find(part, position + 1)

    def match_word(self, word: str) -> dict[str, tuple[float, str]]:
        """Indexed token → (score, how) for how it matches `word` (already folded)."""
        found: dict[str, tuple[float, str]] = {}

        def note(token: str, how: str, score: float | None = None) -> None:
            score = MATCH_SCORES[how] if score is None else score
            if token not in found or score > found[token][0]:
                found[token] = (score, how)

        if word in self.postings:
            note(word, "exact")
        if len(word) < 2:
            return found
        if len(word) == 2:
            for token, start in self._containing(word):
                if start == 0:
                    note(token, "prefix")
            return found
        min_stem = max(MIN_STEM, (len(word) * 3 + 4) // 5)
        for cut in range(LONGEST_ENDING + 1):
            stem = word[: len(word) - cut]
            if len(stem) < min_stem:
                break
            for token in self.stems.get(stem, ()):
                # The more both words lose to reach the shared stem, the less sure the match.
                dropped = cut + len(token) - len(stem)
                note(token, "inflected", MATCH_SCORES["inflected"] - INFLECTION_PENALTY * dropped)
        for token, start in self._containing(word):
            note(token, "prefix" if start == 0 else "part")
        for cut in range(1, LONGEST_ENDING - 1):
            stem = word[: len(word) - cut]
            if len(stem) < max(6, min_stem):
                break
            for token, start in self._containing(stem):
                if start > 0 and len(token) - start - len(stem) <= LONGEST_INDEXED_ENDING:
                    note(token, "part")
        if len(word) >= 5:
            candidates = set(self.deletes.get(word, ()))
            for deleted in _deletions(word):
                if deleted in self.postings:
                    candidates.add(deleted)
                candidates.update(self.deletes.get(deleted, ()))
            for token in candidates:
                if token not in found and len(token) >= 5 and damerau_at_most_one(word, token):
                    note(token, "fuzzy")
        return found

    # --- whole queries -----------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        query_words = _query_words(query)
        if not query_words:
            return []
        per_doc: dict[int, dict[int, tuple[float, str, str]]] = defaultdict(dict)
        for position, word in enumerate(query_words):
            for token, (base, how) in self.match_word(fold(word)).items():
                for number, weight in self.postings[token]:
                    score = base * weight
                    best = per_doc[number].get(position)
                    if best is None or score > best[0]:
                        per_doc[number][position] = (score, token, how)
        if not per_doc:
            return []
        coverage = {number: len(found) for number, found in per_doc.items()}
        needed = max(coverage.values())
        hits = []
        for number, found in per_doc.items():
            if coverage[number] < needed:
                continue
            total = sum(score for score, _, _ in found.values())
            # Among equal matches, the entry whose name is mostly what was typed comes first.
            total += 0.05 / self.name_length[number]
            kind, entity_id = self.docs[number]
            matches = [
                Match(query_words[position], self.surface[token], how)
                for position, (_, token, how) in sorted(found.items())
            ]
            hits.append(Hit(kind, entity_id, self.names[(kind, entity_id)], round(total, 4), matches))
        hits.sort(key=lambda hit: (-hit.score, hit.name["fi"]))
        return hits[:limit]


def _query_words(query: str) -> list[str]:
    """Words of a query, without search-syntax or control characters; fillers only if nothing else."""
    cleaned = "".join(char if char.isprintable() else " " for char in query[:2000])
    found = [word[:MAX_WORD_LENGTH] for word in words(cleaned)][:MAX_QUERY_WORDS]
    meaningful = [word for word in found if fold(word) not in FILLER_WORDS]
    return meaningful or found


def catalogue_index_rows(catalogue) -> list[IndexRow]:
    """Index rows for the searchable entries of a loaded catalogue (its models: `Catalogue.typed`): services,
    partners, glossary terms, pathways."""
    langs = ("fi", "sv")
    rows: list[IndexRow] = []
    for service in catalogue.typed("service"):
        texts = [("name", lang, service.name.text(lang)) for lang in langs]
        texts += [("keyword", lang, word) for lang in langs for word in service.keywords.words(lang)]
        texts += [("description", lang, service.description.text(lang)) for lang in langs]
        rows += index_rows("service", service.id, texts)
    for partner in catalogue.typed("partner"):
        texts = [("name", lang, partner.name.text(lang)) for lang in langs]
        if partner.current_name is not None:
            texts += [("name", lang, partner.current_name.text(lang)) for lang in langs]
        texts += [("description", lang, partner.role.text(lang)) for lang in langs]
        rows += index_rows("partner", partner.id, texts)
    for term in catalogue.typed("term"):
        texts = [("name", lang, term.term.text(lang)) for lang in langs]
        texts += [("expansion", lang, term.expansion.text(lang)) for lang in langs]
        texts += [("description", lang, term.explanation.text(lang)) for lang in langs]
        rows += index_rows("term", term.id, texts)
    for pathway in catalogue.typed("pathway"):
        texts = [("name", lang, pathway.name.text(lang)) for lang in langs]
        texts += [("description", lang, pathway.description.text(lang)) for lang in langs]
        rows += index_rows("pathway", pathway.id, texts)
    return rows


def municipality_index_rows(municipalities) -> list[IndexRow]:
    """The six municipalities, found by their Finnish and Swedish names ("Lovisa", "Mörskom")."""
    rows: list[IndexRow] = []
    for municipality in municipalities:
        texts = [("name", lang, municipality.name.text(lang)) for lang in ("fi", "sv")]
        rows += index_rows("municipality", municipality.id, texts)
    return rows
