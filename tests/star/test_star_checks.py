"""The six spec checks, one behaviour per test, including the messages' coaching."""

from __future__ import annotations

from quizengine.star.checks import (
    Analysis,
    action_focus,
    length,
    ownership,
    parts_present,
    pronoun_counts,
    quantified_result,
    run_checks,
)

FIVE = "one two three four five"


def structured(s: str = FIVE, t: str = FIVE, a: str = FIVE, r: str = FIVE) -> Analysis:
    return Analysis.structured({"situation": s, "task": t, "action": a, "result": r})


def test_all_checks_run_in_spec_order() -> None:
    ids = [c.id for c in run_checks(structured(), 0, 100)]
    assert ids == [
        "parts_present",
        "length",
        "ownership",
        "specific",
        "quantified_result",
        "action_focus",
    ]


def test_parts_present_structured_counts_words_per_part() -> None:
    assert parts_present(structured()).passed
    check = parts_present(structured(t="only four words here", r=""))
    assert not check.passed
    assert "task (4 words)" in check.message
    assert "result (0 words)" in check.message
    assert "at least one full sentence" in check.message


def test_parts_present_free_mode_needs_each_part_found() -> None:
    found = Analysis.free_text("My goal was to cut costs. I decided to renegotiate.")
    check = parts_present(found)
    assert not check.passed
    assert check.message.startswith("Not found in your answer: situation, result.")
    assert "'As a result…'" in check.message


def test_length_bounds_are_inclusive() -> None:
    answer = structured()  # 20 words
    assert length(answer, 20, 20).passed
    short = length(answer, 21, 400)
    assert not short.passed
    assert short.message.startswith("Your answer has 20 words; aim for at least 21.")
    long = length(answer, 0, 19)
    assert not long.passed
    assert "keep it to 19" in long.message


def test_length_message_singular() -> None:
    assert length(structured("a", "", "", ""), 5, 10).message.startswith("Your answer has 1 word;")


def test_pronoun_counts_fold_case_apostrophes_and_quotes() -> None:
    tokens = ["I’M", "Myself", "'we'", "WE'LL", "us", "ours", "mine", "I-"]
    assert pronoun_counts([t.lower().replace("’", "'") for t in tokens]) == (3, 3)


def test_ownership_needs_i_at_least_as_often_as_we() -> None:
    assert ownership(structured(a="We planned it and I built it")).passed
    we = ownership(structured(a="We planned it and we built it with my help"))
    assert not we.passed
    assert "'we' (us, our) 2 times but 'I' (me, my) only 1" in we.message
    none = ownership(structured(a="The team planned and built it"))
    assert not none.passed
    assert "never says 'I'" in none.message


def test_quantified_result_digits_and_number_words() -> None:
    assert quantified_result(structured(r="Costs fell by 12%")).passed
    assert quantified_result(structured(r="Costs fell by ٣ points")).passed
    assert quantified_result(structured(r="It took TWICE as long")).passed
    assert quantified_result(structured(r="A twenty-five point gain")).passed
    ok = quantified_result(structured(r="We saved three hours, then 40 more"))
    assert "('three')" in ok.message  # the first quantity is quoted back
    for text in ("Someone noticed", "It was a oneoff", "Nothing changed"):
        failed = quantified_result(structured(r=text))
        assert not failed.passed
        assert failed.message == (
            "Your result has no number. Add one measurable outcome: a percentage, an amount,"
            " a count or a time saved."
        )
    assert quantified_result(structured(r="")).message.startswith("There is no result yet.")


def test_action_focus_thirty_percent_boundary() -> None:
    # 3 of 10 words is exactly 30%: passes; 2 of 10 fails.
    passing = Analysis.structured(
        {"situation": "a b c d", "task": "e f g", "action": "h i j", "result": ""}
    )
    assert action_focus(passing).passed
    assert "30%" in action_focus(passing).message
    failing = Analysis.structured(
        {"situation": "a b c d e", "task": "f g h", "action": "i j", "result": ""}
    )
    check = action_focus(failing)
    assert not check.passed
    assert check.message.startswith("Your action is only 20% of your answer")


def test_action_focus_empty_answer_fails() -> None:
    assert not action_focus(structured("", "", "", "")).passed
