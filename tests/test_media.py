"""Media in quiz text: found in every Markdown field, resolved beside the quiz file, confined
to its folder, checked (kind, size, SVG content) and reported at the text's line and column."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from quizengine.loader import load_paths, load_quiz_file
from quizengine.media import (
    MAX_MEDIA_BYTES,
    Reference,
    find_media,
    images,
    local_path,
    markdown_texts,
    references,
    resolve,
    svg_problem,
)
from quizengine.sanitize import clean_html

from .conftest import DATA

SITE = DATA / "media" / "site"
CHARTS = SITE / "quizzes" / "charts"
PNG = (CHARTS / "img" / "salary-chart.png").read_bytes()
WriteYaml = Callable[..., Path]


def _quiz(prompt: str, *, explanation: str = "Because.") -> str:
    return f"""
    id: pics
    title: Pictures
    questions:
      - id: q1
        type: true_false
        prompt: {prompt}
        answer: true
        explanation: {explanation}
    """


def _errors(path: Path) -> list[str]:
    loaded = load_quiz_file(path)
    return [d.format() for d in loaded.diagnostics if d.severity == "error"]


# --- finding references -------------------------------------------------------------------


def test_markdown_images_raw_img_and_media_links_are_found() -> None:
    text = (
        "![A chart](img/chart.png) and <img src='img/b%20c.png' alt='B'>, "
        "[listen](audio/clip.mp3), [a page](../other.md), [web](https://example.org/x.png), "
        "![remote](https://example.org/y.png)"
    )
    found = references(text)
    assert found == [
        Reference("img", "img/chart.png", "img/chart.png", "A chart"),
        Reference("img", "img/b%20c.png", "img/b c.png", "B"),
        Reference("a", "audio/clip.mp3", "audio/clip.mp3", None),
    ]


def test_code_is_not_an_image() -> None:
    assert references("Write `![alt](x.png)` to show one.\n\n    ![alt](y.png)\n") == []


def test_local_path_refuses_schemes_hosts_and_fragments() -> None:
    assert local_path("img/a.png?v=2#top") == "img/a.png"
    for url in ("https://x.org/a.png", "//x.org/a.png", "data:image/png;base64,AA", "#top"):
        assert local_path(url) is None


def test_images_lists_missing_and_empty_alt_text() -> None:
    assert images('![](a.png) <img src="b.png"> ![Chart](c.png)') == [
        ("a.png", ""),
        ("b.png", None),
        ("c.png", "Chart"),
    ]


def test_every_markdown_field_of_the_fixture_is_walked() -> None:
    loaded = load_quiz_file(CHARTS / "reading-charts.yaml")
    assert loaded.quiz is not None
    locs = {loc for loc, _, _ in markdown_texts(loaded.quiz)}
    assert ("questions", 0, "options", 0, "feedback") in locs
    assert ("questions", 0, "options", 1, "text") in locs
    assert ("questions", 0, "explanation") in locs
    assert ("description",) in locs


# --- resolving ------------------------------------------------------------------------------


def test_the_fixture_resolves_every_file_beside_it() -> None:
    loaded = load_quiz_file(CHARTS / "reading-charts.yaml")
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    files = loaded.media.files
    assert sorted(files) == [
        "audio/recruiter-call.mp3",
        "img/feedback-check.png",
        "img/option-bonus.png",
        "img/salary-chart.png",
        "img/scale.svg",
    ]
    chart = files["img/salary-chart.png"]
    assert chart.path == (CHARTS / "img" / "salary-chart.png").resolve()
    assert (chart.kind, chart.mime) == ("image", "image/png")
    assert chart.read() == PNG
    assert chart.site_name.startswith("salary-chart.") and chart.site_name.endswith(".png")
    assert files["audio/recruiter-call.mp3"].kind == "audio"


def test_a_changed_file_gets_a_new_site_name(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(PNG)
    ref = Reference("img", "a.png", "a.png", "A")
    first = resolve(tmp_path, ref)
    (tmp_path / "a.png").write_bytes(PNG + b"\0")
    second = resolve(tmp_path, ref)
    assert not isinstance(first, str) and not isinstance(second, str)
    assert first.site_name != second.site_name


def test_a_missing_image_is_reported_at_the_text(write_yaml: WriteYaml) -> None:
    path = write_yaml(_quiz('"![A chart](img/chart.png)"'))
    assert _errors(path) == [
        f"{path}:6:13: error: question 'q1': the image 'img/chart.png' was not found at "
        f"{path.parent / 'img' / 'chart.png'} (paths are relative to the quiz file)"
    ]


def test_a_missing_image_in_option_feedback_points_at_the_feedback(
    write_yaml: WriteYaml,
) -> None:
    path = write_yaml(
        """
        id: pics
        title: Pictures
        questions:
          - id: q1
            type: single
            prompt: Pick one.
            options:
              - {text: A, correct: true, feedback: "![Tick](tick.png)"}
              - {text: B}
        """
    )
    (error,) = _errors(path)
    assert error.startswith(f"{path}:8:44: error: question 'q1': the image 'tick.png' was not")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("../../etc/passwd", "is outside the quiz file's folder"),
        ("img/../../secret.png", "is outside the quiz file's folder"),
        ("%2e%2e/%2e%2e/etc/passwd.png", "is outside the quiz file's folder"),
        ("/etc/passwd", "is an absolute path"),
        ("/home/../etc/hosts.png", "is an absolute path"),
    ],
)
def test_paths_out_of_the_folder_are_refused_unread(
    write_yaml: WriteYaml, url: str, message: str
) -> None:
    path = write_yaml(_quiz(f'"![A file]({url})"'), "quizzes/quiz.yaml")
    (error,) = _errors(path)
    assert message in error and ":6:13:" in error


def test_a_symlink_out_of_the_folder_is_refused(write_yaml: WriteYaml, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG)
    path = write_yaml(_quiz('"![A chart](chart.png)"'), "quizzes/quiz.yaml")
    os.symlink(secret, path.parent / "chart.png")
    (error,) = _errors(path)
    assert "is a symbolic link to a file outside the quiz file's folder" in error


def test_a_symlink_inside_the_folder_is_fine(write_yaml: WriteYaml) -> None:
    path = write_yaml(_quiz('"![A chart](chart.png)"'), "quizzes/quiz.yaml")
    (path.parent / "real.png").write_bytes(PNG)
    os.symlink(path.parent / "real.png", path.parent / "chart.png")
    assert _errors(path) == []


def test_a_sibling_module_folder_is_outside(write_yaml: WriteYaml) -> None:
    path = write_yaml(_quiz('"![A chart](../other/chart.png)"'), "quizzes/mine/quiz.yaml")
    (path.parent.parent / "other").mkdir()
    (path.parent.parent / "other" / "chart.png").write_bytes(PNG)
    (error,) = _errors(path)
    assert "outside the quiz file's folder" in error


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"![A file](notes.txt)"', "is not a kind of file quizzes can hold"),
        ('"![A sound](clip.mp3)"', "is audio, which cannot be shown as an image"),
        ('"[A folder](img.png)"', "not a regular file"),
    ],
)
def test_wrong_kinds_are_refused(write_yaml: WriteYaml, text: str, message: str) -> None:
    path = write_yaml(_quiz(text))
    (path.parent / "notes.txt").write_text("hello")
    (path.parent / "clip.mp3").write_bytes(b"ID3")
    (path.parent / "img.png").mkdir()
    (error,) = _errors(path)
    assert message in error


def test_a_file_over_the_cap_is_refused(write_yaml: WriteYaml) -> None:
    path = write_yaml(_quiz('"![A chart](big.png)"'))
    with (path.parent / "big.png").open("wb") as handle:
        handle.truncate(MAX_MEDIA_BYTES + 1)
    (error,) = _errors(path)
    assert "the limit is" in error


def test_media_errors_make_the_quiz_invalid_for_the_site_and_exports(
    write_yaml: WriteYaml,
) -> None:
    path = write_yaml(_quiz('"![A chart](gone.png)"'))
    report = load_paths([path.parent])
    assert report.quizzes == [] and not report.ok


def test_find_media_reports_each_bad_reference_once_per_path(tmp_path: Path) -> None:
    path = tmp_path / "quiz.yaml"
    path.write_text(
        _quiz('"![A](gone.png) ![A again](gone.png)"', explanation='"![B](gone.png)"').replace(
            "\n    ", "\n"
        )
    )
    loaded = load_quiz_file(path)
    assert loaded.quiz is not None
    assert len(find_media(loaded.quiz, path).problems) == 2  # the prompt, the explanation


# --- SVG -------------------------------------------------------------------------------------

_SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(1)</script>",
        '<rect onload="alert(1)"/>',
        "<foreignObject><div>x</div></foreignObject>",
        '<a xlink:href="javascript:alert(1)"><text>x</text></a>',
        '<image href="https://tracker.example/p.png"/>',
        "<style>@import url(https://x.example/a.css);</style>",
        '<rect style="fill: url(https://x.example/a.svg#p)"/>',
        '<set attributeName="href" to="javascript:alert(1)"/>',
    ],
)
def test_active_svg_is_refused(body: str) -> None:
    assert svg_problem(_SVG.format(body).encode()) is not None


def test_svg_with_entities_or_not_svg_is_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>'
    assert svg_problem(bomb) is not None
    assert svg_problem(b"<html></html>") is not None
    assert svg_problem(b"<svg") is not None


def test_plain_svg_with_internal_references_is_fine() -> None:
    body = (
        '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="4" height="4"/>'
        '<use href="#g"/><image href="data:image/png;base64,AAAA"/>'
    )
    assert svg_problem(_SVG.format(body).encode()) is None
    assert svg_problem((CHARTS / "img" / "scale.svg").read_bytes()) is None


def test_an_unsafe_svg_in_a_quiz_is_a_validation_error(write_yaml: WriteYaml) -> None:
    path = write_yaml(_quiz('"![A drawing](d.svg)"'))
    (path.parent / "d.svg").write_text(_SVG.format("<script>alert(1)</script>"))
    (error,) = _errors(path)
    assert "the image 'd.svg' holds a <script> element" in error


# --- the sanitiser's URL mapping ---------------------------------------------------------------


def test_clean_html_maps_only_image_sources_and_link_targets() -> None:
    markup = '<p><img src="a.png" alt="A"> <a href="a.png" title="a.png">x</a></p>'
    mapped = clean_html(markup, urls=lambda url: "site/" + url if url == "a.png" else None)
    assert (
        mapped == '<p><img src="site/a.png" alt="A"> <a href="site/a.png" title="a.png">x</a></p>'
    )


def test_clean_html_never_maps_a_url_it_removed() -> None:
    seen: list[str] = []

    def keep(url: str) -> None:
        seen.append(url)

    markup = '<img src="javascript:alert(1)" alt="x"><a href="b.png">b</a>'
    mapped = clean_html(markup, urls=keep)
    assert seen == ["b.png"] and "javascript" not in mapped
