"""The quizzes a site can embed, loaded once and reloaded only when a file changes.

Hosts build a fresh Markdown instance for every page, so the bank lives in the build's state
(state.py), keyed by folder, and checks file modification times instead of re-parsing YAML
for each page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Diagnostic
from ..loader import LoadReport, discover, load_paths
from ..media import QuizMedia
from ..models import Quiz


@dataclass(slots=True)
class QuizBank:
    folders: tuple[str, ...]
    stamp: tuple[tuple[str, int], ...] = ()
    report: LoadReport = field(default_factory=LoadReport)
    by_id: dict[str, Quiz] = field(default_factory=dict)
    media_by_id: dict[str, QuizMedia] = field(default_factory=dict)
    # Quiz id -> file, for the files that failed to load: asked on every page, so kept.
    failed_ids: dict[str, str] = field(default_factory=dict)

    def refresh(self) -> None:
        files, _ = discover(list(self.folders))
        stamp = tuple((str(p), p.stat().st_mtime_ns) for p in files)
        if stamp + self._media_stamp() == self.stamp and self.stamp:
            return
        # Pages are checked by the plugin as each is built: checked here too, a mistake in
        # one would be reported twice.
        self.report = load_paths(list(self.folders), pages=False)
        self.by_id = {quiz.id: quiz for quiz in self.report.quizzes}
        self.media_by_id = {
            f.quiz.id: f.media for f in self.report.files if f.quiz is not None and f.ok
        }
        self.failed_ids = self.report.failed_ids
        # An image edited on its own changes no YAML: its time is part of the stamp too.
        self.stamp = stamp + self._media_stamp()

    def _media_stamp(self) -> tuple[tuple[str, int], ...]:
        return tuple(s for media in self.media_by_id.values() for s in media.stamp())

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.report.all_diagnostics

    def get(self, quiz_id: str) -> Quiz | None:
        return self.by_id.get(quiz_id)

    def media(self, quiz_id: str) -> QuizMedia:
        """The images and media files a quiz's text shows (checked by the loader)."""
        return self.media_by_id.get(quiz_id) or QuizMedia()

    def known_ids(self) -> list[str]:
        return sorted(self.by_id)
