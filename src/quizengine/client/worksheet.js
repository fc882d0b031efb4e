/* A worksheet (`::worksheet{#id}`, render/worksheet.py): the fields the build put in the
   author's table or list are filled from, and saved to, this browser as the learner types.
   Loaded only by a page with a worksheet, before or after quizengine.js, whose storage
   helpers (QE.u) and mounting (QE.kinds) it uses. Typed text only ever goes through `value`
   and `textContent`. Each field has a copy for print (`.qe-ws-print`, worksheet.css), so a
   printed page shows the whole answer however long it is. */
import { KEY, MAX_CHARS, okSheet } from "./worksheet-data.js";

function worksheet(root) {
  const { $$, load, save, noteIn, L, P } = self.QE.u, note = noteIn(root), key = KEY + root.dataset.worksheet;
  const fields = $$("textarea[data-key]", root), dirty = new Set();
  const show = (f, text) => { f.value = text; f.nextElementSibling.textContent = text; };
  const stored = () => load(key, okSheet, note) || {};
  const fill = (skip) => { const s = stored(); fields.forEach((f) => { if (f != skip && !dirty.has(f.dataset.key)) show(f, typeof s[f.dataset.key] == "string" ? s[f.dataset.key] : ""); }); };
  let timer = 0;
  // Another tab's or page's answers are read again before each save: only the fields typed
  // in here since the last save are written over.
  function flush() {
    clearTimeout(timer);
    timer = 0;
    if (!dirty.size) return;
    const s = stored();
    fields.forEach((f) => { if (dirty.has(f.dataset.key)) { const v = f.value.slice(0, MAX_CHARS); if (v) s[f.dataset.key] = v; else delete s[f.dataset.key]; } });
    dirty.clear();
    let why;
    if (Object.keys(s).length) why = save(key, s);
    else try { L.removeItem(P + key); } catch (e) { why = "This browser does not allow saving, so "; }
    if (why) note(why + "your answers in this worksheet will not be kept after you leave this page.");
  }
  root.addEventListener("input", (e) => {
    const f = e.target;
    if (!f.dataset || !f.dataset.key) return;
    f.nextElementSibling.textContent = f.value;
    dirty.add(f.dataset.key);
    clearTimeout(timer);
    timer = setTimeout(flush, 400);
  });
  root.addEventListener("focusout", flush);
  self.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", flush);
  self.addEventListener("storage", (e) => { if (root.isConnected && e.key == P + key) fill(document.activeElement); });
  fill();
}

export default function start(w) {
  const QE = w.QE = w.QE || {};
  (QE.kinds = QE.kinds || {}).worksheet = worksheet;
  if (QE.init) QE.init();
}
