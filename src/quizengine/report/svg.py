"""Hand-written inline SVG charts: no plotting library, no external request, screen-reader text.

Inline SVG keeps the report one self-contained file that renders in any browser and scales
crisply when printed. Each chart is `role="img"` with a `<title>` and a `<desc>` that states the
numbers in words; the same numbers are always also in a table next to the chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .records import Distractors

BINS = 10
WIDTH = 560
KEY, WRONG, FLAGGED, MUTED = "#2e7d32", "#5c6bc0", "#c62828", "#9e9e9e"


def histogram_counts(percents: Sequence[float], bins: int = BINS) -> list[int]:
    """Counts per equal-width bin over [0, 100]; 100% falls in the last bin."""
    counts = [0] * bins
    for value in percents:
        index = int(max(0.0, min(value, 100.0)) * bins / 100.0)
        counts[min(index, bins - 1)] += 1
    return counts


def histogram(percents: Sequence[float], pass_mark: float, uid: str) -> str:
    counts = histogram_counts(percents)
    left, top, plot_w, plot_h = 48, 16, WIDTH - 64, 180
    tallest = max(counts) or 1
    step = plot_w / BINS
    labels = [f"{i * 10}–{i * 10 + 10}%" for i in range(BINS)]
    desc = "; ".join(f"{label}: {count}" for label, count in zip(labels, counts, strict=True))
    parts = [
        _open(uid, WIDTH, top + plot_h + 44, f"Score distribution of {len(percents)} attempts",
              f"Number of attempts per score band. {desc}. Pass mark {pass_mark:.0%}."),
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="#444"/>',
    ]  # fmt: skip
    for index, count in enumerate(counts):
        height = plot_h * count / tallest
        x = left + index * step
        parts.append(
            f'<rect x="{x + 2:.1f}" y="{top + plot_h - height:.1f}" width="{step - 4:.1f}" '
            f'height="{height:.1f}" fill="{WRONG}"/>'
        )
        if count:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{top + plot_h - height - 4:.1f}" '
                f'text-anchor="middle">{count}</text>'
            )
    for tick in range(0, 101, 20):
        x = left + plot_w * tick / 100
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle">{tick}%</text>'
        )
    mark_x = left + plot_w * pass_mark
    parts.append(
        f'<line x1="{mark_x:.1f}" y1="{top}" x2="{mark_x:.1f}" y2="{top + plot_h}" '
        f'stroke="{FLAGGED}" stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="{mark_x + 4:.1f}" y="{top + 10}" fill="{FLAGGED}">pass mark</text>'
        f'<text x="{left + plot_w / 2:.1f}" y="{top + plot_h + 36}" text-anchor="middle">'
        "score (percent of maximum)</text></svg>"
    )
    return "".join(parts)


def distractor_chart(question_id: str, data: Distractors, uid: str) -> str:
    rows: list[tuple[str, int, str]] = []
    for option in data.options:
        colour = KEY if option.correct else FLAGGED if option.flag == "beats_key" else WRONG
        rows.append((f"{option.id}{' (key)' if option.correct else ''}", option.count, colour))
    rows.append(("no answer", data.unanswered, MUTED))
    if data.invalid:
        rows.append(("invalid", data.invalid, MUTED))
    row_h, label_w = 24, 96
    bar_w = WIDTH - label_w - 72
    most = max((count for _, count, _ in rows), default=0) or 1
    words = "; ".join(f"{label}: {count}" for label, count, _ in rows)
    parts = [
        _open(uid, WIDTH, row_h * len(rows) + 8, f"Answers to question {question_id}",
              f"Learners choosing each option, out of {data.n} responses. {words}."),
    ]  # fmt: skip
    for index, (label, count, colour) in enumerate(rows):
        y = 4 + index * row_h
        width = bar_w * count / most
        share = f" ({count / data.n:.0%})" if data.n else ""
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{width:.1f}" height="{row_h - 8}" '
            f'fill="{colour}"/>'
            f'<text x="{label_w + width + 6:.1f}" y="{y + 16}">{count}{share}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _open(uid: str, width: int, height: int, title: str, desc: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{uid}-t {uid}-d" '
        'font-family="system-ui, sans-serif" font-size="12" fill="#212121">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
    )
