"""The editions and the one-pager in a real browser, and the Word documents.

Expected numbers come from the warehouse (``reporting.panel_figures``, and
``reporting.panel_breakdowns`` when contract 2 has built it), never from the
renderer. The county (scale 0.2) has months whose counts are from 1 to 5: the
tests check first that such a month is on the pages, then that it is shown
only as ``c``, everywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from docx import Document
from lxml import html as lxml_html

from tests.conftest import query, run_iro
from tests.e2e.conftest import axe_source, open_page

pytestmark = pytest.mark.slow

PAPER_ORDER = (
    "key_messages", "children", "caseloads", "reviews", "participation", "stability",
    "child_protection", "dispute_resolution", "went_well", "must_improve", "priorities",
)  # fmt: skip
COMMENTARY_ONLY = {"key_messages", "went_well", "must_improve", "priorities"}
EDITIONS = {"report": "full", "report-panel": "panel", "report-safeguarding": "safeguarding"}
PAGES = [
    *(f"financial_year/2016-17/{stem}.html" for stem in EDITIONS),
    *(f"month/2017-03/{stem}.html" for stem in EDITIONS),
    "month/2017-03/one-pager.html",
]
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
STAFF = {"iro_in_post_at_end", "iro_fte_at_end", "iro_over_guideline_at_end"}

_COLLECT = """
const out = {figures: [], changes: [], alts: [], sparks: [], charts: [], sections: []};
for (const e of document.querySelectorAll('data.fig')) {
  // a breakdown's category is named with its breakdown: "unknown" is in all three
  const table = e.closest('table.breakdown');
  const category = e.dataset.category ? `${table.dataset.breakdown}:${e.dataset.category}` : '';
  out.figures.push([e.dataset.measure, e.dataset.period, category, e.textContent]);
}
for (const e of document.querySelectorAll('span.change')) {
  out.changes.push([e.dataset.measure, e.dataset.since, e.textContent]);
}
for (const e of document.querySelectorAll('p.alt')) {
  const copy = e.cloneNode(true);
  copy.querySelectorAll('data.fig, span.name').forEach(d => d.remove());
  out.alts.push(copy.textContent);
}
for (const e of document.querySelectorAll('.sparkline')) {
  out.sparks.push([e.dataset.measure, e.getAttribute('aria-label')]);
}
for (const f of document.querySelectorAll('figure.chart')) {
  const marks = [...f.querySelectorAll('svg text')].filter(t => t.textContent.trim() === 'c');
  const hidden = [...f.querySelectorAll('table data.fig')].filter(d => d.textContent === 'c');
  out.charts.push([f.id, marks.length, hidden.length]);
}
for (const s of document.querySelectorAll('main > section[data-section]')) {
  out.sections.push(s.dataset.section);
}
out.resources = performance.getEntriesByType('resource').map(r => r.name);
return out;
"""


@pytest.fixture(scope="module")
def warehouse_values(pack) -> dict:
    """Published values by (measure, period, breakdown:category), straight from the warehouse."""
    rows = query(
        pack["warehouse"],
        "select measure_id, period_label, '', published_value, value, unit "
        "from reporting.panel_figures",
    )
    if query(pack["warehouse"], "select to_regclass('reporting.panel_breakdowns') is not null")[0][
        0
    ]:
        rows += query(
            pack["warehouse"],
            "select measure_id, period_label, breakdown || ':' || category, published_value, "
            "value, unit "
            "from reporting.panel_breakdowns",
        )
    return {(r[0], r[1], r[2]): (r[3], r[4], r[5]) for r in rows}


@pytest.fixture(scope="module")
def pages(pack, browser) -> dict:
    """What each page shows, read once in the browser."""
    seen = {}
    for page in PAGES:
        open_page(browser, pack["out"] / page)
        seen[page] = browser.execute_script(_COLLECT)
    return seen


def _edition_sections(warehouse: str, edition: str) -> list[str]:
    rows = query(warehouse, "select section, editions from reporting.measures")
    with_figures = {s for s, e in rows if edition == "full" or edition in e.split()}
    return [s for s in PAPER_ORDER if s in COMMENTARY_ONLY or s in with_figures]


@pytest.mark.parametrize("stem", list(EDITIONS))
def test_sections_come_in_the_papers_order(pages, pack, stem):
    for folder in ("financial_year/2016-17", "month/2017-03"):
        want = _edition_sections(pack["warehouse"], EDITIONS[stem])
        assert pages[f"{folder}/{stem}.html"]["sections"] == want


def test_the_editions_keep_their_own_measures(pages):
    panel = {f[0] for f in pages["financial_year/2016-17/report-panel.html"]["figures"]}
    safe = {f[0] for f in pages["financial_year/2016-17/report-safeguarding.html"]["figures"]}
    full = {f[0] for f in pages["financial_year/2016-17/report.html"]["figures"]}
    assert "cla_at_end" in panel and "cla_at_end" not in safe
    assert "cp_plans_at_end" in safe and "cp_plans_at_end" not in panel
    assert {"iro_in_post_at_end", "drp_raised"} <= panel & safe
    assert panel | safe == full


@pytest.mark.parametrize("page", PAGES)
def test_every_number_shown_equals_the_warehouse(pages, warehouse_values, page):
    shown = pages[page]["figures"]
    assert len(shown) > 30
    for measure, period, category, text in shown:
        published = warehouse_values.get((measure, period, category))
        if published is None:
            assert text == "–", (measure, period, category, text)  # before the first period
        else:
            assert text == published[0], (page, measure, period, category)


def _round(x: Decimal, places: int) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("page", PAGES)
def test_every_change_is_the_difference_of_two_published_values(pages, warehouse_values, page):
    current = "2016-17" if page.startswith("financial_year") else "2017-03"
    changes = pages[page]["changes"]
    assert changes
    for measure, since, text in changes:
        now = warehouse_values[(measure, current, "")]
        before = warehouse_values.get((measure, since, ""), ("", None, None))
        numbers = re.findall(r"\d+(?:\.\d+)?", text)
        if now[0] in ("c", "z", "") or before[0] in ("c", "z", ""):
            assert not numbers, (page, measure, text)  # nothing derived from a hidden value
            continue
        a, b = Decimal(now[0]), Decimal(before[0])
        if a == b:
            assert not numbers and ("same" in text or "no change" in text), text
            continue
        places = len(now[0].split(".")[1]) if "." in now[0] else 0
        assert Decimal(numbers[0]) == _round(abs(a - b), places), (page, measure, text)
        if now[2] == "count" and b != 0:
            assert Decimal(numbers[1]) == _round(abs(a - b) * 100 / b, 1), (page, measure, text)


def test_the_pack_shows_months_whose_counts_are_from_1_to_5(pages, warehouse_values):
    """The fixture condition: small counts sit on the pages (as c) for the tests to mean much."""
    small = {
        (m, p)
        for (m, p, cat), (_pub, value, unit) in warehouse_values.items()
        if not cat and unit == "count" and m not in STAFF and value is not None
        and 1 <= value <= 5 and re.fullmatch(r"\d{4}-\d{2}", p)
    }  # fmt: skip
    shown = {(f[0], f[1]) for f in pages["month/2017-03/report.html"]["figures"]}
    assert small & shown, "no month with a count from 1 to 5 on the page: the test proves nothing"
    spark = {
        (m, p)
        for m, words in pages["month/2017-03/one-pager.html"]["sparks"]
        for p in re.findall(r"(\d{4}-\d{2}) c \(suppressed\)", words)
    }
    assert small & spark, "no month with a count from 1 to 5 on the one-pager"


@pytest.mark.parametrize("page", PAGES)
def test_no_suppressed_value_is_written_as_a_number(pages, warehouse_values, page):
    seen = pages[page]
    # charts: each suppressed cell of a chart's table is a gap marked c in its drawing
    for chart_id, marks, hidden in seen["charts"]:
        assert marks == hidden, (page, chart_id, marks, hidden)
    # text alternatives: past the marked figures and names, only period labels and the
    # guideline carry digits
    for words in seen["alts"]:
        rest = re.sub(r"\d{4}-\d{2}", "", words).replace("50 to 70", "")
        assert not re.search(r"\d", rest), (page, words)
    # sparklines: every month's value in words is the published one, c as "c (suppressed)"
    for measure, words in seen["sparks"]:
        items = re.findall(r"(\d{4}-\d{2}) ([^;]+)", words.split("months: ", 1)[1])
        assert len(items) == 13
        for period, said in items:
            published = warehouse_values.get((measure, period, ""), ("",))[0]
            want = {"c": "c (suppressed)", "z": "z (not applicable)", "": "no figure"}.get(
                published, published
            )
            assert said.strip() == want, (page, measure, period, said)


@pytest.mark.parametrize("page", PAGES)
def test_no_serious_or_critical_accessibility_violation(pack, browser, page):
    open_page(browser, pack["out"] / page)
    browser.execute_script(axe_source())
    result = browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})
          .then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.length,
                                                 v.nodes[0].target.join(' ')])))
          .catch(e => done([['axe-error', 'critical', 0, String(e)]]));
        """
    )
    bad = [v for v in result if v[1] in ("serious", "critical")]
    assert not bad, (page, bad)


@pytest.mark.parametrize("page", PAGES)
def test_no_external_url_and_no_request(pack, pages, page):
    text = (pack["out"] / page).read_text()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", text)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", text)
    assert "<link" not in text and "<script" not in text and "@import" not in text
    # the only URLs in the file are SVG's namespace names, which are never fetched
    assert set(re.findall(r"https?://[^\s\"'<>)]+", text)) <= NAMESPACES
    assert pages[page]["resources"] == []


def test_commentary_is_rendered_in_its_section_and_a_month_without_it_is_a_draft(pack):
    year = lxml_html.parse(str(pack["out"] / "financial_year/2016-17/report-panel.html"))
    children = year.xpath("//section[@data-section='children']")[0]
    assert "Commentary on the children" in children.text_content()
    assert children.xpath(".//div[@class='commentary']//strong")[0].text == "emphasis"
    assert not year.xpath("//*[@data-draft]")
    month = lxml_html.parse(str(pack["out"] / "month/2017-03/report.html"))
    assert month.xpath("//*[@id='draft-banner']")
    drafts = month.xpath("//p[@class='draft']")
    assert drafts and all(p.text_content() == "Draft: no commentary yet." for p in drafts)


def test_publish_final_refuses_a_period_without_commentary(pack):
    folder = pack["out"] / "month/2017-03"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    done = run_iro(["publish", "--period", "2017-03", "--final"], pack["env"])
    assert done.returncode == 2
    assert "commentary" in done.stderr and "2017-03" in done.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    done = run_iro(["publish", "--period", "2016-17", "--final"], pack["env"])
    assert done.returncode == 0, done.stderr


def _html_text(path: Path) -> str:
    tree = lxml_html.parse(str(path))
    for bad in tree.xpath("//svg | //nav | //title | //style | //*[@aria-hidden='true']"):
        bad.drop_tree()
    return " ".join(tree.getroot().itertext())


def _docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def _numbers(text: str) -> Counter:
    return Counter(re.findall(r"\d+(?:\.\d+)?", text))


@pytest.mark.parametrize("stem", list(EDITIONS))
@pytest.mark.parametrize("folder", ["financial_year/2016-17", "month/2017-03"])
def test_the_word_document_holds_the_same_numbers_as_the_page(pack, folder, stem):
    base = pack["out"] / folder
    doc = Document(str(base / f"{stem}.docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    page = lxml_html.parse(str(base / f"{stem}.html"))
    assert headings == [h.text_content() for h in page.xpath("//main/section/h2")]
    assert len(doc.inline_shapes) == len(page.xpath("//figure[@class='chart']"))
    in_word = _numbers(_docx_text(base / f"{stem}.docx"))
    assert in_word == _numbers(_html_text(base / f"{stem}.html"))
    # the pictures carry their text alternative
    for shape in doc.inline_shapes:
        assert len(shape._inline.docPr.get("descr")) > 30
