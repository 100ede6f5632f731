"""Publications as state: the first publication of a period is frozen; changes are restatements.

``reporting.panel_figures`` is rebuilt by every nightly run, so on its own it
cannot say what the panel was told. Two tables kept here (not dbt models: they
are history, not something a rebuild may recreate) can:

* ``reporting.panel_figures_published``: the figures of each (final, i.e. not
  provisional) period as first published, one row per period and measure,
  with the extract date they were computed from. Never updated.
* ``reporting.panel_figures_restatements``: an audit trail that only grows:
  one row per period, measure, ``restated_on`` (the extract date of the
  recomputation that changed the figure) and ``revision`` (1, then 2 ... when
  a rerun for the same extract date changed it again), with the value stated
  before and the value now, exact and published.

Every publication from the live warehouse first freezes the periods it
publishes, then compares *every* frozen figure with the current
``reporting.panel_figures``: a figure differing from what was last stated (the
latest restatement before this extract date, else the first publication) is
recorded as restated on this extract date. Nothing is ever updated or
deleted. The records carry no wall-clock time, and a rerun for the same
extract date compares with what the first run stated, so a rerun that changes
nothing adds nothing.

Publications *as known at* an earlier day read these tables (restatements
recorded up to that day) but never write them.
"""

from __future__ import annotations

import logging
from datetime import date

from iro_warehouse import warehouse
from iro_warehouse.periods import Period
from iro_warehouse.warehouse import PUBLICATION_LOCK_KEY, Build

log = logging.getLogger(__name__)

BOOKKEEPING_DDL = """
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
    'The first publication of each final period''s figures, frozen '
    '(iro_warehouse.publishing.records).';
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
    revision integer not null default 1,
    primary key (period_type, period_label, measure_id, restated_on, revision)
);
comment on table reporting.panel_figures_restatements is
    'A published figure that changed when recomputed: old and new value and the extract '
    'date of the recomputation (iro_warehouse.publishing.records). Append-only.';
do $migrate$
begin
    -- tables made before revisions: one revision per extract date
    if not exists (
        select from information_schema.columns
        where table_schema = 'reporting' and table_name = 'panel_figures_restatements'
          and column_name = 'revision'
    ) then
        alter table reporting.panel_figures_restatements
            add column revision integer not null default 1;
        alter table reporting.panel_figures_restatements
            drop constraint panel_figures_restatements_pkey;
        alter table reporting.panel_figures_restatements
            add primary key (period_type, period_label, measure_id, restated_on, revision);
    end if;
end
$migrate$;
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

# What was last stated up to the extract date (a restatement recorded earlier the same
# day included), against the current figures: only differences are added.
RESTATE_SQL = """
insert into reporting.panel_figures_restatements (
    period_type, period_label, period_end, measure_id, restated_on, revision,
    old_value, new_value, old_published_value, new_published_value
)
with latest_restatement as (
    select distinct on (period_type, period_label, measure_id)
           period_type, period_label, measure_id, restated_on, revision,
           new_value, new_published_value
    from reporting.panel_figures_restatements
    where restated_on <= %(d)s
    order by period_type, period_label, measure_id, restated_on desc, revision desc
),
last_stated as (
    select p.period_type, p.period_label, p.period_end, p.measure_id,
           case when r.measure_id is null then p.value else r.new_value end as value,
           coalesce(r.new_published_value, p.published_value) as published_value,
           case when r.restated_on = %(d)s then r.revision else 0 end as revision_today
    from reporting.panel_figures_published as p
    left join latest_restatement as r using (period_type, period_label, measure_id)
    where p.extract_date <= %(d)s
)
select s.period_type, s.period_label, s.period_end, s.measure_id, %(d)s, s.revision_today + 1,
       s.value, f.value, s.published_value, f.published_value
from last_stated as s
inner join reporting.panel_figures as f using (period_type, period_label, measure_id)
where not f.is_provisional
  and (f.value is distinct from s.value or f.published_value is distinct from s.published_value)
"""

RESTATEMENTS_SQL = """
select r.period_label, coalesce(m.measure_label, r.measure_id) as measure_label,
       r.old_published_value as old_value, r.new_published_value as new_value,
       r.restated_on
from reporting.panel_figures_restatements as r
left join reporting.measures as m on m.measure_id = r.measure_id
where r.period_end <= %(end)s
  and r.restated_on between %(start)s and %(d)s
  and r.old_published_value <> r.new_published_value
order by r.restated_on, r.revision, r.period_end, r.period_type desc,
         coalesce(m.sort_order, 999), r.measure_id
"""


def record(url: str, build: Build, published: list[Period], *, role: str | None = None) -> int:
    """Freeze ``published`` (first publication only) and record restatements added; their count.

    One transaction under an advisory lock, so concurrent monthly runs queue,
    acting as ``role`` (the loader: it owns the records). Only the live
    warehouse is bookkept.
    """
    if not build.is_live:
        raise ValueError("only publications from the live warehouse are recorded")
    with warehouse.transaction(url, app="iro_publish", role=role) as cur:
        warehouse.advisory_xact_lock(cur, PUBLICATION_LOCK_KEY)
        cur.execute(BOOKKEEPING_DDL)
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
        restated = cur.rowcount
    if restated:
        log.info("%d figures restated on %s", restated, build.extract_date)
    return restated


def restatements_for(url: str, period: Period, as_known_at: date) -> list[dict]:
    """Restatements the report of ``period`` lists.

    Those of this period or an earlier one (ending on or before its end),
    recorded from the period's first day up to ``as_known_at``, whose
    published value changed (a change hidden by disclosure control, ``c`` to
    ``c``, is kept in the table but not shown).
    """
    with warehouse.transaction(url, dicts=True) as cur:
        cur.execute("select to_regclass('reporting.panel_figures_restatements') is not null as ok")
        if not cur.fetchone()["ok"]:
            return []
        cur.execute(RESTATEMENTS_SQL, {"end": period.end, "start": period.start, "d": as_known_at})
        rows = cur.fetchall()
    return [{**row, "restated_on": row["restated_on"].isoformat()} for row in rows]
