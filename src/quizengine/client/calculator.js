/* The offer calculator (`::offer-calculator`, render/calculator.py): recomputes the results
   table, the summary and the chart as the learner types, with the method in offers.js, and
   keeps the numbers in this browser. Loaded only by a page with the calculator, before or
   after quizengine.js, whose storage helpers (QE.u) and mounting (QE.kinds) it uses; its
   styles are calculator.css, linked in the page's head so the first layout has them. */
import { ASSUMPTIONS, LINES, OFFER_FIELDS, compareOffers, money } from "./offers.js";

const KEY = "calculator", GROUPS = { a: OFFER_FIELDS, b: OFFER_FIELDS, you: ASSUMPTIONS };


// What was saved, kept only where it is a number in range for a field this form has:
// anything else (hand-edited, another version's) is dropped field by field, never trusted.
export function readBack(v) {
  const out = {};
  if (!v || typeof v != "object" || Array.isArray(v)) return out;
  for (const [g, fields] of Object.entries(GROUPS)) {
    const saved = Object.hasOwn(v, g) ? v[g] : null;
    if (!saved || typeof saved != "object") continue;
    for (const [k, [lo, hi]] of Object.entries(fields)) {
      const n = Object.hasOwn(saved, k) ? saved[k] : null;
      if (typeof n == "number" && Number.isFinite(n) && n >= lo && n <= hi) (out[g] ||= {})[k] = n;
    }
  }
  return out;
}

function calculator(root) {
  const { $, $$, load, save, noteIn } = self.QE.u, note = noteIn(root);
  const inputs = $$("input[data-key]", root), error = $(".qe-calc-error", root);
  const label = (i) => $(`label[for="${i.id}"]`, root).firstChild.textContent.trim();
  const set = (tr, cells) => $$("td", tr).forEach((td, i) => { (td.firstElementChild || td).textContent = cells[i]; });

  function values() {
    const v = { a: {}, b: {}, you: {} };
    let bad = null;
    for (const i of inputs) {
      const [lo, hi] = GROUPS[i.dataset.offer][i.dataset.key], n = i.value.trim() === "" ? NaN : Number(i.value);
      const ok = Number.isFinite(n) && n >= lo && n <= hi;
      i.setAttribute("aria-invalid", String(!ok));
      if (!ok && !bad) bad = `${i.closest("fieldset").querySelector("legend").textContent}: ${label(i)} needs a number from ${lo.toLocaleString("en-US")} to ${hi.toLocaleString("en-US")}.`;
      v[i.dataset.offer][i.dataset.key] = n;
    }
    return bad ? { bad } : v;
  }

  function paint(announce) {
    const v = values();
    error.hidden = !v.bad;
    error.textContent = v.bad ? v.bad + " The results below are for the last numbers that worked." : "";
    if (v.bad) return null;
    const r = compareOffers(v.a, v.b, v.you), row = (k) => $(`tr[data-line="${k}"]`, root);
    const three = ([a, b]) => [money(a), money(b), money(b - a, true)];
    LINES.forEach((k) => set(row(k), three(r.lines[k])));
    set(row("ongoing"), three(r.ongoing));
    set(row("sign_on"), three(r.sign_on));
    set(row("year1"), three(r.year1));
    const diffs = [...LINES.map((k) => [k, r.lines[k][1] - r.lines[k][0]]), ["sign_on", r.sign_on[1] - r.sign_on[0]]];
    const scale = Math.max(...diffs.map(([, x]) => Math.abs(x))) || 1;
    for (const [k, x] of diffs) {
      const bar = $(`.qe-calc-bar[data-line="${k}"]`, root), w = Math.round(5000 * Math.abs(x) / scale) / 100;
      Object.assign($(".qe-calc-track>span", bar).style, { left: (x >= 0 ? 50 : 50 - w) + "%", width: w + "%" });
      bar.lastElementChild.textContent = money(x, true);
    }
    const text = `B minus A: ${money(r.year1_diff, true)} in year 1 and ${money(r.ongoing_diff, true)} a year after that.`;
    const summary = $(".qe-calc-summary", root);
    if (summary.textContent != (announce || "") + text) summary.textContent = (announce || "") + text;
    return v;
  }

  const saved = readBack(load(KEY, (x) => x && typeof x == "object", note));
  for (const i of inputs) {
    const n = saved[i.dataset.offer]?.[i.dataset.key];
    if (n !== undefined) i.value = String(n);
  }
  let timer;
  root.querySelector("form").addEventListener("submit", (e) => e.preventDefault());
  root.addEventListener("input", () => {
    const v = paint();
    clearTimeout(timer);
    if (v) timer = setTimeout(() => { const why = save(KEY, v); if (why) note(why + "your numbers will not be kept after you leave this page."); }, 250);
  });
  $("[data-act=reset]", root).addEventListener("click", () => {
    clearTimeout(timer);
    inputs.forEach((i) => { i.value = i.defaultValue; });
    try { self.QE.u.L.removeItem(self.QE.u.P + KEY); } catch (e) { /* blocked storage: nothing was kept */ }
    paint("Back to the example. ");
  });
  paint();
}

export default function start(w) {
  const QE = w.QE = w.QE || {};
  (QE.kinds = QE.kinds || {}).calculator = calculator;
  if (QE.init) QE.init();
}
