"""The report of a period as self-contained, printable, accessible HTML pages.

One template (``paper.html.j2``) writes the three editions of
:data:`~iro_warehouse.publishing.paper.EDITIONS` from one
:class:`~iro_warehouse.publishing.paper.Paper`; a month also gets its
one-pager (``one-pager.html.j2``). Charts are drawn once per period and shared
by the editions (:class:`Charts`). Pages make no network request: styles,
charts and sparklines are inline.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from iro_warehouse.publishing import charts as charts_
from iro_warehouse.publishing import wording
from iro_warehouse.publishing.charts import Drawn
from iro_warehouse.publishing.measures import Measure
from iro_warehouse.publishing.paper import EDITIONS, TEMPLATES, ChartData, Edition, Paper

ONE_PAGER = "one-pager.html"


class Charts:
    """Each chart of a period drawn once (SVG and PNG), whichever editions show it."""

    def __init__(self) -> None:
        self._drawn: dict[tuple, Drawn] = {}

    def __call__(self, chart: ChartData) -> Drawn:
        key = (chart.chart_id, tuple(m.measure_id for m in chart.measures))
        if key not in self._drawn:
            self._drawn[key] = charts_.draw(chart)
        return self._drawn[key]


def title(paper: Paper) -> str:
    if paper.period.period_type == "financial_year":
        return f"Annual report {paper.period.label}"
    return f"Report for {wording.period_name(paper.period)}"


@functools.cache
def _environment() -> Environment:
    """The templates, compiled once per process (a backfill renders hundreds of pages)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
    )
    env.globals.update(day=wording.day_words, name=wording.period_name)
    return env


def render_edition(paper: Paper, edition: Edition, drawn: Callable[[ChartData], Drawn]) -> str:
    template = _environment().get_template("paper.html.j2")
    return template.render(
        paper=paper,
        edition=edition,
        sections=paper.edition(edition),
        title=title(paper),
        drawn=drawn,
    )


def render_one_pager(paper: Paper) -> str:
    """The month at a glance: headline figures, the month before, a year earlier, 13 months."""
    if paper.year_earlier is None:
        raise ValueError("the one-pager is for a month")

    def trend(m: Measure) -> list:
        return [paper.cell(m.measure_id, p) for p in paper.trend]

    def on_year(m: Measure) -> wording.Change:
        return wording.change(
            paper.cell(m.measure_id, paper.period).text,
            paper.cell(m.measure_id, paper.year_earlier).text,
            unit=m.unit,
            decimals=m.decimals,
            change_words=m.change_words,
            better=m.better,
        )

    template = _environment().get_template("one-pager.html.j2")
    return template.render(
        paper=paper,
        trend=trend,
        on_year=on_year,
        spark=charts_.sparkline,
        spark_words=charts_.sparkline_words,
    )


def render(paper: Paper, drawn: Callable[[ChartData], Drawn] | None = None) -> dict[str, str]:
    """Every HTML page of the period, by file name."""
    drawn = drawn or Charts()
    pages = {f"{e.file_stem}.html": render_edition(paper, e, drawn) for e in EDITIONS}
    if paper.period.period_type == "month":
        pages[ONE_PAGER] = render_one_pager(paper)
    return pages
