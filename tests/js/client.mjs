// The client as the JS tests load it: the ES module sources, or the built files that the
// pages load (src/quizengine/assets/, from `make assets`). x.test.mjs runs on the sources;
// x.built.test.mjs imports it again as x.test.mjs?built, which runs the same tests on the
// built files, so nothing esbuild does can change a grade unnoticed.
import { readFileSync } from "node:fs";

const src = new URL("../../src/quizengine/client/", import.meta.url);
const assets = new URL("../../src/quizengine/assets/", import.meta.url);

// A built file runs as a page runs it, with stand-ins for `self` and `document` (the UI only
// waits for DOMContentLoaded), and in this realm, so results compare as the sources' do.
// Several files share one `self`, as the scripts of one page do.
export function run(...names) {
  const self = { addEventListener() {} };
  const document = { readyState: "loading", addEventListener() {} };
  for (const name of names) new Function("self", "document", readFileSync(new URL(name, assets), "utf8"))(self, document);
  return self.QE;
}

// variant: "source" or "built"; returns { grade, star }. star has the free-mode part model,
// as on a page with a free-mode question (the built files hand it over through self.QE).
// The grader finds a text question's rules on the page's global QE (text.min.js puts them
// there), so they go on this realm's global, as a page with a text question has them.
export async function load(variant) {
  const QE = (globalThis.QE = globalThis.QE || {});
  if (variant === "built") {
    QE.text = run("text.min.js").text;
    return { grade: run("quizengine.min.js").grade, star: run("star.min.js", "star-model.min.js").star };
  }
  if (variant !== "source") throw Error(`unknown client variant '${variant}'`);
  QE.text = await import(new URL("text.js", src));
  const [grade, star] = await Promise.all(["grader.js", "star.js"].map((f) => import(new URL(f, src))));
  star.default.useModel(JSON.parse(readFileSync(new URL("../star/part_model.json", src), "utf8")));
  return { grade: grade.default, star: star.default };
}

// The variant a test file asked for: its own URL ends in ?built when x.built.test.mjs ran it.
export const forTest = (url) => load(new URL(url).search === "?built" ? "built" : "source");
