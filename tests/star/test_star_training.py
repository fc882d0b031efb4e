"""The shipped part model is what `make train-star` builds from the committed training data.

Retraining needs scikit-learn (the `train` extra, part of the locked test install); the site
and the CLI never do. If this fails after editing a `tests/data/star_train*.yaml` file or
`star_labelled.yaml`, run `make train-star` and `make assets`, and commit both outputs.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "src" / "quizengine" / "star" / "part_model.json"


def trainer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_star", ROOT / "scripts" / "train_star.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_star", module)
    spec.loader.exec_module(module)
    return module


def test_retraining_reproduces_the_shipped_weights_byte_for_byte(tmp_path: Path) -> None:
    train = trainer()
    out = tmp_path / "part_model.json"
    train.main(["--out", str(out)])
    assert out.read_bytes() == SHIPPED.read_bytes(), "stale: run `make train-star`"


def test_training_never_reads_a_held_out_file() -> None:
    train = trainer()
    names = [path.name for path in train.training_files()]
    assert names[0] == "star_labelled.yaml"
    assert not any("heldout" in name for name in names)
    assert next(path.name for path in train.heldout_files()) == "star_heldout.yaml"
    assert not set(names) & {path.name for path in train.heldout_files()}


def test_augmenting_adds_result_less_copies_and_keeps_every_other_label() -> None:
    train = trainer()
    answers = train.load(train.training_files())
    with_result = [a for a in answers if train.has_result(a)]
    assert 0 < len(with_result) < len(answers)  # some written answers already have no result
    everything = train.augment(answers, 1.0)
    assert everything[: len(answers)] == answers  # the written answers first, untouched
    copies = everything[len(answers) :]
    assert copies == [train.without_result(a) for a in with_result]
    for copy, answer in zip(copies, with_result, strict=True):
        assert [s["part"] for s in copy["sentences"]] == [
            s["part"] for s in answer["sentences"] if s["part"] != "result"
        ]
    assert train.augment(answers, 0.0) == answers


def test_a_share_of_copies_is_chosen_by_each_answer_alone() -> None:
    """The same answers are copied whatever else is in the list (a fold, or all of them)."""
    train = trainer()
    answers = train.load(train.training_files())
    picked = [a for a in answers if len(train.augment([a], 0.2)) == 2]
    assert 0.1 * len(answers) < len(picked) < 0.3 * len(answers)
    assert train.augment(answers, 0.2)[len(answers) :] == list(map(train.without_result, picked))
    odd = answers[1::2]
    assert train.augment(odd, 0.2)[len(odd) :] == [
        train.without_result(a) for a in picked if any(a is b for b in odd)
    ]
