"""Filling in a quiz's bank questions, and every problem with how it names them.

A quiz validates on its own first (its `bank:` entries are only names); once every bank of
the course is loaded, each quiz that names banks gets their questions appended to its own
and learns the groups an attempt draws from. Questions keep the ids they have in their bank,
so a response file names a drawn question exactly as it names one of the quiz's own: the
one rule is that no two questions of a quiz, own or drawn, may share an id.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .errors import Diagnostic
from .models import Question, Quiz
from .models.bank import Bank, close_match

Position = Callable[[tuple[str | int, ...]], tuple[int, int]]


def resolve(
    quiz: Quiz, banks: Mapping[str, Bank | None], path: str, at: Position
) -> tuple[Quiz | None, list[Diagnostic]]:
    """The quiz with its bank questions in place, or None and why not."""
    problems: list[Diagnostic] = []

    def fail(loc: tuple[str | int, ...], message: str) -> None:
        problems.append(Diagnostic(path, *at(loc), message))

    questions: list[Question] = list(quiz.questions)
    source: dict[str, str | None] = {q.id: None for q in quiz.questions}
    main = [q.id for q in quiz.questions]
    drawn: list[tuple[list[str], int | None]] = []
    origins: dict[str, str] = {}
    named = list({b.id: b for e in quiz.bank or () if (b := banks.get(e.name))}.values())
    known_tags = {t for b in named for t in b.all_tags()}
    for index, entry in enumerate(quiz.bank or ()):
        bank = banks.get(entry.name)
        if bank is None and entry.name in banks:
            fail(
                ("bank", index, "name"),
                f"bank '{entry.name}' has errors: fix its file first, then this quiz can "
                "draw from it",
            )
            continue
        if bank is None:
            fail(
                ("bank", index, "name"),
                f"unknown bank '{entry.name}'{close_match(entry.name, sorted(banks))}"
                + ("" if banks else ": no bank file (kind: bank) was found beside the quiz"),
            )
            continue
        tags = entry.tags or quiz.tags
        if entry.tags:
            for number, tag in enumerate(entry.tags):
                if tag not in bank.all_tags():
                    fail(("bank", index, "tags", number), _unknown_tag(tag, [bank]))
        picked = bank.with_tags(tags)
        if not picked:
            if tags and not entry.tags and known_tags.issuperset(tags):
                fail(
                    ("bank", index),
                    f"no question in bank '{bank.id}' has any of the "
                    f"quiz's tags ({', '.join(tags)})",
                )
            continue
        for question in picked:
            if question.id in source:
                first = source[question.id]
                where = "the quiz's own questions" if first is None else f"bank '{first}'"
                fail(
                    ("bank", index),
                    f"question id '{question.id}' comes from bank '{bank.id}' and from "
                    f"{where}: ids must be unique within a quiz, so rename one of them",
                )
                continue
            source[question.id] = bank.id
            origins[question.id] = bank.id
            questions.append(question)
        ids = [q.id for q in picked]
        if entry.draw is None:
            main.extend(ids)
        elif entry.draw > len(ids):
            fail(
                ("bank", index, "draw"),
                f"draw is {entry.draw} but bank '{bank.id}' has only {len(ids)} "
                + ("question" if len(ids) == 1 else "questions")
                + (f" with tags {', '.join(tags)}" if tags else ""),
            )
        else:
            drawn.append((ids, entry.draw))
    for number, tag in enumerate(quiz.tags or ()):
        if named and tag not in known_tags:
            fail(("tags", number), _unknown_tag(tag, named))
    if quiz.draw is not None and quiz.draw > len(main) and not problems:
        fail(
            ("draw",),
            f"draw is {quiz.draw} but the quiz's pool (its own questions and the banks "
            f"listed without a draw of their own) has only {len(main)} questions",
        )
    if problems:
        return None, sorted(problems, key=lambda d: (d.line, d.col))
    resolved = quiz.model_copy(update={"questions": questions})
    resolved._pools = ([(main, quiz.draw)] if main else []) + drawn
    resolved._origins = origins
    resolved._bank_titles = {b.id: b.title or b.id for b in named}
    return resolved, []


def _unknown_tag(tag: str, banks: list[Bank]) -> str:
    known = sorted({t for b in banks for t in b.all_tags()})
    names = ", ".join(f"'{b.id}'" for b in banks)
    if not known:
        return f"tag '{tag}': the questions of bank {names} carry no tags"
    return f"no question of bank {names} has the tag '{tag}'{close_match(tag, known)}"
