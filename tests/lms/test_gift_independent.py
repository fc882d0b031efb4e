"""Our GIFT exports as an independent reader sees them: gift-pegjs, a PEG grammar of GIFT
from npm that nobody here wrote. Every course quiz must parse, and what gift-pegjs reads
must be what we meant: types, titles, prompts, right answers, weights, numbers, pairs.
"""

from __future__ import annotations

from typing import Any

import pytest

from quizengine import load_paths
from quizengine.lms import export_quizzes
from quizengine.lms.common import md_to_text, percent
from quizengine.lms.plan import POSITION_LABEL, expand_regex
from quizengine.models import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    Quiz,
    ShortTextQuestion,
    SingleQuestion,
    StarQuestion,
    TextQuestion,
    TrueFalseQuestion,
)

from .support import ROOT, need_gift_pegjs, parse_with_gift_pegjs, written_once

QUIZZES = load_paths([ROOT / "quizzes"]).quizzes
_KIND = {
    "single": "MC",
    "multiple": "MC",
    "true_false": "TF",
    "short_text": "Short",
    "numeric": "Numerical",
    "matching": "Matching",
    "ordering": "Matching",
    "star": "Essay",
    "text": "Essay",
}


@pytest.fixture(scope="module")
def parsed() -> dict[str, list[dict[str, Any]]]:
    need_gift_pegjs()
    exported = export_quizzes(QUIZZES, "gift")
    return {
        name.removesuffix(".gift"): parse_with_gift_pegjs(data.decode("utf-8"))
        for name, data in exported.files.items()
    }


@pytest.mark.parametrize("quiz", QUIZZES, ids=[q.id for q in QUIZZES])
def test_gift_pegjs_reads_what_we_wrote(quiz: Quiz, parsed: dict[str, Any]) -> None:
    items = parsed[quiz.id]
    assert items[0] == {"type": "Category", "title": f"$course$/top/{quiz.title}"}
    category, found = "", []
    for item in items:  # a quiz's own questions, then a category per bank it draws from
        if item["type"] == "Category":
            category = item["title"]
        else:
            found.append((category, item))
    expected = written_once([quiz])
    assert [(c, q["title"]) for c, q in found] == [
        (f"$course$/top/{title}", q.id) for title, q in expected
    ]
    for (_, ours), (_, theirs) in zip(expected, found, strict=True):
        assert theirs["type"] == _KIND[ours.type], ours.id
        assert theirs["stem"]["format"] == "markdown"
        if isinstance(ours, TextQuestion):  # the rubric follows the prompt, for the grader
            assert theirs["stem"]["text"].startswith(ours.prompt.strip() + "\n\n---")
            assert all(c.criterion in theirs["stem"]["text"] for c in ours.rubric)
        elif not isinstance(ours, StarQuestion):
            assert theirs["stem"]["text"] == ours.prompt.strip()
            expected_general = (ours.explanation or "").strip() or None
            got_general = theirs["globalFeedback"]["text"] if theirs["globalFeedback"] else None
            assert got_general == expected_general
        _check_answers(ours, theirs)


def _check_answers(ours: Question, theirs: dict[str, Any]) -> None:
    if isinstance(ours, SingleQuestion):
        assert [c["text"]["text"] for c in theirs["choices"]] == [
            o.text.strip() for o in ours.options
        ]
        assert [c["isCorrect"] for c in theirs["choices"]] == [o.correct for o in ours.options]
    elif isinstance(ours, MultipleQuestion):
        share = 1 / len(ours.correct_ids)
        wrong = -1.0 if ours.scoring == "all_or_nothing" else -share
        weights = [c["weight"] for c in theirs["choices"]]
        expected = [float(percent(share if o.correct else wrong)) for o in ours.options]
        assert weights == pytest.approx(expected)
        assert sum(w for w in weights if w > 0) == pytest.approx(100, abs=1e-3)
    elif isinstance(ours, TrueFalseQuestion):
        assert theirs["isTrue"] is ours.answer
    elif isinstance(ours, ShortTextQuestion):
        texts = [c["text"]["text"] for c in theirs["choices"] if c["weight"]]
        expected: list[str] = []
        for answer in ours.answers:
            listed = expand_regex(answer.text) if ours.match == "regex" else [answer.text]
            expected.extend(t.replace("*", "\\*") for t in listed or [])
        assert texts == expected
        weights = [c["weight"] for c in theirs["choices"] if c["weight"]]
        if ours.match != "regex":
            assert weights == pytest.approx([a.score * 100 for a in ours.answers], abs=1e-3)
    elif isinstance(ours, NumericQuestion):
        choice = theirs["choices"][0] if isinstance(theirs["choices"], list) else theirs
        number = choice["text"] if "text" in choice else theirs["choices"]
        assert number["number"] == pytest.approx(ours.answer)
        assert number["range"] == pytest.approx(ours.absolute_tolerance())
    elif isinstance(ours, MatchingQuestion):
        pairs = [(p["subquestion"]["text"], p["subanswer"]) for p in theirs["matchPairs"]]
        expected_pairs = [(p.left.strip(), _plain(p.right)) for p in ours.pairs]
        expected_pairs += [("", _plain(d.text)) for d in ours.distractors]
        assert pairs == expected_pairs
    elif isinstance(ours, OrderingQuestion):
        pairs = [(p["subquestion"]["text"], p["subanswer"]) for p in theirs["matchPairs"]]
        assert pairs == [
            (POSITION_LABEL.format(n=n), _plain(item.text)) for n, item in enumerate(ours.items, 1)
        ]


def _plain(text: str) -> str:
    return " ".join(md_to_text(text).split())


def test_gift_pegjs_reads_escapes_like_we_do() -> None:
    """Every reserved character, a backslash and newlines survive both readers alike."""
    need_gift_pegjs()
    from quizengine.lms.gift_write import escape

    tricky = "Braces {x}, tilde ~, equals =, hash #, colon: and a back\\slash\n\nNew paragraph"
    text = f"::t::[markdown]{escape(tricky)}{{=yes ~no}}\n"
    (question,) = parse_with_gift_pegjs(text)
    assert question["stem"]["text"] == tricky
