// The in-page offer calculator's method against the vectors quizengine/offers.py also passes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { compareOffers, money } from "../../src/quizengine/client/offers.js";

const vectors = JSON.parse(readFileSync(new URL("../vectors/offers.json", import.meta.url), "utf8"));
const close = (got, want, what) => assert.ok(Math.abs(got - want) <= 0.005, `${what}: ${got}, expected ${want}`);

test("there are offer vectors", () => assert.ok(vectors.offers.length >= 5 && vectors.invalid.length > 0));

for (const c of vectors.offers) {
  test(`offers.json: ${c.name}`, () => {
    const got = compareOffers(c.a, c.b, c.you), want = c.expected;
    assert.deepEqual(Object.keys(got.lines), Object.keys(want.lines));
    for (const [k, [a, b]] of Object.entries(want.lines)) {
      close(got.lines[k][0], a, `${k} A`);
      close(got.lines[k][1], b, `${k} B`);
    }
    for (const k of ["sign_on", "ongoing", "year1"]) [0, 1].forEach((i) => close(got[k][i], want[k][i], `${k}[${i}]`));
    close(got.ongoing_diff, want.ongoing_diff, "ongoing_diff");
    close(got.year1_diff, want.year1_diff, "year1_diff");
  });
}

for (const c of vectors.invalid) {
  test(`offers.json rejects ${c.name}`, () => assert.throws(() => compareOffers(c.a, c.b, c.you), RangeError));
}

test("money is written as the chapter writes it", () => {
  assert.equal(money(1331.38, true), "+$1,331");
  assert.equal(money(-2700), "−$2,700");
  assert.equal(money(0, true), "$0");
  assert.equal(money(84375.5), "$84,376");
});
