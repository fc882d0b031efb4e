"""Free-mode part detection: behaviour on small texts, the features, the shipped weights file,
and accuracy on the labelled set (held-out figures: benchmarks/star_bench.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from quizengine.models import STAR_PARTS
from quizengine.star.parts import detect_parts, features, label, model, scores
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


def test_a_lone_sentence_gets_one_label() -> None:
    assert len(label([Sentence.of("Hello")])) == 1


def test_ties_go_to_the_earlier_part() -> None:
    # A model with no evidence at all scores every labelling 0: all situation.
    data = {**model(), "bias": [0.0] * 4, "weights": {}}
    data["transitions"] = [[0.0 if k >= j else None for k in range(4)] for j in range(4)]
    assert label([Sentence.of("Hello")] * 3, data) == [0, 0, 0]


def test_a_plain_natural_answer_finds_every_part() -> None:
    """Issue 10: no signposts ("My goal was…"), and still no part reported missing."""
    parts = detect_parts(
        "I was running the front desk at a small hotel when our booking system went down on a"
        " Friday. Forty guests were due to check in that evening and nobody knew which rooms"
        " were free. I printed the last backup of the room list and called each guest to"
        " confirm their booking. Everyone had a room by nine, and the manager asked me to"
        " write up the steps for the rest of the staff."
    )
    assert all(parts.values()), parts


def test_a_story_that_stops_after_its_action_has_no_result() -> None:
    """Issue 11: the last action sentence is not taken for a result the writer never gave
    (the model trained on result-less copies of its answers: scripts/train_star.py)."""
    parts = detect_parts(
        "At a small accounting firm where I worked as a payroll assistant, all six of us had to"
        " be at our desks from nine to five. I wanted to propose flexible start times without"
        " putting the payroll deadlines at risk. I first asked the office manager what worried"
        " her about flexible hours. I drew up a rota so that at least two people covered the"
        " phones from nine every day. When a senior colleague said the change was unfair to"
        " people who liked fixed hours, I made the new start times optional."
    )
    assert parts["result"] == "", parts
    assert all(parts[p] for p in STAR_PARTS if p != "result"), parts


def test_digits_are_evidence_for_the_result() -> None:
    assert scores(Sentence.of("12 of them"), 2, 3)[3] > scores(Sentence.of("all of them"), 2, 3)[3]


def test_features_follow_the_spec() -> None:
    found = features(Sentence.of("My goal: I’ll 'double' the re-do, we planned twenty-five!"), 0, 2)
    assert found == [
        "p:0",
        "p:first",
        "w:my",
        "b:<s> my",
        "w:goal",
        "b:my goal",
        "w:i'll",
        "b:goal i'll",
        "w:double",
        "b:i'll double",
        "w:the",
        "b:double the",
        "w:re-do",
        "b:the re-do",
        "w:we",
        "b:re-do we",
        "w:planned",
        "b:we planned",
        "w:twenty-five",
        "b:planned twenty-five",
        "s:i",
        "s:we",
        "s:modal",
        "s:ed",
        "s:num",
    ]
    assert features(Sentence.of("x x"), 3, 4) == ["p:3", "p:last", "w:x", "b:<s> x", "b:x x"]


def test_the_weights_file_is_well_formed() -> None:
    data = model()
    assert data["version"] == 1
    assert data["labels"] == list(STAR_PARTS)
    assert len(data["bias"]) == 4
    for j, row in enumerate(data["transitions"]):
        assert [x is None for x in row] == [k < j for k in range(4)]  # never backwards
    assert list(data["weights"]) == sorted(data["weights"])
    for name, row in data["weights"].items():
        assert name[:2] in ("w:", "b:", "s:", "p:") and len(row) == 4, name
