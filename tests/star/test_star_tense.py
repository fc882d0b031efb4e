"""Hypothetical sentences (star/tense.py) and the `specific` check that counts them."""

from __future__ import annotations

from quizengine.star.checks import Analysis, specific
from quizengine.star.tense import hypothetical_flags
from quizengine.star.text import Sentence, sentences


def flags(text: str) -> list[bool]:
    return hypothetical_flags([Sentence.of(s) for s in sentences(text)])


def action(text: str) -> Analysis:
    five = "one two three four five"
    return Analysis.structured({"situation": five, "task": five, "action": text, "result": five})


def test_every_spec_cue_is_hypothetical() -> None:
    for cue in ("I would", "I'd", "I will", "I’ll", "I could", "I'm going to", "I am going to"):
        assert flags(f"{cue} call the client.") == [True], cue


def test_past_tense_and_other_subjects_are_not() -> None:
    assert flags("I called the client. She would probably agree. I couldn't wait.") == [
        False,
        False,
        False,
    ]


def test_reported_speech_is_not_hypothetical() -> None:
    assert flags("I told her I would send it. I proposed a plan: I would cover Mondays.") == [
        False,
        False,
    ]


def test_a_plan_counts_only_when_a_later_sentence_carries_it_out() -> None:
    assert flags("I decided I would call them all. I called all five.") == [False, False]
    assert flags("I decided I would call them all. I would then ask.") == [True, True]
    assert flags("I decided I would call them all.") == [True]


def test_specific_fails_only_when_most_sentences_are_hypothetical() -> None:
    assert not specific(action("I would ask. I would call. I called.")).passed
    assert specific(action("I would ask. I called.")).passed  # one of two is not most
    failed = specific(action("I would ask my manager."))
    assert failed.message.startswith("Every sentence of your action says what you would do")
    two = specific(action("I would ask. I will call. I called."))
    assert two.message.startswith("2 of the 3 sentences in your action say what you would do")


def test_specific_on_an_empty_action_passes_and_says_so() -> None:
    check = specific(action(""))
    assert check.passed
    assert check.message.startswith("There is no action yet")
