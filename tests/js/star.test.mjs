// Runs tests/vectors/star.json through the browser client: `node --test tests/js/`.
// The page always carries the effective rubric, so a vector without one gets the default
// from tests/vectors/default_rubric.json (checked against Python by test_star_vectors.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { forTest } from "./client.mjs";

const { star } = await forTest(import.meta.url);
const read = (name) => JSON.parse(readFileSync(new URL(`../vectors/${name}`, import.meta.url), "utf8"));
const { cases } = read("star.json");
const defaultRubric = read("default_rubric.json");

test("the module's API (the built file puts it on the global QE namespace)", () => {
  assert.deepEqual(Object.keys(star).sort(), ["detectParts", "gradeStar", "sentences", "useModel", "words"]);
});

for (const c of cases) {
  test(c.name, () => {
    const question = { ...c.question, rubric: c.question.rubric ?? defaultRubric };
    const want = c.expected;
    if (want.invalid) {
      assert.throws(() => star.gradeStar(question, c.answer), (e) => e.invalid === true && e.message.length > 0);
      return;
    }
    const got = star.gradeStar(question, c.answer);
    assert.ok(Math.abs(got.score - want.score) <= 1e-6, `score ${got.score} != ${want.score}`);
    assert.equal(got.max_score, question.points);
    assert.equal(got.status, want.status);
    assert.equal(got.id, question.id);
    assert.equal(got.type, "star");
    assert.deepEqual(Object.fromEntries(got.checks.map((x) => [x.id, x.passed])), want.checks);
    assert.deepEqual(got.checks.map((x) => x.id), Object.keys(want.checks));
    for (const x of got.checks) assert.ok(x.message.length > 20, x.message);
    assert.equal(got.needs_self_review, want.needs_self_review);
    if (question.mode === "free") assert.deepEqual(got.parts, want.parts);
    else assert.equal(got.parts, undefined);
    if (want.advice) assert.deepEqual(got.advice.map((x) => x.id), want.advice);
    if (want.feedback) assert.deepEqual(got.feedback, want.feedback);
    if ("ratings" in want) assert.deepEqual(got.ratings ?? null, want.ratings);
  });
}

test("words and sentences follow the spec's definitions", () => {
  assert.deepEqual(star.words("I’m re-doing it: 40% of_it!"), ["I’m", "re-doing", "it", "40", "of", "it"]);
  assert.deepEqual(star.sentences(" One. Two!\n\nThree? Four"), ["One.", "Two!", "Three?", "Four"]);
  assert.deepEqual(star.detectParts(""), { situation: "", task: "", action: "", result: "" });
});
