"""Imported text never runs script in the built site, and never prints a project file;
exported HTML is sanitised the same way.

Each payload kind an attacker's review found is imported (GIFT and Moodle XML, in every text
format) and rendered through the real render path with the course's own Markdown set-up,
snippets included; then any string at all, in every text field, is. What counts is what
the page holds, not what the Markdown looks like.
"""

from __future__ import annotations

import html
import io
import zipfile
from xml.sax.saxutils import escape as xml_escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizengine.lms import export_quizzes, import_text
from quizengine.lms.gift_write import escape as gift_escape
from quizengine.models import Quiz
from quizengine.sanitize import markdown_is_inert

from .xss import hazards, import_quiz, render, visible_text

# (name, format, source text, text the learner must see, or None)
PAYLOADS = [
    ("markdown-script", "gift", "::q::[markdown]Hi <script>alert(1)</script> {T}", "Hi"),
    (
        "entity-img-html",
        "gift",
        "::q::[html]Look &lt;img src\\=x onerror\\=alert(2)&gt; {T}",
        "Look <img src=x onerror=alert(2)>",
    ),
    (
        "img-plain",
        "gift",
        "::q::[plain]Look <img src\\=x onerror\\=alert(3)> {T}",
        "Look <img src=x onerror=alert(3)>",
    ),
    (
        "pre-with-fence",
        "moodle",
        "<pre>```\n&lt;img src=x onerror=alert(4)&gt;\n```\n\n&lt;b&gt;x&lt;/b&gt;</pre>",
        "<img src=x onerror=alert(4)>",
    ),
    (
        "code-with-backticks",
        "moodle",
        "Run <code>`` &lt;img src=x onerror=alert(5)&gt; ``</code> now",
        "<img src=x onerror=alert(5)>",
    ),
    ("javascript-link", "moodle", '<a href="javascript:alert(6)">click me</a>', "click me"),
    (
        "javascript-link-entities",
        "moodle",
        '<a href="jaVas&#x09;Cript&colon;alert(7)">click</a> '
        '<a href=" &#106;avascript:alert(7)">two</a>',
        "click two",
    ),
    (
        "entity-img-plain",
        "moodle-plain",
        "Look &lt;img src=x onerror=alert(13)&gt; <img src=x onerror=alert(14)>",
        "Look &lt;img src=x onerror=alert(13)&gt; <img src=x onerror=alert(14)>",
    ),
    ("markdown-javascript-link", "gift", "::q::[markdown][click](javascript:alert(8)) {T}", None),
    ("svg-onload", "moodle", "Pie <svg onload=alert(9)><circle r=5></circle></svg> chart", None),
    ("iframe", "moodle", 'A <iframe src="javascript:alert(10)"></iframe> frame', None),
    (
        "markdown-attr-list",
        "gift",
        '::q::[markdown]Hello\n\\{: onclick\\="alert(11)" \\}\n{T}',
        None,
    ),
    (
        "markdown-html-link",
        "gift",
        '::q::[markdown]<a href\\="jaVasCript&colon;alert(12)">x</a> {T}',
        None,
    ),
]

# A line of the quiz a snippet include would publish, answers and all.
SECRET = "Practise turning every part of an offer into money"


def _moodle(prompt: str, fmt: str = "html") -> str:
    return (
        f'<quiz><question type="truefalse"><name><text>q</text></name>'
        f'<questiontext format="{fmt}"><text>{xml_escape(prompt)}</text></questiontext>'
        '<answer fraction="100"><text>true</text></answer>'
        '<answer fraction="0"><text>false</text></answer></question></quiz>'
    )


def _import(fmt: str, text: str) -> Quiz:
    if fmt == "gift":
        return import_quiz(text, fmt)
    return import_quiz(_moodle(text, "plain_text" if fmt == "moodle-plain" else "html"), "moodle")


@pytest.mark.parametrize(("name", "fmt", "text", "shown"), PAYLOADS, ids=[p[0] for p in PAYLOADS])
def test_payload_is_inert_and_its_text_shown(
    name: str, fmt: str, text: str, shown: str | None
) -> None:
    quiz = _import(fmt, text)
    page = render(quiz)
    assert hazards(page) == [], name
    if shown is not None:
        assert shown in visible_text(page)
    assert "alert" not in "".join(hazards(page))


def test_a_snippet_line_prints_no_file_and_stays_text() -> None:
    quiz = _import("gift", '::q::[markdown]See\n\n--8<-- "quizzes/benefits/research.yaml"\n{T}')
    page = render(quiz)
    assert SECRET not in page
    assert '--8<-- "quizzes/benefits/research.yaml"' in visible_text(page)


def test_unsafe_markdown_is_reported() -> None:
    result = import_text(
        "::q::[markdown]Hi <script>x()</script> {T}", "gift", quiz_id="a", title="A"
    )
    assert any("removed what could run in a page" in n.message for n in result.notes)
    assert "<script" not in result.yaml_text


def test_safe_markdown_is_kept_as_written() -> None:
    text = "**Bold**, `code` and a [link](https://example.org/a_(b))\n\n- one\n- two"
    quiz = import_quiz(f"::q::[markdown]{gift_escape(text)}{{T}}", "gift")
    assert quiz.questions[0].prompt == text


def test_html_links_keep_safe_targets() -> None:
    quiz = _import(
        "moodle", '<a href="https://x.org/a b?(c)">web</a> <a href="mailto:a@b.c">mail</a>'
    )
    page = render(quiz)
    assert 'href="https://x.org/a%20b?%28c%29"' in page
    assert 'href="mailto:a@b.c"' in page


# --- any string, every field -----------------------------------------------------------

FRAGMENTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "&lt;img src=x onerror=alert(1)&gt;",
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">',
    '<a href="jaVas&#x09;Cript:alert(1)">',
    "</a>",
    "[x](javascript:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "vbscript:msgbox(1)",
    '{: onclick="alert(1)" }',
    '--8<-- "quizzes/benefits/research.yaml"',
    "<pre>",
    "</pre>",
    "<code>",
    "</code>",
    "```",
    "`",
    "~~~",
    "<b>",
    "</b>",
    "<ul><li>",
    "<blockquote>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "&lt;",
    "&amp;",
    "&#60;",
    "\n",
    "\n\n",
    "    ",
    "- ",
    "> ",
    "1. ",
    "=",
    "<",
    ">",
    '"',
    "'",
    "\\",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "|",
    "x",
]
HOSTILE = st.lists(
    st.sampled_from(FRAGMENTS) | st.text(alphabet="<>&;:=/\"'`ax \n", max_size=4), max_size=14
).map("".join)
FORMATS = st.sampled_from(["html", "markdown", "plain", "moodle"])
MOODLE_FORMATS = {"html": "html", "markdown": "markdown", "plain": "plain_text"}
MOODLE_FORMATS["moodle"] = "moodle_auto_format"


def _check(quiz: Quiz) -> None:
    page = render(quiz)
    assert hazards(page) == []
    assert SECRET not in page
    for question in quiz.questions:
        for text in _markdown_fields(question.model_dump()):
            assert markdown_is_inert(text), text


def _markdown_fields(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in ("id", "type") for s in _markdown_fields(v)]
    if isinstance(value, list):
        return [s for v in value for s in _markdown_fields(v)]
    return []


def _gift_text(text: str) -> str:
    # GIFT has no way to write a blank line inside a question: it ends the question.
    return gift_escape(text.replace("\r", "")).replace("\n\n", "\n")


_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(fmt=FORMATS, prompt=HOSTILE, option=HOSTILE, feedback=HOSTILE, general=HOSTILE)
def test_any_gift_text_renders_inert(
    fmt: str, prompt: str, option: str, feedback: str, general: str
) -> None:
    prompt, option, feedback, general = map(_gift_text, (prompt, option, feedback, general))
    text = (
        f"::q::[{fmt}]P{prompt}{{=right{option}#fb{feedback} ~wrong ####g{general}}}\n\n"
        f"::m::[{fmt}]Match{prompt}{{=l{option} -> r{option} =l2 -> r2 =l3 -> r3}}\n"
    )
    _check(import_quiz(text, "gift"))


@_SETTINGS
@given(fmt=FORMATS, texts=st.lists(HOSTILE, min_size=9, max_size=9))
def test_any_moodle_text_renders_inert(fmt: str, texts: list[str]) -> None:
    kind = MOODLE_FORMATS[fmt]

    def field(tag: str, text: str) -> str:
        return f'<{tag} format="{kind}"><text>{xml_escape(text)}</text></{tag}>'

    prompt, right, wrong, fb, general, good, bad, hint, left = texts
    xml = (
        '<quiz><question type="multichoice"><name><text>q</text></name>'
        + field("questiontext", "P" + prompt)
        + field("generalfeedback", general)
        + field("correctfeedback", good)
        + field("incorrectfeedback", bad)
        + field("hint", hint)
        + f'<answer fraction="100" format="{kind}"><text>{xml_escape("R" + right)}</text>'
        + field("feedback", fb)
        + "</answer>"
        + f'<answer fraction="0" format="{kind}"><text>{xml_escape("W" + wrong)}</text></answer>'
        + "<single>true</single></question>"
        + '<question type="matching"><name><text>m</text></name>'
        + field("questiontext", "M" + prompt)
        + "".join(
            f'<subquestion format="{kind}"><text>{xml_escape(n + left)}</text>'
            f"<answer><text>{xml_escape(n + right)}</text></answer></subquestion>"
            for n in ("a", "b", "c")
        )
        + "</question></quiz>"
    )
    _check(import_quiz(xml, "moodle"))


def test_lms_export_html_is_sanitised() -> None:
    quiz = Quiz.model_validate(
        {
            "id": "authored",
            "title": "Authored",
            "description": "<script>alert(1)</script>Intro",
            "questions": [
                {
                    "id": "q",
                    "type": "single",
                    "prompt": 'Pick <img src="x" onerror="alert(2)"> [x](javascript:alert(3))',
                    "options": [
                        {"text": "<b>a</b><svg onload=alert(4)>", "correct": True},
                        {"text": "b", "feedback": "<iframe src=https://x.org></iframe>no"},
                    ],
                }
            ],
        }
    )
    for fmt in ("moodle", "qti"):
        for name, data in export_quizzes([quiz], fmt).files.items():  # type: ignore[arg-type]
            if name.endswith(".zip"):
                with zipfile.ZipFile(io.BytesIO(data)) as package:
                    text = "".join(package.read(n).decode() for n in package.namelist())
            else:
                text = data.decode()
            text = html.unescape(text)
            for gone in ("<script", "onerror", "javascript:", "<svg", "onload", "<iframe"):
                assert gone not in text, (fmt, gone)
            assert "<b>a</b>" in text
