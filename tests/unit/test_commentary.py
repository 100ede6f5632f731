"""The service's commentary: Markdown per period, one heading per section; --final's check."""

from __future__ import annotations

from iro_warehouse import periods
from iro_warehouse.publishing import commentary, paper

FY = periods.parse("2016-17")

TEXT = """# Commentary 2016-17

## Key messages
Children were **seen** by their IRO.

## What went well
- one
- two

## what MUST improve
Nothing <script>alert(1)</script> here.

## Priorities & recommendations
1. First

## The childen
A typo in the heading above.
"""


def test_sections_are_split_by_their_headings_and_rendered():
    notes = commentary.parse(TEXT, paper.section_names())
    assert set(notes.sections) == {"key_messages", "went_well", "must_improve", "priorities"}
    assert "<strong>seen</strong>" in notes.html("key_messages")
    assert "<li>one</li>" in notes.html("went_well")
    # raw HTML is shown as text, never passed into the page
    assert "<script>" not in notes.html("must_improve")
    assert notes.unknown_headings == ("The childen",)
    assert notes.missing(paper.REQUIRED_COMMENTARY["financial_year"]) == []


def test_final_needs_the_file_every_required_section_and_known_headings(tmp_path):
    problems = paper.commentary_problems(tmp_path, FY)
    assert len(problems) == 1 and "no commentary file" in problems[0]
    path = commentary.path_of(tmp_path, FY)
    path.parent.mkdir(parents=True)
    path.write_text("## Key messages\nWords.\n\n## What went well\n\n", encoding="utf-8")
    problems = paper.commentary_problems(tmp_path, FY)
    assert any("'What went well'" in p for p in problems)
    assert any("'What must improve'" in p for p in problems)
    path.write_text(TEXT, encoding="utf-8")
    assert paper.commentary_problems(tmp_path, FY) == [
        f"heading 'The childen' in {path} names no section of the report"
    ]
    path.write_text(TEXT.replace("The childen", "The children"), encoding="utf-8")
    assert paper.commentary_problems(tmp_path, FY) == []


def test_a_month_needs_only_its_key_messages(tmp_path):
    month = periods.parse("2017-05")
    path = commentary.path_of(tmp_path, month)
    path.parent.mkdir(parents=True)
    path.write_text("## Key messages\nA quiet month.\n", encoding="utf-8")
    assert paper.commentary_problems(tmp_path, month) == []
