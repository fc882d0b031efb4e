// The browser grader against the golden vectors the Python engine also passes (spec §2-4).
// star.json is run by the STAR module's own test, which loads star.js first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { forTest } from "./client.mjs";

const root = new URL("../../", import.meta.url);
const { grade } = await forTest(import.meta.url);
const dir = new URL("tests/vectors/", root);
const read = (f) => JSON.parse(readFileSync(new URL(f, dir), "utf8"));
const files = readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "star.json" && read(f).cases).sort();

test("there are vector files to run", () => assert.ok(files.length > 0));

for (const file of files) {
  const { cases } = read(file);
  for (const c of cases) {
    test(`${file}: ${c.name}`, () => {
      const answer = Object.hasOwn(c, "answer") ? c.answer : undefined;
      const r = grade.gradeQuestion(c.question, answer);
      const want = c.expected;
      assert.ok(Math.abs(r.score - want.score) <= 1e-6, `score ${r.score}, expected ${want.score}`);
      assert.equal(r.status, want.invalid ? "invalid" : want.status);
      if (want.invalid) assert.equal(typeof r.error, "string");
      if (want.error) assert.equal(r.error, want.error);
      if (want.feedback) assert.deepEqual(r.feedback, want.feedback);
      for (const k of ["needs_self_review", "met"]) if (Object.hasOwn(want, k)) assert.deepEqual(r[k], want[k]);
      assert.equal(r.max_score, c.question.points ?? 1);
    });
  }
}

const quiz = {
  id: "q", pass_mark: 0.5,
  questions: [
    { id: "a", type: "true_false", prompt: "P", points: 1, answer: true },
    { id: "b", type: "single", prompt: "P", points: 3, options: [{ id: "x", text: "X", correct: true }, { id: "y", text: "Y" }] },
  ],
};

test("gradeQuiz: presented subset, unanswered, pass mark", () => {
  const r = grade.gradeQuiz(quiz, { quiz: "q", presented: ["b"], answers: { b: "x" } });
  assert.deepEqual([r.score, r.max_score, r.percent, r.passed], [3, 3, 100, true]);
  const u = grade.gradeQuiz(quiz, { quiz: "q", answers: { a: false } });
  assert.deepEqual(u.questions.map((q) => q.status), ["incorrect", "unanswered"]);
  assert.equal(u.passed, false);
});

test("gradeQuiz: rejects another quiz, unknown ids and non-objects whole", () => {
  assert.throws(() => grade.gradeQuiz(quiz, { quiz: "other", answers: {} }), /other/);
  assert.throws(() => grade.gradeQuiz(quiz, { quiz: "q", answers: { zz: 1 } }), /zz/);
  assert.throws(() => grade.gradeQuiz(quiz, { quiz: "q", presented: ["zz"], answers: {} }), /zz/);
  assert.throws(() => grade.gradeQuiz(quiz, []), /object/);
});

test("an invalid answer is not a wrong answer, and the rest is still graded", () => {
  const r = grade.gradeQuiz(quiz, { quiz: "q", answers: { a: "yes", b: "x" } });
  assert.deepEqual(r.questions.map((q) => q.status), ["invalid", "correct"]);
});

test("normalisation and distance follow Python's casefold and code points", () => {
  assert.equal(grade.norm("  ¡Straße,   NICE!! "), "strasse, nice");
  assert.equal(grade.norm("ΟΔΟΣ"), "οδοσ");
  assert.equal(grade.lev("kitten", "sitting"), 3);
  assert.equal(grade.lev("😀a", "a"), 1);
  assert.deepEqual([0, 25, 26, 701, 702].map(grade.ab), ["a", "z", "aa", "zz", "aaa"]);
});
