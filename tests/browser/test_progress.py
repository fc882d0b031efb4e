"""The progress page, export and import, and a downloaded response re-graded by the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from qe_browser import (
    QUIZ,
    RIGHT,
    ROOT,
    SITE_SOURCE,
    WRONG,
    OpenPage,
    answer_by_mouse,
    question,
    stored,
)

pytestmark = pytest.mark.browser

TYPES = {"pick-one": "single", "tf": "true_false", "days": "numeric", "steps": "ordering"}


def _take_quiz(page: Page, answers: dict[str, object]) -> None:
    for qid, kind in TYPES.items():
        answer_by_mouse(page, qid, kind, answers[qid])
    page.locator(f"#qe-{QUIZ} [data-act=submit]").click()


def _grade_cli(quiz: Path, response: Path) -> dict[str, Any]:
    cli = Path(sys.executable).parent / "quizengine"
    if cli.exists():
        command = [str(cli), "grade", str(quiz), str(response), "--json"]
    else:
        code = (
            "import json,sys; from quizengine.loader import load_quiz; "
            "from quizengine.grading import grade, parse_response; "
            "r = grade(load_quiz(sys.argv[1]), parse_response(open(sys.argv[2]).read())); "
            "print(json.dumps(r.to_json_dict()))"
        )
        command = [sys.executable, "-c", code, str(quiz), str(response)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize("answers", [RIGHT, WRONG], ids=["right", "wrong"])
def test_downloaded_response_regrades_to_the_same_score(
    page: Page, tmp_path: Path, answers: dict[str, object]
) -> None:
    _take_quiz(page, answers)
    with page.expect_download() as download:
        page.locator(f"#qe-{QUIZ} [data-act=download]").click()
    assert download.value.suggested_filename == f"{QUIZ}-response.json"
    path = tmp_path / "response.json"
    download.value.save_as(path)
    response = json.loads(path.read_text())
    # `began` names the attempt for the instructors' report; no learner name was given.
    assert set(response) == {"quiz", "presented", "answers", "began"}
    assert response["began"] == stored(page)["began"]
    result = _grade_cli(SITE_SOURCE / "quizzes" / f"{QUIZ}.yaml", path)
    page_score = stored(page)["last"]
    assert abs(result["score"] - page_score["score"]) < 1e-6
    assert result["passed"] == page_score["passed"]


def test_progress_page_export_then_import(open_page: OpenPage, tmp_path: Path) -> None:
    quiz = open_page("chapter/types/")
    _take_quiz(quiz, RIGHT)
    quiz.locator(".qe-complete button").click()
    expect(quiz.locator(".qe-complete button")).to_have_attribute("aria-pressed", "true")
    quiz.goto("progress/")
    row = quiz.locator(f"tr[data-quiz={QUIZ}]")
    expect(row).to_contain_text("57.14% (4 of 7 points)")
    expect(row).to_contain_text("✗ Not passed yet")
    expect(quiz.locator(".qe-done")).to_contain_text("Every question type")
    with quiz.expect_download() as download:
        quiz.locator("[data-act=export]").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["format"] == "quizengine-progress" and data["version"] == 1
    assert data["responses"][0]["quiz"] == QUIZ
    assert set(data["responses"][0]) == {"quiz", "presented", "answers", "began"}

    # A new browser with its own progress: importing merges and never overwrites.
    other = open_page("chapter/types/")
    answer_by_mouse(other, "tf", "true_false", True)
    other.goto("progress/")
    expect(other.locator(f"tr[data-quiz={QUIZ}]")).to_contain_text("In progress")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something-else"}')
    other.locator("input[type=file]").set_input_files(bad)
    status = other.locator(".qe-progress .qe-io")  # beside the buttons, not at the page's top
    expect(status).to_contain_text("nothing was imported")
    other.locator("input[type=file]").set_input_files(exported)
    # Three answers the other browser lacked, the ordering among them: visiting the quiz
    # showed its shuffled start, which is not an answer and so must not block the real one.
    expect(status).to_have_text(
        "Imported 3 answers to 1 quiz and 1 chapter marked complete. Where the file differs"
        " from an answer already here, yours was kept (1 answer)."
    )
    expect(other.locator(f"tr[data-quiz={QUIZ}]")).to_contain_text("57.14%")
    expect(other.locator(f"tr[data-quiz={QUIZ}] td").last).to_have_text("1")
    expect(other.locator(".qe-done")).to_contain_text("Every question type")
    merged = stored(other)
    assert merged["answers"]["tf"] is True  # the local answer won
    assert merged["answers"]["pick-one"] == "a"  # the imported one filled the gap
    assert merged["answers"]["steps"] == data["responses"][0]["answers"]["steps"]
    other.locator("input[type=file]").set_input_files(exported)
    expect(status).to_have_text(
        "Nothing new to import. Where the file differs from an answer already here, yours was"
        " kept (1 answer)."
    )
    expect(other.locator(".qe-progress .qe-note")).to_be_hidden()

    # A browser that never saw the quiz picks up where the first one was: submitted.
    fresh = open_page("progress/")
    fresh.locator("input[type=file]").set_input_files(exported)
    expect(fresh.locator(".qe-progress .qe-io")).to_contain_text("Imported 4 answers to 1 quiz")
    fresh.goto("chapter/types/")
    expect(fresh.locator(f"#qe-{QUIZ}-sum")).to_contain_text("You scored 4 of 7 points")
    expect(fresh.locator(f"#qe-{QUIZ} [data-act=retry]")).to_be_visible()
    expect(question(fresh, "pick-one").locator(".qe-res .qe-st")).to_contain_text("✓ Correct")


def test_learner_name_goes_into_exports_and_downloads(open_page: OpenPage, tmp_path: Path) -> None:
    page = open_page("chapter/types/")
    _take_quiz(page, RIGHT)
    page.goto("progress/")
    name = page.get_by_label("Your name (optional", exact=False)
    expect(name).to_have_value("")
    hostile = "  Ana <b>Lee</b>  "
    name.fill(hostile)
    name.press("Tab")  # saved on change
    expect(page.locator(".qe-progress .qe-io")).to_have_text("Your name is saved in this browser.")
    with page.expect_download() as download:
        page.locator("[data-act=export]").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    (entry,) = json.loads(exported.read_text())["responses"]
    assert entry["learner"] == "Ana <b>Lee</b>" and isinstance(entry["began"], int)
    # The quiz page's "Download response" carries the same name.
    page.goto("chapter/types/")
    with page.expect_download() as download:
        page.locator(f"#qe-{QUIZ} [data-act=download]").click()
    response = tmp_path / "response.json"
    download.value.save_as(response)
    assert json.loads(response.read_text())["learner"] == "Ana <b>Lee</b>"
    # Both files are one attempt to the report, which shows the name as text.
    cli = Path(sys.executable).parent / "quizengine"
    html = tmp_path / "report.html"
    done = subprocess.run(
        [str(cli), "report", str(exported), str(response), "--quizzes",
         str(SITE_SOURCE / "quizzes"), "--out", str(html)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr.endswith("1 attempts analysed, 0 skipped, 1 duplicates counted once\n")
    assert "Ana &lt;b&gt;Lee&lt;/b&gt;" in html.read_text("utf-8")
    # Kept across visits; emptying the box forgets it.
    page.goto("progress/")
    expect(name).to_have_value("Ana <b>Lee</b>")
    name.fill("")
    name.press("Tab")
    expect(page.locator(".qe-progress .qe-io")).to_have_text("Your name was removed.")
    page.goto("chapter/types/")
    with page.expect_download() as download:
        page.locator(f"#qe-{QUIZ} [data-act=download]").click()
    download.value.save_as(response)
    assert "learner" not in json.loads(response.read_text())


def test_import_button_opens_the_file_picker_by_keyboard(open_page: OpenPage) -> None:
    page = open_page("progress/")
    page.evaluate(
        """() => document.querySelector('.qe-progress input[type=file]')
        .addEventListener('click', () => { window.picked = navigator.userActivation.isActive; })"""
    )
    page.locator("[data-act=import]").focus()
    page.keyboard.press("Enter")
    # The hidden file input was clicked with user activation, so the browser shows its picker.
    page.wait_for_function("window.picked === true")


def test_progress_page_starts_after_instant_navigation_from_a_quiz(page: Page) -> None:
    """progress.js loads only on this page: arriving by instant navigation, it may run before
    or after quizengine.js's re-run, and the table must fill in either way."""
    answer_by_mouse(page, "tf", "true_false", True)
    page.wait_for_load_state("networkidle")  # instant navigation needs the sitemap first
    page.evaluate("window.__sameDocument = true")
    page.locator("nav.md-nav a[href$='progress/']").first.click()
    row = page.locator(f"tr[data-quiz={QUIZ}]")
    expect(row).to_contain_text("In progress")
    expect(page.locator(".qe-progress")).to_have_attribute("data-qe-on", "")
    assert page.evaluate("window.__sameDocument") is True
    page.go_back()
    expect(question(page, "tf").locator("input[value=true]")).to_be_checked()
