// How a STAR result is told on the page: the gate, each check, each rating as chosen and
// counted (with the engine's reason), the parts found in free mode, and the advice. It ships
// in star.min.js with the analysis, so a page without a STAR question loads none of it.

// What the learner reads where a STAR answer has not been rated on every rubric line:
// after checking (0), on a submitted attempt (1), and in the quiz's summary on submit (2).
export function unrated(when) {
  return [
    "Checked, not scored yet: rate your answer on every line of the rubric, then check it again to see your score.",
    "Submitted without a full rating, so the rubric part counted as zero. Start a new attempt to rate your answer: your writing is kept.",
    "You submitted without rating your answer on the rubric, so that part counts as zero. To rate it, start a new attempt: your writing is kept.",
  ][+when || 0];
}

// box: the question's result element; mk and list: quizengine.js's element and list helpers
// (list inserts only text, except author HTML from the build-time data).
export function show(box, q, r, mk, list) {
  var gate = r.checks.filter(c => !c.passed && ["parts_present", "length", "specific"].includes(c.id)), used = [];
  if (gate.length) box.append(mk("p", "qe-warn", "This story cannot pass yet, whatever your rating. Change this first:")), list(box, gate.map(c => "✗ " + c.message));
  list(box, r.checks.filter(c => !gate.includes(c)).map(c => (c.passed ? "✓ " : "✗ ") + c.message));
  if (r.ratings) {
    // Each rating: what the learner chose, what counted, and why (the engine's note).
    box.append(mk("p", "qe-st", "Your rating, and what it counts:"));
    list(box, r.ratings.map(x => {
      var c = q.rubric.find(c => c.id == x.id), n = x.counted < x.chosen && r.advice.find(a => a.message.startsWith("You rated " + c.criterion + " " + x.chosen + ";"));
      return n ? (used.push(n), "✗ " + n.message) : "✓ You rated " + c.criterion + " " + x.chosen + " of " + (c.levels.length - 1) + ": it counts in full.";
    }));
  }
  if (r.parts) {
    var dl = mk("dl");
    ["situation", "task", "action", "result"].forEach(k => dl.append(mk("dt", 0, k[0].toUpperCase() + k.slice(1)), mk("dd", 0, r.parts[k] || "(not found)")));
    box.append(mk("p", 0, "How your answer was split into parts:"), dl);
  }
  list(box, (r.advice || []).filter(a => !used.includes(a)).map(a => a.message));
}
