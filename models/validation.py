"""Validating one catalogue entry against its model, and saying what was wrong in the user's words.

pydantic finds the problems; this module turns each of its errors into a translated message on the field a
person edits in seed/ (`facts.web_page`, `items[age] › label`), with the line where that field is written.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from te_navigator.models.entities import BiList, Bitext, Entity, Ref
from te_navigator.models.i18n import _

# (label, field, line, message) → records one problem; the loader adds the file.
Report = Callable[[str, str, "int | None", str], None]
LineOf = Callable[[str], "int | None"]
LineInTable = Callable[["int | None", str, "str | None"], "int | None"]


class Locator:
    """Where things are written in one file: the line of an entry by its id, of a key in a sub-table."""

    def __init__(self, line_of: LineOf, line_in_table: LineInTable):
        self.line_of = line_of
        self.line_in_table = line_in_table


def validate(
    model: type[Entity],
    data: dict,
    label: str,
    line: int | None,
    where: Locator,
    report: Report,
    already: set[tuple[str, str]] | None = None,
) -> Entity | None:
    """`data` as a `model`, strictly (no coercion), or None after reporting every problem, one per field."""
    try:
        return model.model_validate(data, strict=True)
    except ValidationError as refused:
        reported = set(already or ())
        for error in refused.errors():
            problem = _locate(model, data, label, line, where, error)
            if (problem[0], problem[1]) not in reported:
                reported.add((problem[0], problem[1]))
                report(*problem)
        return None


def _locate(
    model: type[BaseModel], data: Any, label: str, line: int | None, where: Locator, error: Any
) -> tuple[str, str, int | None, str]:
    """Walks the error's location through the model: into lists of tables (a checklist's items) by their ids,
    into sub-tables (a service's facts) by their keys; stops at the field a person would edit."""
    keys = list(error["loc"])
    cls: type[BaseModel] = model
    raw: Any = data
    path: list[str] = []
    annotation: Any = None
    while keys:
        key = keys.pop(0)
        if not isinstance(key, str) or key not in cls.model_fields:
            if error["type"] == "extra_forbidden" and not keys:
                path.append(str(key))
                return label, ".".join(path), _line(where, line, path, missing=False), _("unknown field")
            continue  # a union member's tag (Bitext, literal['not-stated']): not something written in seed/
        path.append(key)
        annotation = cls.model_fields[key].annotation
        raw = raw.get(key) if isinstance(raw, dict) else None
        inner = _model_in(annotation)
        if inner in (Bitext, BiList):
            return label, ".".join(path), _line(where, line, path, missing=False), _bitext_message(inner, keys, error)
        if inner is None:
            break
        if _is_list(annotation):
            if not keys or not isinstance(keys[0], int):
                break
            index = keys.pop(0)
            if not keys:  # the list holds something other than a table
                return label, ".".join(path), line, _("expected a list of tables")
            item = raw[index] if isinstance(raw, list) and index < len(raw) else None
            item_id = item.get("id") if isinstance(item, dict) else None
            shown = item_id if isinstance(item_id, str) else index + 1
            label = f"{label} › {'.'.join(path)}[{shown}]"
            line = (where.line_of(item_id) if isinstance(item_id, str) else None) or line
            path, raw, cls = [], item, inner
        else:
            cls = inner  # a sub-table: its keys are named "facts.for_whom"
    field = error.get("ctx", {}).get("field") or ""
    if field:
        path.append(field)
    message = _message(error, annotation, elementwise=bool(keys))
    return label, ".".join(path), _line(where, line, path, missing=error["type"] == "missing"), message


def _line(where: Locator, line: int | None, path: list[str], missing: bool) -> int | None:
    """A sub-table's key on its own line where it can be found; otherwise the entry's line."""
    if len(path) < 2:
        return line
    return where.line_in_table(line, path[0], None if missing else path[1]) or line


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, directly, as `Model | None`, or as `list[Model]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None and (get_origin(annotation) in (list, Union, types.UnionType)):
            return found
    return None


def _is_list(annotation: Any) -> bool:
    if get_origin(annotation) is list:
        return True
    return any(_is_list(arg) for arg in get_args(annotation) if get_origin(annotation) in (Union, types.UnionType))


def _choices(annotation: Any) -> tuple[str, ...]:
    if get_origin(annotation) is Literal:
        return get_args(annotation)
    for arg in get_args(annotation):
        found = _choices(arg)
        if found:
            return found
    return ()


def _language_name(lang: str) -> str:
    return {"fi": _("Finnish"), "sv": _("Swedish")}.get(lang, lang)


def _bitext_message(model: type[BaseModel], keys: list, error: Any) -> str:
    keys = [key for key in keys if key != model.__name__ and not str(key).startswith("literal[")]  # union tags
    if not keys:
        if error["type"] == "missing":
            return _("missing field")
        if error["type"] == "catalogue":
            return str(error["ctx"]["message"])
        return _("expected a table with fi and sv text")
    lang = str(keys[0])
    if error["type"] == "extra_forbidden":
        return _("unknown language {language}").format(language=lang)
    if model is BiList and error["type"] != "missing":
        return _("{language}: expected a list of text").format(language=lang)
    if error["type"] == "catalogue" and str(error.get("input", "")).strip():  # text refused for what it holds
        return f"{_language_name(lang)}: {error['ctx']['message']}"
    return _("missing the {language} text").format(language=_language_name(lang))


def _message(error: Any, annotation: Any, elementwise: bool) -> str:
    """The translated message for one of pydantic's error types; `elementwise` when one item of a list is wrong."""
    kind = error["type"]
    if kind == "catalogue":
        return str(error["ctx"]["message"])
    if kind == "missing":
        return _("missing field")
    if kind == "bool_type":
        return _("expected true or false")
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return _("expected a whole number")
    if kind in ("float_type", "float_parsing", "finite_number"):
        return _("expected a number")
    if kind.startswith("date_"):
        return _("expected a date (YYYY-MM-DD)")
    if kind == "literal_error":
        return _("{value!r} is not one of {choices}").format(
            value=error["input"], choices=", ".join(_choices(annotation))
        )
    if kind == "list_type":
        return _("expected a list of tables") if _model_in(annotation) else _("expected a list of text")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _("expected a table")
    if kind == "string_type":
        return _("expected a list of text") if elementwise else _("expected non-empty text")
    return str(error["msg"])


def references(
    model: BaseModel,
    label: str,
    line: int | None,
    where: Locator,
    known: dict[str, set[str]],
    unreadable: set[str],
    report: Report,
) -> None:
    """Every id an entry names (fields marked `Ref`) must exist; into its lists of tables too."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        ref = next((mark for mark in info.metadata if isinstance(mark, Ref)), None)
        if ref is not None:
            if ref.kind in unreadable:
                continue
            for target in [value] if isinstance(value, str) else value or []:
                if target not in known[ref.kind]:
                    report(
                        label,
                        name,
                        line,
                        _("unknown {kind} id {value!r}").format(kind=ref.kind.replace("_", " "), value=target),
                    )
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    item_id = getattr(item, "id", None)
                    nested = f"{label} › {name}[{item_id if isinstance(item_id, str) else index + 1}]"
                    nested_line = (where.line_of(item_id) if isinstance(item_id, str) else None) or line
                    references(item, nested, nested_line, where, known, unreadable, report)
