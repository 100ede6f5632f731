"""The panel's report: one self-contained, printable, accessible HTML file.

Everything shown has passed the warehouse's disclosure control: the headline
table, the comparisons, the charts and the data-quality section read only
published values (suppressed values are shown as ``c`` and left out of the
charts as gaps). Which direction of change is better comes from the measure
metadata seed (``reporting.measures.better``). Charts are Vega-Lite (altair)
rendered to inline SVG by vl-convert, so the page makes no network request.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import altair as alt
import vl_convert as vlc
from jinja2 import Environment, FileSystemLoader, select_autoescape

from iro_warehouse import warehouse
from iro_warehouse.periods import Period
from iro_warehouse.publishing import figures as figures_
from iro_warehouse.publishing import records
from iro_warehouse.warehouse import Build

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
SERIES_MONTHS = 24
GUIDELINE_BAND = (50, 70)


@dataclass
class HeadlineRow:
    measure_id: str
    label: str
    unit: str
    value: str
    previous: str | None
    year_earlier: str | None
    direction: str  # "up" | "down" | "same" | ""
    assessment: str  # "better" | "worse" | ""


@dataclass
class ReportData:
    period: Period
    extract_date: date
    is_provisional: bool
    headline: list[HeadlineRow]
    series: dict[str, list[tuple[str, float | None]]]  # measure -> [(month label, value)]
    data_quality: list[tuple[str, str, str]]  # (table, rule, published count)
    restatements: list[dict] = field(default_factory=list)
    previous_label: str | None = None
    year_earlier_label: str | None = None


def _direction(now: float | None, before: float | None, better: str) -> tuple[str, str]:
    if now is None or before is None:
        return "", ""
    if now == before:
        return "same", ""
    up = now > before
    arrow = "up" if up else "down"
    if better == "higher":
        return arrow, "better" if up else "worse"
    if better == "lower":
        return arrow, "worse" if up else "better"
    return arrow, ""


_MEASURE_DIRECTIONS = "select measure_id, better from {reporting}.measures"
_DATA_QUALITY = """
select table_name, rule, published_rows_left_out
from {reporting}.data_quality_summary
where rows_left_out > 0
order by table_name, rule
"""


def load(url: str, period: Period, extract_date: date, build: Build | None = None) -> ReportData:
    """Read what the report shows from the warehouse (published values only).

    ``build`` names a build as known at an earlier day (its schemas);
    restatements come from the live bookkeeping, those recorded up to
    ``extract_date``.
    """
    reporting = build.schema("reporting") if build else "reporting"
    prev, earlier = period.previous(), period.year_earlier()
    months = period.months_ending(SERIES_MONTHS)
    published = figures_.read(url, sorted({period, prev, earlier, *months}), build)
    better = dict(warehouse.query(url, _MEASURE_DIRECTIONS.format(reporting=reporting)))
    data_quality = warehouse.query(url, _DATA_QUALITY.format(reporting=reporting))

    by_key = {(f.period_type, f.period_label, f.measure_id): f for f in published}
    current = [f for f in published if (f.period_type, f.period_label) == period.key]
    current.sort(key=lambda f: (f.sort_order, f.measure_id))
    headline = []
    for f in current:
        before = by_key.get((*prev.key, f.measure_id))
        ago = by_key.get((*earlier.key, f.measure_id))
        reference = ago or before
        direction, assessment = _direction(
            f.number, reference.number if reference else None, better.get(f.measure_id) or ""
        )
        headline.append(
            HeadlineRow(
                measure_id=f.measure_id,
                label=f.measure_label,
                unit=f.unit,
                value=f.published_value,
                previous=before.published_value if before else None,
                year_earlier=ago.published_value if ago else None,
                direction=direction,
                assessment=assessment,
            )
        )
    series = {
        mid: [
            (m.label, by_key[(*m.key, mid)].number if (*m.key, mid) in by_key else None)
            for m in months
        ]
        for mid in {f.measure_id for f in published}
    }
    return ReportData(
        period=period,
        extract_date=extract_date,
        is_provisional=any(f.is_provisional for f in current),
        headline=headline,
        series=series,
        data_quality=[tuple(r) for r in data_quality],
        restatements=records.restatements_for(url, period, extract_date),
        previous_label=prev.label,
        year_earlier_label=earlier.label if period.period_type == "month" else None,
    )


# --- charts -----------------------------------------------------------------


@dataclass
class Chart:
    chart_id: str
    title: str
    description: str  # the text alternative
    svg: str


def _svg(chart: alt.TopLevelMixin) -> str:
    """The chart as inline SVG (the figure's caption gives its title)."""
    return vlc.vegalite_to_svg(chart.to_json())


def _long(data: ReportData, measures: dict[str, str]) -> list[dict]:
    rows = []
    for mid, name in measures.items():
        for month, value in data.series.get(mid, []):
            rows.append({"month": month, "measure": name, "value": value})
    return rows


def _describe(data: ReportData, measures: dict[str, str], unit: str) -> str:
    parts = []
    for mid, name in measures.items():
        points = [(m, v) for m, v in data.series.get(mid, []) if v is not None]
        if not points:
            parts.append(f"{name}: no published values in the 24 months")
            continue
        (m0, v0), (m1, v1) = points[0], points[-1]
        low = min(points, key=lambda p: p[1])
        high = max(points, key=lambda p: p[1])
        parts.append(
            f"{name} went from {v0:g}{unit} in {m0} to {v1:g}{unit} in {m1} "
            f"(lowest {low[1]:g}{unit} in {low[0]}, highest {high[1]:g}{unit} in {high[0]})"
        )
    suppressed = any(v is None for mid in measures for _, v in data.series.get(mid, []))
    tail = " Suppressed months are left as gaps." if suppressed else ""
    return "; ".join(parts) + "." + tail


def _line_chart(
    data: ReportData, measures: dict[str, str], y_title: str, *, band=None, percent: bool = False
) -> alt.LayerChart:
    values = _long(data, measures)
    base = alt.Chart(alt.Data(values=values))
    x = alt.X("month:O", title=None, axis=alt.Axis(labelAngle=-60))
    y = alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=not percent))
    colour = alt.Color(
        "measure:N",
        legend=alt.Legend(orient="bottom", title=None, columns=2),
        scale=alt.Scale(range=["#1d70b8", "#d4351c", "#00703c", "#6f72af"]),
    )
    line = base.mark_line(point=True).encode(x=x, y=y, color=colour, strokeDash="measure:N")
    layers = [line]
    if band is not None:
        band_data = alt.Data(values=[{"low": band[0], "high": band[1]}])
        layers.insert(
            0,
            alt.Chart(band_data)
            .mark_rect(opacity=0.15, color="#00703c")
            .encode(y="low:Q", y2="high:Q"),
        )
    return alt.layer(*layers).properties(width=560, height=200)


def _bar_chart(data: ReportData, measures: dict[str, str], y_title: str) -> alt.Chart:
    values = [r for r in _long(data, measures) if r["value"] is not None]
    return (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            x=alt.X("month:O", title=None, axis=alt.Axis(labelAngle=-60)),
            y=alt.Y("value:Q", title=y_title, stack=True),
            color=alt.Color(
                "measure:N",
                legend=alt.Legend(orient="bottom", title=None, columns=3),
                scale=alt.Scale(range=["#1d70b8", "#f47738", "#6f72af"]),
            ),
        )
        .properties(width=560, height=200)
    )


CHARTS = (
    (
        "numbers",
        "Children looked after and child protection plans",
        {"cla_at_end": "Looked after", "cp_plans_at_end": "CP plans"},
        "children / plans",
        "line",
    ),
    (
        "timeliness",
        "Reviews and conferences in time",
        {
            "cla_reviews_in_time_pct": "Looked after reviews in time",
            "icpc_in_15wd_pct": "ICPC within 15 working days",
            "rcpc_in_time_pct": "CP reviews in time",
        },
        "%",
        "pct",
    ),
    (
        "participation",
        "Children's participation in their reviews",
        {
            "cla_review_participation_pct": "Participated (PN1-PN6)",
            "cla_review_attendance_pct": "Attended (PN1-PN4)",
        },
        "%",
        "pct",
    ),
    (
        "stability",
        "Placement stability",
        {
            "stability_3plus_placements_pct": "3+ placements in 12 months",
            "stability_long_term_pct": "Long-term stability",
        },
        "%",
        "pct",
    ),
    (
        "caseload",
        "IRO caseload per full-time IRO against the 50-70 guideline",
        {"iro_cla_caseload_per_fte": "Looked after children per IRO FTE"},
        "children per FTE",
        "band",
    ),
    (
        "escalations",
        "Escalations raised, by category",
        {
            "drp_raised_quality": "Quality of assessment or plan",
            "drp_raised_delay": "Plan delay",
            "drp_raised_timescale": "Timescales",
        },
        "escalations",
        "bar",
    ),
)


def charts(data: ReportData) -> list[Chart]:
    out = []
    for chart_id, title, measures, y_title, kind in CHARTS:
        if kind == "bar":
            spec = _bar_chart(data, measures, y_title)
        else:
            spec = _line_chart(
                data,
                measures,
                y_title,
                band=GUIDELINE_BAND if kind == "band" else None,
                percent=kind == "pct",
            )
        unit = "%" if kind == "pct" else ""
        description = _describe(data, measures, unit)
        if kind == "band":
            description += " The shaded band is the IRO Handbook guideline of 50 to 70."
        out.append(Chart(chart_id, title, description, _svg(spec)))
    return out


def render(data: ReportData) -> str:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = env.get_template("report.html.j2")
    return template.render(
        data=data,
        charts=charts(data),
        kind="Month" if data.period.period_type == "month" else "Financial year",
        escape=html.escape,
    )
