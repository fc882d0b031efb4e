"""The GIFT import corpus (tests/data/gift): each NAME.gift has NAME.yaml saying what the
reader must make of it. Only the keys an expectation lists are compared, so one file can
focus on weights and another on escapes. gift-pegjs (npm) must agree on the question
types, which guards against our reader inventing its own GIFT dialect.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from quizengine import load_quiz
from quizengine.lms import import_text

from .support import ROOT, need_gift_pegjs, parse_with_gift_pegjs

CORPUS = ROOT / "tests" / "data" / "gift"
FILES = sorted(CORPUS.glob("*.gift"))
_PEG_KIND = {
    "single": "MC",
    "multiple": "MC",
    "true_false": "TF",
    "short_text": "Short",
    "numeric": "Numerical",
    "matching": "Matching",
    "star": "Essay",
    "text": "Essay",
}


def _expectations(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _import(path: Path, tmp_path: Path) -> tuple[dict[str, Any], list[str]]:
    result = import_text(path.read_text(encoding="utf-8"), "gift", quiz_id=path.stem, title="T")
    out = tmp_path / f"{path.stem}.yaml"
    out.write_text(result.yaml_text, encoding="utf-8")
    quiz = load_quiz(out)
    return quiz.model_dump(mode="json"), [n.format() for n in result.notes]


def _matches(expected: Any, actual: Any, where: str) -> None:
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        for key, value in expected.items():
            _matches(value, actual.get(key), f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), (where, actual)
        for index, (want, got) in enumerate(zip(expected, actual, strict=True)):
            _matches(want, got, f"{where}[{index}]")
    elif isinstance(expected, float | int) and not isinstance(expected, bool):
        assert actual == pytest.approx(expected), where
    else:
        assert actual == expected, (where, actual)


def test_the_corpus_covers_every_file() -> None:
    assert {p.stem for p in FILES} >= {"basics", "escapes", "weights", "formats"}
    for path in FILES:
        assert path.with_suffix(".yaml").is_file(), f"{path.name} has no expectations"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_gift_file_imports_as_expected(path: Path, tmp_path: Path) -> None:
    expected = _expectations(path)
    quiz, notes = _import(path, tmp_path)
    by_id = {q["id"]: q for q in quiz["questions"]}
    wanted = [q["id"] for q in expected["questions"]]
    assert [q for q in by_id if q in wanted] == wanted, list(by_id)
    for question in expected["questions"]:
        _matches(question, by_id[question["id"]], question["id"])
    for fragment in expected.get("notes", []):
        assert any(fragment in note for note in notes), (fragment, notes)


# Files marked `independent: false` use syntax gift-pegjs cannot read (see their expectations).
READABLE = [p for p in FILES if _expectations(p).get("independent") is not False]


@pytest.mark.parametrize("path", READABLE, ids=[p.stem for p in READABLE])
def test_gift_pegjs_agrees_on_question_types(path: Path, tmp_path: Path) -> None:
    need_gift_pegjs()
    quiz, _ = _import(path, tmp_path)
    theirs = [
        q
        for q in parse_with_gift_pegjs(path.read_text(encoding="utf-8"))
        if q["type"] not in ("Category", "Description")
    ]
    titles = {q.get("title"): q["type"] for q in theirs}
    for question in quiz["questions"]:
        if question["id"] in titles:
            assert titles[question["id"]] == _PEG_KIND[question["type"]], question["id"]
    assert len(theirs) == len(quiz["questions"])  # every essay imports, as star or text
