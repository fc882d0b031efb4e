/* quizengine UI: storage, the quiz widget, the progress page, and mounting every widget
   ("Mark this page complete" is path.js's). The grader (grader.js) and STAR analysis (star.js) are QE.grade
   and QE.star. How it loads and survives instant navigation: src/quizengine/render/assets.py.
   Learner text only ever goes through textContent and value, never innerHTML (the one
   exception, author HTML from the build-time data, is in `list`). */
export default function start(w, d) {
  "use strict";
  var QE = w.QE = w.QE || {};
  // Material re-runs this file on every instant navigation to a quiz page: bind once, and
  // mount the new page's widgets (this run may come before or after document$ emits).
  if (QE.init) return QE.init();
  var P = "qe:v1:", L, pend = new Map(), own = Object.hasOwn, SLUG = /^[a-z0-9][a-z0-9-]*$/, MB = 1 << 20,
    PROTO = ["__proto__", "constructor", "prototype"];
  try { L = w.localStorage; } catch (e) { /* blocked: load and save report it */ }
  var $ = (s, e) => (e || d).querySelector(s), $$ = (s, e) => Array.from((e || d).querySelectorAll(s)),
    obj = v => !!v && typeof v == "object" && !Array.isArray(v),
    strs = v => Array.isArray(v) && v.every(x => typeof x == "string"),
    num = x => String(Math.round(x * 100) / 100), pts = x => num(x) + " point" + (x == 1 ? "" : "s"),
    now = () => new Date().toISOString(),
    // The export schema (docs/progress.md), checked on everything read from storage or a
    // file before any of it is used: ids are slugs that never name a prototype key, no key
    // anywhere does, nesting is bounded (an answer is at most two levels deep), scores lie
    // within 0..max and agree with their percent.
    opt = (v, f) => v == null || f(v),
    isId = k => typeof k == "string" && SLUG.test(k) && !PROTO.includes(k),
    idList = v => Array.isArray(v) && v.every(isId) && new Set(v).size == v.length,
    idMap = (v, f) => obj(v) && Object.keys(v).every(k => isId(k) && (!f || f(v[k]))),
    flat = (v, n) => v === null || typeof v != "object" || n > 0 && Object.keys(v).every(k => !PROTO.includes(k) && flat(v[k], n - 1)),
    okBest = b => obj(b) && [b.score, b.max_score, b.percent].every(Number.isFinite) && typeof b.passed == "boolean" &&
      b.score >= 0 && b.score <= b.max_score + 1e-9 && Math.abs(b.percent - (b.max_score && 100 * b.score / b.max_score)) < 1e-6,
    okProg = v => obj(v) && opt(v.version, x => typeof x == "string") && opt(v.attempts, x => Number.isInteger(x) && x >= 0) &&
      opt(v.best, okBest) && opt(v.last, okBest) && opt(v.checked, idList) && opt(v.submitted, x => typeof x == "boolean"),
    okResp = v => obj(v) && isId(v.quiz) && idMap(v.answers) && opt(v.presented, idList),
    okDone = v => flat(v, 2) && obj(v) && Object.values(v).every(x => obj(x) && opt(x.title, y => typeof y == "string")),
    okQuiz = id => v => flat(v, 4) && okResp(v) && okProg(v) && v.quiz === id && opt(v.order, o => idMap(o, strs)) &&
      opt(v.stale, obj) && opt(v.began, Number.isFinite),
    // An attempt is known by when it began; a submitted one ranks above itself unsubmitted.
    stage = s => (s.began || 0) * 2 + !!s.submitted;
  function mk(t, c, x) { var e = d.createElement(t); if (c) e.className = c; if (x != null) e.textContent = x; return e; }
  function shuffle(a) { for (var i = a.length, j, t; i > 1;) { j = Math.random() * i-- | 0; t = a[i]; a[i] = a[j]; a[j] = t; } return a; }
  function say(box, m) { var l = $(".qe-live", box); l.textContent = ""; setTimeout(() => { l.textContent = m; }, 60); }
  // A note is said once, however often its cause recurs (each save, each other tab's save).
  function noteIn(box) { return m => { var n = $(".qe-note", box); if (!$$("p", n).some(p => p.textContent == m)) n.append(mk("p", 0, m)); n.hidden = false; }; }
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
    // `began` tells attempts apart and `learner` (set on the My progress page) names them,
    // for the instructors' report (docs/instructors/results.md).
    return { quiz: s.quiz, presented: s.presented, answers: a, began: s.began, learner: raw("learner") || void 0 };
  }
  // Storage. A record that does not parse or pass its check is moved aside under
  // qe:quarantine:, and the learner is told where: never crashed on, never silently erased.
  function raw(key) { try { return L.getItem(P + key); } catch (e) { /* blocked: saving says so */ } }
  function valid(text, ok) { try { var v = text.length <= MB && JSON.parse(text); if (ok(v)) return v; } catch (e) { /* not JSON */ } }
  function load(key, ok, note) {
    var r = raw(key), v = valid(r, ok);
    if (r != null && !v) aside(key, r, note);
    return v;
  }
  function aside(key, r, note) {
    var q = "qe:quarantine:" + key + ":" + Date.now();
    try { L.setItem(q, r); L.removeItem(P + key); } catch (e) { return note("Saved progress could not be read, and there is no room to set it aside: it will be replaced."); }
    note("Saved progress could not be read, so it was set aside under the storage key “" + q + "” (not deleted). Saving starts afresh.");
  }
  // Returns nothing when saved, else the start of a message saying why not.
  function save(key, v) {
    // path.js (ticks, what is left) listens, so a quiz passed shows at once.
    try { L.setItem(P + key, JSON.stringify(v)); d.dispatchEvent(new Event("qe:saved")); } catch (e) { return e.name == "QuotaExceededError" ? "Your browser's storage is full, so " : "This browser does not allow saving, so "; }
  }
  // Two tabs, one record: before each save, and whenever another tab saves, the stored record
  // is read again and joined with this tab's. A later attempt wins whole, and so does a
  // submitted one over the same attempt unsubmitted: a tab left open from before never undoes
  // a submission. Within one attempt, each question keeps its last edit: this tab's for the
  // questions it changed since it last saved (`dirty`), the stored one for the others. The
  // attempt count and the best score never go down; `last` is the latest submission.
  function join(mine, theirs, dirty) {
    if (!theirs) return mine;
    var w = stage(theirs) > stage(mine) ? theirs : mine, s = Object.assign({}, w),
      hi = (a, b, f) => !a || b && f(b) > f(a) ? b : a;
    if (stage(theirs) == stage(mine) && !w.submitted) {
      s.answers = Object.assign({}, theirs.answers);
      s.checked = (theirs.checked || []).filter(k => !dirty.has(k));
      dirty.forEach(k => {
        if (own(mine.answers, k)) s.answers[k] = mine.answers[k]; else delete s.answers[k];
        if (mine.checked.includes(k)) s.checked.push(k);
      });
    }
    s.attempts = Math.max(mine.attempts || 0, theirs.attempts || 0);
    s.best = hi(mine.best, theirs.best, b => b.percent);
    s.last = hi(mine.last, theirs.last, b => b.at || "");
    s.touched = mine.touched || theirs.touched;
    return s;
  }
  function later(key, f) { clearTimeout((pend.get(key) || {}).t); pend.set(key, { f: f, t: setTimeout(() => flush(key), 400) }); }
  function flush(key) {
    (key ? [key] : Array.from(pend.keys())).forEach(k => { var p = pend.get(k); if (p) { pend.delete(k); clearTimeout(p.t); p.f(); } });
  }
  w.addEventListener("pagehide", () => flush());
  d.addEventListener("visibilitychange", () => flush());

  // The quiz widget: one question type per branch, answers by id, progress saved as the
  // learner goes.
  var WORD = { correct: "✓ Correct", partial: "◐ Partly correct", incorrect: "✗ Incorrect", unanswered: "○ Not answered", invalid: "⚠ Answer not understood" };
  function quiz(root) {
    var data = JSON.parse($(".qe-data", root).content.textContent), src = JSON.stringify(data), id = data.id, G = QE.grade;
    var qs = data.questions, by = Object.create(null), lis = Object.create(null), key = "quiz:" + id, note = noteIn(root), ver = root.dataset.version;
    var ids = q => (q.options || q.items || []).map(o => o.id);
    // Groups an attempt draws from, [ids, how many] (0: all): several when the quiz draws a
    // set number from each of its question banks.
    var pools = data.pools || [[qs.map(q => q.id), data.draw]], want = pools.reduce((n, [g, k]) => n + (k || g.length), 0);
    var perm = (a, b) => strs(a) && a.length == b.length && b.every(x => a.includes(x));
    var fits = (q, a) => { try { return q.type == "numeric" && typeof a == "string" || G.gradeQuestion(q, a).status != "invalid"; } catch (e) { return true; } };
    var st, dirty, warned, store = () => sync(1);
    var persist = () => { later(key, store); flush(key); };
    qs.forEach(q => { by[q.id] = q; });
    $$(".qe-q", root).forEach(li => { lis[li.dataset.qid] = li; });
    var fresh = { quiz: id, version: ver, answers: {}, attempts: 0 };
    // Stored data never stops a quiz from starting: if it passed its check and still trips
    // the page, it is set aside and the quiz starts afresh.
    try { start(load(key, okQuiz(id), note) || fresh); } catch (e) { if (!raw(key)) throw e; aside(key, raw(key), note); start(fresh); }
    function start(s) {
      st = s;
      var all = Object.keys(st.answers), kept = all.filter(k => by[k] && fits(by[k], st.answers[k]));
      // Until its first save, this tab's view of every question wins over the stored one.
      dirty = new Set(all.concat(qs.map(q => q.id)));
      if (st.version != ver || kept.length < all.length) {
        st.stale = st.stale || {};
        all.forEach(k => { if (!kept.includes(k)) { st.stale[k] = st.answers[k]; delete st.answers[k]; } });
        if (st.version || kept.length < all.length) {
          note((st.version && st.version != ver ? "This quiz has changed since your last visit. " : "") +
            kept.length + " of " + all.length + " saved answers still fit and were restored.");
        }
        st.version = ver; st.checked = []; st.submitted = false; st.began = Date.now();
      }
      st.order = st.order || {}; st.checked = st.checked || [];
      var p = st.presented;
      if (!p || new Set(p).size != p.length || !p.every(k => by[k]) || p.length != want) deal();
      qs.forEach(q => { if (!perm(shown(q) || ids(q), ids(q))) order(q); });
      paint();
    }
    // Before each save, and when another tab saves this quiz, the stored record is joined
    // with this tab's, and the page shows the result.
    function sync(write) {
      var old = st, m;
      st = join(st, load(key, okQuiz(id), note), dirty);
      if (stage(st) != stage(old)) note("This quiz was submitted or restarted in another tab or window: this page now shows it.");
      if (JSON.stringify(st) != JSON.stringify(old)) paint();
      if (write && (m = save(key, st))) { if (!warned) warned = 1, note(m + "your answers are not being saved. Use “Download response” to keep a copy."); }
      else if (write) dirty.clear();
    }
    w.addEventListener("storage", e => { if (root.isConnected && (!e.key || e.key == P + key)) sync(); });

    // An ordering's shuffled start is where its items are shown, not an answer: it becomes
    // one when the learner moves an item or checks the question (never on submit alone).
    function shown(q) { return q.items ? st.answers[q.id] || st.order[q.id] || [] : st.order[q.id]; }
    function order(q) {
      var o = ids(q), s = shuffle(o.slice());
      while (q.items && s.join() == o.join()) shuffle(s);
      if (q.items || q.options && q.shuffle_options !== false) st.order[q.id] = s; else delete st.order[q.id];
    }
    function deal() {
      var p = qs.map(q => q.id), pick = pools.flatMap(([g, k]) => k ? shuffle(g.slice()).slice(0, k) : g);
      st.presented = data.shuffle_questions ? shuffle(pick.slice()) : p.filter(k => pick.includes(k));
      st.order = {}; st.checked = []; st.submitted = false; st.began = Date.now();
      qs.forEach(q => { if (!q.items || !perm(st.answers[q.id], ids(q))) order(q); });
    }
    // Moving a node makes the browser rebuild its rendering, a real share of the page's
    // load time (benchmarks/site_bench.py): only nodes out of place move.
    function arrange(box, nodes) {
      nodes.forEach((e, i) => { if (box.children[i] != e) box.insertBefore(e, box.children[i]); });
    }
    function layout() {
      qs.forEach(q => { lis[q.id].hidden = !st.presented.includes(q.id); });
      arrange($(".qe-qs", root), st.presented.map((k, i) => { $(".qe-i", lis[k]).textContent = i + 1; return lis[k]; }));
      qs.forEach(q => {
        var c = $(".qe-opts,.qe-ord", lis[q.id]), o = shown(q);
        if (o && c) arrange(c, o.map(x => $('[data-id="' + x + '"]', c)));
        put(q);
      });
    }
    function put(q) {
      var li = lis[q.id], a = st.answers[q.id], t = q.type;
      if (t == "matching") $$("select", li).forEach(s => { s.value = a && a[s.dataset.left] || ""; });
      else if (t == "star") {
        $$("textarea", li).forEach(x => { x.value = a && a[x.dataset.k] || ""; });
        $$(".qe-crit", li).forEach(f => $$("input", f).forEach(x => { x.checked = !!a && obj(a.self_rating) && a.self_rating[f.dataset.r] === +x.value; }));
        count(q);
      } else if (t == "text") QE.text.put(li, a);
      else if (t != "ordering") {
        $$("input", li).forEach(x => {
          if (x.type == "text") x.value = a == null ? "" : a;
          else x.checked = a != null && [].concat(a).map(String).includes(x.value);
        });
      }
    }
    function get(q) {
      var li = lis[q.id], t = q.type, a = {}, v, r = {};
      if (t == "ordering") return $$("[data-id]", li).map(e => e.dataset.id);
      if (t == "matching") {
        $$("select", li).forEach(s => { if (s.value) a[s.dataset.left] = s.value; });
        return Object.keys(a).length ? a : undefined;
      }
      if (t == "text") return QE.text.get(li);
      if (t == "star") {
        $$("textarea", li).forEach(x => { a[x.dataset.k] = x.value; v = v || x.value.trim(); });
        $$(".qe-crit", li).forEach(f => { var c = $("input:checked", f); if (c) { r[f.dataset.r] = +c.value; a.self_rating = r; v = 1; } });
        return v ? a : undefined;
      }
      v = $$("input:checked", li).map(x => x.value);
      if (t == "multiple") return v.length ? v : undefined;
      if (t == "single") return v[0];
      if (t == "true_false") return v[0] && v[0] == "true";
      v = $("input", li).value;
      return v.trim() ? v : undefined;
    }
    function count(q) {
      var li = lis[q.id], n = 0, t = $(".qe-total", li), lo = +t.dataset.min, hi = +t.dataset.max;
      var words = s => (QE.star && QE.star.words ? QE.star.words(s) : s.match(/[\p{L}\p{N}'-]+/gu) || []).length;
      $$("textarea", li).forEach(x => { var c = words(x.value); n += c; d.getElementById(x.id + "-wc").textContent = c + (c == 1 ? " word" : " words"); });
      t.textContent = n + " words so far: " + (n < lo ? lo - n + " more to reach the minimum." : n > hi ? n - hi + " over the maximum." : "within the range ✓");
      t.dataset.state = n < lo ? "low" : n > hi ? "high" : "ok";
    }
    function list(box, xs, html) {
      if (!xs.length) return;
      var ul = mk("ul");
      // Only strings that occur verbatim in the build-time data are author HTML; anything
      // else (a STAR check, say) is plain text.
      xs.forEach(x => { var li = ul.appendChild(mk("li")); if (html && src.includes(JSON.stringify(x))) li.innerHTML = x; else li.textContent = x; });
      box.append(ul);
    }
    var sub; // set while a submitted attempt is shown: its inputs are locked until a new attempt
    function show(q, r) {
      var li = lis[q.id], box = $(".qe-res", li), t = q.type;
      var opts = q.options || t == "true_false" && [{ id: "true", correct: q.answer }, { id: "false", correct: !q.answer }];
      li.dataset.status = r.status;
      $$(".qe-nan", li).forEach(e => { e.hidden = true; });
      // An unrated STAR answer has no score yet: its checks are feedback, not a verdict.
      box.replaceChildren(mk("p", "qe-st", r.needs_self_review ? QE[t + "Unrated"](sub) : WORD[r.status] + ": " + num(r.score) + " of " + pts(r.max_score) + "."));
      if (r.error) box.append(mk("p", 0, r.error));
      list(box, r.feedback.filter(f => !(opts || []).some(o => o.feedback == f)), 1);
      if (opts) $$(".qe-opt", li).forEach(o => {
        var x = opts.find(y => y.id == o.dataset.id), c = $("input", o).checked, f = $(".qe-ofb", o);
        mark(o, x.correct, c ? "Your answer: " + (x.correct ? "correct" : "incorrect") : x.correct ? "Correct answer" : "");
        if (f) f.hidden = !c;
      });
      if (t == "ordering") $$("[data-id]", li).forEach((e, i) => { var k = ids(q).indexOf(e.dataset.id); mark(e, k == i, k == i ? "In the right place" : "Belongs at position " + (k + 1)); });
      if (t == "matching") $$("select", li).forEach(s => {
        var k = G.ab(q.pairs.findIndex(p => p.id == s.dataset.left)), ok = s.value == k;
        mark(s.parentNode, ok, ok ? "Correct match" : "Should be: " + $('option[value="' + k + '"]', s).textContent);
      });
      if (r.status != "correct" && t == "short_text" && q.match != "regex") box.append(mk("p", 0, "An accepted answer: " + q.answers.reduce((a, b) => b.score > a.score ? b : a).text));
      if (r.status != "correct" && t == "numeric") box.append(mk("p", 0, "The answer: " + q.answer + (q.units || q.unit ? " " + (q.units || [q.unit])[0] : "") + (q.tolerance ? " (give or take " + q.tolerance + ")" : "") + "."));
      // A STAR result is told by star-ui.js, which comes with star.js on pages with a STAR question.
      if (t == "star") QE.starShow(box, q, r, mk, list);
      if (t == "text") QE.text.show(li);
      $$(".qe-expl,.qe-ex", li).forEach(e => { e.hidden = false; });
      box.hidden = false;
    }
    // A STAR or text answer is rated after checking: it stays open until the quiz is submitted.
    function lock(q, on, all) {
      var li = lis[q.id], c = $(".qe-acts", li), open = !all && (q.type == "star" || q.type == "text");
      if (!open) $$("input,select,textarea,[data-act=up],[data-act=down]", li).forEach(x => { x.disabled = on; });
      if (c) c.hidden = on && !open;
    }
    function check(q) {
      var li = lis[q.id], n = "Question " + (st.presented.indexOf(q.id) + 1);
      if (q.type == "ordering" && !own(st.answers, q.id)) st.answers[q.id] = get(q);
      if (!own(st.answers, q.id)) {
        $(".qe-res", li).replaceChildren(mk("p", "qe-st", "No answer yet: answer the question, then check it."));
        $(".qe-res", li).hidden = false;
        return say(root, n + " has no answer yet.");
      }
      var r = G.gradeQuestion(q, st.answers[q.id]);
      if (r.error) { say(root, nan(q, r)); return $("input", li).focus(); }
      show(q, r);
      lock(q, 1);
      if (!st.checked.includes(q.id)) st.checked.push(q.id);
      dirty.add(q.id);
      persist();
      say(root, n + ": " + $(".qe-st", li).textContent + (st.presented.every(k => st.checked.includes(k)) ? " Every question is checked: submit the quiz to record your score." : ""));
      $(".qe-res", li).focus();
    }
    // An answer the grader cannot read ("abc" for a number) is not a wrong answer: the learner
    // is told what it accepts and corrects it; nothing is graded, locked or recorded.
    function nan(q, r) {
      var li = lis[q.id], box = $(".qe-res", li);
      box.replaceChildren(mk("p", "qe-st", "⚠ " + r.error + ". Nothing was recorded: correct it and try again."));
      $$(".qe-nan", li).forEach(e => { e.hidden = false; });
      box.hidden = false;
      return "Question " + (st.presented.indexOf(q.id) + 1) + ": " + r.error + ".";
    }
    function submit(again) {
      var res = G.gradeQuiz(data, respOf(st)), sum = $(".qe-sum", root), s, bad = again ? [] : res.questions.filter(r => r.error);
      if (bad.length) {
        s = bad.map(r => nan(by[r.id], r)).join(" ") + " Nothing was submitted: correct " + (bad[1] ? "these" : "it") + ", then submit again.";
        sum.replaceChildren(mk("p", "qe-warn", s));
        sum.hidden = false;
        say(root, s);
        return $("input", lis[bad[0].id]).focus();
      }
      sub = 1;
      res.questions.forEach(r => { show(by[r.id], r); lock(by[r.id], 1, 1); });
      if (!again) {
        s = { score: res.score, max_score: res.max_score, percent: res.percent, passed: res.passed, at: now() };
        st.attempts = (st.attempts || 0) + 1; st.last = s; st.submitted = true;
        if (!st.best || s.percent > st.best.percent) st.best = s;
        persist();
      }
      var m = "You scored " + num(res.score) + " of " + pts(res.max_score) + " (" + num(res.percent) + "%). " +
        (res.passed ? "✓ Passed" : "✗ Not passed yet") + ": the pass mark is " + num(data.pass_mark * 100) + "%.";
      sum.replaceChildren(mk("p", "qe-st", m), mk("p", 0, "Attempts: " + st.attempts + ". Best score: " + num(st.best.percent) + "%."));
      s = res.questions.find(r => r.needs_self_review);
      if (s) sum.append(mk("p", "qe-warn", QE[s.type + "Unrated"](2)));
      sum.dataset.status = res.passed ? "correct" : "incorrect";
      sum.hidden = false;
      foot();
      if (!again) { say(root, m); sum.focus(); }
    }
    function foot() { $("[data-act=submit]", root).hidden = !!st.submitted; $("[data-act=retry]", root).hidden = !st.submitted; }
    // The page as `st` says: on start, on a new attempt, and after another tab's save.
    function paint() {
      sub = 0;
      qs.forEach(q => {
        var li = lis[q.id];
        delete li.dataset.status;
        lock(q, 0, 1);
        $$(".qe-res,.qe-expl,.qe-ex,.qe-ofb", li).forEach(e => { e.hidden = true; });
        $$(".qe-mark", li).forEach(e => e.remove());
      });
      $(".qe-sum", root).hidden = true;
      layout(); foot();
      if (st.submitted) submit(1);
      else st.checked.forEach(k => { if (by[k] && own(st.answers, k)) { show(by[k], G.gradeQuestion(by[k], st.answers[k])); lock(by[k], 1); } });
    }
    function retry() {
      var keep = {};
      // A STAR answer is the learner's own writing: a new attempt keeps it to revise.
      qs.forEach(q => { if (q.type == "star" && own(st.answers, q.id)) keep[q.id] = st.answers[q.id]; if (q.type == "text" && own(st.answers, q.id)) keep[q.id] = { text: st.answers[q.id].text }; });
      st.answers = keep;
      deal(); paint(); persist();
      say(root, "New attempt started.");
      $("input,select,textarea,button", lis[st.presented[0]]).focus();
    }
    function move(b) {
      var it = b.closest("li"), up = b.dataset.act == "up", to = up ? it.previousElementSibling : it.nextElementSibling, q = by[b.closest(".qe-q").dataset.qid];
      var name = $(".qe-it", it).textContent;
      if (!to) return say(root, name + " is already " + (up ? "first." : "last."));
      to[up ? "before" : "after"](it);
      b.focus();
      st.answers[q.id] = get(q);
      unsaid(q);
      st.touched = 1; dirty.add(q.id);
      later(key, store);
      say(root, name + ": now " + (get(q).indexOf(it.dataset.id) + 1) + " of " + ids(q).length + ".");
    }
    // A "No answer yet" note goes once there is an answer; a checked result stays.
    function unsaid(q) { if (!st.checked.includes(q.id)) $(".qe-res", lis[q.id]).hidden = true; }
    function edit(e) {
      var li = e.target.closest(".qe-q"), q = li && by[li.dataset.qid], a = q && get(q);
      if (!q || q.type == "ordering") return;
      if (a === undefined) delete st.answers[q.id]; else st.answers[q.id] = a;
      unsaid(q);
      if (q.type == "star") count(q);
      st.touched = 1; dirty.add(q.id);
      later(key, store);
    }
    root.addEventListener("input", edit);
    root.addEventListener("change", edit);
    root.addEventListener("focusout", () => flush(key));
    root.addEventListener("keydown", e => {
      // Enter in a one-line answer checks it, as a form would; radios never submit.
      var c = e.key == "Enter" && e.target.type == "text" && $("[data-act=check]", e.target.closest(".qe-q"));
      if (c) { e.preventDefault(); c.click(); }
    });
    root.addEventListener("click", e => {
      var b = e.target.closest("[data-act]"), li = b && b.closest(".qe-q"), a = b && b.dataset.act;
      if (!b || b.disabled) return;
      if (a == "check") check(by[li.dataset.qid]);
      if (a == "up" || a == "down") move(b);
      if (a == "submit") submit();
      if (a == "retry") retry();
      if (a == "download") download(id + "-response.json", respOf(st));
    });
    persist();
  }

  // For the "My progress" page (progress.js, loaded only there, adds to QE.kinds) and tests.
  QE.u = { $, $$, mk, obj, own, opt, idMap, flat, num, pts, now, noteIn, say, download, respOf, raw, load, save, join, okQuiz, okResp, okProg, okDone, P, L };
  var KINDS = QE.kinds = Object.assign(QE.kinds || {}, { quiz: quiz });
  QE.init = function () {
    flush();
    $$("[data-qe]:not([data-qe-on])").forEach(e => {
      // progress.js (or text.js, for a quiz with a text question) may arrive after this runs:
      // it mounts its widget then.
      var kind = KINDS[e.dataset.qe];
      if (!kind || !QE.text && $("[data-type=text]", e)) return;
      e.setAttribute("data-qe-on", "");
      var js = [e].concat($$(".qe-js", e)).filter(x => x.classList.contains("qe-js"));
      js.forEach(x => { x.hidden = false; });
      try {
        kind(e);
        $$(".qe-nojs", e).forEach(x => { x.hidden = true; });
      } catch (x) {
        js.forEach(x => { x.hidden = true; });
        e.prepend(mk("p", "qe-warn", "This part of the page could not start: " + x.message));
        setTimeout(() => { throw x; });
      }
    });
    // For measuring: when the widgets on this page became usable (benchmarks/site_bench.py).
    performance.mark("qe:ready");
  };
  if (w.document$) w.document$.subscribe(QE.init);
  else if (d.readyState == "loading") d.addEventListener("DOMContentLoaded", QE.init);
  else QE.init();
}
