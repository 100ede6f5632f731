"""The publication gate: an extract that looks broken publishes nothing.

Some faults are valid row by row but say the extract is broken: a whole file
written with another date format, a truncated file. Before anything is
published, each source table of the build's extract is checked
(``data_quality.publication_gate``): when a table that had rows in the
previous extract arrives empty, or when the share of its rows the bad-input
rules leave out reaches the setting ``IRO_PUBLICATION_GATE_SHARE`` (default
0.5), nothing is published and the run fails with a message naming the
table, the count and the rule. The warehouse is still built and every row
still listed. An operator who has checked the extract publishes it anyway
with ``--publish-anyway`` (``iro run``, ``iro publish``, ``iro backfill``) or
the DAG parameter ``publish_anyway``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from iro_warehouse import warehouse
from iro_warehouse.warehouse import Build

log = logging.getLogger(__name__)

OVERRIDE_HINT = (
    "publish this extract anyway with --publish-anyway (iro run, iro publish, iro backfill) "
    "or the DAG parameter publish_anyway"
)


class PublicationRefused(RuntimeError):
    """The extract looks broken: nothing was published."""


@dataclass(frozen=True)
class TableCheck:
    """One source table of the extract, as ``data_quality.publication_gate`` holds it."""

    table_name: str
    extract_date: date
    rows_received: int
    previous_extract_date: date | None
    previous_rows_received: int | None
    rows_left_out: int
    main_rule: str | None
    main_rule_rows_left_out: int | None

    def problem(self, share: float) -> str | None:
        """Why this table stops publication, or None."""
        if self.rows_received == 0 and (self.previous_rows_received or 0) > 0:
            return (
                f"{self.table_name} arrived empty, with {self.previous_rows_received:,} rows in "
                f"the extract of {self.previous_extract_date} (a truncated or missing file?)"
            )
        if self.rows_received and self.rows_left_out >= share * self.rows_received:
            return (
                f"{self.table_name}: {self.rows_left_out:,} of {self.rows_received:,} rows "
                f"({self.rows_left_out / self.rows_received:.0%}) are left out by the bad-input "
                f"rules, {self.main_rule_rows_left_out:,} of them by rule {self.main_rule}"
            )
        return None


def read(url: str, build: Build) -> list[TableCheck]:
    """The gate's table of the build (empty for a build made before the gate existed)."""
    relation = f"{build.schema('data_quality')}.publication_gate"
    if not warehouse.query(url, "select to_regclass(%s) is not null", (relation,))[0][0]:
        return []
    rows = warehouse.query(url, f"select * from {relation} order by table_name", dicts=True)
    return [TableCheck(**row) for row in rows]


def check(url: str, build: Build, share: float, *, publish_anyway: bool = False) -> None:
    """Refuse (:class:`PublicationRefused`) to publish a build whose extract looks broken."""
    problems = [p for t in read(url, build) if (p := t.problem(share))]
    if not problems:
        return
    listed = "; ".join(problems)
    if publish_anyway:
        log.warning("publishing the extract of %s anyway, as asked: %s", build.extract_date, listed)
        return
    raise PublicationRefused(
        f"nothing was published: the extract of {build.extract_date} looks broken: {listed}. "
        f"The warehouse was built and every row is listed in data_quality.source_row_issues; "
        f"check the extract (and the share setting IRO_PUBLICATION_GATE_SHARE={share:g}), "
        f"then rerun, or {OVERRIDE_HINT}."
    )
