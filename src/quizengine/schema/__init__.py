"""JSON Schema of a quiz file, generated from the models; the committed copy is for editors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..models import Quiz
from ..models.bank import Bank
from ..models.module import Module

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "quiz": (Quiz, "One quiz per YAML file (see the quiz format contract, quiz-format.md)."),
    "module": (Module, "A module manifest, quizzes/<module>/module.yaml."),
    "bank": (Bank, "A question bank (kind: bank) that quizzes draw from with bank:."),
}


def json_schema(kind: str = "quiz") -> dict[str, Any]:
    model, description = SCHEMAS[kind]
    schema = model.model_json_schema(mode="validation")
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://quizengine.invalid/schema/{kind}.schema.json",
        "title": f"quizengine {kind} file",
        "description": description,
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def schema_path(kind: str = "quiz") -> Path:
    """The committed copy editors point at (`# yaml-language-server: $schema=...`)."""
    return Path(__file__).with_name(f"{kind}.schema.json")


def schema_text(kind: str = "quiz") -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
