"""Time the extract (``load_extract``) of a simulated county, appended to results/extract.jsonl.

python benchmarks/bench_extract.py --scale 1 --server postgresql://iro@127.0.0.1:55432/postgres
python benchmarks/bench_extract.py --scale 1 --profile systemc --server ...

The county (seed 1, 2010-04-01 to 2017-06-15) is simulated, in the style of
``--profile`` when given, into a CSV folder and into a fresh PostgreSQL
database; each is then extracted into its own fresh warehouse database,
``--repeat`` times, and the best and median times are printed (the machine
may be shared: the best is the steadiest figure).
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "include"))

from iro_warehouse import profile, warehouse
from iro_warehouse.config import Source
from iro_warehouse.extract import load_extract
from iro_warehouse.simulate import Target, simulate

RESULTS = Path(__file__).resolve().parent / "results" / "extract.jsonl"
END = date(2017, 6, 15)


def _database(server: str, prefix: str) -> str:
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with warehouse.connect(server, autocommit=True) as conn, conn.cursor() as cur:
        cur.execute(f'create database "{name}"')
    return urlsplit(server)._replace(path=f"/{name}").geturl()


def _drop(server: str, url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    with warehouse.connect(server, autocommit=True) as conn, conn.cursor() as cur:
        cur.execute(f'drop database if exists "{name}" with (force)')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--profile", default="ssd")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--server", required=True, help="URL of a maintenance database")
    args = parser.parse_args(argv)

    prof = profile.load(args.profile)
    made: list[str] = []
    results: dict[str, list[float]] = {"csv": [], "postgres": []}
    with tempfile.TemporaryDirectory(prefix="bench_extract_") as tmp:
        folder = Path(tmp) / "cs"
        source_db = _database(args.server, "bench_extract_cs")
        made.append(source_db)
        sim = {"seed": 1, "start": date(2010, 4, 1), "end": END, "scale": args.scale,
               "profile": args.profile, "progress": False}  # fmt: skip
        summary = simulate(Target.csv(folder), **sim)
        simulate(Target(url=source_db), **sim)
        rows = sum(summary.rows.values())
        sources = {
            "csv": Source(csv_dir=folder, profile=prof),
            "postgres": Source(url=source_db, profile=prof),
        }
        try:
            for _ in range(args.repeat):
                for kind, source in sources.items():
                    url = _database(args.server, "bench_extract_wh")
                    made.append(url)
                    t0 = time.perf_counter()
                    load_extract(source, url, END)
                    results[kind].append(time.perf_counter() - t0)
                    _drop(args.server, url)
        finally:
            for url in made:
                _drop(args.server, url)
    print(f"{rows:,} rows, scale {args.scale:g}, profile {args.profile}")
    for kind, times in results.items():
        print(f"  {kind:9} best {min(times):.2f} s, median {statistics.median(times):.2f} s")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "host": platform.node(),
        "scale": args.scale,
        "profile": args.profile,
        "rows": rows,
        "best_seconds": {k: round(min(v), 2) for k, v in results.items()},
        "median_seconds": {k: round(statistics.median(v), 2) for k, v in results.items()},
    }
    with RESULTS.open("a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
