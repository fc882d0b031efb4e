"""`quizengine report`: exit codes, streams, and a 10,000-file run through the console script."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quizengine import load_quiz
from quizengine.cli import main
from quizengine.report import simulate_class
from quizengine.report.progress_bar import ProgressBar

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "report"
QUIZZES = str(DATA / "quizzes")
SCRIPT = Path(sys.executable).with_name("quizengine")


def run(argv: list[str]) -> int:
    return main(argv)  # the one path every user error takes


def test_text_summary_and_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.html"
    assert run(["report", str(DATA / "class"), "--quizzes", QUIZZES, "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == (
        "hand-class: 8 attempts, mean 47.5%, pass rate 25.0%\n"
        "  hardest: q2 (37.5%), q1 (50.0%), q3 (50.0%)\n"
        "  least discriminating: q1 (9.2)\n"
        f"report written to {out}\n"
    )
    assert captured.err == "8 attempts analysed, 0 skipped, 0 duplicates counted once\n"
    assert "<svg" in out.read_text("utf-8")


def test_json_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.html"
    argv = ["report", str(DATA / "class"), str(DATA / "malformed"), "--quizzes", QUIZZES]
    assert run([*argv, "--out", str(out), "--json"]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    assert (summary["attempts"], summary["skipped"], summary["duplicates"]) == (10, 11, 0)
    (quiz,) = summary["quizzes"]
    assert quiz["n"] == 10 and summary["report"] == str(out)
    q2 = next(q for q in quiz["questions"] if q["id"] == "q2")
    flags = [o["flag"] for o in q2["distractors"]["options"]]
    assert flags == [None, None, "beats_key", "never_chosen"]
    assert captured.err.count(": skipped: ") == 11
    assert len(summary["problems"]) == 11 and summary["problems"][0]["kind"] == "skipped"


def test_progress_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["report", str(DATA / "class"), "--quizzes", QUIZZES, "--progress"]
    assert run([*argv, "--out", str(tmp_path / "r.html")]) == 0
    # Eight files take less than the bar's first tenth of a second: no flicker, one tally line.
    assert capsys.readouterr().err.count("\n") == 1


def test_progress_bar_drawing() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream, width=10, interval=0.0)
    for done in range(1, 5):
        bar(done, 4)
    bar.close()
    lines = stream.getvalue().split("\r")[1:]
    assert [line.split("  ")[0] for line in lines] == [
        "[##........] 1/4 files",
        "[#####.....] 2/4 files",
        "[#######...] 3/4 files",
        "[##########] 4/4 files",
    ]
    assert stream.getvalue().endswith(" files/s\n")
    quiet = io.StringIO()
    short = ProgressBar(quiet)  # finishes inside its first interval: draws nothing
    short(1, 1)
    short.close()
    assert quiet.getvalue() == ""


def test_nothing_analysable_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(DATA / "malformed" / "not-json.json", tmp_path)
    assert run(["report", str(tmp_path), "--quizzes", QUIZZES, "--out", str(tmp_path / "r")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{tmp_path / 'not-json.json'}: skipped: not valid JSON")
    assert "quizengine: error: nothing to analyse" in err
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["nowhere"], "quizengine: error: nowhere: no such file or folder"),
        (["CLASS", "--quizzes", "nowhere"], "--quizzes nowhere: no such folder"),
        (["CLASS", "--quizzes", "TMP"], "no valid quiz file found"),
        (["CLASS", "--out", "no/such/dir/r.html"], "--out no/such/dir/r.html: the folder"),
    ],
)
def test_usage_errors_exit_2(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "broken.yaml").write_text("id: [", "utf-8")
    names = {"CLASS": str(DATA / "class"), "TMP": str(tmp_path)}
    argv = [names.get(arg, arg) for arg in argv]
    if "--quizzes" not in argv:
        argv += ["--quizzes", QUIZZES]
    if "--out" not in argv:
        argv += ["--out", str(tmp_path / "r.html")]
    assert run(["report", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert not (tmp_path / "r.html").exists()


def test_no_arguments_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(["report"])
    assert exit_info.value.code == 2


def test_ten_thousand_files_through_the_console_script(tmp_path: Path) -> None:
    quiz = load_quiz(ROOT / "quizzes" / "benefits" / "research.yaml")
    folder = tmp_path / "exports"
    folder.mkdir()
    for index, response in enumerate(simulate_class(quiz, 10_000, seed=2024)):
        (folder / f"{index:05d}.json").write_bytes(json.dumps(response).encode())
    shutil.copy(folder / "00042.json", folder / "00042 (copy).json")
    (folder / "broken.json").write_bytes(b'{"quiz": "research", "answers": ')
    out = tmp_path / "report.html"
    done = subprocess.run(
        [
            str(SCRIPT),
            "report",
            str(folder),
            "--quizzes",
            str(ROOT / "quizzes"),
            "--out",
            str(out),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["attempts"], summary["duplicates"], summary["skipped"]) == (10_000, 1, 1)
    (research,) = summary["quizzes"]
    assert research["quiz"] == "research" and research["n"] == 10_000
    assert 20 < research["mean"] < 80 and 0 < research["pass_rate"] < 1
    # Each attempt answers the `draw` questions it was shown, so a question's share of the
    # 10,000 attempts is draw / pool.
    shown = 10_000 * (quiz.draw or len(quiz.questions)) / len(quiz.questions)
    for question in research["questions"]:
        assert question["n"] > 0.9 * shown and 0 < question["facility"] < 100
        assert question["discrimination"] is not None and question["discrimination"] > 0
    assert "00042.json" in done.stderr and "broken.json: skipped: not valid JSON" in done.stderr
    assert "10000 attempts at 1 quiz" in out.read_text("utf-8")
