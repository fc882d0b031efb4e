"""Helpers for the LMS tests: grading probes, and the independent GIFT reader (gift-pegjs).

Two quizzes are "the same" for an LMS round trip when every question grades the same
answers the same way: the reference answer scores full marks in both, and a fixed set of
wrong and partly right answers (chosen by position, so option ids may differ) scores equal.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from quizengine import grade_question
from quizengine.lms.plan import expand_regex
from quizengine.models import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ShortTextQuestion,
    SingleQuestion,
    StarQuestion,
    TextQuestion,
    TrueFalseQuestion,
)

ROOT = Path(__file__).resolve().parents[2]
GIFT_PEGJS_VERSION = "1.0.2"
_RUNNER = Path(__file__).with_name("gift_pegjs.cjs")


def reference(q: Question) -> Any:
    """The answer that must score full marks."""
    if isinstance(q, SingleQuestion | MultipleQuestion):
        keys = [o.key for o in q.options if o.correct]
        return keys[0] if isinstance(q, SingleQuestion) else keys
    if isinstance(q, TrueFalseQuestion):
        return q.answer
    if isinstance(q, ShortTextQuestion):
        best = max(q.answers, key=lambda a: a.score)
        if q.match == "regex":
            expanded = expand_regex(best.text)
            assert expanded, best.text
            return expanded[0]
        return best.text
    if isinstance(q, NumericQuestion):
        return q.answer
    if isinstance(q, OrderingQuestion):
        return [item.key for item in q.items]
    if isinstance(q, MatchingQuestion):
        return q.answer_key()
    if isinstance(q, TextQuestion):
        text = " ".join(["I asked for it and said why it helps the team."] * q.min_words)
        return {"text": text, "met": [c.key for c in q.rubric]}
    return star_response(q)


def star_response(q: Question) -> dict[str, Any]:
    assert isinstance(q, StarQuestion)
    words = " ".join(["I measured the problem and showed the numbers to my manager."] * 3)
    rating = {c.id: len(c.levels) - 1 for c in _rubric(q)}
    if q.mode == "free":
        story = "Last year I worked in support. My goal was new laptops."
        text = f"{story} {words} As a result we saved 30 hours."
        return {"text": text, "self_rating": rating}
    parts = {p: f"{p} part {words}" for p in ("situation", "task", "action", "result")}
    return {**parts, "self_rating": rating}


def _rubric(q: StarQuestion) -> list[Any]:
    from quizengine.star.rubric import effective_rubric

    return list(effective_rubric(q))


def positional_probes(q: Question) -> list[Any]:
    """Wrong and partial answers, by position (converted to ids per quiz by `to_answer`)."""
    if isinstance(q, SingleQuestion):
        return [("choose", i) for i in range(len(q.options))]
    if isinstance(q, MultipleQuestion):
        n = len(q.options)
        correct = [i for i, o in enumerate(q.options) if o.correct]
        wrong = [i for i in range(n) if i not in correct]
        sets = [[i] for i in range(n)] + [list(range(n)), [], correct[:-1]]
        if wrong:
            sets.append([*correct, wrong[0]])
            sets.append(correct[:1] + wrong[:1])
        return [("subset", s) for s in sets]
    if isinstance(q, TrueFalseQuestion):
        return [True, False]
    if isinstance(q, ShortTextQuestion):
        texts: list[str] = ["zzz not an answer", ""]
        for answer in q.answers:
            texts.extend(expand_regex(answer.text) or [] if q.match == "regex" else [answer.text])
        return texts
    if isinstance(q, NumericQuestion):
        tol = q.absolute_tolerance()
        step = max(1.0, abs(q.answer) * 0.01)
        values = [q.answer, q.answer + tol + step, q.answer - tol - step, q.answer * 2 + 7]
        if tol:
            values += [q.answer + tol / 2, q.answer - tol / 2]
        return values
    if isinstance(q, OrderingQuestion):
        n = len(q.items)
        swap = [1, 0, *range(2, n)]
        return [("perm", list(reversed(range(n)))), ("perm", swap)]
    if isinstance(q, MatchingQuestion):
        n, m = len(q.pairs), len(q.pairs) + len(q.distractors)
        probes = [("map", [0] * n), ("map", [(i + 1) % n for i in range(n)])]
        probes.append(("map", [m - 1, *range(1, n)]))
        return probes
    return []


def to_answer(q: Question, probe: Any) -> Any:
    if not isinstance(probe, tuple):
        return probe
    kind, value = probe
    if kind == "choose":
        assert isinstance(q, SingleQuestion)
        return q.options[value].key
    if kind == "subset":
        assert isinstance(q, MultipleQuestion)
        return [q.options[i].key for i in value]
    if kind == "perm":
        assert isinstance(q, OrderingQuestion)
        return [q.items[i].key for i in value]
    assert isinstance(q, MatchingQuestion)
    rights = q.right_ids()
    return {left: rights[j] for left, j in zip(q.left_ids(), value, strict=True)}


def score(q: Question, answer: Any) -> float:
    return grade_question(q, answer).score / q.points


def assert_grades_alike(original: Question, imported: Question) -> None:
    """Same reference score (full marks) and the same score for every probe.

    A STAR self-review has no single right answer: one fixed story, rated at the top of
    every criterion, must score the same in both (same checks, rubric and word range).
    """
    if not isinstance(original, StarQuestion):
        assert score(original, reference(original)) == pytest.approx(1.0)
    assert score(imported, reference(imported)) == pytest.approx(
        score(original, reference(original))
    )
    for probe in positional_probes(original):
        want = score(original, to_answer(original, probe))
        got = score(imported, to_answer(imported, probe))
        assert got == pytest.approx(want, abs=1e-6), (original.id, probe)


def need_module(name: str, package: str) -> Any:
    """Import a test-only reader from PyPI; missing, it skips locally and fails in CI."""
    try:
        return importlib.import_module(name)
    except ImportError:
        message = f"test dependency missing: pip install {package} (the test extras)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


# --- gift-pegjs, the independent GIFT reader (npm) ------------------------------------


def gift_pegjs_available() -> bool:
    node = shutil.which("node")
    if node is None:
        return False
    done = subprocess.run(
        [node, "-e", "require.resolve('gift-pegjs')"],
        cwd=ROOT,
        capture_output=True,
        env=_node_env(),
        check=False,
    )
    return done.returncode == 0


def need_gift_pegjs() -> None:
    if not gift_pegjs_available():
        message = (
            f"the independent GIFT reader is missing: npm package gift-pegjs@{GIFT_PEGJS_VERSION}"
            " (package.json devDependencies), run under Node"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _node_env() -> dict[str, str]:
    return dict(os.environ)


def parse_with_gift_pegjs(text: str) -> list[dict[str, Any]]:
    """Questions as gift-pegjs reads them; a syntax error fails the test with its place."""
    node = shutil.which("node")
    assert node is not None
    done = subprocess.run(
        [node, str(_RUNNER)],
        input=text,
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=_node_env(),
        timeout=60,
        check=False,
    )
    result = json.loads(done.stdout or "null")
    if done.returncode != 0 or isinstance(result, dict):
        raise AssertionError(f"gift-pegjs rejected the GIFT text: {result or done.stderr}")
    assert isinstance(result, list)
    return result


def written_once(quizzes: list[Any]) -> list[tuple[str, Question]]:
    """What an export holds, in its order: (category title, question) for a quiz's own
    questions under its title, then each bank's under the bank's title, a bank's question
    written once however many quizzes draw it (`lms/pools.py`)."""
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, Question]] = []
    for quiz in quizzes:
        ordered = sorted(quiz.questions, key=lambda q: quiz.origin(q.id) is not None)
        for question in ordered:
            bank = quiz.origin(question.id)
            key = (f"bank:{bank}" if bank else f"quiz:{quiz.id}", question.id)
            if key not in seen:
                seen.add(key)
                out.append((quiz.title if bank is None else quiz.bank_title(bank), question))
    return out
