"""Nothing an author or a learner writes can break out of its place in the page."""

from __future__ import annotations

import json
import re
from typing import Any

from quizengine.models import Quiz
from quizengine.render import render_quiz

HOSTILE = '</script></template><img src=x onerror="alert(1)"><!-- & &amp; \u2028'
# What the sanitiser leaves of HOSTILE as the author's raw HTML: the image, without its handler.
SANITISED = '<p><img src="x"></p>'


def _hostile_quiz() -> Quiz:
    return Quiz.model_validate(
        {
            "id": "evil",
            "title": HOSTILE,
            "questions": [
                {
                    "id": "q",
                    "type": "single",
                    "prompt": HOSTILE,
                    "options": [
                        {"text": "ok", "correct": True, "feedback": HOSTILE},
                        {"text": "no"},
                    ],
                },
                {"id": "t", "type": "short_text", "prompt": "p", "answers": [HOSTILE]},
                {"id": "n", "type": "numeric", "prompt": "p", "answer": 1, "unit": HOSTILE},
            ],
        }
    )


def _raw_markdown(text: str) -> str:
    """A Markdown stand-in that passes raw HTML through, as Markdown itself does."""
    return f"<p>{text}</p>"


def test_data_block_cannot_be_closed_early() -> None:
    html = render_quiz(_hostile_quiz(), _raw_markdown, rubric_for=lambda q: [])
    start = html.index('<template class="qe-data">') + len('<template class="qe-data">')
    body = html[start : html.index("</template>", start)]
    assert re.search(r"[<>&\u2028]", body) is None
    data = json.loads(body)
    assert data["title"] == HOSTILE
    assert data["questions"][0]["options"][0]["feedback"] == SANITISED
    assert data["questions"][1]["answers"][0]["text"] == HOSTILE
    assert html.endswith("</template></section>")


def test_plain_text_fields_are_escaped() -> None:
    html = render_quiz(_hostile_quiz(), _raw_markdown, rubric_for=lambda q: [])
    escaped = (
        "&lt;/script&gt;&lt;/template&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
        "&lt;!-- &amp; &amp;amp; \u2028"
    )
    assert f'<p class="qe-title" id="qe-evil-t">{escaped}</p>' in html
    assert f'<span class="qe-unit" id="qe-evil-n-unit">{escaped}</span>' in html
    # Raw HTML appears only where the author's own Markdown put it (the prompt, a feedback),
    # and only as the sanitiser leaves it.
    assert html.count(SANITISED) == 2
    outside = html.replace(SANITISED, "")
    assert "<img" not in outside


def test_real_markdown_escapes_code(markdown_: Any, parse_html: Any) -> None:
    quiz = Quiz.model_validate(
        {
            "id": "code",
            "title": "t",
            "questions": [
                {"id": "q", "type": "true_false", "prompt": "Is `</script>` safe?", "answer": True}
            ],
        }
    )
    tree = parse_html(render_quiz(quiz, markdown_, rubric_for=lambda q: []))
    assert tree.find(id="qe-code-q-p").find("code").all_text() == "</script>"
