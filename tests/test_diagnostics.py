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
    assert len(messages) == 5, messages
    assert any("did you mean 'options'" in m for m in messages)
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
