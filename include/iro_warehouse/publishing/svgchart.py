"""A trend chart drawn as SVG: bars for counts, lines otherwise, one panel per measure.

Drawn here rather than through a charting engine: a period's report has a
dozen charts and a backfill renders hundreds of periods, and a small fixed
drawing (axes, ticks, bars or a line, value labels, a guideline band and the
marked gaps of suppressed values) costs milliseconds this way. The drawing is
decorative (``aria-hidden``): the page's figure names and describes it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

INK = "#0b0c0c"
BLUE = "#1d70b8"
GRID = "#dddddd"
MARK = "#505a5f"
BAND = "#cce2d8"
FONT = "DejaVu Sans, Arial, sans-serif"


@dataclass(frozen=True)
class Point:
    period: str
    value: float | None  # None: no published number
    suppressed: bool  # the published value is c


@dataclass(frozen=True)
class Panel:
    title: str  # shown above the panel when there are several
    points: tuple[Point, ...]
    label_format: str  # how a bar's value label is written, e.g. "{:.0f}"


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """About ``count`` round tick values covering ``low`` to ``high``."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def wrap(text: str, width: int, lines: int = 2) -> list[str]:
    """``text`` in at most ``lines`` lines of about ``width`` characters (the last one cut)."""
    out: list[str] = [""]
    for word in text.split():
        if out[-1] and len(out[-1]) + 1 + len(word) > width:
            out.append("")
        out[-1] = f"{out[-1]} {word}".strip()
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: max(1, width - 1)].rstrip() + "…"
    return out


def _num(value: float) -> str:
    return f"{value:g}"


def draw(
    panels: list[Panel],
    *,
    bars: bool,
    y_title: str,
    band: tuple[float, float] | None = None,
    cap: float | None = None,
    width: int = 600,
    height: int = 170,
) -> str:
    """The SVG of the panels side by side, sharing one y scale (up to ``cap`` at most)."""
    several = len(panels) > 1
    months = max(len(p.points) for p in panels) > 6
    left, right, top = 48, 8, 38 if several else 14
    bottom = 46 if months else 22
    gap = 24
    panel_w = (width - left - right - gap * (len(panels) - 1)) / len(panels)
    known = [pt.value for p in panels for pt in p.points if pt.value is not None]
    if band is not None:
        known += list(band)
    low = 0.0 if bars or band is not None or not known else min(known)
    high = max(known) if known else 1.0
    if not bars and known and band is None:
        pad = (high - low) * 0.1 or 1.0
        low, high = max(0.0, low - pad), high + pad
    if cap is not None:
        high = min(high, cap)
    ticks = nice_ticks(low, high)
    y0, y1 = ticks[0], ticks[-1]

    def y(v: float) -> float:
        return top + (1 - (v - y0) / ((y1 - y0) or 1)) * height

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{top + height + bottom}" viewBox="0 0 {width} {top + height + bottom}" '
        f'aria-hidden="true" focusable="false" font-family="{FONT}" font-size="10" '
        f'fill="{INK}"><rect width="100%" height="100%" fill="#ffffff"/>'
    ]
    mid = top + height / 2
    out.append(
        f'<text transform="translate(12,{mid:.1f}) rotate(-90)" text-anchor="middle" '
        f'font-weight="bold">{escape(y_title)}</text>'
    )
    for t in ticks:
        out.append(f'<text x="{left - 5}" y="{y(t) + 3.5:.1f}" text-anchor="end">{_num(t)}</text>')
    for i, panel in enumerate(panels):
        x0 = left + i * (panel_w + gap)
        out += _panel(panel, x0, panel_w, y, ticks, bars, band, top, height, months, several)
    out.append("</svg>")
    return "".join(out)


def _panel(panel, x0, w, y, ticks, bars, band, top, height, months, several) -> list[str]:
    out = []
    if several:
        for k, line in enumerate(wrap(panel.title, int(w / 6.2))):
            out.append(
                f'<text x="{x0 + w / 2:.1f}" y="{top - 22 + 12 * k}" text-anchor="middle" '
                f'font-weight="bold" font-size="10.5">{escape(line)}</text>'
            )
    if band is not None:
        out.append(
            f'<rect x="{x0:.1f}" y="{y(band[1]):.1f}" width="{w:.1f}" '
            f'height="{y(band[0]) - y(band[1]):.1f}" fill="{BAND}"/>'
        )
    for t in ticks:
        out.append(
            f'<line x1="{x0:.1f}" x2="{x0 + w:.1f}" y1="{y(t):.1f}" y2="{y(t):.1f}" '
            f'stroke="{GRID}"/>'
        )
    base = top + height
    out.append(f'<line x1="{x0:.1f}" x2="{x0 + w:.1f}" y1="{base}" y2="{base}" stroke="{INK}"/>')
    n = len(panel.points)
    step = w / n
    xs = [x0 + step * (k + 0.5) for k in range(n)]
    for x, pt in zip(xs, panel.points, strict=True):
        if months:
            out.append(
                f'<text transform="translate({x + 3:.1f},{base + 8}) rotate(-60)" '
                f'text-anchor="end">{pt.period}</text>'
            )
        else:
            out.append(f'<text x="{x:.1f}" y="{base + 14}" text-anchor="middle">{pt.period}</text>')
        if pt.suppressed:
            out.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{base}" stroke="{MARK}" '
                f'stroke-dasharray="3,3"/>'
                f'<text x="{x:.1f}" y="{base - 3}" text-anchor="middle" font-weight="bold" '
                f'font-size="12">c</text>'
            )
    if bars:
        bar_w = step * 0.72
        for x, pt in zip(xs, panel.points, strict=True):
            if pt.value is None:
                continue
            top_y = y(pt.value)
            out.append(
                f'<rect x="{x - bar_w / 2:.1f}" y="{top_y:.1f}" width="{bar_w:.1f}" '
                f'height="{base - top_y:.1f}" fill="{BLUE}"/>'
            )
            if n <= 13:
                out.append(
                    f'<text x="{x:.1f}" y="{top_y - 3:.1f}" text-anchor="middle" '
                    f'font-size="9">{panel.label_format.format(pt.value)}</text>'
                )
    else:
        run: list[str] = []
        runs = [run]
        for x, pt in zip(xs, panel.points, strict=True):
            if pt.value is None:
                run = []
                runs.append(run)
                continue
            run.append(f"{x:.1f},{y(pt.value):.1f}")
            out.append(f'<circle cx="{x:.1f}" cy="{y(pt.value):.1f}" r="2.8" fill="{BLUE}"/>')
        for r in runs:
            if len(r) > 1:
                out.append(
                    f'<polyline points="{" ".join(r)}" fill="none" stroke="{BLUE}" '
                    f'stroke-width="2"/>'
                )
    return out
