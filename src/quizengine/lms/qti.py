"""Quizzes -> an IMS QTI 1.2 content package that Canvas imports (Settings > Import).

Layout, as Canvas writes it: `imsmanifest.xml` listing one `imsqti_xmlv1p2` resource per
quiz, `ID/ID.xml` (the `questestinterop` assessment) and `ID/assessment_meta.xml`
(Canvas's quiz settings: title, description, points). Identifiers are hashes of our ids,
so the same quiz always produces the same package.

Canvas has no ordering type, so ordering becomes matching against "Position 1..n";
STAR self-reviews become essays. Canvas's short answers and numbers have no partial
credit or units, and no question type has hints: each loss is a note.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Mapping

from ..media import MediaFile, QuizMedia
from ..models import Quiz
from ..safeio import xml_clean
from .common import Notes, fmt_number, md_to_html
from .media import exporting, with_media
from .pools import DrawnPool, drawn_pools, in_pool
from .qti_items import FILEBASE, WEB_RESOURCES, item_xml
from .qti_items import ident as make_ident

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_FIXED_TIME = (2024, 1, 1, 0, 0, 0)  # zip entries carry no build time: reproducible packages


def _xml(root: ET.Element) -> bytes:
    ET.indent(xml_clean(root))
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def assessment_xml(quiz: Quiz, notes: Notes) -> bytes:
    root = ET.Element("questestinterop", xmlns=QTI_NS)
    root.set("xmlns:xsi", XSI)
    root.set("xsi:schemaLocation", f"{QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd")
    assessment = ET.SubElement(root, "assessment", ident=make_ident(quiz.id), title=quiz.title)
    field = ET.SubElement(ET.SubElement(assessment, "qtimetadata"), "qtimetadatafield")
    ET.SubElement(field, "fieldlabel").text = "cc_maxattempts"
    ET.SubElement(field, "fieldentry").text = "unlimited"
    section = ET.SubElement(assessment, "section", ident="root_section")
    if not _shuffles(quiz):
        for question in quiz.questions:
            if getattr(question, "shuffle_options", None) is True:
                notes.add(
                    question.id,
                    "shuffle_options dropped: Canvas shuffles options for the whole quiz, and"
                    " another question here keeps its order",
                )
    pooled = in_pool(quiz)
    for question in quiz.questions:
        if question.id not in pooled:
            section.append(item_xml(question, quiz.id, notes))
    for pool in drawn_pools(quiz):
        section.append(_group(quiz, pool, notes))
    return _xml(root)


def _group(quiz: Quiz, pool: DrawnPool, notes: Notes) -> ET.Element:
    """A bank drawn so many at a time: a section that picks that many, which Canvas imports
    as a question group (the form text2qti writes too)."""
    group = ET.Element("section", ident=make_ident(quiz.id, "bank", pool.bank), title=pool.title)
    selection = ET.SubElement(ET.SubElement(group, "selection_ordering"), "selection")
    ET.SubElement(selection, "selection_number").text = str(pool.draw)
    extension = ET.SubElement(selection, "selection_extension")
    ET.SubElement(extension, "points_per_item").text = fmt_number(_points_per_item(pool))
    if len({q.points for q in pool.questions}) > 1:
        notes.add(
            None,
            f"bank '{pool.bank}': a Canvas question group gives every question the same "
            f"points, {fmt_number(_points_per_item(pool))} (the most of any of its questions)",
        )
    for question in pool.questions:
        group.append(item_xml(question, quiz.id, notes))
    return group


def _points_per_item(pool: DrawnPool) -> float:
    return max(q.points for q in pool.questions)


def _points(quiz: Quiz) -> float:
    """What one attempt is worth: a question group counts its draw, not its whole pool."""
    pooled = in_pool(quiz)
    own = sum(q.points for q in quiz.questions if q.id not in pooled)
    return own + sum(p.draw * _points_per_item(p) for p in drawn_pools(quiz))


def meta_xml(quiz: Quiz) -> bytes:
    root = ET.Element("quiz", identifier=make_ident(quiz.id), xmlns=CANVAS_NS)
    values = {
        "title": quiz.title,
        "description": with_media(md_to_html(quiz.description), FILEBASE)[0]
        if quiz.description
        else "",
        "shuffle_answers": "true" if _shuffles(quiz) else "false",
        "scoring_policy": "keep_highest",
        "quiz_type": "assignment",
        "points_possible": fmt_number(_points(quiz)),
        "show_correct_answers": "true",
        "allowed_attempts": "-1",
        "one_question_at_a_time": "false",
        "cant_go_back": "false",
        "available": "false",
    }
    for tag, text in values.items():
        ET.SubElement(root, tag).text = text
    return _xml(root)


def _shuffles(quiz: Quiz) -> bool:
    """Canvas shuffles answers per quiz: on only when every choice question allows it."""
    flags = [getattr(q, "shuffle_options", None) for q in quiz.questions]
    return all(flag is not False for flag in flags)


def manifest_xml(
    quizzes: list[Quiz], package: str, files: Mapping[str, MediaFile] | None = None
) -> bytes:
    """The package's table of contents: each quiz, its settings, and every file its text shows
    (one `webcontent` resource per file, which the quiz's resource depends on)."""
    root = ET.Element("manifest", identifier=make_ident("manifest", package), xmlns=CP_NS)
    metadata = ET.SubElement(root, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Content"
    ET.SubElement(metadata, "schemaversion").text = "1.1.3"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    for quiz in quizzes:
        quiz_ident = make_ident(quiz.id)
        resource = ET.SubElement(
            resources, "resource", identifier=quiz_ident, type="imsqti_xmlv1p2"
        )
        ET.SubElement(resource, "file", href=f"{quiz.id}/{quiz.id}.xml")
        ET.SubElement(resource, "dependency", identifierref=f"{quiz_ident}m")
        meta = ET.SubElement(
            resources,
            "resource",
            identifier=f"{quiz_ident}m",
            type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
            href=f"{quiz.id}/assessment_meta.xml",
        )
        ET.SubElement(meta, "file", href=f"{quiz.id}/assessment_meta.xml")
        for name in files or {}:
            if name.startswith(f"{quiz.id}/"):
                ET.SubElement(resource, "dependency", identifierref=make_ident("file", name))
    for name in files or {}:
        href = WEB_RESOURCES + name
        web = ET.SubElement(
            resources, "resource", identifier=make_ident("file", name), type="webcontent"
        )
        web.set("href", href)
        ET.SubElement(web, "file", href=href)
    return _xml(root)


def write_qti(
    quizzes: Iterable[Quiz],
    notes_for: dict[str, Notes],
    *,
    package: str,
    media_for: Mapping[str, QuizMedia] | None = None,
) -> bytes:
    """The package; each quiz's files go in `web_resources/ID/`, which its text points at."""
    group = list(quizzes)
    parts: list[tuple[str, bytes]] = []
    files: dict[str, MediaFile] = {}
    for quiz in group:
        with exporting((media_for or {}).get(quiz.id), folder=f"{quiz.id}/") as used:
            parts.append((f"{quiz.id}/{quiz.id}.xml", assessment_xml(quiz, notes_for[quiz.id])))
            parts.append((f"{quiz.id}/assessment_meta.xml", meta_xml(quiz)))
        files.update(used)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, data: bytes) -> None:
            archive.writestr(zipfile.ZipInfo(name, _FIXED_TIME), data, zipfile.ZIP_DEFLATED)

        add("imsmanifest.xml", manifest_xml(group, package, files))
        for name, data in parts:
            add(name, data)
        for name, media in files.items():
            add(WEB_RESOURCES + name, media.read())
    return buffer.getvalue()
