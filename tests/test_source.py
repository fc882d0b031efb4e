"""Safe YAML loading: the strict subset, positions, and the hostile-input limits of spec §6."""

from __future__ import annotations

import tracemalloc

import pytest

from quizengine import source
from quizengine.source import MAX_BYTES, MAX_DEPTH, parse_bytes, parse_text


def test_core_schema_keeps_norway_and_dates_as_text() -> None:
    doc = parse_text("a: no\nb: yes\nc: 2024-01-01\nd: on\ne: '5'\nf: 1e3\ng: 0x1F\nh: ~\n", "f")
    assert doc.data == {
        "a": "no",
        "b": "yes",
        "c": "2024-01-01",
        "d": "on",
        "e": "5",
        "f": 1000.0,
        "g": 31,
        "h": None,
    }
    assert doc.diagnostics == []


def test_booleans_are_only_true_and_false() -> None:
    assert parse_text("[true, False, TRUE, yes]", "f").data == [True, False, True, "yes"]


def test_leading_zero_is_decimal_not_octal() -> None:
    assert parse_text("x: 010", "f").data == {"x": 10}


def test_python_tags_are_rejected_not_constructed() -> None:
    doc = parse_text("x: !!python/object/apply:os.system ['true']\n", "f")
    assert doc.data == {"x": None}
    assert [(d.line, d.col) for d in doc.diagnostics] == [(1, 4)]
    assert "tags are not allowed" in doc.diagnostics[0].message


def test_explicit_standard_tags_are_rejected_too() -> None:
    doc = parse_text("x: !!str 5\n", "f")
    assert "tags are not allowed" in doc.diagnostics[0].message


def test_duplicate_key_points_at_second_key() -> None:
    doc = parse_text("a: 1\nb: 2\na: 3\n", "f")
    assert doc.data == {"a": 1, "b": 2}
    assert [(d.line, d.col) for d in doc.diagnostics] == [(3, 1)]


def test_position_of_nested_value_and_key() -> None:
    doc = parse_text("questions:\n  - id: q1\n    prompt: hello\n", "f")
    assert doc.position(("questions", 0, "prompt")) == (3, 13)
    assert doc.position(("questions", 0, "prompt"), key=True) == (3, 5)
    assert doc.position(("questions", 0, "single", "prompt")) == (3, 13)  # union tag skipped


def test_alias_bomb_is_rejected_quickly_and_small() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    tracemalloc.start()
    doc = parse_text("\n".join(lines) + "\n", "bomb.yaml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert doc.data is None
    assert "alias bomb" in doc.diagnostics[0].message
    assert peak < 200 * 1024 * 1024


@pytest.mark.parametrize(
    "text",
    ["[" * 200_000 + "]" * 200_000, "- " * 300_000 + "x", "{a: " * 50_000 + "}" * 50_000],
)
@pytest.mark.parametrize("libyaml_limit", [True, False], ids=["libyaml-limit", "pre-scan"])
def test_deep_nesting_is_rejected_without_crashing(
    text: str, libyaml_limit: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both guards give the same answer: libyaml's own limit checked after a failed compose
    # (libyaml >= 0.2.6), and the textual pre-scan before composing (older libyaml).
    if libyaml_limit and not source._LIBYAML_LIMITS_NESTING:
        pytest.fail("this PyYAML's libyaml has no nesting limit; the lock pins one that has")
    monkeypatch.setattr(source, "_LIBYAML_LIMITS_NESTING", libyaml_limit)
    doc = parse_text(text, "deep.yaml")
    assert doc.data is None
    assert f"deeper than {MAX_DEPTH}" in doc.diagnostics[0].message
    assert doc.diagnostics[0].line == 1


def test_moderate_nesting_below_the_guard_is_still_limited() -> None:
    doc = parse_text("[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5), "f")
    assert f"deeper than {MAX_DEPTH}" in doc.diagnostics[0].message


def test_oversized_input_rejected_before_parsing() -> None:
    doc = parse_bytes(b"a: " + b"x" * MAX_BYTES, "big.yaml")
    assert doc.root is None
    assert "limit" in doc.diagnostics[0].message


def test_invalid_utf8_reports_byte_position() -> None:
    doc = parse_bytes(b"id: x\ntitle: ok\nbad: \xc3\x28\n", "f")
    assert [(d.line, d.col) for d in doc.diagnostics] == [(3, 6)]


def test_binary_junk_is_a_clear_error() -> None:
    junk = bytes(range(256)) * 64
    doc = parse_bytes(junk, "junk.bin")
    assert doc.data is None
    assert doc.diagnostics and doc.diagnostics[0].line >= 1


def test_nul_byte_in_utf8_text_is_a_clear_error() -> None:
    doc = parse_bytes(b"id: a\x00b\n", "f")
    assert doc.data is None
    assert "character" in doc.diagnostics[0].message


def test_bom_is_accepted() -> None:
    assert parse_bytes("\ufeffid: x\n".encode(), "f").data == {"id": "x"}


def test_empty_file() -> None:
    doc = parse_text("", "f")
    assert "empty" in doc.diagnostics[0].message


def test_multiple_documents_are_an_error() -> None:
    doc = parse_text("a: 1\n---\nb: 2\n", "f")
    assert doc.data is None
    assert doc.diagnostics[0].line == 2


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("x: .inf\n", "'.inf' is not allowed"),
        ("x: -.inf\n", "'-.inf' is not allowed"),
        ("x: .nan\n", "'.nan' is not allowed"),
        ("x: 1e999\n", "'1e999' is too large"),
        ("x: " + "9" * 5_000 + "\n", "this number is 5,000 characters long"),
        ("x: 0x" + "f" * 4_000 + "\n", "this number is 4,002 characters long"),
    ],
)
def test_non_finite_and_huge_numbers_are_refused_where_they_are(text: str, fragment: str) -> None:
    doc = parse_text(text, "f")
    assert doc.data == {"x": None}
    [problem] = doc.diagnostics
    assert (problem.line, problem.col) == (1, 4)
    assert fragment in problem.message


def test_ordinary_numbers_still_load() -> None:
    assert parse_text("a: 1e308\nb: -0.5\nc: 0x1F\nd: " + "9" * 100, "f").data == {
        "a": 1e308,
        "b": -0.5,
        "c": 31,
        "d": int("9" * 100),
    }


def test_converter_problems_are_capped() -> None:
    from quizengine.errors import MAX_DIAGNOSTICS_PER_FILE

    doc = parse_text("".join(f"x{n}: !!str a\n" for n in range(500)), "tags.yaml")
    assert len(doc.diagnostics) == MAX_DIAGNOSTICS_PER_FILE
    assert doc.unlisted == 400
