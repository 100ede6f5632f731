"""Raw keeps every version of every row, loads atomically, and stops on structural faults."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import psycopg2
import pytest
from iro_warehouse.config import Source
from iro_warehouse.extract import StructuralFault, load_extract

from tests.casesystem import write_csv_case_system, write_pg_case_system
from tests.conftest import query

PEOPLE = [
    {"pers_person_id": "P1", "pers_forename": "Ada", "pers_sex": "F", "pers_dob": "2010-01-01"},
    {"pers_person_id": "P2", "pers_forename": "Ben", "pers_sex": "M", "pers_dob": "2012-05-01"},
]


def _versions(url: str) -> list[tuple]:
    return query(
        url,
        "select pers_person_id, pers_sex, _copy, _valid_from::text, _valid_to::text, _is_deleted "
        "from raw.ssd_person order by pers_person_id, _valid_from, _is_deleted, _copy",
    )


def test_history_of_inserts_changes_and_deletions(tmp_path: Path, warehouse_url: str):
    src = Source(csv_dir=tmp_path / "cs")
    write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE})
    first = load_extract(src, warehouse_url, date(2017, 1, 1))
    assert first.tables["ssd_person"].inserted == 2

    # P1 corrected, P2 deleted, P3 new and received twice (an identical duplicate)
    p3 = {"pers_person_id": "P3", "pers_sex": "U"}
    write_csv_case_system(src.csv_dir, {"ssd_person": [{**PEOPLE[0], "pers_sex": "M"}, p3, p3]})
    load_extract(src, warehouse_url, date(2017, 1, 2))

    assert _versions(warehouse_url) == [
        ("P1", "F", 1, "2017-01-01", "2017-01-02", False),
        ("P1", "M", 1, "2017-01-02", None, False),
        ("P2", "M", 1, "2017-01-01", "2017-01-02", False),
        ("P2", None, 1, "2017-01-02", None, True),
        ("P3", "U", 1, "2017-01-02", None, False),
        ("P3", "U", 2, "2017-01-02", None, False),
    ]
    extracts = query(warehouse_url, "select extract_id, extract_date::text from raw.extracts")
    assert [e[1] for e in extracts] == ["2017-01-01", "2017-01-02"]


def test_same_date_twice_changes_nothing(tmp_path: Path, warehouse_url: str):
    src = Source(csv_dir=tmp_path / "cs")
    write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE})
    load_extract(src, warehouse_url, date(2017, 1, 1))
    before = (_versions(warehouse_url), query(warehouse_url, "select * from raw.extracts"))
    load_extract(src, warehouse_url, date(2017, 1, 1))
    after = (_versions(warehouse_url), query(warehouse_url, "select * from raw.extracts"))
    assert before == after


def test_a_key_that_comes_back_ends_its_tombstone(tmp_path: Path, warehouse_url: str):
    src = Source(csv_dir=tmp_path / "cs")
    write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE})
    load_extract(src, warehouse_url, date(2017, 1, 1))
    write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE[:1]})
    load_extract(src, warehouse_url, date(2017, 1, 2))
    load_extract(src, warehouse_url, date(2017, 1, 3))  # still gone: no second tombstone
    write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE})
    load_extract(src, warehouse_url, date(2017, 1, 4))
    p2 = [v for v in _versions(warehouse_url) if v[0] == "P2"]
    assert p2 == [
        ("P2", "M", 1, "2017-01-01", "2017-01-02", False),
        ("P2", None, 1, "2017-01-02", "2017-01-04", True),
        ("P2", "M", 1, "2017-01-04", None, False),
    ]


def test_an_earlier_date_than_the_latest_is_refused(tmp_path: Path, warehouse_url: str):
    src = Source(csv_dir=tmp_path / "cs")
    write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE})
    load_extract(src, warehouse_url, date(2017, 1, 5))
    with pytest.raises(StructuralFault, match="append-only"):
        load_extract(src, warehouse_url, date(2017, 1, 4))
    # a date already loaded is kept as it is
    assert load_extract(src, warehouse_url, date(2017, 1, 5)).skipped is False


def test_rows_are_kept_exactly_as_received(tmp_path: Path, warehouse_url: str):
    src = Source(csv_dir=tmp_path / "cs")
    odd = [
        {"pers_person_id": " P1 ", "pers_sex": "y", "pers_dob": "2017-02-30"},
        {"pers_person_id": None, "pers_sex": "F", "pers_dob": "15/06/2017"},
    ]
    write_csv_case_system(src.csv_dir, {"ssd_person": odd})
    load_extract(src, warehouse_url, date(2017, 1, 1))
    assert query(
        warehouse_url,
        "select pers_person_id, pers_sex, pers_dob from raw.ssd_person order by pers_sex",
    ) == [(None, "F", "15/06/2017"), (" P1 ", "y", "2017-02-30")]


def test_postgres_source_columns_in_any_order_with_extras(warehouse_url: str, case_system_url: str):
    write_pg_case_system(case_system_url, {"ssd_person": PEOPLE})
    query(case_system_url, "alter table ssd_person add column local_notes text")
    load_extract(Source(url=case_system_url), warehouse_url, date(2017, 1, 1))
    assert query(
        warehouse_url, "select pers_person_id, pers_dob from raw.ssd_person order by 1"
    ) == [("P1", "2010-01-01 00:00:00"), ("P2", "2012-05-01 00:00:00")]


# --- structural faults: the run stops, naming the table and column, and loads nothing ---


def test_missing_table_is_named(tmp_path: Path, warehouse_url: str):
    src = Source(csv_dir=tmp_path / "cs")
    write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE})
    (src.csv_dir / "ssd_cp_reviews.csv").unlink()
    with pytest.raises(StructuralFault, match="ssd_cp_reviews is missing"):
        load_extract(src, warehouse_url, date(2017, 1, 1))
    assert query(warehouse_url, "select count(*) from pg_tables where schemaname = 'raw'") == [(0,)]


def test_missing_column_is_named(tmp_path: Path, warehouse_url: str):
    src = Source(csv_dir=tmp_path / "cs")
    write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE})
    path = src.csv_dir / "ssd_legal_status.csv"
    path.write_text(path.read_text().replace("lega_legal_status_start_date", "lega_start"))
    with pytest.raises(
        StructuralFault, match=r"ssd_legal_status is missing column.*lega_legal_status_start_date"
    ):
        load_extract(src, warehouse_url, date(2017, 1, 1))


def test_unreadable_csv_is_named(tmp_path: Path, warehouse_url: str):
    src = Source(csv_dir=tmp_path / "cs")
    write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE})
    with (src.csv_dir / "ssd_person.csv").open("ab") as f:
        f.write(b"P9,\xff\xfe,bad,row,,,\n")
    with pytest.raises(StructuralFault, match=r"ssd_person.*unreadable"):
        load_extract(src, warehouse_url, date(2017, 1, 1))


def test_earlier_extract_survives_a_failed_one(tmp_path: Path, warehouse_url: str):
    src = Source(csv_dir=tmp_path / "cs")
    write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE})
    load_extract(src, warehouse_url, date(2017, 1, 1))
    before = _versions(warehouse_url)
    write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE[:1]})
    (src.csv_dir / "ext_iro_escalations.csv").unlink()  # the last-but-one table
    with pytest.raises(StructuralFault, match="ext_iro_escalations"):
        load_extract(src, warehouse_url, date(2017, 1, 2))
    assert _versions(warehouse_url) == before
    assert query(warehouse_url, "select count(*) from raw.extracts") == [(1,)]


def test_unreachable_source_is_named(warehouse_url: str):
    src = Source(url="postgresql://nobody@127.0.0.1:1/case_system")
    with pytest.raises(StructuralFault, match="case system unreachable"):
        load_extract(src, warehouse_url, date(2017, 1, 1))


def test_missing_source_table_in_postgres(warehouse_url: str, case_system_url: str):
    write_pg_case_system(case_system_url, {})
    query(case_system_url, "alter table ssd_involvements drop column invo_person_id")
    with pytest.raises(
        StructuralFault, match=r"ssd_involvements is missing column.*invo_person_id"
    ):
        load_extract(Source(url=case_system_url), warehouse_url, date(2017, 1, 1))


def test_extracts_recorded_before_contract_2_list_its_parts_as_not_supplied(
    tmp_path: Path, warehouse_url: str
):
    """A warehouse upgraded from contract 1: its old extracts had no contract-2 parts.

    Without the list, a build as known at one of their days would compute the
    contract-2 figures from null columns (0% contact between reviews) instead of z.
    """
    src = Source(csv_dir=tmp_path / "cs")
    write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE})
    load_extract(src, warehouse_url, date(2017, 1, 1))
    with psycopg2.connect(warehouse_url) as conn, conn.cursor() as cur:
        cur.execute("alter table raw.extracts drop column not_supplied")  # the contract-1 shape
    conn.close()
    load_extract(src, warehouse_url, date(2017, 1, 2))

    def parts(day: str) -> set[tuple]:
        listed = query(warehouse_url, "select not_supplied from raw.extracts "
                       "where extract_date = %s", (day,))[0][0]  # fmt: skip
        return {(n["table_name"], n["column_name"]) for n in listed}

    assert parts("2017-01-02") == set()  # supplied in full
    assert parts("2017-01-01") == {
        ("ssd_cla_care_plan", None),
        ("ssd_cla_reviews", "clar_cla_review_last_iro_contact_date"),
        ("ssd_cp_reviews", "cppr_cp_review_participation"),
        ("ssd_cp_reviews", "cppr_cp_review_quorate"),
    }
