"""inject_assets and bundle(): the built client ships small and only where needed."""

from __future__ import annotations

import gzip
import hashlib
import subprocess
from pathlib import Path

import pytest

from quizengine.models import Quiz
from quizengine.render import (
    ASSET_DIR,
    ASSET_FILES,
    bundle,
    inject_assets,
    render_complete_button,
    render_quiz,
)
from quizengine.render.assets import needed, path_assets

from ..conftest import need_node


def render_star_question(mode: str) -> str:
    """A STAR question's HTML as the renderer writes it, in `mode`."""
    star = {"id": "s", "type": "star", "prompt": "p", "mode": mode}
    quiz = Quiz.model_validate({"id": "q", "title": "Q", "questions": [star]})
    return render_quiz(quiz, str, rubric_for=lambda q: [])


ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "src" / "quizengine" / "assets"
CLIENT = ROOT / "src" / "quizengine" / "client"
PAGE = "<html><head><title>t</title></head><body><article>{}</article></body></html>"
QUIZ = '<section class="qe-quiz" data-qe="quiz" data-quiz-id="x">…</section>'
PROGRESS = '<div class="qe-progress" data-qe="progress">…</div>'


def test_pages_without_a_widget_are_returned_unchanged() -> None:
    for body in (
        "<p>Hello</p>",
        render_complete_button("a/b.md"),
        '<pre><code>&lt;section data-qe="quiz"&gt;</code></pre>',
    ):
        page = PAGE.format(body)
        assert inject_assets(page, "../") is page


@pytest.mark.parametrize("widget", [QUIZ, PROGRESS])
@pytest.mark.parametrize(
    ("base", "prefix"), [("", ""), (".", ""), ("./", ""), ("..", "../"), ("../../", "../../")]
)
def test_assets_are_linked_relative_to_the_site_root(widget: str, base: str, prefix: str) -> None:
    out = inject_assets(PAGE.format("<p>intro</p>" + widget), base)
    head, body = out.split("</head>")
    css = f'<link rel="stylesheet" href="{prefix}{ASSET_DIR}/quizengine.css?v='
    assert head.count(css) == 1
    # The script sits in the content, right before the first widget: Material's instant
    # navigation re-runs scripts found there (see render/assets.py).
    script = f'<script src="{prefix}{ASSET_DIR}/quizengine.js?v='
    assert body.index(script) < body.index("data-qe=") and body.count(script) == 1
    assert " defer></script>" in body
    assert inject_assets(out, base) == out  # idempotent


def test_each_file_carries_its_content_hash() -> None:
    out = inject_assets(PAGE.format(QUIZ), "")
    for name in ("quizengine.css", "quizengine.js"):
        version = out.split(f"{name}?v=")[1][:10]
        assert version == hashlib.sha256(bundle()[name].encode()).hexdigest()[:10]


def test_star_analysis_loads_only_where_a_star_question_is() -> None:
    plain = inject_assets(PAGE.format(QUIZ), "")
    assert "star.js" not in plain
    star = QUIZ.replace("…", '<div class="qe-q" data-qid="s" data-type="star"></div>')
    out = inject_assets(PAGE.format(star), "../")
    assert out.index('src="../assets/quizengine/star.js?v=') < out.index("quizengine.js?v=")
    assert "star-model.js" not in out


def test_progress_page_code_loads_only_where_the_progress_widget_is() -> None:
    assert "progress.js" not in inject_assets(PAGE.format(QUIZ), "")
    out = inject_assets(PAGE.format(PROGRESS), "../")
    assert out.index('src="../assets/quizengine/progress.js?v=') < out.index("quizengine.js?v=")


def test_calculator_code_loads_only_where_the_calculator_is() -> None:
    assert "calculator.js" not in inject_assets(PAGE.format(QUIZ), "")
    calculator = '<div class="qe-calc" data-qe="calculator"></div>'
    out = inject_assets(PAGE.format(calculator), "../")  # a page with the calculator alone
    assert out.index('src="../assets/quizengine/calculator.js?v=') < out.index("quizengine.js?v=")
    assert "quizengine.css?v=" in out and "progress.js" not in out and "star.js" not in out
    head = out[: out.index("</head>")]  # both stylesheets in the head, before the first layout
    assert 'href="../assets/quizengine/calculator.css?v=' in head and "quizengine.css?v=" in head


def test_the_calculator_stays_within_its_own_budget() -> None:
    """The calculator page loads quizengine.js and the CSS (storage, mounting) and its own
    files (the method, the form's behaviour, its styles): at most 4 KiB more, gzipped."""
    sizes = {name: len(gzip.compress(text.encode(), 9)) for name, text in bundle().items()}
    assert sizes["calculator.js"] + sizes["calculator.css"] <= 4 * 1024, sizes


def test_worksheet_code_loads_only_where_a_worksheet_is() -> None:
    assert "worksheet.js" not in inject_assets(PAGE.format(QUIZ), "")
    sheet = '<div class="qe-ws" data-qe="worksheet" data-worksheet="w"></div>'
    out = inject_assets(PAGE.format(sheet), "../")  # a page with a worksheet alone
    assert out.index('src="../assets/quizengine/worksheet.js?v=') < out.index("quizengine.js?v=")
    head = out[: out.index("</head>")]  # print styles included, before the first layout
    assert 'href="../assets/quizengine/worksheet.css?v=' in head and "quizengine.css?v=" in head


def test_the_worksheet_stays_within_its_own_budget() -> None:
    """A worksheet page loads quizengine.js and the CSS (storage, mounting) and its own two
    files (saving as the learner types, print styles): at most 2 KiB more, gzipped."""
    sizes = {name: len(gzip.compress(text.encode(), 9)) for name, text in bundle().items()}
    assert sizes["worksheet.js"] + sizes["worksheet.css"] <= 2 * 1024, sizes


def test_the_part_model_loads_only_where_a_free_mode_star_question_is() -> None:
    """Its one box is render/star_form.py's `data-k="text"` textarea; structured questions have
    four others, and a page may hold both kinds."""
    free = QUIZ.replace("…", render_star_question("free"))
    structured = QUIZ.replace("…", render_star_question("structured"))
    assert "star-model.js" not in inject_assets(PAGE.format(structured), "")
    out = inject_assets(PAGE.format(structured + free), "")
    model = out.index('src="assets/quizengine/star-model.js?v=')
    assert out.index("star.js?v=") < model < out.index("quizengine.js?v=")
    assert out.count("star-model.js") == 1


def test_bundle_ships_ten_files() -> None:
    files = bundle()
    assert set(files) == {
        "path.js",
        "path.css",
        "quizengine.js",
        "star.js",
        "text.js",
        "star-model.js",
        "progress.js",
        "calculator.js",
        "calculator.css",
        "worksheet.js",
        "worksheet.css",
        "quizengine.css",
    }
    js = files["quizengine.js"]
    assert js.index("gradeQuiz") < js.index("data-qe-on")  # grader first, then the UI
    assert "quizengine grader:" not in js and "\n\n" not in js  # comments and blank lines go


def test_bundle_is_the_committed_built_files() -> None:
    """What the plugin writes and the extension inlines is exactly what esbuild built."""
    for name, built in ASSET_FILES.items():
        assert bundle()[name] == (ASSETS / built).read_text("utf-8")
    assert sorted(p.name for p in ASSETS.iterdir()) == sorted(ASSET_FILES.values())


def test_minified_css_keeps_every_rule() -> None:
    css = (CLIENT / "quizengine.css").read_text()
    small = bundle()["quizengine.css"]
    assert small.count("{") == css.count("{") and "/*" not in small
    assert "@media(prefers-reduced-motion:no-preference)" in small


def test_shipped_script_parses(tmp_path: Path) -> None:
    script = tmp_path / "quizengine.js"
    script.write_text(bundle()["quizengine.js"])
    done = subprocess.run([need_node(), "--check", str(script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_quiz_page_loads_at_most_10_kib_gzipped() -> None:
    """The budget for what a quiz page without STAR questions loads (grader, UI and CSS).

    Pages with a STAR question also load star.js, which alone is about half the budget.
    """
    sizes = {name: len(gzip.compress(text.encode(), 9)) for name, text in bundle().items()}
    assert sizes["quizengine.js"] + sizes["quizengine.css"] <= 10 * 1024, sizes


def test_a_star_page_stays_within_its_budget() -> None:
    """Everything a STAR page loads (grader and UI, CSS, star.js), gzipped: at most 16 KiB
    (issue 14's decision, which replaced the earlier 10 KiB; coaching text is not shortened to
    save bytes). The free-mode weights file, loaded only beside a free-mode question, and
    progress.js, loaded only by the progress page, are not part of it."""
    sizes = {name: len(gzip.compress(text.encode(), 9)) for name, text in bundle().items()}
    star_page = sizes["quizengine.js"] + sizes["quizengine.css"] + sizes["star.js"]
    assert star_page <= 16 * 1024, sizes


def test_the_progress_page_stays_within_the_quiz_page_budget_plus_its_own_file() -> None:
    """The progress page loads quizengine.js, the CSS and progress.js (backup checks)."""
    sizes = {name: len(gzip.compress(text.encode(), 9)) for name, text in bundle().items()}
    assert sizes["quizengine.js"] + sizes["quizengine.css"] + sizes["progress.js"] <= 13 * 1024


def test_the_learners_path_stays_within_its_own_budget() -> None:
    """path.js and path.css (ticks, "Mark this page complete", the continue link) load on
    every module page, quiz or not: at most 2.5 KiB gzipped, beside the quiz page's budget."""
    sizes = {name: len(gzip.compress(text.encode(), 9)) for name, text in bundle().items()}
    assert sizes["path.js"] + sizes["path.css"] <= 2.5 * 1024, sizes


def test_the_learners_path_loads_on_any_page_it_is_given_to() -> None:
    """Its stylesheet in the head, its data and script at the end of the content (inside
    Material's container, so instant navigation brings them), relative to the site root."""
    page = "<html><head><title>t</title></head><body><article><h1>T</h1></article></body></html>"
    out = path_assets(page, '<template class="qe-path-data">{}</template>', "../")
    head, body = out.split("</head>")
    assert f'<link rel="stylesheet" href="../{ASSET_DIR}/path.css?v=' in head
    script = f'<script src="../{ASSET_DIR}/path.js?v='
    assert body.index("<h1>") < body.index("qe-path-data") < body.index(script)
    assert body.index(script) < body.index("</article>")
    assert "quizengine.js" not in out  # a page without a quiz loads no quiz code
    assert path_assets("<p>no article</p>", "", "") == "<p>no article</p>"


def test_the_part_model_stays_within_its_budget() -> None:
    """The free-mode weights, gzipped: at most 30 KiB (issue 10). Training prunes features
    to keep it there (scripts/train_star.py)."""
    assert len(gzip.compress(bundle()["star-model.js"].encode(), 9)) <= 30 * 1024


def test_a_text_question_page_stays_within_the_quiz_page_budget_plus_its_own_file() -> None:
    """text.js (the `text` question's grader and behaviour) loads only where one is."""
    sizes = {name: len(gzip.compress(text.encode(), 9)) for name, text in bundle().items()}
    assert sizes["quizengine.js"] + sizes["quizengine.css"] + sizes["text.js"] <= 12 * 1024, sizes


def test_text_js_is_loaded_only_where_a_text_question_is() -> None:
    assert "text.js" in needed('<section data-qe="quiz"><div class="qe-q" data-type="text">')
    assert "text.js" not in needed('<section data-qe="quiz"><div class="qe-q" data-type="star">')


def test_a_marker_counts_only_inside_the_tag_that_carries_it() -> None:
    """One pass finds every marker; one in text, or on the wrong element, loads nothing."""
    quiz = '<section data-qe="quiz"><div class="x" data-type="text"></div>'
    assert needed(quiz) == ["quizengine.css", "text.js", "quizengine.js"]
    in_text = '<section data-qe="quiz"><p> data-type="star" and data-qe="progress"</p>'
    assert needed(in_text) == ["quizengine.css", "quizengine.js"]
    wrong_tag = '<section data-qe="quiz"><span data-type="star"></span><div data-k="text">'
    assert needed(wrong_tag) == ["quizengine.css", "quizengine.js"]
    free = '<div data-qe="quiz" data-type="star"><textarea rows="4" data-k="text"></textarea>'
    assert needed(free) == ["quizengine.css", "star.js", "star-model.js", "quizengine.js"]
