"""Advice rules and self-rating notes: deterministic coaching that never changes the score."""

from __future__ import annotations

from quizengine.grading.star_review import grade_star
from quizengine.models import RubricCriterion, StarQuestion
from quizengine.star.advice import text_advice
from quizengine.star.checks import Analysis
from quizengine.star.rubric import DEFAULT_RUBRIC, rate, reflection_note

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


def test_rate_caps_a_rating_whose_evidence_failed_and_says_why() -> None:
    ratings, notes = rate(DEFAULT_RUBRIC, {"result": 3}, {"quantified_result"})
    assert [r.model_dump() for r in ratings] == [{"id": "result", "chosen": 3, "counted": 1}]
    assert [n.message for n in notes] == [
        "You rated Result 3; it counts as 1 because your result states no measured outcome."
        " Add a number that measures the outcome, and your rating can count in full."
    ]


def test_rate_leaves_ratings_at_or_below_the_middle_level_and_passed_evidence() -> None:
    ratings, notes = rate(DEFAULT_RUBRIC, {"result": 1, "action": 3}, {"quantified_result"})
    assert [(r.chosen, r.counted) for r in ratings] == [(3, 3), (1, 1)]  # rubric order
    assert notes == []


def test_rate_names_every_failed_check_of_a_criterion() -> None:
    failed = {"ownership", "specific", "length"}
    ratings, notes = rate(DEFAULT_RUBRIC, {"action": 2, "structure": 3}, failed)
    assert [(r.id, r.counted) for r in ratings] == [("action", 1), ("structure", 3)]
    assert len(notes) == 1
    assert (
        "because your action does not show clearly what you did yourself and your action"
        " tells what you would do, not what you did. Tell your own steps with 'I'"
    ) in notes[0].message


def test_rate_cap_is_the_middle_level_of_each_criterion() -> None:
    rubric = [
        RubricCriterion(id="two", criterion="Two", levels=["a", "b"], evidence=["length"]),
        RubricCriterion(id="five", criterion="Five", levels=list("abcde"), evidence=["length"]),
        _criterion("none"),
    ]
    ratings, _ = rate(rubric, {"two": 1, "five": 4, "none": 3}, {"length"})
    assert [r.counted for r in ratings] == [0, 2, 3]


def test_reflection_note_only_for_a_top_rating_without_reflection() -> None:
    notes = reflection_note(DEFAULT_RUBRIC, {"reflection": 3}, missing=True)
    assert [n.message for n in notes] == [
        "You rated Reflection 3 of 3, but no sentence on what you learned was found. Add one,"
        " or lower your rating."
    ]
    assert reflection_note(DEFAULT_RUBRIC, {"reflection": 2}, missing=True) == []
    assert reflection_note(DEFAULT_RUBRIC, {"reflection": 3}, missing=False) == []


def test_advice_never_changes_the_score() -> None:
    question = StarQuestion(id="q", type="star", prompt="p", min_words=0)
    plain = grade_star(question, {**BASE, "result": "Costs fell 40%. I learned to plan."})
    noisy = grade_star(
        question, {**BASE, "result": "Costs fell 40%. I would say it was very good."}
    )
    assert noisy.advice and not plain.advice
    assert noisy.score == plain.score
