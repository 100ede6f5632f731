"""``iro``: the command line of iro-warehouse.

iro simulate [--seed N] [--start D] [--end D] [--scale S] [--bad-rows N]
             [--contract 1|2] [--profile NAME|FILE]
             [--advance-to D] [--url URL [--schema S] | --csv-dir DIR]
iro simulate --region N --csv-dir DIR [--seed N] [--start D] [--end D] [--scale S]
iro check-source
iro run --date YYYY-MM-DD [--authority CODE] [--full-refresh] [--publish-anyway]
iro benchmark
iro publish --period 2017-03|2016-17 [--authority CODE] [--final] [--publish-anyway]
            [--as-known-at D [--rebuild]]
iro backfill --from 2010-04 --to 2017-03 [--authority CODE] [--quiet] [--publish-anyway]
iro drop-as-known-at --date D
iro demo [--date YYYY-MM-DD] [--scale S]
iro setup
iro grant
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import date
from pathlib import Path

from iro_warehouse import (
    asof,
    authorities,
    backfill,
    check_source,
    config,
    periods,
    pgserver,
    roles,
    runner,
    simulate,
    warehouse,
)
from iro_warehouse.extract import StructuralFault
from iro_warehouse.publishing import benchmark, figures, gate, publisher
from iro_warehouse.simulate import region as region_sim

log = logging.getLogger("iro_warehouse")

#: The demo county: simulated from the default reporting start to this extract date.
DEMO_DATE = date(2017, 6, 15)
DEMO_START = config.DEFAULT_REPORTING_START


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _period(text: str) -> periods.Period:
    try:
        return periods.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def ensure_services(settings: config.Settings) -> config.Settings:
    """Start the private PostgreSQL (when no WAREHOUSE_URL) and create its databases.

    Returns the settings as they are once the server runs (it may have chosen
    another port than the one the settings were read with).
    """
    if not settings.uses_private_pg:
        return settings
    server = pgserver.PrivateServer()
    server.ensure_running()
    for db in ("iro_warehouse", "case_system"):
        warehouse.ensure_database(server.url("postgres"), db)
    # a region on the private server: each authority's warehouse, and the region's
    region = authorities.load(base=config.Settings.from_env())
    for db in _private_databases(region):
        warehouse.ensure_database(server.url("postgres"), db)
    # the private server's own key, never a key from the repository
    os.environ.setdefault("IRO_PSEUDONYM_KEY", config.demo_pseudonym_key())
    return config.Settings.from_env()


def authority_settings(args: argparse.Namespace) -> config.Settings:
    """The settings of ``--authority`` in a region, else the environment's (services started).

    In a region a command about one warehouse must name its authority.
    """
    settings = ensure_services(config.Settings.from_env())
    region = authorities.load(base=settings)
    code = getattr(args, "authority", None)
    if code is None:
        if region.is_region:
            raise ValueError(
                f"{authorities.ENV_VAR} lists {len(region.authorities)} authorities: "
                "name one with --authority CODE"
            )
        return settings
    if not region.is_region:
        raise ValueError(f"--authority {code}: {authorities.ENV_VAR} is not set")
    return region.authority(code).settings


def _authority_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--authority", help="in a region (IRO_AUTHORITIES_FILE): the authority's code, e.g. 840"
    )


def _private_databases(region: authorities.Region) -> list[str]:
    """The databases of a region that live on the private server (their default place)."""
    if not region.is_region:
        return []
    private = config.PgParts.from_url(config.private_pg_url("postgres"))
    wanted = [a.settings.warehouse_url for a in region.authorities]
    wanted.append(region.warehouse_url or "")
    names = []
    for url in wanted:
        parts = config.PgParts.from_url(url)
        if (parts.host, parts.port) == (private.host, private.port):
            names.append(parts.dbname)
    return names


def _source_target(source: config.Source) -> simulate.Target:
    if source.csv_dir is not None:
        return simulate.Target(csv_dir=source.csv_dir)
    return simulate.Target(url=source.url, schema=source.schema)


def _sim_target(args: argparse.Namespace, settings: config.Settings) -> simulate.Target:
    if args.csv_dir:
        return simulate.Target(csv_dir=Path(args.csv_dir))
    if args.url:
        return simulate.Target(url=args.url, schema=args.schema or "public")
    return _source_target(settings.source)


def cmd_simulate(args: argparse.Namespace) -> int:
    if args.region is not None:
        return _simulate_region(args)
    settings = config.Settings.from_env()
    if not (args.url or args.csv_dir):
        settings = ensure_services(settings)
    target = _sim_target(args, settings)
    if args.advance_to:
        summary = simulate.advance_to(target, args.advance_to, progress=not args.quiet)
    else:
        summary = simulate.simulate(
            target,
            seed=args.seed,
            start=args.start,
            end=args.end,
            scale=args.scale,
            bad_rows=args.bad_rows,
            contract=args.contract,
            profile=args.profile,
            progress=not args.quiet,
        )
    print(summary.describe())
    return 0


def _simulate_region(args: argparse.Namespace) -> int:
    """``--region N``: N authorities' case systems as CSV folders, and their authorities file."""
    if not args.csv_dir or args.advance_to:
        raise ValueError("--region writes CSV folders: give --csv-dir DIR (and no --advance-to)")
    path = region_sim.simulate_region(
        Path(args.csv_dir),
        args.region,
        simulate_one=simulate.simulate,
        seed=args.seed,
        start=args.start,
        end=args.end,
        scale=args.scale,
    )
    print(f"a region of {args.region} authorities in {path.parent}; IRO_AUTHORITIES_FILE={path}")
    return 0


def cmd_check_source(args: argparse.Namespace) -> int:
    """Read the configured source with its profile and say what it found (counts only)."""
    settings = authority_settings(args)
    checks = check_source.check(settings.source, settings.warehouse_url, settings.retry)
    print(check_source.report(settings.source, checks))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """The nightly of the one authority, of ``--authority``, or of each of a region in turn."""
    settings = ensure_services(config.Settings.from_env())
    region = authorities.load(base=settings)
    if args.authority is not None and not region.is_region:
        raise ValueError(f"--authority {args.authority}: {authorities.ENV_VAR} is not set")
    chosen = (
        [region.authority(args.authority)]
        if args.authority is not None
        else list(region.authorities)
    )
    failed = []
    for authority in chosen:
        if region.is_region:
            print(f"{authority.label}: the nightly run ({authority.dag_id}) ...")
        code = runner.run_nightly(
            settings,
            args.date,
            full_refresh=args.full_refresh,
            publish_anyway=args.publish_anyway,
            dag_id=authority.dag_id,
        )
        if code != 0:
            failed.append(authority.label)
            print(
                f"iro run: the nightly run of {authority.dag_id} for {args.date} failed "
                "(see the task log above)",
                file=sys.stderr,
            )
    return 1 if failed else 0


def cmd_benchmark(args: argparse.Namespace) -> int:
    """The regional benchmark from the authorities' published files (as the DAG's task)."""
    settings = ensure_services(config.Settings.from_env())
    region = authorities.load(base=settings)
    for folder in benchmark.publish(region):
        print(f"  {folder}")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    settings = authority_settings(args)
    if args.as_known_at:
        build = asof.ensure_build(settings, args.as_known_at, rebuild=args.rebuild)
    else:
        build = warehouse.live_build(settings.warehouse_url)
    (folder,) = publisher.publish_periods(
        settings,
        build,
        [args.period],
        file_extract_date=args.extract_date,
        publish_anyway=args.publish_anyway,
        final=args.final,
    )
    known = f" as known at {build.as_known_at}" if args.as_known_at else ""
    print(f"published {args.period.period_type} {args.period.label}{known} to {folder}")
    return 0


def _month(text: str) -> periods.Period:
    period = _period(text)
    if period.period_type != "month":
        raise argparse.ArgumentTypeError(f"{text!r} is not a month (YYYY-MM)")
    return period


def cmd_drop_as_known_at(args: argparse.Namespace) -> int:
    settings = authority_settings(args)
    dropped = asof.drop(settings, args.date)
    print(f"dropped {len(dropped)} schemas of the build as known at {args.date}")
    return 0


def cmd_backfill(args: argparse.Namespace) -> int:
    settings = authority_settings(args)
    result = backfill.run(
        settings, args.first, args.last, progress=not args.quiet, publish_anyway=args.publish_anyway
    )
    print(result.describe())
    print(f"files: {settings.output_dir}")
    return 0


def _case_system_exists(settings: config.Settings) -> bool:
    source = settings.source
    if source.csv_dir is not None:
        return (source.csv_dir / "ssd_person.csv").exists()
    try:
        return warehouse.relation_exists(source.url or "", source.schema, "ssd_person")
    except warehouse.Unreachable:
        return False


def _already_built(settings: config.Settings, extract_date: date) -> bool:
    """True when the warehouse's live build and files are for ``extract_date``."""
    try:
        build = warehouse.read_build(settings.warehouse_url)
    except warehouse.Unreachable:
        return False
    wanted = periods.latest_complete(extract_date, settings.reporting_start)
    return (
        build is not None
        and build.extract_date == extract_date
        and all((settings.output_dir / p.folder / "report.html").exists() for p in wanted)
    )


def cmd_demo(args: argparse.Namespace) -> int:
    """Set up, simulate a county when none exists, run the nightly DAG, print figures."""
    settings = ensure_services(config.Settings.from_env())
    if not _case_system_exists(settings):
        print(f"Simulating a county-sized case system into {settings.source.describe()} ...")
        simulate.simulate(
            _source_target(settings.source),
            seed=1,
            start=DEMO_START,
            end=args.date,
            scale=args.scale,
        )
    if not args.rerun and _already_built(settings, args.date):
        print(
            f"The warehouse already holds the nightly run for {args.date} "
            "(iro demo --rerun runs it again)."
        )
    else:
        print(f"Running the nightly DAG for extract date {args.date} ...")
        code = runner.run_nightly(
            settings, args.date, log_file=runner.airflow_home() / "demo-run.log"
        )
        if code != 0:
            print("iro demo: the nightly run failed", file=sys.stderr)
            return code
    for period in periods.latest_complete(args.date, settings.reporting_start):
        print(f"\n{period.period_type.replace('_', ' ')} {period.label}:")
        for figure in figures.of_period(settings.warehouse_url, period):
            print(f"  {figure.measure_label:<88} {figure.published_value:>8}")
        print(f"  files: {settings.output_dir / period.folder}")
    return 0


def cmd_setup(args: argparse.Namespace) -> int:
    settings = ensure_services(config.Settings.from_env())
    runner.ensure_airflow_db(runner.airflow_env(settings))
    where = "private PostgreSQL" if settings.uses_private_pg else "WAREHOUSE_URL"
    print(f"ready: warehouse {config.redact(settings.warehouse_url)} ({where})")
    return 0


def cmd_grant(args: argparse.Namespace) -> int:
    """Create the warehouse's roles and grant them their schemas (idempotent)."""
    settings = authority_settings(args)
    names = roles.setup_access(settings)
    print(
        f"roles ready in {config.redact(settings.warehouse_url)}: {names.loader} owns every "
        f"schema; {names.bi_reader} reads marts.*, reporting.panel_figures_public and "
        "reporting.panel_breakdowns_public; "
        f"{names.service} also reads operational.*"
    )
    return 0


def _publish_anyway_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--publish-anyway",
        action="store_true",
        help="publish even when the extract looks broken (the publication gate); "
        "for an operator who has checked the extract",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="iro", description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True)

    sim = sub.add_parser("simulate", help="create (or advance) a synthetic case system")
    sim.add_argument("--seed", type=int, default=1)
    sim.add_argument("--start", type=_date, default=DEMO_START)
    sim.add_argument("--end", type=_date, default=DEMO_DATE)
    sim.add_argument("--scale", type=float, default=1.0)
    sim.add_argument("--bad-rows", type=int, default=0)
    sim.add_argument(
        "--region",
        type=int,
        metavar="N",
        help="N authorities of different sizes and practice, each seeded on its own, as CSV "
        "folders under --csv-dir, with the authorities file listing them",
    )
    sim.add_argument(
        "--contract",
        type=int,
        choices=(1, 2),
        default=2,
        help="1: without the contract-2 columns and table (--advance-to keeps the stored level)",
    )
    sim.add_argument(
        "--profile",
        default="ssd",
        help="write the county as that case system's extract script would: a shipped "
        "profile (ssd, systemc, mosaic, eclipse) or a profile file (--advance-to keeps it)",
    )
    sim.add_argument(
        "--advance-to",
        type=_date,
        default=None,
        help="continue an existing case system to this date",
    )
    where = sim.add_mutually_exclusive_group()
    where.add_argument(
        "--url", help="PostgreSQL database to write (default: the configured source)"
    )
    where.add_argument("--csv-dir", help="folder of CSV files to write")
    sim.add_argument("--schema", default=None)
    sim.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    sim.set_defaults(func=cmd_simulate)

    chk = sub.add_parser(
        "check-source",
        help="read the configured source with its profile (CASE_SYSTEM_PROFILE) and report "
        "rows, unmapped values and placeholder columns per table; writes nothing",
    )
    _authority_option(chk)
    chk.set_defaults(func=cmd_check_source)

    run = sub.add_parser("run", help="run the iro_nightly DAG for one extract date")
    run.add_argument("--date", type=_date, required=True)
    run.add_argument(
        "--authority",
        help="in a region (IRO_AUTHORITIES_FILE): only this authority's nightly "
        "(default: each authority's in turn)",
    )
    run.add_argument(
        "--full-refresh", action="store_true", help="rebuild every dbt model and seed from scratch"
    )
    _publish_anyway_option(run)
    run.set_defaults(func=cmd_run)

    bench = sub.add_parser(
        "benchmark",
        help="in a region: the benchmark pack of every period the authorities published "
        "(from their published files only), into the regional warehouse and output folder",
    )
    bench.set_defaults(func=cmd_benchmark)

    pub = sub.add_parser("publish", help="write a period's files from the warehouse")
    pub.add_argument("--period", type=_period, required=True, help="2017-03 or 2016-17")
    pub.add_argument(
        "--as-known-at",
        type=_date,
        default=None,
        help="reproduce the figures as the warehouse knew them on this day "
        "(built into schemas asof_<day>_*; files under <output>/as_known_at/<day>/)",
    )
    pub.add_argument("--rebuild", action="store_true", help="with --as-known-at: build it again")
    pub.add_argument(
        "--final",
        action="store_true",
        help="refuse unless the service's commentary for the period is complete "
        "(IRO_COMMENTARY_DIR/<period_type>/<label>.md)",
    )
    pub.add_argument(
        "--extract-date",
        type=_date,
        default=None,
        help="the extract date the files name (default: the build's own)",
    )
    _publish_anyway_option(pub)
    _authority_option(pub)
    pub.set_defaults(func=cmd_publish)

    bf = sub.add_parser(
        "backfill", help="publish every month (and year) of a range, as iro_panel_monthly does"
    )
    bf.add_argument("--from", dest="first", type=_month, required=True, help="first month")
    bf.add_argument("--to", dest="last", type=_month, required=True, help="last month")
    bf.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _publish_anyway_option(bf)
    _authority_option(bf)
    bf.set_defaults(func=cmd_backfill)

    drop = sub.add_parser(
        "drop-as-known-at", help="drop the schemas of a build as known at an earlier day"
    )
    drop.add_argument("--date", type=_date, required=True, help="the day it was known at")
    _authority_option(drop)
    drop.set_defaults(func=cmd_drop_as_known_at)

    demo = sub.add_parser("demo", help="set up, simulate, run and print the headline figures")
    demo.add_argument("--date", type=_date, default=DEMO_DATE)
    demo.add_argument("--scale", type=float, default=1.0)
    demo.add_argument("--rerun", action="store_true", help="run the DAG even if already run")
    demo.set_defaults(func=cmd_demo)

    setup = sub.add_parser("setup", help="start the private PostgreSQL and migrate Airflow")
    setup.set_defaults(func=cmd_setup)

    grant = sub.add_parser(
        "grant", help="create the roles iro_loader, bi_reader, iro_service and grant schemas"
    )
    _authority_option(grant)
    grant.set_defaults(func=cmd_grant)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for handler in logging.getLogger().handlers:
        handler.addFilter(config.RedactingFilter())
    try:
        return args.func(args)
    except KeyError as exc:  # an authority code not in the file
        if not str(exc).startswith("'no authority"):
            raise
        print(f"iro: {exc.args[0]}", file=sys.stderr)
        return 2
    except runner.RunInProgress as exc:
        print(f"iro: {exc}", file=sys.stderr)
        return 3
    except Exception as exc:  # a clear one-line error for a person at a terminal
        if isinstance(
            exc,
            StructuralFault
            | gate.PublicationRefused
            | pgserver.PostgresNotFound
            | pgserver.ForeignServer
            | ConnectionError
            | ValueError,
        ):
            print(f"iro: {config.redact(str(exc))}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
