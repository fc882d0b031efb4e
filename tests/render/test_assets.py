"""inject_assets, bundle() and the minifier: the client ships small and only where needed."""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from quizengine.render import ASSET_DIR, bundle, inject_assets, render_complete_button
from quizengine.render.minify import minify_css, minify_js

from ..conftest import need_node

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "src" / "quizengine" / "assets"
PAGE = "<html><head><title>t</title></head><body><article>{}</article></body></html>"
ASSET_JS = ("grader.js", "quizengine.js", "star.js")
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
    assert js.index("gradeQuiz") < js.index("data-qe-on")  # grader first, then the UI
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
    assert minify_js("var s = '`';\n/* ` */\n") == "var s='`';\n"


def test_minify_js_shortens_local_names_only() -> None:
    code = (
        "var top = 1;\n"
        "(function (root, other) {\n"
        "  var longName = root.value, item = { longName, other: other };\n"
        "  root.done = (value) => longName + value + document.title + item.other;\n"
        "})(self, 2);\n"
    )
    small = minify_js(code)
    assert small.startswith("var top=1;(function(")  # the top level is left alone
    for kept in ("root.value", "document.title", ".other", "{longName:", ",other:", ".done"):
        assert kept.replace("root", "") in small.replace("root", ""), small
    assert "longName+" not in small and "(value)" not in small
    assert minify_js(code, mangle=False).count("longName") == 3


@pytest.mark.parametrize(
    "code",
    [
        "var t = `template`;",
        "(function () { class A {} })();",
        "(function () { loop: for (;;) break loop; })();",
        "(function (a = 1) { return a; })();",
        "(function () { var o = { f() { return 1; } }; })();",
        "(function () { if (a) { function f() {} } })();",
        "(function () { return eval('1'); })();",
    ],
)
def test_minify_js_refuses_what_it_cannot_rename_safely(code: str) -> None:
    with pytest.raises(ValueError):
        minify_js(code)


def test_every_source_is_minified_and_mangled() -> None:
    """`bundle()` ships a file the minifier refuses as written: none of ours may be."""
    small = {name: minify_js((ASSETS / name).read_text()) for name in ASSET_JS}
    assert bundle()["quizengine.js"] == small["grader.js"] + small["quizengine.js"]
    assert bundle()["star.js"] == small["star.js"]
    for name in ASSET_JS:
        assert len(small[name]) < len(minify_js((ASSETS / name).read_text(), mangle=False))


# Scoping cases the renamer must get right; each script prints what it computed.
SCOPES = r"""
(function () {
  var out = [], value = 1, other = 2;
  function inner(value) { var other = value * 10; return [value, other]; }
  out.push(inner(5), value, other);
  { let value = "block"; out.push(value); }
  out.push(value);
  for (let index = 0; index < 2; index++) out.push(index);
  var index = "after", loop = function () {
    var seen = [];
    for (let value = 0; value < 2; value++) seen.push(value);
    { const other = 3; seen.push(other); }
    return [seen, value, other];
  };
  out.push(index, loop());
  try { throw Error("caught"); } catch (value) { out.push(value.message); }
  out.push(value);
  var make = (alpha, beta) => ({ alpha, beta, sum: alpha + beta });
  var { alpha, beta: renamed } = make(1, 2);
  out.push(alpha, renamed, make(3, 4));
  var named = function fact(k) { return k < 2 ? 1 : k * fact(k - 1); };
  out.push(named(5), typeof fact, hoisted());
  function hoisted() { return "hoisted"; }
  var x = 10, pick = (flag) => flag ? (x) => x + 1 : (y) => y - x, after = "after";
  var side = (flag) => flag ? (x) => x * 2 : x;
  out.push(pick(true)(1), pick(false)(1), after, side(true)(3), side(false));
  var [first, ...rest] = [1, 2, 3], obj = { first: rest, value };
  out.push(first, rest, obj);
  var keep = "outer", many = function () {
    var a1 = 1, a2 = 2, a3 = 3, a4 = 4, a5 = 5, a6 = 6, a7 = 7, a8 = 8, a9 = 9, b1 = 10;
    return keep + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + b1 + typeof undefinedGlobal;
  };
  out.push(many(), Object.keys({ keep, many }));
  console.log(JSON.stringify(out));
})();
"""


def _node_output(tmp_path: Path, code: str) -> str:
    script = tmp_path / "script.js"
    script.write_text(code)
    done = subprocess.run([need_node(), str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_renamed_code_computes_the_same(tmp_path: Path) -> None:
    small = minify_js(SCOPES)
    assert "alpha" not in small.replace("alpha:", "")
    assert _node_output(tmp_path, small) == _node_output(tmp_path, SCOPES)


def test_shipped_script_parses(tmp_path: Path) -> None:
    script = tmp_path / "quizengine.js"
    script.write_text(bundle()["quizengine.js"])
    done = subprocess.run([need_node(), "--check", str(script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_minified_scripts_pass_the_js_tests(tmp_path: Path) -> None:
    """The JS tests (grader and STAR vectors) run again on the minified files, in a copy
    of the tree, so the minifier can never ship code that grades differently. The browser
    tests run the shipped bundle itself."""
    shutil.copytree(ROOT / "tests" / "js", tmp_path / "tests" / "js")
    shutil.copytree(ROOT / "tests" / "vectors", tmp_path / "tests" / "vectors")
    target = tmp_path / "src" / "quizengine" / "assets"
    target.mkdir(parents=True)
    for source in ASSETS.glob("*.js"):
        (target / source.name).write_text(minify_js(source.read_text()))
    done = subprocess.run(
        [need_node(), "--test", "tests/js/"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-3000:]


# The STAR analysis, minified and as written, on the vectors and on seeded random answers:
# the parity test holds the source to the Python engine, this holds the minified file to it.
STAR_RUNNER = """
const [src, small] = process.argv.slice(1).map((f) => require(f));
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
const run = (star) => cases.map(([q, a]) => {
  try { return star.gradeStar(q, a); }
  catch (e) { return { error: e.message, invalid: e.invalid }; }
});
process.stdout.write(JSON.stringify([run(src), run(small)]));
"""


def test_minified_star_analysis_answers_as_the_source_does(tmp_path: Path) -> None:
    vectors = json.loads((ROOT / "tests" / "vectors" / "star.json").read_text("utf-8"))
    rubric = json.loads((ROOT / "tests" / "vectors" / "default_rubric.json").read_text("utf-8"))
    cases = [(c["question"], c["answer"]) for c in vectors["cases"]]
    cases = [({**q, "rubric": q.get("rubric") or rubric}, a) for q, a in cases]
    free = next(q for q, _ in cases if q.get("mode") == "free")
    structured = next(q for q, _ in cases if q.get("mode") != "free")
    rng = random.Random(7)
    vocab = "I we my our 12 half very a lot improved Berlin first then agreed learned . ! ? \n"
    for size in range(120):
        text = " ".join(rng.choice(vocab.split(" ")) for _ in range(size))
        cases.append((free, {"text": text, "self_rating": {"result": size % 4}}))
        cases.append((structured, dict.fromkeys(("situation", "task", "action", "result"), text)))
    small = tmp_path / "star.min.js"
    small.write_text(minify_js((ASSETS / "star.js").read_text()))
    done = subprocess.run(
        [need_node(), "-e", STAR_RUNNER, str(ASSETS / "star.js"), str(small)],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    source, minified = json.loads(done.stdout)
    assert minified == source


def test_a_quiz_page_loads_at_most_10_kib_gzipped() -> None:
    """The budget for what a quiz page without STAR questions loads (grader, UI and CSS).

    Pages with a STAR question also load star.js, which alone is about half the budget.
    """
    sizes = {name: len(gzip.compress(text.encode(), 9)) for name, text in bundle().items()}
    assert sizes["quizengine.js"] + sizes["quizengine.css"] <= 10 * 1024, sizes


def test_the_whole_client_stays_within_its_size_ratchet() -> None:
    """Everything a STAR page loads (all three files), gzipped.

    The project's target is 10 KiB (10,240 B) for the three files together; it is not met:
    see the size notes in render/assets.py. This ratchet keeps what was won: lower it when
    the client shrinks, and never raise it without a reviewed reason. Raised from 13,800 by
    50 B for the reported-speech cues, which stop the STAR "hypothetical" advice from firing
    on "I told her I would..." (wrong coaching costs more than 50 bytes); by 130 B more for
    the progress page's "module finished" status from the manifests' pass requirements; by
    135 B more for free mode's task and situation cues, which cut the answers wrongly told
    "task: not found" on the held-out set from 12 of 23 to 5; by 415 B more for what a
    usability review found learners tripping on: an untouched ordering no longer counts as
    an answer (it scored points for nothing and blocked an imported answer), "No answer yet"
    shown on screen, import results beside the buttons with true counts, matching's "Should
    be:", the STAR submit-without-rating message, ordering positions and focus kept clear of
    the fixed header; by 55 B more so that a backup imported into a browser that never saw
    the quiz shows it as it was (checked or submitted), not as unchecked answers beside a
    recorded best score; by 199 B more for numeric answers v2 (contract v2): the grader reads
    "1 500", "161k", "1900 dollars" and "138 hrs" as the Python engine does, and says when
    an answer was not understood instead of marking it wrong; by 206 B more for the page's
    side of that: the learner is told (on Check and on Submit), shown the forms it reads and
    keeps the box open, and nothing is graded or recorded, where v1 silently scored it 0.
    """
    sizes = {name: len(gzip.compress(text.encode(), 9)) for name, text in bundle().items()}
    assert sum(sizes.values()) <= 14_990, sizes
