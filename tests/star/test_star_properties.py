"""Invariants of STAR grading and part detection, over generated answers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quizengine.grading.star_review import GATE, grade_star
from quizengine.models import STAR_CHECK_IDS, STAR_PARTS, StarQuestion
from quizengine.star.parts import label
from quizengine.star.rubric import DEFAULT_RUBRIC
from quizengine.star.text import Sentence, sentences, words

WORDS = (
    "I we my our me us I'm we’re last year at the time my goal was had to I decided asked then"
    " first as a result agreed 40% half twice learned next time very a lot Berlin . ! ? , \n"
)
VOCAB = [*WORDS.split(" "), " ", "\n\n", ". ", "\t"]
texts = st.one_of(
    st.lists(st.sampled_from(VOCAB), max_size=60).map(" ".join),
    st.text(max_size=200),
)
ratings = st.dictionaries(
    st.sampled_from([c.id for c in DEFAULT_RUBRIC]), st.integers(min_value=0, max_value=3)
)


def _question(mode: str, points: float, weight: float, low: int, span: int) -> StarQuestion:
    fields = {"mode": mode, "points": points, "auto_weight": weight, "min_words": low}
    return StarQuestion.model_validate(
        {"id": "q", "type": "star", "prompt": "p", "max_words": low + span, **fields}
    )


questions = st.builds(
    _question,
    st.sampled_from(["structured", "free"]),
    st.floats(min_value=0.1, max_value=100),
    st.floats(min_value=0, max_value=1),
    st.integers(min_value=0, max_value=50),
    st.integers(min_value=1, max_value=100),
)


@st.composite
def answers(draw: st.DrawFn, question: StarQuestion) -> dict[str, object]:
    if question.mode == "free":
        answer: dict[str, object] = {"text": draw(texts)}
    else:
        answer = {part: draw(texts) for part in STAR_PARTS}
    if draw(st.booleans()):
        answer["self_rating"] = draw(ratings)
    return answer


@settings(max_examples=300, deadline=None)
@given(st.data(), questions)
def test_score_is_bounded_and_deterministic(data: st.DataObject, question: StarQuestion) -> None:
    answer = data.draw(answers(question))
    result = grade_star(question, answer)
    fraction = result.score / question.points
    assert -1e-12 <= fraction <= 1 + 1e-12
    assert 0 <= result.score <= question.points + 1e-9
    assert [c.id for c in result.checks] == list(STAR_CHECK_IDS)
    if any(not c.passed for c in result.checks if c.id in GATE):
        assert fraction <= 0.5 + 1e-12
        assert result.status != "correct"
    for rating in result.ratings or []:
        assert 0 <= rating.counted <= rating.chosen
    assert result.needs_self_review == (len(answer.get("self_rating") or {}) < 6)  # type: ignore[arg-type]
    assert grade_star(question, answer) == result


@settings(max_examples=300, deadline=None)
@given(texts)
def test_detection_labels_every_sentence_once_in_order(text: str) -> None:
    found = [Sentence.of(s) for s in sentences(text)]
    labels = label(found)
    assert len(labels) == len(found)
    assert labels == sorted(labels)
    assert all(0 <= state <= 3 for state in labels)
    question = StarQuestion(id="q", type="star", prompt="p", mode="free")
    parts = grade_star(question, {"text": text}).parts
    assert parts is not None
    joined = " ".join(parts[p] for p in STAR_PARTS if parts[p])
    assert joined == " ".join(s.text for s in found)
    assert sum(len(words(parts[p])) for p in STAR_PARTS) == len(words(text))
