"""Reading and strictly validating the bilingual catalogue in seed/.

`load_catalogue` returns every entry as plain dictionaries, or raises `CatalogueInvalid` with every problem
found at once, each naming the file, line, entry and field.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from te_navigator.models.errors import UserFacingError
from te_navigator.models.i18n import _, ngettext
from te_navigator.models.seed_files import seed_digest, seed_files, shipped_seed_dir
from te_navigator.models.schema import (
    INTEGER_STATS, KINDS, LANGUAGES, MAX_NESTING, MAY_BE_ZERO_STATS, MUNICIPALITY_STATS, NOT_STATED, SINGLE_TABLES,
    Field, Kind,
)

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
            count=count)


@dataclass
class Catalogue:
    entries: dict[str, list[dict]] = field(default_factory=dict)
    tables: dict[str, dict] = field(default_factory=dict)
    digest: str = ""

    def by_id(self, kind: str) -> dict[str, dict]:
        return {entry["id"]: entry for entry in self.entries.get(kind, [])}


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


def _check_bitext(value, required_lists: bool = False) -> str | None:
    if not isinstance(value, dict):
        return _("expected a table with fi and sv text")
    for lang in LANGUAGES:
        if lang not in value:
            return _("missing the {language} text").format(language=_language_name(lang))
        item = value[lang]
        if required_lists:
            if not isinstance(item, list) or not all(isinstance(word, str) for word in item):
                return _("{language}: expected a list of text").format(language=lang)
        elif not isinstance(item, str) or not item.strip():
            return _("missing the {language} text").format(language=_language_name(lang))
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        return _("unknown language {language}").format(language=", ".join(unknown))
    return None


def _language_name(lang: str) -> str:
    return {"fi": _("Finnish"), "sv": _("Swedish")}[lang]


def _type_problem(spec: Field, value) -> str | None:
    """A message when `value` does not fit `spec`, else None. References are checked later."""
    kind = spec.type
    if kind == "str":
        return None if isinstance(value, str) and value.strip() else _("expected non-empty text")
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            return _("expected a whole number")
        return _range_problem(spec, value)
    if kind == "number":
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
            return _("expected a number")
        return _range_problem(spec, value)
    if kind == "bool":
        return None if isinstance(value, bool) else _("expected true or false")
    if kind == "date":
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            return _("expected a date (YYYY-MM-DD)")
        from te_navigator.models.answers import EARLIEST_DATE, LATEST_DATE

        if not EARLIEST_DATE <= value <= LATEST_DATE:
            return _("{value} is impossible here: expected a date between {low} and {high}").format(
                value=value.isoformat(), low=EARLIEST_DATE.isoformat(), high=LATEST_DATE.isoformat())
        return None
    if kind == "bitext":
        return _check_bitext(value)
    if kind == "bilist":
        return _check_bitext(value, required_lists=True)
    if kind in ("enum", "ref"):
        if not isinstance(value, str):
            return _("expected text")
        if kind == "enum" and value not in spec.choices:
            return _("{value!r} is not one of {choices}").format(value=value, choices=", ".join(spec.choices))
        return None
    if kind in ("enum-list", "ref-list"):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return _("expected a list of text")
        if len(set(value)) != len(value):
            return _("a value is listed twice")
        if kind == "enum-list":
            bad = [item for item in value if item not in spec.choices]
            if bad:
                return _("{value!r} is not one of {choices}").format(value=bad[0], choices=", ".join(spec.choices))
        return None
    if kind == "stats":
        return _stats_problem(value)
    if kind == "list":
        ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
        return None if ok else _("expected a list of text")
    if kind == "tables":
        ok = isinstance(value, list) and all(isinstance(item, dict) for item in value)
        return None if ok else _("expected a list of tables")
    if kind == "table":
        return None if isinstance(value, dict) else _("expected a table")
    if kind.endswith("-or-not-stated"):
        return None if value == NOT_STATED else _stated_problem(kind.removesuffix("-or-not-stated"), value)
    if kind == "any":
        return None
    raise AssertionError(kind)


def _stated_problem(kind: str, value) -> str | None:
    """A fact that is either stated (text, fi/sv text, or a web address) or "not-stated"."""
    if kind == "bitext":
        if isinstance(value, str):
            return _('expected a table with fi and sv text, or "{not_stated}"').format(not_stated=NOT_STATED)
        return _check_bitext(value)
    if not isinstance(value, str) or not value.strip():
        return _('expected non-empty text or "{not_stated}"').format(not_stated=NOT_STATED)
    if kind == "url" and (not re.match(r"^https://[\w.-]+\.[a-z]{2,}(/\S*)?$", value)):
        return _('{value!r} is not a web address (https://…) or "{not_stated}"').format(
            value=value, not_stated=NOT_STATED)
    return None


def _range_problem(spec: Field, value: float) -> str | None:
    low = -math.inf if spec.low is None else spec.low
    high = math.inf if spec.high is None else spec.high
    if low <= value <= high:
        return None
    return _("{value} is out of range: expected {low}–{high}").format(
        value=value, low=_plain(spec.low), high=_plain(spec.high))


def _plain(number: float | None) -> str:
    if number is None:
        return "…"
    return str(int(number)) if float(number).is_integer() else str(number)


def _stats_problem(value) -> str | None:
    if not isinstance(value, dict):
        return _("expected a table of figures")
    for key in MUNICIPALITY_STATS:
        if key not in value:
            return _("missing the figure {key}").format(key=key)
        figure = value[key]
        if key in INTEGER_STATS:
            if not isinstance(figure, int) or isinstance(figure, bool) or figure < 0:
                return _("{key}: expected a whole number of 0 or more").format(key=key)
            if figure == 0 and key not in MAY_BE_ZERO_STATS:
                return _("{key}: expected a whole number above 0 (costs are shared by it)").format(key=key)
        elif not isinstance(figure, (int, float)) or isinstance(figure, bool) or not 0 < figure <= 100:
            return _("{key}: expected a percentage above 0 and at most 100").format(key=key)
    unknown = sorted(set(value) - set(MUNICIPALITY_STATS))
    if unknown:
        return _("unknown figure {key}").format(key=unknown[0])
    return None


def _check_fields(checker: _Checker, label: str, line: int | None, data: dict, fields: dict[str, Field]) -> None:
    for name in data:
        if name not in fields:
            checker.add(label, name, _("unknown field"), line)
    for name, spec in fields.items():
        if name not in data:
            if spec.required:
                checker.add(label, name, _("missing field"), line)
            continue
        message = _type_problem(spec, data[name])
        if message:
            checker.add(label, name, message, line)
        elif spec.type == "tables" and spec.fields:
            _check_nested(checker, label, line, name, data[name], spec.fields)
        elif spec.type == "table" and spec.fields:
            _check_sub_table(checker, label, line, name, data[name], spec.fields)


def _check_sub_table(checker: _Checker, label: str, line: int | None, name: str, table: dict, fields: dict) -> None:
    """One sub-table of an entry (a service's [service.facts]): its fields named "facts.for_whom" and so on,
    each problem on the line of its own key where that can be found."""
    for key in table:
        if key not in fields:
            checker.add(label, f"{name}.{key}", _("unknown field"), checker.line_in_table(line, name, key) or line)
    for key, spec in fields.items():
        where = checker.line_in_table(line, name, key) or line
        if key not in table:
            if spec.required:
                checker.add(label, f"{name}.{key}", _("missing field"), checker.line_in_table(line, name) or line)
            continue
        message = _type_problem(spec, table[key])
        if message:
            checker.add(label, f"{name}.{key}", message, where)


def _check_nested(checker: _Checker, label: str, line: int | None, name: str, tables: list, fields: dict) -> None:
    """Each table of a list field (a checklist's items, a pathway's steps, a rule's conditions)."""
    for index, table in enumerate(tables):
        nested_id = table.get("id")
        nested_label = f"{label} › {name}[{nested_id if isinstance(nested_id, str) else index + 1}]"
        nested_line = checker.line_of(nested_id) if isinstance(nested_id, str) else None
        _check_fields(checker, nested_label, nested_line or line, table, fields)


def _check_entry(checker: _Checker, kind: Kind, index: int, entry) -> str | None:
    """Checks one entry's fields; returns its id when it has a usable one."""
    if not isinstance(entry, dict):
        checker.add(f"{kind.array}[{index + 1}]", "", _("expected a table"))
        return None
    entry_id: Any = entry.get("id")
    usable_id = isinstance(entry_id, str) and ID_PATTERN.match(entry_id) is not None
    label = entry_id if usable_id else f"{kind.array}[{index + 1}]"
    line = checker.line_of(entry_id) if usable_id else None
    if "id" in entry and not usable_id:
        checker.add(label, "id", _("{value!r} is not a valid id (lower-case letters, digits and -)").format(
            value=entry_id), line)
    _check_fields(checker, label, line, entry, kind.fields)
    if kind.name == "service":
        _check_service_status(checker, label, line, entry)
    if kind.name == "model":
        _check_model_status(checker, label, line, entry)
    return entry_id if usable_id else None


def _check_service_status(checker: _Checker, label: str, line: int | None, entry: dict) -> None:
    abolished = entry.get("status") == "abolished"
    if abolished and "abolished_on" not in entry:
        checker.add(label, "abolished_on", _("an abolished service needs the date it was abolished"), line)
    if not abolished and "abolished_on" in entry:
        checker.add(label, "abolished_on", _("only an abolished service has this date"), line)


def _check_model_status(checker: _Checker, label: str, line: int | None, entry: dict) -> None:
    superseded = entry.get("status") == "superseded"
    for name in ("superseded_on", "superseded_by", "status_source"):
        if superseded and name not in entry:
            checker.add(label, name, _("a superseded model needs the date, its successor and the source"), line)
        if not superseded and name in ("superseded_on", "superseded_by") and name in entry:
            checker.add(label, name, _("only a superseded model has this field"), line)


def _parse(path: Path, relative: str, problems: list[Problem]) -> tuple[dict, str] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(relative, None, "", "", _("cannot be read: {reason}").format(reason=error)))
        return None
    try:
        data = tomllib.loads(text)
    except RecursionError:
        problems.append(Problem(relative, None, "", "", _("nested too deeply (at most {depth} levels)").format(
            depth=MAX_NESTING)))
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
        problems.append(Problem(relative, None, "", "", _("nested too deeply (at most {depth} levels)").format(
            depth=MAX_NESTING)))
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
            entry_id = _check_entry(checker, kind, index, entry)
            if entry_id is None:
                continue
            key = (kind.name, *(str(entry.get(name)) for name in kind.identity))
            if key in first_seen:
                checker.add(entry_id, "id", _("duplicate id, also defined in {file}").format(
                    file=first_seen[key]), checker.line_of(entry_id))
                continue
            first_seen[key] = relative
            locations[(kind.name, entry_id)] = (checker, checker.line_of(entry_id))
            catalogue.entries[kind.name].append(entry)
    _check_references(catalogue, locations, unreadable)
    if not unreadable and not any(checker.problems for checker in checkers):
        from te_navigator.models.consistency import check_consistency

        for kind_name, entry_id, field_name, message in check_consistency(catalogue):
            checker, line = locations[(kind_name, entry_id)]
            checker.add(entry_id, field_name, message, line)
    _check_required_files(seed_dir, problems)
    _check_required_tables(seed_dir, catalogue, problems)
    for checker in checkers:
        problems.extend(checker.problems)
    if problems:
        raise CatalogueInvalid(problems)
    catalogue.digest = seed_digest(seed_dir)
    return catalogue


def saved_reference_problems(catalogue: Catalogue, references: dict[str, set]) -> list[Problem]:
    """Checklists and pathway steps that saved assessments and referrals use but the catalogue no longer has:
    loading it would leave that case data unreadable."""
    problems = []
    checklists = catalogue.by_id("checklist")
    for template_id in sorted(references.get("checklist", set()) - set(checklists)):
        problems.append(Problem(f"checklists/{template_id}.toml", None, template_id, "", _(
            "saved assessments use this checklist, so it cannot be deleted (keep it, even if no longer in use)")))
    pathways = catalogue.by_id("pathway")
    for pathway_id, step_id in sorted(references.get("step", set())):
        pathway = pathways.get(pathway_id)
        if pathway is None:
            problems.append(Problem(f"pathways/{pathway_id}.toml", None, pathway_id, "", _(
                "saved referrals use this pathway, so it cannot be deleted")))
        elif step_id not in {step.get("id") for step in pathway["steps"]}:
            problems.append(Problem(f"pathways/{pathway_id}.toml", None, pathway_id, f"steps[{step_id}]", _(
                "saved referrals use this step, so it cannot be deleted")))
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
        fields = SINGLE_TABLES.get(table_key)
        if fields is None:
            checker.add(key, "", _("unknown field"))
            continue
        if not isinstance(value, dict):
            checker.add(key, "", _("expected a table"))
            continue
        _check_fields(checker, key, None, value, fields)
        catalogue.tables[key] = value


def _check_required_files(seed_dir: Path, problems: list[Problem]) -> None:
    for kind in KINDS.values():
        for pattern in kind.files:
            if not list(seed_dir.glob(pattern)):
                problems.append(Problem(pattern, None, "", "", _("missing file")))


def _check_required_tables(seed_dir: Path, catalogue: Catalogue, problems: list[Problem]) -> None:
    for table_key in SINGLE_TABLES:
        file_name, table = table_key.split(":")
        if ((seed_dir / file_name).exists() and table not in catalogue.tables
                and not any(problem.file == file_name for problem in problems)):
                problems.append(Problem(file_name, None, table, "", _("missing table [{name}]").format(name=table)))


def _check_references(catalogue: Catalogue, locations: dict, unreadable: set[str]) -> None:
    known = {kind: set(catalogue.by_id(kind)) for kind in KINDS}
    for kind_name, kind in KINDS.items():
        for entry in catalogue.entries[kind_name]:
            checker, line = locations[(kind_name, entry["id"])]
            _check_entry_references(checker, entry["id"], line, entry, kind.fields, known, unreadable)


def _check_entry_references(checker: _Checker, label: str, line: int | None, entry: dict, fields: dict,
                            known: dict, unreadable: set[str]) -> None:
    for field_name, spec in fields.items():
        if field_name not in entry:
            continue
        if spec.type == "tables" and spec.fields and isinstance(entry[field_name], list):
            for index, table in enumerate(entry[field_name]):
                if not isinstance(table, dict):
                    continue
                nested_id = table.get("id")
                nested = f"{label} › {field_name}[{nested_id if isinstance(nested_id, str) else index + 1}]"
                nested_line = checker.line_of(nested_id) if isinstance(nested_id, str) else None
                _check_entry_references(checker, nested, nested_line or line, table, spec.fields, known, unreadable)
            continue
        if spec.type not in ("ref", "ref-list") or spec.ref in unreadable:
            continue
        values = entry[field_name]
        values = [values] if isinstance(values, str) else values
        if not isinstance(values, list):
            continue
        for value in values:
            if isinstance(value, str) and value not in known[spec.ref]:
                checker.add(label, field_name, _("unknown {kind} id {value!r}").format(
                    kind=spec.ref.replace("_", " "), value=value), line)
