"""The format tables in the docs are generated from the models: stale copies fail here."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizengine.cli import main
from quizengine.models import Quiz
from quizengine.models.base import Slug
from quizengine.models.questions import NumericQuestion, Option
from quizengine.reference import PAGES, UnknownBlock, model_table, sync, type_words

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("page", PAGES)
def test_generated_blocks_in_the_docs_are_fresh(page: str) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    assert "<!-- BEGIN generated:" in text
    assert sync(text) == text, "stale: run `quizengine reference --write`"


def test_type_words_are_written_for_authors() -> None:
    assert type_words(list[Option]) == "list of option"
    assert type_words(bool) == "true or false"
    assert type_words(Slug | None) == "id"
    assert type_words(NumericQuestion.model_fields["tolerance"].annotation) == "number or text"


def test_a_table_has_every_field_with_its_description_and_default() -> None:
    table = model_table(Quiz)
    for name, info in Quiz.model_fields.items():
        assert f"| `{name}` |" in table
        assert info.description and " ".join(info.description.split()) in table
    assert "| `pass_mark` | no | number | `0.7` |" in table
    assert "| `id` | yes | id |" in table
    # `questions` may be left out when the quiz draws from a bank (issue 13).
    assert "| `questions` | no | list of question | none |" in table


def test_scoring_is_written_as_its_choices() -> None:
    table = sync("<!-- BEGIN generated: type-multiple -->\nold\n<!-- END generated -->")
    assert "| `scoring` | no | one of `partial`, `all_or_nothing` | `partial` |" in table
    assert "old" not in table


def test_an_unknown_block_name_is_an_error() -> None:
    with pytest.raises(UnknownBlock, match="unknown generated block 'quizz'"):
        sync("<!-- BEGIN generated: quizz -->\n<!-- END generated -->")


def test_the_cli_block_lists_every_command_with_its_arguments() -> None:
    block = sync("<!-- BEGIN generated: cli -->\n<!-- END generated -->")
    for command in ("validate", "grade", "schema", "take", "reference", "export"):
        assert f"### `quizengine {command}`" in block
    assert "| `--strict` | treat warnings as errors |" in block


def test_the_command_reports_stale_pages_and_rewrites_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for page in PAGES:
        target = tmp_path / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("<!-- BEGIN generated: quiz -->\nold\n<!-- END generated -->\n")
    assert main(["reference", "--root", str(tmp_path)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["reference", "--root", str(tmp_path), "--write"]) == 0
    assert main(["reference", "--root", str(tmp_path)]) == 0
    assert "| `pass_mark` |" in (tmp_path / PAGES[0]).read_text()


def test_a_missing_page_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["reference", "--root", str(tmp_path)]) == 2
