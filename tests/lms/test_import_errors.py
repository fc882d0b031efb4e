"""Bad import input is a user error with a place and a reason, never a traceback; hostile
XML (entity bombs, external entities) is refused before anything is expanded or fetched.
"""

from __future__ import annotations

import time

import pytest

from quizengine.errors import QuizEngineError
from quizengine.lms import LmsFormatError, import_text

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<quiz><question type="truefalse"><name><text>&lol9;</text></name></question></quiz>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="essay"><name><text>&secret;</text></name></question></quiz>
"""


def _error(text: str, fmt: str) -> LmsFormatError:
    with pytest.raises(LmsFormatError) as info:
        import_text(text, fmt, quiz_id="bad", title="Bad")  # type: ignore[arg-type]
    assert isinstance(info.value, QuizEngineError)
    return info.value


def test_billion_laughs_is_refused_quickly() -> None:
    start = time.perf_counter()
    error = _error(BILLION_LAUGHS, "moodle")
    assert time.perf_counter() - start < 1.0
    assert "refused" in error.message and "DTD" in error.message


def test_external_entities_are_refused() -> None:
    assert "refused" in _error(EXTERNAL_ENTITY, "moodle").message


def test_any_doctype_is_refused() -> None:
    assert "refused" in _error("<!DOCTYPE quiz><quiz></quiz>", "moodle").message


@pytest.mark.parametrize(
    ("text", "line", "col", "fragment"),
    [
        ("<quiz><question type='truefalse'>\n</quiz>", 2, 3, "not well-formed XML"),
        ("<questestinterop/>", 1, 1, "root element is <questestinterop>"),
        ("", 1, 1, "not well-formed XML"),
        ("\x00\x01binary", 1, 1, "not well-formed XML"),
    ],
)
def test_malformed_xml_has_a_place(text: str, line: int, col: int, fragment: str) -> None:
    error = _error(text, "moodle")
    assert fragment in error.message
    assert (error.line, error.col) == (line, col)


def test_xml_without_questions_is_an_error() -> None:
    assert "no question could be imported" in _error("<quiz></quiz>", "moodle").message


@pytest.mark.parametrize(
    ("text", "line", "col", "fragment"),
    [
        ("::t:: Question {=a ~b\n", 1, 16, "never closed with '}'"),
        ("Question } {=a}", 1, 10, "'}' without an opening '{'"),
        ("\n\n::t Question {T}", 3, 1, "never closed with '::'"),
        ("Q {#abc}", 1, 5, "'abc' is not a number"),
        ("Q {#1..x}", 1, 5, "is not a number"),
        ("Q {#nan}", 1, 5, "is not a number"),
        ("Q {#}", 1, 4, "needs an answer"),
        ("Q {=a} and {=b}", 1, 12, "only one answer block"),
        ("Q {=a -> b =c}", 1, 13, "needs 'left -> right'"),
        ("Q {~%x%a =b}", 1, 5, "a weight is written %50%"),
        ("Q {hello ~a =b}", 1, 4, "each answer must start with"),
        ("Q {T}\ufdd0", 1, 1, "unsupported character U+FDD0"),
    ],
)
def test_malformed_gift_has_a_place(text: str, line: int, col: int, fragment: str) -> None:
    error = _error(text, "gift")
    assert fragment in error.message, error.message
    assert (error.line, error.col) == (line, col)


def test_every_broken_gift_question_is_reported_at_once() -> None:
    error = _error("Q1 {=a\n\nQ2 {#x}\n\nQ3 {T}\n", "gift")
    assert [(line, message.split(" ")[0]) for line, _, message in error.problems] == [
        (1, "'{'"),
        (3, "'x'"),
    ]


def test_gift_without_questions_is_an_error() -> None:
    assert "no question" in _error("// only a comment\n\nA description.\n", "gift").message


def test_bad_quiz_id_is_an_error() -> None:
    with pytest.raises(LmsFormatError, match="must be lowercase"):
        import_text("Q {T}", "gift", quiz_id="Not A Slug", title="T")


def test_huge_input_is_refused_before_parsing() -> None:
    with pytest.raises(LmsFormatError, match="larger than"):
        import_text("x" * (11 * 1024 * 1024), "gift", quiz_id="big", title="Big")


def test_deep_xml_nesting_is_an_error_not_a_crash() -> None:
    text = "<quiz>" + "<a>" * 50_000 + "</a>" * 50_000 + "</quiz>"
    assert "no question" in _error(text, "moodle").message


@pytest.mark.parametrize(
    ("text", "fmt", "fragment"),
    [
        ("Q {" + "~a " * 300_000 + "=b}", "gift", "more than 500 answers"),
        (
            "<quiz><question type='multichoice'>"
            + "<answer fraction='0'><text>a</text></answer>" * 20_000
            + "</question></quiz>",
            "moodle",
            "more than 500 parts",
        ),
        ("Q {=a}\n\n" * 300_000, "gift", "input is larger than 2 MB"),
        ("\n\n".join(f"Q{i} {{=yes ~no}}" for i in range(5_001)), "gift", "more than 5000"),
        (
            "\n\n".join(f"::q{i}:: {'long text ' * 30} {{=yes ~no}}" for i in range(4_000)),
            "gift",
            "larger than the 1024 KiB",
        ),
    ],
)
def test_oversized_input_is_refused_quickly(text: str, fmt: str, fragment: str) -> None:
    start = time.perf_counter()
    assert fragment in _error(text, fmt).message
    assert time.perf_counter() - start < 2.0


def _moodle_answer(fraction: str, kind: str = "multichoice", extra: str = "") -> str:
    return (
        f'<quiz>\n<question type="{kind}"><name><text>q</text></name>{extra}\n'
        f'<answer fraction="{fraction}"><text>5</text></answer>\n'
        '<answer fraction="0"><text>6</text></answer></question></quiz>'
    )


DEEP_HTML = "<b>" * 5_000 + "x" + "</b>" * 5_000


@pytest.mark.parametrize(
    ("text", "fmt", "line", "col", "fragment"),
    [
        (_moodle_answer("nan"), "moodle", 3, 1, "fraction 'nan' must be a number from -100"),
        (_moodle_answer("inf"), "moodle", 3, 1, "fraction 'inf' must be a number"),
        (_moodle_answer("-1e400"), "moodle", 3, 1, "fraction '-1e400' must be a number"),
        (_moodle_answer("1e300"), "moodle", 3, 1, "fraction '1e300' must be a number"),
        (_moodle_answer("9" * 400), "moodle", 3, 1, "must be a number from -100 to 100"),
        (_moodle_answer("100", "numerical").replace(">5<", ">1e400<"), "moodle", 3, 1, "'1e400'"),
        (
            _moodle_answer("100", extra="<defaultgrade>NaN</defaultgrade>"),
            "moodle",
            2,
            57,
            "<defaultgrade> 'NaN' must be a number",
        ),
        (
            _moodle_answer("100", "numerical").replace(
                "</text></answer>", "</text><tolerance>inf</tolerance></answer>", 1
            ),
            "moodle",
            3,
            38,
            "<tolerance> 'inf' must be a number",
        ),
        (
            _moodle_answer("0", "essay", "<minwordlimit>" + "9" * 5_000 + "</minwordlimit>"),
            "moodle",
            2,
            51,
            "<minwordlimit>",
        ),
        (
            "<quiz>\n<question type='essay'><name><text>q</text></name><questiontext "
            f"format='html'><text><![CDATA[{DEEP_HTML}]]></text></questiontext></question></quiz>",
            "moodle",
            2,
            1,
            "HTML nested more than 100 elements deep",
        ),
        (f"::q::[html]{DEEP_HTML} {{T}}", "gift", 1, 1, "HTML nested more than 100"),
        ("Q {~%" + "9" * 400 + "%a =b}", "gift", 1, 5, "a weight is a percentage"),
        ("Q {~%500%a =b}", "gift", 1, 5, "from -100 to 100, not 500"),
        ("::q::[markdown]" + "- " * 3_000 + "x {T}", "gift", 1, 1, "Markdown nested too deeply"),
        (
            "::s::[markdown]Tell me.\n**STAR self-review (structured).** Use "
            + "9" * 5_000
            + " to 50 words.\n{}",
            "gift",
            0,
            0,
            "",  # no error at all: an absurd word limit is simply not read
        ),
    ],
)
def test_hostile_numbers_and_nesting_are_clear_errors(
    text: str, fmt: str, line: int, col: int, fragment: str
) -> None:
    start = time.perf_counter()
    if not fragment:
        import_text(text, fmt, quiz_id="ok", title="Ok")  # type: ignore[arg-type]
        return
    error = _error(text, fmt)
    assert fragment in error.message, error.message
    assert (error.line, error.col) == (line, col), error.message
    assert time.perf_counter() - start < 5.0
