"""A small minifier for our own JS and CSS, so the shipped bytes stay small without a Node
toolchain at build time.

`minify_js` tokenises just enough to be safe: strings, regular-expression literals and
comments are recognised and kept or dropped whole; whitespace survives only where two tokens
would otherwise fuse (`var x`, `a - -b`), and one newline stays wherever there was one, so
automatic semicolon insertion sees the same line breaks as in the source.

It then shortens local names (`_mangle`), which gzip cannot do for us. It finds the scopes
(functions, arrow functions, blocks, `catch`, `for (let ...)`), puts every declaration in
its scope (`var` in the function, `let`/`const` in the block, parameters and destructuring
included) and resolves every use to the nearest declaration, as JavaScript does. Each scope's
names then get the shortest names not used by anything they can see: a global, or a name
of an enclosing scope that is used inside. Names at the top level of a file, globals, object
keys and properties are never renamed; `{a}` becomes `{a:b}`.

Our sources keep a few conventions and `minify_js` refuses (ValueError) code outside them
rather than guess: statements end with `;`; no template literals, classes, labels, `with`,
`eval`, default values, getters or methods in object literals (`{ f() {} }`), or function
declarations inside blocks. `bundle()` ships a file it refuses as written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import count, islice, product

_TOKEN = re.compile(
    r"""(?P<space>\s+)
    |(?P<comment>//[^\n]*|/\*.*?\*/)
    |(?P<string>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
    |(?P<word>[\w$]+(?:\.\d+)?)
    |(?P<punct>\.\.\.|=>|\+\+|--|[^\s\w$])""",
    re.S | re.X,
)
_REGEX = re.compile(r"/(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\[\n])+/[a-z]*")
# After these tokens a `/` starts a regular expression, not a division.
_BEFORE_REGEX = set("(,=:[!&|?{};+-*%<>~^") | {"=>", "return", "typeof", "case", "in", "of", "else"}
_WORD = re.compile(r"[\w$]")
# No automatic semicolon can follow these, so a line break after them can go.
_OPEN_ENDED = set("\n;{,([&|=<>?:!") | {"=>", "..."}

# fmt: off
_KEYWORDS = frozenset((
    "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default",
    "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for", "function",
    "if", "implements", "import", "in", "instanceof", "interface", "let", "new", "null", "of",
    "package", "private", "protected", "public", "return", "static", "super", "switch", "this",
    "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield", "arguments", "eval",
    "undefined", "NaN", "Infinity",
))
# fmt: on
_CONTEXTUAL = frozenset(["async", "get", "set", "as", "from"])  # names, but never new ones of ours
_REFUSED = frozenset(["class", "with", "eval"])
# After these a `{` opens an object literal or a destructuring pattern, not a block.
_OBJECT_AFTER = set("(,=:?[!&|+-*%<>~^") | {
    *("...", "return", "var", "let", "const", "in", "of", "typeof", "void", "delete", "throw"),
}
_CLOSE = {")": "(", "]": "[", "}": "{"}
_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ$_"


def _joins(left: str, right: str) -> bool:
    """True when dropping the space between two tokens would fuse them (`var x`, `a - -b`)."""
    if _WORD.match(left[-1]) and _WORD.match(right[0]):
        return True
    return left[-1] == right[0] and left[-1] in "+-"


def _tokens(code: str) -> list[str]:
    """The significant tokens, with "\n" wherever a line break may matter to ASI."""
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
        if text == "`":
            raise ValueError("minify_js does not handle template literals")
        out.append(text)
        last = text
    return out


def _is_name(text: str) -> bool:
    return bool(_WORD.match(text[0])) and not text[0].isdigit() and text not in _KEYWORDS


def _short_names(kept: str) -> Iterator[str]:
    """Names by length, each length's in the order of how often their characters occur in
    `kept` (the code that stays as it is): gzip does best with few distinct characters."""
    often = Counter(c for c in kept if c in _ALPHABET)
    first = sorted(_ALPHABET, key=lambda c: (-often[c], _ALPHABET.index(c)))
    rest = first + list("0123456789")
    yield from first
    for size in count(1):
        for head in first:
            for tail in product(rest, repeat=size):
                yield head + "".join(tail)


class _Scope:
    """A function's, block's, `catch`'s or `for (let ...)`'s scope: tokens start..end."""

    def __init__(self, start: int, end: int, function: bool) -> None:
        self.start, self.end, self.function = start, end, function
        self.parent: _Scope | None = None
        self.uses: dict[str, list[int]] = {}  # name declared here -> the tokens that use it
        self.seen: set[tuple[_Scope, str]] = set()  # names used here but declared outside
        self.new: dict[str, str] = {}


def _mangle(toks: list[str]) -> list[str]:
    """`toks` with local names shortened (see the module's docstring)."""
    sig = [i for i, t in enumerate(toks) if t != "\n"]
    text = [toks[i] for i in sig]
    n = len(text)

    def at(p: int) -> str:
        return text[p] if 0 <= p < n else ""

    # Brackets: depth of every token, matching pairs, and which `{` open object literals.
    depth, inner = [0] * n, [""] * n  # inner: the innermost open bracket: ( [ { or o (object)
    match: dict[int, int] = {}
    stack: list[tuple[int, str]] = []
    for p, t in enumerate(text):
        if t in _REFUSED and at(p - 1) != ".":
            raise ValueError(f"minify_js does not handle {t!r}")
        if t in _CLOSE:
            if not stack or stack[-1][1] not in (_CLOSE[t], "o" if t == "}" else ""):
                raise ValueError(f"unbalanced {t!r}")
            opener = stack.pop()[0]
            match[opener], match[p] = p, opener
        depth[p] = len(stack)
        inner[p] = stack[-1][1] if stack else ""
        if t in "([{":
            stack.append((p, "o" if t == "{" and at(p - 1) in _OBJECT_AFTER else t))
    if stack:
        raise ValueError("unbalanced brackets")
    objects = {p for p, t in enumerate(text) if t == "{" and inner[p + 1] == "o"}

    # Each name's role: a variable (ref), a property (after `.`), a key, or shorthand `{a}`.
    role: dict[int, str] = {}
    for p, t in enumerate(text):
        if not _is_name(t):
            continue
        before, after = at(p - 1), at(p + 1)
        if before == ".":
            role[p] = "prop"
        elif inner[p] == "o" and before in ("{", ","):
            if after not in (":", ",", "}"):
                raise ValueError(f"object member {t!r} is neither `key: value` nor shorthand")
            role[p] = "key" if after == ":" else "short"
        elif after == ":" and before in (";", "{", "}", ""):
            raise ValueError(f"minify_js does not handle labels ({t!r})")
        else:
            role[p] = "ref"

    def statement_end(q: int) -> int:
        """The last token of the statement that starts at q."""
        if text[q] == "{":
            return match[q]
        if text[q] in ("if", "for", "while"):
            end = statement_end(match[q + 1] + 1)
            return statement_end(end + 2) if at(end + 1) == "else" else end
        level = depth[q]
        while q < n and not (text[q] == ";" and depth[q] == level):
            q += 1
        return q

    def expression_end(q: int) -> int:
        """The last token of the expression (an arrow function's body) that starts at q."""
        level, pending = depth[q], 0
        while q < n and depth[q] >= level:
            if depth[q] == level and text[q] == "?":
                pending += 1
            elif depth[q] == level and text[q] == ":" and pending:
                pending -= 1
            elif depth[q] == level and text[q] in (",", ";", ":"):
                break
            q += 1
        return q - 1

    def names_in(start: int, end: int) -> list[int]:
        """The names a parameter list or destructuring pattern text[start:end] binds."""
        if "=" in text[start:end]:
            raise ValueError("minify_js does not handle default values")
        return [q for q in range(start, end) if role.get(q) in ("ref", "short")]

    # Scopes, and the declarations: (token, its scope if fixed, kind).
    top = _Scope(0, n - 1, function=True)
    scopes = [top]
    decls: list[tuple[int, _Scope | None, str]] = []
    for p, t in enumerate(text):
        if t == "function":
            named = role.get(p + 1) == "ref"
            paren = p + 2 if named else p + 1
            if at(paren) != "(" or at(match[paren] + 1) != "{":
                raise ValueError("minify_js cannot read a function (a generator?)")
            # A function expression's name is its own; a declaration's is its scope's.
            expression = named and at(p - 1) in _OBJECT_AFTER
            scope = _Scope(p + 1 if expression else paren, match[match[paren] + 1], function=True)
            scopes.append(scope)
            if named:
                decls.append(
                    (p + 1, scope if expression else None, "param" if expression else "function")
                )
            decls += [(q, scope, "param") for q in names_in(paren + 1, match[paren])]
        elif t == "=>":
            if at(p - 1) == ")":
                first = match[p - 1]
                params = names_in(first + 1, p - 1)
            elif role.get(p - 1) == "ref":
                first = p - 1
                params = [first]
            else:
                raise ValueError("minify_js cannot read an arrow function's parameters")
            end = match[p + 1] if at(p + 1) == "{" else expression_end(p + 1)
            scope = _Scope(first, end, function=True)
            scopes.append(scope)
            decls += [(q, scope, "param") for q in params]
        elif t == "catch":
            if at(p + 1) != "(":
                raise ValueError("minify_js does not handle `catch` without a binding")
            scope = _Scope(p + 1, match[match[p + 1] + 1], function=False)
            scopes.append(scope)
            decls += [(q, scope, "param") for q in names_in(p + 2, match[p + 1])]
        elif t == "for" and at(p + 2) in ("let", "const"):
            scopes.append(_Scope(p + 1, statement_end(match[p + 1] + 1), function=False))
        elif t == "{" and p not in objects and at(p - 1) != "=>":
            # A block, unless it is the body of a function or a catch (their scope has it).
            head = match[p - 1] if at(p - 1) == ")" else p
            if at(head - 1) not in ("function", "catch") and at(head - 2) != "function":
                scopes.append(_Scope(p, match[p], function=False))
        if t in ("var", "let", "const"):
            level, q = depth[p], p + 1
            while q < n:
                if text[q] in ("{", "["):
                    decls += [(r, None, t) for r in names_in(q + 1, match[q])]
                    q = match[q] + 1
                elif role.get(q) == "ref":
                    decls.append((q, None, t))
                    q += 1
                else:
                    raise ValueError(f"minify_js cannot read the declaration {text[p : q + 2]}")
                # Skip the initialiser, up to the next declarator or the statement's end.
                while q < n and not (
                    (depth[q] == level and text[q] in (",", ";", "in", "of")) or depth[q] < level
                ):
                    q += 1
                if at(q) != "," or depth[q] != level:
                    break
                q += 1

    # Nest the scopes (each inside the innermost one open where it starts) and note every
    # token's innermost scope.
    scopes.sort(key=lambda s: (s.start, -s.end))
    innermost: list[_Scope] = []
    open_: list[_Scope] = []
    starting = iter(scopes)
    upcoming = next(starting, None)
    for p in range(n):
        while open_ and open_[-1].end < p:
            open_.pop()
        while upcoming is not None and upcoming.start == p:
            if open_:
                if upcoming.end > open_[-1].end:
                    raise ValueError("minify_js found overlapping scopes")
                upcoming.parent = open_[-1]
            open_.append(upcoming)
            upcoming = next(starting, None)
        innermost.append(open_[-1])

    for q, fixed, kind in decls:
        scope = fixed or innermost[q]
        if kind == "function" and not scope.function:
            raise ValueError("minify_js does not handle function declarations in blocks")
        while kind == "var" and not scope.function:
            assert scope.parent is not None
            scope = scope.parent
        scope.uses.setdefault(text[q], [])

    # Every use goes to the nearest enclosing declaration; none at all means a global.
    free: set[str] = set()
    for p, r in role.items():
        if r not in ("ref", "short"):
            continue
        found: _Scope | None = innermost[p]
        between = []
        while found is not None and text[p] not in found.uses:
            between.append(found)
            found = found.parent
        if found is None:
            free.add(text[p])
            continue
        found.uses[text[p]].append(p)
        for scope in between:
            scope.seen.add((found, text[p]))

    # New names, outer scopes first: the most used names get the shortest.
    avoid = free | _KEYWORDS | _CONTEXTUAL | set(top.uses)
    renamed = {p for s in scopes[1:] for uses in s.uses.values() for p in uses}
    kept = "".join(t for p, t in enumerate(text) if p not in renamed)
    enough = max(len(s.uses) + len(s.seen) for s in scopes)
    order = list(islice((x for x in _short_names(kept) if x not in avoid), enough))
    for scope in scopes[1:]:
        taken = {outer.new.get(name, name) for outer, name in scope.seen}
        fresh = (name for name in order if name not in taken)
        for name in sorted(scope.uses, key=lambda k: (-len(scope.uses[k]), k)):
            scope.new[name] = next(fresh)

    out = list(toks)
    for scope in scopes[1:]:
        for name, uses in scope.uses.items():
            for p in uses:
                new = scope.new[name]
                out[sig[p]] = new if role[p] == "ref" else f"{name}:{new}"
                # `(a) =>` -> `a=>`
                if at(p - 1) == "(" and at(p + 1) == ")" and at(p + 2) == "=>":
                    out[sig[p - 1]] = out[sig[p + 1]] = ""
    return [t for t in out if t]


def minify_js(code: str, mangle: bool = True) -> str:
    """Comments and spaces go and, with `mangle`, local names shrink; one newline stays
    wherever there was one, so automatic semicolon insertion sees the same line breaks."""
    toks = _tokens(code)
    if mangle:
        toks = _mangle(toks)
    out: list[str] = []
    for text in toks:
        if text == "\n":
            if out and out[-1] not in _OPEN_ENDED:
                out.append("\n")
            continue
        if text == "}" and out and out[-1] == ";":
            out.pop()  # `;}` -> `}`: the semicolon before a closing brace is redundant
        if out and out[-1] != "\n" and _joins(out[-1], text):
            out.append(" ")
        out.append(text)
    return "".join(out).strip() + "\n"


def minify_css(code: str) -> str:
    """Comments and the whitespace around punctuation go; the rest of the CSS is untouched."""
    code = re.sub(r"/\*.*?\*/", "", code, flags=re.S)
    code = re.sub(r"\s*([{};,>])\s*", r"\1", code)
    return re.sub(r"\s+", " ", code).replace(";}", "}").strip() + "\n"
