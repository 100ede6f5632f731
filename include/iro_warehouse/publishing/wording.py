"""Figures in words: a published value in its sentence, and its change on the period before.

Only published values are used. A suppressed value (``c``) or one not
applicable (``z``) is never turned into a number: the sentence names it as
suppressed or not applicable, and no change is worked out from it. Changes
are differences of two published values, rounded half away from zero to the
measure's decimals; a count's change also carries its relative size
(``7 more (0.8%)``), to one decimal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from iro_warehouse.periods import Period

SUPPRESSED = "c"
NOT_APPLICABLE = "z"


def number(text: str | None) -> Decimal | None:
    """The number a published value shows; None for ``c``, ``z``, empty or no value."""
    if text is None or text in (SUPPRESSED, NOT_APPLICABLE, ""):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def rounded(value: Decimal, decimals: int) -> Decimal:
    """Half away from zero, as the warehouse rounds."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def day_words(day: date) -> str:
    """``31 March 2017``."""
    return f"{day.day} {day:%B %Y}"


def period_words(period: Period) -> str:
    """``in 2016-17`` for a financial year, ``in March 2017`` for a month."""
    if period.period_type == "month":
        return f"in {period.start:%B %Y}"
    return f"in {period.label}"


def period_name(period: Period) -> str:
    """``2016-17`` or ``March 2017``: how a period is named in a heading or a column."""
    return f"{period.start:%B %Y}" if period.period_type == "month" else period.label


def comparison_words(period: Period) -> str:
    """What the change is measured from: the year before for a year, the month before."""
    return "a year earlier" if period.period_type == "financial_year" else "the month before"


@dataclass(frozen=True)
class Change:
    """The change of a published value on an earlier one, in words and numbers."""

    direction: str  # "up", "down", "same", or "" when the two cannot be compared
    text: str  # "7 more (0.8%)", "2.1 percentage points higher", "the same as", or why not
    assessment: str = ""  # "better", "worse" or ""

    @property
    def comparable(self) -> bool:
        return self.direction != ""


def change(
    now: str | None,
    before: str | None,
    *,
    unit: str,
    decimals: int,
    change_words: str,
    better: str = "",
) -> Change:
    """How ``now`` compares with ``before`` (both published values)."""
    a, b = number(now), number(before)
    if a is None or b is None:
        return Change("", _why_not(now, before))
    diff = a - b
    if diff == 0:
        return Change("same", "the same as")
    rise, fall = (change_words or "more/fewer").split("/")
    up = diff > 0
    word = rise if up else fall
    amount = _fmt(rounded(abs(diff), decimals))
    if unit == "percent":
        text = f"{amount} percentage points {word}"
    elif unit == "days":
        text = f"{amount} days {word}"
    elif unit == "count" and b != 0:
        relative = _fmt(rounded(abs(diff) * 100 / abs(b), 1))
        text = f"{amount} {word} ({relative}%)"
    else:
        text = f"{amount} {word}"
    assessment = ""
    if better in ("higher", "lower"):
        assessment = "better" if up == (better == "higher") else "worse"
    return Change("up" if up else "down", text, assessment)


def _why_not(now: str | None, before: str | None) -> str:
    if now == SUPPRESSED or before == SUPPRESSED:
        return "suppressed"
    if now == NOT_APPLICABLE or before == NOT_APPLICABLE:
        return "not applicable"
    return "no figure"


def _fmt(value: Decimal) -> str:
    return format(value, "f")


# --- sentences ---------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{(value|end|period)\}")


@dataclass(frozen=True)
class Part:
    """A piece of a sentence: plain text, a published figure, or a change."""

    kind: str  # "text" | "figure" | "change" | "name" (of a measure or chart)
    text: str
    measure_id: str = ""  # a figure's or change's measure
    period_label: str = ""  # a figure's period


def sentence(
    template: str,
    *,
    measure_id: str,
    label: str,
    value: str,
    unit: str,
    period: Period,
    change_: Change,
    previous: Period,
) -> list[Part]:
    """The figure in words, then its change on ``previous``.

    ``831 children were looked after on 31 March 2017, 7 more (0.8%) than a
    year earlier.`` A suppressed figure reads ``<label>: c (suppressed).``
    """
    if number(value) is None:
        status = "suppressed" if value == SUPPRESSED else "not applicable"
        return [
            Part("text", f"{label}, {period_words(period)}: "),
            Part("figure", value or NOT_APPLICABLE, measure_id, period.label),
            Part("text", f" ({status})."),
        ]
    parts: list[Part] = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        if match.start() > position:
            parts.append(Part("text", template[position : match.start()]))
        key = match.group(1)
        if key == "value":
            parts.append(Part("figure", value, measure_id, period.label))
        elif key == "end":
            parts.append(Part("text", day_words(period.end)))
        else:
            parts.append(Part("text", period_words(period)))
        position = match.end()
    parts.append(Part("text", template[position:]))
    than = comparison_words(period)
    if change_.direction == "same":
        parts.append(Part("text", ", "))
        parts.append(Part("change", "the same as", measure_id, previous.label))
        parts.append(Part("text", f" {than}."))
    elif change_.comparable:
        parts.append(Part("text", ", "))
        parts.append(Part("change", change_.text, measure_id, previous.label))
        parts.append(Part("text", f" than {than}."))
    elif change_.text == "suppressed":
        parts.append(Part("text", f"; the figure for {period_name(previous)} is suppressed (c)."))
    elif change_.text == "not applicable":
        parts.append(Part("text", f"; there is no figure for {period_name(previous)} (z)."))
    else:
        parts.append(Part("text", f"; there is no figure for {period_name(previous)}."))
    return _merge(parts)


def _merge(parts: list[Part]) -> list[Part]:
    out: list[Part] = []
    for part in parts:
        if part.kind == "text" and out and out[-1].kind == "text":
            out[-1] = Part("text", out[-1].text + part.text)
        elif part.text or part.kind != "text":
            out.append(part)
    return out


def plain(parts: list[Part]) -> str:
    """A sentence as plain text (the Word document, text alternatives)."""
    return "".join(p.text for p in parts)
