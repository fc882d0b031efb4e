"""Author regexes: a catastrophic pattern is stopped, counted as no match, and flagged."""

from __future__ import annotations

import logging

import pytest

from quizengine.grading import grade_question
from quizengine.grading.text import regex_fullmatch
from quizengine.models import ShortTextQuestion
from quizengine.patterns import risky_pattern


def _question(*patterns: str) -> ShortTextQuestion:
    return ShortTextQuestion.model_validate(
        {
            "id": "q",
            "type": "short_text",
            "prompt": "P",
            "match": "regex",
            "answers": list(patterns),
        }
    )


def test_a_match_that_runs_out_of_time_counts_as_no_match_and_is_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # (a|aa)+b backtracks exponentially even in the `regex` package; without the time limit
    # this answer would take far longer than the whole test suite.
    question = _question("(a|aa)+b", "a+c")
    with caplog.at_level(logging.WARNING, logger="quizengine.grading"):
        result = grade_question(question, "a" * 60)
    assert result.status == "incorrect"
    assert "(a|aa)+b" in caplog.text and "counts as no match" in caplog.text


def test_the_other_answers_still_match_after_a_timeout() -> None:
    question = _question("(a|aa)+b", "a+")
    assert grade_question(question, "a" * 60).status == "correct"


def test_ordinary_patterns_match_as_before() -> None:
    assert regex_fullmatch("(paid )?time off|pto", "Paid time off")
    assert not regex_fullmatch("pto", "more pto please")
    assert regex_fullmatch(r"(?P<n>\d+) days?", "25 Days")


@pytest.mark.parametrize(
    ("pattern", "risky"),
    [
        (r"(\w+\s?)+ principle", True),
        (r"(a+)+b", True),
        (r"((ab)*c)*", True),
        (r"(x{2,})+", True),
        (r"(\(a+\))+", True),
        (r"(paid )?time off|pto", False),
        (r"(a|b)+", False),
        (r"\d+\s*days?", False),
        (r"(\w+ )?x", False),
        (r"([a+]b)+", False),
        (r"(a{2})+", False),
        (r"\(a+\)+", False),
    ],
)
def test_nested_quantifiers_are_recognised(pattern: str, risky: bool) -> None:
    assert risky_pattern(pattern) is risky


def test_validation_warns_about_a_nested_quantifier(write_yaml) -> None:  # type: ignore[no-untyped-def]
    from quizengine.loader import load_quiz_file

    path = write_yaml(
        """
        id: rx
        title: T
        questions:
          - id: q1
            type: short_text
            prompt: P
            match: regex
            answers:
              - "(paid )?pto"
              - "(\\\\w+\\\\s?)+ principle"
        """
    )
    loaded = load_quiz_file(path)
    assert loaded.ok
    [warning] = loaded.diagnostics
    assert (warning.severity, warning.line, warning.col) == ("warning", 10, 9)
    assert "(\\w+\\s?)+ principle" in warning.message
