"""The default self-review rubric, and what a self-rating counts once the evidence is in.

The renderer embeds the effective rubric (`effective_rubric`) in the page, so the browser
client grades with exactly these criteria and never needs a copy of its own.

Spec §2: when a check a criterion lists as `evidence` failed, its rating counts at most the
middle level, floor((levels - 1) / 2). `rate` works the counted levels out and explains every
cap, because a learner who rated a result 3 needs to know why it counted as 1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..models import Advice, Rating, RubricCriterion, StarQuestion

DEFAULT_RUBRIC: tuple[RubricCriterion, ...] = (
    RubricCriterion(
        id="example",
        criterion="Example",
        levels=[
            "No real example: a general claim, or what you would do.",
            "A real situation, but generic: no time, place or detail that makes it yours.",
            "A specific past event with some detail (when, where, who); one key point is vague.",
            "One specific event you took part in, with details (when, where, who) that make it"
            " believable and fit the question.",
        ],
    ),
    RubricCriterion(
        id="situation-task",
        criterion="Situation and task",
        levels=[
            "The reader cannot tell what was going on or what you had to do.",
            "The background is long or unclear, and your task is missing or only implied.",
            "The situation and your task are clear but take more space than they need.",
            "Two or three sentences set the scene and say exactly what you had to achieve"
            " and why it mattered.",
        ],
    ),
    RubricCriterion(
        id="action",
        criterion="Action",
        levels=[
            "No action, or only what 'we' did: your own part is invisible.",
            "Some of your steps, but general ('I handled it') or mostly 'we'.",
            "Your own steps in order, told with 'I', but little on how or why you chose them.",
            "Your own steps in order, told with 'I', with the decisions you made, why, and how"
            " you handled obstacles; the largest part of the answer.",
        ],
        evidence=["ownership", "specific", "action_focus"],
    ),
    RubricCriterion(
        id="result",
        criterion="Result",
        levels=[
            "No result: the story just stops.",
            "A vague result ('it went well') with nothing to back it up.",
            "A clear outcome that follows from your actions, but no number.",
            "A clear outcome that follows from your actions, with at least one number (time,"
            " money, a percentage, a count) or other hard evidence.",
        ],
        evidence=["quantified_result"],
    ),
    RubricCriterion(
        id="reflection",
        criterion="Reflection",
        levels=[
            "No reflection.",
            "A generic lesson ('communication is key') not tied to this story.",
            "A lesson drawn from this story, stated in a sentence.",
            "A specific lesson from this story, and where you have used it since or would"
            " use it again.",
        ],
    ),
    RubricCriterion(
        id="structure",
        criterion="Structure",
        levels=[
            "Hard to follow: parts missing or out of order, or far too short or too long.",
            "All four parts, but unbalanced: say, a long situation and a short action.",
            "Clear situation-task-action-result order, within the word range; slightly unbalanced.",
            "Clear situation-task-action-result order, within the word range, with the action"
            " as the largest part; easy to follow when read aloud.",
        ],
        evidence=["parts_present"],
    ),
)


def default_rubric() -> list[RubricCriterion]:
    """Fresh copies, so a caller can never mutate the shared default."""
    return [criterion.model_copy(deep=True) for criterion in DEFAULT_RUBRIC]


def rubric_json(rubric: Sequence[RubricCriterion] = DEFAULT_RUBRIC) -> list[dict[str, object]]:
    """The rubric as the browser client receives it (`question.rubric` in the page's JSON)."""
    return [criterion.model_dump(mode="json") for criterion in rubric]


def effective_rubric(question: StarQuestion) -> Sequence[RubricCriterion]:
    """The author's rubric, or the default when the question omits one (shared: read only)."""
    return DEFAULT_RUBRIC if question.rubric is None else question.rubric


# Why a failed check caps a rating, and what to change: "it counts as 1 because <reason>".
# Copied word for word in star.js (REASON).
REASONS: dict[str, tuple[str, str]] = {
    "parts_present": (
        "a part of your story is missing or too short",
        "Give every part at least one full sentence",
    ),
    "length": ("your answer is outside the word range", "Bring it within the word range"),
    "ownership": (
        "your action does not show clearly what you did yourself",
        "Tell your own steps with 'I'",
    ),
    "specific": (
        "your action tells what you would do, not what you did",
        "Tell one real time, in the past tense",
    ),
    "quantified_result": (
        "your result states no measured outcome",
        "Add a number that measures the outcome",
    ),
    "action_focus": ("your action is under 30% of the answer", "Give the action more room"),
}


def cap(criterion: RubricCriterion) -> int:
    """The most a rating counts while the criterion's evidence has failed: the middle level."""
    return (len(criterion.levels) - 1) // 2


def rate(
    rubric: Sequence[RubricCriterion], rating: Mapping[str, int], failed: set[str]
) -> tuple[list[Rating], list[Advice]]:
    """Chosen and counted level of every rated criterion, and a note for each capped one.

    `failed` holds the ids of failed checks. A rating at or below the cap counts in full:
    it already admits the weakness the failed check found.
    """
    ratings: list[Rating] = []
    notes: list[Advice] = []
    for criterion in rubric:
        if criterion.id not in rating:
            continue
        chosen = rating[criterion.id]
        against = [check for check in criterion.evidence if check in failed]
        counted = min(chosen, cap(criterion)) if against else chosen
        ratings.append(Rating(id=criterion.id, chosen=chosen, counted=counted))
        if counted < chosen:
            reasons = " and ".join(REASONS[check][0] for check in against)
            notes.append(
                Advice(
                    id="rating-vs-evidence",
                    message=f"You rated {criterion.criterion} {chosen}; it counts as {counted}"
                    f" because {reasons}. {REASONS[against[0]][1]}, and your rating can count"
                    " in full.",
                )
            )
    return ratings, notes


def reflection_note(
    rubric: Sequence[RubricCriterion], rating: Mapping[str, int], missing: bool
) -> list[Advice]:
    """A reflection criterion rated at the top while no sentence reflects: a note, no cap
    (reflection is advice, not a spec check, so it cannot be `evidence`)."""
    notes: list[Advice] = []
    for criterion in rubric:
        top = len(criterion.levels) - 1
        if missing and "reflect" in criterion.id and rating.get(criterion.id) == top:
            notes.append(
                Advice(
                    id="rating-vs-evidence",
                    message=f"You rated {criterion.criterion} {top} of {top}, but no sentence on"
                    " what you learned was found. Add one, or lower your rating.",
                )
            )
    return notes
