"""Quizzes -> GIFT, Moodle's plain-text question format.

Prompts, options and feedback keep their Markdown under GIFT's `[markdown]` marker, so
nothing is lost to a conversion; newlines travel as `\\n` because a blank line ends a
question. Texts GIFT shows unformatted (short answers, the right side of matching pairs)
are written as plain text. Question titles are our question ids, so a re-import keeps them;
option ids travel in a `// option ids:` comment line (Moodle skips comments).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import assert_never

from ..models import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    Quiz,
    ShortTextQuestion,
    SingleQuestion,
    StarQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from ..models.questions import QuestionBase
from .common import OPTION_IDS, Notes, category_path, fmt_number, md_to_text, own_keys, percent
from .media import media_notes
from .plan import (
    choice_weights,
    combined_feedback_note,
    common_notes,
    field_notes,
    framing,
    join_feedback,
    ordering_as_pairs,
    short_answers,
    star_literal,
    unit_words,
)
from .pools import by_origin, random_notes
from .pools import category as pool_category

FORMAT = "GIFT"
_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "~": "\\~",
        "=": "\\=",
        "#": "\\#",
        "{": "\\{",
        "}": "\\}",
        ":": "\\:",
        "\n": "\\n",
        "\r": "",
    }
)


def escape(text: str) -> str:
    """GIFT's reserved characters behind a backslash; newlines as the two characters `\\n`.

    `%` has no escape in GIFT (Moodle would show the backslash): an answer that starts
    with one gets an explicit weight before it instead (`_weighted`).
    """
    return text.strip().translate(_ESCAPES)


def _weighted(mark: str, fraction: float, text: str) -> str:
    """A choice answer: `=text`, `~text`, or `~%50%text`; a weight where the text needs one.

    Moodle reads a weight only after `~` and takes the text after `=` as written, so a
    wrong option starting with `%` gets `%0%` to keep the `%` its own.
    """
    body = escape(text)
    if mark == "~" and (fraction != 0 or body.startswith("%")):
        return f"~%{percent(fraction)}%{body}"
    return f"{mark}{body}"


def write_gift(quizzes: Iterable[Quiz], notes_for: dict[str, Notes]) -> str:
    """One GIFT document; each quiz becomes its own category."""
    blocks: list[str] = []
    written: set[tuple[str, str]] = set()
    for quiz in quizzes:
        notes = notes_for[quiz.id]
        header = [f"// quiz: {quiz.id}", f"$CATEGORY: {category_path(quiz.title)}"]
        blocks.append("\n".join(header))
        banks = by_origin(quiz)
        blocks.extend(_question(q, notes) for q in banks.pop(None, []))
        for bank, questions in banks.items():  # a category per bank, each question once
            fresh = [q for q in questions if bank is not None and (bank, q.id) not in written]
            if bank is None or not fresh:
                continue
            title = quiz.bank_title(bank).replace("/", "//")
            blocks.append(f"// bank: {bank}\n$CATEGORY: {pool_category(title)}")
            blocks.extend(_question(q, notes) for q in fresh)
            written.update((bank, q.id) for q in fresh)
        random_notes(quiz, notes, "GIFT")
        if quiz.description:
            notes.add(None, "the quiz description is not carried by GIFT")
    return "\n\n".join(blocks) + "\n"


def _question(question: Question, notes: Notes) -> str:
    common_notes(question, notes, fmt=FORMAT, hints=False)
    field_notes(question, notes, fmt=FORMAT, tags=False)
    if getattr(question, "shuffle_options", None) is False:
        notes.add(question.id, "shuffle_options dropped: with GIFT the LMS decides the order")
    media_notes(question, notes, carried=False, fmt=FORMAT)
    if question.points != 1:
        notes.add(question.id, f"points ({question.points:g}) dropped: GIFT has no marks")
    framed = framing(question)
    prompt, general = framed.prompt, framed.general
    lines = [f"// question: {question.id}"]
    keys = _option_keys(question)
    if keys and keys[0] is not None:
        lines.append(f"{OPTION_IDS} {' '.join(k or '' for k in keys)}")
    lines.append(f"::{question.id}::[markdown]{escape(prompt)}{{")
    lines.extend(f"\t{line}" for line in _answers(question, notes))
    if general:
        lines.append(f"\t####{escape(general)}")
    lines.append("}")
    return "\n".join(lines)


def _option_keys(question: Question) -> list[str | None]:
    """Our own option ids, for a comment line only our importer reads (Moodle skips it)."""
    match question:
        case SingleQuestion() | MultipleQuestion():
            return own_keys([o.key for o in question.options])
        case MatchingQuestion():
            return own_keys([p.id or "" for p in question.pairs])
        case (
            TrueFalseQuestion()
            | ShortTextQuestion()
            | NumericQuestion()
            | OrderingQuestion()
            | StarQuestion()
            | TextQuestion()
        ):
            return []
        case _:
            assert_never(question)


def _fb(feedback: str | None) -> str:
    return f"#{escape(feedback)}" if feedback else ""


def _answers(question: Question, notes: Notes) -> list[str]:
    match question:
        case SingleQuestion():
            if question.feedback_correct or question.feedback_incorrect:
                notes.add(
                    question.id,
                    "feedback_correct and feedback_incorrect added to each option's feedback:"
                    " GIFT has no whole-question feedback here",
                )
            return [
                f"{_weighted('=' if w.fraction >= 1 else '~', w.fraction, w.text)}{_fb(w.feedback)}"
                for w in choice_weights(question, notes, merge=True)
            ]
        case MultipleQuestion():
            combined_feedback_note(question, notes, FORMAT)
            return [
                f"{_weighted('~', w.fraction, w.text)}{_fb(w.feedback)}"
                for w in choice_weights(question, notes)
            ]
        case TrueFalseQuestion():
            wrong, right = question.feedback_incorrect, question.feedback_correct
            tail = f"#{escape(wrong or '')}#{escape(right)}" if right else _fb(wrong)
            return [("TRUE" if question.answer else "FALSE") + tail]
        case ShortTextQuestion():
            return _short(question, notes)
        case NumericQuestion():
            return _numeric(question, notes)
        case MatchingQuestion():
            if question.scoring == "all_or_nothing":
                notes.add(question.id, "all-or-nothing scoring dropped: GIFT matching is per pair")
            pairs = [(p.left, p.right) for p in question.pairs]
            return _pairs(question, pairs, [d.text for d in question.distractors], notes)
        case OrderingQuestion():
            if question.scoring == "all_or_nothing":
                notes.add(question.id, "all-or-nothing scoring dropped: GIFT matching is per pair")
            return _pairs(question, ordering_as_pairs(question, notes, FORMAT), [], notes)
        case TextQuestion():
            if question.min_words > 1:
                notes.add(question.id, "GIFT has no word limits: the minimum is in the text")
            return []
        case StarQuestion():
            notes.add(
                question.id,
                "STAR self-review exported as an essay: the STAR guidance and rubric are in the"
                " question text; the automatic STAR checks and self-rating are not carried",
            )
            return []
        case _:
            assert_never(question)


def _short(question: ShortTextQuestion, notes: Notes) -> list[str]:
    out = [
        f"=%{percent(w.fraction)}%{escape(_no_arrow(question.id, star_literal(w.text), notes))}"
        f"{_fb(w.feedback)}"
        for w in short_answers(question, notes)
    ]
    if question.feedback_incorrect:
        out.append(f"=%0%*{_fb(question.feedback_incorrect)}")
    return out


def _numeric(question: NumericQuestion, notes: Notes) -> list[str]:
    if question.spellings():
        notes.add(question.id, f"{unit_words(question)} dropped: GIFT numbers have no unit")
    tolerance = question.absolute_tolerance()
    if isinstance(question.tolerance, str):
        notes.add(
            question.id,
            f"relative tolerance {question.tolerance} written as ±{fmt_number(tolerance)}",
        )
    answer = f"={fmt_number(question.answer)}:{fmt_number(tolerance)}"
    out = ["#", f"{answer}{_fb(question.feedback_correct)}"]
    if question.feedback_incorrect:
        out.append(f"~{_fb(question.feedback_incorrect)}")
    return out


def _pairs(
    question: QuestionBase, pairs: list[tuple[str, str]], distractors: list[str], notes: Notes
) -> list[str]:
    combined_feedback_note(question, notes, FORMAT)
    out = []
    for left, right in pairs:
        if "->" in left:
            notes.add(question.id, f"'->' in '{left}' written as '→' (GIFT's pair separator)")
            left = left.replace("->", "→")
        out.append(f"={escape(left)} -> {escape(_plain(question.id, right, notes))}")
    out.extend(f"= -> {escape(_plain(question.id, d, notes))}" for d in distractors)
    return out


def _no_arrow(question_id: str, text: str, notes: Notes) -> str:
    """GIFT cannot escape '->', and a short answer holding it would read as matching."""
    if "->" not in text:
        return text
    notes.add(question_id, f"'->' in answer '{text}' written as '→' (GIFT cannot escape it)")
    return text.replace("->", "→")


def _plain(question_id: str, text: str, notes: Notes) -> str:
    plain = " ".join(md_to_text(text).split())
    if plain != " ".join(text.split()):
        notes.add(question_id, f"matching answer '{plain}' loses its formatting (plain text)")
    return plain


__all__ = ["escape", "join_feedback", "write_gift"]
