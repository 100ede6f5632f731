"""Backfills through real Airflow and ``iro backfill``, figures as known then, restatements.

One small county (scale 0.2 from 2015-04) is run through the nightly DAG for
2017-06-15, then, in this order (module fixtures, each used by later ones):

1. ``iro backfill`` publishes 24 months (2015-06..2017-05) and two years;
2. a real Airflow (api-server, scheduler, dag-processor; SQLite, LocalExecutor)
   runs ``airflow backfill create`` for the same months, twice;
3. the case system is corrected (``iro simulate --advance-to``) and the
   nightly runs for 2017-06-20; figures as known at 2017-06-15 are
   reproduced with ``iro publish --as-known-at``.
"""

from __future__ import annotations

import hashlib
import os
import time
from datetime import date
from pathlib import Path

import pytest

from tests.backfill.airflow_services import AirflowServices
from tests.conftest import PROJECT_DIR, query, run_iro

pytestmark = pytest.mark.slow

BEFORE = date(2017, 6, 15)
AFTER = date(2017, 6, 20)
FIRST, LAST = "2015-06", "2017-05"
MONTHS = 24
YEARS = ("2015-16", "2016-17")
BOOKKEEPING = ("reporting.panel_figures_published", "reporting.panel_figures_restatements")


def _files(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _tables(warehouse: str) -> dict[str, list]:
    return {t: sorted(map(repr, query(warehouse, f"select * from {t}"))) for t in BOOKKEEPING}


def _ok(done, what: str) -> None:
    assert done.returncode == 0, f"{what}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


@pytest.fixture(scope="module")
def town(make_database, tmp_path_factory) -> dict:
    warehouse = make_database("iro_bf_wh")
    source = make_database("iro_bf_cs")
    home = tmp_path_factory.mktemp("bf_airflow")
    env = {
        "WAREHOUSE_URL": warehouse,
        "CASE_SYSTEM_URL": source,
        "IRO_OUTPUT_DIR": str(tmp_path_factory.mktemp("bf_nightly_out")),
        "AIRFLOW_HOME": str(home),
        "IRO_RETRY_DELAY_SECONDS": "1",
    }
    sim = run_iro(
        ["simulate", "--seed", "7", "--start", "2015-04-01", "--end", BEFORE.isoformat(),
         "--scale", "0.2", "--quiet"],
        env,
    )  # fmt: skip
    _ok(sim, "simulate")
    _ok(run_iro(["run", "--date", BEFORE.isoformat()], env), "nightly")
    return {"env": env, "warehouse": warehouse, "source": source, "airflow_home": home}


@pytest.fixture(scope="module")
def iro_backfilled(town, tmp_path_factory) -> dict:
    """``iro backfill`` of the 24 months (its rerun is the Airflow backfill's, below)."""
    out = tmp_path_factory.mktemp("bf_iro_out")
    env = {**town["env"], "IRO_OUTPUT_DIR": str(out)}
    started = time.monotonic()
    first = run_iro(["backfill", "--from", FIRST, "--to", LAST], env)
    seconds = time.monotonic() - started
    _ok(first, "iro backfill")
    return {
        "out": out,
        "env": env,
        "first": first,
        "seconds": seconds,
        "files": _files(out),
        "tables": _tables(town["warehouse"]),
    }


@pytest.fixture(scope="module")
def airflow_backfilled(town, iro_backfilled, tmp_path_factory) -> dict:
    """``airflow backfill create`` of the 24 months with a running scheduler, twice."""
    from iro_warehouse import config, runner

    out = tmp_path_factory.mktemp("bf_airflow_out")
    env_vars = {**town["env"], "IRO_OUTPUT_DIR": str(out), "IRO_PROJECT_DIR": str(PROJECT_DIR)}
    saved = {k: os.environ.get(k) for k in env_vars}
    os.environ.update(env_vars)
    try:
        base = runner.airflow_env(config.Settings.from_env())
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    services = AirflowServices(base, tmp_path_factory.mktemp("bf_services"))
    result: dict = {"out": out}
    started_services = time.monotonic()
    try:
        services.start()
        services.wait_for_dag("iro_panel_monthly")
        dry = services.airflow(
            "backfill", "create", "--dag-id", "iro_panel_monthly",
            "--from-date", "2010-04-01", "--to-date", "2017-03-31", "--dry-run",
        )  # fmt: skip
        result["dry_run"] = dry.stdout
        result["ready_seconds"] = time.monotonic() - started_services
        started = time.monotonic()
        services.backfill("iro_panel_monthly", "2015-06-01", "2017-05-31")
        services.airflow("dags", "unpause", "iro_panel_monthly")
        result["runs"] = services.wait_for_runs("iro_panel_monthly", MONTHS)
        result["seconds"] = time.monotonic() - started
        result["files"], result["tables"] = _files(out), _tables(town["warehouse"])
        services.wait_for_backfills_complete("iro_panel_monthly")
        started = time.monotonic()
        services.backfill(
            "iro_panel_monthly", "2015-06-01", "2017-05-31", "--reprocess-behavior", "completed"
        )
        # the scheduler marks a backfill complete once every run it reprocesses has
        # finished; Airflow may leave some runs of the range as they were, so the
        # test asks for reprocessed runs, not for all of them
        services.wait_for_backfills_complete("iro_panel_monthly", timeout=600)
        result["runs_again"] = [
            r
            for r in services.runs("iro_panel_monthly")
            if r["run_type"] == "backfill" and (r["clear_number"] or 0) >= 1
        ]
        result["seconds_again"] = time.monotonic() - started
        result["files_again"], result["tables_again"] = _files(out), _tables(town["warehouse"])
    finally:
        services.stop()
    return result


@pytest.fixture(scope="module")
def corrected(town, airflow_backfilled, tmp_path_factory) -> dict:
    """After a correction: the nightly for AFTER, and a reproduction as known at BEFORE."""
    env = town["env"]
    _ok(run_iro(["simulate", "--advance-to", AFTER.isoformat(), "--quiet"], env), "advance")
    _ok(run_iro(["run", "--date", AFTER.isoformat()], env), "nightly after the correction")
    return {"env": env}


# --- iro backfill -------------------------------------------------------------------


def test_iro_backfill_publishes_every_month_and_year(iro_backfilled, town):
    files = iro_backfilled["files"]
    months = sorted({k.split("/")[1] for k in files if k.startswith("month/")})
    years = sorted({k.split("/")[1] for k in files if k.startswith("financial_year/")})
    assert (len(months), months[0], months[-1]) == (MONTHS, FIRST, LAST)
    assert tuple(years) == YEARS
    for label in months:
        for name in ("panel_figures.csv", "panel_figures.json", "report.html"):
            assert f"month/{label}/{name}" in files
    frozen = query(
        town["warehouse"],
        "select count(distinct (period_type, period_label)), min(extract_date), "
        "max(extract_date) from reporting.panel_figures_published",
    )
    assert frozen == [(MONTHS + len(YEARS), BEFORE, BEFORE)]
    assert "iro backfill" in iro_backfilled["first"].stderr  # the progress bar
    print(f"iro backfill of {MONTHS} months: {iro_backfilled['seconds']:.1f}s")


def test_iro_publish_writes_the_same_files(iro_backfilled, tmp_path):
    env = {**iro_backfilled["env"], "IRO_OUTPUT_DIR": str(tmp_path)}
    for label in ("2016-02", "FY2016-17"):
        _ok(run_iro(["publish", "--period", label], env), f"iro publish {label}")
    published = _files(tmp_path)
    # a month: CSV, JSON, the breakdowns' CSV, three editions as HTML and Word, the
    # one-pager; a year the same but the one-pager
    assert len(published) == 10 + 9
    for name, digest in published.items():
        assert iro_backfilled["files"][name] == digest, name


# --- real Airflow -------------------------------------------------------------------


def test_airflow_backfill_of_2010_to_2017_is_84_runs(airflow_backfilled):
    lines = [ln for ln in airflow_backfilled["dry_run"].splitlines() if ln.startswith("| 20")]
    assert len(lines) == 84, airflow_backfilled["dry_run"][-3000:]
    assert "2010-04-01 00:00:00+01:00" in lines[0] and "2017-03-01 00:00:00" in lines[-1]


def test_airflow_backfill_files_equal_iro_backfill(airflow_backfilled, iro_backfilled):
    runs = airflow_backfilled["runs"]
    assert len(runs) == MONTHS and {r["state"] for r in runs} == {"success"}
    assert airflow_backfilled["files"] == iro_backfilled["files"]
    assert airflow_backfilled["tables"] == iro_backfilled["tables"]
    print(
        f"airflow services ready in {airflow_backfilled['ready_seconds']:.1f}s; "
        f"airflow backfill of {MONTHS} months: {airflow_backfilled['seconds']:.1f}s, "
        f"again: {airflow_backfilled['seconds_again']:.1f}s"
    )


def test_airflow_backfill_twice_changes_nothing(airflow_backfilled):
    assert airflow_backfilled["runs_again"], "the second backfill reprocessed no run"
    assert {r["state"] for r in airflow_backfilled["runs_again"]} == {"success"}
    assert airflow_backfilled["files_again"] == airflow_backfilled["files"]
    assert airflow_backfilled["tables_again"] == airflow_backfilled["tables"]


# --- as known at, restatements ------------------------------------------------------

# Quality escalations raised in each month, as known at %(d)s, from raw with this
# test's own SQL (rules.md: category QUALITY_ASSESSMENT or QUALITY_PLAN).
QUALITY_RAISED = """
select to_char(esc_raised_date::date, 'YYYY-MM'), count(*)
from raw.ext_iro_escalations
where _valid_from <= %(d)s and (_valid_to is null or _valid_to > %(d)s) and not _is_deleted
  and esc_category in ('QUALITY_ASSESSMENT', 'QUALITY_PLAN')
  and esc_raised_date::date between '2015-06-01' and '2017-05-31'
group by 1
"""


def _figure(warehouse: str, schema: str, label: str, measure: str):
    return query(
        warehouse,
        f"select value, published_value from {schema}.panel_figures "
        "where period_type = 'month' and period_label = %s and measure_id = %s",
        (label, measure),
    )[0]


def test_a_correction_is_restated_and_reproducible_as_known_before(
    corrected, town, iro_backfilled, tmp_path
):
    wh = town["warehouse"]
    before = dict(query(wh, QUALITY_RAISED, {"d": BEFORE}))
    after = dict(query(wh, QUALITY_RAISED, {"d": AFTER}))
    changed = {m: after.get(m, 0) - before.get(m, 0) for m in set(before) | set(after)}
    changed = {m: d for m, d in changed.items() if d}
    assert changed, "the advance corrected no escalation's category in the backfilled months"

    env = {**corrected["env"], "IRO_OUTPUT_DIR": str(tmp_path)}
    month = sorted(changed)[0]
    done = run_iro(["publish", "--period", month, "--as-known-at", BEFORE.isoformat()], env)
    _ok(done, "iro publish --as-known-at")
    asof = f"asof_{BEFORE:%Y%m%d}_reporting"
    for label, delta in changed.items():
        old = _figure(wh, asof, label, "drp_raised_quality")
        new = _figure(wh, "reporting", label, "drp_raised_quality")
        assert new[0] - old[0] == delta, label  # differs by exactly the correction
        restated = query(
            wh,
            "select old_value, new_value, old_published_value, new_published_value "
            "from reporting.panel_figures_restatements where period_type = 'month' "
            "and period_label = %s and measure_id = 'drp_raised_quality' and restated_on = %s",
            (label, AFTER),
        )
        assert restated == [(old[0], new[0], old[1], new[1])], label

    # the reproduction as known then is what was first published then
    frozen = query(
        wh,
        "select measure_id, published_value from reporting.panel_figures_published "
        "where period_type = 'month' and period_label = %s",
        (month,),
    )
    reproduced = tmp_path / "as_known_at" / BEFORE.isoformat() / "month" / month
    csv_rows = (reproduced / "panel_figures.csv").read_text().splitlines()[1:]
    assert sorted((r.split(",")[0], r.split(",")[3]) for r in csv_rows) == sorted(frozen)
    # ... byte for byte: the files first published for the month, before the correction
    assert _files(reproduced) == {
        k.removeprefix(f"month/{month}/"): v
        for k, v in iro_backfilled["files"].items()
        if k.startswith(f"month/{month}/")
    }


def test_the_report_lists_restatements_of_earlier_periods(corrected, town, tmp_path):
    shown = query(
        town["warehouse"],
        "select period_label, old_published_value, new_published_value "
        "from reporting.panel_figures_restatements "
        "where restated_on = %s and old_published_value <> new_published_value "
        "and period_end <= '2017-05-31'",
        (AFTER,),
    )
    assert shown, "no restatement with a changed published value"
    env = {**corrected["env"], "IRO_OUTPUT_DIR": str(tmp_path)}
    _ok(run_iro(["publish", "--period", LAST], env), "iro publish")
    html_text = (tmp_path / "month" / LAST / "report.html").read_text()
    assert 'id="restatements"' in html_text
    section = html_text.split('id="restatements"')[1].split("</table>")[0]
    for label, old, new in shown:
        assert f"<td>{label}</td>" in section
        assert f'<td class="num">{old}</td><td class="num">{new}</td>' in section
    assert section.count("<tr>") == len(shown) + 1  # c -> c changes are not shown


def test_the_raw_load_after_the_correction_wrote_only_changed_rows(corrected, town):
    from iro_warehouse import spec

    wh = town["warehouse"]
    tables = query(
        wh,
        "select table_name from information_schema.tables where table_schema = 'raw' "
        "and table_name <> 'extracts' order by 1",
    )
    written_total, rows_total = 0, 0
    for (table,) in tables:
        cols = ", ".join(spec.table(table).column_names)
        known = (
            f"select {cols} from raw.{table} where _valid_from <= %(d)s "
            "and (_valid_to is null or _valid_to > %(d)s) and not _is_deleted"
        )
        new_versions = query(
            wh,
            f"select count(*) from ({known.replace('%(d)s', '%(a)s')} except all {known}) as x",
            {"a": AFTER, "d": BEFORE},
        )[0][0]
        written, rows = query(
            wh,
            f"select count(*) filter (where _valid_from = %s and not _is_deleted), count(*) "
            f"from raw.{table}",
            (AFTER,),
        )[0]
        assert written == new_versions, table  # no unchanged row written again
        written_total, rows_total = written_total + written, rows_total + rows
    assert 0 < written_total < rows_total * 0.05
