"""inject_assets, bundle() and the minifier: the client ships small and only where needed."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from quizengine.render import ASSET_DIR, bundle, inject_assets, render_complete_button
from quizengine.render.minify import minify_css, minify_js

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "src" / "quizengine" / "assets"
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


def test_bundle_ships_three_files() -> None:
    files = bundle()
    assert set(files) == {"quizengine.js", "star.js", "quizengine.css"}
    js = files["quizengine.js"]
    assert js.index("gradeQuiz") < js.index("QE.init")  # grader first, then the UI
    assert "quizengine grader:" not in js and "\n\n" not in js  # comments and blank lines go


def test_minified_css_keeps_every_rule() -> None:
    css = (ASSETS / "quizengine.css").read_text()
    small = minify_css(css)
    assert small.count("{") == css.count("{") and "/*" not in small
    assert "@media (prefers-reduced-motion:no-preference)" in small


def test_minify_js_keeps_strings_regexes_and_line_breaks() -> None:
    code = 'var a = "x  // y", b = /[/]\\/ +/g; // note\nvar c = a - -1, d = b\n/* gone */ + c;\n'
    assert minify_js(code) == 'var a="x  // y",b=/[/]\\/ +/g;var c=a- -1,d=b\n+c;\n'
    assert minify_js("if (a) { return\nx; }\n") == "if(a){return\nx}\n"
    with pytest.raises(ValueError):
        minify_js("var t = `template`;")


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is needed to check the shipped JavaScript")
        pytest.skip("node is not installed")
    return node


def test_shipped_script_parses(tmp_path: Path) -> None:
    script = tmp_path / "quizengine.js"
    script.write_text(bundle()["quizengine.js"])
    done = subprocess.run([_node(), "--check", str(script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_minified_scripts_pass_the_js_tests(tmp_path: Path) -> None:
    """The JS tests (grader and STAR vectors) run again on the minified files, in a copy
    of the tree, so the minifier can never ship code that grades differently."""
    shutil.copytree(ROOT / "tests" / "js", tmp_path / "tests" / "js")
    shutil.copytree(ROOT / "tests" / "vectors", tmp_path / "tests" / "vectors")
    target = tmp_path / "src" / "quizengine" / "assets"
    target.mkdir(parents=True)
    for source in ASSETS.glob("*.js"):
        (target / source.name).write_text(minify_js(source.read_text()))
    done = subprocess.run(
        [_node(), "--test", "tests/js/"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout[-3000:]


def test_a_quiz_page_loads_at_most_10_kib_gzipped() -> None:
    """The budget for what a quiz page without STAR questions loads (grader, UI and CSS).

    Pages with a STAR question also load star.js, which alone is about half the budget.
    """
    sizes = {name: len(gzip.compress(text.encode(), 9)) for name, text in bundle().items()}
    assert sizes["quizengine.js"] + sizes["quizengine.css"] <= 10 * 1024, sizes
