"""Defensive file and text handling: the building blocks every command reads and writes with."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from quizengine.errors import Diagnostic
from quizengine.safeio import (
    FileRefused,
    JsonRefused,
    check_output,
    child_path,
    json_text,
    loads_json,
    read_regular,
    terminal_text,
    write_atomic,
    xml_clean,
)


def test_read_regular_reads_a_small_file(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"{}")
    assert read_regular(path, 10) == b"{}"


@pytest.mark.parametrize("kind", ["fifo", "device", "folder", "too large", "missing"])
def test_read_regular_refuses_with_a_reason(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "x"
    expected = {
        "fifo": "a pipe (FIFO), not a regular file",
        "device": "a device, not a regular file",
        "folder": "a folder, not a regular file",
        "too large": "file is 11 bytes; the limit is 10",
        "missing": "cannot read",
    }[kind]
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    elif kind == "too large":
        path.write_bytes(b"x" * 11)
    with pytest.raises(FileRefused) as caught:
        read_regular(path, 10)
    assert expected in str(caught.value)


def test_check_output(tmp_path: Path) -> None:
    check_output(tmp_path / "new.html")
    existing = tmp_path / "old.html"
    existing.write_text("x")
    check_output(existing)
    with pytest.raises(FileRefused, match="already exists"):
        check_output(existing, force=False)
    with pytest.raises(FileRefused, match="does not exist"):
        check_output(tmp_path / "no" / "x.html")
    with pytest.raises(FileRefused, match="folder or a special file"):
        check_output(tmp_path)
    link = tmp_path / "link.html"
    link.symlink_to(tmp_path / "nowhere" / "x.html")
    with pytest.raises(FileRefused, match="symbolic link"):
        check_output(link)


def test_write_atomic_replaces_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old")
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old")
    with pytest.raises(TypeError):
        write_atomic(target, 42)  # type: ignore[arg-type]
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


@pytest.mark.parametrize("name", ["../x", "a/b", "/abs", "..", ".", ".hidden", "", "a\\b"])
def test_child_path_refuses_anything_but_a_plain_name(name: str, tmp_path: Path) -> None:
    with pytest.raises(FileRefused, match="not a plain file name"):
        child_path(tmp_path, name)


def test_child_path_accepts_a_plain_name(tmp_path: Path) -> None:
    assert child_path(tmp_path, "course.zip") == tmp_path / "course.zip"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain text", "plain text"),
        ("\x1b]0;owned\x07title", "title"),
        ("\x1b[2J\x1b[31mred\x1b[0m", "red"),
        ("a\x00b\x7fc\x9bd", "a?b?c?d"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("lone \ud800", "lone \ufffd"),
        ("café ✓", "café ✓"),
    ],
)
def test_terminal_text(raw: str, shown: str) -> None:
    assert terminal_text(raw) == shown


def test_a_diagnostic_line_is_printable() -> None:
    line = Diagnostic("q.yaml", 3, 1, "unknown key '\x1b[2Jkey'").format()
    assert line == "q.yaml:3:1: error: unknown key 'key'"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('{"a": NaN}', "NaN is not a number"),
        ('{"a": Infinity}', "Infinity is not a number"),
        ('{"a": -Infinity}', "-Infinity is not a number"),
        ('{"a": 1e999}', "the number 1e999 is too large"),
        ('{"a": ' + "9" * 301 + "}", "a number with 301 digits is too large"),
        ('{"a": -' + "9" * 5000 + "}", "a number with 5,000 digits is too large"),
    ],
)
def test_loads_json_refuses_numbers_no_output_could_carry(text: str, fragment: str) -> None:
    with pytest.raises(JsonRefused, match=fragment):
        loads_json(text)


def test_loads_json_replaces_lone_surrogates_and_keeps_the_rest() -> None:
    assert loads_json(b'{"a": ["\\ud800x", "\\ud83d\\ude00"], "\\udfff": 1e308}') == {
        "a": ["\ufffdx", "\U0001f600"],
        "\ufffd": 1e308,
    }
    assert loads_json('{"n": ' + "9" * 300 + "}") == {"n": int("9" * 300)}


def test_json_text_is_always_valid_json() -> None:
    assert json.loads(json_text({"a": "\ud800"})) == {"a": "\ufffd"}
    assert json.loads(json_text({"a": [float("nan"), -float("inf"), 1.5]})) == {
        "a": [None, None, 1.5]
    }


def test_xml_clean_makes_any_text_well_formed() -> None:
    root = ET.Element("quiz", title="a\x01b")
    child = ET.SubElement(root, "text")
    child.text = "bell\x07 and \x0b and \ufffe"
    child.tail = "\x1b"
    parsed = ET.fromstring(ET.tostring(xml_clean(root)))
    assert parsed.get("title") == "a\ufffdb"
    assert parsed[0].text == "bell\ufffd and \ufffd and \ufffd"
