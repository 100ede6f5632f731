"""Writing the case system to a CSV folder or a PostgreSQL schema.

Only the tables and columns of the run's contract level are written; a table
of a higher level left by an earlier run (``ssd_cla_care_plan.csv``, or the
table) is removed, so a contract-1 extract really lacks it.

CSV: one ``<table>.csv`` per table (UTF-8, header row, dates ``YYYY-MM-DD``,
empty field = null), each written to a temporary file and renamed into place;
``_bad_rows.csv`` logs the injected faults and ``_simulation.json`` holds the
parameters (written last).

PostgreSQL: ids, codes, names and the care plan JSON are ``text``, dates
``timestamp without time zone`` (as in the SSD), the FTE ``numeric``.

With a profile other than ``ssd`` (``Params.profile``) the tables are
written as that case system's script writes them (``styles``): other
column names and values, and, in PostgreSQL, ``char(n)`` for padded codes. All
tables are dropped, created and loaded with ``COPY`` inside one transaction,
with ``iro_sim_meta`` (the parameters) and ``iro_sim_bad_rows`` (the fault
log) beside them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from iro_warehouse import profile as source_profile
from iro_warehouse import spec
from iro_warehouse.simulate.model import Params
from iro_warehouse.simulate.styles import Layout, canonical_layouts, restyle

META_TABLE = "iro_sim_meta"
BAD_ROWS_TABLE = "iro_sim_bad_rows"
META_FILE = "_simulation.json"
BAD_ROWS_FILE = "_bad_rows.csv"
BAD_ROWS_COLUMNS = ("table_name", "key", "fault")

Tables = dict[str, list[tuple]]
BadRows = list[tuple[str, str | None, str]]


@dataclass(frozen=True)
class Target:
    """Where the case system lives: a PostgreSQL schema or a CSV folder."""

    url: str | None = None
    schema: str = "public"
    csv_dir: Path | None = None

    def __post_init__(self) -> None:
        if (self.url is None) == (self.csv_dir is None):
            raise ValueError("a Target needs exactly one of url (PostgreSQL) or csv_dir")

    @classmethod
    def postgres(cls, url: str, schema: str = "public") -> Target:
        return cls(url=url, schema=schema)

    @classmethod
    def csv(cls, folder: str | os.PathLike[str]) -> Target:
        return cls(csv_dir=Path(folder))

    @classmethod
    def from_url_or_dir(cls, value: str | os.PathLike[str], schema: str = "public") -> Target:
        """``postgresql://...`` (or ``postgres://``) is a database; anything else a folder."""
        text = str(value)
        if text.startswith(("postgresql://", "postgres://", "postgresql+psycopg2://")):
            return cls(url=text.replace("postgresql+psycopg2://", "postgresql://"), schema=schema)
        return cls(csv_dir=Path(text))

    @property
    def is_csv(self) -> bool:
        return self.csv_dir is not None

    def __str__(self) -> str:
        if self.csv_dir is not None:
            return str(self.csv_dir)
        return f"{_redact(self.url or '')} (schema {self.schema})"


def _redact(url: str) -> str:
    if "@" in url and ":" in url.split("@", 1)[0].split("//", 1)[-1]:
        scheme, rest = url.split("//", 1)
        cred, host = rest.split("@", 1)
        return f"{scheme}//{cred.split(':', 1)[0]}:***@{host}"
    return url


def styled(tables: Tables, params: Params) -> tuple[Tables, dict[str, Layout]]:
    """The tables as the script of ``params.profile`` writes them (as they are for ``ssd``)."""
    profile = source_profile.load(params.profile)
    if profile.is_identity and not profile.columns and not profile.absent:
        return tables, canonical_layouts(params.contract)
    return restyle(tables, profile, params.contract)


def write(target: Target, tables: Tables, bad: BadRows, params: Params) -> None:
    rows, layouts = styled(tables, params)
    if target.csv_dir is not None:
        write_csv(target.csv_dir, rows, bad, params, layouts)
    else:
        write_postgres(target, rows, bad, params, layouts)


def read_params(target: Target) -> Params:
    """The parameters stored by the last ``simulate``/``advance_to`` on ``target``."""
    if target.csv_dir is not None:
        path = target.csv_dir / META_FILE
        if not path.exists():
            raise FileNotFoundError(f"{path} not found: run simulate on {target.csv_dir} first")
        return Params.from_json(json.loads(path.read_text(encoding="utf-8")))
    import psycopg2

    with psycopg2.connect(target.url) as conn, conn.cursor() as cur:
        cur.execute(
            "select 1 from information_schema.tables where table_schema = %s and table_name = %s",
            (target.schema, META_TABLE),
        )
        if cur.fetchone() is None:
            raise LookupError(f"no {target.schema}.{META_TABLE}: run simulate on {target} first")
        cur.execute(f'select value from "{target.schema}".{META_TABLE} where key = %s', ("params",))
        row = cur.fetchone()
    conn.close()
    if row is None:
        raise LookupError(f"{target.schema}.{META_TABLE} holds no parameters")
    return Params.from_json(json.loads(row[0]))


def _not_written(written: tuple[spec.Table, ...]) -> list[spec.Table]:
    names = {t.name for t in written}
    return [t for t in spec.TABLES if t.name not in names]


# ----------------------------------------------------------------------- CSV
def _atomic_csv(path: Path, header: tuple[str, ...], rows: list[tuple]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_csv(
    folder: Path,
    tables: Tables,
    bad: BadRows,
    params: Params,
    layouts: dict[str, Layout] | None = None,
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    layouts = layouts or canonical_layouts(params.contract)
    written = spec.tables(params.contract)
    for t in written:
        _atomic_csv(folder / f"{t.name}.csv", layouts[t.name].header, tables[t.name])
    for t in _not_written(written):
        (folder / f"{t.name}.csv").unlink(missing_ok=True)
    _atomic_csv(folder / BAD_ROWS_FILE, BAD_ROWS_COLUMNS, bad)
    meta = folder / META_FILE
    tmp = folder / f".{META_FILE}.tmp"
    tmp.write_text(json.dumps(params.to_json(), indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, meta)


# ---------------------------------------------------------------- PostgreSQL

def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _copy(cur, qualified: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    cols = ", ".join(_ident(c) for c in columns)
    sql = f"COPY {qualified} ({cols}) FROM STDIN WITH (FORMAT csv)"
    chunk = 200_000
    for i in range(0, max(len(rows), 1), chunk):
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows[i : i + chunk])
        buf.seek(0)
        cur.copy_expert(sql, buf)


def write_postgres(
    target: Target,
    tables: Tables,
    bad: BadRows,
    params: Params,
    layouts: dict[str, Layout] | None = None,
) -> None:
    import psycopg2

    layouts = layouts or canonical_layouts(params.contract)
    schema = _ident(target.schema)
    conn = psycopg2.connect(target.url)
    try:
        with conn.cursor() as cur:
            cur.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
            written = spec.tables(params.contract)
            for t in _not_written(written):
                cur.execute(f"DROP TABLE IF EXISTS {schema}.{_ident(t.name)}")
            for t in written:
                q = f"{schema}.{_ident(t.name)}"
                layout = layouts[t.name]
                cols = ", ".join(
                    f"{_ident(name)} {kind}"
                    for name, kind in zip(layout.header, layout.pg_types, strict=True)
                )
                cur.execute(f"DROP TABLE IF EXISTS {q}")
                cur.execute(f"CREATE TABLE {q} ({cols})")
                _copy(cur, q, layout.header, tables[t.name])
            q = f"{schema}.{BAD_ROWS_TABLE}"
            cur.execute(f"DROP TABLE IF EXISTS {q}")
            cur.execute(f"CREATE TABLE {q} (table_name text, key text, fault text)")
            _copy(cur, q, BAD_ROWS_COLUMNS, bad)
            q = f"{schema}.{META_TABLE}"
            cur.execute(f"DROP TABLE IF EXISTS {q}")
            cur.execute(f"CREATE TABLE {q} (key text primary key, value text)")
            cur.execute(
                f"INSERT INTO {q} VALUES (%s, %s)", ("params", json.dumps(params.to_json()))
            )
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        conn.close()
