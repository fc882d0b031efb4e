"""Shipping the client: cached files, referenced only by the pages that need them.

Ten files: `quizengine.js` (the grader and the UI), `quizengine.css`; `star.js` (the STAR
analysis and how its results are shown), which is more than half the size of the rest and so
is loaded only by pages that hold a STAR question; `star-model.js`, the free-mode part
finder's weights (`quizengine/star/part_model.json` as a script that hands them to star.js
through `QE`), loaded only by pages with a free-mode STAR question (its one box is the
`data-k="text"` textarea) and cached apart, so a retrained model changes one URL; and
`text.js` (the `text` question's grader and behaviour), loaded only by pages with a text
question, so the quiz page's budget pays nothing for it; `progress.js` (the "My progress"
page: results, export, import), loaded only by the page with
the progress widget, so that checking imported backups costs quiz pages nothing; and
`calculator.js` and `calculator.css` (the offer calculator: its method, behaviour and styles),
loaded only by a page with `::offer-calculator`, with quizengine.js, whose storage and
mounting it uses; and `worksheet.js` and `worksheet.css` (fields saved as the learner types,
and the print layout), loaded only by a page with a `::worksheet`, likewise; and `path.js`
and `path.css` (the learner's path: ticks, "Mark this page complete", "Continue where you
left off"), loaded by every module page and My progress, quiz or not, through
`path_assets` (render/path.py says what they show). Each URL carries `?v=<content hash>`,
so browsers may cache it for good. Their sources are ES modules and CSS in
`quizengine/client/`; esbuild (pinned in package.json) bundles and minifies them into
`quizengine/assets/*.min.*`, which are committed and shipped in the package, as Material
for MkDocs ships its built assets: building a site needs no Node. `make assets` rebuilds
them, and `tests/js/build.test.mjs` fails when they are stale.

Size, gzipped (`benchmarks/site_bench.py` prints the current figures): a quiz page without
STAR loads quizengine.js and the CSS (at most 10 KB), a STAR page star.js too (at most 16 KB),
a free-mode page the weights as well (their own budget: 30 KB), the progress page progress.js
instead of star.js. About 4 KB of star.js is message text (it must match the Python engine's
word for word).

How this survives Material's instant navigation (mkdocs-material 9.x, `integrations/instant`):
on an instant page change Material fetches the next page, swaps
`[data-md-component=container]` (and a few other components), diffs the `<head>` children
by their outerHTML (new ones are appended, missing ones removed), then re-creates every
`<script>` *inside the container* so that it runs (copying the attributes of `src` scripts
only), and then emits on `document$`. Scripts elsewhere in the body are not re-run; scripts
appended from the new `<head>` never run. So `inject_assets` puts:

- the stylesheet `<link>` in `<head>`: the head diff adds it when the learner arrives on a
  quiz page from a page without one, keeps it between quiz pages (Material resolves relative
  URLs first, so `../` and `../../` hrefs compare equal) and drops it elsewhere;
- the `<script defer>` tags inside the content, just before the first widget, so they are
  in the container. On a first load they run after Material's bundle (`defer`), when
  `document$` exists; on an instant navigation Material runs them again. quizengine.js
  subscribes to `document$` once; a re-run only calls `init` (`if (QE.init) return
  QE.init()`), which marks each widget it mounts, so re-runs and repeated emissions never
  bind twice. Re-created scripts run in no fixed order, so the UI looks `QE.star` up only
  when it needs it.

A page without a quiz or the progress widget is returned unchanged: it loads none of the
files. Themes without `document$` fall back to `DOMContentLoaded`. Without the plugin
(Zensical), `inline_assets` puts the same files inline before a page's first quiz: they run
while the page is still loading, so the first mount waits for `DOMContentLoaded`, and
instant navigation re-runs them like the files. The quiz data is a
`<template>`, not a `<script type="application/json">`: see `html.json_data`.
"""

from __future__ import annotations

import functools
import hashlib
import re
from importlib import resources

ASSET_DIR = "assets/quizengine"
"""Where the plugin writes `bundle()`'s files, relative to the site root."""

JS, STAR, MODEL, CSS = "quizengine.js", "star.js", "star-model.js", "quizengine.css"
PROGRESS = "progress.js"
PATH, PATH_CSS = "path.js", "path.css"
TEXT = "text.js"
CALC, CALC_CSS = "calculator.js", "calculator.css"
WS, WS_CSS = "worksheet.js", "worksheet.css"

ASSET_FILES = {
    JS: "quizengine.min.js",
    STAR: "star.min.js",
    TEXT: "text.min.js",
    PROGRESS: "progress.min.js",
    CALC: "calculator.min.js",
    CALC_CSS: "calculator.min.css",
    WS: "worksheet.min.js",
    WS_CSS: "worksheet.min.css",
    MODEL: "star-model.min.js",
    PATH: "path.min.js",
    PATH_CSS: "path.min.css",
    CSS: "quizengine.min.css",
}
"""Shipped file name -> the built file in `quizengine/assets` (see scripts/build_assets.mjs)."""

_WIDGET = re.compile(r'<(?:section|div)\b[^>]*\sdata-qe="(?:quiz|progress|calculator|worksheet)"')
# What decides the optional files, found in one pass over the page: a `<div>` with a STAR or
# text question or the progress, calculator or worksheet widget, and render/star_form.py's
# free-mode box (a `<textarea>`). The tag's name is checked where a marker is found.
_MARKER = re.compile(  # from the literal "data-", which the regex engine searches for fast
    r'data-(?:type="(?P<type>star|text)"|qe="(?P<qe>progress|calculator|worksheet)"'
    r'|k="(?P<k>text)")'
)
_TAG = re.compile(r"<(div|textarea)\b")
_HEAD_END = re.compile(r"</head\s*>", re.I)
_ARTICLE_END = re.compile(r"</article\s*>", re.I)
_CLOSE = re.compile(r"</(script|style)", re.I)
LIVE = '<script>document.documentElement.classList.add("qe-live")</script>'
"""Set before the quiz is laid out, so the stylesheet shows the controls the client will run
(and hides the no-script notes) in the first layout: mounting then changes nothing on screen,
where un-hiding them at mount forced a second layout of the whole page."""


@functools.cache
def bundle() -> dict[str, str]:
    """Shipped file name -> content: grader and UI in one script, STAR and progress apart, CSS."""
    folder = resources.files("quizengine") / "assets"
    return {name: (folder / file).read_text(encoding="utf-8") for name, file in ASSET_FILES.items()}


@functools.cache
def _version(name: str) -> str:
    return hashlib.sha256(bundle()[name].encode()).hexdigest()[:10]


def needed(html: str) -> list[str]:
    """The shipped files `html` needs, in load order: none, or the CSS and JS (+ star.js, +
    the part model)."""
    return [] if _WIDGET.search(html) is None else _client_files(html)


def _client_files(html: str) -> list[str]:
    """The files a page with a widget loads: star.js only where a STAR question is, the part
    model only where a free-mode one is, progress.js only where the progress widget is."""
    seen = _markers(html)
    star = [STAR] if "star" in seen else []
    if star and "free" in seen:
        star.append(MODEL)
    progress = [PROGRESS] if "progress" in seen else []
    calculator = [CALC_CSS, CALC] if "calculator" in seen else []
    worksheet = [WS_CSS, WS] if "worksheet" in seen else []
    text = [TEXT] if "text" in seen else []  # the text question's grader and behaviour
    return [CSS, *star, *text, *progress, *calculator, *worksheet, JS]


def _markers(html: str) -> set[str]:
    """The markers in `html` that sit inside the tag that carries them: "star", "text",
    "progress", "calculator", "worksheet" (in a `<div>`), "free" (in a `<textarea>`)."""
    seen: set[str] = set()
    for found in _MARKER.finditer(html):
        name = found.group("type") or found.group("qe") or "free"
        if name in seen:
            continue
        if not html[found.start() - 1 : found.start()].isspace():
            continue  # part of a longer attribute name, or of text
        start = html.rfind("<", 0, found.start())
        tag = _TAG.match(html, start) if start >= 0 else None
        if tag is None or html.find(">", start, found.start()) >= 0:
            continue  # not inside a tag, or inside another element's tag
        if (tag.group(1) == "textarea") == (name == "free"):
            seen.add(name)
    return seen


def inline_assets(html: str, shipped: set[str]) -> str:
    """`<style>`/`<script>` elements for what `html` needs and `shipped` lacks (then added).

    For Python-Markdown hosts that run no MkDocs plugin (Zensical, say): nothing to copy into
    the site, at the price of the client in every quiz page's HTML instead of a cached file.
    `</script` and `</style` are escaped (`<\\/`, the same text inside a JS or CSS string), so
    nothing in the bundle can close its element early.
    """
    out = []
    for name in needed(html):
        if name not in shipped:
            shipped.add(name)
            text = _CLOSE.sub(r"<\\/\1", bundle()[name])
            tag = "style" if name.endswith(".css") else "script"
            out.append(f"<{tag}>{text}</{tag}>" + (LIVE if name == CSS else ""))
    return "".join(out)


def inject_assets(html: str, base_url: str) -> str:
    """Reference the client from a page holding a quiz or the progress widget; else no change.

    `base_url` is the relative URL from the page to the site root ("", ".", "../", "..").
    """
    widget = _WIDGET.search(html)
    if widget is None or f"{ASSET_DIR}/{JS}?" in html:
        return html
    names = _client_files(html)  # the widget search above already ruled out "none"
    root = "" if base_url in ("", ".", "./") else base_url.rstrip("/") + "/"

    def url(name: str) -> str:
        return f"{root}{ASSET_DIR}/{name}?v={_version(name)}"

    sheets = [name for name in names if name.endswith(".css")]
    link = "".join(f'<link rel="stylesheet" href="{url(name)}">' for name in sheets) + LIVE
    scripts = "".join(
        f'<script src="{url(name)}" defer></script>' for name in names if name not in sheets
    )
    start = widget.start()
    head = _HEAD_END.search(html, 0, start)
    if head is None:
        return html[:start] + link + scripts + html[start:]
    return html[: head.start()] + link + html[head.start() : start] + scripts + html[start:]


def path_assets(html: str, data: str, base_url: str) -> str:
    """The learner's path on a module page or My progress (render/path.py): its stylesheet
    in `<head>`, and its data and script at the end of the content, inside Material's
    container so instant navigation brings them with the page. Any page, quiz or not."""
    root = "" if base_url in ("", ".", "./") else base_url.rstrip("/") + "/"
    css = f'<link rel="stylesheet" href="{root}{ASSET_DIR}/{PATH_CSS}?v={_version(PATH_CSS)}">'
    js = f'<script src="{root}{ASSET_DIR}/{PATH}?v={_version(PATH)}" defer></script>'
    head, end = _HEAD_END.search(html), _ARTICLE_END.search(html)
    if end is None:
        return html
    html = html[: end.start()] + data + js + html[end.start() :]
    return html[: head.start()] + css + html[head.start() :] if head else css + html
