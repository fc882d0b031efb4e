// The free-mode part model as pages load it: star-model.min.js and star.min.js run in either
// order (instant navigation re-runs them in no fixed order) and star.js ends up with the weights.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { run } from "./client.mjs";

const TEXT = "At the time I worked in a busy call centre. My goal was to cut the wait."
  + " First, I mapped every step. As a result, waits fell by 40%.";
const model = JSON.parse(readFileSync(new URL("../../src/quizengine/star/part_model.json", import.meta.url), "utf8"));

test("the weights reach star.js whichever file runs first", () => {
  for (const order of [["star.min.js", "star-model.min.js"], ["star-model.min.js", "star.min.js"]]) {
    const qe = run(...order);
    assert.deepEqual(qe.starModel, model);
    assert.deepEqual(Object.values(qe.star.detectParts(TEXT)).map(Boolean), [true, true, true, true], order.join(" "));
  }
});

test("without the weights, free mode fails loudly rather than guessing; structured mode works", () => {
  const { star } = run("star.min.js");
  assert.throws(() => star.detectParts(TEXT), /part model is not loaded/);
  assert.deepEqual(star.detectParts(" \n "), { situation: "", task: "", action: "", result: "" });
  const rubric = [{ id: "r", criterion: "c", levels: ["a", "b"] }];
  const q = { id: "s", mode: "structured", rubric, min_words: 1, max_words: 999, auto_weight: 1, points: 1 };
  const got = star.gradeStar(q, { situation: "a b c d e", task: "a b c d e", action: "I did it all myself here", result: "It saved 5 hours a week" });
  assert.equal(got.checks.find((c) => c.id === "parts_present").passed, true);
});
