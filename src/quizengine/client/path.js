/* quizengine learner's path (built into assets/path.min.js): ticks beside completed pages in
   the navigation and the module's contents table, "Mark this page complete", "Continue where
   you left off", and My progress's lists of what is left and what is done. Loaded by every
   module page and My progress (render/path.py), with or without quizengine.js, so it reads
   storage itself: the pages marked complete (`complete`, the record quizengine.js's backups
   export and import), each quiz's best result, and the last module page visited (`visited`).
   A page is complete when it is marked complete, or when every quiz on it is passed. */
export default function start(w, d) {
  "use strict";
  var QE = w.QE = w.QE || {};
  // Material re-runs this file on every instant navigation to a module page: bind once.
  if (QE.path) return QE.path();
  var P = "qe:v1:", L, PROTO = ["__proto__", "constructor", "prototype"];
  try { L = w.localStorage; } catch (e) { /* blocked: saving says so */ }
  var $$ = (s, e) => Array.from((e || d).querySelectorAll(s)),
    obj = v => !!v && typeof v == "object" && !Array.isArray(v),
    // The same check as quizengine.js's okDone: page -> {title, at}, nothing nested deeper.
    okMap = v => obj(v) && Object.keys(v).every(k => !PROTO.includes(k) && obj(v[k]) &&
      Object.keys(v[k]).every(j => !PROTO.includes(j) && !obj(v[k][j]) && !Array.isArray(v[k][j])) &&
      (v[k].title == null || typeof v[k].title == "string"));
  function raw(k) { try { return L.getItem(P + k); } catch (e) { return null; } }
  function read(k) { try { return JSON.parse(raw(k)); } catch (e) { return null; } }
  // A record that fails its check is never used and never overwritten: it is set aside
  // under qe:quarantine: first, as quizengine.js does, and saving starts afresh.
  function map(k) { var v = read(k); return okMap(v) ? v : {}; }
  function save(k, v) {
    try {
      var r = raw(k);
      if (r != null && !okMap(read(k))) L.setItem("qe:quarantine:" + k + ":" + Date.now(), r);
      L.setItem(P + k, JSON.stringify(v));
    } catch (e) { return e.name == "QuotaExceededError" ? "Your browser's storage is full, so " : "This browser does not allow saving, so "; }
  }
  function passed(id) { var s = read("quiz:" + id); return obj(s) && obj(s.best) && s.best.passed === true; }
  function el(t, c, x) { var e = d.createElement(t); if (c) e.className = c; if (x != null) e.textContent = x; return e; }
  // ✓ with words for screen readers; the mark itself is hidden from them, so it is read once.
  function tick(label) { var s = el("span", "qe-tick"), m = el("span", 0, "✓"); m.setAttribute("aria-hidden", "true"); s.append(m, el("span", "qe-sr", " (" + label + ")")); return s; }
  function setTick(box, on, label) {
    var t = box.querySelector(":scope>.qe-tick");
    if (on && !t) box.append(tick(label));
    if (!on && t) t.remove();
  }
  function data() {
    var t = d.querySelector(".qe-path-data");
    try { return t && JSON.parse(t.content.textContent); } catch (e) { return null; }
  }
  function say(box, m) { var l = box.querySelector(".qe-live"); l.textContent = ""; setTimeout(() => { l.textContent = m; }, 60); }

  function paint() {
    var D = data() || { modules: [] }, marks = map("complete"), seen = map("visited");
    var url = u => new URL(D.root + u, location.href).href;
    var pc = {}, ok = id => id in pc ? pc[id] : pc[id] = passed(id);
    var done = it => !!marks[it.page] || it.quizzes.length > 0 && it.quizzes.every(ok);
    var byUrl = {};
    D.modules.forEach(m => m.items.forEach(it => { byUrl[url(it.url)] = it; }));
    // Material's navigation: the sidebar, which is also the drawer on a small screen.
    $$("a.md-nav__link[href]").forEach(a => {
      var it = !a.hash && byUrl[a.href];
      if (it) setTick(a, done(it), "completed");
    });
    $$("[data-qe-page]").forEach(tr => {
      var it = D.modules.flatMap(m => m.items).find(x => x.page == tr.dataset.qePage);
      if (it) setTick(tr.querySelector("a"), done(it), "completed");
    });
    $$("[data-qe-quizzes]").forEach(td => setTick(td, td.dataset.qeQuizzes.split(" ").every(ok), "quiz passed"));
    $$(".qe-complete[data-qe-on]").forEach(box => {
      var page = box.dataset.page, on = !!marks[page], it = D.modules.flatMap(m => m.items).find(x => x.page == page);
      box.querySelector("button").setAttribute("aria-pressed", on);
      box.querySelector(".qe-done-note").textContent = on ? "✓ Marked complete. Press again to undo." :
        it && done(it) ? "✓ Complete: you passed this page's quiz." : "";
    });
    D.modules.forEach(m => {
      var left = m.items.filter(it => !done(it)), last = obj(seen[m.id]) && m.items.find(it => it.page == seen[m.id].page);
      // The module page is where this link is, so it is never where it leads.
      var started = !!last || left.length < m.items.length, next = last && !done(last) ? last : left.find(it => it.url != m.url);
      $$('.qe-continue[data-module="' + m.id + '"]').forEach(p => {
        var a = p.querySelector("a");
        p.hidden = !started || !next;
        if (next) { a.href = url(next.url); a.textContent = "Continue where you left off: " + next.title; }
      });
      $$('.qe-path[data-module="' + m.id + '"]').forEach(box => {
        var li = it => { var x = el("li"), a = el("a", 0, it.title); a.href = url(it.url); x.append(a, " (" + it.time + ")"); if (done(it)) x.append(tick("completed")); return x; };
        box.querySelector(".qe-left").replaceChildren(...(left.length ? left.map(li) : [el("li", 0, "Nothing: every page is done.")]));
        var did = m.items.filter(done);
        box.querySelector(".qe-did").replaceChildren(...(did.length ? did.map(li) : [el("li", 0, "Nothing yet.")]));
        box.hidden = false;
      });
    });
  }
  function complete(box) {
    var b = box.querySelector("button"), page = box.dataset.page;
    b.addEventListener("click", () => {
      var m = map("complete"), on = !m[page], h = d.querySelector(".md-content h1") || d.querySelector("h1"), e;
      if (on) m[page] = { title: h ? h.textContent.replace(/¶$/, "").trim() : page, at: new Date().toISOString() }; else delete m[page];
      box.querySelectorAll(".qe-warn").forEach(x => x.remove());
      if (e = save("complete", m)) box.append(el("p", "qe-warn", e + "this was not saved."));
      paint();
      say(box, e ? e + "this was not saved." : on ? "Page marked complete." : "Page no longer marked complete.");
    });
  }
  QE.path = function () {
    var D = data();
    $$(".qe-complete:not([data-qe-on])").forEach(box => { box.setAttribute("data-qe-on", ""); box.hidden = false; complete(box); });
    // Where the learner is, for "Continue where you left off" (the module page itself is not).
    (D && D.modules || []).forEach(m => {
      var it = m.items.find(x => x.page == D.page);
      if (it && it.url != m.url) { var v = map("visited"); v[m.id] = { page: it.page, at: new Date().toISOString() }; save("visited", v); }
    });
    paint();
  };
  // Another tab's save, and this tab's quiz saves (quizengine.js tells of each): a quiz
  // passed ticks its page at once.
  w.addEventListener("storage", () => QE.path && paint());
  d.addEventListener("qe:saved", () => paint());
  if (w.document$) w.document$.subscribe(QE.path);
  else if (d.readyState == "loading") d.addEventListener("DOMContentLoaded", QE.path);
  else QE.path();
}
