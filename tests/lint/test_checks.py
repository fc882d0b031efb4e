"""Each item-writing check on a bad and a good fixture, then the edges of its threshold."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from quizengine.lint import CHECKS, INVALID, Finding, lint_file, lint_paths
from quizengine.scaffold import new_module, new_quiz

from ..conftest import DATA

FIXTURES = DATA / "lint"
WriteYaml = Callable[..., Path]


def checks_in(path: Path) -> list[str]:
    return [f.check for f in lint_file(path)]


@pytest.mark.parametrize("check", list(CHECKS))
def test_bad_fixture_trips_only_its_own_check(check: str) -> None:
    found = checks_in(FIXTURES / f"{check}-bad.yaml")
    assert found and set(found) == {check}


@pytest.mark.parametrize("check", list(CHECKS))
def test_good_fixture_is_clean(check: str) -> None:
    assert lint_file(FIXTURES / f"{check}-good.yaml") == []


def test_every_check_has_a_fixture_pair_and_a_reason() -> None:
    names = {p.name for p in FIXTURES.glob("*.yaml")}
    assert names == {f"{c}-{kind}.yaml" for c in CHECKS for kind in ("bad", "good")}
    assert all(len(why) > 40 and "\n" not in why for why in CHECKS.values())


def _single(correct: str, *wrong: str, prompt: str = "Pick one?") -> str:
    options = [f"      - {{text: '{correct}', correct: true, feedback: f}}"]
    options += [f"      - {{text: '{w}', feedback: f}}" for w in wrong]
    return "\n".join(
        [
            "id: t",
            "title: T",
            "questions:",
            "  - id: q",
            "    type: single",
            f'    prompt: "{prompt}"',
            "    explanation: e",
            "    options:",
            *options,
            "",
        ]
    )


@pytest.mark.parametrize(
    ("correct", "wrong", "flagged"),
    [
        ("x" * 40, "y" * 30, True),  # 1.33 times and 10 characters longer
        ("x" * 39, "y" * 30, False),  # 1.3 times, but only 9 characters longer
        ("x" * 26, "y" * 20, False),  # 1.3 times, 6 characters longer
        ("x" * 50, "y" * 39, False),  # 11 characters longer, but 1.28 times
        ("**Ask first**", "No", False),  # 9 visible characters: emphasis marks do not count
        ("Ask them", "No", False),  # 4 times, but short options are not a tell
    ],
)
def test_longest_correct_margin(
    write_yaml: WriteYaml, correct: str, wrong: str, flagged: bool
) -> None:
    found = checks_in(write_yaml(_single(correct, wrong, "z")))
    assert ("longest-correct" in found) is flagged


def test_longest_correct_points_at_the_correct_options_text(write_yaml: WriteYaml) -> None:
    path = write_yaml(_single("x" * 60, "short one", "another short"))
    (finding,) = [f for f in lint_file(path) if f.check == "longest-correct"]
    assert (finding.line, finding.col) == (9, 16)
    assert "60 characters; the longest wrong one has 13" in finding.message


def test_multiple_with_every_option_correct_is_not_judged_on_length(
    write_yaml: WriteYaml,
) -> None:
    path = write_yaml(
        """
        id: t
        title: T
        questions:
          - id: q
            type: multiple
            prompt: Which?
            explanation: e
            options:
              - {text: a very long option indeed that goes on, correct: true}
              - {text: b, correct: true}
        """
    )
    assert lint_file(path) == []


@pytest.mark.parametrize(
    ("prompt", "word"),
    [
        ("Which of these is NOT negotiable?", "NOT"),
        ("All of these can be negotiated except:", "except"),
        ("Which perk doesn't usually move?", "doesn't"),
        ("Context first. Which should you never say", "never"),
        ("Which is **not** usual, and which can you not ask for?", "not"),
    ],
)
def test_negated_prompt_without_emphasis(write_yaml: WriteYaml, prompt: str, word: str) -> None:
    (finding,) = lint_file(write_yaml(_single("a", "b", prompt=prompt)))
    assert finding.check == "negated-prompt"
    assert f"plain '{word}'" in finding.message
    assert (finding.line, finding.col) == (6, 13)


@pytest.mark.parametrize(
    "prompt",
    [
        "Which of these is **NOT** negotiable?",
        "Which of these is *not* negotiable?",
        "Which of these is _not_ negotiable?",
        "Which of these is <strong>not</strong> negotiable?",
        "You have not signed yet. Which perk is worth most?",  # the scenario, not the question
        "Which notice period is usual?",
        "Which figure comes first? (Not the bonus.)",  # an aside after the question
    ],
)
def test_negation_emphasised_or_outside_the_question(write_yaml: WriteYaml, prompt: str) -> None:
    assert lint_file(write_yaml(_single("a", "b", prompt=prompt))) == []


def test_a_true_false_statement_with_not_is_not_a_negated_prompt(write_yaml: WriteYaml) -> None:
    path = write_yaml(
        "id: t\ntitle: T\nquestions:\n"
        "  - {id: q, type: true_false, prompt: You cannot negotiate leave., answer: false,"
        " explanation: e}\n"
    )
    assert lint_file(path) == []


def _true_false(*answers: bool) -> str:
    lines = ["id: t", "title: T", "questions:"]
    lines += [
        f"  - {{id: q{i}, type: true_false, prompt: p, answer: {str(a).lower()}, explanation: e}}"
        for i, a in enumerate(answers)
    ]
    return "\n".join([*lines, ""])


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ((False, False), None),  # too few to matter
        ((True, True, True), "all 3 true/false answers in this quiz are true"),
        ((True, False, True, True), None),  # 3 of 4: not all, too few for a share
        ((False, True, False, False, False), "4 of 5 true/false answers in this quiz are false"),
        ((True, False, True, False, True, True, False), None),  # 4 of 7
    ],
)
def test_true_false_balance(
    write_yaml: WriteYaml, answers: tuple[bool, ...], message: str | None
) -> None:
    found = lint_file(write_yaml(_true_false(*answers)))
    assert [f.message for f in found] == ([message] if message else [])
    if message:  # at the first question that answers the majority way
        first = answers.index(message.endswith("true"))
        assert found[0].line == 4 + first


@pytest.mark.parametrize(
    ("draw", "total", "message"),
    [
        (5, 5, "draw is 5, the whole quiz: every attempt shows every question"),
        (4, 5, "draw is 4 of 5 questions: two attempts share about 80% of their questions"),
        (2, 3, None),  # 1.5 times the draw: the pool is just big enough
        (5, 10, None),
    ],
)
def test_draw_pool(write_yaml: WriteYaml, draw: int, total: int, message: str | None) -> None:
    path = write_yaml(
        f"id: t\ntitle: T\ndraw: {draw}\nquestions:\n"
        + "".join(
            f"  - {{id: q{i}, type: numeric, prompt: p, answer: {i}, explanation: e}}\n"
            for i in range(total)
        )
    )
    found = lint_file(path)
    assert [f.message for f in found] == ([message] if message else [])
    if message:
        assert (found[0].line, found[0].col) == (3, 7)


def test_a_fresh_scaffold_is_flagged_once_per_question(tmp_path: Path) -> None:
    path = new_quiz("fresh", tmp_path)
    found = [f for f in lint_file(path) if f.check == "scaffold-text"]
    lines = path.read_text().splitlines()
    assert len(found) == 10  # the description and each of the nine example questions
    assert found[0].message.startswith("description 'What this quiz practises")
    for finding in found:
        assert lines[finding.line - 1][finding.col - 1 :].strip(), finding


def test_the_module_scaffolds_placeholders_are_flagged(tmp_path: Path) -> None:
    new_module("mod", tmp_path)
    found = lint_file(tmp_path / "quizzes" / "mod" / "mod-star.yaml")
    assert [f.check for f in found] == ["scaffold-text"]
    assert found[0].message.startswith("question 'story': prompt 'Tell me about a time")


def test_an_invalid_quiz_reports_its_validation_errors() -> None:
    found = lint_file(DATA / "malformed" / "22-option-typo.yaml")
    assert found == [
        Finding(
            str(DATA / "malformed" / "22-option-typo.yaml"),
            9,
            9,
            INVALID,
            "question 'q1': unknown key 'corect' (did you mean 'correct'?)",
            "error",
        )
    ]


def test_an_invalid_quizs_findings_are_positions() -> None:
    found = lint_file(DATA / "malformed" / "22-option-typo.yaml")
    assert [(f.scope, f.has_position) for f in found] == [("position", True)]
    assert found[0].format() == found[0].diagnostic.format() + " [invalid-quiz]"
    assert found[0].to_json()["line"] == 9


def test_a_file_that_cannot_be_opened_is_a_whole_file_finding(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    [finding] = lint_file(pipe)
    assert (finding.scope, finding.has_position, finding.check) == ("file", False, INVALID)
    assert finding.format() == (
        f"quizengine: error: {pipe}: a pipe (FIFO), not a regular file [invalid-quiz]"
    )
    assert (finding.to_json()["line"], finding.to_json()["col"]) == (None, None)


def test_paths_report_a_file_that_cannot_be_opened_as_unreadable(tmp_path: Path) -> None:
    new_module("mod", tmp_path)
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    report = lint_paths([tmp_path / "quizzes", pipe])
    assert report.files == 2
    assert [(d.path, d.scope) for d in report.unreadable] == [(str(pipe), "file")]
    assert all(f.has_position for f in report.findings)


def test_paths_skip_manifests_and_report_missing_ones(tmp_path: Path) -> None:
    new_module("mod", tmp_path)
    report = lint_paths([tmp_path / "quizzes", tmp_path / "nope"])
    assert report.files == 2
    assert [d.path for d in report.unreadable] == [str(tmp_path / "nope")]
    assert all(f.path.endswith(".yaml") and "module.yaml" not in f.path for f in report.findings)


@pytest.mark.parametrize("body", ["<b>" * 300_000, "*not* x? " * 100_000, "**a" * 300_000])
def test_hostile_prompts_are_linted_in_linear_time(tmp_path: Path, body: str) -> None:
    """Unclosed emphasis markers once cost seconds per prompt (a regex scanning to the end
    from each marker); the budget is the spec's for loading a file, in CPU seconds."""
    path = tmp_path / "hostile.yaml"
    path.write_text(
        f'id: h\ntitle: H\nquestions:\n  - id: q\n    type: single\n    prompt: "{body}"\n'
        "    options: [{text: a, correct: true}, {text: b}]\n"
    )
    start = time.process_time()
    found = lint_file(path)
    assert time.process_time() - start < 2.0
    assert INVALID not in {f.check for f in found}
