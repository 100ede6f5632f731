"""The editions as Word documents, because committee papers are edited and filed in Word.

Each edition's document (python-docx) has the HTML page's sections, sentences,
tables and commentary, in the same words and with the same published values;
charts are PNG images with their text alternative as the picture's description
and their figures in a table beneath. The file is byte-for-byte the same on a
rerun: its dates are the extract date and its zip entries carry a fixed time.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import datetime

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from markdown_it.token import Token

from iro_warehouse.publishing import wording
from iro_warehouse.publishing.charts import Drawn
from iro_warehouse.publishing.paper import (
    EDITIONS,
    Cell,
    ChartData,
    Edition,
    Paper,
    SectionData,
)
from iro_warehouse.publishing.report import title as report_title

DRAFT = "Draft: no commentary yet."
ABOUT = (
    "Every figure is the warehouse's published figure after disclosure control: c means "
    "suppressed (a count from 1 to 5, or a rate built on one, so that no child can be "
    "identified); z means not applicable. A suppressed figure is never shown as a number, and "
    "charts mark it as a gap labelled c. Changes are worked out from published figures only."
)
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def change_words(change: wording.Change) -> str:
    """The table's change cell, as the page says it (without the arrows)."""
    if change.direction in ("up", "down"):
        text = change.text
    elif change.direction == "same":
        text = "no change"
    elif change.text:
        text = f"not compared ({change.text})"
    else:
        text = ""
    return f"{text} ({change.assessment})" if change.assessment else text


def _table(doc: DocumentType, caption: str, header: list[str], rows: list[list[str]]) -> None:
    p = _para(doc, caption, "Caption")
    p.paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1, cols=len(header))
    table._tbl.tblPr.style = "TableGrid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for values in rows:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell.text = text
            if i and len(text) < 12:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()


def _para(doc: DocumentType, text: str, style_id: str | None):
    """A paragraph in a style of the default template, named by its id.

    Setting the id directly skips python-docx's look-up of the style by name, which
    searches every style each time and was most of a document's cost.
    """
    paragraph = doc.add_paragraph(text)
    if style_id:
        paragraph._p.get_or_add_pPr().style = style_id
    return paragraph


def _shown(cell: Cell) -> str:
    return cell.shown


# --- commentary: markdown-it tokens to Word paragraphs ---------------------------------


def _inline(paragraph, token: Token) -> None:
    bold = italic = False
    for child in token.children or []:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type in ("text", "code_inline"):
            run = paragraph.add_run(child.content)
            run.bold, run.italic = bold, italic
        elif child.type == "softbreak":
            paragraph.add_run(" ")
        elif child.type == "hardbreak":
            paragraph.add_run().add_break()


def _commentary(doc: DocumentType, tokens: list[Token]) -> None:
    lists: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.type == "heading_open":
            level = min(9, max(2, int(t.tag[1])))
            doc.add_heading(tokens[i + 1].content, level=level)
            i += 3
            continue
        if t.type in ("bullet_list_open", "ordered_list_open"):
            lists.append("ListBullet" if t.type == "bullet_list_open" else "ListNumber")
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif t.type == "inline" and tokens[i - 1].type == "paragraph_open":
            style = lists[-1] if lists else None
            if style and len(lists) > 1:
                style = f"{style}{min(3, len(lists))}"
            _inline(_para(doc, "", style), t)
        elif t.type in ("code_block", "fence"):
            doc.add_paragraph(t.content.rstrip("\n"))
        elif t.type == "table_open":
            i = _md_table(doc, tokens, i)
            continue
        i += 1


def _md_table(doc: DocumentType, tokens: list[Token], i: int) -> int:
    rows: list[list[str]] = []
    while tokens[i].type != "table_close":
        if tokens[i].type == "tr_open":
            rows.append([])
        elif tokens[i].type == "inline":
            rows[-1].append(tokens[i].content)
        i += 1
    if rows:
        table = doc.add_table(rows=0, cols=len(rows[0]))
        table._tbl.tblPr.style = "TableGrid"
        for values in rows:
            for cell, text in zip(table.add_row().cells, values, strict=False):
                cell.text = text
    return i + 1


# --- the document ------------------------------------------------------------------


def _chart(doc: DocumentType, chart: ChartData, drawn: Drawn) -> None:
    heading = doc.add_paragraph()
    heading.add_run(chart.title).bold = True
    heading.paragraph_format.keep_with_next = True
    shape = doc.add_picture(io.BytesIO(drawn.png), width=Cm(16))
    doc_pr = shape._inline.docPr
    doc_pr.set("title", chart.title)
    doc_pr.set("descr", drawn.summary_text)
    _para(doc, drawn.summary_text, "Caption")
    _table(
        doc,
        f"{chart.title}: the published figures",
        ["Measure", *chart.periods],
        [
            [m.label, *[_shown(chart.cell(m.measure_id, p)) for p in chart.periods]]
            for m in chart.measures
        ],
    )


def _section(
    doc: DocumentType, paper: Paper, s: SectionData, drawn: Callable[[ChartData], Drawn]
) -> None:
    doc.add_heading(s.section.title, level=1)
    tokens = paper.commentary.tokens(s.section.section_id)
    if s.commentary_html:
        _commentary(doc, tokens)
    elif s.section.is_commentary or not paper.commentary.exists:
        doc.add_paragraph().add_run(DRAFT).bold = True
    if not s.rows:
        return
    doc.add_heading("The figures in words", level=2)
    for row in s.rows:
        _para(doc, wording.plain(row.sentence), "ListBullet")
    for text in s.standards:
        p = doc.add_paragraph()
        p.add_run("Standard: ").bold = True
        p.add_run(text)
    for chart in s.charts:
        _chart(doc, chart, drawn(chart))
    header = ["Measure", paper.period.label, paper.previous.label]
    if paper.regional_medians:
        header.insert(2, f"Regional median {paper.period.label}")
    if paper.year_earlier:
        header.append(paper.year_earlier.label)
    header.append(f"Change on {paper.previous.label}")
    rows = []
    for row in s.rows:
        values = [row.measure.label, _shown(row.now), _shown(row.before)]
        if row.regional_median:
            values.insert(2, _shown(row.regional_median))
        if row.year_earlier:
            values.append(_shown(row.year_earlier))
        rows.append([*values, change_words(row.change)])
    caption = (
        f"{s.section.title}: {wording.period_name(paper.period)} beside "
        f"{wording.period_name(paper.previous)}"
        + (f" and {wording.period_name(paper.year_earlier)}" if paper.year_earlier else "")
    )
    _table(doc, caption, header, rows)
    if s.breakdowns:
        doc.add_heading("Equality profile", level=2)
    for t in s.breakdowns:
        _table(
            doc,
            f"{s.section.title}, {paper.period.label}: {t.title.lower()}",
            [t.title, *[m.label for m in t.measures]],
            [
                [words, *[_shown(t.cell(m.measure_id, c)) for m in t.measures]]
                for c, words in t.categories
            ],
        )


def _about(doc: DocumentType, paper: Paper) -> None:
    doc.add_heading("About these figures", level=1)
    doc.add_paragraph(ABOUT)
    if paper.restatements:
        doc.add_heading("Restatements of earlier figures", level=2)
        _table(
            doc,
            "Figures already published that changed when recomputed",
            ["Period", "Measure", "Was", "Now", "Recorded"],
            [
                [
                    r["period_label"],
                    r["measure_label"],
                    r["old_value"],
                    r["new_value"],
                    r["restated_on"],
                ]
                for r in paper.restatements
            ],
        )
    doc.add_heading("Data quality", level=2)
    if paper.data_quality:
        _table(
            doc,
            "Source rows left out of the figures, by table and rule "
            f"(extract of {paper.extract_date.isoformat()})",
            ["Table", "Rule broken", "Rows left out"],
            [[t, rule.replace("_", " "), str(n)] for t, rule, n in paper.data_quality],
        )
    else:
        doc.add_paragraph("No source row was left out of the figures.")
    doc.add_heading("Glossary", level=2)
    _table(
        doc, "Words used in this report", ["Term", "Meaning"], [[t, m] for t, m in paper.glossary]
    )


def document(paper: Paper, edition: Edition, drawn: Callable[[ChartData], Drawn]) -> bytes:
    """One edition as a .docx file's bytes."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    for section in doc.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.0)
    title = report_title(paper)
    props = doc.core_properties
    props.title = f"{title}: {edition.name}"
    props.subject = edition.audience
    props.author = props.last_modified_by = "Independent Reviewing Officer service"
    moment = datetime(paper.extract_date.year, paper.extract_date.month, paper.extract_date.day)
    props.created = props.modified = moment
    props.revision = 1
    doc.add_paragraph().add_run("Independent Reviewing Officer service").bold = True
    doc.add_heading(title, level=0)
    p = doc.add_paragraph()
    p.add_run(f"{edition.name}.").bold = True
    p.add_run(f" {edition.audience}.")
    doc.add_paragraph(
        f"{wording.day_words(paper.period.start)} to {wording.day_words(paper.period.end)}, "
        f"from the case system extract of {wording.day_words(paper.extract_date)}."
    )
    if paper.is_provisional:
        doc.add_paragraph().add_run(
            "Provisional: the period had not ended at the extract date"
        ).bold = True
    if paper.is_draft:
        doc.add_paragraph().add_run(
            "Draft: the service's commentary is not written yet"
        ).bold = True
    for s in paper.edition(edition):
        _section(doc, paper, s, drawn)
    _about(doc, paper)
    raw = io.BytesIO()
    doc.save(raw)
    return _stable_zip(raw.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The same zip with a fixed time on every entry, so a rerun writes the same bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def documents(paper: Paper, drawn: Callable[[ChartData], Drawn]) -> dict[str, bytes]:
    """Every edition's Word document, by file name."""
    return {f"{e.file_stem}.docx": document(paper, e, drawn) for e in EDITIONS}
