/* quizengine "My progress" page: the results kept in this browser, and export and import of
   a backup. Loaded only by a page with the progress widget (render/assets.py), before or
   after quizengine.js: it adds its widget to QE.kinds and uses that file's storage (QE.u). */
import { exportSheets, mergeSheets, okSheets } from "./worksheet-data.js";

export default function (w) {
  "use strict";
  var QE = w.QE = w.QE || {}, MB = 1 << 20;
  // A backup file or a response, checked whole before any of it is applied: either what is
  // wrong with it, or its responses, their results (`prog`) and the chapters marked complete.
  function backup(text, size) {
    var { obj, own, flat, opt, idMap, okResp, okProg, okDone } = QE.u, v, list, i, bad, no = ", so nothing was imported.";
    if (size > MB) return "That file is over 1 MB, too big for a progress backup" + no;
    try { v = JSON.parse(text); } catch (e) { return "That file is not JSON" + no; }
    list = obj(v) && v.format == "quizengine-progress" && v.version == 1 && Array.isArray(v.responses) ? v.responses : obj(v) && !v.format && own(v, "quiz") && [v];
    if (!list) return "That file is neither a quizengine progress export (version 1) nor a quiz response" + no;
    i = list.findIndex(r => !okResp(r)) + 1;
    bad = !flat(v, 6) ? "it uses a reserved name or nests too deeply" : i ? "response " + i + " is not a valid quiz response" : !opt(v.progress, x => idMap(x, okProg)) ? "its scores or attempt counts are not valid" : !opt(v.complete, okDone) ? "its chapters marked complete are not valid" : !opt(v.worksheets, okSheets) && "its worksheet answers are not valid";
    return bad ? "That file is damaged or was changed: " + bad + no : { list: list, prog: v.progress || {}, done: v.complete || {}, sheets: v.worksheets || {} };
  }

  function progress(root) {
    var { $, $$, mk, own, num, pts, now, noteIn, say, download, respOf, raw, load, okQuiz, okDone, P, L } = QE.u;
    var note = noteIn(root), file = $("input[type=file]", root), io = m => { $(".qe-io", root).textContent = m; say(root, m); };
    // An optional name, stored here and added to every export and download, so an
    // instructor's report can tell learners apart. Typed text only goes through `value`.
    var acts = $(".qe-acts", root), box = mk("p", "qe-name"), label = mk("label", 0, "Your name (optional, added to the results you export or download for your instructor) "), name = mk("input");
    name.type = "text"; name.maxLength = 80; name.style.cssText = "border:1px solid;border-radius:.2em;padding:.2em .4em;width:16em;max-width:100%"; name.autocomplete = "name"; name.value = raw("learner") || "";
    name.addEventListener("change", () => { try { var v = name.value.trim(); if (v) L.setItem(P + "learner", v); else L.removeItem(P + "learner"); io(v ? "Your name is saved in this browser." : "Your name was removed."); } catch (e) { io("This browser does not allow saving, so your name was not kept."); } });
    label.append(name); box.append(label);
    if (acts && !$(".qe-name", root)) acts.before(box);
    function paint() {
      var passed = {};
      $$("tr[data-quiz]", root).forEach(tr => {
        var s = load("quiz:" + tr.dataset.quiz, okQuiz(tr.dataset.quiz), note) || {}, b = s.best, c = tr.cells;
        passed[tr.dataset.quiz] = b && b.passed;
        c[1].textContent = b ? num(b.percent) + "% (" + num(b.score) + " of " + pts(b.max_score) + ")" : "–";
        c[2].textContent = b ? (b.passed ? "✓ Passed" : "✗ Not passed yet") : s.touched ? "In progress" : "Not attempted";
        c[3].textContent = s.attempts || 0;
      });
      var done = load("complete", okDone, note) || {}, ul = $(".qe-done", root);
      ul.replaceChildren(...Object.keys(done).sort().map(k => mk("li", 0, done[k].title || k)));
      $(".qe-none", root).hidden = !!ul.children.length;
      // Each module's pass requirements, against this browser's results.
      $$(".qe-finish", root).forEach(p => {
        // A page is complete when marked, or when every quiz on it (`data-via`) is passed.
        var via = new Map((p.dataset.via || "").split(" ").map(x => x.split("="))), left = (k, ok) => p.dataset[k].split(" ").filter(x => x && !ok(x)).length,
          q = left("quizzes", x => passed[x]), c = left("pages", x => done[x] || !!via.get(x) && via.get(x).split(",").every(y => passed[y]));
        $("span", p).textContent = q || c ? "Still to do: " + (q ? q + " to pass" : "") + (q && c ? ", " : "") + (c ? c + " to complete" : "") + "." : "✓ Finished.";
      });
    }
    function exportAll() {
      var out = { format: "quizengine-progress", version: 1, exported: now(), responses: [], progress: {}, complete: load("complete", okDone, note) || {} };
      Object.keys(L || {}).sort().forEach(k => {
        var id = k.slice(11), s = k.startsWith(P + "quiz:") && load("quiz:" + id, okQuiz(id), note);
        if (!s) return;
        out.responses.push(respOf(s));
        out.progress[id] = { version: s.version, attempts: s.attempts || 0, best: s.best, last: s.last, checked: s.checked, submitted: !!s.submitted };
      });
      var sheets = Object.keys(out.worksheets = exportSheets(QE.u, note)).length; // worksheet.js's answers
      download("quizengine-progress.json", out);
      io("Exported " + out.responses.length + " quizzes" + (sheets ? " and " + sheets + " worksheet" + (sheets == 1 ? "" : "s") : "") + " to quizengine-progress.json.");
    }
    function merge(text, size) {
      var b = backup(text, size), n = 0, quizzes = 0, kept = 0, pages = 0, recs = new Map(), done, e, many = (c, w, ws) => c + " " + (c == 1 ? w : ws);
      if (typeof b == "string") return io(b);
      b.list.forEach(r => {
        var k = "quiz:" + r.quiz, here = recs.get(k) || load(k, okQuiz(r.quiz), note), s = here || { quiz: r.quiz, version: "", answers: {}, attempts: 0 };
        var p = own(b.prog, r.quiz) ? b.prog[r.quiz] : {};
        // Merge, never replace: answers already here win, best scores keep the higher one.
        var had = n;
        Object.keys(r.answers).forEach(q => {
          if (!own(s.answers, q)) s.answers[q] = r.answers[q], s.touched = 1, n++;
          else if (JSON.stringify(s.answers[q]) != JSON.stringify(r.answers[q])) kept++;
        });
        if (n > had) quizzes++;
        s.presented = s.presented || r.presented;
        if (!s.version && p.version) s.version = p.version;
        s.attempts = Math.max(s.attempts || 0, p.attempts || 0);
        if (p.best && (!s.best || p.best.percent > s.best.percent)) s.best = p.best;
        if (!s.last && p.last) s.last = p.last;
        // A quiz new to this browser picks up where the other one was: checked, or submitted.
        if (!here && r.presented) { s.checked = p.checked || []; s.submitted = !!p.submitted; }
        recs.set(k, s);
      });
      done = load("complete", okDone, note) || {};
      Object.keys(b.done).forEach(k => { if (!own(done, k)) done[k] = b.done[k], pages++; });
      if (pages) recs.set("complete", done);
      var ws = mergeSheets(QE.u, b.sheets, recs, note);
      kept += ws.kept;
      if (e = saveAll(recs)) return io(e + "nothing was imported.");
      var got = [n && many(n, "answer", "answers") + " to " + many(quizzes, "quiz", "quizzes"), pages && many(pages, "chapter", "chapters") + " marked complete", ws.added && many(ws.added, "worksheet answer", "worksheet answers")].filter(Boolean);
      io((got.length ? "Imported " + got.join(" and ") + "." : "Nothing new to import.") +
        (kept ? " Where the file differs from an answer already here, yours was kept (" + many(kept, "answer", "answers") + ")." : ""));
      paint();
    }
    file.addEventListener("change", () => { var f = file.files[0]; if (f) f.slice(0, MB + 1).text().then(t => merge(t, f.size)).finally(() => { file.value = ""; }); });
    w.addEventListener("storage", () => root.isConnected && paint());
    root.addEventListener("click", e => {
      var a = (e.target.closest("[data-act]") || {}).dataset;
      if (a && a.act == "export") exportAll();
      if (a && a.act == "import") file.click();
    });
    paint();
  }

  // Several records, all or none: after a failed write, those already written are put back.
  function saveAll(m) {
    var { raw, save, P, L } = QE.u, done = [], e;
    m.forEach((v, k) => { var r = raw(k); if (!e && !(e = save(k, v))) done.push([k, r]); });
    if (e) done.forEach(x => { try { if (x[1] == null) L.removeItem(P + x[0]); else L.setItem(P + x[0], x[1]); } catch (z) { /* nothing more to try */ } });
    return e;
  }
  (QE.kinds = QE.kinds || {}).progress = progress;
  QE.backup = backup;
  if (QE.init) QE.init();
}
