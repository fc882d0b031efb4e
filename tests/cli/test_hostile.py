"""The hostile-input corpus (tests/data/hostile/) through every command: no traceback ever.

Each case runs the real command in a subprocess with a generous timeout, which only stops a
hang (it is not a performance assertion), and asserts the exit code, a clear one-line
message and that no traceback escaped.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import DATA, ROOT

HOSTILE = DATA / "hostile"
QUIZ = HOSTILE / "quiz.yaml"
SCRIPT = Path(sys.executable).with_name("quizengine")
HANG = 20  # seconds: only there to turn a hang into a failure
LINE = re.compile(r"^.+:\d+:\d+: (error|warning): \S.*$|^quizengine: error: \S.*$")
ESCAPES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def run(*args: str, stdin: str = "", cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        input=stdin,
        capture_output=True,
        text=True,
        errors="replace",
        cwd=cwd,
        timeout=HANG,
    )


def refused(proc: subprocess.CompletedProcess[str], codes: tuple[int, ...] = (1, 2)) -> str:
    """Exit 1 or 2, no traceback, and at least one well-formed one-line message."""
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    assert proc.returncode in codes, (proc.returncode, proc.stdout, proc.stderr)
    lines = (proc.stdout + proc.stderr).splitlines()
    assert any(LINE.match(line) for line in lines), lines
    return proc.stdout + proc.stderr


# Files written at test time: too large, or not files at all.
def _unknown_keys(tmp: Path) -> Path:
    path = tmp / "unknown-keys.yaml"
    head = QUIZ.read_text()
    body, n, size = [], 0, len(head)
    while size < 1_000_000:  # a running total: summing the list each time was quadratic
        body.append(f"unknown_{n}: {n}\n")
        size += len(body[-1])
        n += 1
    path.write_text(head + "".join(body))
    return path


def _invalid_questions(tmp: Path) -> Path:
    path = tmp / "invalid-questions.yaml"
    bad = "".join(
        f"  - id: b{n}\n    type: single\n    prompt: P\n    options: 3\n" for n in range(5_000)
    )
    path.write_text(QUIZ.read_text() + bad)
    return path


def _fifo(tmp: Path) -> Path:
    path = tmp / "pipe.yaml"
    os.mkfifo(path)
    return path


def _dev_zero(tmp: Path) -> Path:
    return Path("/dev/zero")


def _symlink_to_dev_zero(tmp: Path) -> Path:
    path = tmp / "zero.yaml"
    path.symlink_to("/dev/zero")
    return path


def _too_large(tmp: Path) -> Path:
    path = tmp / "big.yaml"
    path.write_bytes(b"# " + b"x" * (2 * 1024 * 1024))
    return path


MADE: dict[str, Callable[[Path], Path]] = {
    "1 MB of unknown keys": _unknown_keys,
    "5,000 invalid questions": _invalid_questions,
    "a FIFO": _fifo,
    "/dev/zero": _dev_zero,
    "a symlink to /dev/zero": _symlink_to_dev_zero,
    "2 MB file": _too_large,
}
BAD_YAML = [
    "alias-bomb.yaml",
    "binary-junk.yaml",
    "deep-nesting.yaml",
    "huge-integer.yaml",
    "infinite-points.yaml",
    "invalid-utf8.yaml",
    "nan-answer.yaml",
]
BAD_RESPONSES = [
    "binary-junk.json",
    "deep-json.json",
    "float-overflow-response.json",
    "infinity-response.json",
    "int-309-digits.json",
    "int-5000-digits.json",
    "invalid-utf8.json",
    "nan-response.json",
    "not-an-object.json",
]
ODD_BUT_GRADABLE = ["control-characters.json", "lone-surrogate.json", "terminal-escapes.json"]


@pytest.mark.parametrize("name", BAD_YAML)
def test_validate_refuses_a_hostile_file(name: str) -> None:
    out = refused(run("validate", str(HOSTILE / name)), (1,))
    assert f"{HOSTILE / name}:" in out


@pytest.mark.parametrize("made", sorted(MADE))
def test_validate_refuses_a_made_file(made: str, tmp_path: Path) -> None:
    path = MADE[made](tmp_path)
    out = refused(run("validate", str(path)))
    if made.startswith(("1 MB", "5,000")):
        assert "more problems in this file" in out
        assert len(out.splitlines()) < 110  # capped, not thousands of lines


@pytest.mark.parametrize("name", BAD_RESPONSES)
def test_grade_refuses_a_hostile_response(name: str) -> None:
    for extra in ((), ("--json",)):
        proc = run("grade", str(QUIZ), str(HOSTILE / name), *extra)
        refused(proc, (1,))
        assert proc.stdout == ""


@pytest.mark.parametrize("made", ["a FIFO", "/dev/zero", "a symlink to /dev/zero", "2 MB file"])
def test_grade_refuses_a_response_that_is_not_a_small_regular_file(
    made: str, tmp_path: Path
) -> None:
    refused(run("grade", str(QUIZ), str(MADE[made](tmp_path))), (1,))


@pytest.mark.parametrize("name", BAD_YAML)
def test_grade_refuses_a_hostile_quiz(name: str) -> None:
    refused(run("grade", str(HOSTILE / name), str(HOSTILE / "not-an-object.json")), (1,))


@pytest.mark.parametrize("name", ODD_BUT_GRADABLE)
def test_grade_shows_odd_learner_text_harmlessly(name: str) -> None:
    text = run("grade", str(QUIZ), str(HOSTILE / name))
    assert text.returncode == 0 and "Traceback" not in text.stderr
    assert not ESCAPES.search(text.stdout), text.stdout
    proc = run("grade", str(QUIZ), str(HOSTILE / name), "--json")
    assert proc.returncode == 0
    result = json.loads(proc.stdout)  # valid JSON: no NaN, no lone surrogate
    assert result["quiz"] == "hostile"


def test_a_catastrophic_regex_is_graded_in_bounded_time(tmp_path: Path) -> None:
    response = tmp_path / "r.json"
    response.write_text(json.dumps({"quiz": "rx", "answers": {"q": "a" * 80}}))
    proc = run("grade", str(HOSTILE / "catastrophic-regex.yaml"), str(response), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["questions"][0]["status"] == "incorrect"
    assert "counts as no match" in proc.stderr


def _class(tmp: Path) -> Path:
    folder = tmp / "class"
    folder.mkdir()
    for name in BAD_RESPONSES + ODD_BUT_GRADABLE:
        (folder / name).write_bytes((HOSTILE / name).read_bytes())
    os.mkfifo(folder / "pipe.json")
    (folder / "zero.json").symlink_to("/dev/zero")
    return folder


def test_report_skips_every_bad_file_and_reports_the_rest(tmp_path: Path) -> None:
    folder = _class(tmp_path)
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    (quizzes / "quiz.yaml").write_bytes(QUIZ.read_bytes())
    out = tmp_path / "report.html"
    proc = run("report", str(folder), "--quizzes", str(quizzes), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    for name in [*BAD_RESPONSES, "pipe.json", "zero.json"]:
        assert f"{folder / name}: skipped: " in proc.stderr, name
    assert "3 attempts analysed" in proc.stderr
    assert not ESCAPES.search(proc.stdout + proc.stderr)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    proc = run("report", str(folder), "--quizzes", str(quizzes), "--json", "--out", str(out))
    assert json.loads(proc.stdout)


def test_report_with_nothing_to_analyse_keeps_the_previous_report(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    for name in BAD_RESPONSES:
        (folder / name).write_bytes((HOSTILE / name).read_bytes())
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    (quizzes / "quiz.yaml").write_bytes(QUIZ.read_bytes())
    out = tmp_path / "report.html"
    out.write_text("the previous report")
    refused(run("report", str(folder), "--quizzes", str(quizzes), "--out", str(out)), (1,))
    assert out.read_text() == "the previous report"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("out", ["no/such/folder/report.html", "."])
def test_report_refuses_an_unwritable_output_before_running(out: str, tmp_path: Path) -> None:
    text = refused(run("report", str(HOSTILE), "--quizzes", str(HOSTILE), "--out", out), (2,))
    assert "--out" in text


def test_export_writes_well_formed_xml_from_control_characters(tmp_path: Path) -> None:
    quiz = HOSTILE / "control-title.yaml"
    for fmt in ("qti", "moodle", "gift"):
        proc = run("export", str(quiz), "--format", fmt, "--out", str(tmp_path))
        assert proc.returncode == 0, proc.stderr
    ET.parse(tmp_path / "ctl.xml")
    with zipfile.ZipFile(tmp_path / "ctl.zip") as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                ET.fromstring(archive.read(name))


@pytest.mark.parametrize("bundle", ["../../x", "/tmp/x", "sub/x", "..", ".hidden"])
def test_export_bundle_names_stay_inside_out(bundle: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    text = refused(
        run("export", str(QUIZ), "--format", "gift", "--out", str(out), "--bundle", bundle), (2,)
    )
    assert "not a plain file name" in text
    assert not any(tmp_path.rglob("*.gift"))


def test_export_refuses_existing_files_and_symlinks_unless_forced(tmp_path: Path) -> None:
    argv = ("export", str(QUIZ), "--format", "gift", "--out", str(tmp_path))
    assert run(*argv).returncode == 0
    assert "already exists (use --force" in refused(run(*argv), (2,))
    assert run(*argv, "--force").returncode == 0
    (tmp_path / "dangling.gift").symlink_to(tmp_path / "nowhere" / "x.gift")
    text = refused(run(*argv, "--bundle", "dangling", "--force"), (2,))
    assert "symbolic link" in text
    assert not (tmp_path / "nowhere").exists()


def test_export_refuses_a_dangling_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.symlink_to(tmp_path / "elsewhere")
    refused(run("export", str(QUIZ), "--format", "gift", "--out", str(out)), (2,))
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize("name", BAD_YAML)
def test_export_refuses_a_hostile_quiz(name: str, tmp_path: Path) -> None:
    refused(run("export", str(HOSTILE / name), "--format", "qti", "--out", str(tmp_path)))


def test_new_with_dir_naming_a_file_is_a_clear_error(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("")
    for argv in (["new", "q1"], ["new", "module", "m1"]):
        text = refused(run(*argv, "--dir", str(afile)), (2,))
        assert "is a file, not a folder" in text


def test_new_never_writes_through_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "q1.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    refused(run("new", "q1", "--dir", str(tmp_path)), (2,))
    assert not (tmp_path / "elsewhere.yaml").exists()


@pytest.mark.parametrize("target", ["no/such/folder/answers.json", "."])
def test_take_checks_save_response_before_the_first_question(target: str) -> None:
    proc = run("take", str(QUIZ), "--save-response", target, stdin="1\nbenefits\n1500\n")
    refused(proc, (2,))
    assert "Question 1" not in proc.stdout


def test_take_echoes_learner_text_harmlessly(tmp_path: Path) -> None:
    saved = tmp_path / "answers.json"
    typed = "1\n\x1b]0;owned\x07\x1b[2Jbenefits\x9b\n1500\n"
    proc = run("take", str(QUIZ), "--seed", "1", "--save-response", str(saved), stdin=typed)
    assert proc.returncode == 0, proc.stderr
    assert not ESCAPES.search(proc.stdout), proc.stdout
    assert json.loads(saved.read_text())["quiz"] == "hostile"


def test_take_reads_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    saved = tmp_path / "answers.json"
    proc = subprocess.run(
        [str(SCRIPT), "take", str(QUIZ), "--seed", "1", "--save-response", str(saved)],
        input=b"1\n\xff\xfe benefits\n1500\n",
        capture_output=True,
        timeout=HANG,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr
    assert "\ufffd" in json.loads(saved.read_text(encoding="utf-8"))["answers"]["word"]


@pytest.mark.parametrize("name", BAD_YAML)
def test_take_refuses_a_hostile_quiz(name: str) -> None:
    refused(run("take", str(HOSTILE / name), stdin=""), (1,))


def test_import_refuses_a_9_mb_file_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.gift"
    path.write_text("Q {=a ~b}\n\n" * 900_000)
    assert path.stat().st_size > 9_000_000
    assert "larger than 2 MB" in refused(run("import", str(path)), (1,))


@pytest.mark.parametrize("made", ["a FIFO", "/dev/zero", "a symlink to /dev/zero"])
def test_import_refuses_what_is_not_a_regular_file(made: str, tmp_path: Path) -> None:
    refused(run("import", str(MADE[made](tmp_path)), "--format", "gift"))


@pytest.mark.parametrize("name", ["hostile.gift", "binary-junk.yaml", "invalid-utf8.yaml"])
def test_import_of_hostile_text_never_crashes(name: str) -> None:
    proc = run("import", str(HOSTILE / name), "--format", "gift")
    assert "Traceback" not in proc.stderr
    assert proc.returncode in (0, 1)


def test_import_refuses_to_replace_an_existing_out(tmp_path: Path) -> None:
    source = DATA / "gift" / "weights.gift"
    target = tmp_path / "weights.yaml"
    target.write_text("mine")
    assert "already exists" in refused(run("import", str(source), "--out", str(target)), (2,))
    assert target.read_text() == "mine"
    assert run("import", str(source), "--out", str(target), "--force").returncode == 0
