"""The "My progress" widget and the per-chapter "Mark as complete" button.

Both are shells filled by the client from localStorage: results live in the learner's
browser only, so the build can render the structure (one table row per quiz) but no numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .markup import esc


def render_progress(
    module_quiz_ids: list[tuple[str, str]],
    modules: Sequence[tuple[str, Sequence[str], Sequence[str], Mapping[str, Sequence[str]]]] = (),
) -> str:
    """One row per (quiz id, title), each module's finishing status, the chapters marked
    complete, export and import. `modules`: (title, quiz ids to pass, pages to complete,
    page -> the quizzes on it: a page whose quizzes are all passed is complete)."""
    finish = "".join(
        f'<p class="qe-finish" data-quizzes="{esc(" ".join(quizzes))}" '
        f'data-pages="{esc(" ".join(pages))}" data-via="{esc(_via(via))}">'
        f"<strong>{esc(title)}</strong>: {_requirement(quizzes, pages)}<span></span></p>"
        for title, quizzes, pages, via in modules
    )
    required = {quiz_id for _, quizzes, _, _ in modules for quiz_id in quizzes}
    rows = "".join(
        f'<tr data-quiz="{esc(quiz_id)}"><th scope="row">{esc(title)}'
        f"{_REQUIRED if quiz_id in required else ''}</th>"
        "<td>–</td><td>Not attempted</td><td>0</td></tr>"
        for quiz_id, title in module_quiz_ids
    )
    return (
        '<div class="qe-progress" data-qe="progress">'
        '<p class="qe-nojs">Your results are kept in this browser only; '
        "this page needs JavaScript to show them.</p>"
        '<div class="qe-note" role="status" hidden></div>'
        f"{'<h2>Modules</h2>' + finish if finish else ''}"
        "<h2>Quiz results</h2>"
        "<table><caption>Your results in this browser</caption><thead><tr>"
        '<th scope="col">Quiz</th><th scope="col">Best score</th>'
        '<th scope="col">Result</th><th scope="col">Attempts</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
        "<h2>Chapters marked complete</h2>"
        '<ul class="qe-done"></ul><p class="qe-none">No chapter marked complete yet.</p>'
        "<h2>Back up or move your progress</h2>"
        "<p>Your progress stays in this browser. Export it to a file to keep a copy or to move "
        "it to another browser, then import it there: imported answers never replace ones "
        "you already have.</p>"
        '<div class="qe-acts qe-js" hidden>'
        '<button type="button" class="md-button md-button--primary" data-act="export">'
        "Export all results</button>"
        '<button type="button" class="md-button" data-act="import">Import results…</button>'
        '<input type="file" accept=".json,application/json" hidden aria-label="Results file">'
        "</div>"
        # Import and export say how it went here, beside the buttons, not at the page's top.
        '<p class="qe-io" role="status"></p>'
        '<div class="qe-live qe-sr" aria-live="polite"></div></div>'
    )


def _via(via: Mapping[str, Sequence[str]]) -> str:
    """`page=quiz,quiz page=quiz`: page paths and quiz ids hold no spaces, `=` or commas."""
    return " ".join(f"{page}={','.join(quizzes)}" for page, quizzes in via.items() if quizzes)


_REQUIRED = '<span class="qe-help">Required to finish its module</span>'


def _requirement(quizzes: Sequence[str], pages: Sequence[str]) -> str:
    """What finishing takes, in words: the client adds how far the learner is."""
    parts = []
    if quizzes:
        parts.append(
            f"pass the {len(quizzes)} quiz{'zes' if len(quizzes) != 1 else ''} marked "
            "“Required” under Quiz results"
        )
    if pages:
        parts.append(
            f"complete {len(pages)} chapter{'s' if len(pages) != 1 else ''} (pass each one's "
            "quiz, or press its “Mark this page complete” button)"
        )
    return ("to finish, " + " and ".join(parts) + ". ") if parts else "nothing is required. "


def render_complete_button(page_id: str) -> str:
    """A toggle kept per page id (the page's source path), hidden until path.js runs."""
    return (
        f'<div class="qe-complete qe-js" data-page="{esc(page_id)}" hidden>'
        '<button type="button" class="md-button" aria-pressed="false">'
        "Mark this page complete</button>"
        '<span class="qe-done-note"></span>'
        '<span class="qe-live" aria-live="polite"></span></div>'
    )
