"""star.js against the Python grader on many answers: identical results, messages included.

The vectors pin the score-relevant fields; this compares everything (messages, advice, parts,
error texts) on the vectors, the labelled set and seeded random text, for the source and for
the built star.min.js that the pages load. Needs Node.
"""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from quizengine.grading.common import InvalidAnswer
from quizengine.grading.star_review import grade_star
from quizengine.models import STAR_PARTS, StarQuestion
from quizengine.star import rubric_json
from quizengine.star.advice import HYPOTHETICAL, PLANNED, REFLECTION, REPORTED, VAGUE
from quizengine.star.quantity import (
    AGAIN_SPEC,
    CLOCK_SPEC,
    MONTHS_SPEC,
    NUMBER_WORDS_SPEC,
    TIME_UNITS_SPEC,
    WHEN_AFTER_SPEC,
    WHEN_BEFORE_SPEC,
    YEAR_BEFORE_SPEC,
)
from quizengine.star.rubric import REASONS

from ..conftest import need_node

ROOT = Path(__file__).parents[2]
STAR_JS = ROOT / "src" / "quizengine" / "client" / "star.js"
CLIENT = ROOT / "tests" / "js" / "client.mjs"  # loads the source or the built file
RUNNER = """
import { readFileSync } from "node:fs";
const { load } = await import(process.argv[1]);
const { star } = await load(process.argv[2]);
const cases = JSON.parse(readFileSync(0, "utf8"));
const out = cases.map(([q, a]) => {
  try { return star.gradeStar(q, a); }
  catch (e) { if (!e.invalid) throw e; return { invalid: true, error: e.message }; }
});
process.stdout.write(JSON.stringify(out));
"""


def python_result(question: StarQuestion, answer: object) -> dict[str, Any]:
    try:
        return grade_star(question, answer).model_dump(mode="json", exclude_none=True)
    except InvalidAnswer as exc:
        return {"invalid": True, "error": str(exc)}


def page_json(question: StarQuestion) -> dict[str, Any]:
    data = question.model_dump(mode="json")
    if data["rubric"] is None:
        data["rubric"] = rubric_json()
    return data


def run_js(cases: list[tuple[StarQuestion, object]], variant: str) -> list[dict[str, Any]]:
    payload = json.dumps([(page_json(q), a) for q, a in cases])
    done = subprocess.run(
        [need_node(), "--input-type=module", "-e", RUNNER, CLIENT.as_uri(), variant],
        input=payload,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    results: list[dict[str, Any]] = json.loads(done.stdout)
    return results


VOCAB = (
    "I we my our me us I'm we’re I’ll 'we' 12 3.5 twenty-five half someone Twice very a lot"
    " improved Berlin the team was had to my goal first then as a result agreed learned"
    " next time I would I'd . ! ? , ; \n \t é İ ß ΣΑΣ 𐐀 ٣ _ can't re-do — …"
    " in 2023 2019's after two weeks later ago by March 3rd 5pm am Q3 for months I could"
    " I decided I'll planned told"
)


def random_text(rng: random.Random, size: int) -> str:
    vocab = [*VOCAB.split(" "), " ", ". ", "\n\n", "\r\n", "\u00a0", "\u2028", "\ufeff"]
    return "".join(rng.choice(vocab) + rng.choice(["", " ", " "]) for _ in range(size))


def all_cases() -> list[tuple[StarQuestion, object]]:
    cases: list[tuple[StarQuestion, object]] = []
    vectors = json.loads((ROOT / "tests" / "vectors" / "star.json").read_text("utf-8"))
    for case in vectors["cases"]:
        cases.append((StarQuestion.model_validate(case["question"]), case["answer"]))
    free = StarQuestion(id="f", type="star", prompt="p", mode="free", feedback_correct="Yes")
    structured = StarQuestion(id="s", type="star", prompt="p", points=3, auto_weight=0.3)
    for labelled in (ROOT / "tests" / "data").glob("star_*.yaml"):
        for answer in yaml.safe_load(labelled.read_text("utf-8"))["answers"]:
            texts = [s["text"] for s in answer["sentences"]]
            top = {"result": 3, "action": 3, "structure": 3, "reflection": 3}
            cases.append((free, {"text": " ".join(texts)}))
            cases.append((free, {"text": "\n".join(texts), "self_rating": top}))
            by_part: dict[str, object] = {
                p: " ".join(s["text"] for s in answer["sentences"] if s["part"] == p)
                for p in STAR_PARTS
            }
            cases.append((structured, {**by_part, "self_rating": {"example": 2, "result": 3}}))
    rng = random.Random(20240601)
    for index in range(300):
        if index % 2:
            cases.append((free, {"text": random_text(rng, rng.randint(0, 80))}))
        else:
            cases.append(
                (structured, {p: random_text(rng, rng.randint(0, 25)) for p in STAR_PARTS})
            )
    return cases


@pytest.mark.parametrize("variant", ["source", "built"])
def test_js_matches_python_everywhere(variant: str) -> None:
    cases = all_cases()
    js = run_js(cases, variant)
    assert len(js) == len(cases)
    for (question, answer), got in zip(cases, js, strict=True):
        assert got == python_result(question, answer), json.dumps(answer, ensure_ascii=False)


def test_cue_lists_are_copied_verbatim() -> None:
    """star.js carries the same cue strings; a drifted copy would fail the parity test too,
    but this names the list that drifted. (The part finder's word lists are not copied: both
    read them from the weights file.)"""
    source = STAR_JS.read_text("utf-8")
    specs = [NUMBER_WORDS_SPEC, HYPOTHETICAL.spec, REPORTED.spec, REFLECTION.spec, VAGUE.spec]
    specs += [PLANNED.spec, MONTHS_SPEC, YEAR_BEFORE_SPEC, TIME_UNITS_SPEC, CLOCK_SPEC]
    specs += [WHEN_BEFORE_SPEC, WHEN_AFTER_SPEC, AGAIN_SPEC]
    specs += [text for pair in REASONS.values() for text in pair]
    for spec in specs:
        assert f'"{spec}"' in source, spec
