"""Author regular expressions, read at validation: the shape behind catastrophic backtracking.

Validation warns about it so the author rewrites the pattern; grading (grading/text.py) runs
patterns with a time limit, which is what actually protects it. Kept apart from the grader so
that loading quizzes never imports grading.
"""

from __future__ import annotations

import re

_RANGE = re.compile(r"\{\d*,\d*\}")
_OPEN_RANGE = re.compile(r"\{\d*,")


def risky_pattern(source: str) -> bool:
    r"""A group that holds a quantifier and is itself repeated (`(\w+\s?)+`, `((ab)*c)*`):
    the shape behind catastrophic backtracking. Cheap and textual, so it can warn at
    validation; grading's time limit is what actually protects it."""
    stack: list[bool] = []  # per open group: does it hold a quantifier?
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            end = source.find("]", index + 2)
            index = len(source) if end < 0 else end + 1
            continue
        if char == "(":
            stack.append(False)
        elif char == ")" and stack:
            inner = stack.pop()
            after = source[index + 1 : index + 2]
            repeated = after in ("+", "*") or (
                after == "{" and _RANGE.match(source, index + 1) is not None
            )
            if inner and repeated:
                return True
            if stack and inner:
                stack[-1] = True
        elif stack and (char in "+*" or (char == "{" and _OPEN_RANGE.match(source, index))):
            stack[-1] = True
        index += 1
    return False
