"""Pydantic errors -> `path:line:col` diagnostics written for people.

Messages are chosen by pydantic's error *type* (never by its wording), and the location is
mapped back to the YAML node through `SourceDocument.position`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any, get_args

from pydantic import BaseModel, Field, TypeAdapter, ValidationError, create_model
from pydantic_core import ErrorDetails
from pydantic_core.core_schema import ErrorType

from .errors import MAX_DIAGNOSTICS_PER_FILE, Diagnostic, cap_diagnostics
from .models import Item, Option, Pair, Question, Quiz, RubricCriterion, TextAnswer
from .models.questions import QUESTION_CLASSES as _QUESTION_CLASSES
from .models.questions import QUESTION_TYPES
from .source import SourceDocument

_LIST_ITEM_MODELS: dict[str, type[BaseModel]] = {
    "options": Option,
    "items": Item,
    "distractors": Item,
    "answers": TextAnswer,
    "pairs": Pair,
    "rubric": RubricCriterion,
}
_TEXT_OR_MAPPING = {"items", "distractors", "answers"}
# pydantic's own error types: their wording is pydantic's, so it is never shown as it is.
# Any other type is one of our models' rules (PydanticCustomError), already worded for people.
_PYDANTIC_TYPES = frozenset(get_args(ErrorType))

# Past this many errors pydantic's error list (a dict per error) costs more time and memory
# than the file itself: the quiz is then checked in pieces, each question on its own, and
# only the first problems are described; the rest are counted with `error_count()`.
WHOLE_ERROR_LIST = 1_000
_QUESTION = TypeAdapter(Question)
# The quiz's own keys with its questions left unchecked (they are checked one by one).
_QUIZ_HEAD = create_model(
    "QuizHead",
    __config__=Quiz.model_config,
    **{  # type: ignore[call-overload]
        name: (info.annotation, info)
        for name, info in Quiz.model_fields.items()
        if name != "questions"
    },
    questions=(list[Any], Field(min_length=1)),
)


def describe(value: Any) -> str:
    """How a YAML author would name a value they wrote.

    Not `grading.common.json_type`: that names a JSON value for whoever wrote a response
    ("an object", "null"), while a quiz author wrote YAML and reads "a mapping", "nothing"
    and the value itself, which points at the line they must fix.
    """
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{short}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _walk(data: Any, loc: Iterable[int | str]) -> tuple[Any, tuple[int | str, ...]]:
    """Follow a pydantic loc through the data, skipping the parts that are not in it.

    Returns the value reached and the parts that were real keys or indices; the others
    are union tags and validator names that pydantic adds to the path.
    """
    real: list[int | str] = []
    for part in loc:
        if isinstance(data, dict) and isinstance(part, str) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(data, dict | list):
            continue
        else:
            return None, tuple(real)
        real.append(part)
    return data, tuple(real)


def _data_at(data: Any, loc: Iterable[int | str]) -> Any:
    return _walk(data, loc)[0]


def _allowed_keys(data: Any, loc: tuple[int | str, ...]) -> list[str]:
    """The keys valid at the mapping that holds loc's last element."""
    container = loc[:-1]
    names = [p for p in container if isinstance(p, str) and p not in _QUESTION_CLASSES]
    last = names[-1] if names else None
    if last in _LIST_ITEM_MODELS and isinstance(container[-1], int):
        return list(_LIST_ITEM_MODELS[last].model_fields)
    if last == "questions":
        question = _data_at(data, container)
        kind = question.get("type") if isinstance(question, dict) else None
        if isinstance(kind, str) and kind in _QUESTION_CLASSES:
            return list(_QUESTION_CLASSES[kind].model_fields)
        return sorted({f for c in _QUESTION_CLASSES.values() for f in c.model_fields})
    if not names:
        return list(Quiz.model_fields)
    return []


def _suggest(word: str, choices: Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _field(data: Any, loc: tuple[int | str, ...]) -> str:
    names = [p for p in _walk(data, loc)[1] if isinstance(p, str)]
    return names[-1] if names else "value"


def _message(err: ErrorDetails, data: Any) -> tuple[str, tuple[int | str, ...], bool]:
    """Return (message, loc to point at, point at the key rather than the value)."""
    kind, loc, value = err["type"], tuple(err["loc"]), err.get("input")
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    name = _field(data, loc)
    if kind == "missing":
        return f"missing required key '{loc[-1]}'", loc[:-1], False
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_keys(data, loc)
        return f"unknown key '{key}'{_suggest(key, allowed)}", loc, True
    if kind == "union_tag_invalid":
        tag = str(ctx.get("tag"))
        expected = ", ".join(QUESTION_TYPES)
        return (
            f"unknown question type '{tag}'{_suggest(tag, QUESTION_TYPES)}; "
            f"expected one of: {expected}",
            (*loc, "type"),
            False,
        )
    if kind == "union_tag_not_found":
        return f"question needs a 'type': one of {', '.join(QUESTION_TYPES)}", loc, False
    if "at" in ctx:  # our own cross-field rules name the exact sub-node
        return err["msg"], (*loc, *ctx["at"]), False
    if name == "tolerance":
        return (
            f"tolerance must be a number (0 or more) or a percentage like '5%', "
            f"found {describe(value)}",
            loc,
            False,
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if name in _TEXT_OR_MAPPING:
            return f"expected text or a mapping with 'text', found {describe(value)}", loc, False
        return f"'{name}' should be a mapping of keys, found {describe(value)}", loc, False
    if kind == "string_type":
        hint = " (put it in quotes to make it text)" if isinstance(value, int | float) else ""
        return f"'{name}' should be text, found {describe(value)}{hint}", loc, False
    if kind == "bool_type":
        return f"'{name}' should be true or false, found {describe(value)}", loc, False
    if kind in ("int_type", "int_from_float", "int_parsing"):
        return f"'{name}' should be a whole number, found {describe(value)}", loc, False
    if kind in ("float_type", "float_parsing", "finite_number"):
        return f"'{name}' should be a number, found {describe(value)}", loc, False
    if kind == "list_type":
        return f"'{name}' should be a list, found {describe(value)}", loc, False
    if kind == "too_short":
        return (
            f"'{name}' needs at least {ctx.get('min_length')} entries, "
            f"found {ctx.get('actual_length')}",
            loc,
            False,
        )
    if kind == "string_too_short":
        return f"'{name}' must not be empty", loc, False
    if kind == "string_pattern_mismatch":
        return (
            f"'{value}' is not a valid id: use lowercase letters, digits and hyphens, "
            "starting with a letter or digit",
            loc,
            False,
        )
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = next(iter(ctx.values()), "?")
        words = {
            "greater_than": "greater than",
            "greater_than_equal": "at least",
            "less_than": "less than",
            "less_than_equal": "at most",
        }[kind]
        return f"'{name}' must be {words} {bound}, found {describe(value)}", loc, False
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",")]
        suggestion = _suggest(value, choices) if isinstance(value, str) else ""
        return (
            f"'{name}' must be one of {expected}, found {describe(value)}{suggestion}",
            loc,
            False,
        )
    if kind in _PYDANTIC_TYPES:
        return f"'{name}' cannot be {describe(value)} here", loc, False
    return err["msg"], loc, False


_JSON_EXPECTED = {
    "dict_type": "an object",
    "model_type": "an object",
    "model_attributes_type": "an object",
    "list_type": "a list",
    "string_type": "text",
    "bool_type": "true or false",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
}
_BOUNDS = {
    "greater_than": "greater than",
    "greater_than_equal": "at least",
    "less_than": "less than",
    "less_than_equal": "at most",
}


def _json_value(value: Any) -> str:
    """How a JSON file's author would name a value."""
    if value is None or isinstance(value, bool):
        return "null" if value is None else str(value).lower()
    if isinstance(value, dict):
        return "an object"
    return describe(value)


def plain_message(exc: ValidationError) -> str:
    """The first problem of a JSON input rejected whole (a response file, a grade result), in
    our words and saying where, so that pydantic's own message never reaches a user."""
    err = exc.errors(include_url=False)[0]
    kind, loc, value = err["type"], tuple(err["loc"]), err.get("input")
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
    if kind == "missing":
        parent = where.rpartition(".")[0] if "." in where else ""
        return f"missing required key '{loc[-1]}'" + (f" in '{parent}'" if parent else "")
    if kind in _JSON_EXPECTED:
        return f"'{where}' should be {_JSON_EXPECTED[kind]}, found {_json_value(value)}"
    if kind == "literal_error":
        return f"'{where}' must be one of {ctx.get('expected')}, found {_json_value(value)}"
    if kind in _BOUNDS:
        bound = next(iter(ctx.values()), "?")
        return f"'{where}' must be {_BOUNDS[kind]} {bound}, found {_json_value(value)}"
    if kind in _PYDANTIC_TYPES:
        return f"'{where or 'the file'}' cannot be {_json_value(value)}"
    return err["msg"]


def _question_prefix(data: Any, loc: tuple[int | str, ...]) -> str:
    if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
        question = _data_at(data, loc[:2])
        if isinstance(question, dict) and isinstance(question.get("id"), str):
            return f"question '{question['id']}': "
        return f"question {loc[1] + 1}: "
    return ""


def _misspelt_keys(
    errors: list[ErrorDetails],
) -> dict[tuple[int | str, ...], tuple[int | str, ...]]:
    """Unknown key -> the missing required key it misspells, in the same mapping.

    `sumary:` for `summary:` is one mistake, which pydantic reports twice (an unknown key and
    a missing one): only the unknown key is reported, naming the key that was meant.
    """
    missing: dict[tuple[int | str, ...], list[str]] = {}
    for err in errors:
        if err["type"] == "missing" and isinstance(err["loc"][-1], str):
            missing.setdefault(tuple(err["loc"][:-1]), []).append(err["loc"][-1])
    out: dict[tuple[int | str, ...], tuple[int | str, ...]] = {}
    if not missing:
        return out
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] != "extra_forbidden" or not isinstance(loc[-1], str):
            continue
        wanted = [k for k in missing.get(loc[:-1], []) if (*loc[:-1], k) not in out.values()]
        match = difflib.get_close_matches(loc[-1], wanted, n=1, cutoff=0.6)
        if match:
            out[loc] = (*loc[:-1], match[0])
    return out


def from_validation_error(exc: ValidationError, doc: SourceDocument) -> list[Diagnostic]:
    """Every pydantic error as one diagnostic, the per-file cap applied."""
    listed, unlisted, _ = validation_diagnostics(exc, doc)
    return cap_diagnostics(listed, more=unlisted)


def quiz_diagnostics(
    exc: ValidationError, doc: SourceDocument, *, room: int = MAX_DIAGNOSTICS_PER_FILE
) -> tuple[list[Diagnostic], int, set[str]]:
    """`validation_diagnostics` for a whole quiz, in pieces when the errors are legion."""
    total = exc.error_count()
    questions = doc.data.get("questions") if isinstance(doc.data, dict) else None
    if total <= WHOLE_ERROR_LIST or not isinstance(questions, list):
        return validation_diagnostics(exc, doc, room=room)
    out: list[Diagnostic] = []
    kinds: set[str] = set()
    try:
        _QUIZ_HEAD.model_validate(doc.data)
    except ValidationError as head:
        listed, _, kinds = validation_diagnostics(head, doc, room=room)
        out.extend(listed)
    for index, question in enumerate(questions):
        if len(out) >= room:
            break
        try:
            _QUESTION.validate_python(question)
        except ValidationError as problem:
            listed, _, found = validation_diagnostics(
                problem, doc, room=room - len(out), prefix=("questions", index)
            )
            out.extend(listed)
            kinds |= found
    return out, max(0, total - len(out)), kinds


def validation_diagnostics(
    exc: ValidationError,
    doc: SourceDocument,
    *,
    room: int = MAX_DIAGNOSTICS_PER_FILE,
    prefix: tuple[int | str, ...] = (),
) -> tuple[list[Diagnostic], int, set[str]]:
    """At most `room` diagnostics, deduplicated per node and message, how many more, and the
    error types seen (pydantic builds the error list once; it is the costly part).

    Past `room` the errors are only counted (by location and kind), never described or
    located, so a file with 50,000 errors costs little more than the text it is made of.
    """
    out: list[Diagnostic] = []
    seen: set[tuple[int, int, str]] = set()
    unlisted: set[tuple[tuple[int | str, ...], str]] = set()
    kinds: set[str] = set()
    errors = exc.errors(include_url=False)
    misspelt = _misspelt_keys(errors)
    for err in errors:
        if prefix:
            err["loc"] = (*prefix, *err["loc"])
        kinds.add(err["type"])
        if len(out) >= room:
            unlisted.add((tuple(err["loc"]), err["type"]))
            continue
        if err["type"] == "missing" and tuple(err["loc"][len(prefix) :]) in misspelt.values():
            continue  # the misspelt key's own line says it (one mistake, one message)
        meant = misspelt.get(tuple(err["loc"][len(prefix) :]))
        if meant is not None:
            key = err["loc"][-1]
            message, loc, at_key = (
                f"unknown key '{key}' (did you mean '{meant[-1]}'?)",
                tuple(err["loc"]),
                True,
            )
        else:
            message, loc, at_key = _message(err, doc.data)
        line, col = doc.position(loc, key=at_key)
        text = _question_prefix(doc.data, tuple(err["loc"])) + message
        if (line, col, text) not in seen:
            seen.add((line, col, text))
            out.append(Diagnostic(doc.path, line, col, text))
    return out, len(unlisted), kinds
