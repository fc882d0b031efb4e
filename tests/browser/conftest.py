"""Browser fixtures: one Debian Chromium per session, a fresh context (own storage) per page.

The site under test is whatever `build_site` produces; swapping it for a build of the real
course is a change to that one function. Every page opened through `open_page` fails its
test on a console error, an uncaught exception, or a request to any host but 127.0.0.1.
"""

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
from urllib.parse import urlsplit

import pytest

# The test modules share helpers in qe_browser.py, beside this file.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from qe_browser import ROOT, SITE_SOURCE, OpenPage

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"

try:
    from playwright.sync_api import (
        Browser,
        BrowserContext,
        ConsoleMessage,
        Page,
        Route,
        sync_playwright,
    )
except ImportError:  # pragma: no cover - reported by the `browser` fixture
    sync_playwright = None  # type: ignore[assignment]


def build_site(out: Path, site_url: str) -> Path:
    """Build the test site with the real MkDocs plugin into `out`.

    `site_url` must be the URL the site is served from: Material's instant navigation only
    intercepts links listed in sitemap.xml, which it matches by host *and* port.
    """
    env = {**os.environ, "QE_SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", str(out)]
    subprocess.run(command, cwd=SITE_SOURCE, env=env, check=True, timeout=120)
    return out


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve the built site from 127.0.0.1 on a free port, for the whole session."""
    folder = tmp_path_factory.mktemp("site")
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    build_site(folder, url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if sync_playwright is None or not CHROMIUM.exists():
        reason = f"the browser tests need Playwright and Chromium at {CHROMIUM}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


class Watched:
    """What a page did that a test must not allow: console errors and requests off-host."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.external: list[str] = []

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def route(self, route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()


def _opener(browser: Browser, base_url: str) -> Iterator[OpenPage]:
    """`open(path, **context_options)` -> a loaded, watched page in a fresh browser context."""
    contexts: list[tuple[BrowserContext, Watched]] = []

    def open_(path: str = "", **options: Any) -> Page:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(base_url=base_url, accept_downloads=True, **options)
        watched = Watched()
        context.route("**/*", watched.route)
        contexts.append((context, watched))
        page = context.new_page()
        page.on("console", watched.console)
        page.on("pageerror", lambda error: watched.errors.append(f"uncaught: {error}"))
        page.goto(path)
        return page

    yield open_
    problems = []
    for context, watched in contexts:
        context.close()
        problems += watched.errors + [f"request to another host: {u}" for u in watched.external]
    assert not problems, problems


@pytest.fixture
def open_page(browser: Browser, site_url: str) -> Iterator[OpenPage]:
    """Pages of the small test site (every question type, storage edge cases)."""
    yield from _opener(browser, site_url)


def _serve(site: Any) -> Iterator[str]:
    """Serve a built site (a `BuiltSite`) at the URL it was built for."""
    port = int(urlsplit(site.url).port or 0)
    handler = functools.partial(_QuietHandler, directory=str(site.path))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site.url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def course_url(built_site: Any) -> Iterator[str]:
    """The real course, built by `mkdocs build --strict`."""
    yield from _serve(built_site)


@pytest.fixture(scope="session")
def zensical_url(zensical_site: Any) -> Iterator[str]:
    """The real course, built by `zensical build` (no MkDocs plugin, client inlined)."""
    yield from _serve(zensical_site)


@pytest.fixture
def open_course(browser: Browser, course_url: str) -> Iterator[OpenPage]:
    """Pages of the real course."""
    yield from _opener(browser, course_url)


@pytest.fixture
def open_zensical(browser: Browser, zensical_url: str) -> Iterator[OpenPage]:
    """Pages of the course as Zensical built it."""
    yield from _opener(browser, zensical_url)


@pytest.fixture
def page(open_page: OpenPage) -> Page:
    """The page with every question type, freshly loaded with empty storage."""
    return open_page("chapter/types/")


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.exists():
        message = f"axe-core is missing at {AXE}: run `npm ci` (or `make install`)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
