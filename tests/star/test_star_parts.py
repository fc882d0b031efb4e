"""Free-mode part detection: behaviour on small texts, and accuracy on the labelled set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from quizengine.models import STAR_PARTS
from quizengine.star.parts import CUES, cue_scores, detect_parts, label
from quizengine.star.text import Sentence

LABELLED = Path(__file__).parents[1] / "data" / "star_labelled.yaml"


def load_labelled() -> list[dict[str, Any]]:
    answers: list[dict[str, Any]] = yaml.safe_load(LABELLED.read_text("utf-8"))["answers"]
    return answers


def accuracy(answers: list[dict[str, Any]]) -> float:
    right = total = 0
    for answer in answers:
        found = [Sentence.of(s["text"]) for s in answer["sentences"]]
        for s, state in zip(answer["sentences"], label(found), strict=True):
            right += STAR_PARTS[state] == s["part"]
            total += 1
    return right / total


def test_labelled_set_is_big_enough() -> None:
    assert len(load_labelled()) >= 48


def test_sentence_accuracy_on_the_labelled_set() -> None:
    """A quality bar, not a timing test: at least 85% of sentences get the human label."""
    assert accuracy(load_labelled()) >= 0.85


def test_accuracy_holds_on_each_half() -> None:
    """A weak guard against tuning to a handful of answers: neither half may collapse."""
    answers = load_labelled()
    middle = len(answers) // 2
    assert accuracy(answers[:middle]) >= 0.8
    assert accuracy(answers[middle:]) >= 0.8


def test_signposted_answer() -> None:
    parts = detect_parts(
        "At the time I worked in a busy call centre. My goal was to cut the wait."
        " First, I mapped every step. Then I moved two staff to the morning shift."
        " As a result, waits fell by 40%."
    )
    assert parts == {
        "situation": "At the time I worked in a busy call centre.",
        "task": "My goal was to cut the wait.",
        "action": "First, I mapped every step. Then I moved two staff to the morning shift.",
        "result": "As a result, waits fell by 40%.",
    }


def test_labels_never_go_backwards_even_for_an_out_of_order_answer() -> None:
    found = [
        Sentence.of(t)
        for t in (
            "As a result, sales rose 20%.",
            "Last year our shop was quiet.",
            "I decided to run a weekend sale.",
        )
    ]
    labels = label(found)
    assert labels == sorted(labels)


def test_no_sentences() -> None:
    assert label([]) == []
    assert detect_parts(" \n ") == dict.fromkeys(STAR_PARTS, "")


def test_without_cues_the_position_prior_decides() -> None:
    # A lone cue-less sentence sits mid-answer, nearest the action's centre.
    assert label([Sentence.of("Hello")]) == [2]


def test_ties_go_to_the_earlier_part(monkeypatch: pytest.MonkeyPatch) -> None:
    # With the prior switched off and no cues, every labelling scores 0: all situation.
    monkeypatch.setattr("quizengine.star.parts.PRIOR", 0.0)
    assert label([Sentence.of("Hello")] * 3) == [0, 0, 0]


def test_digits_are_evidence_for_the_result() -> None:
    assert cue_scores(Sentence.of("12 of them"))[3] > cue_scores(Sentence.of("all of them"))[3]


def test_cue_lists_are_plain_and_unique() -> None:
    for groups in CUES.values():
        cues = [cue for _, spec in groups for cue in spec.split("|")]
        assert len(cues) == len(set(cues))
        for cue in cues:
            assert cue == cue.strip() and "  " not in cue
            assert set(cue) <= set("abcdefghijklmnopqrstuvwxyz' *"), cue
