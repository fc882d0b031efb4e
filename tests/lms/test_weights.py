"""Option weights survive export to Moodle XML and GIFT and import back, as Moodle
fractions (`fraction="50"`) and GIFT weights (`~%50%`), and grade the same afterwards; QTI
carries them as score rules."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from quizengine import load_quiz
from quizengine.lms import export_quizzes, import_text
from quizengine.models import MultipleQuestion, Quiz, SingleQuestion

from .support import ROOT, assert_grades_alike, need_gift_pegjs, parse_with_gift_pegjs

WEIGHTED = load_quiz(ROOT / "tests" / "data" / "lms" / "weighted.yaml")
CHOICES = [q for q in WEIGHTED.questions if isinstance(q, SingleQuestion | MultipleQuestion)]


def _round_trip(quiz: Quiz, fmt: str, tmp_path: Path) -> tuple[Quiz, list[str]]:
    (data,) = export_quizzes([quiz], fmt).files.values()  # type: ignore[arg-type]
    result = import_text(data.decode("utf-8"), fmt, quiz_id=quiz.id, title=quiz.title)  # type: ignore[arg-type]
    path = tmp_path / f"{quiz.id}.yaml"
    path.write_text(result.yaml_text, encoding="utf-8")
    return load_quiz(path), [n.format() for n in result.notes]


@pytest.mark.parametrize("fmt", ["gift", "moodle"])
def test_weights_come_back_and_grade_alike(fmt: str, tmp_path: Path) -> None:
    back, notes = _round_trip(WEIGHTED, fmt, tmp_path)
    by_id = {q.id: q for q in back.questions}
    for original in CHOICES:
        imported = by_id[original.id]
        assert type(imported) is type(original)
        assert isinstance(imported, SingleQuestion | MultipleQuestion)
        assert [o.weight for o in imported.options] == pytest.approx(
            [o.weight for o in original.options]
        )
        assert_grades_alike(original, imported)
    assert not [n for n in notes if "weight" in n or "partial credit" in n], notes


def test_moodle_xml_carries_the_weights_as_fractions() -> None:
    (data,) = export_quizzes([WEIGHTED], "moodle").files.values()
    root = ET.fromstring(data)
    perks = next(q for q in root.iter("question") if q.findtext("name/text") in ("perks", "Perks"))
    assert [a.get("fraction") for a in perks.iter("answer")] == ["50", "50", "-100", "0"]
    counter = next(q for q in root.iter("question") if q.findtext("name/text") == "counter")
    assert counter.findtext("single") == "true"
    assert [a.get("fraction") for a in counter.iter("answer")] == ["100", "50", "-25"]


def test_gift_writes_part_credit_on_a_single_choice() -> None:
    (data,) = export_quizzes([WEIGHTED], "gift").files.values()
    text = data.decode("utf-8")
    assert "\t=One bundled request" in text
    assert "\t~%50%Two requests a week apart#" in text
    assert "\t~%-25%Ten small requests" in text
    assert "\t~%-100%The company's tax rate" in text


def test_qti_adds_each_weight_as_a_score_rule() -> None:
    (data,) = export_quizzes([WEIGHTED], "qti").files.values()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".xml") and "manifest" not in n)
        root = ET.fromstring(archive.read(name))
    ns = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
    item = next(i for i in root.iter(f"{ns}item") if i.get("title") == "perks")
    adds = [
        (c.find(f"{ns}conditionvar/{ns}varequal").text.rsplit("_", 1)[1], s.text)  # type: ignore[union-attr]
        for c in item.iter(f"{ns}respcondition")
        for s in c.iter(f"{ns}setvar")
        if s.get("action") == "Add"
    ]
    assert sorted(adds) == [("a", "50"), ("b", "50"), ("c", "-100")]


def test_gift_pegjs_reads_the_weights_we_wrote() -> None:
    need_gift_pegjs()
    (data,) = export_quizzes([WEIGHTED], "gift").files.values()
    theirs = {q.get("title"): q for q in parse_with_gift_pegjs(data.decode("utf-8"))}
    for ours in CHOICES:
        weights = [c["weight"] for c in theirs[ours.id]["choices"]]
        if isinstance(ours, MultipleQuestion):
            # A wrong option that costs nothing is written `~text`, which GIFT reads as 0%.
            got = [0 if w is None else w for w in weights]
            assert got == pytest.approx([100 * (o.weight or 0) for o in ours.options])
        else:  # the correct option is written `=`, without a weight
            assert weights == pytest.approx([None, 50, -25])
            assert [c["isCorrect"] for c in theirs[ours.id]["choices"]] == [True, False, False]
