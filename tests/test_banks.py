"""Question banks: bank files, quizzes that draw from them, and every mistake in between."""

from __future__ import annotations

import json
import random
import shutil
from collections import Counter
from pathlib import Path

import pytest

from quizengine.errors import QuizFileError
from quizengine.grading import grade
from quizengine.lint import lint_file
from quizengine.loader import load_paths, load_quiz, load_quiz_file
from quizengine.models import Quiz, Response

from .conftest import DATA

GOOD = DATA / "banks" / "good"
BAD = DATA / "banks" / "bad"


def _quizzes() -> dict[str, Quiz]:
    report = load_paths([GOOD])
    assert report.ok, [d.format() for d in report.all_diagnostics]
    assert sorted(b.id for b in report.banks) == ["basics", "timing"]
    return {q.id: q for q in report.quizzes}


def test_a_quiz_draws_from_a_whole_bank() -> None:
    practice = _quizzes()["practice"]
    assert [q.id for q in practice.questions] == ["walk-away", "day-rate", "counter", "leave-value"]
    assert practice.pools() == [(["walk-away", "day-rate", "counter", "leave-value"], 2)]
    assert practice.presented_count() == 2
    assert practice.origin("counter") == "basics"


def test_tags_pick_the_questions_of_a_bank() -> None:
    numbers = _quizzes()["numbers"]
    assert [q.id for q in numbers.questions] == ["day-rate", "leave-value"]
    assert numbers.presented_count() == 2


def test_a_check_draws_so_many_from_each_bank_and_shows_its_own_questions() -> None:
    check = _quizzes()["check"]
    assert check.pools() == [
        (["own"], None),
        (["walk-away", "day-rate", "counter", "leave-value"], 2),
        (["when-to-ask", "early-number"], 1),
    ]
    assert check.presented_count() == 4
    assert check.origin("own") is None
    assert check.origin("early-number") == "timing"


def test_a_single_quiz_file_finds_the_banks_of_its_folder() -> None:
    check = load_quiz(GOOD / "check.yaml")
    assert check.presented_count() == 4 and len(check.questions) == 7


def test_every_attempt_draws_the_right_number_from_each_pool_and_retries_differ() -> None:
    check = _quizzes()["check"]
    seen: Counter[str] = Counter()
    sets = set()
    for seed in range(200):
        drawn = [q.id for q in check.draw_attempt(random.Random(seed))]
        assert len(drawn) == 4 and "own" in drawn
        assert sum(q in ("when-to-ask", "early-number") for q in drawn) == 1
        seen.update(drawn)
        sets.add(frozenset(drawn))
    assert len(seen) == 7  # every question of both banks turns up
    assert len(sets) == 12  # 6 pairs from basics x 2 from timing: every combination


def test_drawn_bank_questions_grade_and_name_their_bank() -> None:
    check = _quizzes()["check"]
    response = Response(
        quiz="check",
        presented=["own", "day-rate", "counter", "early-number"],
        answers={"own": True, "day-rate": "$200", "counter": "b", "early-number": False},
    )
    result = grade(check, response).to_json_dict()
    by_id = {q["id"]: q for q in result["questions"]}
    assert by_id["day-rate"]["status"] == "correct" and by_id["day-rate"]["bank"] == "basics"
    assert by_id["counter"]["status"] == "incorrect"
    assert by_id["early-number"]["bank"] == "timing"
    assert "bank" not in by_id["own"]
    assert result["score"] == 3.0 and result["max_score"] == 4.0


@pytest.mark.parametrize(
    ("name", "line", "col", "fragment"),
    [
        ("unknown.yaml", 3, 7, "unknown bank 'othr' (did you mean 'other'?)"),
        ("broken.yaml", 3, 7, "bank 'basics' has errors: fix its file first"),
        ("toomany.yaml", 5, 11, "draw is 3 but bank 'other' has only 2 questions"),
        ("pooldraw.yaml", 3, 7, "draw is 3 but the quiz's pool"),
        ("tags.yaml", 3, 8, "has the tag 'esy' (did you mean 'easy'?)"),
        ("tags.yaml", 7, 12, "no question of bank 'other' has the tag 'hard'"),
        ("clash.yaml", 3, 7, "question id 'q2' comes from bank 'other' and from the quiz's own"),
        ("kind.yaml", 1, 7, "'kind' must be one of 'bank'"),
        ("banks/basics.yaml", 10, 9, "duplicate question id 'q1': question ids must be unique "),
    ],
)
def test_mistakes_are_reported_where_they_are(
    name: str, line: int, col: int, fragment: str
) -> None:
    report = load_paths([BAD])
    path = str(BAD / name)
    got = [(d.line, d.col, d.message) for d in report.all_diagnostics if d.path == path]
    assert any((g[0], g[1]) == (line, col) and fragment in g[2] for g in got), got


def test_a_single_bad_file_fails_with_the_same_message() -> None:
    with pytest.raises(QuizFileError) as caught:
        load_quiz(BAD / "unknown.yaml")
    assert "did you mean 'other'" in str(caught.value.diagnostics[0].message)


def test_a_question_tag_outside_the_banks_tags_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text(
        "kind: bank\nid: b\ntags: [numbers]\nquestions:\n"
        "  - {id: q, type: true_false, prompt: P, answer: true, tags: [numbrs]}\n"
    )
    [diagnostic] = load_paths([tmp_path]).all_diagnostics
    assert (diagnostic.line, diagnostic.col) == (5, 63)
    assert "tag 'numbrs' is not in the bank's tags (numbers) (did you mean 'numbers'?)" in (
        diagnostic.message
    )


def test_bank_ids_are_unique_across_the_course(tmp_path: Path) -> None:
    bank = (
        "kind: bank\nid: same\nquestions:\n  - {id: q, type: true_false, prompt: P, answer: true}\n"
    )
    (tmp_path / "a.yaml").write_text(bank)
    (tmp_path / "b.yaml").write_text(bank)
    [diagnostic] = load_paths([tmp_path]).all_diagnostics
    assert (
        diagnostic.path.endswith("b.yaml")
        and "bank id 'same' is already used" in diagnostic.message
    )


def test_a_quiz_needs_questions_or_a_bank(tmp_path: Path) -> None:
    (tmp_path / "q.yaml").write_text("id: q\ntitle: T\n")
    [diagnostic] = load_paths([tmp_path]).all_diagnostics
    assert "missing required key 'questions' (or name a question bank in 'bank')" in (
        diagnostic.message
    )
    (tmp_path / "q.yaml").write_text(
        "id: q\ntitle: T\ntags: [x]\nquestions:\n"
        "  - {id: a, type: true_false, prompt: P, answer: true}\n"
    )
    [diagnostic] = load_paths([tmp_path]).all_diagnostics
    assert (diagnostic.line, diagnostic.col) == (3, 7) and "names no bank" in diagnostic.message


def test_lint_checks_each_banks_pool_and_lints_bank_questions_in_their_file(tmp_path: Path) -> None:
    folder = tmp_path / "m"
    (folder / "banks").mkdir(parents=True)
    (folder / "banks" / "b.yaml").write_text(
        "kind: bank\nid: b\nquestions:\n"
        + "".join(
            f"  - {{id: q{n}, type: true_false, prompt: 'Claim {n}.', answer: true, "
            f"explanation: 'Because {n}.'}}\n"
            for n in range(3)
        )
    )
    (folder / "quiz.yaml").write_text("id: quiz\ntitle: T\nbank:\n  - {name: b, draw: 3}\n")
    [finding] = lint_file(folder / "quiz.yaml")
    assert finding.check == "draw-pool" and (finding.line, finding.col) == (4, 21)
    assert "draw is 3, the whole pool: every attempt shows every question" in finding.message
    bank_findings = lint_file(folder / "banks" / "b.yaml")
    assert [f.check for f in bank_findings] == ["true-false-balance"]


def test_take_draws_like_the_browser_and_its_saved_response_grades(tmp_path: Path) -> None:
    from .cli.test_cli import run

    saved = tmp_path / "saved.json"
    seen = set()
    for seed in ("1", "2", "3", "4", "5"):
        proc = run(
            "take",
            str(GOOD / "check.yaml"),
            "--seed",
            seed,
            "--save-response",
            str(saved),
            stdin="1\n1\n1\n1\n",
        )
        assert proc.returncode == 0, proc.stderr
        assert "Question 4 of 4" in proc.stdout and "Question 5" not in proc.stdout
        presented = json.loads(saved.read_text())["presented"]
        check_ids = {q.id for q in _quizzes()["check"].questions}
        assert "own" in presented and set(presented) <= check_ids
        assert sum(q in ("when-to-ask", "early-number") for q in presented) == 1
        seen.add(frozenset(presented))
        graded = run("grade", str(GOOD / "check.yaml"), str(saved), "--json")
        assert graded.returncode == 0 and json.loads(graded.stdout)["max_score"] == 4.0
    assert len(seen) > 1  # another seed, another draw


def test_one_bank_entry_may_be_written_without_a_list(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text(
        "kind: bank\nid: b\nquestions:\n"
        "  - {id: q1, type: true_false, prompt: P, answer: true}\n"
        "  - {id: q2, type: true_false, prompt: P, answer: false}\n"
    )
    (tmp_path / "q.yaml").write_text("id: q\ntitle: T\nbank: {name: b, draw: 1}\n")
    [quiz] = load_paths([tmp_path]).quizzes
    assert quiz.pools() == [(["q1", "q2"], 1)]


def test_moving_a_quizs_questions_into_a_bank_keeps_its_saved_progress(tmp_path: Path) -> None:
    """The browser keys progress by quiz and question id and restarts it when the version
    changes: a quiz that draws a whole bank holding its old questions keeps both."""
    questions = (
        "questions:\n"
        "  - {id: q1, type: true_false, prompt: P, answer: true}\n"
        "  - {id: q2, type: true_false, prompt: P, answer: false}\n"
        "  - {id: q3, type: true_false, prompt: P, answer: true}\n"
    )

    def load(name: str, quiz: str, bank: bool = True) -> Quiz:
        folder = tmp_path / name
        (folder / "banks").mkdir(parents=True)
        if bank:
            (folder / "banks" / "b.yaml").write_text("kind: bank\nid: b\n" + questions)
        (folder / "q.yaml").write_text("id: q\ntitle: T\n" + quiz)
        [loaded] = load_paths([folder]).quizzes
        return loaded

    before = load("own", "draw: 2\n" + questions, bank=False)
    after = load("moved", "draw: 2\nbank: b\n")
    assert [q.id for q in after.questions] == ["q1", "q2", "q3"]
    assert after.content_version() == before.content_version()
    # How an attempt draws is content: another draw or grouping is another version.
    two, one = load("two", "bank: {name: b, draw: 2}\n"), load("one", "bank: {name: b, draw: 1}\n")
    assert len({before.content_version(), two.content_version(), one.content_version()}) == 3


MEDIA = DATA / "banks" / "media" / "quizzes"


def test_a_bank_questions_image_is_read_relative_to_the_bank_file() -> None:
    report = load_paths([MEDIA])
    assert report.ok, [d.format() for d in report.all_diagnostics]
    [loaded] = [f for f in report.files if f.quiz is not None]
    files = {path: f.path for path, f in loaded.media.files.items()}
    assert files == {
        "img/square.png": (MEDIA / "img" / "square.png").resolve(),
        "img/dot.png": (MEDIA / "banks" / "img" / "dot.png").resolve(),
    }
    # A single quiz file finds its banks beside it, and their files with them.
    assert load_quiz_file(MEDIA / "pictures.yaml").media.files == loaded.media.files


def _bank_media_course(tmp_path: Path, bank_text: str, *, own: str = "") -> list[str]:
    (tmp_path / "banks" / "img").mkdir(parents=True)
    (tmp_path / "img").mkdir()
    for folder in (tmp_path / "img", tmp_path / "banks" / "img"):
        shutil.copy(MEDIA / "banks" / "img" / "dot.png", folder / "dot.png")
    (tmp_path / "banks" / "pics.yaml").write_text(
        "kind: bank\nid: pics\nquestions:\n"
        f"  - {{id: q1, type: true_false, prompt: '{bank_text}', answer: true}}\n"
    )
    (tmp_path / "q.yaml").write_text(
        "id: q\ntitle: T\nbank: pics\n"
        + (f"questions:\n  - {{id: own, type: true_false, prompt: '{own}', answer: true}}\n")
    )
    return [d.format() for d in load_paths([tmp_path]).all_diagnostics]


def test_a_missing_bank_image_is_reported_in_the_bank_file(tmp_path: Path) -> None:
    found = _bank_media_course(tmp_path, "![A dot](img/gone.png)", own="No picture")
    assert found == [
        f"{tmp_path / 'banks' / 'pics.yaml'}:4:40: error: question 'q1': the image "
        f"'img/gone.png' was not found at {tmp_path / 'banks' / 'img' / 'gone.png'} "
        "(paths are relative to the bank file)",
        f"{tmp_path / 'q.yaml'}:3:7: error: bank 'pics' has errors: fix its file first, then "
        "this quiz can draw from it",
    ]


def test_a_quiz_and_its_bank_cannot_show_two_files_written_alike(tmp_path: Path) -> None:
    # The same path, read from each file's folder: the page could show only one of them.
    found = _bank_media_course(tmp_path, "![A dot](img/dot.png)", own="![A dot](img/dot.png)")
    assert found == [
        f"{tmp_path / 'q.yaml'}:3:7: error: question 'q1' of bank 'pics' shows 'img/dot.png', "
        "and so do the quiz's own questions, but from another folder: the two are different "
        "files, so rename one of them"
    ]


def test_a_quiz_may_show_its_banks_file_by_its_own_path(tmp_path: Path) -> None:
    found = _bank_media_course(tmp_path, "![A dot](img/dot.png)", own="![A dot](banks/img/dot.png)")
    assert found == []
    [quiz] = [f for f in load_paths([tmp_path]).files if f.quiz is not None]
    assert {f.path for f in quiz.media.files.values()} == {
        (tmp_path / "banks" / "img" / "dot.png").resolve()
    }
