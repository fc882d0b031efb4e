"""The malformed corpus: each file's diagnostics point at the right LINE:COL, clearly worded."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from quizengine.loader import load_quiz_file

from .conftest import DATA

CORPUS = DATA / "malformed"
EXPECTED: dict[str, list[str]] = yaml.safe_load((CORPUS / "expected.yaml").read_text())


def test_corpus_is_complete() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.name != "expected.yaml"}
    assert files == set(EXPECTED)
    assert len(files) >= 25


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_file(name: str) -> None:
    loaded = load_quiz_file(CORPUS / name)
    assert not loaded.ok
    got = [(d.line, d.col, d.message) for d in loaded.diagnostics if d.severity == "error"]
    for expectation in EXPECTED[name]:
        position, fragment = expectation.split(" ", 1)
        line, col = (int(x) for x in position.split(":"))
        assert any((g[0], g[1]) == (line, col) and fragment in g[2] for g in got), (
            f"{name}: expected {expectation!r}, got {got}"
        )


def test_all_problems_reported_at_once(write_yaml) -> None:  # type: ignore[no-untyped-def]
    path: Path = write_yaml(
        """
        id: Bad Id
        title: 5
        questions:
          - id: q1
            type: true_false
            prompt: P
            answer: maybe
          - id: q2
            type: single
            prompt: P
            optionz: []
        """
    )
    messages = [d.message for d in load_quiz_file(path).diagnostics]
    # `optionz` for `options` is one mistake: one message, not also "missing 'options'".
    assert len(messages) == 4, messages
    assert any("did you mean 'options'" in m for m in messages)
    assert not any("missing required key" in m for m in messages)
    assert any(m.startswith("question 'q1':") for m in messages)


def test_a_repeated_question_id_is_reported_beside_other_errors(write_yaml) -> None:  # type: ignore[no-untyped-def]
    path: Path = write_yaml(
        """
        id: quiz
        title: T
        questions:
          - {id: q1, type: true_false, prompt: P, answer: true}
          - {id: q2, type: true_false, prompt: P, answer: maybe}
          - {id: q1, type: true_false, prompt: P, answer: false}
        """
    )
    found = [(d.line, d.col, d.message) for d in load_quiz_file(path).diagnostics]
    assert any(m.startswith("question 'q2':") for _, _, m in found), found
    repeated = [(line, col) for line, col, m in found if "duplicate question id 'q1'" in m]
    assert repeated == [(6, 10)], found  # the value of the third question's id


def test_friendly_message_mentions_question_and_count(write_yaml) -> None:  # type: ignore[no-untyped-def]
    path = write_yaml(
        """
        id: quiz
        title: T
        questions:
          - id: q3
            type: single
            prompt: P
            options:
              - {text: A, correct: true}
              - {text: B, correct: true}
        """
    )
    (diagnostic,) = load_quiz_file(path).diagnostics
    assert diagnostic.message == "question 'q3': exactly one option must be correct, found 2"


def _quiz_with(lines: list[str]) -> str:
    head = "id: big\ntitle: Big\nquestions:\n  - id: q1\n    type: true_false\n"
    return head + "    prompt: P\n    answer: true\n" + "".join(lines)


def test_thousands_of_unknown_keys_are_capped_and_counted() -> None:
    from quizengine.errors import MAX_DIAGNOSTICS_PER_FILE
    from quizengine.loader import validate_document
    from quizengine.source import parse_text

    text = _quiz_with([f"unknown_{n}: {n}\n" for n in range(5_000)])
    loaded = validate_document(parse_text(text, "big.yaml"))
    assert len(loaded.diagnostics) == MAX_DIAGNOSTICS_PER_FILE + 1
    first, last = loaded.diagnostics[0], loaded.diagnostics[-1]
    assert (first.line, first.col, first.message) == (8, 1, "unknown key 'unknown_0'")
    # Positions come from the node index: the 100th key is on its own line, not the first's.
    assert loaded.diagnostics[99].line == 107
    assert last.message.startswith("... and 4,900 more problems in this file")


def test_thousands_of_invalid_questions_are_described_first_and_counted() -> None:
    from quizengine.diagnostics import WHOLE_ERROR_LIST
    from quizengine.loader import validate_document
    from quizengine.source import parse_text

    bad = [f"  - id: b{n}\n    type: single\n    prompt: P\n    options: 3\n" for n in range(5_000)]
    assert len(bad) > WHOLE_ERROR_LIST  # the question-by-question path
    loaded = validate_document(parse_text(_quiz_with(bad), "bad.yaml"))
    messages = [d.message for d in loaded.diagnostics]
    assert messages[0] == "question 'b0': 'options' should be a list, found the number 3"
    assert loaded.diagnostics[0].line == 11
    assert messages[-1].startswith("... and 4,900 more problems in this file")
    assert len(messages) == 101


def test_values_the_reader_refused_are_reported_once(write_yaml) -> None:  # type: ignore[no-untyped-def]
    path: Path = write_yaml(
        """
        id: inf
        title: T
        questions:
          - id: q1
            type: true_false
            prompt: P
            answer: true
            points: .inf
        """
    )
    loaded = load_quiz_file(path)
    assert [(d.line, d.col, d.message) for d in loaded.diagnostics] == [
        (8, 13, "'.inf' is not allowed: a quiz needs ordinary, finite numbers")
    ]
