"""The published pack: the numbers shown are the warehouse's, disclosure control holds
everywhere, the report is self-contained, and publication is atomic."""

from __future__ import annotations

import csv
import json
import re

import pytest
from iro_warehouse import config, periods
from iro_warehouse.publishing import publisher, report
from iro_warehouse.warehouse import live_build

from tests.conftest import query

pytestmark = pytest.mark.slow

STAFF = {"iro_in_post_at_end", "iro_fte_at_end", "iro_over_guideline_at_end"}


def _published(warehouse: str, label: str) -> dict[str, tuple]:
    return {
        r[0]: r[1:]
        for r in query(
            warehouse,
            "select measure_id, unit, published_value, numerator, denominator "
            "from reporting.panel_figures where period_label = %s",
            (label,),
        )
    }


def _headline_cells(html_text: str) -> dict[str, str]:
    rows = re.findall(
        r'<tr data-measure="([a-z0-9_]+)">.*?<td class="num value"><data [^>]*>([^<]*)</data>',
        html_text,
        re.S,
    )
    return dict(rows)


def _figures(html_text: str) -> list[tuple[str, str, str]]:
    """Every published value a page shows: (measure, period, text)."""
    return re.findall(
        r'<data class="fig" value="[^"]*" data-measure="([a-z0-9_]+)" '
        r'data-period="([^"]*)"[^>]*>([^<]*)</data>',
        html_text,
    )


@pytest.mark.parametrize(
    ("folder", "label"), [("month/2017-03", "2017-03"), ("financial_year/2016-17", "2016-17")]
)
def test_numbers_shown_equal_the_warehouse(pack, folder, label):
    expected = _published(pack["warehouse"], label)
    assert len(expected) == 46  # 38 measures of contract 1, 8 of contract 2
    base = pack["out"] / folder
    with (base / "panel_figures.csv").open() as f:
        from_csv = {r["measure_id"]: r["published_value"] for r in csv.DictReader(f)}
    from_json = {
        r["measure_id"]: r["published_value"]
        for r in json.loads((base / "panel_figures.json").read_text())["figures"]
    }
    from_html = _headline_cells((base / "report.html").read_text())
    want = {m: v[1] for m, v in expected.items()}
    assert from_csv == want
    assert from_json == want
    assert from_html == want


def _is_small(text: str) -> bool:
    try:
        return 1 <= float(text) <= 5 and float(text) == int(float(text))
    except ValueError:
        return False


def test_no_count_from_1_to_5_is_published(pack):
    """Staff figures are the contract's one exception: they are never suppressed."""
    files = list(pack["out"].rglob("*"))
    assert any(p.name == "report.html" for p in files)
    for path in files:
        if path.name == "panel_figures.csv":
            for row in csv.DictReader(path.open()):
                if row["measure_id"] in STAFF:
                    continue
                if row["unit"] == "count":
                    assert not _is_small(row["published_value"]), (path, row)
                for part in ("numerator", "denominator"):
                    # ratios carry the FTE as denominator: not a count of anyone
                    if row["unit"] == "ratio" and part == "denominator":
                        continue
                    assert not _is_small(row[part]), (path, row)
        elif path.name == "panel_breakdowns.csv":
            for row in csv.DictReader(path.open()):
                assert set(row) == {
                    "measure_id", "measure_label", "breakdown", "category", "unit",
                    "published_value",
                }  # fmt: skip
                if row["unit"] == "count":
                    assert not _is_small(row["published_value"]), (path, row)
        elif path.name == "panel_figures.json":
            for row in json.loads(path.read_text())["figures"]:
                if row["unit"] == "count" and row["measure_id"] not in STAFF:
                    assert not _is_small(row["published_value"]), (path, row)
        elif path.suffix == ".html":
            text = path.read_text()
            shown = _figures(text)
            assert shown, path
            for measure, _period, cell in shown:
                if measure in STAFF:
                    continue
                # counts are whole numbers; rates and ratios always carry decimals
                assert "." in cell or not _is_small(cell), (path, measure, cell)
            dq = re.search(r'<table id="data-quality">.*?</table>', text, re.S)
            for cell in re.findall(r'<td class="num">([^<]*)</td>', dq.group(0) if dq else ""):
                assert not _is_small(cell), (path, cell)


def test_the_report_makes_no_network_request(pack):
    for page in pack["out"].rglob("*.html"):
        text = page.read_text()
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text), page
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), page
        assert "@import" not in text and "<link" not in text and "<script src" not in text
        assert "<svg" in text and "<style>" in text
        assert "<script" not in text


def test_report_is_accessible_and_printable(pack):
    text = (pack["out"] / "month/2017-03/report.html").read_text()
    assert '<html lang="en-GB">' in text
    assert text.count("<h1") == 1 and text.count("<h2") >= 8
    assert text.count("<table") == text.count("<caption>") >= 8
    # every chart has a text alternative and its figures in a table
    figures = re.findall(r'<figure class="chart" id="chart-[a-z_0-9-]+".*?</figure>', text, re.S)
    assert len(figures) >= 6
    for fig in figures:
        assert re.search(r'role="img" aria-labelledby="cap-[^"]+" aria-describedby="alt-', fig)
        assert '<table class="chart-data">' in fig
    assert "@page { size: A4" in text


def test_comparisons_are_beside_the_headline(pack):
    text = (pack["out"] / "month/2017-03/report.html").read_text()
    assert '<th scope="col" class="num">2017-02</th>' in text
    assert '<th scope="col" class="num">2016-03</th>' in text


def test_a_failed_publication_leaves_the_previous_files(pack, monkeypatch):
    folder = pack["out"] / "financial_year/2016-17"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def broken(*args):
        raise RuntimeError("chart rendering failed")

    monkeypatch.setattr(report, "render", broken)
    with pytest.raises(RuntimeError, match="chart rendering failed"):
        settings = config.Settings.from_env(
            {"WAREHOUSE_URL": pack["warehouse"], "IRO_OUTPUT_DIR": str(pack["out"])}
        )
        publisher.publish_periods(
            settings, live_build(pack["warehouse"]), [periods.parse("2016-17")]
        )
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]


def test_report_renders_in_a_browser(pack, browser, tmp_path):
    """Headless Chromium opens the report; the charts draw; a screenshot is taken."""
    from selenium.webdriver.common.by import By

    page = pack["out"] / "month/2017-03/report.html"
    browser.get(page.as_uri())
    svgs = browser.find_elements(By.CSS_SELECTOR, "figure.chart svg")
    assert len(svgs) >= 6
    for svg in svgs:
        size = svg.size
        assert size["width"] > 100 and size["height"] > 100
        marks = svg.find_elements(By.CSS_SELECTOR, "path, rect, circle")
        # a chart of small counts draws little but its axes and the few published
        # values; its text alternative then names the suppressed periods
        figure = svg.find_element(By.XPATH, "./ancestor::figure[1]")
        mostly_suppressed = "c (suppressed)" in figure.get_attribute("innerHTML")
        assert len(marks) > 10 or (mostly_suppressed and marks)
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 20_000


def test_public_view_holds_only_published_values(pack):
    cols = [
        r[0]
        for r in query(
            pack["warehouse"],
            "select column_name from information_schema.columns "
            "where table_schema = 'reporting' and table_name = 'panel_figures_public' "
            "order by ordinal_position",
        )
    ]
    assert "published_value" in cols
    assert "value" not in cols
    rows = query(
        pack["warehouse"],
        "select p.published_value, f.published_value from reporting.panel_figures_public p "
        "join reporting.panel_figures f using (period_type, period_label, measure_id)",
    )
    assert rows and all(a == b for a, b in rows)
    hidden = query(
        pack["warehouse"],
        "select count(*) from reporting.panel_figures_public "
        "where published_value = 'c' and (numerator is not null or denominator is not null)",
    )
    assert hidden == [(0,)]


REPORTS = ("report", "report-panel", "report-safeguarding")


def test_files_folder_layout(pack):
    assert sorted(
        str(p.relative_to(pack["out"])) for p in pack["out"].rglob("*") if p.is_file()
    ) == sorted(
        f"{folder}/{name}"
        for folder, extra in (
            ("financial_year/2016-17", ()),
            ("month/2017-03", ("one-pager.html",)),
        )
        for name in (
            "panel_figures.csv",
            "panel_figures.json",
            "panel_breakdowns.csv",
            *(f"{stem}.{ext}" for stem in REPORTS for ext in ("html", "docx")),
            *extra,
        )
    )


def test_no_suppressed_breakdown_count_stands_alone(pack):
    """Secondary suppression: in a breakdown of a count, a c never stands alone
    beside non-zero published categories (measures.md, "Breakdowns (contract 2)")."""
    seen = 0
    for path in pack["out"].rglob("panel_breakdowns.csv"):
        groups: dict[tuple[str, str], list[str]] = {}
        for row in csv.DictReader(path.open()):
            if row["unit"] == "count":
                groups.setdefault((row["measure_id"], row["breakdown"]), []).append(
                    row["published_value"]
                )
        for key, values in groups.items():
            seen += 1
            if values.count("c") == 1:
                assert all(v == "0" for v in values if v != "c"), (path, key, values)
    assert seen
