/* quizengine STAR self-review: a compact port of quizengine/star + grading/star_review.py (docs there).
   tests/vectors/star.json and tests/star/test_js_parity.py keep both in agreement. ES2022, as the grader. */
export default (function () {
  "use strict";
  const P = ["situation", "task", "action", "result"],
    S = "[\\t\\n\\v\\f\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]",
    AFTER = RegExp("([.!?])" + S + "+", "g"),
    BREAK = RegExp(S + "*[\\n\\r\\x85\\u2028\\u2029]" + S + "*"),
    TRIM = RegExp("^" + S + "+|" + S + "+$", "g"),
    DIGIT = /\p{Nd}/u,
    has = Object.hasOwn,
    set = (s) => new Set(s.split("|")),
    cues = (s) => s.split("|").map((c) => [c, RegExp(" " + c.split("*").join("[^ ]*") + " ")]),
    hits = (list, hay) => list.filter((c) => c[1].test(hay)).map((c) => c[0]),
    NUM = set("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|hundred|thousand|million|half|double|twice|triple|doubled|tripled|halved"),
    ONE = set("i|me|my|myself|i'm|i've|i'd|i'll"),
    MANY = set("we|us|our|we're|we've|we'd|we'll"),
    HYPO = cues("i would|i'd|i will|i'll|i could|i'm going to|i am going to"),
    SAID = cues("said|told|promised|replied|explained|wrote|agreed|assured|confirmed|mentioned|proposed|suggested|offered"),
    PLAN = cues("decided|planned|my plan|the plan|intended|resolved|chose|made up my mind"),
    // quizengine/star/quantity.py: which numbers only date an event
    MONTH = set("january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"),
    YEAR_AT = set("in|since|until|till|during|from|by|before|after|around|early|late|mid|spring|summer|autumn|fall|winter"),
    UNIT = set("second|seconds|minute|minutes|hour|hours|day|days|week|weeks|fortnight|fortnights|month|months|quarter|quarters|year|years|decade|decades"),
    WHEN_AT = set("after|during|until|till|since"),
    WHEN_THEN = set("later|ago|after|afterwards|afterward"),
    CLOCK = set("am|pm|o'clock"),
    AGAIN = set("double|triple"),
    GATE = ["parts_present", "length", "specific"],
    // quizengine/star/rubric.py REASONS: why a failed check caps a rating, and what to change
    REASON = {
      parts_present: ["a part of your story is missing or too short", "Give every part at least one full sentence"],
      length: ["your answer is outside the word range", "Bring it within the word range"],
      ownership: ["your action does not show clearly what you did yourself", "Tell your own steps with 'I'"],
      specific: ["your action tells what you would do, not what you did", "Tell one real time, in the past tense"],
      quantified_result: ["your result states no measured outcome", "Add a number that measures the outcome"],
      action_focus: ["your action is under 30% of the answer", "Give the action more room"],
    },
    REFL = cues("learn*|lesson*|realis*|realiz*|next time|in future|in the future|from now on|going forward|taught me|differently|looking back|in hindsight|reflect*|takeaway|took away|since then|would repeat|do it again"),
    VAGUE = cues("very|really|a lot|lots|things|stuff|somehow|successful|successfully|huge|great|significant|significantly|improved|kind of|sort of|a bit|etc"),
    SIGN = ["'At the time…'", "'My goal was…'", "'First, I…'", "'As a result…'"],
    words = (t) => t.match(/[\p{L}\p{N}'’-]+/gu) || [],
    fold = (s) => s.toLowerCase().replace(/’/g, "'"),
    bare = (w) => w.replace(/^['-]+|['-]+$/g, ""),
    sentences = (t) => t.replace(AFTER, "$1\n").split(BREAK).map((s) => s.replace(TRIM, "")).filter(Boolean),
    sentence = (text, w) => ((w = words(text)), { text, words: w, hay: fold(" " + w.join(" ") + " ") }),
    numberWord = (w) => fold(w).split("-").some((p) => NUM.has(p.replace(/^'+|'+$/g, ""))),
    quantity = (w) => DIGIT.test(w) || numberWord(w),
    // tense.py: is each sentence of one part hypothetical? Back to front, so a plan told as
    // done later ("I decided I would call them. I called all five.") is one flag.
    hypo = (xs) => {
      const out = [];
      let done = false;
      for (let i = xs.length - 1; i >= 0; i--) {
        const h = xs[i].hay;
        out[i] = hits(HYPO, h).length > 0 && !hits(SAID, h).length && !(done && hits(PLAN, h).length);
        done = done || !out[i];
      }
      return out;
    },
    // quantity.py dates(): does the number at i of the bare folded words only date an event?
    dates = (b, i) => {
      const w = b[i], before = i ? b[i - 1] : "", after = b[i + 1] || "", ord = /^[0-9]+(?:st|nd|rd|th)?$/.test(w);
      if (/^(?:19|20)[0-9]{2}(?:'s)?$/.test(w) && (!before || YEAR_AT.has(before) || MONTH.has(before))) return true;
      if (ord && (MONTH.has(before) || MONTH.has(after))) return true;
      if (/^(?:[0-9]{1,2}(?:am|pm)|q[1-4])$/.test(w) || (ord && CLOCK.has(after))) return true;
      if (UNIT.has(after)) return WHEN_AT.has(before) || WHEN_THEN.has(b[i + 2] || "");
      return false;
    },
    // quantity.py rechecks(): is the word at i "double-check", "double checked"…?
    rechecks = (b, i) => {
      const p = b[i].split("-");
      return AGAIN.has(p[0]) && (p.length > 1 ? p[1] : b[i + 1] || "").startsWith("check");
    },
    // quantity.py measures(): the first number that measures, and the first that only dates
    measures = (xs) => {
      let dating;
      for (const x of xs) {
        const b = x.words.map((w) => bare(fold(w)));
        for (let i = 0; i < x.words.length; i++) {
          if (!quantity(x.words[i]) || rechecks(b, i)) continue;
          if (!dates(b, i)) return [x.words[i], dating];
          dating = dating || x.words[i];
        }
      }
      return [undefined, dating];
    },
    named = (parts) => Object.fromEntries(P.map((p, i) => [p, parts[i].map((x) => x.text).join(" ")])),
    n = (c, noun) => c + " " + noun + (c === 1 ? "" : "s"),
    check = (id, passed, message) => ({ id, passed, message }),
    invalid = (m) => { throw Object.assign(Error(m), { invalid: true }); },
    isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v),
    jsonType = (v) => v === null ? "null" : Array.isArray(v) ? "a list" : typeof v === "object" ? "an object"
      : ({ boolean: "a boolean", number: "a number", string: "a string" })[typeof v] || typeof v;

  // Free-mode part finder: the weights file quizengine/star/part_model.json (its own cached
  // file on pages with a free-mode question, handed over by useModel), read as parts.py reads it.
  let MODEL = null, SPEC = [];
  function useModel(m) {
    MODEL = m;
    SPEC = ["singular", "plural", "modal", "numbers"].map((k) => new Set(m.features[k]));
  }

  // A sentence's features in first-occurrence order, each once: parts.py features().
  function features(x, i, n) {
    const w = x.words.map((t) => bare(fold(t))).filter(Boolean), out = ["p:" + Math.floor((4 * i) / n)],
      any = (k) => w.some((t) => SPEC[k].has(t));
    if (i === 0) out.push("p:first");
    if (i === n - 1) out.push("p:last");
    let prev = "<s>";
    w.forEach((t) => { out.push("w:" + t, "b:" + prev + " " + t); prev = t; });
    if (any(0)) out.push("s:i");
    if (any(1)) out.push("s:we");
    if (any(2)) out.push("s:modal");
    if (w.some((t) => [...t].length > 3 && t.endsWith("ed"))) out.push("s:ed");
    if (DIGIT.test(x.text) || w.some((t) => t.split("-").some((p) => SPEC[3].has(p)))) out.push("s:num");
    return [...new Set(out)];
  }

  // Best non-decreasing S<=T<=A<=R labelling (Viterbi over the raw scores plus the transition
  // scores); ties go to the earlier part. Adds in parts.py's order.
  function label(list) {
    if (!list.length) return [];
    if (!MODEL) throw Error("The STAR part model is not loaded.");
    const W = MODEL.weights, move = MODEL.transitions, n = list.length, back = [];
    let best = [];
    list.forEach((x, i) => {
      const own = MODEL.bias.slice();
      features(x, i, n).forEach((f) => { if (has(W, f)) for (let k = 0; k < 4; k++) own[k] += W[f][k]; });
      if (!i) return ((best = own), back.push([0, 1, 2, 3]));
      const row = [], next = [];
      for (let k = 0; k < 4; k++) {
        let arg = 0, top = best[0] + move[0][k];
        for (let j = 1; j <= k; j++) if (best[j] + move[j][k] > top) (top = best[j] + move[j][k]), (arg = j);
        next[k] = top + own[k];
        row[k] = arg;
      }
      back.push(row);
      best = next;
    });
    let s = 0;
    for (let k = 1; k < 4; k++) if (best[k] > best[s]) s = k;
    const out = [s];
    for (let i = n - 1; i > 0; i--) out.push((s = back[i][s]));
    return out.reverse();
  }

  function analyse(free, texts) {
    let parts = [[], [], [], []];
    if (free) {
      const list = sentences(texts.text).map((t) => sentence(t)), labels = label(list);
      list.forEach((x, i) => parts[labels[i]].push(x));
    } else parts = P.map((p) => sentences(texts[p]).map((t) => sentence(t)));
    const w = parts.map((xs) => [].concat(...xs.map((x) => x.words)));
    return { free, parts, w, total: w.reduce((t, a) => t + a.length, 0) };
  }

  function runChecks(a, min, max) {
    const t = a.total, act = a.w[2].length,
      miss = [0, 1, 2, 3].filter((i) => (a.free ? !a.parts[i].length : a.w[i].length < 5)),
      found = "Your answer has " + n(t, "word"), share = t ? Math.floor((100 * act) / t) : 0,
      m = measures(a.parts[3]), q = m[0], acts = a.parts[2].length, framed = hypo(a.parts[2]).filter(Boolean).length,
      focus = t > 0 && 100 * act >= 30 * t;
    let one = 0, many = 0;
    a.w[2].forEach((w) => { w = bare(fold(w)); if (ONE.has(w)) one++; else if (MANY.has(w)) many++; });
    return [
      check("parts_present", !miss.length, !miss.length
        ? (a.free ? "All four parts were found: situation, task, action and result." : "All four parts are there, each with at least 5 words.")
        : a.free
          ? "Not found in your answer: " + miss.map((i) => P[i]).join(", ") + ". Add a sentence for each, with a signpost such as " + miss.map((i) => SIGN[i]).join(", ") + "."
          : "Missing or too short: " + miss.map((i) => P[i] + " (" + n(a.w[i].length, "word") + ")").join(", ") + ". Give every part at least one full sentence of 5 words or more."),
      check("length", t >= min && t <= max, t < min ? found + "; aim for at least " + min + ". Add detail to the action: the steps you took and why."
        : t > max ? found + "; keep it to " + max + ". Trim the situation, and keep the action and result."
        : found + ", within the " + min + "-" + max + " range."),
      check("ownership", one > 0 && one >= many, !one ? "Your action never says 'I', 'me' or 'my'. Say what you did yourself: 'I called…', 'I proposed…'."
        : one < many ? "Your action says 'we' (us, our) " + n(many, "time") + " but 'I' (me, my) only " + one + ". Credit the team once, then say which steps were yours."
        : "Your action says 'I' (me, my) " + n(one, "time") + " and 'we' (us, our) " + many + ": it is clear what you did."),
      check("specific", 2 * framed <= acts, 2 * framed > acts
        ? (framed === acts ? "Every sentence of your action says" : framed + " of the " + acts + " sentences in your action say") + " what you would do ('I would…', 'I will…', 'I could…'), not what you did. Tell one real time, in the past tense: 'I called…', 'I asked…'."
        : !acts ? "There is no action yet, so nothing in it is hypothetical. When you add it, tell what you did, in the past tense."
        : "Your action tells what you did, not what you would do: a real example is what interviewers look for."),
      check("quantified_result", q !== undefined, q !== undefined ? "Your result states a quantity ('" + q + "'): numbers make an outcome believable."
        : (m[1] !== undefined ? "Your result's only number ('" + m[1] + "') says when something happened, not how much changed."
          : a.w[3].length ? "Your result has no number." : "There is no result yet.") + " Add one measurable outcome: a percentage, an amount, a count or a time saved."),
      check("action_focus", focus, focus
        ? "Your action is " + share + "% of your answer (30% or more): the focus is on what you did."
        : "Your action is only " + share + "% of your answer; aim for 30% or more. Cut background and add the steps you took."),
    ];
  }

  // A digit, a number word, or a capitalised word (a name) after the first word.
  const specific = (x) => x.words.some((w, i) => {
    const f = String.fromCodePoint(w.codePointAt(0));
    return quantity(w) || (i > 0 && f.toLowerCase() !== f && !ONE.has(bare(fold(w))));
  });

  function textAdvice(a) {
    if (!a.total) return [];
    const out = [], all = [], framed = [], vagueParts = [], vagueWords = [];
    a.parts.forEach((xs, p) => xs.forEach((x) => all.push([p, x])));
    const refl = all.map((e) => hits(REFL, e[1].hay).length > 0), flags = [].concat(...a.parts.map(hypo));
    all.forEach((e, i) => { if (!refl[i] && flags[i]) framed.push(e[0]); });
    if (framed.includes(2) || framed.length >= 2) out.push({ id: "hypothetical", message: "Parts of your answer say what you would do ('I would…', 'I'd…', 'I will…'). Interviewers want a real past example: tell what you did, in the past tense." });
    if (!refl.includes(true)) out.push({ id: "reflection", message: "Add one sentence on what you learned or would repeat, such as 'I learned that…' or 'Next time I would…'." });
    all.forEach((e) => {
      const h = hits(VAGUE, e[1].hay);
      if (h.length && !specific(e[1])) vagueParts.push(e[0]), h.forEach((v) => vagueWords.includes(v) || vagueWords.push(v));
    });
    if (vagueParts.includes(3) || vagueParts.length >= 2) out.push({ id: "vague", message: "Vague words (" + vagueWords.slice(0, 3).map((v) => "'" + v + "'").join(", ") + ") with no number or name to back them up. Replace them with specifics: how much, how many, who, or what exactly changed." });
    return out;
  }

  function parseRating(v, rubric) {
    if (!isObject(v)) invalid("'self_rating' must be an object of rubric id to level, got " + jsonType(v));
    const out = {};
    Object.keys(v).sort().forEach((k) => {
      const level = v[k], c = rubric.find((c) => c.id === k), say = "self_rating '" + k + "' must be ";
      if (!c) invalid("self_rating: unknown rubric id '" + k + "' (expected " + rubric.map((c) => c.id).join(", ") + ")");
      if (typeof level !== "number") invalid(say + "a whole number, got " + jsonType(level));
      if (!Number.isInteger(level)) invalid(say + "a whole number, got " + level);
      if (level < 0 || level >= c.levels.length) invalid(say + "between 0 and " + (c.levels.length - 1) + ", got " + level);
      out[k] = level;
    });
    return out;
  }

  function gradeStar(q, answer) {
    const free = q.mode === "free", keys = free ? ["text"] : P, rubric = q.rubric,
      expected = free ? "'text'" : "situation, task, action and result", texts = {};
    if (!isObject(answer)) invalid("expected an object with " + expected + ", got " + jsonType(answer));
    const unknown = Object.keys(answer).filter((k) => !keys.includes(k) && k !== "self_rating").sort();
    if (unknown.length) invalid("unknown key '" + unknown[0] + "' in the answer" + (unknown.some((k) => (free ? P : ["text"]).includes(k)) ? " (this question is in " + q.mode + " mode: use " + expected + ")" : ""));
    keys.forEach((k) => {
      const v = has(answer, k) ? answer[k] : "";
      if (typeof v !== "string") invalid("'" + k + "' must be a string, got " + jsonType(v));
      texts[k] = v;
    });
    const rating = has(answer, "self_rating") ? parseRating(answer.self_rating, rubric) : {},
      a = analyse(free, texts), checks = runChecks(a, q.min_words, q.max_words),
      failed = checks.filter((c) => !c.passed).map((c) => c.id), ratings = [], notes = [];
    // rubric.py rate(): a rating counts at most the middle level while its evidence failed
    rubric.forEach((c) => {
      if (!has(rating, c.id)) return;
      const chosen = rating[c.id], against = (c.evidence || []).filter((e) => failed.includes(e)),
        counted = against.length ? Math.min(chosen, Math.floor((c.levels.length - 1) / 2)) : chosen;
      ratings.push({ id: c.id, chosen, counted });
      if (counted < chosen) notes.push({ id: "rating-vs-evidence", message: "You rated " + c.criterion + " " + chosen + "; it counts as " + counted + " because " + against.map((e) => REASON[e][0]).join(" and ") + ". " + REASON[against[0]][1] + ", and your rating can count in full." });
    });
    const counted = Object.fromEntries(ratings.map((r) => [r.id, r.counted])),
      self = rubric.reduce((t, c) => t + (has(counted, c.id) ? counted[c.id] : 0) / (c.levels.length - 1), 0) / rubric.length,
      score = q.auto_weight * (checks.filter((c) => c.passed).length / checks.length) + (1 - q.auto_weight) * self,
      fraction = Math.min(GATE.some((g) => failed.includes(g)) ? 0.5 : 1, Math.max(0, score)),
      status = fraction >= 1 - 1e-9 ? "correct" : fraction <= 1e-9 ? "incorrect" : "partial",
      advice = textAdvice(a).concat(notes), lesson = !advice.some((x) => x.id === "reflection");
    rubric.forEach((c) => {
      const top = c.levels.length - 1;
      if (!lesson && c.id.includes("reflect") && rating[c.id] === top) advice.push({ id: "rating-vs-evidence", message: "You rated " + c.criterion + " " + top + " of " + top + ", but no sentence on what you learned was found. Add one, or lower your rating." });
    });
    const closing = status === "correct" ? q.feedback_correct : q.feedback_incorrect, result = {
      id: q.id, type: "star", score: fraction * q.points, max_score: q.points, status,
      feedback: closing ? [closing] : [], checks, needs_self_review: rubric.some((c) => !has(rating, c.id)),
    };
    if (free) result.parts = named(a.parts);
    result.advice = advice;
    if (ratings.length) result.ratings = ratings;
    return result;
  }

  const api = {
    words, sentences, gradeStar, useModel,
    detectParts: (text) => named(analyse(true, { text }).parts),
  };
  return api;
})();
