"""The course's STAR exercises tell a strong story from a weak one, even when rated generously.

`tests/data/course/star_practice.yaml` holds, for every STAR exercise, strong answers and weak
ones, each weak one differing from a strong story in one labelled flaw (kept apart from the
`tests/data/star_*.yaml` files, which the part finder's tests read as labelled sentences).
Graded by the real engine with the top level on every rubric line (the most a learner can
claim), a weak answer must stay under the quiz's `pass_mark`, and a strong one must pass with
nothing to nag about. If a weak answer passes, the exercise (its `pass_mark`, `auto_weight` or
`evidence`) is too lenient and is what needs fixing, not this test.

Free-mode exercises are graded in both modes, so the part finder must see a story that stops
before its result as missing one (it learnt that from result-less copies of its training
answers: scripts/train_star.py) and must find every part of a strong story.
"""

from __future__ import annotations

import re
from itertools import takewhile
from pathlib import Path
from typing import Any

import pytest
import yaml

from quizengine.grading import grade_question
from quizengine.loader import load_paths
from quizengine.models import (
    STAR_CHECK_IDS,
    STAR_GATE,
    STAR_PARTS,
    QuestionResult,
    Quiz,
    StarQuestion,
)
from quizengine.star import effective_rubric

ROOT = Path(__file__).parents[2]
DATA = yaml.safe_load((ROOT / "tests/data/course/star_practice.yaml").read_text(encoding="utf-8"))
# The check each flaw must fail: proof that the weak answer really has the flaw it is named by.
FLAW_CHECK = {
    "hypothetical": "specific",
    "no-numbers": "quantified_result",
    "we-only": "ownership",
    "too-short": "length",
    "dates-only": "quantified_result",
    "missing-part": "parts_present",
}


def _star_quizzes() -> dict[str, Quiz]:
    report = load_paths([ROOT / "quizzes"])
    assert report.ok, [d.format() for d in report.all_diagnostics]
    return {
        quiz.id: quiz
        for quiz in report.quizzes
        if any(isinstance(q, StarQuestion) for q in quiz.questions)
    }


QUIZZES = _star_quizzes()


def _question(quiz_id: str) -> StarQuestion:
    (question,) = [q for q in QUIZZES[quiz_id].questions if isinstance(q, StarQuestion)]
    return question


def _modes(quiz_id: str) -> list[str]:
    """Structured always; free too when the exercise is free mode (the part finder's turn)."""
    return ["structured", "free"] if _question(quiz_id).mode == "free" else ["structured"]


def _parts(quiz_id: str, kind: str, index: int) -> dict[str, str]:
    entry = DATA[quiz_id][kind][index]
    base = DATA[quiz_id]["strong"][0] if kind == "weak" else {}
    return {part: str(entry.get(part, base.get(part, ""))).strip() for part in STAR_PARTS}


def _grade(quiz_id: str, parts: dict[str, str], mode: str) -> QuestionResult:
    question = _question(quiz_id).model_copy(update={"mode": mode})
    top = {c.id: len(c.levels) - 1 for c in effective_rubric(question)}
    answer: dict[str, Any]
    if mode == "free":
        answer = {"text": "\n\n".join(text for text in parts.values() if text)}
    else:
        answer = dict(parts)
    return grade_question(question, {**answer, "self_rating": top})


def _cases(kind: str) -> list[Any]:
    cases = []
    for quiz_id in DATA:
        for index, entry in enumerate(DATA[quiz_id][kind]):
            for mode in _modes(quiz_id):
                name = f"{quiz_id}-{entry.get('flaw', 'strong')}-{index}-{mode}"
                cases.append(pytest.param(quiz_id, index, mode, id=name))
    return cases


def test_every_star_exercise_has_practice_answers_for_every_flaw() -> None:
    assert sorted(DATA) == sorted(QUIZZES)
    for quiz_id, entry in DATA.items():
        assert entry["strong"], quiz_id
        assert {weak["flaw"] for weak in entry["weak"]} == set(FLAW_CHECK), quiz_id


@pytest.mark.parametrize(("quiz_id", "index", "mode"), _cases("strong"))
def test_strong_answer_passes_with_nothing_to_nag_about(
    quiz_id: str, index: int, mode: str
) -> None:
    result = _grade(quiz_id, _parts(quiz_id, "strong", index), mode)
    assert [c.message for c in result.checks if not c.passed] == []
    assert [a.message for a in result.advice or []] == []
    assert result.status == "correct"
    assert result.score >= QUIZZES[quiz_id].pass_mark * result.max_score
    if mode == "free":
        assert result.parts is not None
        assert [p for p in STAR_PARTS if not result.parts[p]] == []


@pytest.mark.parametrize(("quiz_id", "index", "mode"), _cases("weak"))
def test_weak_answer_does_not_pass_even_rated_top(quiz_id: str, index: int, mode: str) -> None:
    flaw = DATA[quiz_id]["weak"][index]["flaw"]
    result = _grade(quiz_id, _parts(quiz_id, "weak", index), mode)
    failed = [c.id for c in result.checks if not c.passed]
    assert FLAW_CHECK[flaw] in failed, (flaw, result.checks)
    assert result.score < QUIZZES[quiz_id].pass_mark * result.max_score - 1e-9, result.score
    assert result.status != "correct"
    if FLAW_CHECK[flaw] in STAR_GATE:
        assert result.score <= 0.5 * result.max_score + 1e-9


@pytest.mark.parametrize("quiz_id", sorted(QUIZZES))
def test_no_failed_check_can_be_rated_into_a_pass(quiz_id: str) -> None:
    """The exercises promise "to pass, every automatic check must pass": each check is a gate
    or some rubric line's evidence, and one failure costs more than the pass mark allows."""
    question = _question(quiz_id)
    rubric = effective_rubric(question)
    for check in STAR_CHECK_IDS:
        if check in STAR_GATE:
            continue
        capped = [c for c in rubric if check in (c.evidence or [])]
        assert capped, f"{quiz_id}: no rubric line lists '{check}' as evidence"
        top = len(rubric)
        counted = top - sum(1 - ((len(c.levels) - 1) // 2) / (len(c.levels) - 1) for c in capped)
        best = question.auto_weight * 5 / 6 + (1 - question.auto_weight) * counted / top
        assert best < QUIZZES[quiz_id].pass_mark - 1e-9, (quiz_id, check, best)


def _page_story(kind: str) -> dict[str, str]:
    """The labelled story in the STAR page's `!!! failure` or `!!! success` box."""
    page = (ROOT / "docs/benefits/star-method.md").read_text(encoding="utf-8")
    box = page.split(f'!!! {kind} "', 1)[1].split("\n", 1)[1]
    body = takewhile(lambda paragraph: paragraph.startswith("    "), box.split("\n\n"))
    found = [re.fullmatch(r"    \*\*(\w+):\*\* (.*)", paragraph) for paragraph in body]
    return {m.group(1).lower(): m.group(2) for m in found if m}


def test_the_star_page_weak_story_fails_what_it_says_and_the_rewrite_passes() -> None:
    weak = _grade("star-remote-work", _page_story("failure"), "structured")
    assert [c.id for c in weak.checks if not c.passed] == [
        "length",
        "specific",
        "quantified_result",
    ]
    assert weak.score < QUIZZES["star-remote-work"].pass_mark
    fixed = _grade("star-remote-work", _page_story("success"), "structured")
    assert [c.id for c in fixed.checks if not c.passed] == []
    assert fixed.advice == [] and fixed.status == "correct"
