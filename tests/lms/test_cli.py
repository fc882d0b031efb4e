"""`quizengine export` and `quizengine import`: files written, warnings printed, exit codes
(0 done, 1 invalid input, 2 usage or unreadable path), and never a traceback.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from quizengine import load_quiz
from quizengine.cli import main

from .support import ROOT
from .test_import_errors import BILLION_LAUGHS

BENEFITS = ROOT / "quizzes" / "benefits"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)  # the one path every user error takes
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_export_a_folder_to_gift(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        ["export", str(BENEFITS), "--format", "gift", "--out", str(tmp_path)], capsys
    )
    assert code == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(
        f"{p.stem}.gift" for p in BENEFITS.glob("*.yaml") if p.stem != "module"
    )
    assert out.count("wrote ") == len(written)
    assert "warning: quiz 'timing' question 'offer-cycle': GIFT has no ordering question" in err


def test_export_a_bundle_to_qti(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["export", str(BENEFITS / "research.yaml"), str(ROOT / "quizzes" / "guide")]
    code, _, err = run(
        [*argv, "--format", "qti", "--out", str(tmp_path), "--bundle", "course"], capsys
    )
    assert code == 0
    names = zipfile.ZipFile(tmp_path / "course.zip").namelist()
    assert "imsmanifest.xml" in names and "research/research.xml" in names
    assert "STAR self-review exported as an essay" in err


def test_export_refuses_an_invalid_quiz(
    write_yaml: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: bad\ntitle: Bad\nquestions:\n  - id: q1\n    type: single\n", encoding="utf-8"
    )
    code, _, err = run(["export", str(bad), "--format", "moodle", "--out", str(tmp_path)], capsys)
    assert code == 1
    assert f"{bad}:4:" in err and "error:" in err
    assert not (tmp_path / "bad.xml").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "no/such/folder", "--format", "gift"],
        ["export", "quizzes", "--format", "pdf"],
        ["export", "quizzes"],
    ],
)
def test_export_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(argv, capsys)
    assert code == 2
    assert "error" in err


def test_import_gift_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = ROOT / "tests" / "data" / "gift" / "weights.gift"
    target = tmp_path / "weights.yaml"
    code, _, err = run(["import", str(source), "--out", str(target)], capsys)
    assert code == 0
    quiz = load_quiz(target)
    assert (quiz.id, quiz.title) == ("weights", "Weights")
    from quizengine import cli

    assert cli.main(["validate", str(target)]) == 0
    assert f"{source}:11:1: warning: quiz 'weights' question 'all-or-nothing':" in err


def test_import_moodle_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export.xml"
    source.write_text(
        "<quiz><question type='truefalse'><name><text>Q</text></name>"
        "<questiontext format='html'><text>Sky is blue?</text></questiontext>"
        "<answer fraction='100'><text>true</text></answer>"
        "<answer fraction='0'><text>false</text></answer></question></quiz>",
        encoding="utf-8",
    )
    code, out, _ = run(["import", str(source), "--id", "sky", "--title", "Sky"], capsys)
    assert code == 0
    assert out.startswith("# Imported from Moodle XML.")
    assert "id: sky\ntitle: Sky\n" in out and "answer: true" in out


@pytest.mark.parametrize(
    ("name", "content", "code", "fragment"),
    [
        ("broken.gift", b"Q {=a\n", 1, "broken.gift:1:3: error: '{' is never closed"),
        ("bomb.xml", BILLION_LAUGHS.encode(), 1, "bomb.xml: refused"),
        ("latin1.gift", "Qu\xe9 {T}".encode("latin-1"), 1, "error: not UTF-8 text"),
        ("notes.docx", b"Q {T}", 2, "cannot tell the format of notes.docx"),
        (
            "nan.xml",
            b'<quiz>\n<question type="multichoice"><name><text>q</text></name>\n'
            b'<answer fraction="nan"><text>a</text></answer></question></quiz>',
            1,
            "nan.xml:3:1: error: an answer's fraction 'nan' must be a number from -100 to 100",
        ),
        (
            "deep.gift",
            b"::q::[html]" + b"<i>" * 5_000 + b"{T}",
            1,
            "deep.gift:1:1: error: HTML nested more than 100 elements deep",
        ),
    ],
)
def test_import_errors(
    name: str,
    content: bytes,
    code: int,
    fragment: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    got, _, err = run(["import", str(path)], capsys)
    assert got == code
    assert fragment in err


def test_import_of_a_missing_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["import", "no/such.gift"], capsys)
    assert code == 2
    assert "cannot read" in err


def test_the_main_cli_dispatches_to_these_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from quizengine import cli

    code = cli.main(
        ["export", str(BENEFITS / "research.yaml"), "--format", "gift", "--out", str(tmp_path)]
    )
    assert code == 0
    assert (tmp_path / "research.gift").is_file()


def test_import_names_the_module_and_each_warning_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = ROOT / "tests" / "data" / "lms" / "every-feature.gift"
    hostile = tmp_path / "hostile.gift"
    hostile.write_text(
        "$CATEGORY: $course$/top/\x1b]0;owned\x07Mod/Quiz\n\n::q::Q{T}\n", encoding="utf-8"
    )
    code, out, err = run(["import", str(source)], capsys)
    assert code == 0
    assert "title: Offers / perks" in out
    assert f"{source}: the category puts 'Offers / perks' in module 'Negotiation basics'" in err
    assert f"{source}:61:1: warning: quiz 'every-feature' question 'essay'" in err
    code, out, err = run(["import", str(hostile)], capsys)
    assert code == 0
    assert "\x1b" not in err and "\x07" not in err
    assert "in module '" in err


def test_import_warnings_print_no_terminal_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An imported file is someone else's: a question name quoted in a warning must not
    retitle, clear or recolour the instructor's terminal."""
    hostile = tmp_path / "hostile.gift"
    hostile.write_text("::Pay\x1b]0;owned\x07 \x1b[2J\x1b[31mraise\x08::Q{T}\n", encoding="utf-8")
    code, out, err = run(["import", str(hostile)], capsys)
    assert code == 0
    assert f"{hostile}:1:1: warning: quiz 'hostile' question 'pay-0-owned-2j-31mraise':" in err
    assert "the name 'Pay raise?' became the id 'pay-0-owned-2j-31mraise'" in err
    assert not any(char in err for char in "\x1b\x07\x08")
    assert "id: pay-0-owned-2j-31mraise" in out
