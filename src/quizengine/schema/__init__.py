"""JSON Schema of a quiz file, generated from the models; the committed copy is for editors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..models import Quiz

SCHEMA_PATH = Path(__file__).with_name("quiz.schema.json")
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def quiz_json_schema() -> dict[str, Any]:
    schema = Quiz.model_json_schema(mode="validation")
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": "https://quizengine.invalid/schema/quiz.schema.json",
        "title": "quizengine quiz file",
        "description": "One quiz per YAML file. See the quiz format contract (quiz-format.md).",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def schema_text() -> str:
    return json.dumps(quiz_json_schema(), indent=2, ensure_ascii=False) + "\n"
