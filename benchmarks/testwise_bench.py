"""Test-wiseness: what a learner who never reads the questions scores on each quiz.

Every quiz under `quizzes/` (or the paths given) is answered by rules that look only at the
shape of a question, graded by the real engine (`quizengine.grade`), and printed as a table
against the quiz's pass mark. The baseline in the same run is `chance`: a uniformly random
answer to each choice and true/false question; `ratio` is best / chance.
Usage: python benchmarks/testwise_bench.py [PATH ...] [--check]

Rules (a column applies its rule to the question types it names):
- `longest`: `single`, the longest option; `multiple`, every option at least as long as the
  mean option. Length is the visible text (whitespace collapsed, `*`, `_` and backquotes not
  counted); ties are averaged.
- `first` / `last`: the first or last option *as displayed*: with `shuffle_options` (the
  default) every option is equally likely to be there, so this averages over all of them;
  without it, the authored first or last option. `multiple`: that one option.
- `pick-all`: `multiple`, every option.
- `true` / `false`: every `true_false` question answered that way.
- `chance`: `single`, a random option; `multiple`, a random non-empty set of options;
  `true_false`, a coin toss (all averaged exactly).
- `best`: for each of `single`, `multiple` and `true_false` separately, whichever rule above
  scores most on this quiz's questions of that type, combined: a learner who has noticed the
  quiz's habit (say, "longest option, and answer False") and never reads a question.

In a column, a choice or true/false question its rule does not cover is left unanswered.
Other types get the same no-reading answer in every column:
- `short_text`, `numeric`, `star`: unanswered (nothing can be typed without reading).
- `ordering`: the order as shown, submitted with "Check answer": the client's shuffled start,
  which is any order but the correct one, so every other permutation is averaged (all of them
  up to 6 items, else 720 seeded ones).
- `matching`: a random right-hand answer for each left item, averaged over every mapping (a
  seeded 4,096 of them when there are more).

Scores are expectations, not samples: each question's score is the mean of the engine's score
over the equally likely answers above. With `draw` the presented questions are a uniform
random subset; the percent is averaged over subsets: exactly by symmetry when every question
has the same points, else over every subset (up to 20,000) or 5,000 seeded ones.

`--check` exits 1 when a quiz of 3 or more questions scores more than 50%, or at least its
pass mark, under some rule (that is, under `best`); otherwise and without `--check`, exit 0.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
try:
    import quizengine  # noqa: F401
except ImportError:  # not installed: run from the source tree
    sys.path.insert(0, str(ROOT / "src"))

from quizengine import grade, load_paths  # noqa: E402
from quizengine.models import (  # noqa: E402
    MatchingQuestion,
    MultipleQuestion,
    OrderingQuestion,
    Question,
    Quiz,
    Response,
    SingleQuestion,
    TrueFalseQuestion,
)

RULES = ("longest", "first", "last", "pick-all", "true", "false", "chance")
FAMILIES = ("single", "multiple", "true_false")
MIN_QUESTIONS = 3  # --check judges quizzes of at least this many questions
CEILING = 50.0  # ... which must stay at or below this percent under every rule
MAX_PERMUTATION_ITEMS = 6
SAMPLES = 720
MAX_MAPPINGS = 4096
MAX_SUBSETS = 20_000
SUBSET_SAMPLES = 5_000
UNANSWERED = object()

Choice = SingleQuestion | MultipleQuestion


def _length(text: str) -> int:
    return len(" ".join(re.sub(r"[*_`]", "", text).split()))


def _shown_ends(q: Choice, end: int) -> list[str]:
    ids = [o.key for o in q.options]
    return ids if q.shuffle_options else [ids[end]]


def _as_answers(q: Choice, ids: list[str]) -> list[Any]:
    return ids if isinstance(q, SingleQuestion) else [[i] for i in ids]


def _longest(q: Choice) -> list[Any]:
    lengths = {o.key: _length(o.text) for o in q.options}
    if isinstance(q, SingleQuestion):
        top = max(lengths.values())
        return [key for key, n in lengths.items() if n == top]
    mean = sum(lengths.values()) / len(lengths)
    return [[key for key, n in lengths.items() if n >= mean]]


def _chance(q: Choice) -> list[Any]:
    ids = [o.key for o in q.options]
    if isinstance(q, SingleQuestion):
        return ids
    return [list(s) for r in range(1, len(ids) + 1) for s in itertools.combinations(ids, r)]


def rule_answers(rule: str, q: Question) -> list[Any] | None:
    """The equally likely answers `rule` gives to `q`, or None when it does not cover `q`."""
    if isinstance(q, TrueFalseQuestion):
        return {"true": [True], "false": [False], "chance": [True, False]}.get(rule)
    if not isinstance(q, SingleQuestion | MultipleQuestion):
        return None
    if rule == "longest":
        return _longest(q)
    if rule in ("first", "last"):
        return _as_answers(q, _shown_ends(q, 0 if rule == "first" else -1))
    if rule == "pick-all":
        return [[o.key for o in q.options]] if isinstance(q, MultipleQuestion) else None
    if rule == "chance":
        return _chance(q)
    return None


def _orders(q: OrderingQuestion) -> Iterator[list[str]]:
    ids = [item.key for item in q.items]
    if len(ids) <= MAX_PERMUTATION_ITEMS:
        yield from (list(p) for p in itertools.permutations(ids) if list(p) != ids)
        return
    rng = random.Random(len(ids))
    for _ in range(SAMPLES):
        order = ids[:]
        while order == ids:
            rng.shuffle(order)
        yield order


def _mappings(q: MatchingQuestion) -> Iterator[dict[str, str]]:
    lefts, rights = q.left_ids(), q.right_ids()
    if len(rights) ** len(lefts) <= MAX_MAPPINGS:
        for picks in itertools.product(rights, repeat=len(lefts)):
            yield dict(zip(lefts, picks, strict=True))
        return
    rng = random.Random(len(lefts) * 1000 + len(rights))
    for _ in range(MAX_MAPPINGS):
        yield {left: rng.choice(rights) for left in lefts}


def default_answers(q: Question) -> list[Any]:
    """What a no-reading learner gives a question no rule covers (see the module docstring)."""
    if isinstance(q, OrderingQuestion):
        return list(_orders(q))
    if isinstance(q, MatchingQuestion):
        return list(_mappings(q))
    return [UNANSWERED]


def expected_score(quiz: Quiz, q: Question, answers: list[Any]) -> float:
    """Mean score the engine gives `q` over the equally likely `answers`."""
    total = 0.0
    for answer in answers:
        given = {} if answer is UNANSWERED else {q.id: answer}
        total += grade(quiz, Response(quiz=quiz.id, presented=[q.id], answers=given)).score
    return total / len(answers)


def expected_percent(quiz: Quiz, scores: dict[str, float]) -> float:
    """Expected percent of one attempt, over the subsets a `draw` can present."""
    points = {q.id: q.points for q in quiz.questions}
    ids = list(points)
    if quiz.bank:
        return _pooled_percent(quiz, scores, points)
    k = quiz.draw or len(ids)
    if k >= len(ids) or len(set(points.values())) == 1:
        return 100.0 * sum(scores.values()) / sum(points.values())
    if math.comb(len(ids), k) <= MAX_SUBSETS:
        subsets: Iterator[Sequence[str]] = itertools.combinations(ids, k)
    else:
        rng = random.Random(k)
        subsets = (rng.sample(ids, k) for _ in range(SUBSET_SAMPLES))
    ratios = [sum(scores[i] for i in s) / sum(points[i] for i in s) for s in subsets]
    return 100.0 * sum(ratios) / len(ratios)


def _pooled_percent(quiz: Quiz, scores: dict[str, float], points: dict[str, float]) -> float:
    """A quiz drawing so many from each bank: exact when every question is worth the same,
    else over sampled attempts drawn the way the browser draws them."""
    pools = quiz.pools()
    if len(set(points.values())) == 1:
        got = sum((n or len(g)) * sum(scores[i] for i in g) / len(g) for g, n in pools)
        most = sum((n or len(g)) for g, n in pools) * next(iter(points.values()))
        return 100.0 * got / most
    rng = random.Random(len(points))
    ratios = []
    for _ in range(SUBSET_SAMPLES):
        shown = [q.id for q in quiz.draw_attempt(rng)]
        ratios.append(sum(scores[i] for i in shown) / sum(points[i] for i in shown))
    return 100.0 * sum(ratios) / len(ratios)


@dataclass
class Row:
    quiz: str
    questions: int
    pass_mark: float  # percent
    percent: dict[str, float] = field(default_factory=dict)  # rule (and "best") -> percent
    best_rules: dict[str, str] = field(default_factory=dict)  # family -> rule used by best

    @property
    def judged(self) -> bool:
        return self.questions >= MIN_QUESTIONS

    @property
    def fails(self) -> bool:
        best = self.percent["best"]
        return self.judged and (best > CEILING or best >= self.pass_mark - 1e-9)

    @property
    def verdict(self) -> str:
        best = self.percent["best"]
        if not self.judged:
            return "too small to judge"
        if best >= self.pass_mark - 1e-9:
            return "PASSES unread"
        return "over 50% unread" if best > CEILING else "ok"


def score_quiz(quiz: Quiz) -> Row:
    baseline = {q.id: expected_score(quiz, q, default_answers(q)) for q in quiz.questions}
    by_rule: dict[str, dict[str, float]] = {}
    for rule in RULES:
        scores = dict(baseline)
        for q in quiz.questions:
            answers = rule_answers(rule, q)
            if answers is not None:
                scores[q.id] = expected_score(quiz, q, answers)
            elif q.type in FAMILIES:
                scores[q.id] = 0.0
        by_rule[rule] = scores
    row = Row(quiz.id, len(quiz.questions), 100.0 * quiz.pass_mark)
    row.percent = {rule: expected_percent(quiz, scores) for rule, scores in by_rule.items()}
    best = dict(baseline)
    for family in FAMILIES:
        members = [q.id for q in quiz.questions if q.type == family]
        if not members:
            continue
        rule = max(RULES, key=lambda r: sum(by_rule[r][i] for i in members))
        row.best_rules[family] = rule
        best.update({i: by_rule[rule][i] for i in members})
    row.percent["best"] = expected_percent(quiz, best)
    return row


def run(paths: Sequence[str | Path]) -> list[Row]:
    report = load_paths(list(paths))
    for problem in report.all_diagnostics:
        if problem.severity == "error":
            print(f"skipped: {problem.format()}", file=sys.stderr)
    return [score_quiz(quiz) for quiz in report.quizzes]


def table(rows: list[Row]) -> str:
    columns = [*RULES, "best"]
    head = f"{'quiz':<24} {'n':>3} " + " ".join(f"{c:>8}" for c in columns)
    lines = [head + f" {'ratio':>6} {'pass':>5}  verdict (best uses)", "-" * (len(head) + 48)]
    for row in rows:
        cells = " ".join(f"{row.percent[c]:8.1f}" for c in columns)
        chance = row.percent["chance"]
        cells += f" {row.percent['best'] / chance:6.2f}" if chance else f" {'-':>6}"
        uses = ", ".join(f"{f}: {r}" for f, r in row.best_rules.items())
        lines.append(
            f"{row.quiz:<24} {row.questions:>3} {cells} {row.pass_mark:5.0f}  {row.verdict}"
            + (f" ({uses})" if uses else "")
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None, out: Callable[[str], None] = print) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "quizzes")], metavar="PATH")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a quiz can be passed without reading"
    )
    args = parser.parse_args(argv)
    rows = run(args.paths)
    out("test-wise bench: percent of each quiz scored without reading (expected values)")
    out(table(rows))
    failing = [row.quiz for row in rows if row.fails]
    out(
        f"{len(failing)} of {sum(r.judged for r in rows)} quizzes of {MIN_QUESTIONS}+ questions "
        f"score over {CEILING:g}% or their pass mark unread"
        + (f": {', '.join(failing)}" if failing else "")
    )
    return 1 if args.check and failing else 0


if __name__ == "__main__":
    code = main()
    if code:  # exiting with 0 would also end run_all.py, which runs this file in-process
        sys.exit(code)
