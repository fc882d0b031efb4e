// The pure parts of the browser's progress storage: the record check, the join of two tabs'
// records, and the backup check. The built quizengine.min.js and progress.min.js (what pages
// load; tests/js/build.test.mjs keeps them in step with the sources) run in a VM context with a
// window and document that do nothing, as far as their top level needs; the browser tests
// (tests/browser/test_two_tabs.py, test_untrusted_progress.py) drive the rest in Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const read = (name) => readFileSync(new URL(`../../src/quizengine/assets/${name}`, import.meta.url), "utf8");
const noop = () => {};
const self = { addEventListener: noop };
const document = { readyState: "loading", addEventListener: noop, querySelectorAll: () => [] };
const context = vm.createContext({ self, document, performance: { mark: noop } });
vm.runInContext(read("quizengine.min.js"), context);
vm.runInContext(read("progress.min.js"), context);
const { join, okQuiz } = self.QE.u;
const backup = (v) => {
  const text = typeof v == "string" ? v : JSON.stringify(v);
  return self.QE.backup(text, text.length);
};
// Objects made in the VM have its Object.prototype: compare them as JSON.
const plain = (v) => JSON.parse(JSON.stringify(v));

const BEST = { score: 4, max_score: 7, percent: 400 / 7, passed: false };
const record = (fields) => ({ quiz: "q", answers: {}, checked: [], attempts: 0, ...fields });

test("a record passes its check", () => {
  const ok = okQuiz("q");
  assert.ok(ok(record({ presented: ["a", "b"], order: { a: ["x", "y"] }, best: BEST, began: 5, submitted: true })));
  assert.ok(ok(record({ answers: { s: { situation: "text", self_rating: { result: 2 } } } })));
});

for (const [name, fields] of Object.entries({
  "another quiz's record": { quiz: "other" },
  "a constructor id presented": { presented: ["constructor"] },
  "a prototype answer id": { answers: JSON.parse('{"prototype": 1}') },
  "a __proto__ key deep inside": { answers: JSON.parse('{"s": {"__proto__": {"x": 1}}}') },
  "an id repeated": { checked: ["a", "a"] },
  "an id that is no slug": { checked: ["A b"] },
  "an answer nested 3 deep": { answers: { a: [[["x"]]] } },
  "a percent of 9999": { best: { ...BEST, percent: 9999, passed: true } },
  "a score over its maximum": { best: { ...BEST, score: 8, percent: 800 / 7 } },
  "a percent that disagrees with its score": { best: { ...BEST, percent: 100 } },
  "a negative score": { best: { score: -1, max_score: 7, percent: -100 / 7, passed: false } },
  "attempts that are text": { attempts: "3" },
  "attempts that are infinite": { attempts: Infinity },
  "order lists of numbers": { order: { a: [1, 2] } },
  "submitted as text": { submitted: "yes" },
})) {
  test(`a record with ${name} fails its check`, () => assert.equal(okQuiz("q")(record(fields)), false));
}

test("a stale tab never undoes a submission of the same attempt", () => {
  const stale = record({ began: 1, answers: { a: "old", b: "mine" }, checked: [] });
  const stored = record({ began: 1, submitted: true, attempts: 1, answers: { a: "sent" }, best: BEST, last: { ...BEST, at: "t" } });
  const s = plain(join(stale, stored, new Set(["b"])));
  assert.equal(s.submitted, true);
  assert.equal(s.attempts, 1);
  assert.deepEqual(s.answers, { a: "sent" });
  assert.deepEqual(s.best, BEST);
});

test("a later attempt wins whole; counts and the best score never go down", () => {
  const older = record({ began: 1, submitted: true, attempts: 2, answers: { a: "x" }, best: { ...BEST, score: 7, percent: 100, passed: true } });
  const newer = record({ began: 2, attempts: 1, answers: { b: "y" } });
  for (const [mine, theirs] of [[older, newer], [newer, older]]) {
    const s = plain(join(mine, theirs, new Set(["a", "b"])));
    assert.equal(s.began, 2);
    assert.equal(s.submitted, undefined);
    assert.deepEqual(s.answers, { b: "y" });
    assert.equal(s.attempts, 2);
    assert.equal(s.best.percent, 100);
  }
});

test("within one attempt each question keeps the last edit", () => {
  const stored = record({ began: 1, answers: { a: "theirs", b: "theirs", c: "theirs" }, checked: ["c"] });
  const mine = record({ began: 1, answers: { a: "mine", b: "stale" }, checked: ["a"] });
  const s = plain(join(mine, stored, new Set(["a", "c"])));
  // a: edited here; b: not touched here, so the stored edit stands; c: cleared here.
  assert.deepEqual(s.answers, { a: "mine", b: "theirs" });
  assert.deepEqual(s.checked.sort(), ["a"]);
});

test("the latest submission is `last`, whichever tab made it", () => {
  const a = record({ began: 1, submitted: true, attempts: 1, last: { ...BEST, at: "2026-01-02" } });
  const b = record({ began: 1, submitted: true, attempts: 1, last: { ...BEST, score: 0, percent: 0, at: "2026-01-01" } });
  assert.equal(join(a, b, new Set()).last.at, "2026-01-02");
  assert.equal(join(b, a, new Set()).last.at, "2026-01-02");
});

test("nothing stored: this tab's record as it is", () => {
  const mine = record({ began: 1 });
  assert.equal(join(mine, undefined, new Set()), mine);
});

const GOOD = { quiz: "q", answers: { a: "x" } };
const file = (fields) => ({ format: "quizengine-progress", version: 1, responses: [GOOD], ...fields });

test("a good backup and a single response are accepted", () => {
  const b = backup(file({ progress: { q: { attempts: 2, best: BEST } }, complete: { "a/b.md": { title: "B" } } }));
  assert.equal(typeof b, "object");
  assert.equal(b.list.length, 1);
  assert.equal(b.prog.q.attempts, 2);
  assert.equal(typeof backup(GOOD), "object");
});

for (const [name, data, reason] of [
  ["not JSON", "{", "not JSON"],
  ["another format", { format: "x" }, "neither"],
  ["a bad response among good ones", file({ responses: [GOOD, { quiz: "q", answers: [] }] }), "response 2"],
  ["a __proto__ answer", '{"quiz": "q", "answers": {"__proto__": "x"}}', "reserved"],
  ["a best score of 9999%", file({ progress: { q: { best: { ...BEST, percent: 9999 } } } }), "scores"],
  ["a chapter that is not an object", file({ complete: { "a.md": true } }), "chapters"],
]) {
  test(`a backup with ${name} is refused whole`, () => {
    const b = backup(data);
    assert.equal(typeof b, "string");
    assert.ok(b.includes(reason) && b.endsWith("so nothing was imported."), b);
  });
}

test("a file over 1 MB is refused before it is parsed", () => {
  assert.match(self.QE.backup("{}", (1 << 20) + 1), /over 1 MB/);
});
