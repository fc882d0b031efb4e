"""A seeded, made-up class of learners, for demos, tests and benchmarks (never for grading).

Learners have an ability drawn from a standard normal distribution; each question gets a
difficulty and a discrimination, and a learner answers correctly with the two-parameter
logistic probability 1 / (1 + exp(-1.7 * a * (ability - b))). Wrong answers pick distractors
with fixed per-question weights, one of which is sometimes zero, so the distractor analysis
has something to find. Questions named in `flawed` get a negative `a`: the strongest learners
miss them, as happens with a wrong key.

Each response carries a `learner` key (extra keys are allowed by spec §3). Real exports carry
no learner id, so two identical files count as one; the key keeps simulated learners who
happen to answer alike from being merged.
"""

from __future__ import annotations

import math
import random
from collections.abc import Collection
from typing import Any

from ..models import Question, Quiz
from ..star.rubric import effective_rubric

SKIP_RATE = 0.03


def simulate_class(
    quiz: Quiz, learners: int, *, seed: int = 0, flawed: Collection[str] = ()
) -> list[dict[str, Any]]:
    """`learners` response objects (spec §3) for `quiz`, the same for the same seed."""
    rng = random.Random(seed)
    # How an answer is spelled comes from a stream of its own, so adding spellings never
    # changes which learners answer what (the statistics tests pin those).
    spell = random.Random(f"spelling-{seed}")
    params = {
        q.id: (
            -rng.uniform(0.6, 1.2) if q.id in flawed else rng.uniform(0.5, 2.0),
            rng.uniform(-1.8, 1.0),
            _weights(rng, q),
        )
        for q in quiz.questions
    }
    out = []
    for index in range(learners):
        ability = rng.gauss(0.0, 1.0)
        shown = quiz.questions
        response: dict[str, Any] = {"quiz": quiz.id, "learner": f"learner-{index + 1:05d}"}
        if quiz.bank:  # drawn the way the browser draws: so many from each pool
            shown = quiz.draw_attempt(rng)
            response["presented"] = [q.id for q in shown]
        elif quiz.draw is not None:
            shown = rng.sample(quiz.questions, quiz.draw)
            response["presented"] = [q.id for q in shown]
        answers: dict[str, Any] = {}
        for question in shown:
            if rng.random() < SKIP_RATE:
                continue
            a, b, weights = params[question.id]
            p = 1.0 / (1.0 + math.exp(-1.7 * a * (ability - b)))
            answers[question.id] = _spelled(spell, question, _answer(rng, question, p, weights))
        response["answers"] = answers
        out.append(response)
    return out


def _spelled(rng: random.Random, q: Question, answer: Any) -> Any:
    """Typed answers as people type them: case and spacing vary, some write a near miss."""
    if q.type == "short_text" and q.match != "regex":
        if answer == "no idea":
            return rng.choice(["no idea", "No idea", "not sure", "?", q.answers[0].text + "s"])
        return rng.choice([answer, answer, answer.upper(), f"  {answer}.", answer.capitalize()])
    if q.type == "numeric" and answer == "not sure":
        return rng.choice(["not sure", "about half", "?"])
    return answer


def _weights(rng: random.Random, question: Question) -> list[float]:
    options = getattr(question, "options", [])
    weights = [0.0 if o.correct else 0.1 + rng.random() ** 2 for o in options]
    wrong = [i for i, o in enumerate(options) if not o.correct]
    if len(wrong) > 2 and rng.random() < 0.5:
        weights[rng.choice(wrong)] = 0.0
    return weights


def _answer(rng: random.Random, q: Question, p: float, weights: list[float]) -> Any:
    right = rng.random() < p
    if q.type == "single":
        if right:
            return next(o.key for o in q.options if o.correct)
        return rng.choices([o.key for o in q.options], weights)[0]
    if q.type == "multiple":
        top = max(weights) or 1.0
        return [
            o.key
            for o, w in zip(q.options, weights, strict=True)
            if (o.correct and rng.random() < 0.3 + 0.7 * p)
            or (not o.correct and rng.random() < (1 - p) * w / top * 0.8)
        ]
    if q.type == "true_false":
        return q.answer if right else not q.answer
    if q.type == "numeric":
        if right:
            return rng.choice([q.answer, f"{q.answer:,.0f}", q.answer])
        return rng.choice([q.answer * 2, q.answer / 2, round(q.answer * 1.1), "not sure"])
    if q.type == "short_text":
        return q.answers[0].text if right and q.match != "regex" else "no idea"
    if q.type == "ordering":
        ids = [item.key for item in q.items]
        if not right:
            i = rng.randrange(len(ids) - 1)
            ids[i], ids[i + 1] = ids[i + 1], ids[i]
        return ids
    if q.type == "matching":
        key = q.answer_key()
        if not right:
            lefts = list(key)
            first, second = rng.sample(lefts, 2)
            key[first], key[second] = key[second], key[first]
        return key
    if q.type == "text":
        text = "I asked for two remote days a week and said what it would save me. " * 2
        met = [c.key for c in q.rubric if rng.random() < 0.3 + 0.6 * p]
        return {"text": text if right else "Not sure.", "met": met}
    return _star(rng, q, p)


def _star(rng: random.Random, q: Question, p: float) -> dict[str, Any]:
    good = rng.random() < p
    count = 30 if good else 6
    who = "I" if good else "we"
    parts = {
        "situation": "Last spring our team faced a tight deadline for a client report. " * 2,
        "task": "My task was to agree the scope with the client and keep the plan on time.",
        "action": f"{who} met the client, {who} listed the priorities, {who} split the work. "
        * (count // 6),
        "result": "We delivered two days early and the client renewed for 12 months."
        if good
        else "It went fine in the end.",
    }
    answer: dict[str, Any] = (
        {"text": " ".join(parts.values())} if getattr(q, "mode", "") == "free" else parts
    )
    if rng.random() < 0.6:
        rubric = effective_rubric(q)  # type: ignore[arg-type]
        answer["self_rating"] = {c.id: rng.randrange(len(c.levels)) for c in rubric}
    return answer
