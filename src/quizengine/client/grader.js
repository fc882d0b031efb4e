/* quizengine grader: spec §2-4 as pure functions for the page and for Node.
   Agrees with src/quizengine/grading on tests/vectors/*.json. */
// R is the page's global object: a STAR question goes to R.QE.star, from star.js, which the page
// loads only where one is. An ES module has no `require`: the stand-in says what is missing.
export default (function (R, require) {
  var E = 1e-9, own = Object.hasOwn, isA = Array.isArray, AON = "all_or_nothing",
    bad = m => { var e = Error(m); e.invalid = 1; throw e; },
    need = (ok, what) => ok || bad("expected " + what),
    strs = (a, what) => need(isA(a) && a.every(x => typeof x == "string"), what),
    ids = xs => (xs || []).map(x => x.id),
    has = (all, id, what) => all.includes(id) || bad("unknown " + what + " '" + id + "'"),
    ab = i => { for (var s = "", n = i + 1; n; n = (n - 1) / 26 | 0) s = String.fromCharCode(97 + (n - 1) % 26) + s; return s; },
    // Python's casefold, approximated; the final-sigma fix keeps Greek equal to it.
    norm = s => s.normalize("NFKC").toUpperCase().toLowerCase().replace(/ς/g, "σ").trim()
      .replace(/\s+/g, " ").replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, ""),
    re = p => {
      p = "^(?:" + p.replace(/\(\?P</g, "(?<") + ")$";
      try { return RegExp(p, "iu"); } catch (e) { try { return RegExp(p, "i"); } catch (f) { return /$^/; } }
    };
  function lev(a, b) {
    a = [...a]; b = [...b];
    for (var r = b.map((_, j) => j + 1), i = 0, j, p, t; i < a.length; i++) {
      for (r.unshift(i), p = r[0]++, j = 1; j <= b.length; j++) t = r[j], r[j] = Math.min(t + 1, r[j - 1] + 1, p + (a[i] != b[j - 1])), p = t;
      r.shift();
    }
    return b.length ? r[b.length - 1] : a.length;
  }
  var G = {
    single: (q, a) => {
      need(typeof a == "string", "an option id");
      has(ids(q.options), a, "option");
      var o = q.options.find(o => o.id == a);
      return [o.weight ?? +!!o.correct, [o.feedback]];
    },
    multiple: (q, a) => {
      // With weights (grading/choice.py weighted_fraction): the chosen weights' sum over
      // the positive weights' total, summed in authored order as Python does.
      var c = 0, w = 0, n = 0, f = [], t = 0, s = 0, W = q.options.some(o => o.weight != null);
      strs(a, "a list of option ids");
      a.forEach(x => has(ids(q.options), x, "option"));
      q.options.forEach(o => { var v = o.weight || 0; n += !!o.correct; if (v > 0) t += v; if (a.includes(o.id)) { s += v; o.correct ? c++ : w++; f.push(o.feedback); } });
      return [W ? s / t : q.scoring == AON ? +(c == n && !w) : Math.max(0, (c - w) / n), f];
    },
    true_false: (q, a) => [need(typeof a == "boolean", "true or false") && +(a == q.answer)],
    short_text: (q, a) => {
      need(typeof a == "string", "a string");
      var best = 0, f, m = q.match, t = a.trim();
      q.answers.forEach(x => {
        x = x.text == null ? { text: x } : x;
        var s = x.score == null ? 1 : x.score;
        if (s > best && (m == "exact" ? t == x.text.trim() : m == "regex" ? re(x.text).test(t) : lev(norm(a), norm(x.text)) <= (q.typo_tolerance || 0))) best = s, f = x.feedback;
      });
      return [best, [f]];
    },
    // src/quizengine/grading/numeric.py (read_number) step for step; each pattern anchored.
    numeric: (q, a) => {
      var v = a, t = q.tolerance || 0, x = 1, s, u, k, M = "(dollars?|pounds?|euros?|usd|eur|gbp|jpy|cad|aud|[$€£¥])", S = /[,' \xa0\u202f]/g;
      if (typeof a == "string") {
        u = (q.units || [q.unit || ""]).map(w => w.trim().toLowerCase()).filter(Boolean).sort((p, w) => w.length - p.length);
        s = a.trim().toLowerCase();
        k = u.find(w => s.endsWith(w));
        s = (k ? s.slice(0, -k.length) : s.replace(/%$/, "")).trim();
        k = s.replace(RegExp("^([+-]?)" + M + "\\s*"), "$1");
        s = k != s ? k : s.replace(RegExp(M + "$"), "").trim();
        k = s.slice(-1);
        if (/[km]/.test(k) && !u.includes(k)) x = k == "k" ? 1e3 : 1e6, s = s.slice(0, -1).trim();
        v = /^[+-]?(?=\.?\d)(\d{1,3}([,' \xa0\u202f]\d{3})*|\d*)(\.\d*)?(e[+-]?\d+)?$/.test(s) ? s.replace(S, "") * x : 1 / 0;
        k = Array.from(a.trim());
        if (!isFinite(v)) bad("'" + k.slice(0, 40).join("") + (k[40] ? "…" : "") + "' was not understood as a number");
      } else need(typeof a == "number" && isFinite(a), "a finite number or a string");
      if (typeof t == "string") t = Math.abs(q.answer) * parseFloat(t) / 100;
      return [+(Math.abs(v - q.answer) <= t + E * Math.max(1, Math.abs(q.answer)))];
    },
    ordering: (q, a) => {
      var all = ids(q.items), n = all.length, ok = 0, i, j;
      strs(a, "a list of item ids");
      need(a.length == n && new Set(a).size == n && a.every(x => all.includes(x)), "every item id exactly once");
      if (q.scoring == AON) return [+(a + "" == all)];
      for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) ok += a.indexOf(all[i]) < a.indexOf(all[j]);
      return [ok / (n * (n - 1) / 2)];
    },
    // A text question's grader comes with text.js, loaded only where one is.
    text: (q, a) => R.QE.text.grade(q, a),
    matching: (q, a) => {
      var p = q.pairs, lefts = ids(p), rights = p.map((_, i) => ab(i)).concat(ids(q.distractors)), ok = 0;
      need(a && typeof a == "object" && !isA(a), "an object mapping left ids to right ids");
      Object.keys(a).forEach(k => { has(lefts, k, "left id"); has(rights, a[k], "right id"); });
      p.forEach((x, i) => { ok += own(a, x.id) && a[x.id] == ab(i); });
      return [q.scoring == AON ? +(ok == p.length) : ok / p.length];
    }
  };
  function gradeQuestion(q, a) {
    var r = { id: q.id, type: q.type, score: 0, max_score: q.points || 1, status: "unanswered", feedback: [], checks: [] }, x, f;
    if (a === undefined) return r;
    try {
      if (q.type == "star") return (R.QE.star || require("./star.js")).gradeStar(q, a);
      x = G[q.type](q, a);
      f = Math.min(1, Math.max(0, x[0]));
      r.status = f >= 1 - E ? "correct" : f <= E ? "incorrect" : "partial";
      r.score = f * r.max_score;
      r.feedback = (x[1] || []).concat(r.status == "correct" ? q.feedback_correct : q.feedback_incorrect).filter(Boolean);
      Object.assign(r, x[2]);
    } catch (e) {
      if (!e.invalid) throw e;
      r.status = "invalid";
      r.error = e.message;
    }
    return r;
  }
  // Throws, grading nothing, when spec §3 says the response is rejected whole.
  function gradeQuiz(quiz, resp) {
    var all = ids(quiz.questions), ans = resp && resp.answers || {}, pres = resp && resp.presented, score = 0, max = 0, mark = quiz.pass_mark;
    var no = m => { throw Error(m); };
    if (!resp || typeof resp != "object" || isA(resp) || typeof ans != "object" || isA(ans)) no("a response must be a JSON object with an answers object");
    if (resp.quiz !== quiz.id) no("the response is for quiz '" + resp.quiz + "', not '" + quiz.id + "'");
    Object.keys(ans).concat(pres || []).forEach(k => all.includes(k) || no("quiz '" + quiz.id + "' has no question '" + k + "'"));
    var rs = quiz.questions.filter(q => !pres || pres.includes(q.id)).map(q => {
      var r = gradeQuestion(q, own(ans, q.id) ? ans[q.id] : undefined);
      score += r.score; max += r.max_score;
      return r;
    });
    mark = mark == null ? 0.7 : mark;
    return { quiz: quiz.id, score: score, max_score: max, percent: max ? 100 * score / max : 0, passed: score >= mark * max - E, questions: rs };
  }
  return { gradeQuestion: gradeQuestion, gradeQuiz: gradeQuiz, norm: norm, lev: lev, ab: ab };
})(globalThis, (name) => { throw Error(name + " is not loaded: QE.star is missing"); });
