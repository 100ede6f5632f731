"""PostgreSQL's DETAIL and CONTEXT quote rows: no error of the extract carries them.

A real COPY into the warehouse, its connection terminated half way: the
server's error names the COPY's line and quotes it (``CONTEXT: COPY ...,
line 2: "P1,Ada Quillfeather,..."``). What the extract raises names the table
and says what happened, and nothing else.
"""

from __future__ import annotations

import io
import time
import traceback

import psycopg2
import pytest
from iro_warehouse.extract import LoadInterrupted, StructuralFault, loading

from tests.conftest import query

ROW = "P{n},Ada,Quillfeather,F,WBRI,2010-01-03,\n"


class _KillingReader(io.RawIOBase):
    """COPY data that terminates the reading backend after the first chunk."""

    def __init__(self, admin_url: str, pid: int) -> None:
        self.admin_url, self.pid, self.chunks = admin_url, pid, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        self.chunks += 1
        if self.chunks == 2:
            query(self.admin_url, "select pg_terminate_backend(%s)", (self.pid,))
            time.sleep(0.5)
        if self.chunks > 50:
            return b""
        return "".join(ROW.format(n=self.chunks * 100 + i) for i in range(50)).encode()


def _copy_into(url: str, data) -> None:
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute("create temporary table _incoming (a text, b text, c text, d text, "
                        "e text, f text, g text)")  # fmt: skip
            cur.copy_expert("copy _incoming from stdin with (format csv)", data)
    finally:
        conn.close()


def test_a_connection_lost_during_copy_is_raised_without_the_row(warehouse_url: str):
    conn = psycopg2.connect(warehouse_url)
    pid = conn.get_backend_pid()
    conn.close()  # the pid of the next connection is not known: find it in the reader

    class Reader(_KillingReader):
        def read(self, size: int = -1) -> bytes:
            if self.chunks == 1:
                found = query(warehouse_url, "select pid from pg_stat_activity where query "
                              "like 'copy _incoming%%' and pid <> pg_backend_pid()")  # fmt: skip
                self.pid = found[0][0]
            return super().read(size)

    with pytest.raises(LoadInterrupted) as info, loading("loading source table ssd_person"):
        _copy_into(warehouse_url, Reader(warehouse_url, pid))
    text = "".join(traceback.format_exception(info.value))
    assert "ssd_person" in str(info.value)
    assert "Quillfeather" not in text and "CONTEXT" not in text


def _refused_copy(url: str) -> None:
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute("create temporary table t (a text, b varchar(3))")
            cur.copy_expert("copy t from stdin with (format csv)", io.BytesIO(b"P1,Quillfeather\n"))
    finally:
        conn.close()


def test_a_value_the_warehouse_refuses_is_structural_without_the_row(warehouse_url: str):
    with pytest.raises(psycopg2.DataError) as raw_error:
        _refused_copy(warehouse_url)
    assert "Quillfeather" in str(raw_error.value), "the server's own CONTEXT quotes the row"
    with pytest.raises(StructuralFault) as info, loading("loading source table ssd_person"):
        _refused_copy(warehouse_url)
    text = "".join(traceback.format_exception(info.value))
    assert "ssd_person" in str(info.value) and "22001" in str(info.value)
    assert "Quillfeather" not in text and "CONTEXT" not in text
