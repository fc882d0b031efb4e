"""HTML (as Moodle stores question text) -> Markdown (as our quiz files hold it).

Only the structure an author means survives: paragraphs, emphasis, code, links, lists,
headings, quotes and tables. Everything else keeps its text and drops its markup, so
imported text never carries HTML into a page. Images cannot come along (their files are
not in the text); each one leaves its alt text and a note.

The HTML first passes the sanitiser (`quizengine.sanitize`), and every piece of text,
link and code is written so that Markdown reads it back as exactly that: text escaped
for Python-Markdown, links only to safe URLs, code in fences longer than any run of
backticks it holds.

Why not markdownify (PyPI): it escapes for CommonMark, and Python-Markdown, which renders
our pages, reads that differently. Its default leaves `&lt;results&gt;` as a raw
`<results>` tag (the sanitiser then deletes it); with `escape_misc` it writes
`\\<results\\>`, which Python-Markdown shows with the backslashes (it has no escape for
`<`); and it joins `<em>a</em><em>b</em>` into `*a**b*`, one span. Adopting it would mean
replacing its escaping and emphasis, which is most of this module. tests/lms/test_fidelity.py
checks the result the way a learner sees it: through the site's render path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import PurePosixPath
from typing import NamedTuple

from ..media import KINDS, local_path
from ..sanitize import (
    SNIPPET_LINE,
    clean_html,
    escape_inline,
    escape_markdown,
    has_active_content,
    markdown_is_inert,
    render_core,
    safe_url,
)
from .common import LmsFormatError

_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "col", "area", "base", "wbr"})
_BLOCK = frozenset(
    {"p", "div", "ul", "ol", "li", "pre", "blockquote", "table", "hr", "section", "article"}
    | {f"h{n}" for n in range(1, 7)}
)
_BR = "\ue000"  # a hard line break until whitespace is collapsed
_SKIP = frozenset({"script", "style", "head", "title", "template"})
REMOVED_NOTE = (
    "removed what could run in a page (scripts, event handlers, script links or file"
    " includes); the text is kept"
)
# A space as a character reference: a Markdown line that shows nothing, where one is
# needed (an empty list item still shows its bullet; `- ` alone would need its trailing
# space, which every format trims at the end of a text, leaving `-`, a heading's line).
EMPTY_ITEM = "&#32;"
# Real question text nests a dozen elements at most; the converter recurses per level.
MAX_DEPTH = 100


@dataclass(slots=True)
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]
        self.images = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs})
        if tag == "img" or (tag == "a" and _file_link(node)):
            self.images += 1
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)
            if len(self.stack) > MAX_DEPTH:
                raise LmsFormatError(f"HTML nested more than {MAX_DEPTH} elements deep")

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _file_link(node: _Node) -> bool:
    """A link to a sound or video file beside the text (`@@PLUGINFILE@@/clip.mp3`)."""
    path = local_path(node.attrs.get("href", ""))
    return path is not None and PurePosixPath(path).suffix.lower() in KINDS


def html_to_markdown(markup: str) -> tuple[str, int]:
    """(Markdown, number of images dropped); `LmsFormatError` if nested absurdly deep."""
    builder = _TreeBuilder()
    builder.feed(clean_html(markup))
    builder.close()
    text = _blocks(builder.root.children)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, builder.images


def _blocks(children: list[_Node | str], nested: bool = False) -> str:
    """Render children, giving block elements a blank line on each side.

    Python-Markdown joins a list to a list just before it (a bulleted one to a numbered
    one too), a quote to a quote, and (inside a list or quote, where code is indented)
    code to a list or code just before it, so two of them side by side get an
    empty-looking paragraph (a space as a character reference) between them to stay two.
    """
    out: list[str] = []
    inline: list[_Node | str] = []
    last_kind: str | None = None  # the kind of block `out` ends with

    def flush() -> None:
        nonlocal last_kind
        text = _tidy(_inline_all(inline))
        if text:
            out.append(text)
            last_kind = None
        inline.clear()

    for child in children:
        if isinstance(child, _Node) and child.tag in _BLOCK:
            flush()
            rendered = _block(child, nested)
            if rendered.strip():
                kind = _edge_kind(child, last=False)
                if last_kind is not None and (
                    kind == last_kind or (nested and kind == "code" and last_kind == "list")
                ):
                    out.append(EMPTY_ITEM)
                out.append(rendered)
                last_kind = _edge_kind(child, last=True)
                if last_kind == "code" and not nested:  # fenced: nothing joins it
                    last_kind = None
        else:
            inline.append(child)
    flush()
    return "\n\n".join(out)


def _edge_kind(node: _Node, last: bool) -> str | None:
    """ "list", "quote" or "code" when the node's Markdown starts (or ends) with one."""
    if node.tag in ("ul", "ol"):
        return "list"
    if node.tag == "blockquote":
        return "quote"
    if node.tag == "pre":
        return "code"
    if node.tag in ("div", "section", "article"):
        shown = [c for c in node.children if not isinstance(c, str) or c.strip()]
        edge = shown[-1 if last else 0] if shown else None
        if isinstance(edge, _Node) and edge.tag in _BLOCK:
            return _edge_kind(edge, last)
    return None


def _tidy(text: str) -> str:
    """Collapse HTML whitespace; hard line breaks (from `<br>`) become Markdown's.

    A break at the very start shows as an empty first line, and one right after another
    as an empty line between: Markdown would read an empty line as a paragraph's end, so
    each holds a space written as a character reference. A last break shows nothing and
    is dropped; the ones before it show empty lines, so a space written so ends the text.
    """
    text = " ".join(text.split())
    text = re.sub(rf"(?:\s*{_BR})+\s*", _breaks, text).strip(" ")
    if text.endswith(f"  \n{EMPTY_ITEM}  \n"):
        text += EMPTY_ITEM
    text = text.rstrip("\n ")
    return EMPTY_ITEM + "  " + text if text.startswith("\n") else text


def _breaks(run: re.Match[str]) -> str:
    return "  \n" + f"{EMPTY_ITEM}  \n" * (run[0].count(_BR) - 1)


def _block(node: _Node, nested: bool = False) -> str:
    tag = node.tag
    if tag in _SKIP:
        return ""
    if tag == "hr":
        return "___"  # never read as a list item's dash or a heading's underline
    if tag.startswith("h") and tag[1:].isdigit():
        text = " ".join(_inline_all(node.children).replace(_BR, " ").split())  # one line
        # A heading's own closing hashes are dropped, so a last `#` of its text is escaped.
        body = text[:-1]
        if text.endswith("#") and (len(body) - len(body.rstrip("\\"))) % 2 == 0:
            text = body + "\\#"  # not already escaped
        return "#" * int(tag[1:]) + " " + text
    if tag == "pre":
        return _pre("".join(_raw_text(node)).strip("\n"), nested)
    if tag in ("ul", "ol"):
        return _list(node)
    if tag == "blockquote":
        inner = _blocks(node.children, nested=True)
        if not inner.strip():
            return ""
        return "\n".join(_indent("> ", line) for line in inner.split("\n"))
    if tag == "table":
        return _table(node)
    return _blocks(node.children, nested)


def _pre(code: str, nested: bool) -> str:
    """A code block: fenced at the top level, where every Markdown reads fences.

    Inside a list or quote a fence is not read by Python-Markdown's own fenced code, so
    there the block is indented (the list or quote adds its own prefix). Code holding a
    line that pymdownx.snippets would read as an include (it reads them in any code
    block) becomes a code span per line (with a hard break): still code, and a span never
    starts with an include.
    """
    if not SNIPPET_LINE.search(code):
        if nested:
            return "\n".join(f"    {line}" if line.strip() else "" for line in code.split("\n"))
        fence = "`" * max(3, _longest_backticks(code) + 1)
        return f"{fence}\n{code}\n{fence}"
    lines = [_code_span(line) for line in code.split("\n")]
    return "  \n".join(line for line in lines if line)


def _longest_backticks(text: str) -> int:
    return max((len(run) for run in re.findall("`+", text)), default=0)


def _code_span(code: str) -> str:
    """Inline code on one line, delimited by more backticks than it holds.

    Markdown trims the spaces at a span's ends, so they are written outside it.
    """
    code = " ".join(code.split("\n"))
    if not code.strip():
        return " " if code else ""  # its space still parts the words around it
    lead = " " if code[0] == " " else ""
    trail = " " if code[-1] == " " else ""
    code = code.strip(" ")
    fence = "`" * (_longest_backticks(code) + 1)
    span = f"{fence} {code} {fence}" if "`" in (code[0], code[-1]) else f"{fence}{code}{fence}"
    return lead + span + trail


def _list(node: _Node) -> str:
    items = [c for c in node.children if isinstance(c, _Node) and c.tag == "li"]
    lines: list[str] = []
    for number, item in enumerate(items, start=1):
        body = _blocks(item.children, nested=True)
        marker = f"{number}." if node.tag == "ol" else "-"
        if body.startswith("    "):  # indented code cannot start on the marker's line
            body = f"{EMPTY_ITEM}\n\n{body}"
        first, *rest = body.split("\n") if body.strip() else [EMPTY_ITEM]
        if lines and lines[-1].startswith(" " * 8):  # code ends the item before: it would
            lines.append("")  # take this marker's line as its own without a blank line
        lines.append(f"{marker} {first}")
        lines.extend(_item_lines(rest))
    return "\n".join(lines)


def _item_lines(rest: list[str]) -> list[str]:
    """An item's lines after its first, indented to stay in the item.

    Python-Markdown takes the lines up to the first blank line into the item as they are,
    without removing an indent; a quote's line (`>`) indented there would no longer be
    the quote's, and the quote would show `> text` as code or words. So the quote's lines
    of that first block stay where the quote's `>` starts; every line after a blank line
    is indented (Python-Markdown removes that indent).
    """
    out: list[str] = []
    first_block = True
    for line in rest:
        first_block = first_block and bool(line.strip())
        out.append(line if first_block and line.startswith(">") else _indent("    ", line))
    return out


def _indent(prefix: str, line: str) -> str:
    """A line inside a quote or list item; its trailing spaces (a hard break) stay."""
    return prefix + line if line.strip() else prefix.rstrip()


def _table(node: _Node) -> str:
    rows: list[list[str]] = []
    for row in _find(node, "tr"):
        cells = [c for c in row.children if isinstance(c, _Node) and c.tag in ("td", "th")]
        rows.append(
            [
                " ".join(_inline_all(c.children).replace(_BR, " ").split()).replace("|", "\\|")
                for c in cells
            ]
        )
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines.extend("| " + " | ".join(r) + " |" for r in rows[1:])
    return "\n".join(lines)


def _find(node: _Node, tag: str) -> list[_Node]:
    found: list[_Node] = []
    for child in node.children:
        if isinstance(child, _Node):
            if child.tag == tag:
                found.append(child)
            else:
                found.extend(_find(child, tag))
    return found


def _raw_text(node: _Node) -> list[str]:
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag == "br":
            parts.append("\n")
        elif child.tag in _BLOCK:  # a block inside code still stands apart
            parts.extend(["\n", *_raw_text(child), "\n"])
        else:
            parts.extend(_raw_text(child))
    return parts


_EMPHASIS = frozenset({"em", "i", "strong", "b"})


def _inline_all(
    children: list[_Node | str], within: frozenset[str] = frozenset(), underscore: bool = False
) -> str:
    """Inline children in a row; emphasis right after emphasis is written with `_`, as
    `*a**b*` would read as one span. `within`: the emphasis kinds around them;
    `underscore`: the first child follows a `*` outside (`<em>a</em><a href=...><em>b</em>`)."""
    out: list[str] = []
    after_star = underscore  # the text so far ends in an emphasis mark
    for child in _join_code(_flatten(children)):
        # One pass per child: rendering twice would double the work at every level of
        # nesting (hostile HTML nests a hundred deep).
        piece = _inline(child, underscore=after_star, within=within)
        if piece:
            after_star = _ends_in_mark(piece)
        out.append(piece)
    return "".join(out)


def _ends_in_mark(text: str) -> bool:
    """Does Markdown text end in an emphasis mark `*` (not an escaped one, `\\*`)?"""
    body = text[:-1]
    return text.endswith("*") and (len(body) - len(body.rstrip("\\"))) % 2 == 0


_SAME = {"b": "strong", "i": "em"}
# Inline tags written as their content alone (`_inline`'s last case).
_OWN_MARKUP = _EMPHASIS | {"code", "a", "br", "img", "pre", "td", "th"} | _BLOCK | _SKIP


def _flatten(children: list[_Node | str]) -> list[_Node | str]:
    """Children with the wrappers that write only their content (`<span>`, `<u>`, ...)
    opened, and the elements that hold nothing left out: what is left side by side shows
    side by side, so code after code can be joined (`<code>a</code><span><code>b</code>
    </span>` as `a``b` would read as one span holding a backtick pair)."""
    out: list[_Node | str] = []
    for child in children:
        if isinstance(child, str):
            out.append(child)
        elif child.tag not in _OWN_MARKUP:
            out.extend(_flatten(child.children))
        elif child.tag in ("br", "img") or _holds_something(child):
            out.append(child)
    return out


def _holds_something(node: _Node) -> bool:
    return any(
        isinstance(c, str) or c.tag in ("br", "img") or _holds_something(c) for c in node.children
    )


def _join_code(children: list[_Node | str]) -> list[_Node | str]:
    """Code right after code, or emphasis right after the same emphasis, as one span:
    it looks the same, and two such spans side by side cannot be written in Markdown."""
    out: list[_Node | str] = []
    joined = False  # out[-1] is a node made here, extended in place (linear time)
    for child in children:
        last = out[-1] if out else None
        if isinstance(child, _Node) and isinstance(last, _Node):
            tag = _SAME.get(child.tag, child.tag)
            if tag in ("code", "em", "strong") and tag == _SAME.get(last.tag, last.tag):
                if not joined:
                    out[-1] = last = _Node(tag, last.attrs, list(last.children))
                    joined = True
                last.children.extend(child.children)
                continue
        out.append(child)
        joined = False
    return out


def _inline(
    child: _Node | str, underscore: bool = False, within: frozenset[str] = frozenset()
) -> str:
    if isinstance(child, str):
        return escape_inline(" ".join(child.split("\n")))
    tag = child.tag
    kind = "strong" if tag in ("strong", "b") else "em" if tag in ("em", "i") else ""
    inner = _inline_all(
        child.children, within | {kind} if kind else within, underscore and not kind
    )
    if kind in within:  # italic inside italic looks the same: no second, clashing mark
        return inner
    if tag in _SKIP:
        return ""
    if tag == "br":
        return _BR
    shown = inner.replace(_BR, "").strip()  # emphasis around a line break alone is none
    if kind and shown:
        # `*` (`***x***` nests well), or `_` right after another span's closing `*`, where
        # `*a**b*` would read as one span.
        return _wrap(("_" if underscore else "*") * (2 if kind == "strong" else 1), inner)
    if tag == "code":
        return _code_span("".join(_raw_text(child)))
    if tag == "a" and _file_link(child):  # a file the text cannot bring, like an image
        return inner
    if tag == "a":
        url = safe_url(child.attrs.get("href", ""))
        return f"[{inner}]({url})" if url and inner.strip() else inner
    if tag == "img":
        return escape_inline(child.attrs.get("alt", ""))
    if tag == "pre":
        return _code_span("".join(_raw_text(child)))
    if tag in _BLOCK or tag in ("td", "th"):
        # A block inside inline markup (`<em><p>x</p></em>`): Markdown cannot hold it
        # there, so it keeps its words, and its inline markup, between spaces.
        return " " + inner + " "
    return inner


def _wrap(mark: str, inner: str) -> str:
    """Emphasis hugging its text: `**bold** rest`, never `** bold **`."""
    edge = f" \t\n{_BR}"  # a line break between the marks would end the emphasis
    lead = inner[: len(inner) - len(inner.lstrip(edge))]
    trail = inner[len(inner.rstrip(edge)) :]
    return f"{lead}{mark}{inner.strip(edge)}{mark}{trail}"


_LOOKS_HTML = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?/?>")


class Converted(NamedTuple):
    markdown: str
    images: int  # images dropped (their files are not in the text)
    removed: bool  # something that could run in a page was taken out


def to_markdown(text: str, fmt: str) -> Converted:
    """Text in an LMS text format -> safe Markdown, with what the conversion dropped.

    `fmt` is GIFT's marker or Moodle XML's format attribute. Markdown is kept as written
    when it holds nothing to sanitise (`markdown_is_inert`), and otherwise rendered,
    sanitised and converted back, keeping its text; html is sanitised and converted;
    plain text is escaped; Moodle's auto-format (plain text that may hold HTML) is treated
    as HTML when it holds tags.
    """
    fmt = fmt.lower()
    if fmt == "markdown":
        try:
            if markdown_is_inert(text):
                return Converted(text.strip(), 0, False)
            rendered = render_core(text)
        except RecursionError:  # Python-Markdown recurses once per level of nesting
            raise LmsFormatError("Markdown nested too deeply to read (quotes or lists)") from None
        markdown, images = html_to_markdown(rendered)
        return Converted(markdown, images, True)
    if fmt == "html" or (fmt in ("moodle", "moodle_auto_format") and _LOOKS_HTML.search(text)):
        markdown, images = html_to_markdown(text)
        return Converted(markdown, images, has_active_content(text))
    return Converted(escape_markdown(text.strip()), 0, False)
