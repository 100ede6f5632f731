"""The service's commentary: one Markdown file per period, one heading per section.

The file of a period is ``<commentary folder>/<period_type>/<period_label>.md``
(``commentary/financial_year/2016-17.md``; the folder is ``IRO_COMMENTARY_DIR``).
Each second-level heading (``## What went well``) starts the commentary of the
report section of that name; a first-level title is allowed and ignored;
deeper headings, paragraphs, lists, emphasis and tables stay inside their
section. Markdown is read with markdown-it-py (CommonMark, tables on, raw HTML
off: it is shown as text, never passed into the page).

A heading naming no section is reported (a typo would otherwise drop a whole
section's words silently); ``iro publish --final`` refuses it, as it refuses a
period whose required sections are missing or empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from iro_warehouse.periods import Period

_MD = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


def heading_key(text: str) -> str:
    """A heading as compared with section names: lower case, ``&`` as ``and``, letters only."""
    return re.sub(r"[^a-z0-9]+", "", text.lower().replace("&", "and"))


def path_of(folder: Path, period: Period) -> Path:
    """Where the commentary of ``period`` is kept."""
    return folder / period.period_type / f"{period.label}.md"


@dataclass(frozen=True)
class Commentary:
    """The commentary of one period, split by section (``section_id -> tokens``)."""

    path: Path
    exists: bool
    sections: dict[str, list[Token]] = field(default_factory=dict)
    unknown_headings: tuple[str, ...] = ()

    def has(self, section_id: str) -> bool:
        """True when the section has some words (not only blank lines)."""
        return any(t.type == "inline" and t.content.strip() for t in self.tokens(section_id))

    def tokens(self, section_id: str) -> list[Token]:
        """The markdown-it block tokens of a section's commentary (empty when none)."""
        return self.sections.get(section_id, [])

    def html(self, section_id: str) -> str:
        """The section's commentary as HTML (its own headings are third level or deeper)."""
        tokens = self.tokens(section_id)
        return _MD.renderer.render(tokens, _MD.options, {}) if tokens else ""

    def missing(self, required: Sequence[str]) -> list[str]:
        """The required sections without words (all of them when there is no file)."""
        return [s for s in required if not self.has(s)]


def load(folder: Path, period: Period, names: Mapping[str, str]) -> Commentary:
    """Read the period's commentary; ``names`` maps a :func:`heading_key` to a section id."""
    path = path_of(folder, period)
    if not path.is_file():
        return Commentary(path=path, exists=False)
    return parse(path.read_text(encoding="utf-8"), names, path=path)


def parse(text: str, names: Mapping[str, str], *, path: Path = Path("-")) -> Commentary:
    """Split Markdown into sections by its second-level headings."""
    tokens = _MD.parse(text)
    sections: dict[str, list[Token]] = {}
    unknown: list[str] = []
    current: list[Token] | None = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open" and token.tag in ("h1", "h2"):
            title = tokens[i + 1].content.strip()
            if token.tag == "h1":
                current = None
            else:
                section = names.get(heading_key(title))
                if section is None:
                    unknown.append(title)
                    current = None
                else:
                    current = sections.setdefault(section, [])
            i += 3  # heading_open, inline, heading_close
            continue
        if current is not None:
            current.append(token)
        i += 1
    return Commentary(path=path, exists=True, sections=sections, unknown_headings=tuple(unknown))
