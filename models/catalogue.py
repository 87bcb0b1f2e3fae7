"""Reading and strictly validating the bilingual catalogue in seed/.

`load_catalogue` returns every entry as read from TOML (`entries`, what the cross-entry checks and the store's
tables take) and as its model (`typed(kind)`), or raises `CatalogueInvalid` with every problem found at once,
each naming the file, line, entry and field.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from te_navigator.models.errors import UserFacingError
from te_navigator.models.i18n import _, ngettext
from te_navigator.models.seed_files import seed_digest, seed_files, shipped_seed_dir

if TYPE_CHECKING:
    from te_navigator.models.entities import Entity
    from te_navigator.models.validation import Locator

MAX_NESTING = 12  # tables within tables in one file; the catalogue's deepest is about 5


@dataclass(frozen=True)
class Kind:
    """A kind of entry: the file(s) it lives in, the TOML array that holds it, and its model in
    models/entities.py (named, so that importing this module does not import pydantic).

    A kind with a `header` has one entry per file: the table [header], with the file's array of
    tables [[child_array]] as its field `child_field` (a checklist's items, a pathway's steps)."""

    name: str
    array: str
    files: tuple[str, ...]
    entity: str
    header: str = ""
    child_array: str = ""
    child_field: str = ""
    identity: tuple[str, ...] = ("id",)  # the fields that must be unique together
    optional_files: bool = False  # a catalogue folder may have none of its files (practice cases)

    @property
    def model(self) -> type[Entity]:
        from te_navigator.models import entities

        model: type[Entity] = getattr(entities, self.entity)
        return model


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("group", "group", ("groups.toml",), "Group"),
        Kind("service_line", "service_line", ("service_lines.toml",), "ServiceLine"),
        Kind("partner", "partner", ("partners.toml",), "Partner"),
        Kind("model", "model", ("multi_agency_models.toml",), "MultiAgencyModel"),
        Kind("service", "service", ("services/*.toml",), "Service"),
        Kind("municipality", "municipality", ("municipalities.toml",), "Municipality"),
        Kind("service_point", "service_point", ("service_points.toml",), "ServicePoint"),
        Kind("language", "language", ("orientation.toml",), "OrientationLanguage"),
        Kind("term", "term", ("glossary.toml",), "Term"),
        Kind(
            "checklist",
            "",
            ("checklists/*.toml",),
            "Checklist",
            header="template",
            child_array="item",
            child_field="items",
        ),
        Kind("rule", "rule", ("rules.toml",), "Rule", identity=("id", "valid_from")),
        Kind("deadline", "deadline", ("deadlines.toml",), "Deadline", identity=("id", "valid_from")),
        Kind("dated_fact", "fact", ("dated_facts.toml",), "DatedFact"),
        Kind("pathway", "", ("pathways/*.toml",), "Pathway", header="pathway", child_array="step", child_field="steps"),
        Kind("practice_case", "case", ("practice/*.toml",), "PracticeCase", optional_files=True),
    )
}

# Single tables (not arrays) that a file may hold besides its array, and their models.
SINGLE_TABLES = {"orientation.toml:orientation": "Orientation", "municipalities.toml:periods": "Periods"}

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [where]
        if self.entry:
            parts.append(self.entry)
        if self.field:
            parts.append(self.field)
        return " › ".join(parts) + ": " + self.message


class CatalogueInvalid(UserFacingError):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(problem) for problem in problems), problems)

    def headline(self) -> str:
        count = len(self.problems)
        return ngettext("The catalogue has {count} problem:", "The catalogue has {count} problems:", count).format(
            count=count
        )


@dataclass
class Catalogue:
    entries: dict[str, list[dict]] = field(default_factory=dict)
    tables: dict[str, dict] = field(default_factory=dict)
    digest: str = ""
    models: dict[str, list[Any]] = field(default_factory=dict)  # kind → its valid entries as their model

    def by_id(self, kind: str) -> dict[str, dict]:
        return {entry["id"]: entry for entry in self.entries.get(kind, [])}

    def typed(self, kind: str) -> list[Any]:
        """The entries of one kind as their model, in seed/ order (all of them once the catalogue is valid)."""
        return list(self.models.get(kind, []))


def _kind_for(relative: str) -> Kind | None:
    for kind in KINDS.values():
        for pattern in kind.files:
            if Path(relative).match(pattern) and relative.count("/") == pattern.count("/"):
                return kind
    return None


class _Checker:
    """Collects problems while walking one file's entries."""

    def __init__(self, relative: str, text: str):
        self.relative = relative
        self.lines = text.splitlines()
        self.problems: list[Problem] = []

    def line_of(self, entry_id: str) -> int | None:
        needle = re.compile(r'^\s*id\s*=\s*["\']' + re.escape(entry_id) + r'["\']')
        for number, line in enumerate(self.lines, start=1):
            if needle.match(line):
                return number
        return None

    def line_in_table(self, entry_line: int | None, table: str, key: str | None = None) -> int | None:
        """The line of `key` in the sub-table `table` of the entry that starts at `entry_line`
        ([service.facts] below it, or `facts = {...}` / `facts.key = ...` inline), or of the table itself
        when `key` is None; None when not found."""
        if entry_line is None:
            return None
        header = re.compile(r"^\s*\[\s*[\w-]+\s*\.\s*" + re.escape(table) + r"\s*\]")
        tail = r"\s*=" if key is None else r"\s*(=|\.\s*" + re.escape(key) + r"\b)"
        inline = re.compile(r"^\s*" + re.escape(table) + tail)
        own_key = re.compile(r"^\s*" + re.escape(key or "") + r"\s*[=.]")
        in_table = False
        for number in range(entry_line, len(self.lines)):
            line = self.lines[number]
            if line.lstrip().startswith("[["):
                return None
            if header.match(line):
                if key is None:
                    return number + 1
                in_table = True
            elif line.lstrip().startswith("["):
                in_table = False
            elif (key is not None and in_table and own_key.match(line)) or (not in_table and inline.match(line)):
                return number + 1
        return None

    def add(self, entry: str, field_name: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.relative, line, entry, field_name, message))

    def report(self, entry: str, field_name: str, line: int | None, message: str) -> None:
        self.add(entry, field_name, message, line)

    @property
    def locator(self) -> Locator:
        from te_navigator.models.validation import Locator

        return Locator(self.line_of, self.line_in_table)


def _check_entry(checker: _Checker, kind: Kind, index: int, entry) -> tuple[str | None, Entity | None]:
    """Checks one entry against its model; returns its id when it has a usable one, and the model when valid."""
    if not isinstance(entry, dict):
        checker.add(f"{kind.array}[{index + 1}]", "", _("expected a table"))
        return None, None
    entry_id: Any = entry.get("id")
    usable_id = isinstance(entry_id, str) and ID_PATTERN.match(entry_id) is not None
    label = entry_id if usable_id else f"{kind.array}[{index + 1}]"
    line = checker.line_of(entry_id) if usable_id else None
    already = set()
    if "id" in entry and not usable_id:
        checker.add(
            label,
            "id",
            _("{value!r} is not a valid id (lower-case letters, digits and -)").format(value=entry_id),
            line,
        )
        already.add((label, "id"))
    from te_navigator.models.validation import validate

    model = validate(kind.model, entry, label, line, checker.locator, checker.report, already)
    return (entry_id if usable_id else None), model


def _parse(path: Path, relative: str, problems: list[Problem]) -> tuple[dict, str] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(relative, None, "", "", _("cannot be read: {reason}").format(reason=error)))
        return None
    try:
        data = tomllib.loads(text)
    except RecursionError:
        problems.append(
            Problem(relative, None, "", "", _("nested too deeply (at most {depth} levels)").format(depth=MAX_NESTING))
        )
        return None
    except tomllib.TOMLDecodeError as error:
        reason = str(error)
        where = re.search(r"\s*\(at line (\d+), column (\d+)\)", reason)
        line = int(where.group(1)) if where else None
        if where:
            reason = reason[: where.start()] + _(" (column {column})").format(column=where.group(2))
        problems.append(Problem(relative, line, "", "", _("not valid TOML: {reason}").format(reason=reason)))
        return None
    if _depth(data) > MAX_NESTING:
        problems.append(
            Problem(relative, None, "", "", _("nested too deeply (at most {depth} levels)").format(depth=MAX_NESTING))
        )
        return None
    return data, text


def _depth(value) -> int:
    """How deeply tables and arrays nest in `value`, counted without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > MAX_NESTING:
            break
        if isinstance(current, dict):
            stack.extend((item, level + 1) for item in current.values())
        elif isinstance(current, list):
            stack.extend((item, level + 1) for item in current)
    return deepest


def load_catalogue(seed_dir: Path | None = None) -> Catalogue:
    seed_dir = Path(seed_dir) if seed_dir else shipped_seed_dir()
    problems: list[Problem] = []
    catalogue = Catalogue(entries={name: [] for name in KINDS})
    if not seed_dir.is_dir():
        raise CatalogueInvalid([Problem(str(seed_dir), None, "", "", _("the catalogue folder does not exist"))])
    first_seen: dict[tuple[str, ...], str] = {}
    locations: dict[tuple[str, str], tuple[_Checker, int | None]] = {}
    valid: dict[tuple[str, str], Entity] = {}
    checkers: list[_Checker] = []
    unreadable: set[str] = set()
    for path in seed_files(seed_dir):
        relative = path.relative_to(seed_dir).as_posix()
        kind = _kind_for(relative)
        if kind is None:
            problems.append(Problem(relative, None, "", "", _("a file the catalogue does not know")))
            continue
        parsed = _parse(path, relative, problems)
        if parsed is None:
            unreadable.add(kind.name)  # its ids are unknown, so references to them are not checked
            continue
        data, text = parsed
        checker = _Checker(relative, text)
        checkers.append(checker)
        if kind.header:
            items = _entry_from_header(checker, kind, data)
        else:
            _check_file_tables(checker, kind, data, catalogue)
            items = data.get(kind.array, [])
        if not isinstance(items, list):
            checker.add(kind.array, "", _("expected an array of tables [[{name}]]").format(name=kind.array))
            continue
        for index, entry in enumerate(items):
            entry_id, model = _check_entry(checker, kind, index, entry)
            if entry_id is None:
                continue
            key = (kind.name, *(str(entry.get(name)) for name in kind.identity))
            if key in first_seen:
                checker.add(
                    entry_id,
                    "id",
                    _("duplicate id, also defined in {file}").format(file=first_seen[key]),
                    checker.line_of(entry_id),
                )
                continue
            first_seen[key] = relative
            locations[(kind.name, entry_id)] = (checker, checker.line_of(entry_id))
            catalogue.entries[kind.name].append(entry)
            if model is not None:
                valid[(kind.name, entry_id)] = model
                catalogue.models.setdefault(kind.name, []).append(model)
    _check_references(catalogue, valid, locations, unreadable)
    if not unreadable and not any(checker.problems for checker in checkers):
        from te_navigator.models.consistency import check_consistency

        for kind_name, entry_id, field_name, message in check_consistency(catalogue):
            checker, line = locations[(kind_name, entry_id)]
            checker.add(entry_id, field_name, message, _field_line(checker, line, field_name))
    _check_required_files(seed_dir, problems)
    _check_required_tables(seed_dir, catalogue, problems)
    for checker in checkers:
        problems.extend(checker.problems)
    if problems:
        raise CatalogueInvalid(problems)
    catalogue.digest = seed_digest(seed_dir)
    return catalogue


def _field_line(checker: _Checker, entry_line: int | None, field_name: str) -> int | None:
    """The line of "table.key" (a practice case's answers.age) when it can be found, else the entry's line."""
    table, _dot, key = field_name.partition(".")
    if key and "." not in key and "[" not in field_name:
        return checker.line_in_table(entry_line, table, key) or entry_line
    return entry_line


def saved_reference_problems(catalogue: Catalogue, references: dict[str, set]) -> list[Problem]:
    """Checklists and pathway steps that saved assessments and referrals use but the catalogue no longer has:
    loading it would leave that case data unreadable."""
    problems = []
    checklists = catalogue.by_id("checklist")
    for template_id in sorted(references.get("checklist", set()) - set(checklists)):
        problems.append(
            Problem(
                f"checklists/{template_id}.toml",
                None,
                template_id,
                "",
                _("saved assessments use this checklist, so it cannot be deleted (keep it, even if no longer in use)"),
            )
        )
    pathways = catalogue.by_id("pathway")
    for pathway_id, step_id in sorted(references.get("step", set())):
        pathway = pathways.get(pathway_id)
        if pathway is None:
            problems.append(
                Problem(
                    f"pathways/{pathway_id}.toml",
                    None,
                    pathway_id,
                    "",
                    _("saved referrals use this pathway, so it cannot be deleted"),
                )
            )
        elif step_id not in {step.get("id") for step in pathway["steps"]}:
            problems.append(
                Problem(
                    f"pathways/{pathway_id}.toml",
                    None,
                    pathway_id,
                    f"steps[{step_id}]",
                    _("saved referrals use this step, so it cannot be deleted"),
                )
            )
    return list(dict.fromkeys(problems))


def _entry_from_header(checker: _Checker, kind: Kind, data: dict) -> list:
    """A one-entry file: [header] holds the entry, [[child_array]] its list field."""
    for key in data:
        if key not in (kind.header, kind.child_array):
            checker.add(key, "", _("unknown field"))
    header = data.get(kind.header)
    if not isinstance(header, dict):
        checker.add(kind.header, "", _("missing table [{name}]").format(name=kind.header))
        return []
    if kind.child_field in header:
        checker.add(kind.header, kind.child_field, _("unknown field"))
    return [{**header, kind.child_field: data.get(kind.child_array, [])}]


def _check_file_tables(checker: _Checker, kind: Kind, data: dict, catalogue: Catalogue) -> None:
    """Top-level keys of a file: its array and any single table the file may hold."""
    for key, value in data.items():
        if key == kind.array:
            continue
        table_key = f"{checker.relative}:{key}"
        entity = SINGLE_TABLES.get(table_key)
        if entity is None:
            checker.add(key, "", _("unknown field"))
            continue
        if not isinstance(value, dict):
            checker.add(key, "", _("expected a table"))
            continue
        from te_navigator.models import entities
        from te_navigator.models.validation import validate

        validate(getattr(entities, entity), value, key, None, checker.locator, checker.report)
        catalogue.tables[key] = value


def _check_required_files(seed_dir: Path, problems: list[Problem]) -> None:
    for kind in KINDS.values():
        for pattern in kind.files:
            if not kind.optional_files and not list(seed_dir.glob(pattern)):
                problems.append(Problem(pattern, None, "", "", _("missing file")))


def _check_required_tables(seed_dir: Path, catalogue: Catalogue, problems: list[Problem]) -> None:
    for table_key in SINGLE_TABLES:
        file_name, table = table_key.split(":")
        if (
            (seed_dir / file_name).exists()
            and table not in catalogue.tables
            and not any(problem.file == file_name for problem in problems)
        ):
            problems.append(Problem(file_name, None, table, "", _("missing table [{name}]").format(name=table)))


def _check_references(catalogue: Catalogue, valid: dict, locations: dict, unreadable: set[str]) -> None:
    from te_navigator.models.validation import references

    known = {kind: set(catalogue.by_id(kind)) for kind in KINDS}
    for (kind_name, entry_id), model in valid.items():
        checker, line = locations[(kind_name, entry_id)]
        references(model, entry_id, line, checker.locator, known, unreadable, checker.report)
