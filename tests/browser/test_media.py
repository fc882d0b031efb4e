"""Quiz images load in a real browser from every page depth of the media fixture site: each
`<img>` in a quiz (prompt, option, the SVG) has decoded pixels (naturalWidth > 0), and so does
the image in the feedback the client shows after grading."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

MEDIA_SITE = Path(__file__).resolve().parents[1] / "data" / "media" / "site"
PAGES = ("", "charts/", "more/deep/again/")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def media_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("media-site")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    env = {**os.environ, "QE_SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(folder)]
    subprocess.run(command, cwd=MEDIA_SITE, env=env, check=True, timeout=180)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def open_media(browser: Browser, media_url: str) -> Iterator[Any]:
    """A fresh page of the media site; fails the test on a console error or a failed fetch."""
    opened: list[tuple[Any, list[str]]] = []

    def open_(path: str) -> Page:
        context = browser.new_context(base_url=media_url)
        problems: list[str] = []
        page = context.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
        page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
        page.on(
            "response",
            lambda response: (
                problems.append(f"{response.status}: {response.url}")
                if response.status >= 400
                else None
            ),
        )
        opened.append((context, problems))
        page.goto(path)
        page.wait_for_load_state("load")
        return page

    yield open_
    problems = [p for context, found in opened for p in found]
    for context, _ in opened:
        context.close()
    assert not problems, problems


def _sizes(page: Page, selector: str) -> list[dict[str, Any]]:
    return page.eval_on_selector_all(  # type: ignore[no-any-return]
        selector,
        """images => images.map(img => ({src: img.getAttribute('src'), alt: img.alt,
            complete: img.complete, width: img.naturalWidth}))""",
    )


@pytest.mark.parametrize("path", PAGES)
def test_every_quiz_image_loads_from_the_page(open_media: Any, path: str) -> None:
    page = open_media(path)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.qe-quiz img')].every(i => i.complete)"
    )
    images = _sizes(page, ".qe-quiz img")
    # the prompt's chart, the option's badge, its (hidden) feedback's tick, the SVG, and the
    # written answer's chart
    assert len(images) == 5, images
    for image in images:
        assert image["width"] > 0, image
        assert image["alt"], image
        assert "quiz-media/" in image["src"], image


def test_the_feedback_image_loads_after_grading(open_media: Any) -> None:
    page = open_media("more/deep/again/")
    question = page.locator('.qe-q[data-qid="chart-peak"]')
    question.locator('input[value="a"]').check()
    question.locator('[data-act="check"]').click()
    tick = question.locator('img[alt="A green tick"]')
    tick.wait_for(state="visible")
    page.wait_for_function(
        "() => [...document.querySelectorAll('img[alt=\"A green tick\"]')].every("
        "i => i.complete && i.naturalWidth > 0)"
    )
    (image,) = _sizes(page, 'img[alt="A green tick"]')
    assert image["width"] == 8 and image["src"].startswith("../../../quiz-media/")


def test_the_sound_link_points_at_the_published_file(open_media: Any, media_url: str) -> None:
    page = open_media("charts/")
    href = page.locator('a[href*="recruiter-call"]').first.get_attribute("href")
    assert href is not None
    status = page.evaluate("url => fetch(url).then(r => r.status)", href)
    assert status == 200
