"""The console script, run for real: exit codes, output lines and JSON of spec §5."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from quizengine.models import QUESTION_TYPES
from quizengine.source import read_document

from ..conftest import DATA, QUIZZES, ROOT

SCRIPT = Path(sys.executable).with_name("quizengine")
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$")


def run(*args: str, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        env={**os.environ, "PYTHONWARNINGS": "error::DeprecationWarning:quizengine"},
    )


def assert_no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stdout + proc.stderr


TF_QUIZ = """\
id: tiny
title: Tiny
pass_mark: 0.5
questions:
  - {id: a, type: true_false, prompt: P, answer: true, points: 2}
  - id: b
    type: single
    prompt: P
    options:
      - {text: A, correct: true, feedback: yes A}
      - {text: B, feedback: not B}
"""


def test_validate_course_quizzes_default_folder() -> None:
    proc = run("validate")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == ""


def test_validate_malformed_corpus_lines_and_exit_code() -> None:
    proc = run("validate", str(DATA / "malformed"))
    assert proc.returncode == 1
    assert_no_traceback(proc)
    lines = proc.stdout.splitlines()
    assert len(lines) >= 32
    for line in lines:
        match = LINE.match(line)
        assert match, line
        assert int(match["line"]) >= 1 and int(match["col"]) >= 1


def test_validate_missing_path_is_usage_error() -> None:
    proc = run("validate", "does/not/exist")
    assert proc.returncode == 2
    assert "does/not/exist" in proc.stderr
    assert_no_traceback(proc)


def test_validate_unknown_option_is_usage_error() -> None:
    assert run("validate", "--frobnicate").returncode == 2


def test_validate_warning_fatal_only_under_strict(tmp_path: Path) -> None:
    quiz = tmp_path / "w.yaml"
    quiz.write_text(
        "id: w\ntitle: W\nquestions:\n  - {id: a, type: short_text, prompt: P, match: exact,"
        " typo_tolerance: 2, answers: [x]}\n"
    )
    relaxed = run("validate", str(quiz))
    assert relaxed.returncode == 0
    assert ": warning: " in relaxed.stdout
    assert run("validate", "--strict", str(quiz)).returncode == 1


def test_validate_hostile_files_never_traceback(tmp_path: Path) -> None:
    (tmp_path / "bomb.yaml").write_text(
        "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
        + "".join(
            f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n"
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        )
    )
    (tmp_path / "deep.yaml").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "junk.yaml").write_bytes(os.urandom(4096))
    (tmp_path / "big.yaml").write_bytes(b"# " + b"x" * (2 * 1024 * 1024))
    (tmp_path / "tags.yaml").write_text("id: !!python/object/apply:os.system ['touch pwned']\n")
    proc = run("validate", str(tmp_path))
    assert proc.returncode == 1
    assert_no_traceback(proc)
    assert not (tmp_path / "pwned").exists()
    assert len(proc.stdout.splitlines()) >= 5


def test_grade_json_matches_spec_shape(tmp_path: Path) -> None:
    quiz = tmp_path / "tiny.yaml"
    quiz.write_text(TF_QUIZ)
    response = tmp_path / "r.json"
    response.write_text(json.dumps({"quiz": "tiny", "answers": {"a": True, "b": "b"}}))
    proc = run("grade", str(quiz), str(response), "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result == {
        "quiz": "tiny",
        "score": 2.0,
        "max_score": 3.0,
        "percent": pytest.approx(200 / 3),
        "passed": True,
        "questions": [
            {
                "id": "a",
                "type": "true_false",
                "score": 2.0,
                "max_score": 2.0,
                "status": "correct",
                "feedback": [],
                "checks": [],
            },
            {
                "id": "b",
                "type": "single",
                "score": 0.0,
                "max_score": 1.0,
                "status": "incorrect",
                "feedback": ["not B"],
                "checks": [],
            },
        ],
    }


def test_grade_human_output(tmp_path: Path) -> None:
    quiz = tmp_path / "tiny.yaml"
    quiz.write_text(TF_QUIZ)
    response = tmp_path / "r.json"
    response.write_text(json.dumps({"quiz": "tiny", "answers": {"a": "yes"}}))
    proc = run("grade", str(quiz), str(response))
    assert proc.returncode == 0
    assert "a: invalid answer (0/2)" in proc.stdout
    assert "b: not answered (0/1)" in proc.stdout
    assert "NOT PASSED" in proc.stdout


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("not json", "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ('{"quiz": "other", "answers": {}}', "for quiz 'other'"),
        ('{"quiz": "tiny", "answers": {"zzz": true}}', "has no question 'zzz'"),
        ('{"quiz": "tiny", "presented": ["a", "q9"], "answers": {}}', "has no question 'q9'"),
        ('{"quiz": "tiny", "answers": []}', "malformed"),
        ("[" * 100_000, "not valid JSON"),
    ],
)
def test_grade_rejects_response_whole(tmp_path: Path, content: str, fragment: str) -> None:
    quiz = tmp_path / "tiny.yaml"
    quiz.write_text(TF_QUIZ)
    response = tmp_path / "r.json"
    response.write_text(content)
    proc = run("grade", str(quiz), str(response), "--json")
    assert proc.returncode == 1
    assert fragment in proc.stderr
    assert proc.stdout == ""
    assert_no_traceback(proc)


def test_grade_invalid_quiz_is_rejected(tmp_path: Path) -> None:
    response = tmp_path / "r.json"
    response.write_text('{"quiz": "q", "answers": {}}')
    proc = run("grade", str(DATA / "malformed" / "06-two-correct-single.yaml"), str(response))
    assert proc.returncode == 1
    assert "8:7" in proc.stderr


def test_grade_usage_error() -> None:
    assert run("grade", "only-one-arg").returncode == 2


@pytest.mark.parametrize("kind", ["quiz", "module", "bank"])
def test_schema_is_draft_2020_12_and_committed_copy_is_fresh(kind: str) -> None:
    proc = run("schema", *([f"--{kind}"] if kind != "quiz" else []))
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    committed = ROOT / "src" / "quizengine" / "schema" / f"{kind}.schema.json"
    assert committed.read_text() == proc.stdout, "stale: regenerate with `quizengine schema`"


def test_course_quizzes_satisfy_the_schema() -> None:
    schema = json.loads(run("schema").stdout)
    module_schema = json.loads(run("schema", "--module").stdout)
    bank_schema = json.loads(run("schema", "--bank").stdout)
    for path in sorted(QUIZZES.rglob("*.yaml")):
        # The engine's YAML 1.2 reading, not PyYAML's 1.1 (where `yes` is a boolean): the
        # schema must accept the data the loader produces.
        document = read_document(path)
        assert document.diagnostics == [], path
        if path.name == "module.yaml":
            jsonschema.validate(document.data, module_schema)
        else:
            bank = isinstance(document.data, dict) and "kind" in document.data
            jsonschema.validate(document.data, bank_schema if bank else schema)


def test_new_scaffold_validates_and_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    proc = run("new", "my-quiz", "--dir", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    created = tmp_path / "my-quiz.yaml"
    assert run("validate", "--strict", str(created)).returncode == 0
    types = set(re.findall(r"^    type: (\w+)$", created.read_text(), re.M))
    assert types == set(QUESTION_TYPES)
    created.write_text("# my edits\n")
    again = run("new", "my-quiz", "--dir", str(tmp_path))
    assert again.returncode == 2 and "already exists" in again.stderr
    assert "use --force to replace it" in again.stderr
    assert created.read_text() == "# my edits\n"
    forced = run("new", "my-quiz", "--dir", str(tmp_path), "--force")
    assert forced.returncode == 0, forced.stderr
    assert run("validate", "--strict", str(created)).returncode == 0


def test_new_rejects_bad_id(tmp_path: Path) -> None:
    proc = run("new", "Bad Id", "--dir", str(tmp_path))
    assert proc.returncode == 2
    assert "not a valid quiz id" in proc.stderr


def test_take_with_piped_input(tmp_path: Path) -> None:
    quiz = tmp_path / "tiny.yaml"
    quiz.write_text(TF_QUIZ.replace("pass_mark: 0.5", "pass_mark: 0.5\nshuffle_questions: false"))
    saved = tmp_path / "saved.json"
    # question a: 1 = True; question b: options shuffled, so pick by the printed number of "A"
    proc = run("take", str(quiz), "--seed", "1", "--save-response", str(saved), stdin="1\n")
    assert_no_traceback(proc)
    assert "end of input" in proc.stdout
    answers = json.loads(saved.read_text())
    assert answers["answers"] == {"a": True}
    assert "Score: 2/3" in proc.stdout


def test_take_full_run_then_regrade(tmp_path: Path) -> None:
    quiz = tmp_path / "tiny.yaml"
    quiz.write_text(TF_QUIZ)
    first = run("take", str(quiz), "--seed", "4", stdin="2\n")
    options = re.findall(r"^  (\d)\. (A|B)$", first.stdout, re.M)
    number_of_a = next(n for n, text in options if text == "A") if options else "1"
    saved = tmp_path / "saved.json"
    proc = run(
        "take",
        str(quiz),
        "--seed",
        "4",
        "--json",
        "--save-response",
        str(saved),
        stdin=f"x\n1\n{number_of_a}\n",
    )
    assert proc.returncode == 0
    assert "Please type a number from 1 to 2" in proc.stdout
    assert "PASSED" in proc.stdout
    regraded = run("grade", str(quiz), str(saved), "--json")
    assert json.loads(regraded.stdout)["score"] == 3.0


STAR_QUIZ = """\
id: star-take
title: STAR in the terminal
questions:
  - id: story
    type: star
    prompt: Tell me about a time you sped something up.
    min_words: 20
    max_words: 200
"""


def test_take_star_shows_the_gate_and_counted_ratings(tmp_path: Path) -> None:
    quiz = tmp_path / "star.yaml"
    quiz.write_text(STAR_QUIZ)
    story = [
        "Last year our hiring process was slow and candidates dropped out.",
        "My manager asked me to find a way to make hiring faster.",
        "I would ask my manager for a budget. I would then call every agency myself.",
        "After two weeks my manager said yes and everyone was happy.",
    ]
    stdin = "".join(f"{part}\n\n" for part in story) + "3\n" * 6
    proc = run("take", str(quiz), stdin=stdin)
    assert_no_traceback(proc)
    assert proc.returncode == 0
    out = proc.stdout
    assert "this story cannot pass yet, whatever the self-rating: fix specific first" in out
    assert "rating action: chose 3, counts 1 (see the tip on why)" in out
    assert "rating example: chose 3, counts 3\n" in out
    assert "it counts as 1 because your result states no measured outcome" in out
    assert "NOT PASSED" in out


HOURS_QUIZ = """\
id: hours
title: Hours
questions:
  - id: h
    type: numeric
    prompt: How many hours?
    answer: 138
    units: [hours, hrs, h]
"""


def test_take_asks_again_when_a_number_is_not_understood(tmp_path: Path) -> None:
    quiz = tmp_path / "hours.yaml"
    quiz.write_text(HOURS_QUIZ)
    saved = tmp_path / "saved.json"
    proc = run("take", str(quiz), "--save-response", str(saved), stdin="about 140\n138 hrs\n")
    assert_no_traceback(proc)
    assert "Your answer (hours): " in proc.stdout  # the first spelling
    assert "'about 140' was not understood as a number. Type a number such as" in proc.stdout
    assert "with or without 'hours' after it" in proc.stdout
    assert json.loads(saved.read_text())["answers"] == {"h": "138 hrs"}
    assert "Score: 1/1" in proc.stdout


TEXT_QUIZ = """\
id: text-take
title: A written answer in the terminal
questions:
  - id: ask
    type: text
    prompt: How would you ask for two remote days?
    min_words: 5
    rubric:
      - Names the exact ask
      - Ends with a question
    example_answer: Could we agree on two remote days a week?
"""


def test_take_text_shows_the_example_then_asks_for_each_rubric_line(tmp_path: Path) -> None:
    quiz = tmp_path / "text.yaml"
    quiz.write_text(TEXT_QUIZ)
    saved = tmp_path / "saved.json"
    answer = "I would like two remote days a week."
    stdin = f"{answer}\n\nmaybe\ny\nn\n"
    proc = run("take", str(quiz), "--save-response", str(saved), stdin=stdin)
    assert_no_traceback(proc)
    assert proc.returncode == 0
    out = proc.stdout
    assert out.index("An example answer") < out.index("Names the exact ask (y/n)")
    assert "Could we agree on two remote days a week?" in out
    assert "Type y or n." in out
    assert "rubric lines met: a" in out
    assert "Score: 0.5/1" in out
    assert json.loads(saved.read_text())["answers"] == {"ask": {"text": answer, "met": ["a"]}}
    regraded = json.loads(run("grade", str(quiz), str(saved), "--json").stdout)
    assert regraded["questions"][0]["met"] == ["a"]
    assert regraded["questions"][0]["needs_self_review"] is False
