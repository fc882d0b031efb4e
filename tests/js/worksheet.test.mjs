// Worksheet answers as saved and as found in a progress file: checked whole, merged without
// replacing what the learner already has here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_CHARS, exportSheets, mergeSheets, okSheet, okSheets } from "../../src/quizengine/client/worksheet-data.js";

// QE.u's storage helpers over a Map, with the real key prefix and a check on every read.
function storage(entries) {
  const L = Object.fromEntries(entries.map(([k, v]) => ["qe:v1:" + k, JSON.stringify(v)]));
  const aside = [];
  return {
    L, P: "qe:v1:", aside,
    load(key, ok, note) {
      const r = L["qe:v1:" + key];
      if (r == null) return undefined;
      let v;
      try { v = JSON.parse(r); } catch (e) { /* damaged */ }
      if (v !== undefined && ok(v)) return v;
      aside.push(key); note("set aside");
      return undefined;
    },
  };
}

test("answers are slug keys to bounded text, nothing else", () => {
  assert.ok(okSheet({ "base-salary--fact": "80k", total: "" }));
  assert.ok(!okSheet([]) && !okSheet(null) && !okSheet("x"));
  assert.ok(!okSheet({ "Base Salary": "x" }));
  assert.ok(!okSheet({ constructor: "x" }));
  assert.ok(!okSheet({ a: 1 }) && !okSheet({ a: { b: "c" } }) && !okSheet({ a: ["x"] }));
  assert.ok(okSheet({ a: "x".repeat(MAX_CHARS) }) && !okSheet({ a: "x".repeat(MAX_CHARS + 1) }));
  const many = Object.fromEntries(Array.from({ length: 201 }, (_, i) => ["k" + i, "v"]));
  assert.ok(!okSheet(many));
});

test("a file's worksheets: ids are slugs, each sheet checked", () => {
  assert.ok(okSheets({}) && okSheets({ "research-offer": { a: "1" } }));
  assert.ok(!okSheets({ "research-offer": { a: 1 } }));
  assert.ok(!okSheets({ "../x": {} }) && !okSheets({ ["a".repeat(65)]: {} }) && !okSheets([]));
  assert.ok(!okSheets(JSON.parse('{"__proto__": {"a": "x"}}')));
});

test("export takes every valid worksheet and sets damaged ones aside", () => {
  const u = storage([["worksheet:a", { x: "1" }], ["worksheet:empty", {}], ["quiz:q", { quiz: "q" }], ["worksheet:bad", { x: 2 }]]);
  const notes = [];
  assert.deepEqual(exportSheets(u, (m) => notes.push(m)), { a: { x: "1" } });
  assert.deepEqual(u.aside, ["worksheet:bad"]);
  assert.deepEqual(notes, ["set aside"]);
});

test("import fills blanks and never replaces an answer already here", () => {
  const u = storage([["worksheet:a", { x: "mine", y: "" }]]), recs = new Map();
  const got = mergeSheets(u, { a: { x: "theirs", y: "filled", z: "new" }, b: { w: "all new", v: "" } }, recs, () => {});
  assert.deepEqual(got, { added: 3, kept: 1 });
  assert.deepEqual(recs.get("worksheet:a"), { x: "mine", y: "filled", z: "new" });
  assert.deepEqual(recs.get("worksheet:b"), { w: "all new" });
  const again = new Map();
  assert.deepEqual(mergeSheets(storage([["worksheet:a", { x: "mine" }]]), { a: { x: "mine" } }, again, () => {}), { added: 0, kept: 0 });
  assert.equal(again.size, 0);
});
