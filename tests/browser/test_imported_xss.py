"""Imported XSS payloads in a real built site, in real Chromium: nothing runs.

A small site gets two quizzes made by `quizengine import` (one GIFT, one Moodle XML file)
holding the payload kinds an attacker's review found, is built with `mkdocs build
--strict` (with pymdownx.snippets and attr_list on, as the course has them), and is loaded
in Chromium. No dialog may fire, before or after feedback is shown; no script, frame, SVG,
event handler or script link from the payloads may be in the DOM; and the payloads that
were text in their format show as that text.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

SECRET = "the answer key nobody may see"

GIFT = r"""
::md-script::[markdown]Markdown with <script>alert(1)</script> a script.
{T}

::html-entity::[html]Shown as text: &lt;img src\=x onerror\=alert(2)&gt;
{T}

::plain-img::[plain]Plain <img src\=x onerror\=alert(3)> text
{T}

::md-link::[markdown]A [markdown link](javascript:alert(4)) here
{T}

::snippet::[markdown]Include below
--8<-- "secret.txt"
{T}
"""

MOODLE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<question type="multichoice"><name><text>pre-fence</text></name>
<questiontext format="html"><text><![CDATA[<p>Code:</p><pre>```
&lt;img src=x onerror=alert(5)&gt;
```</pre>]]></text></questiontext>
<answer fraction="100" format="html">
<text><![CDATA[<code>`` &lt;img src=x onerror=alert(6)&gt; ``</code>]]></text>
<feedback format="html">
<text><![CDATA[Right <img src=x onerror=alert(7)>]]></text>
</feedback></answer>
<answer fraction="0" format="html">
<text><![CDATA[<svg onload=alert(8)><circle r="4"/></svg>No]]></text>
<feedback format="html">
<text><![CDATA[<iframe src="javascript:alert(9)"></iframe>Wrong]]></text>
</feedback></answer>
<single>true</single>
</question>
<question type="truefalse"><name><text>entity-link</text></name>
<questiontext format="html">
<text><![CDATA[<a href="jaVas&#x09;Cript&colon;alert(10)">click me</a>]]></text>
</questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
</question>
<question type="truefalse"><name><text>attr-list</text></name>
<questiontext format="markdown"><text>Plain paragraph
{: onclick="alert(11)" }</text></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
</question>
</quiz>
"""

SHOWN = [
    "Shown as text: <img src=x onerror=alert(2)>",
    "Plain <img src=x onerror=alert(3)> text",
    "<img src=x onerror=alert(5)>",
    "<img src=x onerror=alert(6)>",
    "click me",
    "A markdown link here",
]

MKDOCS = """\
site_name: Imported payloads
site_url: {url}
docs_dir: docs
strict: true
theme:
  name: material
  font: false
  features: [navigation.instant]
markdown_extensions:
  - attr_list
  - md_in_html
  - pymdownx.superfences
  - pymdownx.snippets:
      base_path: ["."]
plugins:
  - quizengine:
      quiz_dirs: [quizzes]
"""

# Anything the payloads could have planted: run over the whole document.
FIND_INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('.qe-quiz *')) {
    const tag = el.tagName.toLowerCase();
    if (['script', 'iframe', 'svg', 'object', 'embed', 'style'].includes(tag)) found.push(tag);
    for (const attr of el.attributes) {
      const value = attr.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (attr.name.startsWith('on')) found.push(tag + '[' + attr.name + ']');
      if (/^(javascript|vbscript|data):/.test(value)) found.push(tag + '[' + attr.name + ']');
    }
  }
  for (const el of document.querySelectorAll('script')) {
    if (el.textContent.includes('alert(')) found.push('script with alert');
  }
  return found;
}"""


def _run(argv: list[str], cwd: Path, env: dict[str, str]) -> None:
    subprocess.run(argv, cwd=cwd, env=env, check=True, timeout=180, capture_output=True)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("xss")
    out = root / "site"
    out.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    (root / "quizzes").mkdir()
    (root / "docs").mkdir()
    # What a snippet include would print: pymdownx.snippets (base_path ".") finds it.
    (root / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    (root / "gift.txt").write_text(textwrap.dedent(GIFT), encoding="utf-8")
    (root / "moodle.xml").write_text(MOODLE, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS.format(url=url), encoding="utf-8")
    (root / "docs" / "index.md").write_text(
        "# Imported\n\n::quiz{#from-gift}\n\n::quiz{#from-moodle}\n", encoding="utf-8"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cli = [sys.executable, "-c", "import sys; from quizengine.cli import main; sys.exit(main())"]
    for name, fmt, quiz_id in [
        ("gift.txt", "gift", "from-gift"),
        ("moodle.xml", "moodle", "from-moodle"),
    ]:
        target = root / "quizzes" / f"{quiz_id}.yaml"
        _run(
            [*cli, "import", name, "--format", fmt, "--id", quiz_id, "--out", str(target)],
            root,
            env,
        )
    _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)], root, env)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()
    server.server_close()


def _open(browser: Browser, url: str, dialogs: list[str]) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(url)
    return page


@pytest.mark.parametrize("option", [0, 1])
def test_no_imported_payload_runs_or_lands_in_the_dom(
    browser: Browser, payload_site: str, option: int
) -> None:
    """Every question answered with its first (then its second) option shown, and checked:
    the feedback HTML the client inserts is in the DOM too, right and wrong alike."""
    dialogs: list[str] = []
    page = _open(browser, payload_site, dialogs)
    quizzes = page.locator(".qe-quiz")
    expect(quizzes).to_have_count(2)
    for index in range(2):
        expect(quizzes.nth(index)).to_have_attribute("data-qe-on", "")
    before = page.evaluate(FIND_INJECTED)
    for question in page.locator(".qe-q").all():
        question.locator("input").nth(option).check()
        question.locator("[data-act=check]").click()
        expect(question.locator(".qe-res")).to_be_visible()
    page.wait_for_timeout(300)
    assert {"dialogs": dialogs, "before": before, "after": page.evaluate(FIND_INJECTED)} == {
        "dialogs": [],
        "before": [],
        "after": [],
    }
    text = " ".join(page.locator("article").inner_text().split())
    for shown in SHOWN:
        assert shown in text, shown
    assert SECRET not in page.content()
    assert '--8<-- "secret.txt"' in text
    page.context.close()
