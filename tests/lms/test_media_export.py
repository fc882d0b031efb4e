"""The media fixture quiz exported to the three formats and read back by parsers we did not
write: Moodle XML by the DOM parser and its HTML by BeautifulSoup, the QTI zip by qti2latex
(a reader of Canvas packages) and the DOM parser for its manifest, GIFT by gift-pegjs.

Every image and media link must arrive as a file the LMS can show: embedded beside the text
that uses it (Moodle, `@@PLUGINFILE@@/name`) or in the package (QTI, `$IMS-CC-FILEBASE$/...`
-> `web_resources/...`, listed in the manifest); GIFT cannot, and says so per question.
"""

from __future__ import annotations

import base64
import io
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from xml.dom import minidom
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from quizengine import cli
from quizengine.lms import export_quizzes
from quizengine.lms.common import ExportFormat
from quizengine.loader import load_paths

from ..conftest import DATA
from .support import need_gift_pegjs, need_module, parse_with_gift_pegjs

CHARTS = DATA / "media" / "site" / "quizzes" / "charts"
QUIZ = CHARTS / "reading-charts.yaml"
ORIGINALS = {
    p.name: p.read_bytes() for folder in ("img", "audio") for p in (CHARTS / folder).iterdir()
}


def _export(fmt: ExportFormat) -> tuple[bytes, list[str]]:
    report = load_paths([QUIZ])
    (loaded,) = report.files
    assert loaded.ok and loaded.quiz is not None
    result = export_quizzes(
        report.quizzes,
        fmt,
        media={loaded.quiz.id: loaded.media},
    )
    (data,) = result.files.values()
    return data, [note.format() for note in result.notes]


def _urls(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [str(t["src"]) for t in soup.find_all("img")] + [
        str(t["href"]) for t in soup.find_all("a")
    ]


def _text(node: Any) -> str:
    return "".join(child.data for child in node.childNodes if child.nodeType == node.TEXT_NODE)


def _children(node: Any, tag: str) -> list[Any]:
    return [c for c in node.childNodes if c.nodeType == c.ELEMENT_NODE and c.tagName == tag]


# --- Moodle XML ---------------------------------------------------------------------------------


def test_moodle_xml_embeds_each_file_beside_the_text_that_shows_it() -> None:
    data, notes = _export("moodle")
    dom = minidom.parseString(data)
    seen: set[str] = set()
    texts = 0
    for holder in dom.getElementsByTagName("*"):
        (text,) = _children(holder, "text") or [None]
        if text is None:
            continue
        texts += 1
        urls = [u for u in _urls(_text(text)) if u.startswith("@@PLUGINFILE@@/")]
        files = {
            f.getAttribute("name"): f
            for f in _children(holder, "file")
            if f.getAttribute("path") == "/" and f.getAttribute("encoding") == "base64"
        }
        assert len(files) == len(_children(holder, "file"))
        assert {unquote(u.removeprefix("@@PLUGINFILE@@/")) for u in urls} == set(files)
        for name, node in files.items():
            assert base64.b64decode(_text(node)) == ORIGINALS[name], name
            seen.add(name)
    assert texts > 10
    assert seen == set(ORIGINALS)  # prompt, option, option feedback, explanation link, SVG
    assert not any("was not included" in n for n in notes), notes
    assert b"img/salary-chart.png" not in data  # no relative path the LMS cannot resolve


def test_moodle_xml_puts_each_image_where_it_was_written() -> None:
    dom = minidom.parseString(_export("moodle")[0])
    chart_peak = next(
        q for q in dom.getElementsByTagName("question") if q.getAttribute("type") == "multichoice"
    )
    (prompt,) = _children(chart_peak, "questiontext")
    assert [f.getAttribute("name") for f in _children(prompt, "file")] == ["salary-chart.png"]
    answers = _children(chart_peak, "answer")
    assert [f.getAttribute("name") for f in _children(answers[1], "file")] == ["option-bonus.png"]
    (feedback,) = _children(answers[0], "feedback")
    assert [f.getAttribute("name") for f in _children(feedback, "file")] == ["feedback-check.png"]
    (general,) = _children(chart_peak, "generalfeedback")
    assert [f.getAttribute("name") for f in _children(general, "file")] == ["recruiter-call.mp3"]
    soup = BeautifulSoup(_text(_children(prompt, "text")[0]), "html.parser")
    image = soup.find("img")
    assert image is not None
    assert image["alt"] == "Bar chart of three salary offers: 50k, 62k and 58k"


# --- QTI ------------------------------------------------------------------------------------


def test_qti_zip_holds_every_file_and_qti2latex_finds_the_references() -> None:
    qti2latex = need_module("qti2latex", "qti2latex==0.1.6")
    data, notes = _export("qti")
    package = zipfile.ZipFile(io.BytesIO(data))
    tree = ElementTree.fromstring(package.read("reading-charts/reading-charts.xml"))
    items = [i for i in tree.iter() if qti2latex.extract_tag(i) == "item"]
    html = []
    for item in items:
        html.append(qti2latex.get_item_stem(item))
        html.extend(text for _, text in qti2latex.get_choices(item))
        html.extend(m.text or "" for m in qti2latex.findall_anyns(item, "mattext"))
    urls = {u for h in html for u in _urls(h)}
    assert urls and all(u.startswith("$IMS-CC-FILEBASE$/reading-charts/") for u in urls), urls
    found = {}
    for url in urls:
        entry = "web_resources/" + unquote(url.removeprefix("$IMS-CC-FILEBASE$/"))
        found[entry.rsplit("/", 1)[-1]] = package.read(entry)
    assert found == ORIGINALS
    assert not any("was not included" in n for n in notes), notes


def test_qti_manifest_lists_every_file_as_web_content_the_quiz_depends_on() -> None:
    package = zipfile.ZipFile(io.BytesIO(_export("qti")[0]))
    manifest = minidom.parseString(package.read("imsmanifest.xml"))
    resources = {r.getAttribute("identifier"): r for r in manifest.getElementsByTagName("resource")}
    web = {
        ident: r.getAttribute("href")
        for ident, r in resources.items()
        if r.getAttribute("type") == "webcontent"
    }
    assert sorted(web.values()) == sorted(f"web_resources/reading-charts/{n}" for n in ORIGINALS)
    for ident, href in web.items():
        (file,) = resources[ident].getElementsByTagName("file")
        assert file.getAttribute("href") == href
        assert package.read(href)  # the listed file is in the zip
    quiz = next(r for r in resources.values() if r.getAttribute("type") == "imsqti_xmlv1p2")
    depends = {d.getAttribute("identifierref") for d in quiz.getElementsByTagName("dependency")}
    assert set(web) <= depends
    names = set(package.namelist())
    listed = {f.getAttribute("href") for f in manifest.getElementsByTagName("file")}
    assert names - {"imsmanifest.xml"} == listed


# --- GIFT -------------------------------------------------------------------------------------


def test_gift_warns_once_per_question_and_keeps_the_alt_text() -> None:
    need_gift_pegjs()
    data, notes = _export("gift")
    items = parse_with_gift_pegjs(data.decode("utf-8"))
    questions = {q["title"]: q for q in items if q.get("title") and q["type"] != "Category"}
    stem = questions["chart-peak"]["stem"]["text"]
    assert "![Bar chart of three salary offers: 50k, 62k and 58k](img/salary-chart.png)" in stem
    media = [n for n in notes if "GIFT cannot carry files" in n]
    assert len(media) == 3  # one per question that shows a file
    (first,) = [n for n in media if "'chart-peak'" in n]
    for url in ("img/salary-chart.png", "img/option-bonus.png", "audio/recruiter-call.mp3"):
        assert f"'{url}'" in first
    assert "alt text 'A green tick' kept" in first


# --- without the files ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["moodle", "qti"])
def test_without_the_files_each_reference_gets_a_note(fmt: ExportFormat) -> None:
    report = load_paths([QUIZ])
    result = export_quizzes(report.quizzes, fmt)
    missing = [n.format() for n in result.notes if "was not included" in n.message]
    assert len(missing) == 6, missing


def test_the_cli_exports_the_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["export", str(QUIZ), "--format", "moodle", "--out", str(tmp_path)])
    assert code == 0
    data = (tmp_path / "reading-charts.xml").read_bytes()
    assert data.count(b'<file name="') == 6
    assert "was not included" not in capsys.readouterr().err


def test_a_moodle_export_with_files_imports_to_a_valid_quiz(tmp_path: Path) -> None:
    """The importer cannot bring embedded files: images and file links keep their text."""
    from quizengine.lms import import_text

    data, _ = _export("moodle")
    result = import_text(data.decode("utf-8"), "moodle", quiz_id="again", title="Again")
    assert "@@PLUGINFILE@@" not in result.yaml_text
    assert "Listen to a recruiter explain it" in result.yaml_text
    assert sum("images and attached files dropped" in n.message for n in result.notes) == 3
    (tmp_path / "again.yaml").write_text(result.yaml_text)
    report = load_paths([tmp_path])
    assert report.ok, [d.format() for d in report.all_diagnostics]


def test_the_written_answer_with_its_chart_arrives_as_an_essay_in_all_three_formats() -> None:
    """Issue 13's module with images and an essay: the `text` question, its chart embedded,
    read by parsers we did not write."""
    moodle, _ = _export("moodle")
    essays = [
        q
        for q in minidom.parseString(moodle).getElementsByTagName("question")
        if q.getAttribute("type") == "essay"
    ]
    (essay,) = essays
    (name,) = essay.getElementsByTagName("name")
    assert _text(name.getElementsByTagName("text")[0]) == "chart-summary"
    (prompt,) = essay.getElementsByTagName("questiontext")
    assert [f.getAttribute("name") for f in prompt.getElementsByTagName("file")] == [
        "salary-chart.png"
    ]
    assert "@@PLUGINFILE@@/salary-chart.png" in _text(prompt.getElementsByTagName("text")[0])
    assert "Names the offer with the highest base salary" in _text(
        prompt.getElementsByTagName("text")[0]
    )
    qti2latex = need_module("qti2latex", "qti2latex==0.1.6")
    data, _ = _export("qti")
    package = zipfile.ZipFile(io.BytesIO(data))
    tree = ElementTree.fromstring(package.read("reading-charts/reading-charts.xml"))
    items = {i.get("title"): i for i in tree.iter() if qti2latex.extract_tag(i) == "item"}
    stem = qti2latex.get_item_stem(items["chart-summary"])
    assert "$IMS-CC-FILEBASE$/reading-charts/salary-chart.png" in stem
    assert "Says how far apart" in stem and "sits in between" not in stem  # no model answer
    need_gift_pegjs()
    gift, _ = _export("gift")
    read = {q.get("title"): q for q in parse_with_gift_pegjs(gift.decode("utf-8"))}
    assert read["chart-summary"]["type"] == "Essay"


# --- Question banks -------------------------------------------------------------------------

BANK_MEDIA = DATA / "banks" / "media" / "quizzes"
DOT = (BANK_MEDIA / "banks" / "img" / "dot.png").read_bytes()


def _export_bank_quiz(fmt: ExportFormat) -> bytes:
    report = load_paths([BANK_MEDIA])
    assert report.ok, [d.format() for d in report.all_diagnostics]
    result = export_quizzes(
        report.quizzes, fmt, media={f.quiz.id: f.media for f in report.files if f.quiz}
    )
    assert not any("was not included" in n.format() for n in result.notes)
    (data,) = result.files.values()
    return data


def test_a_bank_questions_image_is_embedded_in_moodle_xml() -> None:
    dom = minidom.parseString(_export_bank_quiz("moodle"))
    question = next(
        q for q in dom.getElementsByTagName("question") if q.getAttribute("type") == "multichoice"
    )
    (text,) = _children(_children(question, "questiontext")[0], "text")
    assert _urls(_text(text)) == ["@@PLUGINFILE@@/dot.png"]
    (file,) = _children(_children(question, "questiontext")[0], "file")
    assert file.getAttribute("name") == "dot.png"
    assert base64.b64decode(_text(file)) == DOT


def test_a_bank_questions_image_is_in_the_qti_zip() -> None:
    package = zipfile.ZipFile(io.BytesIO(_export_bank_quiz("qti")))
    assert package.read("web_resources/pictures/dot.png") == DOT
    assert b"$IMS-CC-FILEBASE$/pictures/dot.png" in package.read("pictures/pictures.xml")
