"""One name, one person, one story across the course's examples.

tests/data/course/people.yaml lists everyone named in docs/benefits/ and quizzes/benefits/ with
the files that mention them. Reusing a name in another chapter (two people called Tom, or a
recruiter in one chapter who is a candidate in the next) changes the set of files that
mention it, and a new example whose person is not listed is caught by the ways the course
introduces people: a line of dialogue, a greeting or sign-off in a script, or a sentence such as
"Noor has an offer".
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).parents[2]
PEOPLE = ROOT / "tests" / "data" / "course" / "people.yaml"
CHAPTERS = ROOT / "docs" / "benefits"
QUIZZES = ROOT / "quizzes" / "benefits"
# A chapter's practice questions are in banks/<chapter>.yaml: named with their folder.
FILES = [*CHAPTERS.glob("*.md"), *CHAPTERS.glob("*.ipynb"), *QUIZZES.rglob("*.yaml")]
NARRATIVE = (
    r"earns|is offered|is choosing|is applying|has an offer|has two offers|resigns|accepts"
    r"|chooses|enrols|works (?:in|as|at)|expects|receives|replies|wants|decides|asks|needs"
)
INTRODUCTIONS = [
    re.compile(r"^\s*> \*\*([A-Z][a-z]+):\*\*", re.M),  # > **Noor:** I want to be open...
    re.compile(r"\b(?:Hi|Dear|Hello) ([A-Z][a-z]+)\b"),  # Hi Dana,
    re.compile(r"regards,\s*\n(?:[ >]*\n)*[ >]*([A-Z][a-z]+)\s*$", re.M),  # Best regards, Lena
    re.compile(rf"\b([A-Z][a-z]+)(?:'s [a-z]+)? (?:{NARRATIVE})\b"),  # Kofi is offered...
]
# Capitalised words those patterns also meet that are not people.
NOT_NAMES = {"He", "She", "It", "They", "This", "That", "Which", "Who", "Everyone", "Nobody"}
NOT_NAMES |= {"Recruiter", "Subject", "Pay", "Vesting", "Company", "Job", "Offer", "Plan"}


def _people() -> list[dict[str, object]]:
    people = yaml.safe_load(PEOPLE.read_text(encoding="utf-8"))
    assert isinstance(people, list)
    return people


def _mentions(name: str) -> list[str]:
    word = re.compile(rf"\b{re.escape(name)}\b")
    return sorted(_label(f) for f in FILES if word.search(f.read_text(encoding="utf-8")))


def _label(path: Path) -> str:
    return path.relative_to(QUIZZES).as_posix() if path.is_relative_to(QUIZZES) else path.name


def test_each_person_has_one_name_and_a_role() -> None:
    people = _people()
    names = Counter(str(p["name"]) for p in people)
    assert [n for n, count in names.items() if count > 1] == []
    assert all(isinstance(p["role"], str) and p["role"] for p in people)
    assert len(people) >= 30


def test_each_name_appears_only_in_the_files_of_its_story() -> None:
    stray = {}
    for person in _people():
        name, files = str(person["name"]), person["in"]
        assert isinstance(files, list)
        if sorted(files) != _mentions(name):
            stray[name] = {"listed": sorted(files), "mentioned in": _mentions(name)}
    assert stray == {}, "a name used in a new place needs a new name (or a continued story)"


def test_everyone_introduced_in_the_course_is_listed() -> None:
    listed = {str(p["name"]) for p in _people()}
    introduced: dict[str, set[str]] = {}
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        for pattern in INTRODUCTIONS:
            for match in pattern.finditer(text):
                introduced.setdefault(match.group(1), set()).add(_label(path))
    unknown = {n: sorted(f) for n, f in introduced.items() if n not in listed | NOT_NAMES}
    assert unknown == {}, f"add them to {PEOPLE.relative_to(ROOT)} with a name of their own"
    assert len(introduced.keys() & listed) >= 25  # the patterns do find the course's people
