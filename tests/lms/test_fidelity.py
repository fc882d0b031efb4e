"""Text survives export and import: what a learner sees is the same before and after.

The property: any quiz text (Markdown full of the characters Markdown, GIFT and HTML give
a meaning to) exported to GIFT or Moodle XML and imported back renders, through the
site's own render path, to the same HTML. "The same" ignores only what no reader sees:
whitespace next to block tags, paragraphs inside list items (loose or tight), `<b>` for
`<strong>`, empty inline elements, paragraphs and quotes (an empty list item shows its
bullet, so it counts), italic inside italic, spaces around a line break,
spaces and line breaks just inside emphasis rather than just outside, a line break ending
a block, and two spans of the same kind side by side (`<em>a</em><em>b</em>` shows as
`<em>ab</em>`), and the box the site's fences put around a code block (`<div
class="highlight">`: an indented code block shows the same).
"""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser

import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from quizengine.lms import export_quizzes, import_text
from quizengine.lms.html_md import to_markdown
from quizengine.mkdocs.extension import _MarkdownRenderer
from quizengine.models import Quiz, SingleQuestion
from quizengine.render.markup import html_to_text
from quizengine.sanitize import clean_html, render_core

from .support import need_module
from .xss import site_markdown

_RENDERER: list[_MarkdownRenderer] = []


def render(text: str) -> str:
    """Quiz Markdown as a page shows it: the site's extensions, then the sanitiser."""
    if not _RENDERER:
        _RENDERER.append(_MarkdownRenderer(site_markdown()))
    return clean_html(_RENDERER[0](text))


_SAME_TAG = {"b": "strong", "i": "em"}
_BLOCK_EDGE = re.compile(
    r" ?(</?(?:p|li|ul|ol|blockquote|h[1-6]|table|thead|tbody|tr|td|th|div|pre|hr)\b[^>]*>) ?"
)
_EMPTY_INLINE = re.compile(r"<(a|code|em|strong|span|blockquote|p) [^>]*>((?:\s|<br \[\]>)*)</\1>")
# A line break or space just inside emphasis looks the same just outside it.
_EDGE_IN = re.compile(r"<(em|strong) \[\]>((?:\s|<br \[\]>)+)")
_EDGE_OUT = re.compile(r"((?:\s|<br \[\]>)+)</(em|strong)>")
_HIGHLIGHT = re.compile(r"<div \[\('class', 'highlight'\)\]>\s*(<pre \[\]>.*?</pre>)\s*</div>")
_LAST_BREAK = re.compile(
    r"<br \[\]>\s*((?:</(?:em|strong|code|a|span)>\s*)*)(?=</(?:p|li|h[1-6]|td|th|blockquote)>)"
)


class _Canon(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.items = 0  # list items open: a paragraph in one shows as the item's text
        self.open = {"em": 0, "strong": 0}  # italic inside italic is still italic

    def _shown(self, tag: str) -> bool:
        return not ((tag == "p" and self.items) or self.open.get(tag, 0) > 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items += tag == "li"
        tag = _SAME_TAG.get(tag, tag)
        if tag in self.open:
            self.open[tag] += 1
        if self._shown(tag):
            self.out.append(f"<{tag} {sorted(attrs)}>")

    def handle_endtag(self, tag: str) -> None:
        self.items -= tag == "li"
        tag = _SAME_TAG.get(tag, tag)
        if self._shown(tag):
            self.out.append(f"</{tag}>")
        if tag in self.open:
            self.open[tag] -= 1

    def handle_data(self, data: str) -> None:
        self.out.append(data)


def seen(markup: str) -> str:
    """HTML reduced to what a reader sees: tags, attributes and text, entities decoded."""
    parser = _Canon()
    parser.feed(markup)
    parser.close()
    text = " ".join("".join(parser.out).split())
    while _EMPTY_INLINE.search(text):  # an empty span inside another, at any depth
        text = _EMPTY_INLINE.sub(r"\2", text)
    joined = re.compile(r"</(em|strong|code)><\1 \[\]>")  # two spans side by side
    while joined.search(text):  # `<b><i>a</i></b><b><i>b</i></b>`: twice
        text = joined.sub("", text)
    text = re.sub(r"\s+(<a \[\('class', 'headerlink'\))", r"\1", text)  # a heading's end
    text = _HIGHLIGHT.sub(r"\1", text)
    edged = ""
    while edged != text:  # out of every emphasis around it
        edged, text = text, _EDGE_OUT.sub(r"</\2>\1", _EDGE_IN.sub(r"\2<\1 []>", text))
    text = re.sub(r"\s*<br \[\]>\s*", "<br []>", _LAST_BREAK.sub(r"\1", text))
    return _BLOCK_EDGE.sub(r"\1", " ".join(text.split()))


# Markdown that only this site reads (its extensions: definition lists, attribute lists
# wherever they act, as in `` `code`{x} ``, abbreviations): no LMS can show it, the
# exporters write it as text, and the importer keeps it as text on purpose (an attribute
# list could set an event handler).
_SITE_ONLY = re.compile(r"(?m)^[ \t]*:|\*\[")


def _site_only(text: str) -> bool:
    return bool(_SITE_ONLY.search(text)) or render_core(text, "attr_list") != render_core(text)


SPECIALS = [*"*_`[]<>&%{}~=#:\\\n", "ab", "c", " ", " ", "->", "  \n", "\n\n", "- ", "1. "]
SPECIALS += ["\n    ", "\t", "* ", "***", "```", "&#32;"]  # indented code, rules, fences
# Trimmed, as both formats and Moodle trim every text field.
texts = (
    st.lists(st.sampled_from(SPECIALS), min_size=1, max_size=14)
    .map(lambda parts: "".join(parts).strip())
    .filter(lambda text: bool(text) and not _site_only(text))
)


def _quiz(prompt: str, option: str, feedback: str) -> Quiz:
    return Quiz.model_validate(
        {
            "id": "fidelity",
            "title": "Fidelity",
            "questions": [
                {
                    "id": "q1",
                    "type": "single",
                    "prompt": prompt,
                    "explanation": feedback,
                    "options": [
                        {"text": option, "correct": True, "feedback": feedback},
                        {"text": "other"},
                    ],
                }
            ],
        }
    )


def _round_trip(quiz: Quiz, fmt: str) -> SingleQuestion:
    (data,) = export_quizzes([quiz], fmt).files.values()  # type: ignore[arg-type]
    result = import_text(data.decode("utf-8"), fmt, quiz_id=quiz.id)  # type: ignore[arg-type]
    (question,) = Quiz.model_validate(yaml.safe_load(result.yaml_text)).questions
    assert isinstance(question, SingleQuestion)
    return question


def _visible(text: str) -> bool:
    """Text that shows something (a lone link definition, say, renders as nothing)."""
    return bool(re.sub(r"<[^>]*>", "", seen(render(text))).strip())


@settings(
    max_examples=100, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(prompt=texts, option=texts, feedback=texts)
@example(prompt="Use <results> & data.", option="50% off", feedback="a \\ b")
@example(prompt="Use &lt;results&gt; &amp; data.", option="%0% off", feedback="\\%")
@example(prompt="# Title #\\#", option="*a*_b_", feedback="> quote  \nbreak")
# A quote first in a list item; an empty item in a list that `sane_lists` would nest.
@example(prompt="1. >*cab  \n<", option="- - > a  \n  b", feedback="- \n1. ><\n1. - }")
# An empty nested item; italic in italic; a paragraph starting with a line break.
@example(prompt="1. 1. \n\n1.", option="*~{ *<~>*}*", feedback="_  \n _{:[_~]_\n\n{[")
# Two line breaks first in a paragraph, and two in a row within one.
@example(prompt="_  \n_  \n->", option="a  \n_  \n_ b", feedback="x")
# Two lists an (empty) quote apart; a code span `sane_lists` would read across items.
@example(prompt=">1.   \n\n>>\n\n>1. [", option="- `#~- \\[-   \n1. 1. `- ab", feedback="-  \n\n-")
def test_any_text_renders_the_same_after_a_round_trip(
    prompt: str, option: str, feedback: str
) -> None:
    assume(_visible(prompt) and _visible(option) and _visible(feedback))
    quiz = _quiz(prompt, option, feedback)
    (before,) = quiz.questions
    assert isinstance(before, SingleQuestion)
    for fmt in ("gift", "moodle"):
        after = _round_trip(quiz, fmt)
        pairs = [
            (before.prompt, after.prompt),
            (before.options[0].text, after.options[0].text),
            (before.options[0].feedback or "", after.options[0].feedback or ""),
            (before.explanation or "", after.explanation or ""),
        ]
        for original, imported in pairs:
            assert seen(render(imported)) == seen(render(original)), (fmt, original, imported)


def test_the_issue_example_reads_as_written_and_stays_so() -> None:
    """`Use &lt;results&gt; &amp; data.` in Moodle's HTML is the text `Use <results> & data.`;
    it must not gain a backslash, lose `<results>`, or change over repeated round trips."""
    moodle = """<?xml version="1.0" encoding="UTF-8"?>
<quiz><question type="truefalse"><name><text>q1</text></name>
<questiontext format="html"><text><![CDATA[<p>Use &lt;results&gt; &amp; data.</p>]]></text>
</questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
</question></quiz>"""
    result = import_text(moodle, "moodle", quiz_id="issue")
    quiz = Quiz.model_validate(yaml.safe_load(result.yaml_text))
    shown = seen(render(quiz.questions[0].prompt))
    assert shown == "<p []>Use <results> & data.</p>"
    for fmt in ("moodle", "gift", "moodle", "gift"):
        (data,) = export_quizzes([quiz], fmt).files.values()  # type: ignore[arg-type]
        again = import_text(data.decode("utf-8"), fmt, quiz_id="issue")  # type: ignore[arg-type]
        quiz = Quiz.model_validate(yaml.safe_load(again.yaml_text))
        assert seen(render(quiz.questions[0].prompt)) == shown
        assert "\\" not in quiz.questions[0].prompt


# --- QTI (Canvas): no importer here, so an independent reader checks the export --------


_BLOCK_TAG = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|blockquote|div|pre|table|tr|hr)\b[^>]*>")


def _words(markup: str) -> str:
    """What a learner reads: visible text (a block's edges part words), with the site's
    heading permalinks (¶) left out."""
    markup = _BLOCK_TAG.sub(r"\n\g<0>\n", markup.replace(">¶</a>", "></a>"))
    return " ".join(html_to_text(markup).split())


@settings(max_examples=60, derandomize=True, deadline=None)
@given(prompt=texts, option=texts)
@example(prompt="Use <results> & data.", option="%0% off")
def test_qti_shows_the_same_text_to_an_independent_reader(prompt: str, option: str) -> None:
    """qti2latex (PyPI) reads the stem and the choices of our Canvas package: their text is
    what our page shows, and each choice's identifier carries our option id."""
    assume(_visible(prompt) and _visible(option))
    qti2latex = need_module("qti2latex", "qti2latex==0.1.6")
    quiz = _quiz(prompt, option, "fb")
    data = quiz.model_dump(exclude_none=True)
    data["questions"][0]["options"][0]["id"] = "mine"
    quiz = Quiz.model_validate(data)
    (package,) = export_quizzes([quiz], "qti").files.values()
    xml = zipfile.ZipFile(io.BytesIO(package)).read("fidelity/fidelity.xml")
    assessment = qti2latex.child_anyns(ET.fromstring(xml), "assessment")
    (item,) = [i for i in qti2latex.child_anyns(assessment, "section") if "item" in i.tag]
    assert _words(qti2latex.get_item_stem(item)) == _words(render(prompt))
    choices = qti2latex.get_choices(item)
    assert _words(choices[0][1]) == _words(render(option))
    assert [ident.rsplit("_", 1)[-1] for ident, _ in choices] == ["mine", "b"]


# --- HTML from an LMS: any HTML becomes Markdown showing the same words -----------------

_WORDS = st.lists(st.sampled_from([*SPECIALS, "&lt;", "&amp;", "&gt;", "x"]), max_size=6).map(
    lambda parts: (
        html.escape("".join(parts).replace("\n", " "), quote=False)
        .replace("&amp;lt;", "&lt;")
        .replace("&amp;gt;", "&gt;")
        .replace("&amp;amp;", "&amp;")
    )
)
_INLINE = ("em", "strong", "b", "i", "code", "span")
_BLOCKS = ("p", "blockquote", "h2", "li-ul", "li-ol", "div")


def _wrap_html(tag: str, inner: str) -> str:
    if tag == "li-ul":
        return f"<ul><li>{inner}</li></ul>"
    if tag == "li-ol":
        return f"<ol><li>{inner}</li></ol>"
    if tag == "br":
        return f"{inner}<br>"
    if tag == "a":
        return f'<a href="https://example.org/?q=1&amp;r=(2)">{inner}</a>'
    return f"<{tag}>{inner}</{tag}>"


html_fragments = st.recursive(
    _WORDS,
    lambda inner: st.one_of(
        st.tuples(st.sampled_from([*_INLINE, *_BLOCKS, "br", "a"]), inner).map(
            lambda pair: _wrap_html(*pair)
        ),
        st.lists(inner, min_size=2, max_size=3).map("".join),
    ),
    max_leaves=8,
)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(markup=html_fragments)
@example(markup="<p>Use &lt;results&gt; &amp; data.</p>")
@example(markup="<p><em>a</em><em>b</em> <strong><em>c</em></strong></p>")
@example(markup="<ul><li><h2>Title #</h2>text</li></ul>")
@example(markup="<ol><li><blockquote><p>a<br>&gt; b</p><p>c</p></blockquote>d</li></ol>")
@example(markup="<ul><li></li><li><hr>x</li></ul><ol><li>y</li></ol><ol><li>z</li></ol>")
def test_any_lms_html_imports_as_markdown_showing_the_same_words(markup: str) -> None:
    """Moodle XML or GIFT `[html]` text: the imported Markdown, rendered by the site, shows
    the words the sanitised HTML showed, every special character included."""
    expected = _words(clean_html(markup))
    assume(expected)
    converted = to_markdown(markup, "html").markdown
    assert _words(render(converted)) == expected, converted


def test_the_converter_stays_linear_on_hostile_html() -> None:
    """Joining side-by-side spans and choosing emphasis marks take one pass: 40,000 spans
    in a row, or a `*` before spans nested 95 deep, convert in moments (a quadratic join
    would take minutes, a second rendering per level of nesting forever)."""
    import time

    start = time.monotonic()
    row = to_markdown("<p>" + "<em>x</em>" * 40_000 + "</p>", "html").markdown
    deep = "<p><em>a</em>" + "<span>" * 95 + "<em>b</em>" + "</span>" * 95 + "</p>"
    nested = to_markdown(deep, "html").markdown
    assert time.monotonic() - start < 20
    assert row == "*" + "x" * 40_000 + "*"
    assert nested == "*ab*"  # the spans write nothing of their own: one emphasis
