"""Free mode: find the situation, task, action and result in one box of text.

A learned model, not hand-tuned cues (mirrored in `client/star.js`, which reads the same
weights file, `part_model.json`, built by `scripts/train_star.py`):

1. Split the text into sentences (`text.sentences`).
2. Turn each sentence into a set of features (`features`): its folded words, its word pairs
   (the first paired with a start mark, so openers like "my goal" count), a few shapes
   (first person singular or plural, a modal verb, a past-tense "-ed" word, a number) and
   where it sits in the answer (a quarter bucket, first, last). The word lists and marks are
   in the weights file's `features` spec, so Python and JavaScript share one copy.
3. Score each part as a multinomial logistic regression does: the bias plus the weights of
   the features present, added in feature order (JavaScript adds in the same order, so the
   two agree to the last bit).
4. Choose the labelling with the highest total among those whose parts never go backwards
   (S <= T <= A <= R; parts may be empty), adding a learned score for each step from one
   sentence's part to the next's (Viterbi). The classifier's log-probabilities differ from
   its raw scores by one constant per sentence, the same for every path, so the raw scores
   give the same best path with no `exp` or `log` (whose last bits Python and JavaScript may
   round differently). Ties go to the earlier part, so the outcome is deterministic.

`benchmarks/star_bench.py` reports the accuracy, cross-validated on the training answers and
on held-out answers never trained on.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

from ..models.results import STAR_PARTS, StarPart
from .text import DIGIT_RE, Sentence, fold, sentences

MODEL_FILE = "part_model.json"


@functools.cache
def model() -> dict[str, Any]:
    """The shipped weights, read once (the file is data, versioned with the package)."""
    text = (resources.files("quizengine") / "star" / MODEL_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


Spec = tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]
"""The word lists of the features spec: singular, plural, modal, numbers."""


def word_lists(spec: dict[str, list[str]]) -> Spec:
    """A weights file's `features` spec as the sets `features` tests words against."""
    sets = [frozenset(spec[key]) for key in ("singular", "plural", "modal", "numbers")]
    return sets[0], sets[1], sets[2], sets[3]


@functools.cache
def _spec() -> Spec:
    return word_lists(model()["features"])


def tokens(sentence: Sentence) -> list[str]:
    """Folded words without outer apostrophes or hyphens ("'we'" -> "we"); empty ones go."""
    return [t for t in (fold(word).strip("'-") for word in sentence.words) if t]


def features(sentence: Sentence, index: int, count: int, spec: Spec | None = None) -> list[str]:
    """The sentence's features in first-occurrence order, each once (see the module doc).

    `spec` is for training, before a weights file exists; by default the shipped one's.
    """
    singular, plural, modal, numbers = spec or _spec()
    words = tokens(sentence)
    out = [f"p:{4 * index // count}"]
    if index == 0:
        out.append("p:first")
    if index == count - 1:
        out.append("p:last")
    previous = "<s>"
    for word in words:
        out.append("w:" + word)
        out.append(f"b:{previous} {word}")
        previous = word
    shapes = (
        ("s:i", any(w in singular for w in words)),
        ("s:we", any(w in plural for w in words)),
        ("s:modal", any(w in modal for w in words)),
        ("s:ed", any(len(w) > 3 and w.endswith("ed") for w in words)),
        (
            "s:num",
            DIGIT_RE.search(sentence.text) is not None
            or any(p in numbers for w in words for p in w.split("-")),
        ),
    )
    out.extend(name for name, present in shapes if present)
    return list(dict.fromkeys(out))


def scores(
    sentence: Sentence, index: int, count: int, data: dict[str, Any] | None = None
) -> list[float]:
    """The classifier's raw score for each part (S, T, A, R): bias plus present weights.

    `data` is a weights file's content (training evaluates models it has not written yet);
    by default the shipped one.
    """
    spec = None if data is None else word_lists(data["features"])
    data = data or model()
    weights: dict[str, list[float]] = data["weights"]
    s, t, a, r = data["bias"]
    # Unrolled, but each part's sum is still taken in feature order, as star.js takes it.
    for row in filter(None, map(weights.get, features(sentence, index, count, spec))):
        s += row[0]
        t += row[1]
        a += row[2]
        r += row[3]
    return [s, t, a, r]


def label(found: Sequence[Sentence], data: dict[str, Any] | None = None) -> list[int]:
    """Best non-decreasing labelling (0=S, 1=T, 2=A, 3=R), one label per sentence.

    `data`: a weights file's content, by default the shipped one (see `scores`).
    """
    n = len(found)
    if n == 0:
        return []
    data = data or model()
    move: list[list[float]] = data["transitions"]
    best: list[float] = []
    back: list[list[int]] = []
    for i, sentence in enumerate(found):
        own = scores(sentence, i, n, data)
        if i == 0:
            best = own
            back.append([0, 1, 2, 3])
            continue
        row = [0, 0, 0, 0]
        new = [0.0, 0.0, 0.0, 0.0]
        for k in range(4):
            arg = 0
            top = best[0] + move[0][k]
            for j in range(1, k + 1):
                value = best[j] + move[j][k]
                if value > top:  # strict: ties keep the earlier part
                    top, arg = value, j
            new[k] = top + own[k]
            row[k] = arg
        back.append(row)
        best = new
    state = max(range(4), key=lambda s: (best[s], -s))
    labels = [state]
    for i in range(n - 1, 0, -1):
        state = back[i][state]
        labels.append(state)
    labels.reverse()
    return labels


def detect_parts(text: str) -> dict[StarPart, str]:
    """The text of each part: its sentences in order, joined with one space (maybe "")."""
    found = [Sentence.of(piece) for piece in sentences(text)]
    groups: dict[StarPart, list[str]] = {part: [] for part in STAR_PARTS}
    for sentence, state in zip(found, label(found), strict=True):
        groups[STAR_PARTS[state]].append(sentence.text)
    return {part: " ".join(groups[part]) for part in STAR_PARTS}
