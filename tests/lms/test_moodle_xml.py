"""Moodle XML: no registry package reads it, so the export is checked against Moodle's own
rules (grades from its fixed list, the elements its importer reads per type) and the
import against a file written the way Moodle writes them, types it lacks included.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from quizengine import load_paths, load_quiz
from quizengine.lms import export_quizzes, import_text
from quizengine.lms.common import MOODLE_GRADES
from quizengine.lms.text_essay import DEFAULT_CRITERION
from quizengine.models import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    ShortTextQuestion,
    SingleQuestion,
    StarQuestion,
    TextQuestion,
    TrueFalseQuestion,
)

from .support import ROOT, written_once

QUIZZES = load_paths([ROOT / "quizzes"]).quizzes
_REQUIRED = {
    "multichoice": {"single", "shuffleanswers", "answer", "correctfeedback", "incorrectfeedback"},
    "truefalse": {"answer"},
    "shortanswer": {"usecase", "answer"},
    "numerical": {"answer", "unitgradingtype", "showunits"},
    "matching": {"subquestion", "shuffleanswers"},
    "ordering": {"answer", "gradingtype", "selecttype", "layouttype"},
    "essay": {"responseformat", "minwordlimit", "maxwordlimit", "graderinfo"},
}


@pytest.fixture(scope="module")
def root() -> ET.Element:
    (data,) = export_quizzes(QUIZZES, "moodle", bundle="all").files.values()
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(data)


def _questions(root: ET.Element) -> list[tuple[str, ET.Element]]:
    """Each question node with the category it was written under."""
    out, category = [], ""
    for node in root.findall("question"):
        if node.get("type") == "category":
            category = node.findtext("category/text", "")
        else:
            out.append((category, node))
    return out


def test_every_quiz_is_a_category_and_every_question_is_there(root: ET.Element) -> None:
    """A quiz's own questions under its title, a bank's once under the bank's title."""
    assert root.tag == "quiz"
    assert [(c, n.findtext("name/text")) for c, n in _questions(root)] == [
        (f"$course$/top/{title}", q.id) for title, q in written_once(QUIZZES)
    ]


def test_each_question_has_what_moodle_reads(root: ET.Element) -> None:
    ours = [q for _, q in written_once(QUIZZES)]
    nodes = [node for _, node in _questions(root)]
    for question, node in zip(ours, nodes, strict=True):
        kind = node.get("type", "")
        children = {child.tag for child in node}
        assert {"name", "questiontext", "generalfeedback", "defaultgrade"} <= children
        assert _REQUIRED[kind] <= children, (question.id, _REQUIRED[kind] - children)
        assert node.find("questiontext").get("format") == "html"  # type: ignore[union-attr]
        assert float(node.findtext("defaultgrade", "")) == question.points
        if kind in ("multichoice", "truefalse", "shortanswer", "numerical"):
            for answer in node.findall("answer"):
                fraction = float(answer.get("fraction", "")) / 100
                assert any(abs(fraction - g) < 1e-7 for g in MOODLE_GRADES), (question.id, fraction)
        _check_meaning(question, node)


def _check_meaning(question: object, node: ET.Element) -> None:
    answers = node.findall("answer")
    fractions = [float(a.get("fraction", "0")) for a in answers]
    if isinstance(question, SingleQuestion):
        assert node.findtext("single") == "true"
        assert [f == 100 for f in fractions] == [o.correct for o in question.options]
    elif isinstance(question, MultipleQuestion):
        assert node.findtext("single") == "false"
        assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=1e-3)
    elif isinstance(question, TrueFalseQuestion):
        right = [a.findtext("text") for a in answers if float(a.get("fraction", "0")) == 100]
        assert right == [str(question.answer).lower()]
    elif isinstance(question, NumericQuestion):
        assert float(answers[0].findtext("text", "")) == question.answer
        assert float(answers[0].findtext("tolerance", "")) == pytest.approx(
            question.absolute_tolerance()
        )
        assert [u.findtext("unit_name") for u in node.findall("units/unit")] == (
            question.spellings()
        )
    elif isinstance(question, ShortTextQuestion) and question.match == "normalized":
        texts = [a.findtext("text") for a in answers if float(a.get("fraction", "0")) > 0]
        assert texts == [a.text.replace("*", "\\*") for a in question.answers]
    elif isinstance(question, MatchingQuestion):
        subs = node.findall("subquestion")
        assert len(subs) == len(question.pairs) + len(question.distractors)
        assert [s.findtext("text") for s in subs[len(question.pairs) :]] == [""] * len(
            question.distractors
        )
    elif isinstance(question, OrderingQuestion):
        assert [a.get("fraction") for a in answers] == [
            str(n) for n in range(1, len(question.items) + 1)
        ]
        expected = (
            "ALL_OR_NOTHING"
            if question.scoring == "all_or_nothing"
            else "RELATIVE_ALL_PREVIOUS_AND_NEXT"
        )
        assert node.findtext("gradingtype") == expected
    elif isinstance(question, StarQuestion):
        assert node.findtext("minwordlimit") == str(question.min_words)
        assert node.findtext("maxwordlimit") == str(question.max_words)
        assert "STAR self-review" in node.findtext("questiontext/text", "")


MOODLE_FILE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 0  -->
  <question type="category">
    <category><text>$course$/top/Default for Negotiation</text></category>
  </question>
  <question type="multichoice">
    <name><text>Deadline reply</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>The recruiter wants an answer <b>today</b>. What do you say?</p>
      <p><img src="@@PLUGINFILE@@/clock.png" alt="a clock"></p>]]></text>
      <file name="clock.png" path="/" encoding="base64">iVBORw0KGgo=</file>
    </questiontext>
    <generalfeedback format="html"><text>Asking for time is normal.</text></generalfeedback>
    <defaultgrade>2.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <single>true</single>
    <shuffleanswers>false</shuffleanswers>
    <answernumbering>abc</answernumbering>
    <correctfeedback format="html"><text>Well done.</text></correctfeedback>
    <partiallycorrectfeedback format="html"><text>Partly.</text></partiallycorrectfeedback>
    <incorrectfeedback format="html"><text>Not quite.</text></incorrectfeedback>
    <answer fraction="100" format="html"><text>Ask for two days</text>
      <feedback format="html"><text>Yes.</text></feedback></answer>
    <answer fraction="0" format="html"><text>Accept at once</text>
      <feedback format="html"><text></text></feedback></answer>
    <hint format="html"><text>Think about what is normal.</text></hint>
    <hint format="html"><text>Two days is common.</text></hint>
  </question>
  <question type="truefalse">
    <name><text>Signing bonus</text></name>
    <questiontext format="moodle_auto_format">
      <text>A sign-on bonus repeats every year.</text></questiontext>
    <answer fraction="0" format="moodle_auto_format"><text>true</text>
      <feedback format="html"><text>No, it is paid once.</text></feedback></answer>
    <answer fraction="100" format="moodle_auto_format"><text>false</text>
      <feedback format="html"><text>Right, once.</text></feedback></answer>
  </question>
  <question type="shortanswer">
    <name><text>Batna</text></name>
    <questiontext format="plain_text">
      <text>Your best fallback option is called your ...?</text></questiontext>
    <usecase>1</usecase>
    <answer fraction="100" format="moodle_auto_format"><text>BATNA</text>
      <feedback format="html"><text>Yes.</text></feedback></answer>
    <answer fraction="50" format="moodle_auto_format"><text>fallback</text></answer>
  </question>
  <question type="numerical">
    <name><text>Hourly rate</text></name>
    <questiontext format="html">
      <text>What is $52,000 a year per hour at 2,080 hours?</text></questiontext>
    <answer fraction="100" format="moodle_auto_format"><text>25</text>
      <feedback format="html"><text>Correct.</text></feedback><tolerance>0.5</tolerance></answer>
    <answer fraction="50" format="moodle_auto_format"><text>25</text>
      <feedback format="html"><text>Close.</text></feedback><tolerance>2</tolerance></answer>
    <answer fraction="0" format="moodle_auto_format"><text>*</text>
      <feedback format="html"><text>Divide by 2,080.</text></feedback>
      <tolerance>0</tolerance></answer>
    <units><unit><multiplier>1</multiplier><unit_name>$</unit_name></unit>
      <unit><multiplier>100</multiplier><unit_name>cents</unit_name></unit></units>
  </question>
  <question type="matching">
    <name><text>Terms</text></name>
    <questiontext format="html"><text>Match the terms.</text></questiontext>
    <subquestion format="html"><text>Cliff</text>
      <answer><text>Nothing vests before it</text></answer></subquestion>
    <subquestion format="html"><text>Match</text>
      <answer><text>Employer adds to your savings</text></answer></subquestion>
    <subquestion format="html"><text></text>
      <answer><text>A kind of salary band</text></answer></subquestion>
  </question>
  <question type="ordering">
    <name><text>Steps</text></name>
    <questiontext format="html"><text>Order the steps.</text></questiontext>
    <gradingtype>ABSOLUTE_POSITION</gradingtype>
    <answer fraction="2" format="html"><text>Research</text></answer>
    <answer fraction="1" format="html"><text>Thank them</text></answer>
    <answer fraction="3" format="html"><text>Counter</text></answer>
  </question>
  <question type="essay">
    <name><text>Story</text></name>
    <questiontext format="html"><text>Tell a story about a time you asked for a raise:
      the situation, your task, the action you took and the result.</text></questiontext>
    <minwordlimit>120</minwordlimit>
    <maxwordlimit>350</maxwordlimit>
  </question>
  <question type="essay">
    <name><text>Opinion</text></name>
    <questiontext format="html"><text>What do you think of open salaries?</text></questiontext>
  </question>
  <question type="multianswer">
    <name><text>Cloze</text></name>
    <questiontext format="html"><text>{1:SHORTANSWER:=x}</text></questiontext>
  </question>
  <question type="description">
    <name><text>Intro</text></name>
    <questiontext format="html"><text>Read this first.</text></questiontext>
  </question>
</quiz>
"""


def test_a_moodle_written_file_imports_with_notes(tmp_path: Path) -> None:
    result = import_text(MOODLE_FILE, "moodle", quiz_id="negotiation", title="Negotiation")
    path = tmp_path / "negotiation.yaml"
    path.write_text(result.yaml_text, encoding="utf-8")
    quiz = load_quiz(path)
    by_id = {q.id: q for q in quiz.questions}
    assert list(by_id) == [
        "deadline-reply",
        "signing-bonus",
        "batna",
        "hourly-rate",
        "terms",
        "steps",
        "story",
        "opinion",
    ]
    single = by_id["deadline-reply"]
    assert isinstance(single, SingleQuestion)
    assert single.prompt.startswith("The recruiter wants an answer **today**.")
    assert "a clock" in single.prompt
    assert (single.points, single.shuffle_options) == (2.0, False)
    assert single.hint == "Think about what is normal.\n\nTwo days is common."
    assert (single.feedback_correct, single.feedback_incorrect) == ("Well done.", "Not quite.")
    tf = by_id["signing-bonus"]
    assert isinstance(tf, TrueFalseQuestion)
    assert (tf.answer, tf.feedback_correct, tf.feedback_incorrect) == (
        False,
        "Right, once.",
        "No, it is paid once.",
    )
    short = by_id["batna"]
    assert isinstance(short, ShortTextQuestion)
    assert short.match == "exact"
    assert [(a.text, a.score) for a in short.answers] == [("BATNA", 1.0), ("fallback", 0.5)]
    number = by_id["hourly-rate"]
    assert isinstance(number, NumericQuestion)
    assert (number.answer, number.tolerance, number.unit) == (25, 0.5, "$")
    assert (number.feedback_correct, number.feedback_incorrect) == ("Correct.", "Divide by 2,080.")
    matching = by_id["terms"]
    assert isinstance(matching, MatchingQuestion)
    assert [d.text for d in matching.distractors] == ["A kind of salary band"]
    ordering = by_id["steps"]
    assert isinstance(ordering, OrderingQuestion)
    assert [i.text for i in ordering.items] == ["Thank them", "Research", "Counter"]
    star = by_id["story"]
    assert isinstance(star, StarQuestion)
    assert (star.mode, star.min_words, star.max_words, star.rubric) == ("free", 120, 350, None)
    opinion = by_id["opinion"]  # any other essay: a text question, rubric to be written
    assert isinstance(opinion, TextQuestion)
    assert opinion.prompt == "What do you think of open salaries?"
    assert [c.criterion for c in opinion.rubric] == [DEFAULT_CRITERION]
    notes = "\n".join(n.format() for n in result.notes)
    for fragment in (
        "question 'deadline-reply': images and attached files dropped",
        "question 'deadline-reply': feedback for partly correct answers dropped",
        "question 'hourly-rate': 1 more answer(s) with partial credit dropped",
        "question 'hourly-rate': only the main unit is kept",
        "question 'steps': grading method ABSOLUTE_POSITION approximated",
        "question 'story': essay that names Situation, Task, Action and Result",
        "question 'opinion': essay imported as a text question with a one-line rubric",
        "question 'Cloze': Moodle question type 'multianswer' has no equivalent",
        "question 'Intro': Moodle question type 'description' has no equivalent",
    ):
        assert fragment in notes, fragment


# An essay as Moodle (not this engine) writes one: the model answer for graders in
# <graderinfo>, HTML with entities, markup to sanitise, and a pre-filled answer box.
FOREIGN_ESSAY = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="essay">
    <name><text>Counter offer</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>How would you answer an offer of 60k?</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[<p>Anchor high, with reasons.</p>]]></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.0000000</penalty>
    <hidden>0</hidden>
    <responseformat>editor</responseformat>
    <responserequired>1</responserequired>
    <responsefieldlines>15</responsefieldlines>
    <minwordlimit>50</minwordlimit>
    <maxwordlimit></maxwordlimit>
    <attachments>0</attachments>
    <attachmentsrequired>0</attachmentsrequired>
    <maxbytes>0</maxbytes>
    <filetypeslist></filetypeslist>
    <graderinfo format="html">
      <text><![CDATA[<p>Thank them, then ask for <strong>68k</strong> &amp; say why:
        &lt;market data&gt;.</p><script>alert(1)</script><ul><li>research</li></ul>]]></text>
    </graderinfo>
    <responsetemplate format="html"><text><![CDATA[<p>My answer:</p>]]></text></responsetemplate>
  </question>
</quiz>
"""


def test_a_foreign_essay_keeps_its_grader_information_as_the_example_answer(
    tmp_path: Path,
) -> None:
    result = import_text(FOREIGN_ESSAY, "moodle", quiz_id="essay", title="Essay")
    path = tmp_path / "essay.yaml"
    path.write_text(result.yaml_text, encoding="utf-8")
    (question,) = load_quiz(path).questions
    assert isinstance(question, TextQuestion)
    assert question.example_answer == (
        "Thank them, then ask for **68k** &amp; say why: &lt;market data>.\n\n- research"
    )
    assert question.explanation == "Anchor high, with reasons."
    assert question.min_words == 50
    notes = [n.message for n in result.notes]
    assert any("removed what could run in a page" in n for n in notes)
    assert "the essay's answer template dropped: the answer box here starts empty" in notes
    # Our own export writes it back as the information for graders.
    (data,) = export_quizzes([load_quiz(path)], "moodle").files.values()
    graderinfo = ET.fromstring(data).find("question[@type='essay']/graderinfo/text")
    assert graderinfo is not None and "<strong>68k</strong>" in (graderinfo.text or "")


def test_grader_information_unlike_the_example_answer_is_named() -> None:
    """Our export puts the example answer in both places; a file edited since, with other
    grader information, keeps the feedback's and says the other was dropped."""
    quiz = load_quiz(ROOT / "quizzes" / "guide" / "guide-text.yaml")
    texts = [q for q in quiz.questions if isinstance(q, TextQuestion) and q.example_answer]
    assert texts, "the course has a text question with an example answer"
    (data,) = export_quizzes([quiz], "moodle").files.values()
    root = ET.fromstring(data)
    (node,) = [
        q.find("graderinfo/text")
        for q in root.iter("question")
        if q.findtext("name/text") == texts[0].id
    ]
    assert node is not None
    node.text = "<p>Grade it kindly.</p>"
    result = import_text(ET.tostring(root, encoding="unicode"), "moodle", quiz_id=quiz.id)
    message = "the information for graders dropped: the example answer comes from the feedback"
    assert (texts[0].id, message) in [(n.question, n.message) for n in result.notes]
