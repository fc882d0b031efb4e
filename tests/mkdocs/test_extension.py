"""The quiz directive as a plain Python-Markdown extension: quiz text follows the host."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import markdown
import pytest

from quizengine.mkdocs.extension import QuizExtension

QUIZ = """
id: tabled
title: Tabled
questions:
  - id: q1
    type: numeric
    prompt: |
      Compare the offers:

      | | Offer A | Offer B |
      |---|---|---|
      | Base | $75,000 | $77,000 |

      Vesting
      :   When a benefit becomes yours for good.

      How much more is B?
      {: .test-attr }
    answer: 2000
"""


def _page(host: list[str], folder: Path) -> str:
    md = markdown.Markdown(extensions=[*host, QuizExtension(quiz_dirs=[str(folder)])])
    return md.convert("# Page\n\n::quiz{#tabled}\n")


def test_quiz_text_gets_the_hosts_extensions_even_those_python_markdown_does_not_list(
    write_yaml: Callable[[str, str], Path],
) -> None:
    """tables, def_list and attr_list never call `registerExtension`, so a parser built from
    `registeredExtensions` alone left a prompt's table as text (it happened on the course)."""
    folder = write_yaml(QUIZ, "quizzes/tabled.yaml").parent
    page = _page(["tables", "def_list", "attr_list", "toc"], folder)
    assert "<table>" in page and "<th>Offer A</th>" in page
    assert "<dl>" in page and "<dt>Vesting</dt>" in page
    assert 'class="test-attr"' in page


def test_quiz_text_gets_only_the_hosts_extensions(write_yaml: Callable[[str, str], Path]) -> None:
    folder = write_yaml(QUIZ, "quizzes/tabled.yaml").parent
    page = _page(["toc"], folder)
    assert "<table>" not in page and "| Base | $75,000 | $77,000 |" in page
    assert "<dl>" not in page


def test_text_nested_too_deeply_for_markdown_is_a_warning_not_a_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from quizengine.mkdocs.extension import _MarkdownRenderer

    render = _MarkdownRenderer(markdown.Markdown(extensions=["tables"]))
    with caplog.at_level("WARNING", logger="mkdocs.plugins.quizengine"):
        out = render("- " * 3000 + "<x>")
    assert out.startswith("<p>- - ") and "&lt;x&gt;" in out and "<x>" not in out
    assert "nested too deeply for Markdown" in caplog.text
    assert render("*fine* again") == "<p><em>fine</em> again</p>"  # the parser still works


def test_module_contents_lists_every_page_with_its_kind_and_time(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`::module-contents{#m}` becomes a table of elements (so the host resolves its `.md`
    links like any other); an unknown module is a warning in the page, never a traceback."""
    quizzes, docs = tmp_path / "quizzes" / "m", tmp_path / "docs" / "m"
    quizzes.mkdir(parents=True)
    docs.mkdir(parents=True)
    (quizzes / "module.yaml").write_text(
        "id: m\ntitle: M\nsummary: s\nobjectives: [o]\nestimated_minutes: 5\n"
        'chapters: [index.md, {page: one.md, title: "1. One", summary: "What <b>one</b> is"}]\n'
        "quizzes: [one]\n"
    )
    (quizzes / "one.yaml").write_text(
        "id: one\ntitle: One\nquestions:\n  - {id: a, type: true_false, prompt: p, answer: true}\n"
    )
    (docs / "index.md").write_text("# Welcome\n\n::module-contents{#m}\n")
    (docs / "one.md").write_text("# One\n\n" + "word " * 300 + "\n\n::quiz{#one}\n")
    md = markdown.Markdown(extensions=[QuizExtension(quiz_dirs=[str(tmp_path / "quizzes")])])
    out = md.convert((docs / "index.md").read_text())
    assert re.search(r'<tr data-qe-page="m/one.md">\s*<td><a href="one.md">1. One</a><br />', out)
    assert "What &lt;b&gt;one&lt;/b&gt; is" in out  # the summary is text, never HTML
    assert '<td data-qe-quizzes="one">2 min reading + 1 min quiz</td>' in out
    assert "<td>1 min reading</td>" in out
    with caplog.at_level("WARNING", logger="mkdocs.plugins.quizengine"):
        bad = md.reset().convert("::module-contents{#nope}\n")
    assert "unknown module id 'nope' in ::module-contents" in caplog.text
    assert "qe-problem" in bad
