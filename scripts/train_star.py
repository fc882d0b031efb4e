"""Train the free-mode STAR part finder: labelled answers -> src/quizengine/star/part_model.json.

Run `make train-star` (or `python scripts/train_star.py`); `--tune` instead prints a
cross-validated grid of the settings below and writes nothing. Needs scikit-learn (the
`train` extra); running the site or the CLI never does: they read the JSON.

Training data: `tests/data/star_labelled.yaml` and every `tests/data/star_train*.yaml`.
The held-out files (`star_heldout*.yaml`) are never read here: not for training, not for
tuning. Settings are chosen by 5-fold cross-validation over whole answers (`--tune`).

A story may end without its result, and free mode must then say so, but only a handful of the
labelled answers do: trained on them alone, the model learnt to call the last action sentence
the result whatever it said. So the training answers are augmented (`augment`): each one that
has a result is also trained on as a result-less copy, the same answer with its result
sentences dropped and every other sentence keeping its label, counting `COPY_WEIGHT` of a
written answer. `--tune` also tried copying only a share of the answers (`RESULTLESS`, chosen
by a CRC-32 of each answer's text: stable across runs and machines, and the same whichever fold
an answer is in) at full weight; light copies of every answer invented as few results and
missed fewer written ones. The trade is real: the more copies count, the more often a written
result with no telling words is taken for more action. Cross-validation augments only the
training side of each fold, never the answers it scores, so its figures stay honest; `--tune`
also scores result-less variants of the held-back answers ("invented R": a result found where
none was written) and counts the written results not found ("missed R").

Reproducible byte for byte: files and answers in a fixed order, features sorted, a
deterministic solver run to a tight tolerance, weights rounded to 3 decimals and dumped as
canonical JSON (`tests/star/test_star_training.py` retrains and compares the bytes).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # run as a script from the source tree
    sys.path.insert(0, str(ROOT / "src"))

from quizengine.models import STAR_PARTS  # noqa: E402
from quizengine.star.parts import Spec, features, label, word_lists  # noqa: E402
from quizengine.star.text import Sentence  # noqa: E402

DATA = ROOT / "tests" / "data"
OUT = ROOT / "src" / "quizengine" / "star" / "part_model.json"
VERSION = 1

# The features spec, written once: parts.py and star.js read these lists from the JSON.
FEATURES: dict[str, list[str]] = {
    "singular": ["i", "i'd", "i'll", "i'm", "i've", "me", "my", "myself"],
    "plural": ["our", "ours", "us", "we", "we'd", "we'll", "we're", "we've"],
    "modal": [
        "can",
        "could",
        "going",
        "gonna",
        "i'd",
        "i'll",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "we'd",
        "we'll",
        "will",
        "would",
        "won't",
        "wouldn't",
    ],
    "numbers": [
        "double",
        "doubled",
        "eight",
        "eighteen",
        "eleven",
        "fifteen",
        "fifty",
        "five",
        "forty",
        "four",
        "fourteen",
        "half",
        "halved",
        "hundred",
        "million",
        "nine",
        "nineteen",
        "ninety",
        "one",
        "seven",
        "seventeen",
        "six",
        "sixteen",
        "sixty",
        "ten",
        "third",
        "thirteen",
        "thirty",
        "thousand",
        "three",
        "triple",
        "tripled",
        "twelve",
        "twenty",
        "twice",
        "two",
    ],
}

# Chosen by `--tune` (cross-validation on the training answers only).
C = 3.0  # inverse L2 strength of the logistic regression
MIN_ANSWERS = 3  # a word feature is kept only if it occurs in this many answers
TRANSITION_WEIGHT = 1.0  # how much the start/transition/end scores count against the classifier
PRUNE = 0.02  # a feature whose weights are all smaller than this is dropped (file size)
MAX_FEATURES = 1500  # then only the features with the largest weights: the file stays small
# (well within the browser's 30 KB budget) however much training data is added
SMOOTHING = 1.0  # add-one counts for the transition scores
FOLDS = 5
RESULTLESS = 1.0  # share of training answers also trained on without their result (`augment`)
COPY_WEIGHT = 0.1  # how much each sentence of a result-less copy counts against a written one
PLACES = 3  # decimals kept; 4 changed no cross-validated label and cost a sixth of the bytes

Answer = dict[str, Any]


def training_files() -> list[Path]:
    files = [DATA / "star_labelled.yaml", *sorted(DATA.glob("star_train*.yaml"))]
    assert not any("heldout" in f.name for f in files)
    return files


def heldout_files() -> list[Path]:
    return sorted(DATA.glob("star_heldout*.yaml"))


def load(files: Sequence[Path]) -> list[Answer]:
    answers: list[Answer] = []
    for path in files:
        answers.extend(yaml.safe_load(path.read_text("utf-8"))["answers"])
    return answers


def answer_features(answer: Answer, spec: Spec) -> list[list[str]]:
    found = [Sentence.of(s["text"]) for s in answer["sentences"]]
    return [features(s, i, len(found), spec) for i, s in enumerate(found)]


def gold(answer: Answer) -> list[int]:
    return [STAR_PARTS.index(s["part"]) for s in answer["sentences"]]


def has_result(answer: Answer) -> bool:
    return any(s["part"] == "result" for s in answer["sentences"])


def without_result(answer: Answer) -> Answer:
    """The same answer with its result sentences dropped; every other label kept."""
    return {**answer, "sentences": [s for s in answer["sentences"] if s["part"] != "result"]}


def augment(answers: Sequence[Answer], share: float) -> list[Answer]:
    """`answers`, then a result-less copy of about `share` of those that have a result.

    An answer is copied when the CRC-32 of its sentences, as a fraction of 2**32, is under
    `share`: a fixed choice for a given text (unlike `hash`, which Python salts per run),
    independent of the answer's position, so a cross-validation fold picks the same answers
    the full training set does. An answer that is all result has nothing left to copy.
    """
    copies = []
    for answer in answers:
        text = "\n".join(s["text"] for s in answer["sentences"]).encode("utf-8")
        if zlib.crc32(text) < share * 2**32 and has_result(answer):
            copy = without_result(answer)
            if copy["sentences"]:
                copies.append(copy)
    return [*answers, *copies]


def _round(value: float) -> float:
    return round(float(value), PLACES) + 0.0  # + 0.0 turns -0.0 into 0.0


def transition_scores(
    answers: Sequence[Answer], counts: Sequence[float], weight: float
) -> list[list[float | None]]:
    """Log-frequencies of each forward step between parts (smoothed; None: never taken).

    Backward steps (out-of-order answers) are skipped: the decoder never takes them. No
    start or end scores: the classifier's position features (first, last, quarter) carry
    that, and cross-validation found separate ones no better, while they made an answer
    opening on its task ("My goal was…") hard to label.
    """
    move = [[SMOOTHING if k >= j else 0.0 for k in range(4)] for j in range(4)]
    for answer, count in zip(answers, counts, strict=True):
        labels = gold(answer)
        for j, k in itertools.pairwise(labels):
            if k >= j:
                move[j][k] += count
    out: list[list[float | None]] = []
    for row in move:
        total = sum(row)
        out.append([_round(weight * math.log(x / total)) if x else None for x in row])
    return out


def fit(
    answers: Sequence[Answer],
    c: float,
    min_answers: int,
    weight: float,
    share: float,
    copy_weight: float,
) -> dict[str, Any]:
    """Train on `answers` and result-less copies of `share` of them: the weights, rounded.

    Each copy's sentences count `copy_weight` as much as a written answer's, in the classifier
    and in the transition counts. A word counts towards `min_answers` once per written answer:
    its copies do not count.
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    spec = word_lists(FEATURES)
    rows: list[dict[str, int]] = []
    labels: list[int] = []
    seen: dict[str, int] = {}
    for answer in answers:
        for name in {f for sentence in answer_features(answer, spec) for f in sentence}:
            seen[name] = seen.get(name, 0) + 1
    written = len(answers)
    answers = augment(answers, share)
    per_answer = [answer_features(a, spec) for a in answers]
    counts = [1.0 if i < written else copy_weight for i in range(len(answers))]
    sample_weight: list[float] = []
    for answer, feats, count in zip(answers, per_answer, counts, strict=True):
        labels.extend(gold(answer))
        sample_weight.extend([count] * len(feats))
        for sentence in feats:
            rows.append(
                {f: 1 for f in sentence if not f.startswith(("w:", "b:")) or seen[f] >= min_answers}
            )
    vectors = DictVectorizer(sort=True)
    x = vectors.fit_transform(rows)
    classifier = LogisticRegression(C=c, solver="newton-cg", max_iter=1000, tol=1e-10)
    classifier.fit(x, labels, sample_weight=sample_weight)
    weights: dict[str, list[float]] = {}
    for name, column in zip(vectors.feature_names_, classifier.coef_.T, strict=True):
        row = [_round(v) for v in column]
        if max(map(abs, row)) >= PRUNE:
            weights[str(name)] = row
    strongest = sorted(weights, key=lambda name: (-max(map(abs, weights[name])), name))
    weights = {name: weights[name] for name in strongest[:MAX_FEATURES]}
    return {
        "version": VERSION,
        "features": FEATURES,
        "labels": list(STAR_PARTS),
        "bias": [_round(v) for v in classifier.intercept_],
        "transitions": transition_scores(answers, counts, weight),
        "weights": dict(sorted(weights.items())),
    }


def dump(data: dict[str, Any]) -> str:
    """Canonical JSON: fixed key order, one weight row per line (readable diffs)."""
    lines = ["{"]
    for key, value in data.items():
        if key != "weights":
            lines.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    lines.append('"weights": {')
    rows = [
        f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}" for k, v in data["weights"].items()
    ]
    lines.append(",\n".join(rows))
    lines.append("}}")
    return "\n".join(lines) + "\n"


def folds(answers: Sequence[Answer]) -> list[tuple[list[Answer], list[Answer]]]:
    """Fixed 5-fold split over whole answers (answer i goes to fold i % 5)."""
    return [
        (
            [a for i, a in enumerate(answers) if i % FOLDS != k],
            [a for i, a in enumerate(answers) if i % FOLDS == k],
        )
        for k in range(FOLDS)
    ]


Pairs = list[tuple[Answer, list[int]]]


def cross_validate(
    answers: Sequence[Answer],
    c: float,
    min_answers: int,
    weight: float,
    share: float,
    copy_weight: float,
) -> tuple[Pairs, Pairs]:
    """Each answer labelled by a model trained without it, then each result-less variant.

    First the (answer, predicted labels) pairs; then the same for the result-less variant of
    every held-back answer that has a result (`without_result`). Only the training side of a
    fold is augmented: neither list ever holds an answer the model was trained on.
    """
    out: Pairs = []
    variants: Pairs = []
    for train, test in folds(answers):
        data = fit(train, c, min_answers, weight, share, copy_weight)
        out.extend((a, predict(a, data)) for a in test)
        for answer in filter(has_result, test):
            copy = without_result(answer)
            if copy["sentences"]:
                variants.append((copy, predict(copy, data)))
    return out, variants


def predict(answer: Answer, data: dict[str, Any] | None = None) -> list[int]:
    return label([Sentence.of(s["text"]) for s in answer["sentences"]], data)


RESULT = STAR_PARTS.index("result")


def score(pairs: Sequence[tuple[Answer, list[int]]]) -> tuple[float, float]:
    """Sentence accuracy, and the share of answers in which every part written was found."""
    right = total = complete = 0
    for answer, labels in pairs:
        expected = gold(answer)
        right += sum(g == p for g, p in zip(expected, labels, strict=True))
        total += len(expected)
        complete += set(expected) <= set(labels)
    return right / total, complete / len(pairs)


def result_errors(pairs: Pairs, variants: Pairs) -> tuple[int, int]:
    """Written results not found (in `pairs`), and results invented (in result-less `variants`).

    The first makes free mode tell a learner their result is missing when they wrote it; the
    second lets a story with no result pass as complete.
    """
    missed = sum(RESULT in gold(a) and RESULT not in labels for a, labels in pairs)
    invented = sum(RESULT in labels for _, labels in variants)
    return missed, invented


def tune(answers: Sequence[Answer]) -> None:
    """The augmentation's grid at the chosen model settings, then the model's at the chosen
    augmentation. "missed R": written results not found; "invented R": results found in the
    result-less variants of the held-back answers."""
    head = f"{'C':>6}{'min':>5}{'trans':>7}{'share':>7}{'copy':>6}{'acc':>8}{'all parts':>11}"
    print(f"{head}{'missed R':>10}{'invented R':>12}")
    augmentations = [(0.0, 1.0), *itertools.product((0.1, 0.2, 0.3, 0.5, 1.0), (1.0,))]
    augmentations += itertools.product((0.5, 1.0), (0.05, 0.1, 0.2))
    for c, min_answers, weight, (share, copy) in [
        *((C, MIN_ANSWERS, TRANSITION_WEIGHT, a) for a in augmentations),
        *itertools.product((0.3, 1.0, 3.0), (2, 3), (0.5, 1.0, 2.0), [(RESULTLESS, COPY_WEIGHT)]),
    ]:
        pairs, variants = cross_validate(answers, c, min_answers, weight, share, copy)
        acc, complete = score(pairs)
        missed, invented = result_errors(pairs, variants)
        print(
            f"{c:>6}{min_answers:>5}{weight:>7}{share:>7}{copy:>6}{acc:>8.1%}{complete:>11.1%}"
            f"{missed:>10}{invented:>8}/{len(variants)}",
            flush=True,
        )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="print a cross-validated grid")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the weights")
    args = parser.parse_args(argv)
    answers = load(training_files())
    if args.tune:
        tune(answers)
        return
    args.out.write_text(
        dump(fit(answers, C, MIN_ANSWERS, TRANSITION_WEIGHT, RESULTLESS, COPY_WEIGHT)), "utf-8"
    )


if __name__ == "__main__":
    main()
