"""The format reference: Markdown tables generated from the models and the CLI parser.

The models' field descriptions are the one place field text is written; the docs hold copies
between `<!-- BEGIN generated: NAME -->` and `<!-- END generated -->` markers, which
`quizengine reference --write` rewrites and a test keeps fresh.
"""

from __future__ import annotations

import argparse
import re
import types
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from .models import (
    Criterion,
    GradeResult,
    Item,
    Option,
    Pair,
    QuestionResult,
    Quiz,
    Response,
    RubricCriterion,
    TextAnswer,
)
from .models.bank import Bank
from .models.base import Markdown, Slug
from .models.module import Chapter, ChapterLike, Module, PassRequirements
from .models.questions import (
    QUESTION_CLASSES,
    TYPE_DESCRIPTION,
    AnswerLike,
    ItemLike,
    Question,
    QuestionBase,
)
from .models.quiz import BankDraw, BankList
from .models.results import Advice, Check, Rating

# The docs pages holding generated blocks, relative to the project root.
PAGES = ("docs/instructors/question-types.md", "docs/instructors/reference.md")

_BLOCK = re.compile(
    r"(?P<begin><!-- BEGIN generated: (?P<name>[a-z0-9_-]+) -->\n)(?P<body>.*?)"
    r"(?P<end><!-- END generated -->)",
    re.S,
)

# How a model is named inside another table's type column.
_NAMES: dict[type[BaseModel], str] = {
    Option: "option",
    Item: "item",
    TextAnswer: "answer",
    Pair: "pair",
    RubricCriterion: "rubric criterion",
    Chapter: "chapter",
    BankDraw: "bank entry",
    PassRequirements: "pass requirements",
    QuestionResult: "question result",
    Check: "check",
    Advice: "advice",
    Rating: "rating",
}
# Aliases that also accept a shorter form, named as authors write them.
_ALIASES: dict[object, str] = {
    Markdown: "Markdown text",
    Question: "question",
    Slug: "id",
    ItemLike: "item (or just its text)",
    AnswerLike: "answer (or just its text)",
    ChapterLike: "chapter (or just its page)",
    BankList: "bank id, bank entry, or list of bank ids and bank entries",
}


def type_words(hint: Any) -> str:
    """A type as an author says it: "list of option", "true or false", "one of `a`, `b`"."""
    for alias, words in _ALIASES.items():
        if hint == alias:
            return words
    origin = get_origin(hint)
    if origin is Annotated:
        return type_words(get_args(hint)[0])
    if origin is Literal:
        values = [f"`{v}`" for v in get_args(hint)]
        return values[0] if len(values) == 1 else "one of " + ", ".join(values)
    if origin in (Union, types.UnionType):
        parts = [type_words(a) for a in get_args(hint) if a is not type(None)]
        return " or ".join(dict.fromkeys(parts))
    if origin is list:
        return f"list of {type_words(get_args(hint)[0])}"
    if origin is dict:
        key, value = get_args(hint)
        return f"mapping of {type_words(key)} to {type_words(value)}"
    if hint is bool:
        return "true or false"
    if hint is int:
        return "whole number"
    if hint is float:
        return "number"
    if hint is str:
        return "text"
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return _NAMES.get(hint, hint.__name__.lower())
    return "any value"


def _value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, float) and value.is_integer():
        return f"`{int(value)}`"
    if isinstance(value, list | dict) and not value:
        return "none"
    if isinstance(value, BaseModel):
        return "see its table"
    return f"`{value}`"


def _default(info: FieldInfo) -> str:
    if info.default_factory is not None:
        return _value(info.default_factory())  # type: ignore[call-arg]
    if info.default is PydanticUndefined:
        return ""
    return _value(info.default)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _row(key: str, required: bool, kind: str, default: str, meaning: str) -> str:
    cells = [f"`{key}`", "yes" if required else "no", kind, default, meaning]
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def model_table(model: type[BaseModel], *, skip: Iterable[str] = (), only_own: bool = False) -> str:
    """One row per field: key, required, type, default and the field's description."""
    hints = get_type_hints(model, include_extras=True)
    inherited = set(QuestionBase.model_fields) if only_own else set()
    rows = ["| key | required | type | default | meaning |", "|---|---|---|---|---|"]
    for name, info in model.model_fields.items():
        if name in skip or name in inherited:
            continue
        rows.append(
            _row(
                name,
                info.is_required(),
                type_words(hints[name]),
                _default(info),
                info.description or "",
            )
        )
    return "\n".join(rows) + "\n"


def _question_common() -> str:
    table = model_table(QuestionBase)
    head, rule, *rows = table.splitlines()
    kinds = "one of " + ", ".join(f"`{name}`" for name in QUESTION_CLASSES)
    types_row = _row("type", True, kinds, "", TYPE_DESCRIPTION)
    return "\n".join([head, rule, rows[0], types_row, *rows[1:]]) + "\n"


def _type_table(name: str) -> Callable[[], str]:
    return lambda: model_table(QUESTION_CLASSES[name], skip=("type",), only_own=True)


def cli_reference(parser: argparse.ArgumentParser) -> str:
    """Every subcommand: its usage line, what it does, and a table of its arguments."""
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {choice.dest: choice.help or "" for choice in sub._choices_actions}
    out: list[str] = []
    for name, command in sub.choices.items():
        usage = " ".join(command.format_usage().split())[len("usage: ") :]
        out += [f"### `quizengine {name}`", "", f"`{usage}`", ""]
        text = command.description or helps.get(name, "")
        out += [_cell(text[:1].upper() + text[1:]), ""]
        arguments = [a for a in command._actions if not isinstance(a, argparse._HelpAction)]
        if arguments:
            out += ["| argument | meaning |", "|---|---|"]
            for action in arguments:
                label = ", ".join(action.option_strings) or (action.metavar or action.dest)
                if action.option_strings and action.nargs != 0:
                    label += f" {action.metavar or action.dest.upper()}"
                out.append(f"| `{_cell(str(label))}` | {_cell(action.help or '')} |")
            out.append("")
    return "\n".join(out)


def _cli() -> str:
    from .cli import build_parser

    return cli_reference(build_parser())


BLOCKS: dict[str, Callable[[], str]] = {
    "quiz": lambda: model_table(Quiz),
    "question": _question_common,
    **{f"type-{name}": _type_table(name) for name in QUESTION_CLASSES},
    "option": lambda: model_table(Option),
    "item": lambda: model_table(Item),
    "answer": lambda: model_table(TextAnswer),
    "pair": lambda: model_table(Pair),
    "rubric": lambda: model_table(RubricCriterion),
    "criterion": lambda: model_table(Criterion),
    "module": lambda: model_table(Module),
    "bank": lambda: model_table(Bank),
    "bank-entry": lambda: model_table(BankDraw),
    "chapter": lambda: model_table(Chapter),
    "pass-requirements": lambda: model_table(PassRequirements),
    "response": lambda: model_table(Response),
    "result": lambda: model_table(GradeResult),
    "question-result": lambda: model_table(QuestionResult),
    "check": lambda: model_table(Check),
    "advice": lambda: model_table(Advice),
    "rating": lambda: model_table(Rating),
    "cli": _cli,
}


class UnknownBlock(ValueError):
    """A marker names a block the generator does not know (a typo in the docs)."""


def sync(text: str) -> str:
    """The page with every generated block rewritten from the models."""

    def fill(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in BLOCKS:
            raise UnknownBlock(f"unknown generated block '{name}' (known: {', '.join(BLOCKS)})")
        return f"{match['begin']}{BLOCKS[name]()}{match['end']}"

    return _BLOCK.sub(fill, text)


def stale_pages(root: Path, *, write: bool = False) -> list[Path]:
    """The docs pages whose generated blocks are out of date (rewritten when `write`)."""
    stale = []
    for page in PAGES:
        path = root / page
        text = path.read_text(encoding="utf-8")
        updated = sync(text)
        if updated != text:
            stale.append(path)
            if write:
                path.write_text(updated, encoding="utf-8")
    return stale
