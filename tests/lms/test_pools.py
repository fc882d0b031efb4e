"""Quizzes drawing from question banks, exported: a category per bank, each question once,
QTI question groups that pick the draw, and notes for the draws a format cannot carry."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile

from quizengine.lms import export_quizzes
from quizengine.loader import load_paths

from ..conftest import DATA

QUIZZES = load_paths([DATA / "banks" / "good"]).quizzes
CHECK = next(q for q in QUIZZES if q.id == "check")
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


def test_moodle_xml_has_a_category_per_bank_with_tags_and_each_question_once() -> None:
    result = export_quizzes(QUIZZES, "moodle", bundle="all")
    root = ET.fromstring(result.files["all.xml"])
    current, placed = "", []
    for node in root:
        if node.get("type") == "category":
            current = node.findtext("category/text") or ""
        else:
            placed.append((current, node.findtext("name/text")))
    names = [name for _, name in placed]
    assert len(names) == len(set(names)) == 7  # three quizzes share the basics bank
    assert ("$course$/top/Negotiation basics", "day-rate") in placed
    assert ("$course$/top/timing", "early-number") in placed
    assert ("$course$/top/Module check", "own") in placed
    day_rate = next(n for n in root if n.findtext("name/text") == "day-rate")
    assert [t.text for t in day_rate.iterfind("tags/tag/text")] == ["numbers"]
    messages = [n.message for n in result.notes if n.quiz == "check"]
    assert (
        "draw 2 from bank 'basics' not carried by Moodle XML: in the LMS quiz, add 2 random "
        "questions from the category 'Negotiation basics'" in messages
    )
    assert any("add 1 random question from the category 'timing'" in m for m in messages)


def test_gift_writes_a_category_line_per_bank() -> None:
    text = export_quizzes([CHECK], "gift").files["check.gift"].decode()
    categories = re.findall(r"^\$CATEGORY: (.*)$", text, re.M)
    assert categories == [
        "$course$/top/Module check",
        "$course$/top/Negotiation basics",
        "$course$/top/timing",
    ]
    assert text.index("::early-number::") > text.index("$course$/top/timing")


def test_qti_puts_each_drawn_bank_in_a_group_that_picks_its_draw() -> None:
    package = export_quizzes([CHECK], "qti").files["check.zip"]
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        assessment = ET.fromstring(archive.read("check/check.xml"))
        meta = archive.read("check/assessment_meta.xml").decode()
    root = assessment.find(f"{QTI}assessment/{QTI}section")
    assert root is not None
    assert [i.get("title") for i in root.findall(f"{QTI}item")] == ["own"]
    groups = root.findall(f"{QTI}section")
    picked = [
        (
            g.get("title"),
            g.findtext(f"{QTI}selection_ordering/{QTI}selection/{QTI}selection_number"),
            len(g.findall(f"{QTI}item")),
        )
        for g in groups
    ]
    assert picked == [("Negotiation basics", "2", 4), ("timing", "1", 2)]
    assert "<points_possible>4</points_possible>" in meta  # 1 own + 2 + 1 drawn
