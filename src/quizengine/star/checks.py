"""The six automatic checks of spec §2 `star`, each with a message that coaches.

Every message says what was found and what to do next; a passing check says why it matters,
so the learner knows what to keep. Messages are mirrored word for word in `client/star.js`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..models import STAR_CHECK_IDS, STAR_PARTS, Check, StarPart
from .parts import label
from .quantity import measures
from .tense import hypothetical_flags
from .text import Sentence, sentences

SINGULAR = frozenset({"i", "me", "my", "myself", "i'm", "i've", "i'd", "i'll"})
PLURAL = frozenset({"we", "us", "our", "we're", "we've", "we'd", "we'll"})
MIN_PART_WORDS = 5
ACTION_SHARE = 30  # percent
CHECK_IDS = STAR_CHECK_IDS
SIGNPOSTS: dict[StarPart, str] = {
    "situation": "'At the time…'",
    "task": "'My goal was…'",
    "action": "'First, I…'",
    "result": "'As a result…'",
}


@dataclass(frozen=True)
class Analysis:
    """An answer cut into parts: the one input every check and advice rule reads."""

    free: bool
    parts: dict[StarPart, tuple[Sentence, ...]]

    @classmethod
    def structured(cls, texts: Mapping[str, str]) -> Analysis:
        """Four boxes: each part is exactly what the learner typed in it."""
        return cls(
            False, {p: tuple(Sentence.of(s) for s in sentences(texts[p])) for p in STAR_PARTS}
        )

    @classmethod
    def free_text(cls, text: str) -> Analysis:
        """One box: sentences go to the parts chosen by `parts.label`."""
        found = [Sentence.of(piece) for piece in sentences(text)]
        groups: dict[StarPart, list[Sentence]] = {part: [] for part in STAR_PARTS}
        for sentence, state in zip(found, label(found), strict=True):
            groups[STAR_PARTS[state]].append(sentence)
        return cls(True, {part: tuple(groups[part]) for part in STAR_PARTS})

    def words(self, part: StarPart) -> list[str]:
        return [word for sentence in self.parts[part] for word in sentence.words]

    def folded(self, part: StarPart) -> list[str]:
        """The part's words, lower-cased with straight apostrophes (see `text.fold`)."""
        return [word for sentence in self.parts[part] for word in sentence.haystack.split()]

    def count(self, part: StarPart) -> int:
        return sum(len(sentence.words) for sentence in self.parts[part])

    def total(self) -> int:
        return sum(self.count(part) for part in STAR_PARTS)

    def text(self, part: StarPart) -> str:
        """The part's sentences joined with one space: spec §4's `parts` value."""
        return " ".join(sentence.text for sentence in self.parts[part])

    def all_sentences(self) -> list[tuple[StarPart, Sentence]]:
        return [(part, s) for part in STAR_PARTS for s in self.parts[part]]


def run_checks(analysis: Analysis, min_words: int, max_words: int) -> list[Check]:
    """All six checks, always in spec order."""
    return [
        parts_present(analysis),
        length(analysis, min_words, max_words),
        ownership(analysis),
        specific(analysis),
        quantified_result(analysis),
        action_focus(analysis),
    ]


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def parts_present(analysis: Analysis) -> Check:
    """Structured: every part has 5+ words. Free: every part got at least one sentence."""
    if analysis.free:
        missing = [part for part in STAR_PARTS if not analysis.parts[part]]
        if not missing:
            return Check(
                id="parts_present",
                passed=True,
                message="All four parts were found: situation, task, action and result.",
            )
        return Check(
            id="parts_present",
            passed=False,
            message=f"Not found in your answer: {', '.join(missing)}. Add a sentence for each,"
            f" with a signpost such as {', '.join(SIGNPOSTS[p] for p in missing)}.",
        )
    short = [p for p in STAR_PARTS if analysis.count(p) < MIN_PART_WORDS]
    if not short:
        return Check(
            id="parts_present",
            passed=True,
            message="All four parts are there, each with at least 5 words.",
        )
    listed = ", ".join(f"{p} ({_n(analysis.count(p), 'word')})" for p in short)
    return Check(
        id="parts_present",
        passed=False,
        message=f"Missing or too short: {listed}. Give every part at least one full sentence"
        " of 5 words or more.",
    )


def length(analysis: Analysis, min_words: int, max_words: int) -> Check:
    total = analysis.total()
    found = f"Your answer has {_n(total, 'word')}"
    if total < min_words:
        return Check(
            id="length",
            passed=False,
            message=f"{found}; aim for at least {min_words}. Add detail to the action: the steps"
            " you took and why.",
        )
    if total > max_words:
        return Check(
            id="length",
            passed=False,
            message=f"{found}; keep it to {max_words}. Trim the situation, and keep the action"
            " and result.",
        )
    return Check(
        id="length",
        passed=True,
        message=f"{found}, within the {min_words}-{max_words} range.",
    )


def pronoun_counts(folded: list[str]) -> tuple[int, int]:
    """First-person singular and plural among folded words; outer quotes and hyphens are
    ignored, so 'we' in quotation marks still counts."""
    bare = [word.strip("'-") for word in folded]
    return sum(map(SINGULAR.__contains__, bare)), sum(map(PLURAL.__contains__, bare))


def ownership(analysis: Analysis) -> Check:
    singular, plural = pronoun_counts(analysis.folded("action"))
    if singular == 0:
        return Check(
            id="ownership",
            passed=False,
            message="Your action never says 'I', 'me' or 'my'. Say what you did yourself:"
            " 'I called…', 'I proposed…'.",
        )
    if singular < plural:
        return Check(
            id="ownership",
            passed=False,
            message=f"Your action says 'we' (us, our) {_n(plural, 'time')} but 'I' (me, my)"
            f" only {singular}. Credit the team once, then say which steps were yours.",
        )
    return Check(
        id="ownership",
        passed=True,
        message=f"Your action says 'I' (me, my) {_n(singular, 'time')} and 'we' (us, our)"
        f" {plural}: it is clear what you did.",
    )


def specific(analysis: Analysis) -> Check:
    """Fails when more than half of the action's sentences are hypothetical (`tense`)."""
    action = analysis.parts["action"]
    framed = sum(hypothetical_flags(action))
    if 2 * framed > len(action):
        return Check(
            id="specific",
            passed=False,
            message=(
                "Every sentence of your action says"
                if framed == len(action)
                else f"{framed} of the {len(action)} sentences in your action say"
            )
            + " what you would do ('I would…', 'I will…', 'I could…'), not what you did. Tell"
            " one real time, in the past tense: 'I called…', 'I asked…'.",
        )
    if not action:
        return Check(
            id="specific",
            passed=True,
            message="There is no action yet, so nothing in it is hypothetical. When you add it,"
            " tell what you did, in the past tense.",
        )
    return Check(
        id="specific",
        passed=True,
        message="Your action tells what you did, not what you would do: a real example is"
        " what interviewers look for.",
    )


def quantified_result(analysis: Analysis) -> Check:
    found, dating = measures(analysis.parts["result"])
    if found is not None:
        return Check(
            id="quantified_result",
            passed=True,
            message=f"Your result states a quantity ('{found}'): numbers make an outcome"
            " believable.",
        )
    if dating is not None:
        lead = (
            f"Your result's only number ('{dating}') says when something happened, not how"
            " much changed."
        )
    elif analysis.words("result"):
        lead = "Your result has no number."
    else:
        lead = "There is no result yet."
    return Check(
        id="quantified_result",
        passed=False,
        message=f"{lead} Add one measurable outcome: a percentage, an amount, a count or a"
        " time saved.",
    )


def action_focus(analysis: Analysis) -> Check:
    action, total = analysis.count("action"), analysis.total()
    # Integer arithmetic: exactly 30% passes, with no float rounding at the boundary.
    passed = total > 0 and 100 * action >= ACTION_SHARE * total
    share = 100 * action // total if total else 0
    if passed:
        return Check(
            id="action_focus",
            passed=True,
            message=f"Your action is {share}% of your answer (30% or more): the focus is on what"
            " you did.",
        )
    return Check(
        id="action_focus",
        passed=False,
        message=f"Your action is only {share}% of your answer; aim for 30% or more. Cut"
        " background and add the steps you took.",
    )
