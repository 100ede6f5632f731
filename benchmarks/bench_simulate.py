"""Time ``iro simulate``: rows per table and seconds, appended to results/simulate.jsonl.

python benchmarks/bench_simulate.py --scale 1 --csv-dir /tmp/case
python benchmarks/bench_simulate.py --scale 1 --url postgresql://postgres@127.0.0.1:5432/iro_sim_dev
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "include"))

from iro_warehouse.simulate import Target, simulate

RESULTS = Path(__file__).resolve().parent / "results" / "simulate.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=date.fromisoformat, default=date(2010, 4, 1))
    parser.add_argument("--end", type=date.fromisoformat, default=date(2017, 6, 30))
    parser.add_argument("--bad-rows", type=int, default=0)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--csv-dir", help="CSV folder (default: a temporary folder)")
    where.add_argument("--url", help="PostgreSQL URL")
    parser.add_argument("--schema", default="public")
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args(argv)

    tmp = None
    if args.url:
        target = Target.postgres(args.url, args.schema)
    else:
        folder = args.csv_dir
        if folder is None:
            tmp = tempfile.TemporaryDirectory(prefix="bench_simulate_")
            folder = tmp.name
        target = Target.csv(folder)
    t0 = time.perf_counter()
    summary = simulate(
        target, seed=args.seed, start=args.start, end=args.end, scale=args.scale,
        bad_rows=args.bad_rows, progress=not args.no_progress,
    )  # fmt: skip
    seconds = time.perf_counter() - t0
    total = sum(summary.rows.values())
    for name, n in summary.rows.items():
        print(f"{name:28} {n:>12,}")
    print(f"{'total':28} {total:>12,}")
    print(f"{seconds:.1f} s ({total / seconds:,.0f} rows/s) -> {'postgres' if args.url else 'csv'}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "target": "postgres" if args.url else "csv",
        "scale": args.scale, "seed": args.seed, "start": args.start.isoformat(),
        "end": args.end.isoformat(), "bad_rows": args.bad_rows,
        "seconds": round(seconds, 2), "rows": summary.rows, "total_rows": total,
        "python": platform.python_version(), "machine": platform.machine(),
    }  # fmt: skip
    with RESULTS.open("a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
