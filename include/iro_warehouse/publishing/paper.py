"""What the report of a period says, section by section, before it is drawn or written.

The paper's sections come in the order of the service's annual report (the
children, the service and its caseloads, reviews, participation, stability
and permanence, child protection, dispute resolution) between the service's
own key messages and its closing sections (what went well, what must improve,
priorities and recommendations). A measure lands in the section its seed row
names, so a new measure needs no change here. Three editions share this one
model: the full report, the panel edition (looked after children, IROs,
dispute resolution) and the safeguarding edition (child protection, IROs as
chairs, dispute resolution); each keeps the measures whose seed ``editions``
name it.

Every value here is a published value from the warehouse; a suppressed one
stays ``c`` all the way to the page.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from iro_warehouse import warehouse
from iro_warehouse.periods import Period
from iro_warehouse.publishing import breakdowns as breakdowns_
from iro_warehouse.publishing import commentary as commentary_
from iro_warehouse.publishing import figures as figures_
from iro_warehouse.publishing import measures as measures_
from iro_warehouse.publishing import records, wording
from iro_warehouse.publishing.commentary import Commentary
from iro_warehouse.publishing.measures import Measure
from iro_warehouse.publishing.wording import Change, Part
from iro_warehouse.warehouse import Build

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
#: How many financial years an annual report's charts show, and months a month's.
TREND_YEARS = 5
TREND_MONTHS = 13


@dataclass(frozen=True)
class Section:
    section_id: str
    title: str
    is_commentary: bool = False  # only the service's words, no figures


SECTIONS: tuple[Section, ...] = (
    Section("key_messages", "Key messages", is_commentary=True),
    Section("children", "The children"),
    Section("caseloads", "The service and its caseloads"),
    Section("reviews", "Reviews"),
    Section("participation", "The children's participation"),
    Section("stability", "Stability and permanence"),
    Section("child_protection", "Child protection"),
    Section("dispute_resolution", "Dispute resolution"),
    Section("went_well", "What went well", is_commentary=True),
    Section("must_improve", "What must improve", is_commentary=True),
    Section("priorities", "Priorities and recommendations", is_commentary=True),
)

#: The commentary ``iro publish --final`` requires, by period type.
REQUIRED_COMMENTARY = {
    "financial_year": ("key_messages", "went_well", "must_improve", "priorities"),
    "month": ("key_messages",),
}


@dataclass(frozen=True)
class Edition:
    edition_id: str
    file_stem: str
    name: str
    audience: str


EDITIONS: tuple[Edition, ...] = (
    Edition(
        "full",
        "report",
        "Full report",
        "Looked after children, child protection, the IRO service and dispute resolution",
    ),
    Edition(
        "panel",
        "report-panel",
        "Corporate Parenting Panel edition",
        "Looked after children, the IRO service and dispute resolution, "
        "for the Corporate Parenting Panel",
    ),
    Edition(
        "safeguarding",
        "report-safeguarding",
        "Safeguarding Partnership edition",
        "Child protection, IROs as chairs of conferences and dispute resolution, "
        "for the Safeguarding Partnership",
    ),
)


def section_names() -> dict[str, str]:
    """Headings the commentary may use for each section: its title or its id."""
    names = {}
    for s in SECTIONS:
        names[commentary_.heading_key(s.title)] = s.section_id
        names[commentary_.heading_key(s.section_id)] = s.section_id
    return names


def commentary_problems(commentary_dir: Path, period: Period) -> list[str]:
    """Why the period's commentary is not ready for a final publication (empty when it is)."""
    notes = commentary_.load(commentary_dir, period, section_names())
    if not notes.exists:
        return [f"there is no commentary file {notes.path}"]
    titles = {s.section_id: s.title for s in SECTIONS}
    problems = [
        f"section {titles[s]!r} has no commentary in {notes.path}"
        for s in notes.missing(REQUIRED_COMMENTARY[period.period_type])
    ]
    problems += [
        f"heading {h!r} in {notes.path} names no section of the report"
        for h in notes.unknown_headings
    ]
    return problems


# --- the model ---------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One published value: of a measure, for a period (and a breakdown category)."""

    measure_id: str
    period_label: str
    text: str  # the published value; "" when the warehouse has no such figure
    category: str = ""

    @property
    def is_suppressed(self) -> bool:
        return self.text == wording.SUPPRESSED

    @property
    def shown(self) -> str:
        """What a table shows: the published value, or a dash when there is no figure."""
        return self.text or "–"

    @property
    def number(self) -> float | None:
        value = wording.number(self.text)
        return None if value is None else float(value)


@dataclass(frozen=True)
class FigureRow:
    measure: Measure
    now: Cell
    before: Cell
    year_earlier: Cell | None  # months only: the same month a year earlier
    change: Change
    sentence: list[Part]
    #: in a region: the regional median of the period ("" when none), else None
    regional_median: Cell | None = None


@dataclass(frozen=True)
class ChartData:
    chart_id: str
    title: str
    measures: tuple[Measure, ...]
    periods: tuple[str, ...]  # labels, oldest first
    cells: dict[tuple[str, str], Cell]  # (measure_id, period label) -> cell
    band: tuple[float, float] | None

    @property
    def unit(self) -> str:
        return self.measures[0].unit

    @property
    def kind(self) -> str:
        """Counts as bars; rates, ratios and days as lines."""
        return "bars" if all(m.unit == "count" for m in self.measures) else "lines"

    def cell(self, measure_id: str, label: str) -> Cell:
        return self.cells.get((measure_id, label), Cell(measure_id, label, ""))

    def suppressed(self) -> list[Cell]:
        return [c for c in self.cells.values() if c.is_suppressed]


@dataclass(frozen=True)
class BreakdownTable:
    breakdown: str
    title: str
    categories: tuple[tuple[str, str], ...]  # (category, words)
    measures: tuple[Measure, ...]
    cells: dict[tuple[str, str], Cell]  # (measure_id, category) -> cell

    def cell(self, measure_id: str, category: str) -> Cell:
        return self.cells.get((measure_id, category), Cell(measure_id, "", "", category))


@dataclass(frozen=True)
class SectionData:
    section: Section
    rows: tuple[FigureRow, ...] = ()
    charts: tuple[ChartData, ...] = ()
    breakdowns: tuple[BreakdownTable, ...] = ()
    commentary_html: str = ""

    @property
    def standards(self) -> list[str]:
        """The guidelines and timescales its figures are read against, each once."""
        seen: list[str] = []
        for row in self.rows:
            if row.measure.standard and row.measure.standard not in seen:
                seen.append(row.measure.standard)
        return seen

    def for_edition(self, edition: str) -> SectionData | None:
        """The section as an edition shows it; None when it has nothing for that edition."""
        if self.section.is_commentary:
            return self
        rows = tuple(r for r in self.rows if r.measure.in_edition(edition))
        if not rows:
            return None
        charts = []
        for chart in self.charts:
            kept = tuple(m for m in chart.measures if m.in_edition(edition))
            if kept:
                charts.append(replace(chart, measures=kept))
        tables = []
        for table in self.breakdowns:
            kept = tuple(m for m in table.measures if m.in_edition(edition))
            if kept:
                tables.append(replace(table, measures=kept))
        return replace(self, rows=rows, charts=tuple(charts), breakdowns=tuple(tables))


@dataclass
class Paper:
    """Everything the report of one period shows."""

    period: Period
    previous: Period
    year_earlier: Period | None  # months only
    extract_date: date
    is_provisional: bool
    commentary: Commentary
    sections: list[SectionData]
    trend: list[Period]  # the periods of the charts and sparklines, oldest first
    values: dict[tuple[str, str], Cell]  # (measure_id, period label) -> cell
    measures: dict[str, Measure]
    restatements: list[dict] = field(default_factory=list)
    data_quality: list[tuple[str, str, str]] = field(default_factory=list)
    glossary: list[tuple[str, str]] = field(default_factory=list)
    #: in a region: the regional median of each measure of the period (published
    #: values only, from the regional benchmark), shown beside the authority's figure
    regional_medians: dict[str, str] = field(default_factory=dict)

    @property
    def is_draft(self) -> bool:
        """True while the service has written none of the commentary it must."""
        return bool(self.commentary.missing(REQUIRED_COMMENTARY[self.period.period_type]))

    def edition(self, edition: Edition) -> list[SectionData]:
        out = []
        for section in self.sections:
            shown = section.for_edition(edition.edition_id)
            if shown is not None:
                out.append(shown)
        return out

    def cell(self, measure_id: str, period: Period) -> Cell:
        return self.values.get((measure_id, period.label), Cell(measure_id, period.label, ""))

    def headline(self) -> list[tuple[Section, list[Measure]]]:
        """The one-pager's figures, grouped by section in the paper's order."""
        out = []
        for section in SECTIONS:
            chosen = [
                m
                for m in self.measures.values()
                if m.section == section.section_id and m.is_headline
            ]
            if chosen:
                out.append((section, chosen))
        return out


# --- reading it ----------------------------------------------------------------------

_DATA_QUALITY = """
select table_name, rule, published_rows_left_out
from {reporting}.data_quality_summary
where rows_left_out > 0
order by table_name, rule
"""


def trend_periods(period: Period) -> list[Period]:
    """Five financial years for a year; 13 months for a month; oldest first."""
    if period.period_type == "financial_year":
        return [period.shifted(-i) for i in reversed(range(TREND_YEARS))]
    return period.months_ending(TREND_MONTHS)


def read_glossary() -> list[tuple[str, str]]:
    with (TEMPLATES / "glossary.csv").open(encoding="utf-8", newline="") as f:
        return [(row["term"], row["meaning"]) for row in csv.DictReader(f)]


def load(
    url: str,
    period: Period,
    extract_date: date,
    commentary_dir: Path,
    build: Build | None = None,
    regional_medians: dict[str, str] | None = None,
) -> Paper:
    """Read what the report of ``period`` shows from the warehouse (published values only).

    ``build`` names a build as known at an earlier day (its schemas);
    restatements come from the live bookkeeping, those recorded up to
    ``extract_date``. ``regional_medians`` (a region's benchmark of the
    period, by measure) adds a column beside the period's figures.
    """
    reporting = build.schema("reporting") if build else "reporting"
    previous = period.previous()
    year_earlier = period.year_earlier() if period.period_type == "month" else None
    trend = trend_periods(period)
    wanted = sorted({period, previous, *trend, *([year_earlier] if year_earlier else [])})
    published = figures_.read(url, wanted, build)
    values = {
        (f.measure_id, f.period_label): Cell(f.measure_id, f.period_label, f.published_value)
        for f in published
    }
    measures = measures_.read(url, build)
    notes = commentary_.load(commentary_dir, period, section_names())
    current = [f for f in published if (f.period_type, f.period_label) == period.key]
    shown = {f.measure_id for f in current}
    paper = Paper(
        period=period,
        previous=previous,
        year_earlier=year_earlier,
        extract_date=extract_date,
        is_provisional=any(f.is_provisional for f in current),
        commentary=notes,
        sections=[],
        trend=trend,
        values=values,
        measures={k: m for k, m in measures.items() if k in shown},
        restatements=records.restatements_for(url, period, extract_date),
        data_quality=[
            tuple(r) for r in warehouse.query(url, _DATA_QUALITY.format(reporting=reporting))
        ],
        glossary=read_glossary(),
        regional_medians=dict(regional_medians or {}),
    )
    split = breakdowns_.read(url, period, build)
    paper.sections = [_section(paper, s, split) for s in SECTIONS]
    return paper


def _section(
    paper: Paper, section: Section, split: list[breakdowns_.BreakdownValue]
) -> SectionData:
    html = paper.commentary.html(section.section_id)
    if section.is_commentary:
        return SectionData(section, commentary_html=html)
    chosen = [m for m in paper.measures.values() if m.section == section.section_id]
    chosen.sort(key=lambda m: (m.sort_order, m.measure_id))
    rows = tuple(_row(paper, m) for m in chosen)
    return SectionData(
        section,
        rows=rows,
        charts=tuple(_charts(paper, section, chosen)),
        breakdowns=tuple(_breakdown_tables(paper, chosen, split)),
        commentary_html=html,
    )


def _row(paper: Paper, m: Measure) -> FigureRow:
    now = paper.cell(m.measure_id, paper.period)
    before = paper.cell(m.measure_id, paper.previous)
    change = wording.change(
        now.text,
        before.text,
        unit=m.unit,
        decimals=m.decimals,
        change_words=m.change_words,
        better=m.better,
    )
    return FigureRow(
        measure=m,
        now=now,
        before=before,
        year_earlier=paper.cell(m.measure_id, paper.year_earlier) if paper.year_earlier else None,
        change=change,
        sentence=wording.sentence(
            m.sentence,
            measure_id=m.measure_id,
            label=m.label,
            value=now.text,
            unit=m.unit,
            period=paper.period,
            change_=change,
            previous=paper.previous,
        ),
        regional_median=(
            Cell(m.measure_id, paper.period.label, paper.regional_medians.get(m.measure_id, ""))
            if paper.regional_medians
            else None
        ),
    )


def _charts(paper: Paper, section: Section, chosen: list[Measure]) -> list[ChartData]:
    titles: dict[str, list[Measure]] = {}
    for m in chosen:
        if m.chart:
            titles.setdefault(m.chart, []).append(m)
    out = []
    for n, (title, ms) in enumerate(titles.items(), start=1):
        labels = tuple(p.label for p in paper.trend)
        cells = {
            (m.measure_id, p.label): paper.cell(m.measure_id, p) for m in ms for p in paper.trend
        }
        band = next((m.chart_band for m in ms if m.chart_band), None)
        out.append(ChartData(f"{section.section_id}-{n}", title, tuple(ms), labels, cells, band))
    return out


def _breakdown_tables(
    paper: Paper, chosen: list[Measure], split: list[breakdowns_.BreakdownValue]
) -> list[BreakdownTable]:
    ids = {m.measure_id for m in chosen}
    mine = [v for v in split if v.measure_id in ids]
    out = []
    for breakdown, (title, categories) in breakdowns_.BREAKDOWNS.items():
        rows = [v for v in mine if v.breakdown == breakdown]
        if not rows:
            continue
        with_rows = {v.measure_id for v in rows}
        cells = {
            (v.measure_id, v.category): Cell(
                v.measure_id, paper.period.label, v.published_value, v.category
            )
            for v in rows
        }
        out.append(
            BreakdownTable(
                breakdown,
                title,
                categories,
                tuple(m for m in chosen if m.measure_id in with_rows),
                cells,
            )
        )
    return out
