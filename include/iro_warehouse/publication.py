"""Publications as state: the first publication of a period is frozen; changes are restatements.

``reporting.panel_figures`` is rebuilt by every nightly run, so on its own it
cannot say what the panel was told. Two tables kept here (not dbt models: they
are history, not something a rebuild may recreate) can:

* ``reporting.panel_figures_published``: the figures of each (final, i.e. not
  provisional) period as first published, one row per period and measure,
  with the extract date they were computed from. Never updated.
* ``reporting.panel_figures_restatements``: one row per period, measure and
  ``restated_on`` (the extract date of the recomputation that changed the
  figure), with the value stated before and the value now, exact and
  published.

Every publication from the live warehouse (the nightly's publish task, each
``iro_panel_monthly`` run, ``iro publish``, ``iro backfill``) first freezes
the periods it publishes, then compares *every* frozen figure with the
current ``reporting.panel_figures``: a figure differing from what was last
stated (the latest restatement before this extract date, else the first
publication) is recorded as restated on this extract date. The records carry
no wall-clock time, and rerunning a publication for the same extract date
replaces that date's records, so a rerun leaves the tables as one run would.

Publications *as known at* an earlier day (``iro publish --as-known-at``)
reproduce what the warehouse would have said then; they read these tables
(restatements recorded up to that day) but never write them.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import psycopg2

from iro_warehouse import periods, publish
from iro_warehouse.config import Settings
from iro_warehouse.periods import Period

log = logging.getLogger(__name__)

#: pg_advisory_xact_lock key: one publication bookkeeping at a time.
PUBLICATION_LOCK_KEY = 0x1A0_0002

BOOKKEEPING_DDL = """
create schema if not exists reporting;
create table if not exists reporting.panel_figures_published (
    period_type text not null,
    period_label text not null,
    period_start date not null,
    period_end date not null,
    measure_id text not null,
    unit text not null,
    numerator numeric,
    denominator numeric,
    value numeric,
    published_value text not null,
    extract_date date not null,
    primary key (period_type, period_label, measure_id)
);
comment on table reporting.panel_figures_published is
    'The first publication of each final period''s figures, frozen (iro_warehouse.publication).';
create table if not exists reporting.panel_figures_restatements (
    period_type text not null,
    period_label text not null,
    period_end date not null,
    measure_id text not null,
    restated_on date not null,
    old_value numeric,
    new_value numeric,
    old_published_value text not null,
    new_published_value text not null,
    primary key (period_type, period_label, measure_id, restated_on)
);
comment on table reporting.panel_figures_restatements is
    'A published figure that changed when recomputed: old and new value and the extract '
    'date of the recomputation (iro_warehouse.publication).';
"""

FREEZE_SQL = """
insert into reporting.panel_figures_published (
    period_type, period_label, period_start, period_end, measure_id, unit,
    numerator, denominator, value, published_value, extract_date
)
select period_type, period_label, period_start, period_end, measure_id, unit,
       numerator, denominator, value, published_value, %(extract_date)s
from reporting.panel_figures
where period_type = %(period_type)s and period_label = %(period_label)s
  and not is_provisional
on conflict do nothing
"""

# What was last stated before the extract date, against the current figures.
RESTATE_SQL = """
delete from reporting.panel_figures_restatements where restated_on = %(d)s;

insert into reporting.panel_figures_restatements (
    period_type, period_label, period_end, measure_id, restated_on,
    old_value, new_value, old_published_value, new_published_value
)
with latest_restatement as (
    select distinct on (period_type, period_label, measure_id)
           period_type, period_label, measure_id, new_value, new_published_value
    from reporting.panel_figures_restatements
    where restated_on < %(d)s
    order by period_type, period_label, measure_id, restated_on desc
),
last_stated as (
    select p.period_type, p.period_label, p.period_end, p.measure_id,
           case when r.measure_id is null then p.value else r.new_value end as value,
           coalesce(r.new_published_value, p.published_value) as published_value
    from reporting.panel_figures_published as p
    left join latest_restatement as r using (period_type, period_label, measure_id)
    where p.extract_date <= %(d)s
)
select s.period_type, s.period_label, s.period_end, s.measure_id, %(d)s,
       s.value, f.value, s.published_value, f.published_value
from last_stated as s
inner join reporting.panel_figures as f using (period_type, period_label, measure_id)
where not f.is_provisional
  and (f.value is distinct from s.value or f.published_value is distinct from s.published_value)
"""


@dataclass(frozen=True)
class Build:
    """A build of the warehouse's marts: the live one, or one as known at an earlier day."""

    extract_date: date
    as_known_at: date
    schema_prefix: str = ""

    @property
    def is_live(self) -> bool:
        return not self.schema_prefix


def schema(name: str, prefix: str = "") -> str:
    """The schema ``name`` of a build (``asof_20170405_reporting`` with a prefix)."""
    if prefix and not re.fullmatch(r"[a-z][a-z0-9_]{0,40}", prefix):
        raise ValueError(f"{prefix!r} is not a schema prefix (lowercase letters, digits, _)")
    return f"{prefix}_{name}" if prefix else name


def read_build(warehouse_url: str, prefix: str = "") -> Build | None:
    """The build held in the (prefixed) schemas, or None when there is none.

    Reads ``reporting.panel_figures_build``; a warehouse built before that
    model existed falls back to the latest extract loaded before the build.
    """
    reporting = schema("reporting", prefix)
    with psycopg2.connect(warehouse_url) as conn, conn.cursor() as cur:
        cur.execute(
            "select to_regclass(%s), to_regclass(%s)",
            (f"{reporting}.panel_figures_build", f"{reporting}.panel_figures"),
        )
        build_table, figures_table = cur.fetchone()
        row = None
        if build_table is not None:
            cur.execute(f"select extract_date, as_known_at from {reporting}.panel_figures_build")
            row = cur.fetchone()
        elif figures_table is not None and not prefix:
            cur.execute(
                "select max(e.extract_date), max(e.extract_date) from raw.extracts as e "
                "where e.loaded_at <= (select min(computed_at) from reporting.panel_figures)"
            )
            row = cur.fetchone()
    conn.close()
    if not row or row[0] is None:
        return None
    return Build(extract_date=row[0], as_known_at=row[1], schema_prefix=prefix)


def live_build(warehouse_url: str) -> Build:
    build = read_build(warehouse_url)
    if build is None:
        raise ValueError(
            "the warehouse holds no build of reporting.panel_figures yet: "
            "run the nightly first (iro run --date YYYY-MM-DD)"
        )
    return build


def ensure_tables(warehouse_url: str) -> None:
    with psycopg2.connect(warehouse_url) as conn, conn.cursor() as cur:
        cur.execute("select pg_advisory_xact_lock(%s)", (PUBLICATION_LOCK_KEY,))
        cur.execute(BOOKKEEPING_DDL)
    conn.close()


def record(warehouse_url: str, build: Build, published: list[Period]) -> int:
    """Freeze ``published`` (first publication only) and record restatements; their count.

    One transaction under an advisory lock, so concurrent monthly runs queue.
    Only the live warehouse is bookkept.
    """
    if not build.is_live:
        raise ValueError("only publications from the live warehouse are recorded")
    ensure_tables(warehouse_url)
    with psycopg2.connect(warehouse_url) as conn, conn.cursor() as cur:
        cur.execute("select pg_advisory_xact_lock(%s)", (PUBLICATION_LOCK_KEY,))
        for period in published:
            cur.execute(
                FREEZE_SQL,
                {
                    "extract_date": build.extract_date,
                    "period_type": period.period_type,
                    "period_label": period.label,
                },
            )
        cur.execute(RESTATE_SQL, {"d": build.extract_date})
        cur.execute(
            "select count(*) from reporting.panel_figures_restatements where restated_on = %s",
            (build.extract_date,),
        )
        restated = cur.fetchone()[0]
    conn.close()
    if restated:
        log.info("%d figures restated on %s", restated, build.extract_date)
    return restated


def restatements_for(warehouse_url: str, period: Period, as_known_at: date) -> list[dict]:
    """Restatements the report of ``period`` lists (what the template shows).

    Those of this period or an earlier one (ending on or before its end),
    recorded from the period's first day up to ``as_known_at``, whose
    published value changed (a change hidden by disclosure control, ``c`` to
    ``c``, is kept in the table but not shown).
    """
    with psycopg2.connect(warehouse_url) as conn, conn.cursor() as cur:
        cur.execute("select to_regclass('reporting.panel_figures_restatements')")
        if cur.fetchone()[0] is None:
            conn.close()
            return []
        cur.execute(
            """
            select r.period_label, coalesce(m.measure_label, r.measure_id),
                   r.old_published_value, r.new_published_value, r.restated_on
            from reporting.panel_figures_restatements as r
            left join reporting.measures as m on m.measure_id = r.measure_id
            where r.period_end <= %(end)s
              and r.restated_on between %(start)s and %(d)s
              and r.old_published_value <> r.new_published_value
            order by r.restated_on, r.period_end, r.period_type desc,
                     coalesce(m.sort_order, 999), r.measure_id
            """,
            {"end": period.end, "start": period.start, "d": as_known_at},
        )
        rows = cur.fetchall()
    conn.close()
    return [
        {
            "period_label": label,
            "measure_label": measure,
            "old_value": old,
            "new_value": new,
            "restated_on": restated_on.isoformat(),
        }
        for label, measure, old, new, restated_on in rows
    ]


def output_root(settings: Settings, build: Build) -> Path:
    """Where a build's files go: the output folder, or ``as_known_at/<day>/`` under it."""
    if build.is_live:
        return settings.output_dir
    return settings.output_dir / "as_known_at" / build.as_known_at.isoformat()


def publish_periods(
    settings: Settings,
    build: Build,
    wanted: list[Period],
    *,
    file_extract_date: date | None = None,
) -> list[Path]:
    """Record (live builds only) and write the files of ``wanted``; the folders written.

    The files name the build's extract date (``file_extract_date`` overrides
    the name only, for ``iro publish --extract-date``).
    """
    if build.is_live:
        record(settings.warehouse_url, build, wanted)
    root = output_root(settings, build)
    return [
        publish.publish_period(
            settings.warehouse_url,
            root,
            period,
            extract_date=file_extract_date or build.extract_date,
            schema_prefix=build.schema_prefix,
        )
        for period in wanted
    ]


def periods_of_month(month: Period) -> list[Period]:
    """What the monthly run for ``month`` publishes: the month, and its year after March."""
    if month.period_type != "month":
        raise ValueError(f"{month.label} is not a month")
    out = [month]
    if month.end.month == 3:
        out.append(periods.financial_year_of(month.end))
    return out


def covers(build: Build, month: Period) -> bool:
    """True when the build was taken after ``month`` ended (its figures are final)."""
    return build.extract_date > month.end


def poke(settings: Settings, month: Period) -> dict:
    """Sensor ``wait_for_build``: done when the live build covers ``month``.

    Returns the keyword arguments of a ``PokeReturnValue``; the value passed
    on is the build's extract date.
    """
    build = read_build(settings.warehouse_url)
    if build is None or not covers(build, month):
        have = f"the build is for {build.extract_date}" if build else "there is no build yet"
        log.info("waiting for a build taken after %s (%s)", month.end, have)
        return {"is_done": False}
    return {"is_done": True, "xcom_value": build.extract_date.isoformat()}


def publish_month(
    settings: Settings,
    month: Period,
    build: Build | None = None,
    *,
    expect: str | None = None,
) -> list[Path]:
    """The work of one ``iro_panel_monthly`` run: the month's files (and the year's in March).

    ``expect`` (an ISO date) is the extract date the sensor saw; a different
    build now (a nightly ran in between) is fine as long as it covers the month.
    """
    build = build or live_build(settings.warehouse_url)
    if expect and build.extract_date.isoformat() != expect:
        log.info("the build moved on from %s to %s since the check", expect, build.extract_date)
    if not covers(build, month):
        raise ValueError(
            f"the warehouse's build (extract date {build.extract_date}) does not cover "
            f"{month.label}: it needs an extract taken after {month.end}"
        )
    if month.start < settings.reporting_start.replace(day=1):
        raise ValueError(f"{month.label} is before the reporting start {settings.reporting_start}")
    return publish_periods(settings, build, periods_of_month(month))
