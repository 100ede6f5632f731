"""End to end: a simulated case system through the real ``iro run`` (Airflow, dbt, publish).

The expected counts come straight from the generated source tables with this
test's own SQL, written from rules.md, not from the warehouse's models.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import ADVANCED, EXTRACT, query, run_iro

pytestmark = pytest.mark.slow


# Children looked after on %(d)s, from the source as the case system holds it.
LOOKED_AFTER_ON = """
with episodes as (
    select clae_cla_episode_id as episode_id, clae_person_id as person_id, clae_cla_id as cla_id,
           clae_cla_episode_start_date::date as start_date,
           clae_cla_episode_ceased_date::date as ceased_date,
           clae_cla_episode_ceased_reason as ceased_reason
    from ssd_cla_episodes
),
last_episode as (
    select distinct on (cla_id) cla_id, ceased_date, ceased_reason
    from episodes
    order by cla_id, start_date desc, ceased_date desc nulls first, episode_id desc
),
periods as (
    select e.cla_id, min(e.person_id) as person_id, min(e.start_date) as start_date,
           case when l.ceased_date is not null and l.ceased_reason is distinct from 'X1'
                then l.ceased_date end as end_date
    from episodes as e join last_episode as l using (cla_id)
    group by e.cla_id, l.ceased_date, l.ceased_reason
),
legal as (
    select lega_legal_status_id as id, lega_person_id as person_id, lega_legal_status as status,
           lega_legal_status_start_date::date as start_date,
           lega_legal_status_end_date::date as end_date
    from ssd_legal_status
),
status_at_start as (
    select distinct on (p.cla_id) p.cla_id, l.status
    from periods as p
    join legal as l on l.person_id = p.person_id and l.start_date <= p.start_date
        and (l.end_date is null or l.end_date > p.start_date)
    order by p.cla_id, l.start_date desc, l.id desc
),
status_on_day as (
    select distinct on (person_id) person_id, status
    from legal
    where start_date <= %(d)s and (end_date is null or end_date > %(d)s)
    order by person_id, start_date desc, id desc
)
select count(distinct p.person_id)
from periods as p
left join status_at_start as s using (cla_id)
left join status_on_day as d on d.person_id = p.person_id
where p.start_date <= %(d)s and (p.end_date is null or p.end_date > %(d)s)
  and s.status is distinct from 'V3' and s.status is distinct from 'V4'
  and d.status is distinct from 'V3' and d.status is distinct from 'V4'
"""

PLANS_ON = """
select count(*) from ssd_cp_plans
where cppl_cp_plan_start_date::date <= %(d)s
  and (cppl_cp_plan_end_date is null or cppl_cp_plan_end_date::date > %(d)s)
"""


def _figure(warehouse_url: str, label: str, measure: str) -> tuple:
    rows = query(
        warehouse_url,
        "select value, published_value, is_provisional from reporting.panel_figures "
        "where period_label = %s and measure_id = %s",
        (label, measure),
    )
    assert len(rows) == 1, f"{measure} for {label}: {len(rows)} rows"
    return rows[0]


def _snapshot(warehouse_url: str, output: Path) -> dict:
    tables = [
        r[0]
        for r in query(
            warehouse_url,
            "select table_schema || '.' || table_name from information_schema.tables "
            "where table_schema = 'raw' order by 1",
        )
    ]
    snap: dict = {
        t: sorted(map(repr, query(warehouse_url, f"select * from {t}")))
        for t in tables
        if t != "raw.extracts"
    }
    snap["raw.extracts"] = query(
        warehouse_url, "select extract_id, extract_date, row_counts from raw.extracts order by 1"
    )
    snap["figures"] = sorted(
        map(
            repr,
            query(
                warehouse_url,
                "select period_type, period_label, measure_id, numerator, denominator, value, "
                "published_value, is_provisional from reporting.panel_figures",
            ),
        )
    )
    snap["files"] = {
        str(p.relative_to(output)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(output.rglob("*"))
        if p.is_file()
    }
    return snap


@pytest.mark.parametrize(
    ("label", "day"),
    [
        ("2016-17", date(2017, 3, 31)),
        ("2015-16", date(2016, 3, 31)),
        ("2016-12", date(2016, 12, 31)),
        ("2017-05", date(2017, 5, 31)),
        ("2017-06", EXTRACT),  # provisional: taken on the extract date
    ],
)
def test_headline_counts_equal_the_source(county, label, day):
    expected_cla = query(county["source"], LOOKED_AFTER_ON, {"d": day})[0][0]
    expected_cp = query(county["source"], PLANS_ON, {"d": day})[0][0]
    assert expected_cla > 5 and expected_cp > 5, "the simulated county is too small to test"
    cla = _figure(county["warehouse"], label, "cla_at_end")
    cp = _figure(county["warehouse"], label, "cp_plans_at_end")
    assert (int(cla[0]), int(cp[0])) == (expected_cla, expected_cp)
    assert (cla[1], cp[1]) == (str(expected_cla), str(expected_cp))
    assert cla[2] is (label == "2017-06")


def test_every_month_and_year_is_present(county):
    rows = query(
        county["warehouse"],
        "select period_type, count(distinct period_label) from reporting.panel_figures "
        "where measure_id = 'cla_at_end' group by 1 order by 1",
    )
    # 2010-04 .. 2017-06 is 87 months; financial years 2010-11 .. 2017-18 are 8
    assert rows == [("financial_year", 8), ("month", 87)]


def test_files_are_published_for_the_latest_complete_month_and_year(county):
    out = county["output"]
    for folder in ("month/2017-05", "financial_year/2016-17"):
        for name in ("panel_figures.csv", "panel_figures.json", "report.html"):
            assert (out / folder / name).is_file(), f"{folder}/{name} missing"
    csv_text = (out / "financial_year/2016-17/panel_figures.csv").read_text()
    assert csv_text.splitlines()[0] == (
        "measure_id,measure_label,unit,published_value,numerator,denominator"
    )
    assert "cla_at_end" in csv_text and "cp_plans_at_end" in csv_text


def test_a_second_run_for_the_same_date_changes_nothing(county):
    before = _snapshot(county["warehouse"], county["output"])
    again = run_iro(["run", "--date", EXTRACT.isoformat()], county["env"])
    assert again.returncode == 0, again.stderr[-3000:]
    assert _snapshot(county["warehouse"], county["output"]) == before


def test_a_run_after_advance_records_changes_as_new_versions(county):
    env, wh, src = county["env"], county["warehouse"], county["source"]
    people_before = query(src, "select count(*) from ssd_person")[0][0]
    adv = run_iro(["simulate", "--advance-to", ADVANCED.isoformat(), "--quiet"], env)
    assert adv.returncode == 0, adv.stderr
    run = run_iro(["run", "--date", ADVANCED.isoformat()], env)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert query(src, "select count(*) from ssd_person")[0][0] >= people_before

    new, closed, deleted = 0, 0, 0
    for (table,) in query(
        wh,
        "select table_name from information_schema.tables where table_schema = 'raw' "
        "and table_name <> 'extracts'",
    ):
        n, c, d = query(
            wh,
            f"select count(*) filter (where _valid_from = %(d)s and not _is_deleted), "
            f"count(*) filter (where _valid_to = %(d)s and not _is_deleted), "
            f"count(*) filter (where _valid_from = %(d)s and _is_deleted) from raw.{table}",
            {"d": ADVANCED},
        )[0]
        new, closed, deleted = new + n, closed + c, deleted + d
        # what raw holds as current is exactly what the source holds now
        cols = [
            r[0]
            for r in query(
                src,
                "select column_name from information_schema.columns where table_name = %s "
                "and table_schema = 'public' order by ordinal_position",
                (table,),
            )
        ]
        from iro_warehouse import spec

        listed = ", ".join(spec.table(table).column_names)
        current = query(
            wh,
            f"select {listed} from raw.{table} where _valid_to is null and not _is_deleted",
        )
        source_rows = query(
            src,
            f"select {', '.join(f'{c}::text' for c in spec.table(table).column_names)} "
            f"from {table}",
        )
        assert sorted(map(repr, current)) == sorted(map(repr, source_rows)), table
        assert set(spec.table(table).column_names) <= set(cols)
    assert new > 0 and closed > 0 and deleted > 0, (new, closed, deleted)
    # the earlier extract is still there to compute figures as known then
    assert query(wh, "select extract_date::text from raw.extracts order by 1") == [
        (EXTRACT.isoformat(),),
        (ADVANCED.isoformat(),),
    ]
