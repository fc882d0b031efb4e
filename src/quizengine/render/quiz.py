"""A whole quiz: title, description, every question's markup, and the client's grading data.

The data block (`<template class="qe-data">`) holds what grading needs from each question's
`model_dump` (ids, answers, settings; not the prompts and texts the markup already shows),
with feedback Markdown replaced by the HTML the page shows, so the browser grader's feedback
strings are exactly the ones rendered here, and the client never parses Markdown.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from ..models import Question, Quiz, RubricCriterion, StarQuestion
from ..sanitize import clean_html
from .markup import Ctx, esc, json_data, points
from .questions import body, example_answer

# Text the page already shows and the client never reads: left out of the grading data, which
# would otherwise carry every prompt and explanation a second time.
_SHOWN_ONLY = ("prompt", "hint", "explanation", "example_answer", "tags")
# Feedback the grader returns, rendered as blocks.
_FEEDBACK = ("feedback_correct", "feedback_incorrect")


def _question_data(ctx: Ctx, q: Question) -> dict[str, Any]:
    data: dict[str, Any] = q.model_dump(mode="json", exclude_none=True, exclude=set(_SHOWN_ONLY))
    for key in _FEEDBACK:
        if key in data:
            data[key] = ctx.md(data[key])
    for option in data.get("options", []):
        option.pop("text")
        if "feedback" in option:
            option["feedback"] = ctx.md(option["feedback"])
    for item in data.get("items", []) + data.get("distractors", []) + data.get("pairs", []):
        for key in ("text", "left", "right"):
            item.pop(key, None)
    for criterion in data.pop("rubric", None) or []:  # a text question's: ids only
        data.setdefault("rubric", []).append({"id": criterion["id"]})
    for answer in data.get("answers", []):
        if "feedback" in answer:
            answer["feedback"] = ctx.md(answer["feedback"])
    if isinstance(q, StarQuestion):
        data["rubric"] = [
            {
                "id": c.id,
                "criterion": ctx.md_inline(c.criterion),
                "levels": [ctx.md_inline(level) for level in c.levels],
                **({"evidence": c.evidence} if c.evidence else {}),
            }
            for c in ctx.rubric_for(q)
        ]
    return data


def client_data(ctx: Ctx) -> dict[str, Any]:
    """What the client grades with: the quiz settings and every question, ids explicit."""
    data = ctx.quiz.model_dump(
        mode="json", exclude_none=True, exclude={"description", "questions", "bank", "tags"}
    )
    data["questions"] = [_question_data(ctx, q) for q in ctx.quiz.questions]
    if ctx.quiz.bank:  # bank questions: the groups each attempt draws from
        data["pools"] = [[ids, n or 0] for ids, n in ctx.quiz.pools()]
    return data


def _question(ctx: Ctx, q: Question, number: int) -> str:
    uid = ctx.uid(q)
    out = [
        f'<div class="qe-q" id="{uid}" data-qid="{q.id}" data-type="{q.type}">'
        f'<fieldset aria-labelledby="{uid}-n {uid}-p">'
        f'<legend id="{uid}-n">Question <span class="qe-i">{number}</span> '
        f'<span class="qe-pts">({points(q.points)})</span></legend>'
        f'<div class="qe-prompt" id="{uid}-p">{ctx.md(q.prompt)}</div>',
        body(ctx, q),
    ]
    if q.hint:
        out.append(f'<details class="qe-hint"><summary>Hint</summary>{ctx.md(q.hint)}</details>')
    if not ctx.quiz.exam:
        out.append(
            '<div class="qe-acts qe-js" hidden>'
            '<button type="button" class="md-button" data-act="check">Check answer</button></div>'
        )
    out.append(f'<div class="qe-res" id="{uid}-res" tabindex="-1" hidden></div>')
    if q.explanation:
        out.append(
            f'<div class="qe-expl" hidden><p class="qe-h">Explanation</p>'
            f"{ctx.md(q.explanation)}</div>"
        )
    example = example_answer(q)
    if example:
        out.append(
            f'<div class="qe-ex" hidden><p class="qe-h">Example answer</p>{ctx.md(example)}</div>'
        )
    out.append("</fieldset></div>")
    return "".join(out)


def _info(quiz: Quiz) -> str:
    count, shown = len(quiz.questions), quiz.presented_count()
    parts = [f"{count} question" + ("" if count == 1 else "s")]
    if shown < count:
        parts = [f"{shown} of {count} questions, drawn afresh for each attempt"]
    parts.append(f"pass mark {quiz.pass_mark * 100:g}%")
    if quiz.exam:
        parts.append("exam mode: your results appear when you submit the whole quiz")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


_SUBMIT = "“Submit quiz” grades every question and records your score on your progress page."
_DOWNLOAD = "“Download response” saves your answers as a file, if your instructor asks for one."
_FOOT = f"Checking a question shows its feedback but records nothing. {_SUBMIT} {_DOWNLOAD}"
_FOOT_EXAM = f"{_SUBMIT} {_DOWNLOAD}"


def render_quiz(
    quiz: Quiz,
    markdown: Callable[[str], str],
    *,
    rubric_for: Callable[[StarQuestion], list[RubricCriterion]],
) -> str:
    """The HTML for one `::quiz{#id}`: readable without JavaScript, enhanced by the client.

    Every piece of quiz Markdown is rendered by `markdown` and then sanitised: raw HTML in a
    quiz file keeps its formatting but never runs script (see `quizengine.sanitize`).
    """
    ctx = Ctx(quiz, functools.cache(lambda text: clean_html(markdown(text))), rubric_for)
    root = f"qe-{quiz.id}"
    description = ""
    if quiz.description:
        description = f'<div class="qe-desc">{ctx.md(quiz.description)}</div>'
    questions = "".join(_question(ctx, q, n) for n, q in enumerate(quiz.questions, 1))
    return (
        # data-search-exclude: site search must not index (and so reveal) answers and feedback.
        f'<section class="qe-quiz" id="{root}" data-qe="quiz" data-quiz-id="{quiz.id}" '
        f'data-version="{quiz.content_version()}" aria-labelledby="{root}-t" data-search-exclude>'
        f'<p class="qe-title" id="{root}-t">{esc(quiz.title)}</p>{description}'
        f'<p class="qe-info">{esc(_info(quiz))}</p>'
        f'<div class="qe-note" role="status" hidden></div>'
        f'<div class="qe-qs">{questions}</div>'
        '<div class="qe-foot qe-js" hidden>'
        f'<p class="qe-help">{_FOOT_EXAM if quiz.exam else _FOOT}</p>'
        '<button type="button" class="md-button md-button--primary" data-act="submit">'
        "Submit quiz</button>"
        '<button type="button" class="md-button" data-act="retry" hidden>'
        "Start a new attempt</button>"
        '<button type="button" class="md-button" data-act="download">Download response</button>'
        "</div>"
        f'<div class="qe-sum" id="{root}-sum" tabindex="-1" hidden></div>'
        '<div class="qe-live qe-sr" aria-live="polite"></div>'
        f"{json_data(client_data(ctx))}</section>"
    )
