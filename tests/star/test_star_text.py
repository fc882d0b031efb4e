"""Words and sentences: the spec's units, with the same definitions as star.js."""

from __future__ import annotations

import pytest

from quizengine.star.text import Cues, Sentence, fold, sentences, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I’m re-doing it", ["I’m", "re-doing", "it"]),
        ("40% of 1,200", ["40", "of", "1", "200"]),
        ("snake_case", ["snake", "case"]),  # the underscore is not a letter
        ("Zoë's café — naïve", ["Zoë's", "café", "naïve"]),
        ("٣ apples", ["٣", "apples"]),  # any Unicode digit
        ("...", []),
        ("", []),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        ("  Padded.  ", ["Padded."]),
        ("Line one\nLine two\n\n\nLine three", ["Line one", "Line two", "Line three"]),
        ("Windows\r\nbreaks", ["Windows", "breaks"]),
        ("3.5 percent. e.g.like this", ["3.5 percent.", "e.g.like this"]),  # needs a space
        ("Wait...   what", ["Wait...", "what"]),
        ("No\u00a0break.\u00a0Next", ["No\u00a0break.", "Next"]),
        ("\n \t\n", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentences_lose_no_words() -> None:
    text = "We met.\n\nThen I called her!  She agreed? Yes"
    assert sum(len(words(s)) for s in sentences(text)) == len(words(text))


def test_fold_and_haystack() -> None:
    assert fold("I’M") == "i'm"
    sentence = Sentence.of("As a Result, I’ve won.")
    assert sentence.words == ("As", "a", "Result", "I’ve", "won")
    assert sentence.haystack == " as a result i've won "


def test_cues_match_whole_words_only() -> None:
    cues = Cues("as a result|learn*|i *ed")
    assert cues.found(" as a result i learned ") == ["as a result", "learn*", "i *ed"]
    assert cues.found(" has a resultant ") == []
    assert cues.count(" i asked ") == 1
    assert cues.any(" learning ")
    assert not cues.any(" unlearn ")
