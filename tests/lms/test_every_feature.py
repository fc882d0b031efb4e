"""Hand-written GIFT and Moodle XML files using every feature of each published format
(tests/data/lms/every-feature.*): exactly what is kept, and exactly what is warned about,
with its line. Then what our own round trip keeps (option ids, categories), and our exports
as independent readers from the package registries see them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from quizengine import grade_question, load_paths
from quizengine.lms import export_quizzes, import_text
from quizengine.lms.common import md_to_text, percent
from quizengine.models import MultipleQuestion, Quiz, SingleQuestion

from .support import ROOT, need_gift_pegjs, parse_with_gift_pegjs

DATA = ROOT / "tests" / "data" / "lms"
ESSAY = (
    "essay imported as a text question with a one-line rubric: write the criteria a good "
    "answer meets, which learners tick to score themselves"
)


def _import(path: Path, fmt: str, **kwargs: Any) -> tuple[dict[str, Any], Any]:
    result = import_text(path.read_text(encoding="utf-8"), fmt, quiz_id="every", **kwargs)  # type: ignore[arg-type]
    data = yaml.safe_load(result.yaml_text)
    Quiz.model_validate(data)  # the import always validates
    return data, result


def _notes(result: Any) -> list[tuple[int | None, str | None, str]]:
    """The notes, but for the names made into ids (`_renamed` checks those)."""
    return [
        (n.line, n.question, n.message) for n in result.notes if " became the id " not in n.message
    ]


def _renamed(result: Any) -> list[tuple[int | None, str | None, str]]:
    return [(n.line, n.question, n.message) for n in result.notes if " became the id " in n.message]


def test_every_gift_feature_is_kept_or_named() -> None:
    data, result = _import(DATA / "every-feature.gift", "gift")
    assert (data["title"], result.module) == ("Offers / perks", "Negotiation basics")
    kept = [(q["id"], q["type"]) for q in data["questions"]]
    assert kept == [
        ("deadline", "single"),
        ("perks", "multiple"),
        ("partial", "single"),
        ("bonus-once", "true_false"),
        ("bonus-yearly", "true_false"),
        ("batna", "short_text"),
        ("terms", "matching"),
        ("missing", "single"),
        ("rate", "numeric"),
        ("range", "numeric"),
        ("several", "numeric"),
        ("escapes", "true_false"),
        ("html", "true_false"),
        ("plain", "true_false"),
        ("essay", "text"),
    ]
    q = {question["id"]: question for question in data["questions"]}
    assert q["deadline"]["explanation"] == "Asking for time is normal."
    assert [o.get("feedback") for o in q["deadline"]["options"]] == [
        "Yes: asking for time is normal.",
        "Too fast.",
        "You lose the offer.",
    ]
    assert q["bonus-yearly"]["feedback_correct"] == "Right."
    assert q["bonus-yearly"]["feedback_incorrect"] == "No, it is paid once."
    assert [(a["text"], a.get("score", 1)) for a in q["batna"]["answers"]] == [
        ("BATNA", 1),
        ("best alternative", 1),
        ("fallback", 0.5),
    ]
    assert q["terms"]["distractors"] == ["A salary band"]
    assert q["missing"]["prompt"] == "Always ask for _____ before you sign."
    assert (q["rate"]["answer"], q["rate"]["tolerance"]) == (25, 0.5)
    assert (q["range"]["answer"], q["range"]["tolerance"]) == (3, 2)
    assert q["several"]["feedback_incorrect"] == "Count Monday to Friday."
    assert q["escapes"]["prompt"] == "Use **bold**, a {brace}, ~ = # : and a line\nbreak."
    assert q["html"]["prompt"] == "Use &lt;results> &amp; **data**."
    assert q["plain"]["prompt"] == "Stars \\*stay\\* stars."
    # Equal shares with -100% on each wrong option is what our all-or-nothing scoring
    # exports as, so it comes back as that (named); other partial credit is kept as weights.
    assert q["perks"]["scoring"] == "all_or_nothing"
    assert [o.get("weight") for o in q["partial"]["options"]] == [None, 0.5, None]
    assert q["essay"]["rubric"] == ["My answer covers what the example answer covers"]
    assert _notes(result) == [
        (
            15,
            "perks",
            "each wrong option costs the whole mark: imported as all-or-nothing scoring"
            " (the LMS gave part credit for an incomplete, clean selection)",
        ),
        (
            51,
            "several",
            "1 more answer(s) with partial credit dropped: one answer and tolerance are kept",
        ),
        (61, "essay", ESSAY),
        (63, "Intro", "text without answers (a description) skipped"),
    ]
    # Names that differ from their ids only by case and spaces ("Signing bonus") say
    # nothing; test_units checks the ones that are changed further.
    assert _renamed(result) == []


def test_every_moodle_xml_feature_is_kept_or_named() -> None:
    data, result = _import(DATA / "every-feature.xml", "moodle")
    assert (data["title"], result.module) == ("Offers / perks", "Negotiation basics")
    assert data["description"] == "Questions on **offers**."
    kept = [(q["id"], q["type"]) for q in data["questions"]]
    assert kept == [
        ("deadline", "single"),
        ("perks", "multiple"),
        ("signing-bonus", "true_false"),
        ("batna", "short_text"),
        ("wildcard", "short_text"),
        ("hourly-rate", "numeric"),
        ("terms", "matching"),
        ("steps", "ordering"),
        ("opinion", "text"),
        ("extras", "true_false"),
    ]
    q = {question["id"]: question for question in data["questions"]}
    deadline = q["deadline"]
    assert deadline["prompt"] == (
        "The recruiter wants an answer **today**. Use &lt;results> &amp; data.\n\na clock"
    )
    assert [o.get("id") for o in deadline["options"]] == ["ask", "accept"]
    assert (deadline["points"], deadline["shuffle_options"]) == (2.0, False)
    assert deadline["hint"] == "Think about what is normal.\n\nTwo days is common."
    assert deadline["explanation"] == "Asking for time is normal."
    assert deadline["tags"] == ["offers", "week-1"]  # Moodle's tags, as ids
    assert (deadline["feedback_correct"], deadline["feedback_incorrect"]) == (
        "Well done.",
        "Not quite.",
    )
    assert q["perks"]["prompt"] == "Which perks can be **negotiated**?"
    assert q["batna"]["prompt"] == "Your best fallback is called your \\*...\\*?"
    assert q["batna"]["match"] == "exact"
    assert q["wildcard"]["answers"] == [{"text": "remote.*"}]
    assert (q["hourly-rate"]["unit"], q["hourly-rate"]["tolerance"]) == ("$", 0.5)
    assert [i["id"] for i in q["steps"]["items"]] == ["thank", "research", "counter"]
    assert q["steps"]["scoring"] == "all_or_nothing"
    assert _notes(result) == [
        (14, "deadline", "ID number 'DL-1' dropped: the question id comes from its name"),
        (14, "deadline", "penalty of 33.33333% per retry dropped: retries cost nothing"),
        (14, "deadline", "hidden in Moodle: imported as a visible question"),
        (14, "deadline", "images and attached files dropped: only their alt text is kept"),
        (14, "deadline", "hint settings (show the number right, clear wrong answers) dropped"),
        (14, "deadline", "tag 'week 1' became 'week-1'"),
        (
            14,
            "deadline",
            "feedback for partly correct answers dropped (only correct/incorrect exist)",
        ),
        (69, "wildcard", "answers with the '*' wildcard imported as regular expressions"),
        (74, "hourly-rate", "only the main unit is kept (unit conversions dropped)"),
        (
            74,
            "hourly-rate",
            "1 more answer(s) with partial credit dropped: one answer and tolerance are kept",
        ),
        (114, "opinion", ESSAY),
        (119, "Cloze", "Moodle question type 'multianswer' has no equivalent here: skipped"),
        (123, "Raise", "Moodle question type 'calculated' has no equivalent here: skipped"),
        (127, "Intro", "Moodle question type 'description' has no equivalent here: skipped"),
        (131, "extras", "dropped: <pluginsetting>"),
    ]
    assert _renamed(result) == []


def test_a_title_given_wins_over_the_category() -> None:
    data, result = _import(DATA / "every-feature.gift", "gift", title="Mine")
    assert (data["title"], result.module) == ("Mine", "Negotiation basics")


# --- our own round trip -----------------------------------------------------------------

OWN = {
    "id": "own-ids",
    "title": "Offers / Perks",
    "questions": [
        {
            "id": "deadline",
            "type": "single",
            "prompt": "What do you say?",
            "options": [
                {"id": "accept", "text": "%0 down, accept now"},
                {"id": "ask", "text": "Ask for two days", "correct": True},
                {"id": "decline", "text": "%50 of them decline"},
            ],
        },
        {
            "id": "perks",
            "type": "multiple",
            "prompt": "Which can you negotiate?",
            "options": [
                {"id": "start", "text": "%Start date", "correct": True},
                {"id": "remote", "text": "Remote days", "correct": True},
                {"id": "law", "text": "The law"},
            ],
        },
        {
            "id": "order",
            "type": "ordering",
            "prompt": "Order the steps.",
            "items": [{"id": "research", "text": "Research"}, {"id": "ask", "text": "Ask"}],
        },
    ],
}


def _own() -> Quiz:
    return Quiz.model_validate(OWN)


@pytest.mark.parametrize("fmt", ["gift", "moodle"])
def test_our_option_ids_and_title_survive_our_round_trip(fmt: str) -> None:
    quiz = _own()
    (data,) = export_quizzes([quiz], fmt).files.values()  # type: ignore[arg-type]
    result = import_text(data.decode("utf-8"), fmt, quiz_id=quiz.id)  # type: ignore[arg-type]
    back = Quiz.model_validate(yaml.safe_load(result.yaml_text))
    assert back.title == "Offers / Perks"  # from the category, '/' and all
    for before, after in zip(quiz.questions, back.questions, strict=True):
        if isinstance(before, SingleQuestion | MultipleQuestion):
            assert isinstance(after, SingleQuestion | MultipleQuestion)
            assert [(o.key, o.text) for o in after.options] == [
                (o.key, o.text) for o in before.options
            ]
    # A response file made against our ids grades the same after the round trip.
    assert grade_question(back.questions[0], "ask").score == 1.0
    assert grade_question(back.questions[1], ["start", "remote"]).score == 1.0
    assert grade_question(back.questions[1], ["start", "law"]).score == 0.0
    if fmt == "moodle":  # GIFT has no ordering question (it becomes matching)
        assert [i.key for i in back.questions[2].items] == ["research", "ask"]  # type: ignore[union-attr]


def test_positional_ids_are_not_written() -> None:
    quiz = Quiz.model_validate(
        {
            "id": "plain",
            "title": "Plain",
            "questions": [
                {
                    "id": "q1",
                    "type": "single",
                    "prompt": "P",
                    "options": [{"text": "a", "correct": True}, {"text": "b"}],
                }
            ],
        }
    )
    gift = export_quizzes([quiz], "gift").files["plain.gift"].decode()
    moodle = export_quizzes([quiz], "moodle").files["plain.xml"].decode()
    assert "option ids" not in gift
    assert " id=" not in moodle


def test_exports_escape_slashes_in_categories_and_write_no_percent_escape() -> None:
    files = export_quizzes([_own()], "moodle").files
    root = ET.fromstring(files["own-ids.xml"])
    assert root.findtext("question/category/text") == "$course$/top/Offers // Perks"
    gift = export_quizzes([_own()], "gift").files["own-ids.gift"].decode()
    assert "$CATEGORY: $course$/top/Offers // Perks" in gift
    assert "\\%" not in gift
    assert "~%0%%0 down, accept now" in gift  # Moodle reads a weight only after ~
    assert "~%50%%Start date" in gift


# --- independent readers --------------------------------------------------------------


def test_gift_pegjs_reads_our_ids_comments_weights_and_categories() -> None:
    need_gift_pegjs()
    gift = export_quizzes([_own()], "gift").files["own-ids.gift"].decode()
    items = parse_with_gift_pegjs(gift)
    assert items[0] == {"type": "Category", "title": "$course$/top/Offers // Perks"}
    single, multiple = items[1], items[2]
    assert [c["text"]["text"] for c in single["choices"]] == [
        "%0 down, accept now",
        "Ask for two days",
        "%50 of them decline",
    ]
    assert [c["isCorrect"] for c in single["choices"]] == [False, True, False]
    assert [c["text"]["text"] for c in multiple["choices"]] == [
        "%Start date",
        "Remote days",
        "The law",
    ]
    assert [c["weight"] for c in multiple["choices"]] == pytest.approx([50, 50, -50])


def _moodle_xml_parser_reads(xml: bytes) -> list[Any]:
    from moodle_xml_parser.parser import parse_bytes  # type: ignore[import-untyped]

    questions: list[Any] = parse_bytes(xml)["multichoice"]
    return questions


def test_moodle_xml_parser_reads_our_choice_questions() -> None:
    """moodle-xml-parser (PyPI) reads multichoice questions; every course quiz's single and
    multiple questions must come out with our names, grades, fractions and option texts."""
    quizzes = [*load_paths([ROOT / "quizzes"]).quizzes, _own()]
    exported = export_quizzes(quizzes, "moodle", bundle="all").files["all.xml"]
    theirs = _moodle_xml_parser_reads(exported)
    # A bank question is exported once, however many quizzes draw it.
    unique = {(quiz.origin(q.id) or quiz.id, q.id): q for quiz in quizzes for q in quiz.questions}
    ours = [q for q in unique.values() if isinstance(q, SingleQuestion | MultipleQuestion)]
    assert len(ours) > 50  # the course's choice questions and ours
    assert [t.name for t in theirs] == [q.id for q in ours]
    for question, read in zip(ours, theirs, strict=True):
        assert read.single is isinstance(question, SingleQuestion)
        assert read.default_grade == question.points
        assert read.penalty == 0.0
        texts = [" ".join(md_to_text(o.text).split()) for o in question.options]
        # The reader unescapes HTML once more, so compare what a learner reads.
        assert [" ".join(md_to_text(o.answer).split()) for o in read.options] == texts
        if isinstance(question, SingleQuestion):
            assert [o.score_fraction for o in read.options] == [
                100.0 if o.correct else 0.0 for o in question.options
            ]
        else:
            right = [
                o.score_fraction
                for o, mine in zip(read.options, question.options, strict=True)
                if mine.correct
            ]
            assert sum(right) == pytest.approx(100, abs=1e-3)
            assert all(float(percent(f / 100)) == f for f in right)
