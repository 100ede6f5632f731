"""Trend charts and sparklines that tell the truth about suppressed values.

A chart is drawn from published values only. A suppressed value (``c``) is a
marked gap: no bar, a broken line, a dashed rule across the plot at that
period and the letter ``c`` at its foot; its text alternative says
``c (suppressed)``. It is never drawn or described as 0 or as a number.

Charts of several measures are small multiples, one panel per measure with
its name above it, so colour never has to tell the measures apart. Charts are
Vega-Lite, rendered by vl-convert to inline SVG for the page and to
PNG for the Word document; sparklines are drawn here as small SVG lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import vl_convert as vlc

from iro_warehouse.publishing.paper import Cell, ChartData
from iro_warehouse.publishing.wording import Part

INK = "#0b0c0c"
BLUE = "#1d70b8"
MARK = "#505a5f"
WIDTH = 600
HEIGHT = 170
PNG_SCALE = 1.5


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


def _rows(chart: ChartData) -> list[dict]:
    rows = []
    for m in chart.measures:
        for label in chart.periods:
            cell = chart.cell(m.measure_id, label)
            rows.append(
                {
                    "period": label,
                    "series": m.label,
                    "value": cell.number,
                    "suppressed": "c" if cell.is_suppressed else "",
                }
            )
    return rows


def _y_title(chart: ChartData) -> str:
    return {"percent": "%", "ratio": "per full-time IRO", "days": "days"}.get(chart.unit, "number")


def spec(chart: ChartData) -> dict:
    """The Vega-Lite spec of ``chart``: bars for counts, lines otherwise, one panel a measure.

    Written as a plain dict (altair's schema objects cost more than the drawing).
    """
    panels = len(chart.measures)
    width = max(150, (WIDTH - 30 * (panels - 1)) // panels)
    angle = -60 if len(chart.periods) > 6 else 0
    x = {"field": "period", "type": "ordinal", "sort": list(chart.periods), "title": None,
         "axis": {"labelAngle": angle}}  # fmt: skip
    zero = chart.kind == "bars" or chart.band is not None
    y = {"field": "value", "type": "quantitative", "title": _y_title(chart),
         "scale": {"zero": zero, "nice": True}}  # fmt: skip
    layers: list[dict] = []
    if chart.band is not None:
        low, high = chart.band
        layers.append({"mark": {"type": "rect", "color": "#cce2d8"},
                       "encoding": {"y": {"datum": low}, "y2": {"datum": high}}})  # fmt: skip
    if chart.kind == "bars":
        layers.append({"mark": {"type": "bar", "color": BLUE}, "encoding": {"x": x, "y": y}})
        layers.append({
            "mark": {"type": "text", "baseline": "bottom", "dy": -2, "fontSize": 10, "color": INK},
            "encoding": {"x": x, "y": y, "text": {"field": "value", "type": "quantitative",
                                                  "format": "d"}},
        })  # fmt: skip
    else:
        layers.append({
            "mark": {"type": "line", "color": BLUE, "invalid": "break-paths-show-path-domains",
                     "point": {"color": BLUE, "size": 30}},
            "encoding": {"x": x, "y": y},
        })  # fmt: skip
    gaps = [{"filter": "datum.suppressed == 'c'"}]
    layers.append({"transform": gaps, "mark": {"type": "rule", "color": MARK,
                   "strokeDash": [3, 3]}, "encoding": {"x": x}})  # fmt: skip
    layers.append({
        "transform": gaps,
        "mark": {"type": "text", "text": "c", "baseline": "bottom", "dy": -2, "fontSize": 12,
                 "fontWeight": "bold", "color": INK},
        "encoding": {"x": x, "y": {"value": HEIGHT}},
    })  # fmt: skip
    inner = {"layer": layers, "width": width, "height": HEIGHT}
    top: dict = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "data": {"values": _rows(chart)},
        "config": {"aria": False, "font": "DejaVu Sans, Arial, sans-serif",
                   "view": {"stroke": None}},
    }  # fmt: skip
    if panels == 1:
        top.update(inner)
    else:
        top["facet"] = {"column": {
            "field": "series", "type": "nominal", "title": None,
            "sort": [m.label for m in chart.measures],
            "header": {"labelFontWeight": "bold", "labelFontSize": 11, "labelLimit": width},
        }}  # fmt: skip
        top["spec"] = inner
    return top


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
    """Render a chart once, as SVG and PNG."""
    svg = vlc.vegalite_to_svg(spec(chart))
    png = vlc.svg_to_png(svg, scale=PNG_SCALE)
    return Drawn(chart, _decorative(svg), png, summary(chart))


_ARIA = re.compile(r'\s(?:role|aria-roledescription|aria-label)="[^"]*"')


def _decorative(svg: str) -> str:
    """The drawing without roles of its own: the figure around it is the image, with its words.

    Vega marks its groups as graphics objects; a screen reader would meet dozens of
    unnamed ones inside the one image the page names and describes.
    """
    svg = _ARIA.sub("", svg)
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


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
