/* Worksheet answers as stored and as exported (docs/progress.md): per worksheet, under the
   storage key "worksheet:<id>", a map from field key to the text typed. Shared by the
   worksheet (worksheet.js) and the progress page's export and import (progress.js), so both
   check saved and imported answers the same way: keys are slugs, values are plain strings
   of bounded length, and nothing else is kept. */
export const KEY = "worksheet:", MAX_CHARS = 4000, MAX_FIELDS = 200, MAX_SHEETS = 500;
const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/, PROTO = ["__proto__", "constructor", "prototype"];
const isKey = (k) => SLUG.test(k) && !PROTO.includes(k);
const isMap = (v) => !!v && typeof v == "object" && !Array.isArray(v);

// One worksheet's answers: every field key well formed, every value text within bounds.
export function okSheet(v) {
  if (!isMap(v)) return false;
  const keys = Object.keys(v);
  return keys.length <= MAX_FIELDS && keys.every((k) => isKey(k) && typeof v[k] == "string" && v[k].length <= MAX_CHARS);
}

// The `worksheets` of a progress file: worksheet id -> answers.
export function okSheets(v) {
  if (!isMap(v)) return false;
  const ids = Object.keys(v);
  return ids.length <= MAX_SHEETS && ids.every((id) => isKey(id) && id.length <= 64 && okSheet(v[id]));
}

// Every worksheet kept in this browser, for an export; damaged records are set aside by
// `load` (and `note` says so), never exported.
export function exportSheets(u, note) {
  const out = {};
  Object.keys(u.L || {}).sort().forEach((k) => {
    const id = k.slice(u.P.length + KEY.length);
    if (!k.startsWith(u.P + KEY) || !isKey(id)) return;
    const s = u.load(KEY + id, okSheet, note);
    if (s && Object.keys(s).length) out[id] = s;
  });
  return out;
}

// Adds a file's answers to `recs` (storage key -> record to save): an answer already here is
// never replaced. Returns how many were added and how many differed and were kept.
export function mergeSheets(u, sheets, recs, note) {
  let added = 0, kept = 0;
  Object.keys(sheets || {}).forEach((id) => {
    const here = u.load(KEY + id, okSheet, note) || {}, s = Object.assign({}, here), file = sheets[id];
    Object.keys(file).forEach((k) => {
      if (!file[k]) return;
      if (!Object.hasOwn(s, k) || !s[k]) { s[k] = file[k]; added++; } else if (s[k] != file[k]) kept++;
    });
    if (Object.keys(s).length > Object.keys(here).length || Object.keys(s).some((k) => s[k] != here[k])) recs.set(KEY + id, s);
  });
  return { added, kept };
}
