"""The `star` renderer: four labelled boxes (or one in free mode) and the self-rating rubric.

Word counts start at zero here and go live in the client; the rubric is the effective one
(`rubric_for`), so a question without an authored rubric still asks for a self-rating.
"""

from __future__ import annotations

from ..models import StarQuestion
from .markup import Ctx, esc

# One line of guidance per part: what the learner should put in that box.
PART_HELP = {
    "situation": ("Situation", "Where and when it happened, and what was at stake."),
    "task": ("Task", "What you had to achieve, and why it mattered."),
    "action": ("Action", "What you did, step by step. Say “I”, not only “we”."),
    "result": ("Result", "What changed because of it. Give a number if you can."),
}
FREE_HELP = (
    "Your answer",
    "Tell the whole story in your own words; the four parts are found in it.",
)


def _box(ctx: Ctx, q: StarQuestion, key: str, label: str, help_text: str) -> str:
    uid = ctx.uid(q, key)
    rows = 10 if key == "text" else 4
    return (
        f'<div class="qe-field"><label for="{uid}">{label}</label>'
        f'<span class="qe-help" id="{uid}-h">{esc(help_text)}</span>'
        f'<textarea id="{uid}" rows="{rows}" data-k="{key}" '
        f'aria-describedby="{uid}-h {uid}-wc"></textarea>'
        f'<span class="qe-wc" id="{uid}-wc">0 words</span></div>'
    )


def _rubric(ctx: Ctx, q: StarQuestion) -> str:
    criteria = []
    for criterion in ctx.rubric_for(q):
        name = ctx.uid(q, "r", criterion.id)
        levels = "".join(
            f'<div class="qe-opt"><input type="radio" name="{name}" id="{name}-{index}" '
            f'value="{index}"><label for="{name}-{index}"><span class="qe-lv">{index}</span> '
            f"{ctx.md_inline(level)}</label></div>"
            for index, level in enumerate(criterion.levels)
        )
        criteria.append(
            f'<fieldset class="qe-crit" data-r="{esc(criterion.id)}">'
            f"<legend>{ctx.md_inline(criterion.criterion)}</legend>"
            f'<div class="qe-opts">{levels}</div></fieldset>'
        )
    return (
        '<fieldset class="qe-rub"><legend>Rate your own answer</legend>'
        '<p class="qe-tip">For each line, pick the level that best describes what you wrote '
        "(0 is the lowest). Your rating is part of the score, but where the automatic checks"
        " find something missing, a rating counts at most the middle level."
        f"</p>{''.join(criteria)}</fieldset>"
    )


def star(ctx: Ctx, q: StarQuestion) -> str:
    if q.mode == "free":
        boxes = _box(ctx, q, "text", *FREE_HELP)
    else:
        boxes = "".join(_box(ctx, q, key, *text) for key, text in PART_HELP.items())
    goal = (
        f'<p class="qe-goal">Aim for {q.min_words}–{q.max_words} words in all. '
        f'<span class="qe-total" data-min="{q.min_words}" data-max="{q.max_words}">'
        f"0 words so far.</span></p>"
    )
    return goal + boxes + _rubric(ctx, q)
