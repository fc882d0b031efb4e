/* The offer calculator (`::offer-calculator`, render/calculator.py): recomputes the results
   table, the summary and the chart as the learner types, with the method in offers.js, and
   keeps the numbers in this browser. Loaded only by a page with the calculator, before or
   after quizengine.js, whose storage helpers (QE.u) and mounting (QE.kinds) it uses. */
import { ASSUMPTIONS, LINES, OFFER_FIELDS, compareOffers, money } from "./offers.js";

const KEY = "calculator", GROUPS = { a: OFFER_FIELDS, b: OFFER_FIELDS, you: ASSUMPTIONS };

const CSS = `
.qe-calc{margin:1.5em 0;padding:0 1em 1em;border:1px solid var(--md-default-fg-color--lightest);border-radius:.2rem}
.qe-calc-offers{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(14rem,100%),1fr));gap:0 1em}
.qe-calc fieldset{min-width:0;margin:1em 0 0;padding:.2em .8em .8em;border:1px solid var(--md-default-fg-color--lightest);border-radius:.2rem}
.qe-calc legend{padding:0 .3em;font-weight:700}
.qe-calc [data-offer=you]{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(12rem,100%),1fr));gap:0 1em}
.qe-calc [data-offer=you] legend{grid-column:1/-1}
.qe-calc-field{margin-top:.6em}
.qe-calc-field label{display:block;font-weight:600}
.qe-calc-unit,.qe-calc-hint{font-weight:400}
.qe-calc-hint{display:block;font-size:.85em}
.qe-calc input{box-sizing:border-box;width:100%;font:inherit;padding:.3em .4em;color:var(--md-default-fg-color);background:var(--md-default-bg-color);border:1px solid var(--md-default-fg-color--light);border-radius:.2rem}
.qe-calc input[aria-invalid=true]{border:.15rem solid var(--md-typeset-del-color,#d32f2f)}
.qe-calc :focus-visible{outline:.15rem solid var(--md-default-fg-color);outline-offset:.15rem}
.qe-calc-error{font-weight:700}
.qe-calc-acts{display:flex;flex-wrap:wrap;align-items:center;gap:.5em 1em;margin-top:1em}
.md-typeset .qe-calc .md-button{margin:0;padding:.4em 1em;color:var(--md-default-fg-color);border-color:currentColor;background:none;cursor:pointer;font:inherit}
/* Stays in sight at the bottom of the screen while the learner types further up. */
.qe-calc-summary{position:sticky;bottom:0;z-index:1;box-shadow:0 -.2rem .4rem var(--md-default-bg-color);margin-top:1em;padding:.3em .8em;border-left:.2rem solid var(--md-accent-fg-color);background:var(--md-code-bg-color);font-weight:700}
.qe-calc-scroll{overflow-x:auto}
.md-typeset .qe-calc-table{display:table;width:100%;font-size:.85em}
.md-typeset .qe-calc-table :is(td,th){padding:.4em .6em}
.md-typeset .qe-calc-table th{text-align:left}
.md-typeset .qe-calc-table :is(td,thead th+th){text-align:right;white-space:nowrap}
.qe-calc-table tbody+tbody{border-top:2px solid var(--md-default-fg-color--light)}
.md-typeset .qe-calc-chart{display:block;width:auto;max-width:none;margin:1em 0 0;font-size:.85em;text-align:left}
.md-typeset .qe-calc-chart figcaption{max-width:none;margin:0 0 .5em;font-style:normal}
.qe-calc-bar{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.5fr) 5.5em;align-items:center;gap:.5em;margin:.2em 0}
.qe-calc-bar>span:last-child{text-align:right;white-space:nowrap}
.qe-calc-track{position:relative;height:1.1em;background:linear-gradient(var(--md-default-fg-color--light),var(--md-default-fg-color--light)) 50%/1px 100% no-repeat}
.qe-calc-track>span{position:absolute;top:.15em;bottom:.15em;background:var(--md-accent-fg-color);border-radius:.1rem}
`;

function style(d) {
  if (d.getElementById("qe-calc-css")) return;
  const s = d.createElement("style");
  s.id = "qe-calc-css";
  s.textContent = CSS;
  d.head.append(s);
}

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
  style(document);
  paint();
}

export default function start(w) {
  const QE = w.QE = w.QE || {};
  (QE.kinds = QE.kinds || {}).calculator = calculator;
  if (QE.init) QE.init();
}
