"""The report as one self-contained HTML file: inline CSS and SVG, no script, no request.

Instructors open it from disk, mail it, or print it, so it must not depend on a server or a
network. Everything taken from quizzes or exports is escaped: option texts are authored, but
file names and quiz ids come from learners' machines. Accessibility: one h1, an h2 per quiz,
an h3 per section; every table has a caption and scoped headers; every chart is a labelled
image whose numbers are also in the neighbouring table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from .reading import EASY, FEW, HARD, WEAK, fmt, question_notes
from .records import Analysis, Distractors, Matches, QuestionStats, QuizStats, StarStats, Written
from .svg import distractor_chart, histogram

MAX_PROBLEMS = 500
MAX_LEARNERS = 2000  # more rows than anyone reads in a page; --json has them all
FLAG_TEXT = {"never_chosen": "nobody picks it", "beats_key": "picked more often than the key"}

CSS = """
body{font:16px/1.5 system-ui,sans-serif;color:#212121;background:#fff;margin:0}
main{max-width:62rem;margin:0 auto;padding:1rem 1.5rem 3rem}
h2{border-top:2px solid #c5cae9;padding-top:1rem;margin-top:2.5rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem;min-width:60%}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #cfd8dc;padding:.25rem .45rem;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
thead th{background:#eceff1}
figure{margin:1rem 0}
svg{max-width:100%;height:auto}
.note{color:#37474f;font-size:.95rem}
td.notes{min-width:10rem}
.scroll{overflow-x:auto;max-width:100%}
.text{overflow-wrap:anywhere;min-width:6rem}
ul.chosen,ul.hints{margin:0;padding-left:1.2rem}
"""


def render_html(analysis: Analysis) -> str:
    """The whole report; deterministic for a given analysis, so it can be golden-tested."""
    quizzes = analysis.quizzes
    duplicates = sum(p.kind == "duplicate" for p in analysis.problems)
    skipped = len(analysis.problems) - duplicates
    nav = "".join(
        f'<li><a href="#{_anchor(q.id)}">{escape(q.title)}</a> ({q.n} attempts)</li>'
        for q in quizzes
    )
    files = f"from {_count(analysis.files, 'file')}; " if analysis.files else ""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Quiz results report</title><style>{CSS}</style></head><body><main>"
        "<h1>Quiz results report</h1>"
        f"<p>{_count(analysis.n, 'attempt')} at {_count(len(quizzes), 'quiz', 'quizzes')}, "
        f"{files}{skipped} skipped, "
        f"{_count(duplicates, 'duplicate')} counted once.</p>"
        f'<nav aria-label="Quizzes in this report"><ul>{nav}</ul></nav>'
        + "".join(_quiz(q) for q in quizzes)
        + _learners(analysis)
        + _problems(analysis)
        + "</main></body></html>\n"
    )


def _quiz(quiz: QuizStats) -> str:
    anchor = _anchor(quiz.id)
    rows = [
        ("Attempts", str(quiz.n)),
        ("Mean score", fmt(quiz.mean, "%")),
        ("Median score", fmt(quiz.median, "%")),
        ("Standard deviation", fmt(quiz.sd, " percentage points")),
        ("Pass rate", fmt(100 * quiz.pass_rate, "%")),
        ("Pass mark", fmt(100 * quiz.pass_mark, "%", 0)),
    ]
    summary = _table(
        f"Score summary for {quiz.title}",
        ["Measure", "Value"],
        ([f'<th scope="row">{name}</th>', _num(value)] for name, value in rows),
    )
    caveat = (
        f'<p class="note">Only {quiz.n} attempts: treat the item statistics below as '
        "rough hints.</p>"
        if quiz.n < FEW
        else ""
    )
    choice = [q for q in quiz.questions if q.distractors is not None]
    typed = [q for q in quiz.questions if q.written is not None or q.matches is not None]
    return (
        f'<section id="{anchor}" aria-labelledby="{anchor}-h">'
        f'<h2 id="{anchor}-h">{escape(quiz.title)} <small>({escape(quiz.id)})</small></h2>'
        f"<h3>Scores</h3>{summary}<figure>{histogram(quiz.percents, quiz.pass_mark, anchor)}"
        "<figcaption>Each bar counts the attempts whose score falls in a 10-point band; the "
        "dashed line is the pass mark.</figcaption></figure>"
        f"<h3>Questions</h3>{caveat}{_items(quiz)}"
        + (f"<h3>Distractors</h3>{_reading_distractors(quiz)}" if choice else "")
        + "".join(_distractors(quiz, q, q.distractors) for q in choice if q.distractors)
        + (f"<h3>What learners wrote and matched</h3>{_reading_written(quiz)}" if typed else "")
        + "".join(_written(q, q.written) for q in typed if q.written)
        + "".join(_matches(q, q.matches) for q in typed if q.matches)
        + (f"<h3>STAR self-reviews</h3>{_star(quiz)}" if quiz.star else "")
        + "</section>"
    )


def _items(quiz: QuizStats) -> str:
    # Soft hyphens let the two longest headers break, so the table fits a 992 px page.
    head = ["Question", "Type", "Points", "Attempts", "Facility", "SD", "Discrimi\u00adnation",
            "Discrimi\u00adnative efficiency", "Worth a look"]  # fmt: skip
    body = (
        [
            f'<th scope="row">{escape(q.id)}</th>',
            escape(q.type),
            _num(f"{q.points:g}"),
            _num(str(q.n)),
            _num(fmt(q.facility, "%")),
            _num(fmt(q.sd, "%")),
            _num(fmt(q.discrimination)),
            _num(fmt(q.efficiency, "%")),
            f'<td class="notes">{escape("; ".join(question_notes(q)))}</td>',
        ]
        for q in quiz.questions
    )
    return (
        f'<p class="note">Facility is the mean score as a percentage of the question\'s '
        f"points: below {HARD:.0f}% the question is hard for this group, above {EASY:.0f}% "
        "it is easy. Discrimination (from -100 to 100) is the correlation between the "
        "question's score and the score on the rest of the quiz: learners who do well "
        f"overall should do well here, so below {WEAK:.0f} is weak and a negative value "
        "usually means a wrong key or a misleading wording. Discriminative efficiency is the "
        "discrimination as a percentage of the most this question's difficulty allows. "
        "Undefined means there was nothing to correlate (for example everyone scored the "
        "same).</p>" + _table(f"Item statistics for {quiz.title}", head, body)
    )


def _reading_distractors(quiz: QuizStats) -> str:
    counted = (
        f"{quiz.with_answers} of {quiz.n} attempts came with their answers"
        if quiz.with_answers < quiz.n
        else "every attempt came with its answers"
    )
    return (
        '<p class="note">Counts come from the learners\' own answers '
        f"({counted}). A wrong option nobody picks does no work and can be made more "
        "plausible or removed; a wrong option picked more often than the key points at a "
        "misconception worth teaching, or at a key that is wrong.</p>"
    )


def _distractors(quiz: QuizStats, question: QuestionStats, data: Distractors) -> str:
    uid = f"{_anchor(quiz.id)}-{_anchor(question.id)}"
    rows = [
        [
            f'<th scope="row">{escape(o.id)}</th>',
            escape(o.text),
            "yes" if o.correct else "no",
            _num(str(o.count)),
            _num(fmt(None if o.share is None else 100 * o.share, "%", 0)),
            FLAG_TEXT.get(o.flag or "", ""),
        ]
        for o in data.options
    ]
    for label, count in (("no answer", data.unanswered), ("invalid answer", data.invalid)):
        if count:
            share = fmt(100 * count / data.n, "%", 0) if data.n else "undefined"
            rows.append([f'<th scope="row">{label}</th>', "", "", _num(str(count)),
                         _num(share), ""])  # fmt: skip
    table = _table(
        f"Options of question {question.id} ({data.n} responses)",
        ["Option", "Text", "Correct", "Learners", "Share", "Flag"],
        rows,
    )
    chart = distractor_chart(question.id, data, uid) if data.n else ""
    return (
        f"<h4>{escape(question.id)}</h4><p>{escape(question.prompt)}</p>"
        f"<figure>{chart}</figure>{table}"
    )


def _reading_written(quiz: QuizStats) -> str:
    return (
        '<p class="note">Answers are grouped as the grader compares them (short text without '
        "case, spacing or surrounding punctuation unless the question matches exactly; numbers "
        "by the value read), most frequent first, with the points each group got. A frequent "
        "answer that scored 0 is often a right answer the question does not accept yet.</p>"
    )


def _score(low: float, high: float, points: float) -> str:
    got = f"{low:g}" if abs(high - low) < 1e-9 else f"{low:g}–{high:g}"
    return f"{got} of {points:g}"


def _written(question: QuestionStats, data: Written) -> str:
    answered = data.n - data.unanswered - data.invalid
    rows = []
    for a in data.answers:
        if a.understood:
            shown = escape(a.answer)
        else:
            examples = ", ".join(f"“{escape(e)}”" for e in a.examples)
            shown = f"<em>not understood as a number</em> (such as {examples})"
        rows.append([f'<td class="text">{shown}</td>', _num(str(a.count)),
                     _num(_share(a.count, answered)),
                     _num(_score(a.low, a.high, question.points))])  # fmt: skip
    if data.others:
        what = _count(data.other_answers, "other answer")
        rows.append([f'<td class="text"><em>{what}</em></td>', _num(str(data.others)),
                     _num(_share(data.others, answered)), ""])  # fmt: skip
    for label, count in (("no answer", data.unanswered), ("invalid answer", data.invalid)):
        if count:
            rows.append([f'<td class="text"><em>{label}</em></td>', _num(str(count)), "", ""])
    table = _table(
        f"Answers to question {question.id} ({data.n} responses)",
        ["Answer", "Learners", "Share of answers", "Points"],
        rows,
    )
    hints = "".join(f"<li>{escape(h)}</li>" for h in data.hints)
    return (
        f"<h4>{escape(question.id)}</h4><p>{escape(question.prompt)}</p>"
        + (f'<ul class="hints">{hints}</ul>' if hints else "")
        + table
    )


def _matches(question: QuestionStats, data: Matches) -> str:
    rows = []
    for row in data.rows:
        chosen = "".join(
            f"<li>{escape(o.text)} <small>({escape(o.id)})</small>: {o.count}"
            + (" <strong>(the key)</strong>" if o.correct else "")
            + "</li>"
            for o in row.chosen
        )
        if row.blank:
            chosen += f"<li><em>left unmatched</em>: {row.blank}</li>"
        rows.append([f'<th scope="row">{escape(row.text)} <small>({escape(row.left)})</small></th>',
                     f'<td class="text"><ul class="chosen">{chosen}</ul></td>'])  # fmt: skip
    extra = [f"{n} {label}" for n, label in ((data.unanswered, "unanswered"),
                                             (data.invalid, "invalid")) if n]  # fmt: skip
    table = _table(
        f"Pairs chosen for question {question.id} ({data.n} responses"
        + (f", {', '.join(extra)}" if extra else "")
        + ")",
        ["Left item", "Right items chosen (learners)"],
        rows,
    )
    return f"<h4>{escape(question.id)}</h4><p>{escape(question.prompt)}</p>{table}"


def _share(count: int, of: int) -> str:
    return fmt(100 * count / of, "%", 0) if of else "undefined"


def _learners(analysis: Analysis) -> str:
    if not analysis.learners:
        return ""
    titles = {q.id: q.title for q in analysis.quizzes}
    ids = [q.id for q in analysis.quizzes]
    rows = []
    shown = analysis.learners[:MAX_LEARNERS]
    more = len(analysis.learners) - len(shown)
    for learner in shown:
        by_quiz = {q.quiz: q for q in learner.quizzes}
        cells = []
        for qid in ids:
            q = by_quiz.get(qid)
            cells.append(
                "–"
                if q is None
                else f"{fmt(q.best, '%', 0)}, {'passed' if q.passed else 'not passed'}"
                + (f", {q.attempts} attempts" if q.attempts > 1 else "")
            )
        rows.append([f'<th scope="row" class="text">{escape(learner.name)}</th>',
                     _num(str(len(learner.quizzes))), _num(str(learner.passed)),
                     *(escape(c) for c in cells)])  # fmt: skip
    unnamed = (
        f" Not listed: {_count(analysis.unnamed, 'attempt')} with no name."
        if analysis.unnamed
        else ""
    )
    return (
        '<section aria-labelledby="learners-h"><h2 id="learners-h">Learners</h2>'
        '<p class="note">One row per name learners gave on the site\'s My progress page '
        "(the same name in any case or spacing is one learner). Best score and passed are over "
        f"all of a learner's attempts at a quiz (a dash: not attempted).{unnamed}</p>"
        + _table(
            "Learners and their best scores",
            [
                "Learner",
                "Quizzes attempted",
                "Quizzes passed",
                *(titles[i] for i in ids),
            ],
            rows,
        )
        + (
            f"<p>… and {more} more learners (all of them are in the --json output).</p>"
            if more
            else ""
        )
        + "</section>"
    )


def _star(quiz: QuizStats) -> str:
    ids = list(dict.fromkeys(c.id for s in quiz.star for c in s.checks))
    head = ["Question", "Reviews", *(i.replace("_", " ") for i in ids), "Needs self-review",
            "Rating capped"]  # fmt: skip
    body = ([f'<th scope="row">{escape(s.id)}</th>', _num(str(s.n)),
             *(_num(_check_rate(s, i)) for i in ids),
             _num(fmt(None if s.self_review_share is None else 100 * s.self_review_share, "%")),
             _num(fmt(None if s.capped_share is None else 100 * s.capped_share, "%"))]
            for s in quiz.star)  # fmt: skip
    return (
        '<p class="note">Share of reviews passing each automatic check, of reviews whose '
        "author has not rated every rubric criterion yet, and of reviews with a rating that "
        "counted less than chosen because the text did not back it up.</p>"
        + _table(f"STAR automatic checks for {quiz.title}", head, body)
    )


def _check_rate(star: StarStats, check_id: str) -> str:
    rate = next((c.rate for c in star.checks if c.id == check_id), None)
    return fmt(None if rate is None else 100 * rate, "%")


def _problems(analysis: Analysis) -> str:
    if not analysis.problems:
        return ""
    shown = analysis.problems[:MAX_PROBLEMS]
    more = len(analysis.problems) - len(shown)
    items = "".join(f"<li><code>{escape(p.format())}</code></li>" for p in shown)
    tail = f"<p>… and {more} more (see the command's error output).</p>" if more else ""
    return (
        '<section aria-labelledby="skipped-h"><h2 id="skipped-h">Files set aside</h2>'
        f"<ul>{items}</ul>{tail}</section>"
    )


def _table(caption: str, head: list[str], rows: Iterable[list[str]]) -> str:
    cols = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = "".join(
        "<tr>" + "".join(c if c.startswith("<t") else f"<td>{c}</td>" for c in row) + "</tr>"
        for row in rows
    )
    # Wide tables scroll inside their own focusable region, so the page never scrolls sideways
    # and keyboard users can still reach the hidden columns.
    return (
        f'<div class="scroll" role="region" tabindex="0" aria-label="{escape(caption)}">'
        f"<table><caption>{escape(caption)}</caption><thead><tr>{cols}</tr></thead>"
        f"<tbody>{body}</tbody></table></div>"
    )


def _count(n: int, word: str, plural: str = "") -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _num(text: str) -> str:
    return f'<td class="num">{text}</td>'


def _anchor(text: str) -> str:
    return "q-" + re.sub(r"[^a-z0-9-]+", "-", text.lower())
