"""The panel's report: one self-contained, printable, accessible HTML file.

Everything shown has passed disclosure control: the headline table, the
comparisons, the charts and the data-quality section read only
``published_value`` (suppressed values are shown as ``c`` and left out of the
charts as gaps) and the data-quality counts are suppressed the same way.
Charts are Vega-Lite (altair) rendered to inline SVG by vl-convert, so the
page makes no network request.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import psycopg2
import psycopg2.extras
from jinja2 import Environment, FileSystemLoader, select_autoescape

from iro_warehouse import periods
from iro_warehouse.periods import Period

TEMPLATES = Path(__file__).with_name("templates")
SERIES_MONTHS = 24
GUIDELINE_BAND = (50, 70)
#: measures where a rise is good news (others: a fall is good, or neither)
HIGHER_IS_BETTER = {
    "cla_reviews_in_time_pct",
    "cla_review_participation_pct",
    "cla_review_attendance_pct",
    "stability_long_term_pct",
    "icpc_in_15wd_pct",
    "rcpc_in_time_pct",
    "iro_allocated_in_time_pct",
    "drp_resolved_informally_pct",
}
LOWER_IS_BETTER = {
    "cla_reviews_cancelled",
    "cla_reviews_overdue_at_end",
    "stability_3plus_placements_pct",
    "cp_repeat_plans_pct",
    "cla_without_iro_at_end",
    "iro_over_guideline_at_end",
    "iro_cla_caseload_per_fte",
    "drp_median_days_to_resolve",
}


def published_number(text: str | None) -> float | None:
    """The number a published value shows, or None for ``c``, ``z`` or nothing."""
    if text is None or text in ("c", "z", ""):
        return None
    return float(text)


def suppress_count(n: int) -> str:
    """Disclosure control for a count shown in the report."""
    return "c" if 1 <= n <= 5 else str(n)


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
    data_quality: list[tuple[str, str, str]]  # (table, rule, suppressed count)
    restatements: list[dict] = field(default_factory=list)
    previous_label: str | None = None
    year_earlier_label: str | None = None


def previous_period(period: Period) -> Period:
    if period.period_type == "month":
        prev = period.start.replace(day=1)
        year, month = (prev.year, prev.month - 1) if prev.month > 1 else (prev.year - 1, 12)
        return periods.month(year, month)
    return periods.financial_year(period.start.year - 1)


def year_earlier(period: Period) -> Period:
    if period.period_type == "month":
        return periods.month(period.start.year - 1, period.start.month)
    return periods.financial_year(period.start.year - 1)


def series_months(period: Period) -> list[Period]:
    """The 24 months ending with the period's last month."""
    out = []
    year, month = period.end.year, period.end.month
    for _ in range(SERIES_MONTHS):
        out.append(periods.month(year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(out))


def _direction(now: float | None, before: float | None, measure_id: str) -> tuple[str, str]:
    if now is None or before is None:
        return "", ""
    if now == before:
        return "same", ""
    up = now > before
    if measure_id in HIGHER_IS_BETTER:
        return ("up" if up else "down"), ("better" if up else "worse")
    if measure_id in LOWER_IS_BETTER:
        return ("up" if up else "down"), ("worse" if up else "better")
    return ("up" if up else "down"), ""


def load(
    warehouse_url: str, period: Period, extract_date: date, *, schema_prefix: str = ""
) -> ReportData:
    """Read what the report shows from the warehouse (published values only).

    ``schema_prefix`` reads a build as known at an earlier day; restatements
    come from the live bookkeeping, those recorded up to ``extract_date``.
    """
    from iro_warehouse import publication

    reporting = publication.schema("reporting", schema_prefix)
    data_quality = publication.schema("data_quality", schema_prefix)
    prev, earlier = previous_period(period), year_earlier(period)
    months = series_months(period)
    wanted = {(p.period_type, p.label) for p in (period, prev, earlier, *months)}
    with (
        psycopg2.connect(warehouse_url) as conn,
        conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur,
    ):
        cur.execute(
            f"""
            select f.period_type, f.period_label, f.measure_id, f.unit, f.published_value,
                   f.is_provisional, coalesce(m.measure_label, f.measure_id) as measure_label,
                   coalesce(m.sort_order, 999) as sort_order
            from {reporting}.panel_figures as f
            left join {reporting}.measures as m on m.measure_id = f.measure_id
            where (f.period_type, f.period_label) in %s
            """,
            (tuple(wanted),),
        )
        rows = cur.fetchall()
        cur.execute(
            "select to_regclass(%s) is not null as ok", (f"{data_quality}.source_row_issues",)
        )
        dq: list[tuple[str, str, str]] = []
        if cur.fetchone()["ok"]:
            cur.execute(
                f"""
                select table_name, rule, count(*) as n
                from {data_quality}.source_row_issues
                where is_row_left_out
                group by table_name, rule
                order by table_name, rule
                """
            )
            dq = [(r["table_name"], r["rule"], suppress_count(r["n"])) for r in cur.fetchall()]
    conn.close()

    by_key = {(r["period_type"], r["period_label"], r["measure_id"]): r for r in rows}
    current = sorted(
        (
            r
            for r in rows
            if (r["period_type"], r["period_label"]) == (period.period_type, period.label)
        ),
        key=lambda r: (r["sort_order"], r["measure_id"]),
    )
    headline = []
    for r in current:
        mid = r["measure_id"]
        before = by_key.get((prev.period_type, prev.label, mid))
        ago = by_key.get((earlier.period_type, earlier.label, mid))
        reference = ago or before
        direction, assessment = _direction(
            published_number(r["published_value"]),
            published_number(reference["published_value"]) if reference else None,
            mid,
        )
        headline.append(
            HeadlineRow(
                measure_id=mid,
                label=r["measure_label"],
                unit=r["unit"],
                value=r["published_value"],
                previous=before["published_value"] if before else None,
                year_earlier=ago["published_value"] if ago else None,
                direction=direction,
                assessment=assessment,
            )
        )
    series: dict[str, list[tuple[str, float | None]]] = {}
    measure_ids = {r["measure_id"] for r in rows}
    for mid in measure_ids:
        series[mid] = [
            (
                m.label,
                published_number(by_key[("month", m.label, mid)]["published_value"])
                if ("month", m.label, mid) in by_key
                else None,
            )
            for m in months
        ]
    return ReportData(
        period=period,
        extract_date=extract_date,
        is_provisional=any(r["is_provisional"] for r in current),
        headline=headline,
        series=series,
        data_quality=dq,
        restatements=publication.restatements_for(warehouse_url, period, extract_date),
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


def _svg(chart) -> str:
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(chart.to_json())
    # the title is given by the figure's caption; make the SVG an image with a label
    return svg


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
):
    import altair as alt

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


def _bar_chart(data: ReportData, measures: dict[str, str], y_title: str):
    import altair as alt

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
