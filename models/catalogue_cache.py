"""The catalogue and its search index stored ready to use, so a command answers without the ORM.

The store stays the truth. Its catalogue is a pure function of the files in seed/ (and of the code that loads
them), so a copy keyed by the seed's digest and by that code is valid for any store whose catalogue carries the
same digest; it is written whenever a store has been opened the full way and is rebuilt only when seed/ or that
code changes. `marshal` reads the search index back in tens of milliseconds, where building it takes a second.
Only catalogue content is cached (user cache folder, readable by its owner only), never case data.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from te_navigator.models.catalogue_reads import CatalogueReads
from te_navigator.models.i18n import cache_dir
from te_navigator.models.location import sqlite_path
from te_navigator.models.revisions import SCHEMA_HEAD
from te_navigator.models.search import SearchIndex
from te_navigator.models.seed_files import seed_digest, shipped_seed_dir

if TYPE_CHECKING:
    from te_navigator.models.entities import (
        Entity,
        Group,
        Municipality,
        MultiAgencyModel,
        OrientationServices,
        Partner,
        Periods,
        Service,
        ServiceLine,
        ServicePoint,
        Term,
    )

FORMAT = 1
# The modules that decide what the catalogue and its index look like: a change in any of them is a new key.
SHAPING_MODULES = (
    "catalogue.py",
    "catalogue_reads.py",
    "seed_files.py",
    "entities.py",
    "validation.py",
    "vocabulary.py",
    "search.py",
    "store.py",
    "tables.py",
    "text.py",
    "revisions.py",
    "practice_cases.py",
    "rules.py",
)
EXPORT_KEYS = {
    "checklist": "checklists",
    "rule": "rules",
    "deadline": "deadlines",
    "dated_fact": "dated_facts",
    "pathway": "pathways",
    "practice_case": "practice_cases",
}


def _code_stamp() -> str:
    here = Path(__file__).parent
    stamp = hashlib.sha256(str(FORMAT).encode())
    for name in SHAPING_MODULES:
        try:
            info = (here / name).stat()
        except OSError:
            continue
        stamp.update(f"{name}:{info.st_size}:{info.st_mtime_ns};".encode())
    return stamp.hexdigest()[:12]


def _cache_file(digest: str, part: str) -> Path:
    return cache_dir() / "catalogue" / f"{digest[:24]}-{_code_stamp()}.{part}"


def _read(digest: str, part: str) -> Any:
    try:
        return marshal.loads(_cache_file(digest, part).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def _write(digest: str, part: str, value: Any) -> None:
    path = _cache_file(digest, part)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
            handle.write(marshal.dumps(value))
        tmp.replace(path)
    except (OSError, ValueError):
        pass  # a cache that cannot be written only costs time


def is_cached(digest: str) -> bool:
    return _cache_file(digest, "export").is_file() and _cache_file(digest, "index").is_file()


def save(digest: str, export: dict, index: SearchIndex) -> None:
    _write(digest, "export", export)
    _write(digest, "index", index.state())


def read_index(digest: str) -> SearchIndex | None:
    state = _read(digest, "index")
    return SearchIndex.from_state(state) if isinstance(state, dict) else None


def current_sqlite_digest(url: str) -> str | None:
    """The digest of the catalogue held by a SQLite store that needs nothing done on opening (schema at head,
    catalogue current), read with plain SQL; None for any other store, which then opens the full way."""
    path = sqlite_path(url)
    if path is None or not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            meta = dict(
                connection.execute(
                    "SELECT key, value FROM catalogue_meta WHERE key IN ('digest', 'synced_seed_digest')"
                ).fetchall()
            )
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    # Current as Store.open judges it: loaded from this seed/, or synced from the office since seed/ last changed.
    if revision != (SCHEMA_HEAD,) or "digest" not in meta or seed_digest(shipped_seed_dir()) not in meta.values():
        return None
    return str(meta["digest"])


class CachedCatalogue(CatalogueReads):
    """The catalogue of an up-to-date store, from the cache: the same models and dictionaries as `Store`'s reads."""

    def __init__(self, digest: str, export: dict | None = None):
        self.digest = digest
        self._export = export
        self._index: SearchIndex | None = None
        self._models: dict[str, list[Any]] = {}  # validated once per kind: models are frozen, so shared

    @classmethod
    def load(cls, digest: str) -> CachedCatalogue | None:
        """None when nothing is cached for this digest (or the cache cannot be read)."""
        return cls(digest) if is_cached(digest) else None

    def export(self) -> dict:
        if self._export is None:
            self._export = _read(self.digest, "export") or {}
        return self._export

    def search_index(self) -> SearchIndex:
        if self._index is None:
            self._index = read_index(self.digest)
            if self._index is None:
                raise OSError("the cached search index cannot be read")
        return self._index

    def _list(self, key: str) -> list[dict]:
        return list(self.export().get(key, []))

    def _typed(self, key: str, model_name: str) -> list[Any]:
        """The cached entries of one kind as their model (pydantic imported only now, when one is read)."""
        if key not in self._models:
            model = _model(model_name)
            self._models[key] = [model.model_validate(entry) for entry in self._list(key)]
        return list(self._models[key])

    def _single(self, key: str, model_name: str) -> Any:
        """A single table of the catalogue (orientation, periods) as its model; None where it has none."""
        table = self.export().get(key)
        return _model(model_name).model_validate(table) if table else None

    def groups(self) -> list[Group]:
        return self._typed("groups", "Group")

    def service_lines(self) -> list[ServiceLine]:
        return self._typed("service_lines", "ServiceLine")

    def services(self) -> list[Service]:
        return self._typed("services", "Service")

    def service(self, service_id: str) -> Service | None:
        """Only the one asked for is validated (`show ID`, a hand-out's few steps)."""
        if "services" in self._models:
            return super().service(service_id)
        found = next((s for s in self._list("services") if s["id"] == service_id), None)
        from te_navigator.models.entities import Service

        return Service.model_validate(found) if found is not None else None

    def partners(self) -> list[Partner]:
        return self._typed("partners", "Partner")

    def models(self) -> list[MultiAgencyModel]:
        return self._typed("multi_agency_models", "MultiAgencyModel")

    def municipalities(self) -> list[Municipality]:
        return self._typed("municipalities", "Municipality")

    def municipality_names(self) -> dict[str, dict]:
        """Straight from the stored export: naming needs no validated entity (nor pydantic imported)."""
        return {m["id"]: m["name"] for m in self._list("municipalities")}

    def service_points(self) -> list[ServicePoint]:
        return self._typed("service_points", "ServicePoint")

    def glossary(self) -> list[Term]:
        return self._typed("glossary", "Term")

    def orientation(self) -> OrientationServices | None:
        return self._single("orientation", "OrientationServices")

    def periods(self) -> Periods | None:
        return self._single("periods", "Periods")

    def document_bodies(self, kind: str) -> list[dict]:
        bodies = self._list(EXPORT_KEYS[kind])
        if kind == "practice_case":  # the export adds what the deadline rules compute; the stored case has it not
            return [{key: value for key, value in body.items() if key != "model_deadlines"} for body in bodies]
        return bodies

    def typed_documents(self, kind: str) -> list[Any]:
        """Validated once per kind: the models are frozen, so every caller may share them."""
        if kind not in self._models:
            self._models[kind] = super().typed_documents(kind)
        return list(self._models[kind])


def _model(name: str) -> type[Entity]:
    from te_navigator.models import entities  # pydantic imported only now, when a typed entry is read

    model: type[Entity] = getattr(entities, name)
    return model
