// The committed client in src/quizengine/assets/ is what the pinned esbuild builds from the
// sources in src/quizengine/client/: after changing a source, run `make assets`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ASSETS, ENTRIES, buildAssets } from "../../scripts/build_assets.mjs";

const names = Object.keys(ENTRIES).sort();

async function built(t) {
  const out = mkdtempSync(join(tmpdir(), "qe-assets-"));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  await buildAssets(out);
  assert.deepEqual(readdirSync(out).sort(), names);
  return out;
}

test("the committed built files are up to date", async (t) => {
  const out = await built(t);
  assert.deepEqual(readdirSync(ASSETS).sort(), names);
  for (const name of names) {
    const ok = readFileSync(join(out, name)).equals(readFileSync(join(ASSETS, name)));
    assert.ok(ok, `src/quizengine/assets/${name} is stale: run \`make assets\` and commit it`);
  }
});

test("the build is deterministic: the same sources give the same bytes", async (t) => {
  const [a, b] = [await built(t), await built(t)];
  for (const name of names) assert.ok(readFileSync(join(a, name)).equals(readFileSync(join(b, name))), name);
});
