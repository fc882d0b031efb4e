"""docs/instructors/errors.md lists the messages authors really get: every quiz, page and
response-file message it quotes is produced here from a real bad file, so it cannot drift."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from quizengine.cli import main

from .conftest import DATA, QUIZZES, ROOT

GUIDE = (ROOT / "docs" / "instructors" / "errors.md").read_text(encoding="utf-8")
TEXT_BLOCKS = re.findall(r"```text\n(.*?)```", GUIDE, re.S)
QUOTED = [line for block in TEXT_BLOCKS for line in block.splitlines()]


def _validate(paths: list[str], cwd: Path, capsys: pytest.CaptureFixture[str]) -> set[str]:
    here = Path.cwd()
    os.chdir(cwd)
    try:
        main(["validate", *paths])
    finally:
        os.chdir(here)
    return set(capsys.readouterr().out.splitlines())


def test_every_quoted_quiz_message_comes_from_the_malformed_files(
    capsys: pytest.CaptureFixture[str],
) -> None:
    quoted = [line for line in QUOTED if line.startswith("tests/data/malformed/")]
    assert len(quoted) >= 35  # the guide quotes the corpus, not a handful of examples
    printed = _validate(["tests/data/malformed/"], ROOT, capsys)
    assert [line for line in quoted if line not in printed] == []


def test_every_yaml_syntax_mistake_has_its_message_and_fix() -> None:
    for name in ("34-colon-in-value", "35-unclosed-quote", "36-list-indent", "37-quote-in-quote"):
        assert (DATA / "malformed" / f"{name}.yaml").is_file()
        assert f"tests/data/malformed/{name}.yaml:" in GUIDE
    for words in ("mapping values are not allowed", "tab", "quote"):
        assert words in GUIDE


def test_every_quoted_page_message_comes_from_the_mistakes_course(
    capsys: pytest.CaptureFixture[str],
) -> None:
    quoted = [line for line in QUOTED if line.startswith("docs/index.md:")]
    assert len(quoted) == 4
    printed = _validate([], DATA / "mistakes", capsys)
    assert [line for line in quoted if line not in printed] == []


RESPONSES = {
    "the response file must be a JSON object with 'quiz' and 'answers'": "[1, 2]",
    "the response file is malformed: missing required key 'quiz'": '{"answers": {}}',
    "the response file is malformed: 'answers' should be an object, found a list": (
        '{"quiz": "guide-single", "answers": []}'
    ),
    "the response is for quiz 'research', not 'guide-single'": (
        '{"quiz": "research", "answers": {}}'
    ),
    "quiz 'guide-single' has no question 'q1'": '{"quiz": "guide-single", "answers": {"q1": 1}}',
    "the response file is rejected: NaN is not a number a response may hold": (
        '{"quiz": "guide-single", "answers": {"first-reply": NaN}}'
    ),
}


@pytest.mark.parametrize(("message", "content"), RESPONSES.items())
def test_each_quoted_response_message_comes_from_such_a_file(
    message: str, content: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert f"| `quizengine: error: {message}` |" in GUIDE
    response = tmp_path / "r.json"
    response.write_text(content, encoding="utf-8")
    assert main(["grade", str(QUIZZES / "guide" / "guide-single.yaml"), str(response)]) == 1
    assert capsys.readouterr().err == f"quizengine: error: {message}\n"
