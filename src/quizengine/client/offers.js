// What two job offers are worth in a year: the Research chapter's method, the same as
// quizengine/offers.py (tests/vectors/offers.json keeps the two in step; a pytest test checks
// that these field limits and lines are Python's). Pure: numbers in, numbers out.

const M = 1e7;
// key -> [minimum, maximum], per offer and shared ("you"), as OFFER_FIELDS and ASSUMPTIONS.
export const OFFER_FIELDS = {
  base_salary: [0, M], match_rate_pct: [0, 400], match_cap_pct: [0, 100],
  health_premium_monthly: [0, M], health_deductible: [0, M], pto_days: [0, 366],
  office_days_per_week: [0, 7], commute_cost_per_day: [0, M], learning_budget: [0, M],
  equity_yearly: [0, M], sign_on_bonus: [0, M],
};
export const ASSUMPTIONS = { contribution_pct: [0, 100], office_weeks: [0, 53], working_days: [1, 366] };
// The ongoing lines, in the chapter's order (costs negative); the sign-on is apart.
export const LINES = ["base", "match", "health", "commute", "pto", "learning", "equity"];

// The name of the first input that is missing, not a finite number, or out of range; else "".
export function invalid(values, fields) {
  if (values === null || typeof values != "object") return "(all)";
  for (const [k, [lo, hi]] of Object.entries(fields)) {
    const v = values[k];
    if (typeof v != "number" || !Number.isFinite(v) || v < lo || v > hi) return k;
  }
  return Object.keys(values).find((k) => !Object.hasOwn(fields, k)) || "";
}

function ongoing(o, you) {
  const matched = Math.min(you.contribution_pct, o.match_cap_pct);
  return {
    base: o.base_salary,
    match: o.match_rate_pct / 100 * matched / 100 * o.base_salary,
    health: -(o.health_premium_monthly * 12 + o.health_deductible),
    commute: -(o.office_days_per_week * you.office_weeks * o.commute_cost_per_day),
    pto: 0,
    learning: o.learning_budget,
    equity: o.equity_yearly,
  };
}

const total = (l) => LINES.reduce((sum, k) => sum + l[k], 0);

// Offers a and b under `you` -> { lines: {key: [A, B]}, sign_on, ongoing, year1: [A, B],
// ongoing_diff, year1_diff }, or throws a RangeError naming the bad input.
export function compareOffers(a, b, you) {
  for (const [who, v, f] of [["Offer A", a, OFFER_FIELDS], ["Offer B", b, OFFER_FIELDS], ["Assumptions", you, ASSUMPTIONS]]) {
    const bad = invalid(v, f);
    if (bad) throw new RangeError(`${who}: ${bad} is missing or out of range`);
  }
  const la = ongoing(a, you), lb = ongoing(b, you), extra = b.pto_days - a.pto_days;
  // Extra paid time off counts for the offer with more, at that offer's day rate.
  if (extra > 0) lb.pto = extra * b.base_salary / you.working_days;
  else if (extra < 0) la.pto = -extra * a.base_salary / you.working_days;
  const on = [total(la), total(lb)], sign = [a.sign_on_bonus, b.sign_on_bonus];
  const year1 = [on[0] + sign[0], on[1] + sign[1]];
  return {
    lines: Object.fromEntries(LINES.map((k) => [k, [la[k], lb[k]]])),
    sign_on: sign, ongoing: on, year1,
    ongoing_diff: on[1] - on[0], year1_diff: year1[1] - year1[0],
  };
}

// Whole dollars as the chapter writes them: "$1,331", "−$2,700", "+$5,000" when signed.
export function money(value, signed = false) {
  const r = Math.round(value), s = "$" + Math.abs(r).toLocaleString("en-US");
  return r < 0 ? "−" + s : (signed && r > 0 ? "+" : "") + s;
}
