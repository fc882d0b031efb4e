// The `text` question (a free response rated against the author's rubric) for pages that
// hold one (built into assets/text.min.js): its grader, src/quizengine/grading/essay.py step
// for step, and how the page reads, restores and shows it. quizengine.js and grader.js find
// it as QE.text, so pages without a text question load none of it.

// What the learner reads while an answer is written but not rated: after checking (0), on a
// submitted attempt (1), and in the quiz's summary on submit (2).
export function unrated(when) {
  return [
    "Checked, not scored yet: compare your answer with the example, tick each line of the rubric it meets, then check it again.",
    "Submitted without rating your answer against the rubric, so it scored 0. Start a new attempt to rate it: your writing is kept.",
    "You submitted a written answer without rating it against the rubric, so it scored 0. To rate it, start a new attempt: your writing is kept.",
  ][+when || 0];
}

// grading/essay.py word_count: STAR's words that hold a letter or a digit.
export const words = (t) => (t.match(/[\p{L}\p{N}'’-]+/gu) || []).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

const bad = (m) => { const e = Error(m); e.invalid = 1; throw e; };

// -> [fraction, feedback, fields for the result]; throws an `invalid` error for a bad shape.
export function grade(q, a) {
  if (!a || typeof a != "object" || Array.isArray(a)) bad("expected an object with 'text' and 'met'");
  const key = Object.keys(a).sort().find((k) => k != "text" && k != "met");
  if (key) bad("unknown key '" + key + "' in the answer");
  const text = Object.hasOwn(a, "text") ? a.text : "", met = a.met, ids = q.rubric.map((c) => c.id);
  if (typeof text != "string") bad("'text' must be a string");
  if (met !== undefined) {
    if (!Array.isArray(met) || !met.every((m) => typeof m == "string")) bad("'met' must be a list of rubric criterion ids");
    met.forEach((m) => ids.includes(m) || bad("unknown rubric criterion '" + m + "' (expected " + ids.join(", ") + ")"));
  }
  const n = words(text), least = q.min_words || 1, short = n < least;
  const counted = short ? [] : ids.filter((k) => met && met.includes(k));
  const note = short && "Your answer has " + n + " word" + (n == 1 ? "" : "s") + "; write at least " + least + " for your rubric ticks to count.";
  return [counted.length / ids.length, [note], { needs_self_review: !met && !short, met: met && counted }];
}

// The answer as the page holds it: the rubric counts once it is shown (after a first check).
export function get(li) {
  const text = li.querySelector("textarea").value, rub = li.querySelector(".qe-rub");
  if (rub.hidden) return text.trim() ? { text } : undefined;
  return { text, met: Array.from(rub.querySelectorAll("input:checked"), (x) => x.value) };
}

export function put(li, a) {
  li.querySelector("textarea").value = (a && a.text) || "";
  li.querySelector(".qe-rub").hidden = !(a && a.met);
  li.querySelectorAll(".qe-rub input").forEach((x) => { x.checked = !!(a && a.met && a.met.includes(x.value)); });
}

// After a check the rubric is shown, so the learner can rate the answer beside the example.
export function show(li) {
  li.querySelector(".qe-rub").hidden = false;
}
