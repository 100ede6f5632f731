"""Writing the county as one case system's extract script would (``iro simulate --profile``).

The same county, rows and values, written the way a profile says the
source differs from the contract, so that reading it back through that
profile gives the canonical extract again. Most of a style is derived from
the profile itself, read backwards:

* column names: the source name of every renamed column; absent columns
  are not written;
* coded values: the first source spelling the profile's ``values`` maps to
  the code (``M`` -> ``Male``); Y/N flags: the first spelling of each;
* placeholders: written as null (or as the constant the script writes).

What a profile cannot say (it only reads) is in :data:`STYLES`, per shipped
profile: SQL Server dates (``2024-12-10 00:00:00.000``), upper-case header
names, ``nchar`` padding, the constants written into placeholder columns
(``SSD_PH``), a transfer-in flag written Y or null, every few coded values
written with a leading code (``S - Started to be looked after``), and the
care plan JSON as a form with all ten plan keys answered. A profile file
that is not shipped gets the derived part only.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from iro_warehouse import spec
from iro_warehouse.profile import Profile

Tables = dict[str, list[tuple]]
#: a column's PostgreSQL type in the written source
PG_TYPES = {"date": "timestamp without time zone", "number": "numeric"}


@dataclass(frozen=True)
class Style:
    """How one case system's script writes values (beyond what its profile maps)."""

    #: appended to every date (SQL Server ``datetime``: ``" 00:00:00.000"``)
    date_suffix: str = ""
    #: tables whose header names are written in upper case
    upper_headers: frozenset[str] = frozenset()
    #: "table.column" -> width of an ``nchar`` column (values padded with spaces)
    padded: dict[str, int] = field(default_factory=dict)
    #: "table.column" -> the constant a placeholder column holds (default: null)
    placeholder_values: dict[str, str | None] = field(default_factory=dict)
    #: "table.column" of flags written Y or null, never N
    null_for_n: frozenset[str] = frozenset()
    #: every n-th coded value is written "CODE<sep>description" (0: never)
    leading_every: int = 0
    leading_separator: str = " - "
    #: the care plan JSON as a form: every plan key answered with a flag spelling
    care_plan_form: bool = False


STYLES: dict[str, Style] = {
    "ssd": Style(),
    "systemc": Style(
        date_suffix=" 00:00:00.000",
        upper_headers=frozenset({"ssd_person", "ssd_cla_episodes", "ssd_legal_status"}),
        padded={
            "ssd_cla_episodes.clae_cla_primary_need_code": 3,
            "ssd_cla_placement.clap_cla_placement_type": 3,
            "ssd_cla_placement.clap_cla_placement_provider": 4,
            "ssd_cp_reviews.cppr_cp_review_outcome_continue_cp": 4,
        },
        placeholder_values={
            "ssd_cp_reviews.cppr_cp_review_participation": "SSD_PH",
            "ssd_professionals.prof_agency_worker_flag": "",
        },
        leading_every=7,
        leading_separator=" - ",
        care_plan_form=True,
    ),
    "mosaic": Style(
        date_suffix=" 00:00:00.000",
        upper_headers=frozenset({"ssd_involvements"}),
        null_for_n=frozenset({"ssd_initial_cp_conference.icpc_icpc_transfer_in"}),
    ),
    "eclipse": Style(
        placeholder_values={
            "ssd_cp_reviews.cppr_cp_review_quorate": "Y",
            "ssd_cla_reviews.clar_cla_review_cancelled": "N",
        },
        leading_every=5,
        leading_separator=": ",
    ),
}


def style_of(profile: Profile) -> Style:
    """The style of a shipped profile; the derived part only for a council's own file."""
    return STYLES.get(profile.name, Style()) if profile.origin == "shipped" else Style()


@dataclass(frozen=True)
class Layout:
    """One table as written: its header and the PostgreSQL type of each column."""

    header: tuple[str, ...]
    pg_types: tuple[str, ...]


def _source_names(profile: Profile, table: str) -> dict[str, str]:
    """{contract column -> source column name} of the profile's renames."""
    return {target: source for source, target in profile.columns.get(table, {}).items()}


def _value_writer(
    tbl: spec.Table, col: spec.Column, profile: Profile, style: Style
) -> Callable[[Any, int], Any]:
    """A function (value, row number) -> the value as the script writes it."""
    ref = f"{tbl.name}.{col.name}"
    if (tbl.name, col.name) in profile.placeholders:
        constant = style.placeholder_values.get(ref)
        return lambda value, i: constant
    pad = style.padded.get(ref)

    def padded(text: Any) -> Any:
        return text.ljust(pad) if pad and isinstance(text, str) else text

    if col.kind == "date":
        suffix = style.date_suffix
        return lambda value, i: (
            f"{value.isoformat()}{suffix}" if suffix and isinstance(value, date) else value
        )
    if col.kind == "json" and style.care_plan_form and profile.flags_y and profile.flags_n:
        return lambda value, i: _care_plan_form(value, profile.flags_y[0], profile.flags_n[0])
    if col.kind != "code":
        return lambda value, i: padded(value)
    spelling: dict[str, str] = {}
    for source, code in profile.values.get((tbl.name, col.name), ()):
        spelling.setdefault(code, source)
    if col.codes == spec.YN:
        if profile.flags_y:
            spelling.setdefault("Y", profile.flags_y[0])
        if profile.flags_n:
            spelling.setdefault("N", profile.flags_n[0])
    null_n = ref in style.null_for_n
    every = style.leading_every if profile.leading_code and col.codes != spec.YN else 0

    def write(value: Any, i: int) -> Any:
        if not isinstance(value, str):
            return value
        if null_n and value == "N":
            return None
        if value not in spelling:
            return padded(value)
        if every and i % every == 0 and col.codes and value in col.codes:
            return f"{value}{style.leading_separator}{spelling[value]}"
        return padded(spelling[value])

    return write


def _care_plan_form(value: Any, yes: str, no: str) -> Any:
    """A plan as a form: every plan key answered (``{}`` and null stay: no form yet)."""
    if not isinstance(value, str):
        return value
    try:
        plan = json.loads(value)
    except ValueError:
        return value
    if not isinstance(plan, dict) or not plan:
        return value
    if not all(isinstance(v, str) for v in plan.values()) or set(plan) - set(spec.PLAN):
        return value
    chosen = {k for k, v in plan.items() if v.strip()}
    return json.dumps({k: (yes if k in chosen else no) for k in spec.PLAN})


def restyle(tables: Tables, profile: Profile, contract: int) -> tuple[Tables, dict[str, Layout]]:
    """The tables (rows in contract column order) as the profile's script writes them."""
    style = style_of(profile)
    out: Tables = {}
    layouts: dict[str, Layout] = {}
    for tbl in spec.tables(contract):
        renamed = _source_names(profile, tbl.name)
        kept = [
            (i, c) for i, c in enumerate(tbl.columns) if (tbl.name, c.name) not in profile.absent
        ]
        header = tuple(renamed.get(c.name, c.name) for _, c in kept)
        if tbl.name in style.upper_headers:
            header = tuple(h.upper() for h in header)
        types = []
        for _, c in kept:
            width = style.padded.get(f"{tbl.name}.{c.name}")
            types.append(f"char({width})" if width else PG_TYPES.get(c.kind, "text"))
        layouts[tbl.name] = Layout(header, tuple(types))
        writers = [(i, _value_writer(tbl, c, profile, style)) for i, c in kept]
        out[tbl.name] = [
            tuple(w(row[i], n) for i, w in writers) for n, row in enumerate(tables[tbl.name])
        ]
    return out, layouts


def canonical_layouts(contract: int) -> dict[str, Layout]:
    """The contract's own layout (the ``ssd`` profile)."""
    return {
        t.name: Layout(t.column_names, tuple(PG_TYPES.get(c.kind, "text") for c in t.columns))
        for t in spec.tables(contract)
    }
