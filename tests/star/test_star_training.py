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
