"""STAR analysis: throughput against a trivial baseline, and free-mode detection accuracy.

Run: `python benchmarks/star_bench.py` (add `--seconds 3` for steadier numbers). Prints only;
no assertion depends on timing. Needs scikit-learn (the `train` extra) for the
cross-validation. Answers come from the training files (tests/data/star_labelled.yaml and
star_train*.yaml): structured answers group each answer's sentences by their human label,
free answers join all of them.

(a) answers/second for full grading (`grade_star`: parsing, sentences, detection, five checks,
    advice, score) next to the cost of `str.split()` on the same text, measured in the same run.
(b) free-mode part detection, the old rule-based detector (benchmarks/star_rules.py) next to
    the learned model (quizengine/star/part_model.json): per-part precision and recall,
    sentence accuracy and the share of answers in which every part the writer gave was found
    (else free mode tells the learner a part they wrote is missing). On the training files
    the model is cross-validated (each answer labelled by a model trained without it); on
    the held-out files (star_heldout*.yaml, never trained or tuned on) it is the shipped model.
    Then, for the model, the written results it missed and the results it invented in
    result-less variants of the same answers (each answer with its result sentences dropped):
    a story that stops before its result should not pass as complete.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
try:
    import quizengine  # noqa: F401
except ImportError:  # not installed: run from the source tree
    sys.path.insert(0, str(ROOT / "src"))

sys.path.insert(0, str(ROOT / "scripts"))

import train_star  # noqa: E402
from star_rules import label as rules_label  # noqa: E402

from quizengine.grading.star_review import grade_star  # noqa: E402
from quizengine.models import STAR_PARTS, StarQuestion  # noqa: E402
from quizengine.star.text import Sentence  # noqa: E402


def rate(work: Callable[[], int], seconds: float) -> float:
    """Items per second: repeat `work` (which returns how many items it did) for `seconds`."""
    work()  # warm up
    done, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        done += work()
    return done / elapsed


def throughput(answers: list[dict[str, Any]], seconds: float) -> None:
    free_q = StarQuestion(id="f", type="star", prompt="p", mode="free")
    structured_q = StarQuestion(id="s", type="star", prompt="p")
    free: list[dict[str, str]] = [
        {"text": " ".join(s["text"] for s in a["sentences"])} for a in answers
    ]
    structured: list[dict[str, str]] = [
        {p: " ".join(s["text"] for s in a["sentences"] if s["part"] == p) for p in STAR_PARTS}
        for a in answers
    ]
    words = sum(len(x["text"].split()) for x in free) / len(free)
    print(f"(a) throughput, one core, {len(answers)} answers of {words:.0f} words on average")
    print(f"    {'mode':<12}{'grade_star':>14}{'str.split':>14}{'ratio':>9}")
    for name, question, batch in (("structured", structured_q, structured), ("free", free_q, free)):

        def grade(question: StarQuestion = question, batch: list[dict[str, str]] = batch) -> int:
            for answer in batch:
                grade_star(question, answer)
            return len(batch)

        def split(batch: list[dict[str, str]] = batch) -> int:
            for answer in batch:
                for value in answer.values():
                    value.split()
            return len(batch)

        ours, base = rate(grade, seconds), rate(split, seconds)
        print(f"    {name:<12}{ours:>10,.0f}/s {base:>10,.0f}/s {base / ours:>7.0f}x")
    print("    (ratio: how many times slower than just splitting the words)")


Pairs = list[tuple[dict[str, Any], list[int]]]


def rules(answers: list[dict[str, Any]]) -> Pairs:
    return [(a, rules_label([Sentence.of(s["text"]) for s in a["sentences"]])) for a in answers]


def model(answers: list[dict[str, Any]]) -> Pairs:
    return [(a, train_star.predict(a)) for a in answers]


def figures(pairs: Pairs) -> list[str]:
    """Per-part precision/recall, sentence accuracy, answers with every written part found."""
    matrix = [[0] * 4 for _ in range(4)]
    complete = 0
    for answer, labels in pairs:
        gold = train_star.gold(answer)
        for g, p in zip(gold, labels, strict=True):
            matrix[g][p] += 1
        complete += set(gold) <= set(labels)
    cells = []
    for i in range(4):
        found, given = sum(row[i] for row in matrix), sum(matrix[i])
        precision = matrix[i][i] / found if found else 0.0
        cells.append(f"{precision:>5.0%}/{matrix[i][i] / given if given else 0.0:<4.0%}")
    right, total = sum(matrix[i][i] for i in range(4)), sum(map(sum, matrix))
    return [*cells, f"{right / total:.1%}", f"{complete}/{len(pairs)} {complete / len(pairs):.0%}"]


def accuracy_tables(training: list[dict[str, Any]], held_out: list[dict[str, Any]]) -> None:
    cv_pairs, cv_variants = cross_validated(training)
    held_variants = [train_star.without_result(a) for a in held_out if train_star.has_result(a)]
    rows = [
        ("rules", "training (tuned on it)", rules(training)),
        ("model", f"training ({train_star.FOLDS}-fold CV)", cv_pairs),
        ("rules", "held out", rules(held_out)),
        ("model", "held out", model(held_out)),
    ]
    sentences = (
        sum(len(a["sentences"]) for a in training),
        sum(len(a["sentences"]) for a in held_out),
    )
    print(
        f"\n(b) free-mode part detection: training {len(training)} answers"
        f" ({sentences[0]} sentences), held out {len(held_out)} answers ({sentences[1]} sentences)"
    )
    print("    precision/recall per part; sentence accuracy; answers with every written part found")
    head = ["detector", "set", *(p[:4] + " P/R" for p in STAR_PARTS), "accuracy", "all parts found"]
    widths = [9, 24, 11, 11, 11, 11, 10, 16]
    print("    " + "".join(f"{h:<{w}}" for h, w in zip(head, widths, strict=True)))
    for name, subset, pairs in rows:
        cells = [name, subset, *figures(pairs)]
        print("    " + "".join(f"{c:<{w}}" for c, w in zip(cells, widths, strict=True)))
    print("    (the rules were tuned on star_labelled.yaml, so their training row is optimistic;")
    print("    the model's training row labels each answer with a model trained without it)")
    print("    model: written results missed; results invented in result-less variants")
    for subset, pairs, variants in (
        ("training (CV)", cv_pairs, cv_variants),
        ("held out", rows[3][2], model([v for v in held_variants if v["sentences"]])),
    ):
        missed, invented = train_star.result_errors(pairs, variants)
        with_result = sum(train_star.RESULT in train_star.gold(a) for a, _ in pairs)
        print(
            f"    {subset:<15} missed {missed}/{with_result}, invented {invented}/{len(variants)}"
        )


def cross_validated(training: list[dict[str, Any]]) -> tuple[Pairs, Pairs]:
    """Training answers, then their result-less variants, each labelled without it (CV)."""
    pairs: tuple[Pairs, Pairs] = train_star.cross_validate(
        training,
        train_star.C,
        train_star.MIN_ANSWERS,
        train_star.TRANSITION_WEIGHT,
        train_star.RESULTLESS,
        train_star.COPY_WEIGHT,
    )
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.5, help="time per measurement")
    args = parser.parse_args()
    training = train_star.load(train_star.training_files())
    throughput(training, args.seconds)
    accuracy_tables(training, train_star.load(train_star.heldout_files()))


if __name__ == "__main__":
    main()
