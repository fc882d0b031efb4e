"""matching: the share of left items mapped to their own pair's right item."""

from __future__ import annotations

from ..models import MatchingQuestion, QuestionResult
from .common import InvalidAnswer, finish, json_type


def grade_matching(question: MatchingQuestion, answer: object) -> QuestionResult:
    if not isinstance(answer, dict):
        raise InvalidAnswer(
            f"expected an object mapping left ids to right ids, got {json_type(answer)}"
        )
    key = question.answer_key()
    rights = set(question.right_ids())
    for left, right in answer.items():
        if left not in key:
            raise InvalidAnswer(f"unknown left id '{left}'")
        if not isinstance(right, str) or right not in rights:
            shown = right if isinstance(right, str) else json_type(right)
            raise InvalidAnswer(f"unknown right id '{shown}' for left id '{left}'")
    hits = sum(answer.get(left) == right for left, right in key.items())
    if question.scoring == "all_or_nothing":
        fraction = 1.0 if hits == len(key) else 0.0
    else:
        fraction = hits / len(key)
    return finish(question, "matching", fraction)
