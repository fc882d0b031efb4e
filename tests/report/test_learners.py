"""Attempt identity (one attempt via a response file and a progress export counts once), the
per-learner table, `--json` writing no file, and a class of 30 in a 992 px window."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quizengine import Quiz, grade, load_quiz
from quizengine.cli import main
from quizengine.models import Response
from quizengine.report import Graded, analyse, collect, render_html, simulate_class
from quizengine.report import page as page_module
from quizengine.report.collect import MAX_NAME

DATA = Path(__file__).resolve().parents[1] / "data" / "report"
QUIZZES = DATA / "quizzes"


@pytest.fixture(scope="module")
def quizzes() -> dict[str, Quiz]:
    quiz = load_quiz(QUIZZES / "hand-class.yaml")
    return {quiz.id: quiz}


def response(**extra: Any) -> dict[str, Any]:
    return {"quiz": "hand-class", "answers": {"q1": "a", "q3": True}, **extra}


def bundle(*responses: dict[str, Any]) -> dict[str, Any]:
    return {"format": "quizengine-progress", "version": 1, "responses": list(responses)}


def write(folder: Path, name: str, data: object) -> None:
    (folder / name).write_text(json.dumps(data, indent=2), "utf-8")


def test_one_attempt_as_a_file_and_in_a_bundle_counts_once(
    tmp_path: Path, quizzes: dict[str, Quiz]
) -> None:
    attempt = response(began=1764750000000, learner="Ana Lee")
    write(tmp_path, "a-response.json", attempt)
    # The bundle is a different file (other bytes), holding the same attempt and another.
    other = {"quiz": "hand-class", "answers": {"q1": "b"}, "began": 1764750000001}
    write(tmp_path, "b-progress.json", bundle(other, attempt))
    results, problems = collect([tmp_path], quizzes)
    assert len(results) == 2
    assert [(p.kind, p.reason) for p in problems] == [
        (
            "duplicate",
            f"entry 2 of the progress export: the same attempt as {tmp_path / 'a-response.json'}",
        )
    ]


def test_identity_keys_tell_attempts_apart(tmp_path: Path, quizzes: dict[str, Quiz]) -> None:
    # Same answers, but another attempt (began) or another learner: all counted.
    write(tmp_path, "1.json", response(began=1, learner="Ana"))
    write(tmp_path, "2.json", response(began=2, learner="Ana"))
    write(tmp_path, "3.json", response(began=1, learner="Ben"))
    # Same attempt, spelled differently: keys reordered, the name in another case and
    # spacing: counted once.
    write(tmp_path, "4.json", {"learner": " ana ", "answers": {"q3": True, "q1": "a"},
                               "began": 1, "quiz": "hand-class"})  # fmt: skip
    # Different presented questions: another attempt.
    write(tmp_path, "5.json", response(began=1, learner="Ana", presented=["q1", "q3"]))
    results, problems = collect([tmp_path], quizzes)
    assert sorted(Path(r.source).name for r in results if hasattr(r, "source")) == [
        "1.json",
        "2.json",
        "3.json",
        "5.json",
    ]
    assert [Path(p.path).name for p in problems] == ["4.json"]


def test_a_copy_without_a_name_is_the_same_attempt_and_the_name_is_kept(
    tmp_path: Path, quizzes: dict[str, Quiz]
) -> None:
    # Downloaded before the learner typed a name, exported after: one attempt, named.
    write(tmp_path, "a.json", response(began=7))
    write(tmp_path, "b.json", bundle(response(began=7, learner="Ana")))
    results, problems = collect([tmp_path], quizzes)
    assert len(results) == 1 and len(problems) == 1
    analysis = analyse(results, quizzes)
    assert [learner.name for learner in analysis.learners] == ["Ana"]
    assert analysis.unnamed == 0


def test_per_learner_table(tmp_path: Path, quizzes: dict[str, Quiz]) -> None:
    good = {"q1": "a", "q2": ["a", "b"], "q3": True, "q4": 42}
    write(tmp_path, "1.json", response(began=1, learner="Ana"))
    write(tmp_path, "2.json", {"quiz": "hand-class", "answers": good, "began": 2,
                               "learner": "ANA"})  # fmt: skip
    write(tmp_path, "3.json", response(began=3, learner="Learner 10"))
    write(tmp_path, "4.json", response(began=4, learner="Learner 9"))
    write(tmp_path, "5.json", response(began=5))  # no name
    write(tmp_path, "6.json", response(began=6, learner="x" * 500))
    results, _ = collect([tmp_path], quizzes)
    analysis = analyse(results, quizzes)
    rows = [(lr.name, [(q.quiz, q.attempts, q.best, q.passed) for q in lr.quizzes])
            for lr in analysis.learners]  # fmt: skip
    assert rows == [
        ("Ana", [("hand-class", 2, 100.0, True)]),  # best of two attempts, either case
        ("Learner 9", [("hand-class", 1, 40.0, False)]),  # natural order: 9 before 10
        ("Learner 10", [("hand-class", 1, 40.0, False)]),
        ("x" * MAX_NAME, [("hand-class", 1, 40.0, False)]),
    ]
    assert analysis.unnamed == 1 and analysis.learners[0].passed == 1
    html = render_html(analysis)
    assert '<h2 id="learners-h">Learners</h2>' in html
    assert "Not listed: 1 attempt with no name." in html
    assert "100%, passed, 2 attempts" in html and "40%, not passed</td>" in html
    assert "more learners" not in html


def test_a_very_large_class_lists_the_first_learners(quizzes: dict[str, Quiz]) -> None:
    quiz = quizzes["hand-class"]
    responses = simulate_class(quiz, page_module.MAX_LEARNERS + 3, seed=1)
    results = [
        Graded.model_construct(**grade(quiz, Response.model_validate(r)).__dict__,
                               answers=r["answers"], learner=r["learner"])
        for r in responses
    ]  # fmt: skip
    analysis = analyse(results, quizzes)
    assert len(analysis.learners) == page_module.MAX_LEARNERS + 3
    html = render_html(analysis)
    assert "… and 3 more learners (all of them are in the --json output)." in html
    assert html.count('<th scope="row" class="text">learner-') == page_module.MAX_LEARNERS


def run(argv: list[str]) -> int:
    return main(argv)  # the one path every user error takes


def test_json_alone_writes_no_html(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["report", str(DATA / "class"), "--quizzes", str(QUIZZES), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert "report" not in summary and summary["attempts"] == 8
    assert list(tmp_path.iterdir()) == []
    # Without --json, and with --out, the HTML is written.
    assert run(["report", str(DATA / "class"), "--quizzes", str(QUIZZES)]) == 0
    assert (tmp_path / "report.html").is_file()
    assert capsys.readouterr().out.endswith("report written to report.html\n")
    out = tmp_path / "both.html"
    assert run(["report", str(DATA / "class"), "--quizzes", str(QUIZZES), "--json",
                "--out", str(out)]) == 0  # fmt: skip
    assert out.is_file() and "<svg" in out.read_text("utf-8")
    assert json.loads(capsys.readouterr().out)["report"] == str(out)


def test_a_class_of_30_learners(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(__file__).resolve().parents[2]
    quiz = load_quiz(root / "quizzes" / "benefits" / "timing.yaml")
    for index, resp in enumerate(simulate_class(quiz, 30, seed=3)):
        write(tmp_path, f"{index:02d}.json", resp)
    write(tmp_path, "export.json", bundle(*simulate_class(quiz, 30, seed=3)[:5]))
    folder = root / "quizzes" / "benefits"
    assert run(["report", str(tmp_path), "--quizzes", str(folder), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["attempts"], summary["duplicates"], summary["skipped"]) == (30, 5, 0)
    assert len(summary["learners"]) == 30 and summary["unnamed_attempts"] == 0
    (stats,) = summary["quizzes"]
    typed = {q["id"]: q for q in stats["questions"] if "written" in q}
    assert typed and all(
        sum(a["count"] for a in q["written"]["answers"]) + q["written"]["other_learners"]
        + q["written"]["unanswered"] + q["written"]["invalid"] == q["written"]["n"]
        for q in typed.values()
    )  # fmt: skip
