"""render_quiz: the markup of every question type, labels, ids, and the client's data."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from quizengine.loader import load_quiz
from quizengine.models import Quiz
from quizengine.render import render_quiz

from ..conftest import DATA
from .conftest import md, parse, rubric_stub


def _question(tree: Any, qid: str) -> Any:
    return tree.find("div", id=f"qe-every-{qid}")


def _data(tree: Any) -> dict[str, Any]:
    template = tree.find("template", class_="qe-data")
    return json.loads(template.all_text())  # type: ignore[no-any-return]


def test_root_has_id_version_title_and_description(tree: Any, quiz: Quiz) -> None:
    root = tree.find("section", class_="qe-quiz")
    assert root.attrs["data-quiz-id"] == "every"
    assert root.attrs["data-version"] == quiz.content_version()
    assert root.attrs["data-qe"] == "quiz"
    title = tree.find(id="qe-every-t")
    assert title.all_text() == "Every <type>" and root.attrs["aria-labelledby"] == "qe-every-t"
    assert "<strong>this</strong>" not in title.all_text()
    assert tree.find("div", class_="qe-desc").find("strong").all_text() == "this"
    assert tree.find("div", class_="qe-live").attrs["aria-live"] == "polite"


def test_every_question_has_a_fieldset_legend_and_prompt(tree: Any, quiz: Quiz) -> None:
    for number, q in enumerate(quiz.questions, 1):
        box = _question(tree, q.id)
        assert box.attrs["data-type"] == q.type and box.attrs["data-qid"] == q.id
        fieldset = box.find("fieldset")
        legend = fieldset.find("legend")
        assert legend.find(class_="qe-i").all_text() == str(number)
        labelled_by = fieldset.attrs["aria-labelledby"].split()
        assert labelled_by == [legend.attrs["id"], f"qe-every-{q.id}-p"]
        assert box.find(class_="qe-res").attrs.get("hidden") == ""


def test_every_control_has_a_label_and_ids_are_unique(tree: Any) -> None:
    ids = Counter(n.attrs["id"] for n in tree.iter() if "id" in n.attrs)
    assert [i for i, count in ids.items() if count > 1] == []
    labels = {n.attrs["for"] for n in tree.find_all("label")}
    for control in tree.find_all("input") + tree.find_all("select") + tree.find_all("textarea"):
        assert control.attrs["id"] in labels, control.attrs


def test_choice_types(tree: Any) -> None:
    one = _question(tree, "one")
    radios = one.find_all("input", type="radio")
    assert [r.attrs["value"] for r in radios] == ["a", "b"]
    assert {r.attrs["name"] for r in radios} == {"qe-every-one"}
    assert one.find("label", for_="qe-every-one-a").all_text() == "Right"  # no <p> in a label
    assert one.find(class_="qe-ofb").find("p").all_text() == "Well done"
    assert one.find("details", class_="qe-hint").find("summary").all_text() == "Hint"
    assert one.find(class_="qe-expl").attrs["hidden"] == ""
    many = _question(tree, "many")
    assert [c.attrs["value"] for c in many.find_all("input", type="checkbox")] == ["a", "b", "c"]
    assert "Each wrong choice cancels a right one." in many.find(class_="qe-tip").all_text()
    tf = _question(tree, "tf")
    assert [r.attrs["value"] for r in tf.find_all("input", type="radio")] == ["true", "false"]


def test_text_and_numeric_inputs(tree: Any) -> None:
    text = _question(tree, "text").find("input")
    assert text.attrs["type"] == "text" and text.attrs["autocomplete"] == "off"
    num = _question(tree, "num")
    field = num.find("input")
    assert field.attrs["inputmode"] == "decimal"
    unit, forms = field.attrs["aria-describedby"].split()
    assert num.find(id=unit).all_text() == "days"
    # The accepted forms, shown by the client when an answer is not understood.
    help_text = num.find(id=forms)
    assert "hidden" in help_text.attrs
    assert "1 500" in help_text.all_text() and "“days”" in help_text.all_text()


def test_ordering_is_never_shown_in_the_answer_order(tree: Any) -> None:
    box = _question(tree, "ord")
    items = box.find("ol", class_="qe-ord").find_all("li")
    assert sorted(i.attrs["data-id"] for i in items) == ["a", "b", "c"]
    assert [i.attrs["data-id"] for i in items] != ["a", "b", "c"]
    first = items[0]
    name = first.find(class_="qe-it").all_text()
    assert first.find("button", data_act="up").attrs["aria-label"] == f"Move up: {name}"
    assert first.find("button", data_act="down").attrs["aria-label"] == f"Move down: {name}"


def test_matching_uses_spec_right_ids(tree: Any) -> None:
    box = _question(tree, "match")
    selects = box.find_all("select")
    assert [s.attrs["data-left"] for s in selects] == ["a", "b"]
    options = {o.attrs["value"]: o.all_text() for o in selects[0].find_all("option")}
    assert options == {"": "Choose a match…", "a": "R1", "b": "R2", "c": "R3"}
    assert box.find("label", for_=selects[1].attrs["id"]).all_text() == "L2"


def test_star_boxes_word_counts_and_rubric(tree: Any) -> None:
    story = _question(tree, "story")
    boxes = story.find_all("textarea")
    assert [b.attrs["data-k"] for b in boxes] == ["situation", "task", "action", "result"]
    for box in boxes:
        described = box.attrs["aria-describedby"].split()
        assert story.find(id=described[1]).all_text() == "0 words"
    total = story.find(class_="qe-total")
    assert (total.attrs["data-min"], total.attrs["data-max"]) == ("100", "400")
    criteria = story.find_all("fieldset", class_="qe-crit")
    assert [c.attrs["data-r"] for c in criteria] == ["clarity", "impact"]
    assert len(criteria[1].find_all("input", type="radio")) == 3
    assert criteria[0].find("legend").find("em").all_text() == "story"
    assert story.find(class_="qe-ex").find("em").all_text() == "this"
    free = _question(tree, "free")
    assert [b.attrs["data-k"] for b in free.find_all("textarea")] == ["text"]
    assert [c.attrs["data-r"] for c in free.find_all("fieldset", class_="qe-crit")] == ["own"]


def test_data_is_what_grading_needs_with_feedback_rendered(tree: Any, quiz: Quiz) -> None:
    data = _data(tree)
    assert data["id"] == "every" and data["pass_mark"] == 0.7 and "description" not in data
    by_id = {q["id"]: q for q in data["questions"]}
    # What the markup shows (prompts, option and item texts) is not sent a second time.
    assert "prompt" not in by_id["one"] and "explanation" not in by_id["one"]
    first = {"id": "a", "correct": True, "feedback": "<p>Well done</p>"}
    assert by_id["one"]["options"][0] == first
    assert by_id["text"]["answers"][1]["feedback"] == "<p>Also <em>fine</em></p>"
    assert by_id["text"]["answers"][0]["text"] == "walk-away"  # answer keys stay plain
    assert by_id["match"]["distractors"] == [{"id": "c"}]
    assert all(set(pair) == {"id"} for pair in by_id["match"]["pairs"])
    assert [c["id"] for c in by_id["story"]["rubric"]] == ["clarity", "impact"]
    assert by_id["story"]["rubric"][0]["criterion"] == "Clear <em>story</em>"
    assert "example_answer" not in by_id["story"]
    assert set(by_id) == {q.id for q in quiz.questions}


def test_exam_mode_has_no_per_question_check(quiz: Quiz, markdown_: Any, parse_html: Any) -> None:
    exam = quiz.model_copy(update={"exam": True, "draw": 3})
    tree = parse_html(render_quiz(exam, markdown_, rubric_for=lambda q: []))
    assert tree.find_all("button", data_act="check") == []
    assert tree.find_all("button", data_act="submit")
    info = tree.find(class_="qe-info").all_text()
    assert "3 of 9 questions" in info and "exam mode" in info
    assert _data(tree)["exam"] is True
    assert "Checking a question" not in tree.find(class_="qe-foot").all_text()


def test_the_foot_says_what_checking_and_submitting_record(tree: Any) -> None:
    foot = tree.find(class_="qe-foot").find(class_="qe-help").all_text()
    assert foot.startswith("Checking a question shows its feedback but records nothing.")
    assert "“Submit quiz” grades every question and records your score" in foot


def test_all_or_nothing_multiple_says_so(quiz: Quiz, markdown_: Any, parse_html: Any) -> None:
    questions = [
        q.model_copy(update={"scoring": "all_or_nothing"}) if q.id == "many" else q
        for q in quiz.questions
    ]
    strict = quiz.model_copy(update={"questions": questions})
    tip = _question(parse_html(render_quiz(strict, markdown_, rubric_for=lambda q: [])), "many")
    assert "Full marks only for exactly the right set." in tip.find(class_="qe-tip").all_text()


def test_markdown_is_rendered_once_per_text(quiz: Quiz) -> None:
    calls: Counter[str] = Counter()

    def counting(text: str) -> str:
        calls[text] += 1
        return f"<p>{text}</p>"

    render_quiz(quiz, counting, rubric_for=lambda q: q.rubric or [])
    assert max(calls.values()) == 1


def test_a_banked_quiz_carries_its_pools_and_leaves_tags_out() -> None:
    check = load_quiz(DATA / "banks" / "good" / "check.yaml")
    tree = parse(render_quiz(check, md, rubric_for=rubric_stub))
    data = _data(tree)
    assert data["pools"] == [
        [["own"], 0],
        [["walk-away", "day-rate", "counter", "leave-value"], 2],
        [["when-to-ask", "early-number"], 1],
    ]
    assert "bank" not in data and "tags" not in data
    assert not any("tags" in q for q in data["questions"])
    assert len(data["questions"]) == 7
    info = tree.find("p", class_="qe-info").all_text()
    assert info.startswith("4 of 7 questions, drawn afresh for each attempt")
