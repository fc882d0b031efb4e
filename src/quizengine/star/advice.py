"""Coaching beyond the spec's checks. Advice never changes the score.

Each rule is one deterministic test over the analysed sentences (mirrored in star.js):

- `hypothetical`: a hypothetical sentence as `tense` defines it (the same definition as the
  `specific` check), not counting reflection sentences ("Next time I will..." is healthy).
  Fires when the action has one, or the whole answer has two.
- `reflection`: no sentence says what was learned or would be repeated.
- `vague`: a sentence uses a vague word ("very", "a lot", "improved", "successful", ...) and
  holds nothing specific: no digit, no number word, no capitalised name after its first
  word. Fires for one such sentence in the result, or two anywhere.

Text rules stay silent on an empty answer: the checks already say what is missing.
"""

from __future__ import annotations

from ..models import STAR_PARTS, Advice
from .checks import SINGULAR, Analysis
from .quantity import is_number_word
from .tense import HYPOTHETICAL, PLANNED, REPORTED, hypothetical_flags
from .text import DIGIT_RE, Cues, Sentence, fold

__all__ = ["HYPOTHETICAL", "PLANNED", "REPORTED", "reflection_missing", "text_advice"]
REFLECTION = Cues(
    "learn*|lesson*|realis*|realiz*|next time|in future|in the future|from now on|going forward"
    "|taught me|differently|looking back|in hindsight|reflect*|takeaway|took away|since then"
    "|would repeat|do it again"
)
VAGUE = Cues(
    "very|really|a lot|lots|things|stuff|somehow|successful|successfully|huge|great|significant"
    "|significantly|improved|kind of|sort of|a bit|etc"
)


def text_advice(analysis: Analysis) -> list[Advice]:
    """`hypothetical`, `reflection` and `vague`, in that order, for a non-empty answer."""
    if analysis.total() == 0:
        return []
    advice: list[Advice] = []
    found = analysis.all_sentences()
    reflective = [REFLECTION.any(s.haystack) for _, s in found]
    flags = [flag for part in STAR_PARTS for flag in hypothetical_flags(analysis.parts[part])]
    framed = [
        part
        for (part, _), ref, flag in zip(found, reflective, flags, strict=True)
        if flag and not ref
    ]
    if "action" in framed or len(framed) >= 2:
        advice.append(
            Advice(
                id="hypothetical",
                message="Parts of your answer say what you would do ('I would…', 'I'd…',"
                " 'I will…'). Interviewers want a real past example: tell what you did, in"
                " the past tense.",
            )
        )
    if not any(reflective):
        advice.append(
            Advice(
                id="reflection",
                message="Add one sentence on what you learned or would repeat, such as 'I"
                " learned that…' or 'Next time I would…'.",
            )
        )
    vague_words: list[str] = []
    vague_parts: list[str] = []
    for part, sentence in found:
        hits = VAGUE.found(sentence.haystack)
        if hits and not _specific(sentence):
            vague_parts.append(part)
            vague_words.extend(hit for hit in hits if hit not in vague_words)
    if "result" in vague_parts or len(vague_parts) >= 2:
        listed = ", ".join(f"'{word}'" for word in vague_words[:3])
        advice.append(
            Advice(
                id="vague",
                message=f"Vague words ({listed}) with no number or name to back them up."
                " Replace them with specifics: how much, how many, who, or what exactly"
                " changed.",
            )
        )
    return advice


def reflection_missing(advice: list[Advice]) -> bool:
    return any(item.id == "reflection" for item in advice)


def _specific(sentence: Sentence) -> bool:
    """A digit, a number word, or a capitalised word (a name) after the first word."""
    for index, word in enumerate(sentence.words):
        if DIGIT_RE.search(word) or is_number_word(word):
            return True
        first = word[0]
        if index and first.lower() != first and fold(word).strip("'-") not in SINGULAR:
            return True
    return False
