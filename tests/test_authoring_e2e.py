"""The authoring guide's quick start, end to end, as a new instructor would follow it.

In a copy of the course: `mkdocs serve` is running; `quizengine new module` adds a module;
the served site picks it up (live reload rebuilds, the plugin adds the module's nav section);
`quizengine validate` and `mkdocs build --strict` pass; the quiz of every type is on the page
and the module page shows its contents table.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from quizengine.models import QUESTION_TYPES

from .conftest import copy_course

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _copy_course(target: Path) -> None:
    copy_course(target, "src")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def _wait_for(url: str, needle: str, seconds: float, server: subprocess.Popen[str]) -> str:
    """Poll until the page shows `needle`; fail at once if the server has died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            _, errors = server.communicate(timeout=10)
            raise AssertionError(f"mkdocs serve exited ({server.returncode}): {errors[-2000:]}")
        status, body = _fetch(url)
        if status == 200 and needle in body:
            return body
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {needle!r} within {seconds} s")


def test_new_module_appears_in_serve_validates_and_publishes(tmp_path: Path) -> None:
    _copy_course(tmp_path)
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_for(base, "Negotiating Benefits and Perks", 240, server)
        created = subprocess.run(
            [str(BIN / "quizengine"), "new", "module", "salary-basics"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=ENV,
            timeout=60,
        )
        assert created.returncode == 0, created.stderr
        assert "created quizzes/salary-basics/module.yaml" in created.stdout
        page = _wait_for(
            base + "salary-basics/first-chapter/",
            'data-quiz-id="salary-basics-practice"',
            240,
            server,
        )
        assert 'data-quiz-id="salary-basics-star"' in page
        home = _wait_for(base, "Salary basics", 60, server)
        assert 'href="salary-basics/"' in home
    finally:
        server.terminate()
        server.wait(timeout=30)

    validate = subprocess.run(
        [str(BIN / "quizengine"), "validate", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=60,
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr
    build = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr
    published = (tmp_path / "site" / "salary-basics" / "first-chapter" / "index.html").read_text()
    for kind in QUESTION_TYPES:
        assert f'data-type="{kind}"' in published, kind
    landing = (tmp_path / "site" / "salary-basics" / "index.html").read_text()
    assert '<div class="qe-contents" data-module="salary-basics">' in landing
