"""The sanitising boundary: the allow-list, safe URLs, and escaping that Markdown really reads
as text (checked by rendering it, never by looking at the escaped string)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizengine.sanitize import (
    ALLOWED_TAGS,
    clean_html,
    escape_markdown,
    markdown_is_inert,
    reads_files,
    render_core,
    safe_url,
)

# The course's extensions that change how text reads (snippets left out: it reads files).
SITE = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables"]
SITE += ["toc", "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _read(markup: str) -> _Text:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return parser


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p><strong>a</strong> <em>b</em> <code>c</code></p>", None),
        ('<a href="https://x.org/">x</a>', None),
        ('<a href="/rel#frag">x</a>', None),
        ('<a href="mailto:a@b.c">x</a>', None),
        ('<div class="admonition note"><p class="admonition-title">Note</p></div>', None),
        (
            '<table><tbody><tr><td style="text-align: center;">1</td></tr></tbody></table>',
            '<table><tbody><tr><td style="text-align:center">1</td></tr></tbody></table>',
        ),
        ("<details><summary>Hint</summary><p>x</p></details>", None),
        ('<img src="chart.png" alt="A chart">', None),
        ("a<script>alert(1)</script>b", "ab"),
        ('<img src="x" onerror="alert(1)">', '<img src="x">'),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="jaVas&#x09;Cript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="vbscript:msgbox(1)">x</a>', "<a>x</a>"),
        ('<img src="data:image/svg+xml,<svg onload=alert(1)>">', "<img>"),
        ("<svg onload=alert(1)><circle/></svg>ok", "ok"),
        ('<iframe src="https://x.org"></iframe>ok', "ok"),
        ("<style>body{display:none}</style>ok", "ok"),
        ('<form action="https://x.org"><input name="q"></form>ok', "ok"),
        ('<span class="qe-opt keep" id="qe-q1">x</span>', '<span class="keep">x</span>'),
        ('<p style="position:fixed">x</p>', "<p>x</p>"),
        ("<!-- note -->x", "x"),
        ('<a href="https://x.org" target="_blank">x</a>', '<a href="https://x.org">x</a>'),
    ],
)
def test_clean_html_keeps_the_allow_list_and_nothing_else(
    markup: str, expected: str | None
) -> None:
    assert clean_html(markup) == (markup if expected is None else expected)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.org/a b", "https://x.org/a%20b"),
        ("http://x.org/(a)", "http://x.org/%28a%29"),
        ("mailto:a@b.c", "mailto:a@b.c"),
        ("page.html#part", "page.html#part"),
        ("//x.org/a", "//x.org/a"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        (" \tjava\nscript:alert(1)", None),
        ("java&#x09;script&colon;alert(1)", None),
        ("&#106;avascript:alert(1)", None),
        ("\x01javascript:alert(1)", None),
        ("java script:alert(1)", None),
        ("vbscript:msgbox(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("file:///etc/passwd", None),
    ],
)
def test_safe_url(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


@pytest.mark.parametrize(
    ("module", "reads"),
    [
        ("pymdownx.snippets", True),
        ("pymdownx.b64", True),
        ("markdown_include.include", True),
        ("mdx_include", True),
        ("somebody.include_files", True),
        ("pymdownx.superfences", False),
        ("markdown.extensions.tables", False),
        ("material.extensions.emoji", False),
    ],
)
def test_reads_files(module: str, reads: bool) -> None:
    assert reads_files(module) is reads


PRINTABLE = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"))
    | st.sampled_from(list("\\`*_{}[]()#+-.!|<>&;:=~^$\"' \n\t0123456789")),
    max_size=60,
)
MARKS = ["- ", "+ ", "* ", "1. ", "2) ", "# ", "> ", "===", "---", "***", "___", "```", "~~~"]
MARKS += ["    ", "\n", "\n\n", "|", "---|---", ": ", "*[HTML]: x", "[^1]", "[x]: /y"]
MARKS += ["{: #id }", "<b>", "&lt;", "&amp;", "&#60;", "\\", "`", "!", "[", "](", ")"]
MARKS += ['--8<-- "f.md"', "<!--", "-->", "<http://x.org>", "x"]
SPECIAL = st.lists(st.sampled_from(MARKS), max_size=12).map("".join)


def _shown(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=400, deadline=None)
@given(st.one_of(PRINTABLE, SPECIAL))
def test_escaped_text_renders_as_itself(text: str) -> None:
    escaped = escape_markdown(text)
    for rendered in (render_core(escaped), markdown.Markdown(extensions=SITE).convert(escaped)):
        read = _read(rendered)
        assert _shown("".join(read.parts)) == _shown(text), (escaped, rendered)
        # Only the markup paragraphs and line breaks need: never a tag from the text.
        assert set(read.tags) <= {"p", "br"}, rendered


def test_escaping_is_not_a_backslash_before_angle_brackets() -> None:
    # The review's finding: Python-Markdown has no `\<` escape, so `\<img ...>` was live.
    assert render_core(escape_markdown("<img src=x onerror=alert(1)>")) == (
        "<p>&lt;img src=x onerror=alert(1)&gt;</p>"
    )


@pytest.mark.parametrize(
    ("text", "inert"),
    [
        ("**Bold**, `<code>` and [a link](https://x.org)", True),
        ("```\n<script>alert(1)</script>\n```", True),
        ("| a | b |\n|:-:|---|\n| 1 | 2 |", True),
        ("Hi <script>alert(1)</script>", False),
        ("<img src=x onerror=alert(1)>", False),
        ("[x](javascript:alert(1))", False),
        ('<a href="jaVasCript&colon;alert(1)">x</a>', False),
        ('Text\n{: onclick="alert(1)" }', False),
        ('--8<-- "quizzes/benefits/research.yaml"', False),
        ("<!-- hidden -->", False),
    ],
)
def test_markdown_is_inert(text: str, inert: bool) -> None:
    assert markdown_is_inert(text) is inert


@pytest.mark.parametrize(
    "markup", ["<p>Plain &amp; simple</p>", "<p>a</p>\n<p>b &lt;i&gt;</p>", "just text"]
)
def test_paragraphs_of_text_pass_unchanged(markup: str) -> None:
    assert clean_html(markup) == markup


@pytest.mark.parametrize(
    "markup", ['<p onclick="x()">a</p>', "<p>a<!-- b --></p>", "<P>a</P><script>x()</script>"]
)
def test_anything_more_than_paragraphs_is_cleaned(markup: str) -> None:
    assert clean_html(markup) != markup


def test_the_instructors_guide_lists_exactly_the_allowed_tags() -> None:
    guide = Path(__file__).resolve().parents[1] / "docs" / "instructors" / "question-types.md"
    (row,) = [line for line in guide.read_text(encoding="utf-8").splitlines() if "| tags |" in line]
    listed = set(re.findall(r"`([a-z0-9]+)`", row.replace("`h1`–`h6`", "`h1` `h6`")))
    listed |= {"h2", "h3", "h4", "h5"}
    assert listed == ALLOWED_TAGS
