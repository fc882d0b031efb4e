"""Train the free-mode STAR part finder: labelled answers -> src/quizengine/star/part_model.json.

Run `make train-star` (or `python scripts/train_star.py`); `--tune` instead prints a
cross-validated grid of the settings below and writes nothing. Needs scikit-learn (the
`train` extra); running the site or the CLI never does: they read the JSON.

Training data: `tests/data/star_labelled.yaml` and every `tests/data/star_train*.yaml`.
The held-out files (`star_heldout*.yaml`) are never read here: not for training, not for
tuning. Settings are chosen by 5-fold cross-validation over whole answers (`--tune`).

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


def _round(value: float) -> float:
    return round(float(value), PLACES) + 0.0  # + 0.0 turns -0.0 into 0.0


def transition_scores(answers: Sequence[Answer], weight: float) -> list[list[float | None]]:
    """Log-frequencies of each forward step between parts (smoothed; None: never taken).

    Backward steps (out-of-order answers) are skipped: the decoder never takes them. No
    start or end scores: the classifier's position features (first, last, quarter) carry
    that, and cross-validation found separate ones no better, while they made an answer
    opening on its task ("My goal was…") hard to label.
    """
    move = [[SMOOTHING if k >= j else 0.0 for k in range(4)] for j in range(4)]
    for answer in answers:
        labels = gold(answer)
        for j, k in itertools.pairwise(labels):
            if k >= j:
                move[j][k] += 1
    out: list[list[float | None]] = []
    for row in move:
        total = sum(row)
        out.append([_round(weight * math.log(x / total)) if x else None for x in row])
    return out


def fit(answers: Sequence[Answer], c: float, min_answers: int, weight: float) -> dict[str, Any]:
    """Train on `answers`: the weights file's content, rounded."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    spec = word_lists(FEATURES)
    rows: list[dict[str, int]] = []
    labels: list[int] = []
    seen: dict[str, int] = {}
    per_answer = [answer_features(a, spec) for a in answers]
    for feats in per_answer:
        for name in {f for sentence in feats for f in sentence}:
            seen[name] = seen.get(name, 0) + 1
    for answer, feats in zip(answers, per_answer, strict=True):
        labels.extend(gold(answer))
        for sentence in feats:
            rows.append(
                {f: 1 for f in sentence if not f.startswith(("w:", "b:")) or seen[f] >= min_answers}
            )
    vectors = DictVectorizer(sort=True)
    x = vectors.fit_transform(rows)
    classifier = LogisticRegression(C=c, solver="newton-cg", max_iter=1000, tol=1e-10)
    classifier.fit(x, labels)
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
        "transitions": transition_scores(answers, weight),
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


def cross_validate(answers: Sequence[Answer], c: float, min_answers: int, weight: float) -> Any:
    """Each answer labelled by a model trained without it: (answer, predicted labels) pairs."""
    out = []
    for train, test in folds(answers):
        data = fit(train, c, min_answers, weight)
        out.extend((a, predict(a, data)) for a in test)
    return out


def predict(answer: Answer, data: dict[str, Any] | None = None) -> list[int]:
    return label([Sentence.of(s["text"]) for s in answer["sentences"]], data)


def score(pairs: Sequence[tuple[Answer, list[int]]]) -> tuple[float, float]:
    """Sentence accuracy, and the share of answers in which every part written was found."""
    right = total = complete = 0
    for answer, labels in pairs:
        expected = gold(answer)
        right += sum(g == p for g, p in zip(expected, labels, strict=True))
        total += len(expected)
        complete += set(expected) <= set(labels)
    return right / total, complete / len(pairs)


def tune(answers: Sequence[Answer]) -> None:
    print(f"{'C':>6}{'min':>5}{'trans':>7}{'acc':>8}{'all parts':>11}")
    for c in (0.3, 1.0, 3.0):
        for min_answers in (2, 3):
            for weight in (0.5, 1.0, 2.0):
                acc, complete = score(cross_validate(answers, c, min_answers, weight))
                print(f"{c:>6}{min_answers:>5}{weight:>7}{acc:>8.1%}{complete:>11.1%}", flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="print a cross-validated grid")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the weights")
    args = parser.parse_args(argv)
    answers = load(training_files())
    if args.tune:
        tune(answers)
        return
    args.out.write_text(dump(fit(answers, C, MIN_ANSWERS, TRANSITION_WEIGHT)), "utf-8")


if __name__ == "__main__":
    main()
