"""The build state: what a build keeps, and what each new build forgets."""

from __future__ import annotations

from quizengine.mkdocs.extension import SLOT, defer, fill_slots
from quizengine.mkdocs.state import BuildState, default_state


def test_reset_keeps_only_the_rendered_quizzes_the_last_build_used() -> None:
    state = BuildState()
    for name in ("a", "b"):
        state.rendered_quiz(name, lambda name=name: f"<{name}>")
    state.reset()  # build 2 renders "a" and a new "c"; "b" was deleted from the site
    state.rendered_quiz("a", lambda: "never called: cached")
    state.rendered_quiz("c", lambda: "<c>")
    assert state.rendered == {"a": "<a>", "b": "<b>", "c": "<c>"}
    state.reset()
    assert state.rendered == {"a": "<a>", "c": "<c>"}
    assert state.rendered_quiz("a", lambda: "again") == "<a>"


def test_each_page_gets_its_own_slots_and_they_are_gone_once_it_is_written() -> None:
    state = BuildState()
    state.page = "one.md"
    first = defer("<section>1</section>", state)
    state.page = "two.md"
    second = defer("<section>2</section>", state)
    assert SLOT.fullmatch(first) and SLOT.fullmatch(second)
    assert fill_slots(f"<p>x</p>{first}", state.slots("one.md")) == "<p>x</p><section>1</section>"
    assert list(state.deferred) == ["two.md"]
    assert fill_slots(second, state.slots("two.md")) == "<section>2</section>"
    assert state.deferred == {}


def test_a_slot_filed_under_another_page_is_still_filled() -> None:
    """A page converted outside the plugin's hooks files its slots under the last page seen."""
    state = BuildState()
    state.page = "other.md"
    slot = defer("<section>q</section>", state)
    assert fill_slots(slot, state.slots("mine.md")) == "<section>q</section>"


def test_a_page_is_read_once_per_build_and_read_again_in_the_next() -> None:
    state = BuildState()
    text = "# Page\n\n::quiz{#one}\n\n::worksheet{#sheet}\n| a | |\n"
    scan = state.scan(text)
    assert state.scan(text) is scan
    assert [d.quiz_id for d in scan.directives] == ["one"]
    assert [d.line for d in scan.also] == [5]  # the worksheet line, from the same pass
    state.reset()
    assert state.scans == {} and state.scan(text) is not scan


def test_the_default_state_resets_when_the_host_starts_a_new_build() -> None:
    """Zensical hands every page of a build one configuration object: a new object, a new
    build (`default_state` asks `zensical.config.get_config()`; here the same call)."""
    state = BuildState()
    state.follow_host(first := {"site_name": "x"})
    state.page = "a.md"
    defer("<section>q</section>", state)
    state.follow_host(first)
    assert state.deferred  # the same build: kept
    state.follow_host({"site_name": "x"})
    assert state.deferred == {}
    assert default_state() is default_state()
