"""The default self-review rubric, and notes when a self-rating outruns the evidence.

The renderer embeds the effective rubric (`effective_rubric`) in the page, so the browser
client grades with exactly these criteria and never needs a copy of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..models import Advice, RubricCriterion, StarQuestion

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


# Which automatic evidence a criterion claims, matched by id substring so custom rubrics
# ("impact-result", "my-actions") get the same notes. Each entry: (id part, evidence id,
# what was missing, what to do).
_EVIDENCE: tuple[tuple[str, str, str, str], ...] = (
    (
        "action",
        "ownership",
        "your action does not show clearly what you did",
        "Use 'I' for your own steps",
    ),
    ("action", "action_focus", "your action is under 30% of the answer", "Add the steps you took"),
    (
        "result",
        "quantified_result",
        "no measurable outcome was found",
        "Add a number to your result",
    ),
    ("reflect", "reflection", "no sentence on what you learned was found", "Add one"),
    ("structure", "parts_present", "a part is missing or too short", "Complete every part"),
    ("structure", "length", "the length is outside the word range", "Adjust the length"),
)


def rating_notes(
    rubric: Sequence[RubricCriterion], rating: Mapping[str, int], failed: set[str]
) -> list[Advice]:
    """One note per criterion rated at the top level whose evidence failed.

    `failed` holds the ids of failed checks, plus "reflection" when the reflection advice
    fired. Only top ratings are questioned: lower levels already admit a weakness.
    """
    notes: list[Advice] = []
    for criterion in rubric:
        level = rating.get(criterion.id)
        top = len(criterion.levels) - 1
        if level != top:
            continue
        for fragment, evidence, missing, fix in _EVIDENCE:
            if fragment in criterion.id and evidence in failed:
                notes.append(
                    Advice(
                        id="rating-vs-evidence",
                        message=f"You rated {criterion.criterion} {level} of {top}, but {missing}."
                        f" {fix}, or lower your rating.",
                    )
                )
    return notes
