/* quizengine UI: storage, the progress page, "Mark as complete", and mounting every widget
   (the quiz widget itself is quiz.js).
   How it loads and survives instant navigation: src/quizengine/render/assets.py.
   Learner text only ever goes through textContent and value, never innerHTML. */
(function (w, d) {
  "use strict";
  var QE = w.QE = w.QE || {};
  // Material re-runs this file on every instant navigation to a quiz page: bind once.
  if (QE.init) return;
  var P = "qe:v1:", L, pend = new Map(), own = Object.hasOwn, SLUG = /^[a-z0-9][a-z0-9-]*$/;
  try { L = w.localStorage; } catch (e) { /* blocked: load and save report it */ }
  var $ = (s, e) => (e || d).querySelector(s), $$ = (s, e) => Array.from((e || d).querySelectorAll(s));
  var obj = v => !!v && typeof v == "object" && !Array.isArray(v);
  var strs = v => Array.isArray(v) && v.every(x => typeof x == "string");
  var num = x => String(Math.round(x * 100) / 100), pts = x => num(x) + " point" + (x == 1 ? "" : "s");
  var now = () => new Date().toISOString();
  var okBest = b => obj(b) && ["score", "max_score", "percent"].every(k => typeof b[k] == "number");
  var okDone = v => obj(v) && Object.values(v).every(obj);
  var okQuiz = id => v => obj(v) && v.quiz === id && obj(v.answers) && (v.presented == null || strs(v.presented)) &&
    (v.order == null || obj(v.order)) && (v.checked == null || strs(v.checked)) && (v.attempts == null || v.attempts >= 0) &&
    (v.best == null || okBest(v.best));
  function mk(t, c, x) { var e = d.createElement(t); if (c) e.className = c; if (x != null) e.textContent = x; return e; }
  function shuffle(a) { for (var i = a.length, j, t; i > 1;) { j = Math.random() * i-- | 0; t = a[i]; a[i] = a[j]; a[j] = t; } return a; }
  function say(box, m) { var l = $(".qe-live", box); l.textContent = ""; setTimeout(() => { l.textContent = m; }, 60); }
  function noteIn(box) { return m => { var n = $(".qe-note", box); n.append(mk("p", 0, m)); n.hidden = false; }; }
  function mark(e, ok, text) {
    var m = $(":scope>.qe-mark", e) || e.appendChild(mk("span", "qe-mark"));
    m.textContent = text && (ok ? "✓ " : "✗ ") + text;
    m.dataset.ok = ok;
  }
  function download(name, v) {
    var a = mk("a");
    a.href = URL.createObjectURL(new Blob([JSON.stringify(v, null, 2) + "\n"], { type: "application/json" }));
    a.download = name;
    d.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1e4);
  }
  function respOf(s) {
    var a = {};
    (s.presented || Object.keys(s.answers)).forEach(k => { if (own(s.answers, k)) a[k] = s.answers[k]; });
    return { quiz: s.quiz, presented: s.presented, answers: a };
  }
  // Storage. Data that does not parse or fit is moved aside under qe:quarantine:, and the
  // learner is told where: never crashed on, never silently erased.
  function load(key, ok, note) {
    var raw, v, q = "qe:quarantine:" + key + ":" + Date.now();
    try { raw = L.getItem(P + key); } catch (e) { return; }
    if (raw == null) return;
    try { v = JSON.parse(raw); if (ok(v)) return v; } catch (e) { /* reported below */ }
    try { L.setItem(q, raw); L.removeItem(P + key); } catch (e) { q = P + key; }
    note("Saved progress could not be read, so it was set aside under the storage key “" + q + "” (not deleted). Saving starts afresh.");
  }
  function save(key, v) { try { L.setItem(P + key, JSON.stringify(v)); return 1; } catch (e) { /* full or blocked: the caller says so */ } }
  function later(key, f) { clearTimeout((pend.get(key) || {}).t); pend.set(key, { f: f, t: setTimeout(() => flush(key), 400) }); }
  function flush(key) {
    (key ? [key] : Array.from(pend.keys())).forEach(k => { var p = pend.get(k); if (p) { pend.delete(k); clearTimeout(p.t); p.f(); } });
  }
  w.addEventListener("pagehide", () => flush());
  d.addEventListener("visibilitychange", () => flush());

  function progress(root) {
    var note = noteIn(root), file = $("input[type=file]", root);
    function paint() {
      $$("tr[data-quiz]", root).forEach(tr => {
        var s = load("quiz:" + tr.dataset.quiz, okQuiz(tr.dataset.quiz), note) || {}, b = s.best, c = tr.cells;
        c[1].textContent = b ? num(b.percent) + "% (" + num(b.score) + " of " + pts(b.max_score) + ")" : "–";
        c[2].textContent = b ? (b.passed ? "✓ Passed" : "✗ Not passed yet") : s.touched ? "In progress" : "Not attempted";
        c[3].textContent = s.attempts || 0;
      });
      var done = load("complete", okDone, note) || {}, ul = $(".qe-done", root);
      ul.replaceChildren(...Object.keys(done).sort().map(k => mk("li", 0, done[k].title || k)));
      $(".qe-none", root).hidden = !!ul.children.length;
    }
    function exportAll() {
      var out = { format: "quizengine-progress", version: 1, exported: now(), responses: [], progress: {}, complete: load("complete", okDone, note) || {} };
      Object.keys(L || {}).sort().forEach(k => {
        var id = k.slice(11), s = k.startsWith(P + "quiz:") && load("quiz:" + id, okQuiz(id), note);
        if (!s) return;
        out.responses.push(respOf(s));
        out.progress[id] = { version: s.version, attempts: s.attempts || 0, best: s.best, last: s.last };
      });
      download("quizengine-progress.json", out);
      say(root, "Exported " + out.responses.length + " quizzes.");
    }
    function merge(text) {
      var v, n = 0, skipped = [], done, list;
      try { v = JSON.parse(text); } catch (e) { return note("That file is not JSON, so nothing was imported."); }
      list = obj(v) && v.format == "quizengine-progress" && v.version == 1 && Array.isArray(v.responses) ? v.responses : obj(v) && !v.format && own(v, "quiz") && [v];
      if (!list) return note("That file is neither a quizengine progress export (version 1) nor a quiz response, so nothing was imported.");
      list.forEach((r, i) => {
        if (!obj(r) || !SLUG.test(r.quiz) || !obj(r.answers) || r.presented != null && !strs(r.presented)) return skipped.push(i + 1);
        var k = "quiz:" + r.quiz, s = load(k, okQuiz(r.quiz), note) || { quiz: r.quiz, version: "", answers: {}, attempts: 0 };
        var p = obj(v.progress) && obj(v.progress[r.quiz]) ? v.progress[r.quiz] : {};
        // Merge, never replace: answers already here win, best scores keep the higher one.
        Object.keys(r.answers).forEach(q => { if (!own(s.answers, q)) s.answers[q] = r.answers[q], s.touched = 1; });
        s.presented = s.presented || r.presented;
        if (!s.version && typeof p.version == "string") s.version = p.version;
        s.attempts = Math.max(s.attempts || 0, p.attempts >= 0 ? +p.attempts : 0);
        if (okBest(p.best) && (!s.best || p.best.percent > s.best.percent)) s.best = p.best;
        if (!s.last && okBest(p.last)) s.last = p.last;
        save(k, s);
        n++;
      });
      if (obj(v.complete)) {
        done = load("complete", okDone, note) || {};
        Object.keys(v.complete).forEach(k => { if (obj(v.complete[k]) && !done[k]) done[k] = v.complete[k]; });
        save("complete", done);
      }
      note("Imported " + n + " quiz response" + (n == 1 ? "." : "s.") + (skipped.length ? " Skipped entry " + skipped.join(", ") + ": a response needs a quiz id and an answers object." : ""));
      paint();
    }
    file.addEventListener("change", () => { var f = file.files[0]; if (f) f.text().then(merge).finally(() => { file.value = ""; }); });
    root.addEventListener("click", e => {
      var a = (e.target.closest("[data-act]") || {}).dataset;
      if (a && a.act == "export") exportAll();
      if (a && a.act == "import") file.click();
    });
    paint();
  }

  function complete(box) {
    var b = $("button", box), page = box.dataset.page, all = () => load("complete", okDone, m => box.append(mk("p", "qe-warn", m))) || {};
    var paint = () => b.setAttribute("aria-pressed", !!all()[page]);
    b.addEventListener("click", () => {
      var m = all(), on = !m[page], h = $(".md-content h1") || $("h1");
      if (on) m[page] = { title: h ? h.textContent.replace(/¶$/, "").trim() : page, at: now() }; else delete m[page];
      save("complete", m); paint();
      say(box, on ? "Chapter marked as complete." : "Chapter no longer marked as complete.");
    });
    paint();
  }

  // The quiz widget lives in quiz.js (bundled before this file) and borrows these helpers.
  QE.u = { $, $$, mk, obj, strs, num, pts, now, own, okQuiz, shuffle, say, noteIn, mark, download, respOf, load, save, later, flush };
  var KINDS = { quiz: r => QE.quiz(r), progress: progress, complete: complete };
  QE.init = function () {
    flush();
    $$("[data-qe]:not([data-qe-on])").forEach(e => {
      e.setAttribute("data-qe-on", "");
      var js = [e].concat($$(".qe-js", e)).filter(x => x.classList.contains("qe-js"));
      js.forEach(x => { x.hidden = false; });
      try {
        KINDS[e.dataset.qe](e);
        $$(".qe-nojs", e).forEach(x => { x.hidden = true; });
      } catch (x) {
        js.forEach(x => { x.hidden = true; });
        e.prepend(mk("p", "qe-warn", "This part of the page could not start: " + x.message));
        setTimeout(() => { throw x; });
      }
    });
  };
  if (w.document$) w.document$.subscribe(QE.init);
  else if (d.readyState == "loading") d.addEventListener("DOMContentLoaded", QE.init);
  else QE.init();
})(self, document);
