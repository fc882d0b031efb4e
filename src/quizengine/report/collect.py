"""Files and folders of learners' exports -> re-graded results, with one problem line per bad file.

Three shapes are read, told apart by their keys rather than their file names, because learners
rename downloads:

- a response (spec §3): `{"quiz", "presented"?, "answers"}`, re-graded against the current quiz;
- a progress export from the site's "Export all results": `{"format": "quizengine-progress",
  "version": 1, "responses": [response, ...]}`, each response re-graded on its own;
- a grade result (spec §4), used as it is when no response is available. Its question ids and
  marks must still match the quiz (a stale result would skew the item statistics), and its
  `passed` and `percent` are recomputed from the quiz's current pass mark, as re-grading would.

Re-grading is preferred because it applies the current quiz and keeps the chosen options, which
the distractor analysis needs. Bad files never stop the run: each becomes a `Problem`.

Duplicates are counted once, at two levels. A file whose bytes were already seen is the same
file. And the same attempt often arrives twice, as a downloaded response and inside a
progress export, so each response has an identity: its quiz, `presented` and answers (as
canonical JSON), plus the two keys the site's exports add (docs/instructors/results.md):
`began`, when the attempt began (milliseconds since 1970), and `learner`, the name the
learner gave. Two responses are the same attempt when quiz, presented and answers agree and
neither `began` nor `learner` differs where both carry one (an export made before the
learner typed their name is still the same attempt). Older exports carry neither key, so
two learners who answered alike count once there, as identical files always did.

Throughput matters (a large course exports tens of thousands of files), so the per-file work
is: one read of at most `MAX_BYTES + 1` bytes, one BLAKE2 hash, one `json.loads` of the bytes,
one validation and one grading, with the quizzes loaded once by the caller.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..diagnostics import plain_message
from ..errors import ResponseError
from ..grading import grade
from ..grading.common import EPSILON, json_type
from ..models import GradeResult, Quiz, Response
from ..safeio import FileRefused, JsonRefused, loads_json, read_regular
from .records import Graded, Problem

MAX_BYTES = 1 << 20
MAX_NAME = 80
PROGRESS_FORMAT = "quizengine-progress"
TOLERANCE = 1e-6

Progress = Callable[[int, int], None]


class Skip(Exception):
    """Internal: this input is set aside, for the reason in the message."""


def discover(paths: Iterable[str | Path]) -> tuple[list[str], list[Problem]]:
    """Every file named, plus every `*.json` file under each folder (hidden ones skipped).

    A file reached twice (named, and inside a named folder) is read once: that is the same
    file, not a learner's second copy.
    """
    found: list[str] = []
    problems: list[Problem] = []
    for raw in paths:
        path = os.fspath(raw)
        if os.path.isdir(path):
            below: list[str] = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                below.extend(
                    os.path.join(folder, name)
                    for name in files
                    if name.lower().endswith(".json") and not name.startswith(".")
                )
            found.extend(sorted(below))
        elif os.path.isfile(path) or os.path.exists(path):
            found.append(path)  # anything but a regular file is refused, with why, on reading
        else:
            problems.append(Problem(path, "no such file or folder"))
    once: dict[str, str] = {}
    for path in found:
        once.setdefault(os.path.normpath(path), path)
    return list(once.values()), problems


def collect(
    paths: Iterable[str | Path],
    quizzes: Mapping[str, Quiz],
    *,
    progress: Progress | None = None,
) -> tuple[list[GradeResult], list[Problem]]:
    """Read, de-duplicate and re-grade; results come back in a stable (sorted path) order."""
    with _no_cyclic_gc():
        return _collect(paths, quizzes, progress)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cycle collector while results pile up, then restore it.

    Every result kept is a fresh, acyclic tree of small objects, so each full collection
    rescans all the results kept so far for nothing: at 10,000 files that costs about a
    third of the throughput. Reference counting still frees everything that is dropped.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _collect(
    paths: Iterable[str | Path], quizzes: Mapping[str, Quiz], progress: Progress | None
) -> tuple[list[GradeResult], list[Problem]]:
    files, problems = discover(paths)
    results: list[GradeResult] = []
    seen: dict[bytes, str] = {}
    attempts = _Attempts()
    total = len(files)
    for done, path in enumerate(files, 1):
        try:
            data = _read(path)
            digest = hashlib.blake2b(data, digest_size=16).digest()
            first = seen.get(digest)
            if first is not None:
                problems.append(Problem(path, f"duplicate of {first}", "duplicate"))
            else:
                seen[digest] = path
                _dispatch(path, _parse(data), quizzes, results, problems, attempts)
        except Skip as exc:
            problems.append(Problem(path, str(exc)))
        except (ValueError, ArithmeticError, RecursionError, UnicodeError) as exc:
            # A file no check above foresaw still must not stop the class's report.
            problems.append(Problem(path, f"could not be graded ({type(exc).__name__}: {exc})"))
        if progress is not None:
            progress(done, total)
    return results, problems


def _read(path: str) -> bytes:
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise Skip(f"cannot read it: {exc.strerror or exc}") from None
    if size > MAX_BYTES:
        raise Skip("larger than 1 MB, so not read (a response file is a few kilobytes)")
    try:
        return read_regular(path, MAX_BYTES)
    except FileRefused as exc:
        raise Skip(str(exc).removeprefix(f"{path}: ")) from None


def _parse(data: bytes) -> object:
    try:
        return loads_json(data)
    except JsonRefused as exc:
        raise Skip(f"not a usable export: {exc}") from None
    except UnicodeDecodeError:
        raise Skip("not UTF-8 text, so not a JSON export") from None
    except json.JSONDecodeError as exc:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise Skip("not UTF-8 text, so not a JSON export") from None
        raise Skip(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise Skip("nested too deeply to be a response file") from None


def _dispatch(
    path: str,
    data: object,
    quizzes: Mapping[str, Quiz],
    results: list[GradeResult],
    problems: list[Problem],
    attempts: _Attempts,
) -> None:
    if not isinstance(data, dict):
        raise Skip(f"expected a JSON object, found {json_type(data, array='an array')}")
    if "format" in data:
        entries = _bundle(data)
        for index, entry in enumerate(entries, 1):
            where = f"entry {index} of the progress export"
            try:
                _add(_from_response(path, entry, quizzes, attempts, where), results, problems)
            except Skip as exc:
                problems.append(Problem(path, f"{where}: {exc}"))
    elif "answers" in data:
        _add(_from_response(path, data, quizzes, attempts, ""), results, problems)
    elif "questions" in data and "score" in data:
        results.append(_from_result(path, data, quizzes))
    else:
        raise Skip(
            "not a response, a progress export or a grade result "
            "(a response needs 'quiz' and 'answers')"
        )


def _bundle(data: dict[str, Any]) -> list[object]:
    if data["format"] != PROGRESS_FORMAT:
        raise Skip(f"unknown format {json.dumps(data['format'])} (expected '{PROGRESS_FORMAT}')")
    if data.get("version") != 1:
        version = json.dumps(data.get("version"))
        raise Skip(f"progress export version {version} is not supported (expected 1)")
    entries = data.get("responses")
    if not isinstance(entries, list):
        raise Skip("the progress export has no 'responses' list")
    if not entries:
        raise Skip("the progress export holds no responses")
    return entries


def _add(got: Graded | Problem, results: list[GradeResult], problems: list[Problem]) -> None:
    if isinstance(got, Problem):
        problems.append(got)
    else:
        results.append(got)


def _from_response(
    path: str, data: object, quizzes: Mapping[str, Quiz], attempts: _Attempts, where: str
) -> Graded | Problem:
    """The re-graded attempt, or a duplicate `Problem` when this attempt was already counted."""
    if not isinstance(data, dict):
        raise Skip(f"expected a response object, found {json_type(data, array='an array')}")
    try:
        response = Response.model_validate(data)
    except ValidationError as exc:
        raise Skip(_validation_message(exc, "response")) from None
    quiz = _quiz(response.quiz, quizzes)
    learner = _learner(data.get("learner"))
    began = data.get("began")
    if isinstance(began, bool) or not isinstance(began, int | float):
        began = None
    identity = attempts.identity(response, began, learner)
    first = attempts.first(identity, learner)
    if first is not None:
        reason = f"the same attempt as {first}"
        return Problem(path, f"{where}: {reason}" if where else reason, "duplicate")
    try:
        result = grade(quiz, response)
    except ResponseError as exc:
        raise Skip(str(exc)) from None
    if not result.questions:
        raise Skip("no question was presented ('presented' is empty)")
    graded = Graded.model_construct(
        **result.__dict__, answers=response.answers, source=path, learner=learner
    )
    attempts.keep(identity, f"{path} ({where})" if where else path, graded)
    return graded


Identity = tuple[bytes, float | None, str | None]


class _Attempts:
    """The attempts counted so far, by identity (see the module docstring)."""

    def __init__(self) -> None:
        self._kept: dict[bytes, list[tuple[float | None, str | None, str, Graded]]] = {}

    @staticmethod
    def identity(response: Response, began: float | None, learner: str | None) -> Identity:
        content = json.dumps(
            [response.quiz, response.presented, response.answers],
            sort_keys=True,
            separators=(",", ":"),
        ).encode()
        name = learner.casefold() if learner else None
        return hashlib.blake2b(content, digest_size=16).digest(), began, name

    def first(self, identity: Identity, learner: str | None) -> str | None:
        """Where this attempt was counted already, or None when it is new."""
        key, began, name = identity
        kept = self._kept.get(key, [])
        for index, (b, n, where, graded) in enumerate(kept):
            if b is not None and began is not None and b != began:
                continue
            if n is not None and name is not None and n != name:
                continue
            if n is None and name is not None:  # this copy names the learner: keep the name
                graded.learner = learner
                kept[index] = (b if b is not None else began, name, where, graded)
            return where
        return None

    def keep(self, identity: Identity, where: str, graded: Graded) -> None:
        key, began, name = identity
        self._kept.setdefault(key, []).append((began, name, where, graded))


def _learner(value: object) -> str | None:
    """The learner's name as shown: one line, at most MAX_NAME characters; None when blank."""
    if not isinstance(value, str):
        return None
    name = " ".join(value.split())
    return name[:MAX_NAME] or None


def _from_result(path: str, data: dict[str, Any], quizzes: Mapping[str, Quiz]) -> Graded:
    try:
        result = GradeResult.model_validate(data)
    except ValidationError as exc:
        raise Skip(_validation_message(exc, "grade result")) from None
    quiz = _quiz(result.quiz, quizzes)
    points = {q.id: q.points for q in quiz.questions}
    seen: set[str] = set()
    for question in result.questions:
        if question.id not in points:
            raise Skip(f"grade result: quiz '{quiz.id}' has no question '{question.id}'")
        if question.id in seen:
            raise Skip(f"grade result: question '{question.id}' appears twice")
        seen.add(question.id)
        if abs(question.max_score - points[question.id]) > TOLERANCE:
            raise Skip(
                f"grade result: question '{question.id}' is worth {points[question.id]:g} "
                f"points in the quiz but {question.max_score:g} in the result "
                "(was the quiz edited since?)"
            )
        if not -TOLERANCE <= question.score <= question.max_score + TOLERANCE:
            raise Skip(f"grade result: question '{question.id}' scores outside 0..max_score")
    if not result.questions:
        raise Skip("grade result: no questions")
    score = sum(q.score for q in result.questions)
    max_score = sum(q.max_score for q in result.questions)
    if abs(score - result.score) > TOLERANCE or abs(max_score - result.max_score) > TOLERANCE:
        raise Skip("grade result: score and max_score are not the sums of its questions")
    fields = {**result.__dict__, "score": score, "max_score": max_score}
    fields["percent"] = 100.0 * score / max_score
    fields["passed"] = score >= quiz.pass_mark * max_score - EPSILON
    return Graded.model_construct(**fields, answers=None, source=path)


def _quiz(quiz_id: str, quizzes: Mapping[str, Quiz]) -> Quiz:
    quiz = quizzes.get(quiz_id)
    if quiz is None:
        raise Skip(f"unknown quiz '{quiz_id}' (no quiz with that id was loaded)")
    return quiz


def _validation_message(exc: ValidationError, what: str) -> str:
    return f"malformed {what}: {plain_message(exc)}"
