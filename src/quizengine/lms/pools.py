"""How a quiz that draws from question banks maps onto an LMS's question bank.

Every LMS format here holds questions in categories (Moodle XML, GIFT) or sections (QTI);
none holds Moodle's quiz structure. So each bank becomes a category of its own, named
after the bank, and a bank drawn so many at a time becomes, where the format can say it,
a group that picks that many (QTI `selection_ordering`, which Canvas imports as a question
group), and otherwise a note telling the instructor how to set up the random draw.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Question, Quiz
from .common import Notes


@dataclass(frozen=True, slots=True)
class DrawnPool:
    """A bank entry with its own `draw`: pick `draw` of `questions` for every attempt."""

    bank: str
    title: str
    draw: int
    questions: list[Question]
    tags: list[str]


def by_origin(quiz: Quiz) -> dict[str | None, list[Question]]:
    """The quiz's questions by the bank they come from (None: the quiz's own), in order."""
    out: dict[str | None, list[Question]] = {}
    for question in quiz.questions:
        out.setdefault(quiz.origin(question.id), []).append(question)
    return out


def drawn_pools(quiz: Quiz) -> list[DrawnPool]:
    entries = [e for e in quiz.bank or () if e.draw is not None]
    groups = quiz.pools()[-len(entries) :] if entries else []
    out = []
    for entry, (ids, draw) in zip(entries, groups, strict=True):
        assert draw is not None, "a bank entry with a draw makes a group with that draw"
        questions = [q for q in quiz.questions if q.id in set(ids)]
        tags = list(entry.tags or quiz.tags or ())
        out.append(DrawnPool(entry.name, quiz.bank_title(entry.name), draw, questions, tags))
    return out


def in_pool(quiz: Quiz) -> set[str]:
    """Ids of the questions a drawn pool holds: they are not listed one by one in the quiz."""
    return {q.id for pool in drawn_pools(quiz) for q in pool.questions}


def category(title: str) -> str:
    return f"$course$/top/{title}"


def random_notes(quiz: Quiz, notes: Notes, where: str) -> None:
    """The random draws a Moodle XML or GIFT file cannot carry, as set-up steps."""
    for pool in drawn_pools(quiz):
        tags = f", tagged {' or '.join(pool.tags)}" if pool.tags else ""
        notes.add(
            None,
            f"draw {pool.draw} from bank '{pool.bank}' not carried by {where}: in the LMS "
            f"quiz, add {pool.draw} random question{'s' if pool.draw > 1 else ''} from the "
            f"category '{pool.title}'{tags}",
        )
