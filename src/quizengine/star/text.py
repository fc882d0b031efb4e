"""Words, sentences and cue phrases: the units every STAR check counts.

Each definition is mirrored in `client/star.js`, and the shared vectors keep the two in step.
Whitespace is an explicit character class rather than `\\s` because Python and JavaScript
disagree about a few code points (U+001C-U+001F, U+FEFF); with one list they cannot drift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Spec §2: "words are maximal runs of letters, digits, apostrophes and hyphens".
# JavaScript: /[\p{L}\p{N}'’-]+/gu
WORD_RE = re.compile(r"(?:[^\W_]|['’-])+")
DIGIT_RE = re.compile(r"\d")  # Unicode Nd, as JavaScript's /\p{Nd}/u

_WS = "\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_BREAK = "\n\r\x85\u2028\u2029"
# A whitespace run is a sentence boundary when it follows . ! or ? or holds a line break.
_SPLIT_RE = re.compile(rf"[{_WS}]*[{_BREAK}][{_WS}]*|(?<=[.!?])[{_WS}]+")
_TRIM_RE = re.compile(rf"^[{_WS}]+|[{_WS}]+\Z")


def words(text: str) -> list[str]:
    """The words of `text`, as written (no case folding)."""
    return WORD_RE.findall(text)


def trim(text: str) -> str:
    """Strip outer whitespace, using the same whitespace as the JavaScript port."""
    return _TRIM_RE.sub("", text)


def sentences(text: str) -> list[str]:
    """Split after `.`, `!` or `?` followed by whitespace, and at every line break.

    Pieces are trimmed and empty ones dropped, so joining a part's sentences with one space
    loses nothing but whitespace, and every word lands in exactly one sentence.
    """
    return [piece for piece in (trim(p) for p in _SPLIT_RE.split(text)) if piece]


def fold(text: str) -> str:
    """Lower-case and straighten the typographic apostrophe, so "I’m" matches "i'm"."""
    return text.lower().replace("’", "'")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with its words and `haystack`: the folded words joined as " w1 w2 ... ".

    Cue phrases match the haystack as `" cue "` substrings, which keeps punctuation and case
    out of every cue list and makes "whole words only" free.
    """

    text: str
    words: tuple[str, ...]
    haystack: str

    @classmethod
    def of(cls, text: str) -> Sentence:
        found = WORD_RE.findall(text)
        return cls(text, tuple(found), fold(" " + " ".join(found) + " "))


class Cues:
    """A `|`-separated list of cue phrases; `*` inside a cue stands for any letters in a word.

    Plain cues are substring tests run by `map` (C speed); only wildcard cues become regular
    expressions, and `any` uses one alternation of the whole list.
    """

    __slots__ = ("_any", "_literals", "_patterns", "_singles", "spec")

    def __init__(self, spec: str) -> None:
        self.spec = spec
        cues = spec.split("|")
        self._literals = tuple(f" {cue} " for cue in cues if "*" not in cue)
        self._patterns = tuple(re.compile(f" {cue_regex(cue)} ") for cue in cues if "*" in cue)
        self._singles = tuple((cue, re.compile(f" {cue_regex(cue)} ")) for cue in cues)
        self._any = re.compile(" (?:" + "|".join(cue_regex(cue) for cue in cues) + ") ")

    def count(self, haystack: str) -> int:
        """How many different cues are present."""
        hits = sum(map(haystack.__contains__, self._literals))
        return hits + sum(1 for pattern in self._patterns if pattern.search(haystack))

    def any(self, haystack: str) -> bool:
        return self._any.search(haystack) is not None

    def found(self, haystack: str) -> list[str]:
        """The cues present in `haystack`, in list order."""
        if not self.any(haystack):
            return []
        return [cue for cue, pattern in self._singles if pattern.search(haystack)]


def cue_regex(cue: str) -> str:
    """A cue as a regular expression body: `*` becomes "any run of non-space characters"."""
    return "[^ ]*".join(re.escape(piece) for piece in cue.split("*"))
