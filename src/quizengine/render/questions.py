"""One renderer per question type, named after the type: the controls a learner answers with.

Each returns the type-specific body; `quiz.py` wraps it with the prompt, hint, actions and
result area every question shares. The markup is complete without JavaScript (real radio
buttons, labelled inputs, selects), so the page reads well before the client enhances it.
Values are always ids: shuffling changes display order only.
"""

from __future__ import annotations

from typing import assert_never

from ..grading.numeric import FORMS
from ..models import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ShortTextQuestion,
    SingleQuestion,
    StarQuestion,
    TextQuestion,
    TrueFalseQuestion,
    self_rated,
)
from ..models.questions import QuestionBase
from .markup import Ctx, esc, plain
from .star_form import star


def _option(ctx: Ctx, q: QuestionBase, kind: str, key: str, label: str, note: str = "") -> str:
    uid = ctx.uid(q, key)
    feedback = f'<div class="qe-ofb" hidden>{note}</div>' if note else ""
    return (
        f'<div class="qe-opt" data-id="{esc(key)}">'
        f'<input type="{kind}" name="{ctx.uid(q)}" id="{uid}" value="{esc(key)}">'
        f'<label for="{uid}">{label}</label>{feedback}</div>'
    )


def _choices(ctx: Ctx, q: SingleQuestion | MultipleQuestion, kind: str) -> str:
    options = "".join(
        _option(
            ctx, q, kind, o.key, ctx.md_inline(o.text), ctx.md(o.feedback) if o.feedback else ""
        )
        for o in q.options
    )
    return f'<div class="qe-opts">{options}</div>'


def single(ctx: Ctx, q: SingleQuestion) -> str:
    return _choices(ctx, q, "radio")


def multiple(ctx: Ctx, q: MultipleQuestion) -> str:
    # The scoring rule in words: learners otherwise read "one right, one wrong: 0 points" as a bug.
    if q.weighted:
        rule = "Each right choice earns its share of the marks; a wrong one may cost marks."
    elif q.scoring == "all_or_nothing":
        rule = "Full marks only for exactly the right set."
    else:
        rule = "Each wrong choice cancels a right one."
    tip = f'<p class="qe-tip">Choose all that apply. {rule}</p>'
    return tip + _choices(ctx, q, "checkbox")


def true_false(ctx: Ctx, q: TrueFalseQuestion) -> str:
    options = _option(ctx, q, "radio", "true", "True") + _option(ctx, q, "radio", "false", "False")
    return f'<div class="qe-opts">{options}</div>'


def _text_input(ctx: Ctx, q: QuestionBase, extra: str = "", after: str = "") -> str:
    uid = ctx.uid(q, "in")
    return (
        f'<div class="qe-field"><label for="{uid}">Your answer</label>'
        f'<span class="qe-line"><input type="text" id="{uid}" autocomplete="off" '
        f'spellcheck="false"{extra}>{after}</span></div>'
    )


def short_text(ctx: Ctx, q: ShortTextQuestion) -> str:
    return _text_input(ctx, q)


def numeric(ctx: Ctx, q: NumericQuestion) -> str:
    # The forms the grader reads, shown when an answer was not understood (the client unhides
    # it): written here, at build time, so the page's script carries no such text.
    shown = q.shown_unit()
    help_id = ctx.uid(q, "nan")
    then = f", with or without “{esc(shown)}” after it" if shown else ""
    hint = (
        f'<p class="qe-tip qe-nan" id="{help_id}" hidden>Type a number such as {esc(FORMS)}'
        f"{then}. A point marks decimals.</p>"
    )
    if not shown:
        return _text_input(ctx, q, f' inputmode="decimal" aria-describedby="{help_id}"') + hint
    uid = ctx.uid(q, "unit")
    unit = f' <span class="qe-unit" id="{uid}">{esc(shown)}</span>'
    extra = f' inputmode="decimal" aria-describedby="{uid} {help_id}"'
    return _text_input(ctx, q, extra, unit) + hint


def ordering(ctx: Ctx, q: OrderingQuestion) -> str:
    tip = ctx.uid(q, "tip")
    items = []
    for item in ctx.shuffled(q, q.items):
        name = esc(plain(ctx.md(item.text)))
        items.append(
            f'<li data-id="{esc(item.key)}"><span class="qe-it">{ctx.md_inline(item.text)}</span>'
            f'<span class="qe-mv qe-js" hidden>'
            f'<button type="button" data-act="up" aria-label="Move up: {name}">Up</button>'
            f'<button type="button" data-act="down" aria-label="Move down: {name}">Down</button>'
            f"</span></li>"
        )
    return (
        f'<p class="qe-tip" id="{tip}">Put the items in the right order, first at the top. '
        f"Use each item's Up and Down buttons.</p>"
        f'<ol class="qe-ord" aria-describedby="{tip}">{"".join(items)}</ol>'
    )


def matching(ctx: Ctx, q: MatchingQuestion) -> str:
    # Right ids per the spec: pairs are a, b, c... by position, distractors continue.
    texts = [p.right for p in q.pairs] + [d.text for d in q.distractors]
    rights = list(zip(q.right_ids(), texts, strict=True))
    choices = "".join(
        f'<option value="{esc(key)}">{esc(plain(ctx.md(text)))}</option>'
        for key, text in ctx.shuffled(q, rights)
    )
    rows = []
    for pair in q.pairs:
        uid = ctx.uid(q, pair.id or "")
        rows.append(
            f'<div class="qe-pair"><label for="{uid}">{ctx.md_inline(pair.left)}</label>'
            f'<select id="{uid}" data-left="{esc(pair.id or "")}">'
            f'<option value="">Choose a match…</option>{choices}</select></div>'
        )
    return f'<div class="qe-pairs">{"".join(rows)}</div>'


def text(ctx: Ctx, q: TextQuestion) -> str:
    """A box to write in, and the rubric, shown by the client after the first check (the
    learner rates the answer beside the example answer, not while writing it)."""
    uid = ctx.uid(q, "in")
    least = f"At least {q.min_words} words. " if q.min_words > 1 else ""
    criteria = "".join(
        _option(ctx, q, "checkbox", c.key, ctx.md_inline(c.criterion)) for c in q.rubric
    )
    return (
        f'<div class="qe-field"><label for="{uid}">Your answer</label>'
        f'<span class="qe-help" id="{uid}-h">{least}Check your answer, then rate it against '
        f"the rubric.</span>"
        f'<textarea id="{uid}" rows="6" aria-describedby="{uid}-h"></textarea></div>'
        '<fieldset class="qe-rub" hidden><legend>Rate your answer</legend>'
        '<p class="qe-tip">Compare it with the example answer, tick each line it meets, '
        "then check it again. The share ticked is your score.</p>"
        f'<div class="qe-opts">{criteria}</div></fieldset>'
    )


def example_answer(q: Question) -> str | None:
    """The model answer the page shows after checking: the self-rated types have one."""
    return q.example_answer if self_rated(q) else None


def body(ctx: Ctx, q: Question) -> str:
    """Dispatch on the question's type to the renderer of the same name."""
    match q:
        case SingleQuestion():
            return single(ctx, q)
        case MultipleQuestion():
            return multiple(ctx, q)
        case TrueFalseQuestion():
            return true_false(ctx, q)
        case ShortTextQuestion():
            return short_text(ctx, q)
        case NumericQuestion():
            return numeric(ctx, q)
        case OrderingQuestion():
            return ordering(ctx, q)
        case MatchingQuestion():
            return matching(ctx, q)
        case StarQuestion():
            return star(ctx, q)
        case TextQuestion():
            return text(ctx, q)
        case _:
            assert_never(q)
