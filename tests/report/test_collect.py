"""Reading exports: every bad file gets one clear line, duplicates count once, the rest goes on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from quizengine import Quiz, load_quiz
from quizengine.report import Graded, analyse, collect
from quizengine.report.collect import MAX_BYTES

DATA = Path(__file__).resolve().parents[1] / "data" / "report"


@pytest.fixture(scope="module")
def quizzes() -> dict[str, Quiz]:
    quiz = load_quiz(DATA / "quizzes" / "hand-class.yaml")
    return {quiz.id: quiz}


def test_malformed_files_are_skipped_with_one_line_each(quizzes: dict[str, Quiz]) -> None:
    folder = DATA / "malformed"
    results, problems = collect([folder], quizzes)
    lines = [p.format().replace(str(folder), "M") for p in problems]
    assert lines == [
        "M/answers-not-object.json: skipped: malformed response: "
        "'answers' should be an object, found a list",
        "M/array.json: skipped: expected a JSON object, found an array",
        "M/future-export.json: skipped: progress export version 2 is not supported (expected 1)",
        "M/invalid-utf8.json: skipped: not UTF-8 text, so not a JSON export",
        "M/mixed-export.json: skipped: entry 2 of the progress export: "
        "quiz 'hand-class' has no question 'q7'",
        "M/not-json.json: skipped: not valid JSON (line 1, column 1: Expecting value)",
        "M/nothing-presented.json: skipped: no question was presented ('presented' is empty)",
        "M/stale-result.json: skipped: grade result: question 'q2' is worth 2 points in the "
        "quiz but 1 in the result (was the quiz edited since?)",
        "M/unknown-question.json: skipped: quiz 'hand-class' has no question 'q9'",
        "M/unknown-quiz.json: skipped: unknown quiz 'no-such-quiz' "
        "(no quiz with that id was loaded)",
        "M/wrong-shape.json: skipped: not a response, a progress export or a grade result "
        "(a response needs 'quiz' and 'answers')",
    ]
    # Still analysed: an answer of the wrong shape (scored invalid, spec §3) and the good
    # entry of the mixed export.
    assert sorted(Path(getattr(r, "source", "")).name for r in results) == [
        "invalid-answer.json",
        "mixed-export.json",
    ]
    (stats,) = analyse(results, quizzes).quizzes
    q1 = stats.questions[0].distractors
    assert q1 is not None and (q1.n, q1.invalid) == (2, 1)
    assert {o.id: o.count for o in q1.options} == {"a": 0, "b": 1, "c": 0, "d": 0}


def test_duplicates_are_reported_and_counted_once(tmp_path: Path, quizzes: dict[str, Quiz]) -> None:
    shutil.copytree(DATA / "class", tmp_path / "class")
    shutil.copy(DATA / "class" / "L3.json", tmp_path / "class" / "L3 (1).json")
    shutil.copy(DATA / "class" / "L8-grade-result.json", tmp_path / "copy-of-L8.json")
    results, problems = collect([tmp_path], quizzes)
    assert len(results) == 8
    assert [(Path(p.path).name, p.kind, p.reason.split("/")[-1]) for p in problems] == [
        ("L3.json", "duplicate", "L3 (1).json"),
        ("copy-of-L8.json", "duplicate", "L8-grade-result.json"),
    ]
    assert analyse(results, quizzes).quizzes[0].mean == pytest.approx(47.5)


def test_a_file_named_twice_is_one_file(quizzes: dict[str, Quiz]) -> None:
    one = DATA / "class" / "L1.json"
    results, problems = collect([one, str(one), DATA / "class"], quizzes)
    assert len(results) == 8 and problems == []


def test_missing_path_and_oversized_file(tmp_path: Path, quizzes: dict[str, Quiz]) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_BYTES + 1))
    results, problems = collect([tmp_path / "nowhere", big], quizzes)
    assert results == []
    assert [p.reason for p in problems] == [
        "no such file or folder",
        "larger than 1 MB, so not read (a response file is a few kilobytes)",
    ]


def test_grade_results_are_used_and_keep_no_answers(quizzes: dict[str, Quiz]) -> None:
    results, _ = collect([DATA / "class" / "L8-grade-result.json"], quizzes)
    (result,) = results
    assert isinstance(result, Graded) and result.answers is None
    assert result.to_json_dict()["score"] == 0.0
    assert "answers" not in result.to_json_dict() and "source" not in result.to_json_dict()


def test_progress_export_and_utf8_bom(tmp_path: Path, quizzes: dict[str, Quiz]) -> None:
    response = {"quiz": "hand-class", "answers": {"q1": "a"}}
    bundle = {"format": "quizengine-progress", "version": 1, "responses": [response] * 2}
    (tmp_path / "export.json").write_text(json.dumps(bundle), "utf-8")
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(response).encode())
    results, problems = collect([tmp_path], quizzes)
    # Read (a BOM is fine), and counted once: with no `began` or `learner` to tell them
    # apart, the same quiz, presented questions and answers are the same attempt (issue 13).
    assert len(results) == 1 and results[0].source.endswith("bom.json")
    assert [(p.kind, p.reason) for p in problems] == [
        ("duplicate", f"entry {i} of the progress export: the same attempt as {tmp_path}/bom.json")
        for i in (1, 2)
    ]


def test_progress_callback_sees_every_file(quizzes: dict[str, Quiz]) -> None:
    calls: list[tuple[int, int]] = []
    collect([DATA / "class"], quizzes, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(i, 8) for i in range(1, 9)]


def test_a_value_that_is_not_an_object_is_named_by_its_json_type(
    tmp_path: Path, quizzes: dict[str, Quiz]
) -> None:
    # The graders' wording (grading.common.json_type), except that the report calls a list
    # "an array": it describes the file as a JSON document.
    entries = [None, True, 3, "q1", [1], {"quiz": "hand-class", "answers": {"q1": "a"}}]
    bundle = {"format": "quizengine-progress", "version": 1, "responses": entries}
    (tmp_path / "export.json").write_text(json.dumps(bundle), "utf-8")
    (tmp_path / "false.json").write_text("false", "utf-8")
    results, problems = collect([tmp_path], quizzes)
    assert len(results) == 1
    assert [p.reason for p in problems] == [
        f"entry {i} of the progress export: expected a response object, found {name}"
        for i, name in enumerate(["null", "a boolean", "a number", "a string", "an array"], 1)
    ] + ["expected a JSON object, found a boolean"]
