"""The Canvas QTI 1.2 package: structure, shapes, and what independent readers make of it.

No registry package ships the IMS QTI 1.2 schema, so three checks stand in for it:
- text2qti (PyPI), a widely used Canvas QTI writer, produces a reference item for each
  question type; every element path and attribute we write must appear in its output
  for the same Canvas `question_type` (matching, which text2qti lacks, is checked apart);
- qti2latex (PyPI), a reader of Canvas QTI zips, must find our question types, prompts,
  choices, correct answers and points;
- a small interpreter of QTI 1.2 response processing (respcondition, setvar, varequal,
  vargte, varlte, and/or/not/other) must grade like our own grader.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from typing import Any

import pytest

from quizengine import load_paths
from quizengine.lms import export_quizzes
from quizengine.lms.common import md_to_html
from quizengine.models import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    Question,
    Quiz,
    ShortTextQuestion,
    SingleQuestion,
    StarQuestion,
    TextQuestion,
    TrueFalseQuestion,
)

from .support import ROOT, need_module, positional_probes, reference, score, to_answer

QUIZZES = load_paths([ROOT / "quizzes"]).quizzes
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
# Canvas's question_type for each of ours (ordering travels as matching).
CANVAS_TYPES = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "true_false": "true_false_question",
    "short_text": "short_answer_question",
    "numeric": "numerical_question",
    "matching": "matching_question",
    "ordering": "matching_question",
    "star": "essay_question",
    "text": "essay_question",
}

REFERENCE_TEXT = """\
Quiz title: Reference
Quiz description: Every shape text2qti writes.

1.  Pick one.
... General feedback.
+   Correct feedback.
-   Incorrect feedback.
a)  Wrong
... Wrong choice feedback.
*b) Right
... Right choice feedback.

2.  Pick all.
... General feedback.
+   Correct feedback.
-   Incorrect feedback.
[*] One
... Choice feedback.
[ ] Two
[*] Three

3.  True?
... General feedback.
+   Correct feedback.
-   Incorrect feedback.
*a) True
b)  False

4.  Name it.
... General feedback.
+   Correct feedback.
-   Incorrect feedback.
*   five
*   5

5.  Number?
... General feedback.
+   Correct feedback.
-   Incorrect feedback.
=   5 +- 0.5

6.  Essay?
... General feedback.
____
"""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _items(assessment: bytes) -> list[ET.Element]:
    return list(ET.fromstring(assessment).iter(f"{QTI}item"))


def _meta(item: ET.Element) -> dict[str, str]:
    fields = item.iter(f"{QTI}qtimetadatafield")
    return {f.findtext(f"{QTI}fieldlabel", ""): f.findtext(f"{QTI}fieldentry", "") for f in fields}


def _shape(item: ET.Element) -> set[tuple[tuple[str, ...], frozenset[str]]]:
    """Every element path below the item with its attribute names (text ignored)."""
    out: set[tuple[tuple[str, ...], frozenset[str]]] = set()

    def walk(node: ET.Element, path: tuple[str, ...]) -> None:
        here = (*path, _local(node.tag))
        out.add((here, frozenset(node.attrib)))
        for child in node:
            walk(child, here)

    walk(item, ())
    return out


@pytest.fixture(scope="module")
def packages() -> dict[str, zipfile.ZipFile]:
    exported = export_quizzes(QUIZZES, "qti")
    return {
        name.removesuffix(".zip"): zipfile.ZipFile(io.BytesIO(data))
        for name, data in exported.files.items()
    }


@pytest.fixture(scope="module")
def reference_shapes() -> dict[str, set[tuple[tuple[str, ...], frozenset[str]]]]:
    text2qti_config = need_module("text2qti.config", "text2qti==0.8.0")
    from text2qti.qti import QTI as Text2qti
    from text2qti.quiz import Quiz as Text2qtiQuiz

    quiz = Text2qtiQuiz(REFERENCE_TEXT, config=text2qti_config.Config(), source_name="ref.md")
    package = zipfile.ZipFile(io.BytesIO(Text2qti(quiz).zip_bytes()))
    (name,) = [n for n in package.namelist() if n.endswith(".xml") and "/" in n and "meta" not in n]
    shapes: dict[str, set[tuple[tuple[str, ...], frozenset[str]]]] = {}
    for item in _items(package.read(name)):
        shapes.setdefault(_meta(item)["question_type"], set()).update(_shape(item))
    assert set(shapes) == set(CANVAS_TYPES.values()) - {"matching_question"}
    return shapes


def test_package_has_a_manifest_that_references_every_file(
    packages: dict[str, zipfile.ZipFile],
) -> None:
    for quiz in QUIZZES:
        package = packages[quiz.id]
        names = set(package.namelist())
        assert names == {
            "imsmanifest.xml",
            f"{quiz.id}/{quiz.id}.xml",
            f"{quiz.id}/assessment_meta.xml",
        }
        manifest = ET.fromstring(package.read("imsmanifest.xml"))
        assert _local(manifest.tag) == "manifest"
        resources = {r.get("identifier"): r for r in manifest.iter(f"{CP}resource")}
        referenced = {f.get("href") for f in manifest.iter(f"{CP}file")}
        assert referenced == names - {"imsmanifest.xml"}
        (qti,) = [r for r in resources.values() if r.get("type") == "imsqti_xmlv1p2"]
        assert qti.find(f"{CP}file").get("href") == f"{quiz.id}/{quiz.id}.xml"  # type: ignore[union-attr]
        dependency = qti.find(f"{CP}dependency").get("identifierref")  # type: ignore[union-attr]
        assert resources[dependency].get("href") == f"{quiz.id}/assessment_meta.xml"
        root = ET.fromstring(package.read(f"{quiz.id}/{quiz.id}.xml"))
        assert root.tag == f"{QTI}questestinterop"
        assessment = root.find(f"{QTI}assessment")
        assert assessment is not None and assessment.get("title") == quiz.title
        assert len(_items(package.read(f"{quiz.id}/{quiz.id}.xml"))) == len(quiz.questions)


def test_a_bundle_holds_every_quiz_in_one_package() -> None:
    (data,) = export_quizzes(QUIZZES, "qti", bundle="course").files.values()
    package = zipfile.ZipFile(io.BytesIO(data))
    manifest = ET.fromstring(package.read("imsmanifest.xml"))
    qti = [r for r in manifest.iter(f"{CP}resource") if r.get("type") == "imsqti_xmlv1p2"]
    assert len(qti) == len(QUIZZES)


def test_packages_are_reproducible() -> None:
    assert export_quizzes(QUIZZES[:2], "qti").files == export_quizzes(QUIZZES[:2], "qti").files


@pytest.mark.parametrize("quiz", QUIZZES, ids=[q.id for q in QUIZZES])
def test_items_have_the_shapes_text2qti_writes(
    quiz: Quiz, packages: dict[str, zipfile.ZipFile], reference_shapes: dict[str, Any]
) -> None:
    items = _items(packages[quiz.id].read(f"{quiz.id}/{quiz.id}.xml"))
    for question, item in zip(quiz.questions, items, strict=True):
        kind = _meta(item)["question_type"]
        assert kind == CANVAS_TYPES[question.type]
        if kind == "matching_question":
            _check_matching_shape(item)
            continue
        extra = _shape(item) - reference_shapes[kind]
        assert not extra, (question.id, sorted(extra))


def _check_matching_shape(item: ET.Element) -> None:
    presentation = item.find(f"{QTI}presentation")
    assert presentation is not None
    lids = presentation.findall(f"{QTI}response_lid")
    labels = [{label.get("ident") for label in lid.iter(f"{QTI}response_label")} for lid in lids]
    assert len(lids) >= 2 and all(group == labels[0] for group in labels)
    setvars = list(item.iter(f"{QTI}setvar"))
    assert len(setvars) == len(lids)
    assert {s.get("action") for s in setvars} == {"Add"}


@pytest.mark.parametrize("quiz", QUIZZES, ids=[q.id for q in QUIZZES])
def test_qti2latex_reads_types_prompts_choices_and_points(
    quiz: Quiz, packages: dict[str, zipfile.ZipFile]
) -> None:
    qti2latex = need_module("qti2latex", "qti2latex==0.1.6")
    root = ET.fromstring(packages[quiz.id].read(f"{quiz.id}/{quiz.id}.xml"))
    assessment = qti2latex.child_anyns(root, "assessment")
    # Every item in document order: a bank the quiz draws from is a section of its own.
    items = [i for i in assessment.iter() if qti2latex.extract_tag(i) == "item"]
    for question, item in zip(quiz.questions, items, strict=True):
        meta = qti2latex.get_qti_metadata(item)
        assert qti2latex.guess_type(meta, item) == CANVAS_TYPES[question.type]
        assert int(meta["points_possible"]) == question.points
        stem = qti2latex.get_item_stem(item)
        if isinstance(question, TextQuestion):  # the rubric follows the prompt, for the grader
            assert stem.startswith(md_to_html(question.prompt))
            assert all(md_to_html(c.criterion)[3:-4] in stem for c in question.rubric)
        elif not isinstance(question, StarQuestion):
            assert stem == md_to_html(question.prompt)
        choices = qti2latex.get_choices(item)
        correct = qti2latex.get_correct_idents(item)
        if isinstance(question, SingleQuestion | MultipleQuestion):
            assert len(choices) == len(question.options)
            right = {
                ident for (ident, _), o in zip(choices, question.options, strict=True) if o.correct
            }
            assert right <= correct
            if not any(o.feedback for o in question.options):
                assert correct == right
        if isinstance(question, TrueFalseQuestion):
            labels = {ident: text for ident, text in choices}
            assert {labels[i] for i in correct} == {"True" if question.answer else "False"}
        if isinstance(question, ShortTextQuestion) and question.match == "normalized":
            assert {a.text for a in question.answers if a.score == 1} <= correct


# --- a QTI 1.2 response-processing interpreter -------------------------------------


def _holds(condition: ET.Element, response: dict[str, list[str]]) -> bool:
    """Canvas (and text2qti) list alternative answers as siblings in `conditionvar`."""
    tag = _local(condition.tag)
    if tag == "and":
        return all(_holds(c, response) for c in condition)
    if tag in ("conditionvar", "or"):
        return any(_holds(c, response) for c in condition)
    if tag == "not":
        return not all(_holds(c, response) for c in condition)
    if tag == "other":
        return True
    given = response.get(condition.get("respident", ""), [])
    expected = (condition.text or "").strip()
    if tag == "varequal":
        return any(g.strip().casefold() == expected.casefold() for g in given)
    try:
        numbers = [float(g) for g in given]
    except ValueError:
        return False
    if tag == "vargte":
        return any(n >= float(expected) for n in numbers)
    if tag == "varlte":
        return any(n <= float(expected) for n in numbers)
    raise AssertionError(f"unexpected condition <{tag}>")


def _qti_score(item: ET.Element, response: dict[str, list[str]]) -> float:
    total = 0.0
    for condition in item.iter(f"{QTI}respcondition"):
        var = condition.find(f"{QTI}conditionvar")
        assert var is not None
        if not _holds(var, response):
            continue
        for setvar in condition.findall(f"{QTI}setvar"):
            value = float(setvar.text or 0)
            total = value if setvar.get("action") == "Set" else total + value
        if condition.get("continue") == "No":
            break
    return total / 100


def _qti_response(question: Question, item: ET.Element, answer: Any) -> dict[str, list[str]]:
    labels = [label.get("ident", "") for label in item.iter(f"{QTI}response_label")]
    if isinstance(question, SingleQuestion):
        return {"response1": [labels[[o.key for o in question.options].index(answer)]]}
    if isinstance(question, TrueFalseQuestion):
        return {"response1": [labels[0 if answer else 1]]}
    if isinstance(question, ShortTextQuestion | NumericQuestion):
        return {"response1": [str(answer)]}
    assert isinstance(question, MatchingQuestion)
    lids = list(item.iter(f"{QTI}response_lid"))
    rights = question.right_ids()
    options = [label.get("ident", "") for label in lids[0].iter(f"{QTI}response_label")]
    return {
        lid.get("ident", ""): [options[rights.index(answer[left])]]
        for lid, left in zip(lids, question.left_ids(), strict=True)
    }


@pytest.mark.parametrize("quiz", QUIZZES, ids=[q.id for q in QUIZZES])
def test_response_processing_grades_like_our_grader(
    quiz: Quiz, packages: dict[str, zipfile.ZipFile]
) -> None:
    items = _items(packages[quiz.id].read(f"{quiz.id}/{quiz.id}.xml"))
    for question, item in zip(quiz.questions, items, strict=True):
        if not isinstance(
            question,
            SingleQuestion
            | TrueFalseQuestion
            | NumericQuestion
            | MatchingQuestion
            | ShortTextQuestion,
        ):
            continue  # Canvas grades multiple answers by its own rule; essays by hand
        answers = [reference(question)] + [
            to_answer(question, p) for p in positional_probes(question)
        ]
        for answer in answers:
            want = score(question, answer)
            if isinstance(question, ShortTextQuestion) and 0 < want < 1:
                want = 0.0  # partial-credit answers are dropped (noted): Canvas has none
            got = _qti_score(item, _qti_response(question, item, answer))
            assert got == pytest.approx(want, abs=1e-3), (question.id, answer)
