"""A strict build of the media fixture site: every image and media link a quiz shows is
published under quiz-media/, and its address resolves to that file from every page depth."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from ..conftest import DATA

MKDOCS = Path(sys.executable).with_name("mkdocs")
SITE_SOURCE = DATA / "media" / "site"
CHARTS = SITE_SOURCE / "quizzes" / "charts"
PAGES = ("index.html", "charts/index.html", "more/deep/again/index.html")


def _build(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "-d", str(out)],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("media-site")
    proc = _build(SITE_SOURCE, out)
    assert proc.returncode == 0, proc.stderr
    return out


class _Urls(HTMLParser):
    """Every image source and link target in a quiz's markup and in its grading data."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[tuple[str, str]] = []  # (src, alt)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "img":
            self.images.append((values.get("src", ""), values.get("alt", "")))
        elif tag == "a" and "quiz-media" in values.get("href", ""):
            self.links.append(values["href"])


def _quiz_urls(page: str) -> _Urls:
    """The quiz section's URLs, and those in the feedback HTML the client shows after grading
    (JSON in the data template, `<` escaped as \\u003c)."""
    parser = _Urls()
    for section in re.findall(r'<section class="qe-quiz".*?</section>', page, re.S):
        parser.feed(section.encode().decode("unicode_escape") if "\\u003c" in section else section)
    parser.close()
    return parser


def _published(site: Path, page: str, url: str) -> Path:
    """The file a browser at `page` fetches for `url`, refused if it leaves the site."""
    base = "http://site.test/" + page
    target = urlsplit(urljoin(base, url))
    assert target.netloc == "site.test", url
    path = (site / unquote(target.path).lstrip("/")).resolve()
    assert path.is_relative_to(site.resolve()), url
    return path


@pytest.mark.parametrize("page", PAGES)
def test_every_image_resolves_from_the_page_to_the_published_file(site: Path, page: str) -> None:
    html = (site / page).read_text()
    urls = _quiz_urls(html)
    sources = {src for src, _ in urls.images}
    assert len(sources) == 4, sources  # the prompt, the option, the feedback, the SVG
    originals = {p.read_bytes(): p.name for p in (CHARTS / "img").iterdir()}
    for src in sources:
        assert "quiz-media/" in src and not src.startswith("/"), src
        published = _published(site, page, src)
        assert published.is_file(), src
        assert published.read_bytes() in originals, src
    (link,) = set(urls.links)
    assert (
        _published(site, page, link).read_bytes()
        == (CHARTS / "audio" / "recruiter-call.mp3").read_bytes()
    )


def test_images_keep_their_alt_text_and_only_safe_attributes(site: Path) -> None:
    html = (site / "charts" / "index.html").read_text()
    alts = {alt for _, alt in _quiz_urls(html).images}
    assert "Bar chart of three salary offers: 50k, 62k and 58k" in alts
    assert "An orange bonus badge" in alts
    for tag in re.findall(r"<img [^>]*>", html):
        names = set(re.findall(r'\s([a-z-]+)="', tag))
        assert names <= {"src", "alt", "width", "height", "class", "title"}, tag


def test_feedback_images_point_at_the_published_file_too(site: Path) -> None:
    html = (site / "more" / "deep" / "again" / "index.html").read_text()
    data = re.search(r'<template class="qe-data">(.*?)</template>', html, re.S)
    assert data is not None
    assert "../../../quiz-media/feedback-check." in data.group(1)


def test_each_file_is_published_once_under_a_content_name(site: Path) -> None:
    published = sorted(p.name for p in (site / "quiz-media").iterdir())
    assert len(published) == 5
    for name in published:
        assert re.fullmatch(r"[A-Za-z0-9_-]+\.[0-9a-f]{12}\.(png|svg|mp3)", name), name
    assert not any(p.suffix == ".yaml" for p in site.rglob("*"))  # no quiz file leaks out


def test_no_placeholder_is_left_in_any_page(site: Path) -> None:
    for page in site.rglob("*.html"):
        assert "__quizengine_site__" not in page.read_text(), page


def test_a_missing_image_fails_the_strict_build_at_its_line(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(SITE_SOURCE, source)
    (source / "quizzes" / "charts" / "img" / "option-bonus.png").unlink()
    proc = _build(source, tmp_path / "out")
    assert proc.returncode != 0
    assert re.search(
        r"quizzes/charts/reading-charts\.yaml:18:15: error: question 'chart-peak': "
        r"the image 'img/option-bonus\.png' was not found",
        proc.stderr,
    ), proc.stderr


def test_an_image_without_alt_text_fails_the_strict_build_with_lint(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(SITE_SOURCE, source)
    quiz = source / "quizzes" / "charts" / "reading-charts.yaml"
    quiz.write_text(quiz.read_text().replace("![A green tick]", "![]"))
    proc = _build(source, tmp_path / "out")
    assert proc.returncode != 0
    assert re.search(
        r"reading-charts\.yaml:\d+:\d+: warning: question 'chart-peak': the image "
        r"'img/feedback-check\.png' has no alt text \[image-alt\]",
        proc.stderr,
    ), proc.stderr


def test_the_bank_reloads_when_only_an_image_changes(tmp_path: Path) -> None:
    """`mkdocs serve` watches the quiz folders; the rebuild must see the new image."""
    from quizengine.mkdocs.state import BuildState

    folder = tmp_path / "quizzes"
    shutil.copytree(CHARTS, folder / "charts")
    (folder / "charts" / "module.yaml").unlink()
    bank = BuildState().bank([str(folder)], tmp_path)
    before = dict(bank.media("reading-charts").files)
    image = folder / "charts" / "img" / "scale.svg"
    image.write_text(image.read_text().replace("#2a7", "#27a"))
    os.utime(image, ns=(image.stat().st_atime_ns, image.stat().st_mtime_ns + 10**9))
    bank.refresh()
    after = bank.media("reading-charts").files
    assert after["img/salary-chart.png"] == before["img/salary-chart.png"]
    assert after["img/scale.svg"].site_name != before["img/scale.svg"].site_name
    assert after["img/scale.svg"].read() == image.read_bytes()


def test_a_bank_questions_image_is_published_from_beside_the_bank_file(tmp_path: Path) -> None:
    source = DATA / "banks" / "media"
    proc = _build(source, tmp_path / "site")
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    published = {
        alt: _published(tmp_path / "site", "index.html", src).read_bytes()
        for src, alt in _quiz_urls(html).images
    }
    assert published == {
        "A single red dot": (source / "quizzes" / "banks" / "img" / "dot.png").read_bytes(),
        "A blue square": (source / "quizzes" / "img" / "square.png").read_bytes(),
    }
