"""The benchmarks' generated bank and sites are valid quizzes of every type: a new question
type the generator does not know would otherwise break `make bench` without a failing test."""

from __future__ import annotations

import sys
from pathlib import Path

from quizengine.loader import load_paths
from quizengine.models import QUESTION_TYPES

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from bank import write_bank  # type: ignore[import-not-found]
from sites import VARIANTS, write_site  # type: ignore[import-not-found]


def test_the_generated_bank_loads_and_holds_every_type(tmp_path: Path) -> None:
    write_bank(tmp_path, questions=10 * len(QUESTION_TYPES), files=2)
    report = load_paths([tmp_path])
    assert report.ok, [d.format() for f in report.files for d in f.diagnostics][:5]
    kinds = {q.type for quiz in report.quizzes for q in quiz.questions}
    assert kinds == set(QUESTION_TYPES)


def test_every_site_variant_is_written(tmp_path: Path) -> None:
    for variant in VARIANTS:
        root = write_site(tmp_path / variant, variant, pages=2, per_page=len(QUESTION_TYPES))
        assert len(list((root / "docs").glob("page-*.md"))) == 2
    assert load_paths([tmp_path / "quizengine" / "quizzes"]).ok
