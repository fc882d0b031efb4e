"""Quiz text rendered through the directive: the site's extensions, minus any that read
files, and every piece of HTML through the sanitiser's allow-list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import markdown

from quizengine.mkdocs.extension import QuizExtension

ROOT = Path(__file__).resolve().parents[2]
SECRET = "Practise turning every part of an offer into money"

QUIZ = """
id: authored
title: Authored
questions:
  - id: q1
    type: true_false
    prompt: |
      Read this first:

      --8<-- "quizzes/benefits/research.yaml"

      Then <b>bold stays</b> <img src="https://x.org/a.png" onerror="alert(1)">
      <script>alert(2)</script>
      <a href="javascript:alert(3)">a link</a>
      {: onclick="alert(4)" }
    explanation: |
      ```python
      total = base + bonus
      ```
    answer: true
"""


def _page(folder: Path) -> str:
    md = markdown.Markdown(
        extensions=[
            "attr_list",
            "md_in_html",
            "pymdownx.superfences",
            "pymdownx.snippets",
            QuizExtension(quiz_dirs=[str(folder)]),
        ],
        extension_configs={"pymdownx.snippets": {"base_path": [str(ROOT)]}},
    )
    page = md.convert("# Page\n\n::quiz{#authored}\n")
    return page[page.index('<section class="qe-quiz"') :]  # the client inlined before it


def test_quiz_text_never_includes_files_even_where_the_site_enables_snippets(
    write_yaml: Callable[[str, str], Path],
) -> None:
    page = _page(write_yaml(QUIZ, "quizzes/authored.yaml").parent)
    assert SECRET not in page
    assert '--8<-- "quizzes/benefits/research.yaml"' in page.replace("&lt;", "<")


def test_raw_html_in_quiz_text_is_sanitised_and_formatting_kept(
    write_yaml: Callable[[str, str], Path],
) -> None:
    page = _page(write_yaml(QUIZ, "quizzes/authored.yaml").parent)
    assert "<b>bold stays</b>" in page
    assert '<img src="https://x.org/a.png">' in page
    for gone in ("onerror", "<script", "alert(2)", "javascript:", "onclick"):
        assert gone not in page, gone
    assert "<a>a link</a>" in page


def test_fenced_code_in_quiz_text_is_highlighted_by_the_sites_superfences(
    write_yaml: Callable[[str, str], Path],
) -> None:
    """A probe instance once broke superfences: quiz code fences rendered as inline code."""
    page = _page(write_yaml(QUIZ, "quizzes/authored.yaml").parent)
    assert '<div class="highlight"><pre>' in page
    assert "total" in page.split('<div class="highlight"><pre>', 1)[1]
