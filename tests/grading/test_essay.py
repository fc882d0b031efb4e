"""The `text` question: its rubric as authors write it, and the rules that make the learner's
ticks count only with an answer behind them (the shared vectors hold the graded cases)."""

from __future__ import annotations

from pathlib import Path

from pydantic import TypeAdapter

from quizengine.grading import grade_question
from quizengine.grading.essay import word_count
from quizengine.loader import load_quiz_file
from quizengine.models import Question, TextQuestion

QUESTION = TypeAdapter(Question)


def _text(**extra: object) -> TextQuestion:
    q = QUESTION.validate_python(
        {
            "id": "t",
            "type": "text",
            "prompt": "P",
            "rubric": ["Names it", {"id": "why", "criterion": "Says why"}],
            **extra,
        }
    )
    assert isinstance(q, TextQuestion)
    return q


def test_rubric_lines_are_text_or_mappings_with_ids_by_position() -> None:
    q = _text()
    assert [(c.key, c.criterion) for c in q.rubric] == [("a", "Names it"), ("why", "Says why")]
    assert q.min_words == 1


def test_a_repeated_criterion_id_points_at_the_second(write_yaml) -> None:  # type: ignore[no-untyped-def]
    path: Path = write_yaml(
        """
        id: w
        title: W
        questions:
          - id: q1
            type: text
            prompt: Write
            min_words: 0
            rubric:
              - {id: x, criterion: One}
              - {id: x, criterion: Two}
        """
    )
    got = [(d.line, d.col, d.message) for d in load_quiz_file(path).diagnostics]
    assert any((line, col) == (7, 16) and "min_words" in m for line, col, m in got), got
    assert any(line == 10 and "duplicate id 'x'" in m for line, _, m in got), got


def test_ticks_count_only_for_an_answer_of_min_words() -> None:
    q = _text(min_words=4)
    short = grade_question(q, {"text": "Two days please", "met": ["a", "why"]})
    assert (short.score, short.met, short.needs_self_review) == (0.0, [], False)
    enough = grade_question(q, {"text": "Two remote days, please", "met": ["a", "why"]})
    assert (enough.score, enough.status, enough.met) == (1.0, "correct", ["a", "why"])


def test_an_unrated_answer_needs_a_self_review_and_says_so_in_json() -> None:
    result = grade_question(_text(), {"text": "Two remote days"})
    assert result.needs_self_review is True
    assert "met" not in result.model_dump(exclude_none=True)


def test_words_hold_a_letter_or_a_digit() -> None:
    assert word_count("I'd ask -- for 2 well-paid days - ok?") == 7
    assert word_count("<b>x</b>") == 3
