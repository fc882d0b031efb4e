"""ordering: credit for every pair of items that stands in the right relative order."""

from __future__ import annotations

from ..models import OrderingQuestion, QuestionResult
from .common import InvalidAnswer, finish, json_type


def grade_ordering(question: OrderingQuestion, answer: object) -> QuestionResult:
    expected = [item.key for item in question.items]
    if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
        raise InvalidAnswer(f"expected a list of item ids, got {json_type(answer)}")
    if sorted(answer) != sorted(expected):
        raise InvalidAnswer("the answer must list every item id exactly once")
    position = {item: index for index, item in enumerate(answer)}
    n = len(expected)
    if question.scoring == "all_or_nothing":
        fraction = 1.0 if answer == expected else 0.0
    else:
        in_order = sum(
            position[expected[i]] < position[expected[j]] for i in range(n) for j in range(i + 1, n)
        )
        fraction = in_order / (n * (n - 1) / 2)
    return finish(question, "ordering", fraction)
