// Builds the browser client: src/quizengine/client/ (ES modules, CSS) -> src/quizengine/assets/
// (minified, committed, shipped in the Python package). `make assets` runs it; a test rebuilds
// into a temporary folder and compares bytes, so the committed files never go stale.
//
//   node scripts/build_assets.mjs [OUTDIR]
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const client = `${root}src/quizengine/client/`;

export const ASSETS = `${root}src/quizengine/assets/`;

// Shipped file -> source. render/assets.py serves these files under the site's names.
export const ENTRIES = {
  "quizengine.min.js": "page.js",
  "star.min.js": "star-page.js",
  "text.min.js": "text-page.js",
  "progress.min.js": "progress-page.js",
  "calculator.min.js": "calculator-page.js",
  "calculator.min.css": "calculator.css",
  "worksheet.min.js": "worksheet-page.js",
  "worksheet.min.css": "worksheet.css",
  "star-model.min.js": "star-model.js",
  "path.min.js": "path-page.js",
  "path.min.css": "path.css",
  "quizengine.min.css": "quizengine.css",
};

export async function buildAssets(outdir = ASSETS) {
  await build({
    entryPoints: Object.entries(ENTRIES).map(([out, src]) => ({
      in: client + src,
      out: out.replace(/\.(js|css)$/, ""),
    })),
    outdir,
    bundle: true,
    minify: true,
    format: "iife",
    // The sources are ES2022 (Object.hasOwn, regex flags u and named groups): none of it is
    // lowered, and the ✓/✗ marks stay UTF-8 rather than \u escapes.
    target: "es2022",
    charset: "utf8",
    legalComments: "none",
    logLevel: "warning",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildAssets(process.argv[2] ?? ASSETS);
}
