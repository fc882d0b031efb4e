"""The one boundary between text from outside and the HTML of a page.

Two kinds of text cross it. Imported text (GIFT, Moodle XML) is turned into Markdown that
renders as exactly what it said, never as markup; the importers call `escape_markdown`,
`safe_url`, `clean_html` and `markdown_is_inert` here. Quiz Markdown, authored or imported,
is rendered by the site's parser and the HTML passes `clean_html`, an explicit allow-list
enforced by Ammonia (through nh3), so raw HTML in a quiz file keeps its formatting but can
never run script. Markdown extensions that read files (`reads_files`) are never used for
quiz text, whatever the site enables: a quiz file must not print other files into a page.

The allow-list is documented for instructors in docs/instructors/question-types.md
("HTML in quiz text"); keep the two in step.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from collections.abc import Callable
from functools import lru_cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import nh3

if TYPE_CHECKING:
    import markdown

# What quiz text may hold: the structure Markdown and its common extensions produce
# (admonitions, details, footnotes, tables, definition lists, highlighted code), and the
# inline formatting an author may write as HTML. No forms, frames, media or SVG.
ALLOWED_TAGS = frozenset(
    {"a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup"}
    | {"dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark"}
    | {"ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup"}
    | {"table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var"}
)
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"class", "id", "title", "lang", "dir"}),
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "ol": frozenset({"start", "type"}),
    "td": frozenset({"colspan", "rowspan", "align", "style"}),
    "th": frozenset({"colspan", "rowspan", "align", "style", "scope"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "details": frozenset({"open"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite"}),
    "ins": frozenset({"cite"}),
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Dropped together with everything inside them (the rest keep their text).
_DROP_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
    | {"textarea", "select", "title"}
)
_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
# Our own markup: quiz text must not pose as a part of the quiz the client drives.
_RESERVED_PREFIX = "qe-"


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        kept = [c for c in value.split() if not c.startswith(_RESERVED_PREFIX)]
        return " ".join(kept) or None
    if attribute == "id" and value.startswith(_RESERVED_PREFIX):
        return None
    return value


# Text in paragraphs and nothing else (no tag, attribute or comment): already clean.
_ONLY_PARAGRAPHS = re.compile(r"[^<]*(?:</?p>[^<]*)*")


# The URLs `clean_html(urls=...)` may rewrite: an image's source and a link's target.
_MEDIA_URLS = frozenset({("img", "src"), ("a", "href")})


def clean_html(markup: str, *, urls: Callable[[str], str | None] | None = None) -> str:
    """HTML cut down to the allow-list: no script, no event handlers, only safe URLs.

    `urls` maps an `<img src>` or `<a href>` that passed the URL check to the address of
    the published file (quiz media); None keeps the URL as it is.
    """
    if _ONLY_PARAGRAPHS.fullmatch(markup):  # most quiz text: skip the parser
        return markup
    attribute_filter = _filter
    if urls is not None:
        mapper = urls

        def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
            if (tag, attribute) in _MEDIA_URLS:
                return mapper(value) or value
            return _filter(tag, attribute, value)

    return nh3.clean(
        markup,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=attribute_filter,
        url_schemes=set(URL_SCHEMES),
        filter_style_properties={"text-align"},
        link_rel=None,  # no `target` is allowed, so no opener to guard against
        strip_comments=True,
    )


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f]")
_URL_SAFE = "/:?#&=%+;,@!$~.-_*'"


def safe_url(url: str) -> str | None:
    """`url` as a browser reads it, if it is http(s), mailto or relative; else None.

    Browsers drop tabs and newlines anywhere in a URL and ignore case and entities in the
    scheme, so `jaVas&#x09;Cript:` is `javascript:`; the check runs on what they see. The
    result is percent-encoded where Markdown's link syntax would otherwise break.
    """
    seen = _INVISIBLE.sub("", html.unescape(url)).strip()
    scheme = _SCHEME.match(seen.replace(" ", ""))
    if scheme and scheme[1].lower() not in URL_SCHEMES:
        return None
    return urllib.parse.quote(seen, safe=_URL_SAFE)


# Escaping text so that Python-Markdown (with any common extension) shows it as written.
# `<` and `&` become entities: Python-Markdown has no backslash escape for `<`.
_ANYWHERE = re.compile(r"[\\`*_\[\]{}]")
_LINE_START = re.compile(
    r"^([ \t]*)(?:([#>+-])|(\d+)\.(?=[ \t]|$)|(=+[ \t]*$)|(~)|(:)(?=[ \t]|$))", re.M
)


def _line_start(match: re.Match[str]) -> str:
    indent, mark, number, underline, tilde, colon = match.groups()
    if colon:  # a definition list's definition
        return f"{indent}&#58;"
    if mark:
        return f"{indent}\\{mark}"
    if number:
        return f"{indent}{number}\\."
    if underline:  # a setext heading underline; `=` has no backslash escape
        return f"{indent}&#61;{underline[1:]}"
    assert tilde
    return f"{indent}&#126;"


def escape_inline(text: str) -> str:
    """Text -> Markdown that shows it as written, wherever it stands in a line.

    Every character that could start markup is escaped, with a backslash where
    Python-Markdown has one and an entity where it has not (`<`, `&`, `|`, a line of `=`,
    a leading `~` or `:`); marks that matter only at the start of a line are escaped there.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace("|", "&#124;")
    text = _ANYWHERE.sub(r"\\\g<0>", text)
    return _LINE_START.sub(_line_start, text)


def escape_markdown(text: str) -> str:
    """Plain text -> Markdown that renders as that text (whitespace as HTML collapses it).

    Leading and trailing spaces are dropped from every line: four would start a code
    block, two at the end a hard line break.
    """
    return escape_inline("\n".join(line.strip() for line in text.split("\n")))


# Markdown extensions that read files (or embed them) when they render: never for quiz text.
_FILE_READERS = ("pymdownx.snippets", "pymdownx.b64", "markdown_include", "mdx_include")


def reads_files(module: str) -> bool:
    """True for an extension module that can pull other files into the output."""
    name = module.lower()
    if any(name == m or name.startswith(m + ".") for m in _FILE_READERS):
        return True
    return "snippet" in name or "include" in name


# --- Markdown from outside -----------------------------------------------------------

# A pymdownx.snippets include line (it reads them anywhere, code blocks included).
SNIPPET_LINE = re.compile(r"^[ \t]*;*-+8<-+", re.M)
_CORE = ("fenced_code", "tables", "sane_lists")


@lru_cache(maxsize=2)
def _core(*extra: str) -> markdown.Markdown:
    import markdown

    # No extension that reads files or adds attributes: the plainest reading of the text.
    return markdown.Markdown(extensions=[*_CORE, *extra])


def render_core(text: str, *extra: str) -> str:
    """Markdown -> HTML with Python-Markdown's core and fenced code, tables and lists only."""
    try:
        return _core(*extra).reset().convert(text)
    except RecursionError:  # deep nesting: the parser is left mid-block, so build anew
        _core.cache_clear()
        raise


_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center)\s*;?\s*$")


class _Checker(HTMLParser):
    """Finds anything outside the allow-list (`clean` turns False), and anything that could
    run in a page: a dropped-with-content tag, an event handler, a script URL (`active`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.clean = True
        self.active = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_WITH_CONTENT or tag in ("frame", "frameset", "base", "form", "meta"):
            self.active = True
        if tag not in ALLOWED_TAGS:
            self.clean = False
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or (
                name in _URL_ATTRIBUTES | {"action", "formaction", "srcdoc", "data", "xlink:href"}
                and safe_url(value) is None
            ):
                self.active = True
                self.clean = False
            elif name not in allowed or (name == "style" and not _ALIGN.match(value)):
                self.clean = False
            elif name in ("class", "id") and _filter(tag, name, value) != value:
                self.clean = False

    def handle_comment(self, data: str) -> None:
        self.clean = False

    def handle_decl(self, decl: str) -> None:
        self.clean = False

    def handle_pi(self, data: str) -> None:
        self.clean = False

    def unknown_decl(self, data: str) -> None:
        self.clean = False


def markdown_is_inert(text: str) -> bool:
    """Can Markdown from outside be kept as it is? Only if it holds nothing to sanitise.

    It must render (plainly) to allow-listed HTML with safe links, and hold no snippet
    include line and no attribute list (`{: onclick=...}`), which the site's own
    extensions would act on. Otherwise the importer keeps its text, not its markup.
    """
    if SNIPPET_LINE.search(text):
        return False
    rendered = render_core(text)
    if render_core(text, "attr_list") != rendered:  # attr_list would set attributes
        return False
    return _check(rendered).clean


def has_active_content(markup: str) -> bool:
    """Does HTML hold something that could run in a page (the sanitiser removes it)?"""
    return _check(markup).active


def _check(markup: str) -> _Checker:
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    return checker
