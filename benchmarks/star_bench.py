"""STAR analysis: throughput against a trivial baseline, and free-mode detection accuracy.

Run: `python benchmarks/star_bench.py` (add `--seconds 3` for steadier numbers). Prints only;
no assertion depends on timing. Answers come from tests/data/star_labelled.yaml:
structured answers group each answer's sentences by their human label, free answers join
all of them.

(a) answers/second for full grading (`grade_star`: parsing, sentences, detection, five checks,
    advice, score) next to the cost of `str.split()` on the same text, measured in the same run.
(b) per-part precision and recall and overall sentence accuracy, plus accuracy on each half of
    the set and on the in-order / out-of-order answers, as a sanity check on over-tuning;
    then the same on tests/data/star_heldout.yaml, answers written apart from the cue lists
    and never tuned on: the honest figure for answers the detector has not seen.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
try:
    import quizengine  # noqa: F401
except ImportError:  # not installed: run from the source tree
    sys.path.insert(0, str(ROOT / "src"))

from quizengine.grading.star import grade_star  # noqa: E402
from quizengine.models import STAR_PARTS, StarQuestion  # noqa: E402
from quizengine.star.parts import label  # noqa: E402
from quizengine.star.text import Sentence  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "star_labelled.yaml"
HELD_OUT = ROOT / "tests" / "data" / "star_heldout.yaml"


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


def confusion(answers: list[dict[str, Any]]) -> tuple[list[list[int]], int, int]:
    matrix = [[0] * 4 for _ in range(4)]
    for answer in answers:
        found = [Sentence.of(s["text"]) for s in answer["sentences"]]
        for s, got in zip(answer["sentences"], label(found), strict=True):
            matrix[STAR_PARTS.index(s["part"])][got] += 1
    right = sum(matrix[i][i] for i in range(4))
    return matrix, right, sum(map(sum, matrix))


def accuracy_table(answers: list[dict[str, Any]]) -> None:
    matrix, right, total = confusion(answers)
    print(f"\n(b) free-mode part detection on {total} sentences in {len(answers)} answers")
    print(f"    {'part':<11}{'gold':>6}{'found':>7}{'precision':>11}{'recall':>8}")
    for i, part in enumerate(STAR_PARTS):
        gold, found = sum(matrix[i]), sum(row[i] for row in matrix)
        precision = matrix[i][i] / found if found else 0.0
        recall = matrix[i][i] / gold if gold else 0.0
        print(f"    {part:<11}{gold:>6}{found:>7}{precision:>11.1%}{recall:>8.1%}")
    print(f"    overall sentence accuracy: {right / total:.1%} ({right}/{total})")
    print("    confusion (rows: human label, columns: found S T A R)")
    for i, part in enumerate(STAR_PARTS):
        print(f"      {part:<10}" + "".join(f"{n:>5}" for n in matrix[i]))
    # What the learner sees: free mode's parts_present check names every part it did not
    # find. A part the writer did give but the detector missed is a false "missing" message.
    missed = [0] * 4
    given = [0] * 4
    for answer in answers:
        gold = {STAR_PARTS.index(s["part"]) for s in answer["sentences"]}
        found = set(label([Sentence.of(s["text"]) for s in answer["sentences"]]))
        for i in gold:
            given[i] += 1
            missed[i] += i not in found
    print(
        "    answers told a part they gave is missing: "
        + ", ".join(f"{p} {m}/{g}" for p, m, g in zip(STAR_PARTS, missed, given, strict=True))
    )
    middle = len(answers) // 2
    in_order = [a for a in answers if not a.get("out_of_order")]
    shuffled = [a for a in answers if a.get("out_of_order")]
    for name, subset in (
        ("first half", answers[:middle]),
        ("second half", answers[middle:]),
        ("in-order answers", in_order),
        ("out-of-order answers", shuffled),
    ):
        if subset:
            _, r, t = confusion(subset)
            print(f"    {name:<21} {r / t:6.1%} ({r}/{t}, {len(subset)} answers)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.5, help="time per measurement")
    args = parser.parse_args()
    answers: list[dict[str, Any]] = yaml.safe_load(LABELLED.read_text("utf-8"))["answers"]
    throughput(answers, args.seconds)
    print("\n--- the set the cue lists were tuned on (tests/data/star_labelled.yaml) ---")
    accuracy_table(answers)
    held_out: list[dict[str, Any]] = yaml.safe_load(HELD_OUT.read_text("utf-8"))["answers"]
    print("\n--- held out: written apart from the cue lists, never tuned on ---")
    print("    (tests/data/star_heldout.yaml: keep it out of any tuning, or it stops measuring)")
    accuracy_table(held_out)


if __name__ == "__main__":
    main()
