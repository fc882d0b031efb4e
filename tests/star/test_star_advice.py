"""Advice rules and self-rating notes: deterministic coaching that never changes the score."""

from __future__ import annotations

from quizengine.grading.star import grade_star
from quizengine.models import RubricCriterion, StarQuestion
from quizengine.star.advice import text_advice
from quizengine.star.checks import Analysis
from quizengine.star.rubric import DEFAULT_RUBRIC, rating_notes

BASE = {
    "situation": "Last year our team missed every deadline.",
    "task": "My goal was to fix the schedule.",
    "action": "I mapped each task and I asked my manager for help.",
    "result": "Deadlines slipped 40% less within two months. I learned to plan early.",
}


def ids(**parts: str) -> list[str]:
    return [a.id for a in text_advice(Analysis.structured({**BASE, **parts}))]


def test_clean_answer_gets_no_advice() -> None:
    assert ids() == []


def test_empty_answer_gets_no_text_advice() -> None:
    assert ids(situation="", task="", action="", result="") == []


def test_hypothetical_in_the_action_fires_once() -> None:
    assert ids(action="I would ask my manager for a meeting.") == ["hypothetical"]
    assert ids(action="I’d ask my manager first.") == ["hypothetical"]


def test_hypothetical_needs_two_sentences_outside_the_action() -> None:
    assert ids(situation="I will describe my old job.") == []
    both = ids(situation="I will describe my old job.", task="I'll explain my goal.")
    assert both == ["hypothetical"]


def test_reported_speech_is_not_hypothetical() -> None:
    told = "I told her I would send the figures by Friday, and I said I'd call the vendor."
    assert ids(action=told) == []
    proposed = "I proposed a plan: I would study two evenings a week and I'd report monthly."
    assert ids(action=proposed) == []
    assert ids(action="I would tell her that I can send the figures.") == ["hypothetical"]


def test_reflective_future_is_not_hypothetical() -> None:
    assert ids(result="Sales rose 5%. Next time I will ask earlier, and I'd share data.") == []


def test_reflection_missing() -> None:
    assert ids(result="Deadlines slipped 40% less within two months.") == ["reflection"]
    for lesson in ("Looking back, it worked.", "It taught me patience.", "I realised why."):
        assert "reflection" not in ids(result=f"Costs fell 5%. {lesson}")


def test_vague_in_the_result_fires() -> None:
    advice = text_advice(
        Analysis.structured({**BASE, "result": "It went really well. I learned a lot."})
    )
    vague = [a for a in advice if a.id == "vague"]
    assert vague
    assert "'really', 'a lot'" in vague[0].message


def test_vague_is_excused_by_a_number_or_a_name() -> None:
    assert ids(result="It went really well: 12 new clients. I learned to ask.") == []
    assert ids(result="It was a great success with Acme. I learned to ask.") == []


def test_vague_needs_two_sentences_outside_the_result() -> None:
    assert ids(situation="Things were very slow.") == []
    assert ids(situation="Things were very slow.", task="I had to do stuff.") == ["vague"]


def _criterion(id: str, levels: int = 4) -> RubricCriterion:
    return RubricCriterion(id=id, criterion=id.title(), levels=[f"L{i}" for i in range(levels)])


def test_rating_notes_only_for_top_ratings_with_failed_evidence() -> None:
    notes = rating_notes(DEFAULT_RUBRIC, {"result": 3}, {"quantified_result"})
    assert [n.message for n in notes] == [
        "You rated Result 3 of 3, but no measurable outcome was found. Add a number to your"
        " result, or lower your rating."
    ]
    assert rating_notes(DEFAULT_RUBRIC, {"result": 2}, {"quantified_result"}) == []
    assert rating_notes(DEFAULT_RUBRIC, {"result": 3}, set()) == []


def test_rating_notes_for_action_structure_and_reflection() -> None:
    failed = {"ownership", "action_focus", "length", "reflection"}
    rating = {"action": 3, "structure": 3, "reflection": 3, "example": 3}
    notes = rating_notes(DEFAULT_RUBRIC, rating, failed)
    assert len(notes) == 4  # two for action, one each for reflection and structure
    assert all(n.id == "rating-vs-evidence" for n in notes)


def test_rating_notes_match_custom_ids_by_substring() -> None:
    rubric = [_criterion("my-actions"), _criterion("impact-result", 2), _criterion("tone")]
    rating = {"my-actions": 3, "impact-result": 1, "tone": 3}
    notes = rating_notes(rubric, rating, {"ownership", "quantified_result"})
    assert [n.message.split(",")[0] for n in notes] == [
        "You rated My-Actions 3 of 3",
        "You rated Impact-Result 1 of 1",
    ]


def test_advice_never_changes_the_score() -> None:
    question = StarQuestion(id="q", type="star", prompt="p", min_words=0)
    plain = grade_star(question, {**BASE, "result": "Costs fell 40%. I learned to plan."})
    noisy = grade_star(
        question, {**BASE, "result": "Costs fell 40%. I would say it was very good."}
    )
    assert noisy.advice and not plain.advice
    assert noisy.score == plain.score
