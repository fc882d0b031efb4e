"""A whitespace-and-comment minifier for our own JS and CSS, so the shipped bytes stay small
without a Node toolchain at build time.

It tokenises just enough to be safe: strings, regular-expression literals and comments are
recognised and kept or dropped whole; whitespace survives only where two tokens would
otherwise fuse (`var x`, `a - -b`). Identifiers are never renamed. It relies on the sources
ending statements with `;` (no reliance on automatic semicolon insertion) and having no
template literals; `minify_js` refuses a source with a backtick rather than guess.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(
    r"""(?P<space>\s+)
    |(?P<comment>//[^\n]*|/\*.*?\*/)
    |(?P<string>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
    |(?P<word>[\w$]+(?:\.\d+)?)
    |(?P<punct>\+\+|--|[^\s\w$])""",
    re.S | re.X,
)
_REGEX = re.compile(r"/(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\[\n])+/[a-z]*")
# After these tokens a `/` starts a regular expression, not a division.
_BEFORE_REGEX = set("(,=:[!&|?{};+-*%<>~^") | {"return", "typeof", "case", "in", "of", "else"}


_WORD = re.compile(r"[\w$]")
_OPEN_ENDED = set("\n;{,([&|=<>?:!")


def _joins(left: str, right: str) -> bool:
    """True when dropping the space between two tokens would fuse them (`var x`, `a - -b`)."""
    if _WORD.match(left[-1]) and _WORD.match(right[0]):
        return True
    return left[-1] == right[0] and left[-1] in "+-"


def minify_js(code: str) -> str:
    """Comments and spaces go; one newline stays wherever there was one, so automatic
    semicolon insertion sees the same line breaks as in the source."""
    if "`" in code:
        raise ValueError("minify_js does not handle template literals")
    out: list[str] = []
    last = ""
    pos = 0
    while pos < len(code):
        if code[pos] == "/" and (last in _BEFORE_REGEX or not last):
            regex = _REGEX.match(code, pos)
            if regex and not code.startswith(("//", "/*"), pos):
                out.append(regex.group())
                last, pos = "/regex/", regex.end()
                continue
        match = _TOKEN.match(code, pos)
        if match is None:  # pragma: no cover - every character matches some alternative
            raise ValueError(f"cannot tokenise at offset {pos}")
        pos = match.end()
        kind, text = match.lastgroup, match.group()
        if kind in ("space", "comment"):
            # A line break matters to automatic semicolon insertion except after a token
            # that cannot end a statement.
            if "\n" in text and out and out[-1] not in _OPEN_ENDED:
                out.append("\n")
            continue
        if text == "}" and out and out[-1] == ";":
            out.pop()  # `;}` -> `}`: the semicolon before a closing brace is redundant
        if out and out[-1] != "\n" and _joins(out[-1], text):
            out.append(" ")
        out.append(text)
        last = text
    return "".join(out).strip() + "\n"


def minify_css(code: str) -> str:
    """Comments and the whitespace around punctuation go; the rest of the CSS is untouched."""
    code = re.sub(r"/\*.*?\*/", "", code, flags=re.S)
    code = re.sub(r"\s*([{};,>])\s*", r"\1", code)
    return re.sub(r"\s+", " ", code).replace(";}", "}").strip() + "\n"
