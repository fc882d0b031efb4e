"""Generated sites for the build and load benchmarks, in three variants of the same pages.

- `quizengine`: each page ends with a quiz directive; the plugin is on.
- `plain`: the same prose with no directive and no quiz plugin at all (the honest baseline:
  what the site costs when it has no quizzes).
- `mkdocs-quiz`: the nearest peer plugin, with the same number of questions per page written
  in its `<quiz>` syntax (it has choice questions only, so every question becomes one).
- `text`: no plugin, every word of the same questions written into the page as ordinary
  Markdown (a paragraph per prompt, a list of its options, its feedback and explanation): the
  floor, what the questions' words cost a site before any quiz behaviour.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

try:
    from .bank import WORDS, question
except ImportError:  # run as a script
    from bank import WORDS, question  # type: ignore[no-redef]

VARIANTS = ("quizengine", "plain", "mkdocs-quiz", "text")

_CONFIG = """\
site_name: Bench
site_url: http://127.0.0.1:{port}/
theme:
  name: material
  font: false
  features: [navigation.instant]
plugins:
  - search
{plugin}markdown_extensions:
  - admonition
  - tables
  - pymdownx.superfences
"""
_PLUGIN = {
    "quizengine": "  - quizengine\n",
    "plain": "",
    "mkdocs-quiz": "  - mkdocs_quiz\n",
    "text": "",
}
_NOT_WORDS = frozenset({"id", "type", "tolerance", "unit", "typo_tolerance", "correct", "answer"})


def _words(value: Any) -> list[str]:
    """Every piece of text a question holds (prompt, options, feedback, items...), in order."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [w for k, v in value.items() if k not in _NOT_WORDS for w in _words(v)]
    if isinstance(value, list):
        return [w for v in value for w in _words(v)]
    return []


def _text_question(q: dict[str, Any]) -> str:
    """A question's words as ordinary Markdown: its prompt, then the rest as a list."""
    prompt, *rest = _words(q)
    return "\n".join([prompt, "", *(f"- {w}" for w in rest)])


def _paragraph(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(60)]
    if rng.random() < 0.5:
        words[5], words[30] = f"**{words[5]}**", f"*{words[30]}*"
    return " ".join(words).capitalize() + "."


def _peer_quiz(q: dict[str, Any], rng: random.Random) -> str:
    """One question in mkdocs-quiz's syntax: prompt, `- [x]`/`- [ ]` options, explanation."""
    options = q.get("options") or [
        {"text": " ".join(rng.choice(WORDS) for _ in range(6)).capitalize(), "correct": i == 0}
        for i in range(4)
    ]
    lines = ["<quiz>", q["prompt"]]
    lines += [f"- [{'x' if o.get('correct') else ' '}] {o['text']}" for o in options]
    lines += ["", q["explanation"], "</quiz>"]
    return "\n".join(lines)


def write_site(
    root: Path, variant: str, *, pages: int, per_page: int, port: int = 0, seed: int = 11
) -> Path:
    """The same prose and questions (same seed) in the given variant."""
    assert variant in VARIANTS, variant
    rng = random.Random(seed)
    (root / "docs").mkdir(parents=True)
    (root / "quizzes").mkdir()
    (root / "mkdocs.yml").write_text(_CONFIG.format(port=port, plugin=_PLUGIN[variant]))
    (root / "docs" / "index.md").write_text("# Bench\n\nGenerated pages.\n")
    for page in range(pages):
        questions = [question(rng, page * per_page + i) for i in range(per_page)]
        body = "\n\n".join(_paragraph(rng) for _ in range(8))
        if variant == "quizengine":
            quiz = {"id": f"quiz-{page}", "title": f"Quiz {page}", "questions": questions}
            text = yaml.safe_dump(quiz, sort_keys=False)
            (root / "quizzes" / f"quiz-{page}.yaml").write_text(text)
            practice = f"::quiz{{#quiz-{page}}}\n"
        elif variant == "mkdocs-quiz":
            practice = "\n\n".join(_peer_quiz(q, rng) for q in questions) + "\n"
        elif variant == "text":
            practice = "\n\n".join(_text_question(q) for q in questions) + "\n"
        else:
            practice = ""
        (root / "docs" / f"page-{page:03d}.md").write_text(
            f"# Page {page}\n\n## Section\n\n{body}\n\n## Practice\n\n{practice}"
        )
    return root
