"""The report on a small hand-made warehouse: a suppressed month, and the equality profile.

The warehouse holds only what the report reads, shaped as the real tables and
views are: the measure seed (``dbt_project/seeds/measures.csv``), the public
figures, the data-quality summary and, as contract 2 will add it, the public
breakdowns, with a measure of contract 2 (``cp_children_at_end``) in the seed.
A month's count of escalations about plan delay is from 1 to 5 (published
``c``), and so is a year's count of escalations about timescales; a
breakdown has a primary and a secondary suppression; the period's
``panel_breakdowns.csv`` is written from it, and a warehouse without the view
publishes without that file. Fast: no dbt, no DAG.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from datetime import date

import psycopg2
import pytest
from docx import Document
from iro_warehouse import periods
from iro_warehouse.publishing import breakdowns, charts, figures, files, paper, report, word
from lxml import html as lxml_html

from tests.conftest import PROJECT_DIR, query

SEED = PROJECT_DIR / "dbt_project/seeds/measures.csv"
EXTRACT = date(2017, 6, 15)
FY = periods.parse("2016-17")
MONTH = periods.parse("2017-03")
HIDDEN = {("drp_raised_delay", "2016-11"), ("drp_raised_timescale", "2013-14")}
BREAKDOWN = {
    ("cla_at_end", "sex"): {"male": "420", "female": "398", "unknown": "c"},
    ("cp_children_at_end", "sex"): {"male": "250", "female": "c", "unknown": "c"},
}

DDL = """
create schema reporting;
create table reporting.measures (
    measure_id text, measure_label text, unit text, area text, sort_order integer,
    section text, better text, is_suppression_exempt boolean, decimals integer,
    editions text, is_headline boolean, chart text, chart_band text, sentence text,
    change_words text, standard text
);
create table reporting.panel_figures_public (
    period_type text, period_label text, period_start date, period_end date, measure_id text,
    unit text, numerator numeric, denominator numeric, published_value text,
    is_provisional boolean, computed_at timestamptz
);
create table reporting.data_quality_summary (
    table_name text, rule text, rows_left_out integer, published_rows_left_out text
);
create table reporting.panel_breakdowns_public as
    select *, ''::text as breakdown, ''::text as category
    from reporting.panel_figures_public where false;
"""


def _value(measure: dict, n: int) -> str:
    """A plausible published value for the n-th period (all different, none from 1 to 5)."""
    if measure["unit"] == "count":
        return str(40 + 3 * n + int(measure["sort_order"]) // 10)
    places = int(measure["decimals"])
    return f"{60 + n * 1.5 + int(measure['sort_order']) % 7:.{places}f}"


@pytest.fixture(scope="module")
def small_warehouse(make_database) -> str:
    url = make_database("iro_test_report")
    with SEED.open(encoding="utf-8", newline="") as f:
        seed = list(csv.DictReader(f))  # cp_children_at_end (contract 2) is in it
    wanted = [*(FY.shifted(-i) for i in range(6)), *MONTH.months_ending(14)]
    rows = []
    for m in seed:
        for n, p in enumerate(wanted):
            value = "c" if (m["measure_id"], p.label) in HIDDEN else _value(m, n)
            rows.append(
                (p.period_type, p.label, p.start, p.end, m["measure_id"], m["unit"], None, None,
                 value, False)
            )  # fmt: skip
    split = []
    for (measure_id, breakdown), values in BREAKDOWN.items():
        for category, value in values.items():
            split.append(
                ("financial_year", FY.label, FY.start, FY.end, measure_id, "count", None, None,
                 value, False, breakdown, category)
            )  # fmt: skip
    columns = list(seed[0])
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=columns).writerows(seed)
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute(DDL)
        buffer.seek(0)
        cur.copy_expert(
            f"copy reporting.measures ({', '.join(columns)}) from stdin with (format csv)", buffer
        )
        cur.executemany(
            "insert into reporting.panel_figures_public values "
            "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, now())",
            rows,
        )
        cur.executemany(
            "insert into reporting.panel_breakdowns_public values "
            "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, now(), %s, %s)",
            split,
        )
        cur.execute(
            "insert into reporting.data_quality_summary values ('ssd_person', 'null_key', 12, '12')"
        )
    conn.close()
    return url


@pytest.fixture(scope="module")
def rendered(small_warehouse, tmp_path_factory) -> dict:
    notes = tmp_path_factory.mktemp("no_commentary")
    out = {}
    for period in (FY, MONTH):
        model = paper.load(small_warehouse, period, EXTRACT, notes)
        drawn = report.Charts()
        out[period.label] = {
            "paper": model,
            "pages": report.render(model, drawn),
            "docx": word.documents(model, drawn),
        }
    return out


def _published(url: str) -> dict[tuple[str, str, str], str]:
    shown = {
        (m, p, ""): v
        for m, p, v in query(
            url, "select measure_id, period_label, published_value "
            "from reporting.panel_figures_public"
        )
    }  # fmt: skip
    for m, p, c, v in query(
        url,
        "select measure_id, period_label, category, published_value "
        "from reporting.panel_breakdowns_public",
    ):
        shown[(m, p, c)] = v
    return shown


def _figures(page: str) -> list[tuple[str, str, str, str]]:
    tree = lxml_html.fromstring(page)
    return [
        (e.get("data-measure"), e.get("data-period"), e.get("data-category") or "", e.text or "")
        for e in tree.xpath("//data[@class='fig']")
    ]


def test_every_figure_on_every_page_is_the_published_one(rendered, small_warehouse):
    published = _published(small_warehouse)
    for label, got in rendered.items():
        for name, page in got["pages"].items():
            shown = _figures(page)
            assert shown, (label, name)
            for measure, period, category, text in shown:
                assert text == published.get((measure, period, category), "–"), (
                    label, name, measure, period, category,
                )  # fmt: skip


def test_a_suppressed_month_is_a_marked_gap_and_c_in_words(rendered):
    got = rendered[MONTH.label]
    chart = next(
        c for s in got["paper"].sections for c in s.charts
        if "drp_raised_delay" in {m.measure_id for m in c.measures}
    )  # fmt: skip
    delay = next(p for p in charts.panels(chart) if p.title.endswith("plan delay"))
    gap = [p for p in delay.points if p.period == "2016-11"]
    assert [(p.value, p.suppressed) for p in gap] == [(None, True)]
    drawn = charts.draw(chart)
    assert len(re.findall(r"<text[^>]*>c</text>", drawn.svg)) == 1
    assert "c (suppressed) in 2016-11" in drawn.summary_text
    page = got["pages"]["report.html"]
    figure = re.search(rf'<figure class="chart" id="chart-{chart.chart_id}".*?</figure>', page,
                       re.S).group(0)  # fmt: skip
    assert "c (suppressed) in 2016-11" in re.sub(r"<[^>]+>", "", figure)


def test_a_suppressed_year_in_the_five_year_chart(rendered):
    page = rendered[FY.label]["pages"]["report.html"]
    tree = lxml_html.fromstring(page)
    fig = tree.xpath("//figure[contains(@data-measures, 'drp_raised_timescale')]")[0]
    assert "c (suppressed) in 2013-14" in fig.xpath(".//p[@class='alt']")[0].text_content()
    cells = fig.xpath(".//data[@data-measure='drp_raised_timescale'][@data-period='2013-14']")
    assert [c.text for c in cells] == ["c"]
    marks = [t for t in fig.xpath(".//*[local-name()='text']") if (t.text or "").strip() == "c"]
    assert len(marks) == 1


def test_the_equality_profile_drops_into_its_sections_and_editions(rendered):
    pages = rendered[FY.label]["pages"]
    panel = lxml_html.fromstring(pages["report-panel.html"])
    tables = panel.xpath("//section[@data-section='children']//table[@data-breakdown='sex']")
    assert len(tables) == 1
    cells = {
        (d.get("data-measure"), d.get("data-category")): d.text
        for d in tables[0].xpath(".//data[@class='fig']")
    }
    assert cells == {("cla_at_end", "male"): "420", ("cla_at_end", "female"): "398",
                     ("cla_at_end", "unknown"): "c"}  # fmt: skip
    assert not panel.xpath("//data[@data-measure='cp_children_at_end']")
    safe = lxml_html.fromstring(pages["report-safeguarding.html"])
    cp = safe.xpath("//section[@data-section='child_protection']//table[@data-breakdown='sex']")
    assert [d.text for d in cp[0].xpath(".//data[@class='fig']")] == ["250", "c", "c"]
    # the contract-2 measure found its section and edition from the seed alone
    words = safe.xpath("//section[@data-section='child_protection']//ul[@class='sentences']")[0]
    assert "children were on a child protection plan" in words.text_content()


def test_sections_of_each_edition_in_the_papers_order(rendered):
    pages = rendered[FY.label]["pages"]
    order = [s.section_id for s in paper.SECTIONS]
    for name, expect_missing in (
        ("report.html", set()),
        ("report-panel.html", {"child_protection"}),
        # children's participation in CP review conferences (contract 2) is the safeguarding
        # edition's too
        ("report-safeguarding.html", {"children", "reviews", "stability"}),
    ):
        tree = lxml_html.fromstring(pages[name])
        got = [s.get("data-section") for s in tree.xpath("//main/section[@data-section]")]
        assert got == [s for s in order if s not in expect_missing], name


def test_without_commentary_every_section_is_marked_draft(rendered):
    for got in rendered.values():
        page = lxml_html.fromstring(got["pages"]["report.html"])
        sections = page.xpath("//main/section[@data-section]")
        assert all(s.xpath(".//p[@class='draft']") for s in sections)
        assert page.xpath("//*[@id='draft-banner']")


def _numbers(text: str) -> Counter:
    return Counter(re.findall(r"\d+(?:\.\d+)?", text))


def test_the_word_documents_hold_the_pages_numbers(rendered):
    for got in rendered.values():
        for stem in ("report", "report-panel", "report-safeguarding"):
            doc = Document(io.BytesIO(got["docx"][f"{stem}.docx"]))
            text = [p.text for p in doc.paragraphs]
            for table in doc.tables:
                text += [c.text for row in table.rows for c in row.cells]
            tree = lxml_html.fromstring(got["pages"][f"{stem}.html"])
            for bad in tree.xpath("//svg | //nav | //title | //style | //*[@aria-hidden='true']"):
                bad.drop_tree()
            assert _numbers("\n".join(text)) == _numbers(" ".join(tree.itertext())), stem


def test_in_a_region_the_regional_median_stands_beside_the_figure(
    small_warehouse, tmp_path, rendered
):
    """Optional: only given medians add the column; a measure without one shows a dash."""
    medians = {"cla_at_end": "640", "cla_started": "c"}
    model = paper.load(small_warehouse, FY, EXTRACT, tmp_path, regional_medians=medians)
    drawn = report.Charts()
    page = report.render(model, drawn)["report.html"]
    tree = lxml_html.fromstring(page)
    assert tree.xpath("//th[starts-with(normalize-space(.), 'Regional median')]")
    cells = {
        row.get("data-measure"): row.xpath("string(td[contains(@class, 'regional-median')])")
        for row in tree.xpath("//table[@class='figures']//tr[@data-measure]")
    }
    assert cells["cla_at_end"] == "640"
    assert cells["cla_started"] == "c (suppressed)"
    assert set(v for k, v in cells.items() if k not in medians) <= {"–"}
    # the authority's own figures are untouched, and without medians there is no column
    assert _figures(page) == _figures(rendered[FY.label]["pages"]["report.html"])
    assert "Regional median" not in rendered[FY.label]["pages"]["report.html"]
    document = Document(io.BytesIO(word.documents(model, drawn)["report.docx"]))
    headers = [c.text for t in document.tables for c in t.rows[0].cells]
    assert any(h.startswith("Regional median") for h in headers)


def test_panel_breakdowns_csv_in_the_contracts_order(small_warehouse, tmp_path):
    rows = breakdowns.file_rows(small_warehouse, FY)
    folder = files.write_period(
        tmp_path, FY, figures.of_period(small_warehouse, FY), {}, extract_date=EXTRACT,
        breakdowns=rows,
    )  # fmt: skip
    text = (folder / "panel_breakdowns.csv").read_text(encoding="utf-8")
    cla = "cla_at_end,Children looked after at the end of the period,sex"
    cp = "cp_children_at_end,Children on a child protection plan at the end of the period,sex"
    # measures in the seed's order (10, then 205), categories in the contract's order
    assert text.splitlines() == [
        "measure_id,measure_label,breakdown,category,unit,published_value",
        f"{cla},male,count,420",
        f"{cla},female,count,398",
        f"{cla},unknown,count,c",
        f"{cp},male,count,250",
        f"{cp},female,count,c",
        f"{cp},unknown,count,c",
    ]
    # no numerator or denominator in the file; nothing else in the folder changed its name
    assert {p.name for p in folder.iterdir()} == {
        "panel_figures.csv", "panel_figures.json", "panel_breakdowns.csv",
    }  # fmt: skip


def test_a_warehouse_without_breakdowns_publishes_without_the_file(make_database, tmp_path):
    url = make_database("iro_test_no_breakdowns")
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute("create schema reporting")
    conn.close()
    assert breakdowns.file_rows(url, FY) is None
    assert breakdowns.read(url, FY) == []
    figure = figures.Figure(
        "financial_year", FY.label, "cla_at_end", "Children looked after", "count", "812",
        None, None, False, 10,
    )  # fmt: skip
    folder = files.write_period(tmp_path, FY, [figure], {}, extract_date=EXTRACT, breakdowns=None)
    assert {p.name for p in folder.iterdir()} == {"panel_figures.csv", "panel_figures.json"}
