"""Trend charts and sparklines that tell the truth about suppressed values.

A chart is drawn from published values only. A suppressed value (``c``) is a
marked gap: no bar, a broken line, a dashed rule across the plot at that
period and the letter ``c`` at its foot; its text alternative says
``c (suppressed)``. It is never drawn or described as 0 or as a number.

Charts of several measures are small multiples, one panel per measure with
its name above it, so colour never has to tell the measures apart. Charts are
drawn as inline SVG (:mod:`.svgchart`) and turned into PNG for the Word
document by vl-convert's SVG renderer; sparklines are small SVG lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import vl_convert as vlc

from iro_warehouse.publishing import svgchart
from iro_warehouse.publishing.paper import Cell, ChartData
from iro_warehouse.publishing.wording import Part

INK = "#0b0c0c"
BLUE = "#1d70b8"
PNG_SCALE = 1.25


@dataclass(frozen=True)
class Drawn:
    """A chart drawn: SVG for the page, PNG for the Word document, and its words."""

    data: ChartData
    svg: str
    png: bytes
    summary: list[Part]  # the text alternative, figures marked

    @property
    def summary_text(self) -> str:
        return "".join(p.text for p in self.summary)


def panels(chart: ChartData) -> list[svgchart.Panel]:
    """What is drawn: one panel per measure, a point per period (None where not a number)."""
    label = "{:.0f}" if all(m.decimals == 0 for m in chart.measures) else "{:g}"
    out = []
    for m in chart.measures:
        points = []
        for period in chart.periods:
            cell = chart.cell(m.measure_id, period)
            points.append(svgchart.Point(period, cell.number, cell.is_suppressed))
        out.append(svgchart.Panel(m.label, tuple(points), label))
    return out


def _y_title(chart: ChartData) -> str:
    return {"percent": "%", "ratio": "per full-time IRO", "days": "days"}.get(chart.unit, "number")


def summary(chart: ChartData) -> list[Part]:
    """The chart in words: for each measure, where it started and ended, and what is suppressed.

    Highest and lowest are given only when no value is suppressed (a suppressed
    one might be the lowest).
    """
    parts: list[Part] = []
    span = f"{chart.periods[0]} to {chart.periods[-1]}"
    parts += [Part("name", chart.title), Part("text", f", {span}. ")]
    for m in chart.measures:
        cells = [chart.cell(m.measure_id, p) for p in chart.periods]
        shown = [c for c in cells if c.number is not None]
        hidden = [c for c in cells if c.is_suppressed]
        parts += [Part("name", m.label), Part("text", ": ")]
        if not shown:
            parts.append(Part("text", "no published value"))
        else:
            first, last = shown[0], shown[-1]
            parts += [Part("text", "from "), _fig(first), Part("text", f" in {first.period_label}")]
            if last is not first:
                parts += [
                    Part("text", " to "),
                    _fig(last),
                    Part("text", f" in {last.period_label}"),
                ]
            if not hidden and len(shown) > 2:
                high = max(shown, key=lambda c: c.number)
                low = min(shown, key=lambda c: c.number)
                parts += [
                    Part("text", "; highest "),
                    _fig(high),
                    Part("text", f" in {high.period_label}, lowest "),
                    _fig(low),
                    Part("text", f" in {low.period_label}"),
                ]
        if hidden:
            when = ", ".join(c.period_label for c in hidden)
            parts.append(Part("text", f"; c (suppressed) in {when}"))
        parts.append(Part("text", ". "))
    if chart.band is not None:
        low, high = chart.band
        parts.append(Part("text", f"The shaded band is the guideline of {low:g} to {high:g}. "))
    return _tidy(parts)


def _fig(cell: Cell) -> Part:
    return Part("figure", cell.text, cell.measure_id, cell.period_label)


def _tidy(parts: list[Part]) -> list[Part]:
    out: list[Part] = []
    for p in parts:
        if p.kind == "text" and out and out[-1].kind == "text":
            out[-1] = Part("text", out[-1].text + p.text)
        else:
            out.append(p)
    if out and out[-1].kind == "text":
        out[-1] = Part("text", out[-1].text.rstrip())
    return out


def draw(chart: ChartData) -> Drawn:
    """Draw a chart once, as SVG for the page and PNG for the Word document."""
    svg = svgchart.draw(
        panels(chart),
        bars=chart.kind == "bars",
        y_title=_y_title(chart),
        band=chart.band,
        cap=100.0 if chart.unit == "percent" else None,
    )
    png = vlc.svg_to_png(svg, scale=PNG_SCALE)
    return Drawn(chart, svg, png, summary(chart))


# --- sparklines ----------------------------------------------------------------------


def sparkline(cells: list[Cell], *, width: int = 130, height: int = 28) -> str:
    """A small line of the published values; a suppressed month is a gap marked ``c``.

    The SVG is decorative (``aria-hidden``): its words are the text alternative
    :func:`sparkline_words` gives the element around it.
    """
    pad = 3
    values = [c.number for c in cells]
    known = [v for v in values if v is not None]
    step = (width - 2 * pad) / max(1, len(cells) - 1)
    low, high = (min(known), max(known)) if known else (0.0, 1.0)
    spread = (high - low) or 1.0

    def xy(i: int, v: float) -> tuple[float, float]:
        return pad + i * step, height - pad - 8 - (v - low) / spread * (height - 2 * pad - 8)

    runs: list[list[tuple[float, float]]] = [[]]
    marks = []
    for i, (cell, v) in enumerate(zip(cells, values, strict=True)):
        if v is None:
            if runs[-1]:
                runs.append([])
            if cell.is_suppressed:
                x = pad + i * step
                marks.append(
                    f'<text x="{x:.1f}" y="{height - 1}" font-size="8" text-anchor="middle" '
                    f'fill="{INK}">c</text>'
                )
            continue
        runs[-1].append(xy(i, v))
    lines = []
    for run in runs:
        if len(run) == 1:
            (x, y0) = run[0]
            lines.append(f'<circle cx="{x:.1f}" cy="{y0:.1f}" r="1.6" fill="{BLUE}"/>')
        elif run:
            points = " ".join(f"{x:.1f},{y0:.1f}" for x, y0 in run)
            lines.append(
                f'<polyline points="{points}" fill="none" stroke="{BLUE}" stroke-width="1.5"/>'
            )
    if values and values[-1] is not None:
        x, y0 = xy(len(values) - 1, values[-1])
        lines.append(f'<circle cx="{x:.1f}" cy="{y0:.1f}" r="2.2" fill="{INK}"/>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-hidden="true" focusable="false">'
        + "".join(lines + marks)
        + "</svg>"
    )


def sparkline_words(label: str, cells: list[Cell]) -> str:
    """``<label>, last 13 months: 2016-05 830; 2016-06 c (suppressed); ...``."""
    items = []
    for c in cells:
        if c.is_suppressed:
            shown = "c (suppressed)"
        elif c.text == "z":
            shown = "z (not applicable)"
        elif not c.text:
            shown = "no figure"
        else:
            shown = c.text
        items.append(f"{c.period_label} {shown}")
    return f"{label}, last {len(cells)} months: " + "; ".join(items)
