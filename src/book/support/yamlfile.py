"""Read YAML with line numbers and validate it against a closed pydantic schema.

ruamel.yaml keeps the position of every key and value; pydantic does the type
checking. This module joins the two so that every schema error points at
``file:line:col`` and an unknown key comes with a did-you-mean.

ruamel.yaml is imported by the functions that read YAML, not with the module: a rebuild whose YAML
is unchanged reads none (the build cache keeps what book.yaml and each front matter gave), and
its 31 modules were a part of every run's start.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from book.support.diagnostics import Report
from book.support.text import (control_character, control_name, did_you_mean, invisible_only, long_word,
                               report_long_word, unseen_problem)

M = TypeVar("M", bound=BaseModel)


def parse_yaml(text: str, path: Path, report: Report, line_offset: int = 0) -> Any:
    """Parse YAML text; a syntax error becomes a located diagnostic and ``None``.

    Dates stay text: the schema reads them, so ``2021-02-30`` is a located error
    that says what to write, not a crash of the YAML library.
    """
    if report_long_word(text, path, report, line_offset):     # before the round-trip reader: quadratic in one
        return None
    deep = depth_beyond(text)      # first: the C parser is quadratic in the depth of what it counts
    beyond = node_beyond(text, MAX_NODES) if deep is None else None
    if beyond is not None or deep is not None:
        problem = (f"lists and mappings nested more than {MAX_DEPTH} deep" if deep is not None else
                   f"more than {MAX_NODES:,} values")
        line, column = deep or beyond or (0, 0)
        report.error("E226", f"{problem} in one YAML file: a book's settings, a chapter's "
                             "front matter or a name map hold far fewer (is this the right file?)",
                     path, line + line_offset, column)
        return None
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", type(yaml.constructor).construct_yaml_str)
    try:
        data = yaml.load(text)
        found = escaped_control(data)
        if found is not None:
            char, where = found
            line, col = position(data, where, line_offset)
            report.error("E229", f"a YAML escape writes the {control_name(char)}: delete it (only tab and "
                                 "newline may appear)", path, line, col)
            return None
        if (unseen := unseen_value(data)) is not None:
            report_unseen(report, unseen[0], path, position(data, unseen[1], line_offset))
            return None
        return data
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        col = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        report.error("E101", f"YAML syntax error: {problem}", path, line, col)
    except YAMLError as exc:  # pragma: no cover - ruamel raises Marked errors in practice
        report.error("E101", f"YAML syntax error: {exc}", path)
    except CONSTRUCTOR_FAILURES as exc:
        # a value its constructor refuses: !!int abc, a !!timestamp the calendar lacks, and `-_`, which
        # ruamel reads as a number and fails on with an IndexError (found by tests/robust/test_fuzz.py)
        found = impossible_date(text)
        merge = merge_key(text) if found is None and not isinstance(exc, (ValueError, IndexError, TypeError)) else None
        if found is not None:
            report.error("E101", f"'{found[2]}' is not a real date: write a date that exists, as YYYY-MM-DD",
                         path, found[0] + line_offset, found[1])
        elif merge is not None:
            report.error("E101", f"{MERGE_PROBLEM}: {' '.join(str(exc).split()) or type(exc).__name__}",
                         path, merge[0] + line_offset, merge[1])
        else:
            report.error("E101", f"a value cannot be read: {' '.join(str(exc).split()) or type(exc).__name__}", path)
    return None


CONSTRUCTOR_FAILURES: tuple[type[BaseException], ...] = (ValueError, IndexError, TypeError, AttributeError, KeyError,
                                                         RecursionError, AssertionError)
"""What ruamel's constructors raise on YAML they cannot build, besides its own errors: a value its constructor
refuses (``!!int abc``), and a merge key (``<<``) whose alias is the mapping it sits in (``x: &x {<<: *x}``:
an AttributeError deep in ruamel). Each is the file's problem, said with its place, never an internal error."""

MERGE_PROBLEM = "a merge key (<<) that YAML cannot resolve (an alias of the mapping it is in, or of no mapping)"
_MERGE = re.compile(r"^[ \t-]*(<<)[ \t]*:", re.MULTILINE)


def merge_key(text: str) -> tuple[int, int] | None:
    """The line and column of the first merge key (``<<:``), where a failure to build one is said."""
    found = _MERGE.search(text)
    if found is None:
        return None
    return text.count("\n", 0, found.start()) + 1, found.start(1) - (text.rfind("\n", 0, found.start()) + 1) + 1


MAX_NODES = 100_000
"""Values (scalars, lists, mappings) in book.yaml, front matter or the name map: the round-trip reader,
which keeps every position, takes minutes and gigabytes on millions of them."""


_SAFE = threading.local()


def safe_yaml() -> Any:
    """ruamel's C reader of plain YAML (``typ="safe"``), made once a thread and reused: making one globs ruamel's
    folder for plug-ins (a file system walk) and sets up its tables, and a long book reads two YAML blocks a
    chapter (its front matter's depth, then its values): 0.3 ms a chapter, a tenth of ``book check``'s work on
    2,000 short chapters. One a thread, as an instance is not made to be shared (the preview reads in two)."""
    yaml = getattr(_SAFE, "yaml", None)
    if yaml is None:
        from ruamel.yaml import YAML

        yaml = _SAFE.yaml = YAML(typ="safe", pure=False)
    yaml.doc_infos.clear()          # ruamel notes each document read here; only the one being read is needed
    return yaml


def node_beyond(text: str, limit: int) -> tuple[int, int] | None:
    """Line and column (1-based) of the first YAML node past ``limit``, counted with the C parser
    (a second for 100,000 nodes); None when there are fewer, or when the text is not even YAML
    (the loader then reports where)."""
    if len(text) <= limit:          # every node takes at least one character
        return None
    from ruamel.yaml.error import YAMLError

    count = 0
    try:
        for event in safe_yaml().parse(text):
            count += 1
            if count > limit:
                return event.start_mark.line + 1, event.start_mark.column + 1
    except (YAMLError, ValueError, TypeError):
        return None
    return None


MAX_DEPTH = 64
"""Lists and mappings inside one another in any YAML file the book reads: a book's settings go five
deep, a source four. ruamel's C loader crashed the process (a segmentation fault) on 100,000 nested
``[``, and the round-trip reader, which is recursive, ran out of stack at about a thousand."""


def depth_beyond(text: str, limit: int = MAX_DEPTH) -> tuple[int, int] | None:
    """Line and column (1-based) where lists and mappings first nest deeper than ``limit``, read with
    the C parser's events (which keeps its stack on the heap, and is a fifth of the cost of loading);
    None when they do not, or when the text is not even YAML (the loader then reports where)."""
    if not any(char in text for char in "[{-:?"):
        return None
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent

    depth = 0
    try:
        for event in safe_yaml().parse(text):
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                depth += 1
                if depth > limit:
                    return event.start_mark.line + 1, event.start_mark.column + 1
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                depth -= 1
    except (YAMLError, ValueError, TypeError):
        return None
    return None


_DATE_LIKE = re.compile(r"(?<![\w.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w.:-])")


def impossible_date(text: str) -> tuple[int, int, str] | None:
    """Line, column and text of the first ``YYYY-MM-DD`` that is no day of the calendar (2021-02-30)."""
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _DATE_LIKE.finditer(line):
            try:
                dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return number, match.start() + 1, match.group(0)
    return None


def escaped_control(data: Any, where: tuple[Any, ...] = ()) -> tuple[str, tuple[Any, ...]] | None:
    """The first character no book text may hold (support.text) in a key or value, and where: a YAML
    escape ("\\0", "\\u202e") writes what the file itself may not contain."""
    return _first_in_strings(data, control_character, where)


def unseen_value(data: Any) -> tuple[str, tuple[Any, ...]] | None:
    """The first key or value made only of characters that draw nothing (``"\\u200b"``, a Hangul filler), and
    where: a title or a name that passes for written and prints as nothing (E540)."""
    return _first_in_strings(data, invisible_only, ())


def report_unseen(report: Report, char: str, path: Path, place: tuple[int | None, int | None]) -> None:
    """E540 (every YAML file of the book: settings, front matter, name map, sources and edits)."""
    report.error("E540", unseen_problem(char), path, *place)


def _first_in_strings(data: Any, find: Callable[[str], str | None], where: tuple[Any, ...],
                      seen: set[int] | None = None) -> tuple[str, tuple[Any, ...]] | None:
    """The first string in ``data`` (keys and values) ``find`` finds something in, and where. Each mapping and
    list is visited once: YAML aliases share one object, so nine lines of ``&b [*a, *a, …]`` are a billion
    strings as a tree and ninety as the document (walked as a tree, a chapter's front matter ran for hours)."""
    seen = set() if seen is None else seen
    if isinstance(data, str):
        char = find(data)
        return (char, where) if char is not None else None
    if not isinstance(data, (dict, list)) or id(data) in seen:
        return None
    seen.add(id(data))
    if isinstance(data, dict):
        for key, value in data.items():
            found = _first_in_strings(key, find, where, seen) or _first_in_strings(value, find, (*where, key), seen)
            if found is not None:
                return found
    else:
        for index, value in enumerate(data):
            found = _first_in_strings(value, find, (*where, index), seen)
            if found is not None:
                return found
    return None


def quick_validate(model: type[M], text: str, context: dict[str, Any] | None = None,
                   whole: bool = False) -> M | None:
    """Read and validate with ruamel's C loader, or ``None`` if anything is wrong.

    The fast path for the many small YAML blocks of a long book (every chapter's
    front matter) and for book.yaml: a clean block is read without the round-trip loader; on any
    problem the caller falls back to :func:`parse_yaml` and :func:`validate`,
    which locate every error. ``whole``: a file :func:`parse_yaml` would hold to every one of its
    limits (a very long word, too many values), so that nothing it would refuse passes here.
    """
    from ruamel.yaml.error import YAMLError

    try:
        if depth_beyond(text) is not None:       # the C loader crashes on deep nesting: parse_yaml says where
            return None
        if whole and (long_word(text) is not None or node_beyond(text, MAX_NODES) is not None):
            return None
        data = safe_yaml().load(text)
        if escaped_control(data) is not None or unseen_value(data) is not None \
                or whole and not isinstance(data, dict):
            return None
        return model.model_validate(data if data is not None else {}, context=context)
    except (YAMLError, ValidationError, *CONSTRUCTOR_FAILURES):
        return None


def position(node: Any, loc: tuple[Any, ...], line_offset: int = 0) -> tuple[int | None, int | None]:
    """Find the line and column (1-based) of the value at ``loc`` inside a ruamel tree.

    Falls back to the nearest enclosing node that has a position, so every error
    gets a line even when it is about a missing key.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    best: tuple[int | None, int | None] = (None, None)
    current = node
    for key in loc:
        if isinstance(current, CommentedMap) and key in current:
            ln, col = current.lc.key(key)
            best = (ln + 1 + line_offset, col + 1)
            current = current[key]
        elif isinstance(current, CommentedSeq) and isinstance(key, int) and 0 <= key < len(current):
            ln, col = current.lc.item(key)
            best = (ln + 1 + line_offset, col + 1)
            current = current[key]
        else:
            if best == (None, None) and hasattr(current, "lc"):
                best = (current.lc.line + 1 + line_offset, current.lc.col + 1)
            break
    return best


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The valid keys of the (sub)model that ``loc`` points into, for did-you-mean."""
    current: Any = model
    for key in loc:
        if isinstance(key, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields:
            return []
        field = None
        for name, info in fields.items():
            if key in (name, info.alias):
                field = info
                break
        if field is None:
            break
        current = _inner_model(field.annotation)
    fields = getattr(current, "model_fields", {})
    return [info.alias or name for name, info in fields.items()]


# What to write, for the errors whose library wording would not say it (pydantic's error types).
_WHAT_TO_WRITE = {
    "date_from_datetime_parsing": "a real date written YYYY-MM-DD", "date_parsing": "a real date written YYYY-MM-DD",
    "date_type": "a real date written YYYY-MM-DD", "date_from_datetime_inexact": "a real date written YYYY-MM-DD",
    "bool_parsing": "true or false", "bool_type": "true or false",
    "int_parsing": "a whole number", "int_type": "a whole number", "int_from_float": "a whole number",
    "float_parsing": "a number", "float_type": "a number",
    "string_type": "text",
    "list_type": "a list, one item per line starting with '- '",
    "dict_type": "a mapping of keys to values", "model_type": "a mapping of keys to values",
}


def _field(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """The pydantic FieldInfo that ``loc`` ends at, or None."""
    current: Any = model
    found = None
    for key in loc:
        if isinstance(key, int):
            continue
        fields = getattr(current, "model_fields", None) or {}
        found = next((info for name, info in fields.items() if key in (name, info.alias)), None)
        if found is None:
            return None
        current = _inner_model(found.annotation)
    return found


def _what_to_write(err: dict[str, Any], model: type[BaseModel], loc: tuple[Any, ...]) -> str | None:
    """``'english' is not a language tag such as en or en-GB``: the value and what to write instead."""
    if err["type"] == "string_too_short":
        return "it may not be empty"
    if err["type"] == "value_error":
        return None             # a validator's own words say what is wrong and what to write
    if err["type"] in ("literal_error", "enum"):
        return _choice_hint(err)
    if err["type"] == "string_too_long":
        return f"it is {len(str(err.get('input', ''))):,} characters long; at most {err['ctx']['max_length']:,}"
    field = _field(model, loc)
    extra = field.json_schema_extra if field is not None and isinstance(field.json_schema_extra, dict) else {}
    write = extra.get("write") or _WHAT_TO_WRITE.get(err["type"])
    if write is None:
        return None
    value = err.get("input")
    shown = f"{value!r}" if isinstance(value, (str, int, float, bool)) else "this value"
    return f"{shown} is not {write}"


def _choice_hint(err: dict[str, Any]) -> str:
    """``'edtor' is not one of editor, author, …; did you mean 'editor'?``: the choices, and the one
    closest to what was written (a misspelling, or the same word in capitals)."""
    expected = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
    value = err.get("input")
    shown = f"{value!r}" if isinstance(value, (str, int, float, bool)) else "this value"
    close = did_you_mean(str(value).lower(), expected) if isinstance(value, str) and expected else None
    hint = f"; did you mean '{close}'?" if close else ""
    return f"{shown} is not one of {', '.join(expected)}{hint}" if expected else f"{shown}: {err['msg']}"


def _inner_model(annotation: Any) -> Any:
    """Dig a BaseModel out of ``list[X]``, ``X | None`` and friends."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _loc_text(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for key in loc:
        if isinstance(key, int):
            parts.append(f"[{key}]")
        else:
            parts.append(("." if parts else "") + str(key))
    return "".join(parts)


SchemaCodes = tuple[str, str, str]   # the caller's codes for: an unknown key, a missing key, a bad value


def validate(model: type[M], data: Any, path: Path, report: Report, codes: SchemaCodes,
             line_offset: int = 0, context: dict[str, Any] | None = None) -> M | None:
    """Validate ``data`` against ``model``; report every error with its position, under the caller's codes.
    ``context`` is pydantic's validation context, for validators that take one."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        errors = [(err, tuple(k for k in err["loc"] if not (isinstance(k, str) and k.startswith("function-"))))
                  for err in exc.errors()]
        misspelt = _misspelt_keys(errors, model)
        for err, loc in errors:
            if err["type"] == "missing" and loc in misspelt:
                continue        # the unknown key's did-you-mean names it: one mistake, one line
            line, col = position(data, loc, line_offset)
            report.items.append(_diagnostic_for(err, loc, model, path, line, col, codes))
        return None


def _misspelt_keys(errors: list[tuple[dict[str, Any], tuple[Any, ...]]], model: type[BaseModel]) -> set:
    """The places of missing keys that an unknown key beside them is a misspelling of (``titel`` for
    ``title``): the unknown key's message says both, so the missing key is not reported again."""
    found = set()
    for err, loc in errors:
        if err["type"] == "extra_forbidden":
            close = did_you_mean(str(loc[-1]), _allowed_keys(model, loc[:-1]))
            if close is not None:
                found.add((*loc[:-1], close))
    return found


def _diagnostic_for(err: dict[str, Any], loc: tuple[Any, ...], model: type[BaseModel],
                    path: Path, line: int | None, col: int | None, codes: SchemaCodes):
    from book.support.diagnostics import Diagnostic, Severity

    kind = err["type"]
    where = _loc_text(loc)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_keys(model, loc[:-1])
        close = did_you_mean(key, allowed)
        hint = f"; did you mean '{close}'?" if close else (
            f"; valid keys: {', '.join(sorted(allowed))}" if allowed else "")
        return Diagnostic(codes[0], Severity.ERROR, f"unknown key '{where}'{hint}", path, line, col)
    if kind == "missing":
        return Diagnostic(codes[1], Severity.ERROR, f"missing required key '{where}'", path, line, col)
    msg = _what_to_write(err, model, loc) or err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    return Diagnostic(codes[2], Severity.ERROR, f"'{where}': {msg}", path, line, col)


def config_position(path: Path, loc: tuple[Any, ...]) -> tuple[int | None, int | None]:
    """Line and column of a key in a YAML file already validated, for problems found later."""
    try:
        data = parse_yaml(path.read_text(encoding="utf-8-sig"), path, Report())
    except (OSError, UnicodeDecodeError):
        return None, None
    return position(data, loc) if data is not None else (None, None)
