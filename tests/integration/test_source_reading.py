"""Reading the source (rules.md): contract 2 optional, CSV structure, time zones, privileges.

Every structural fault stops the extract before anything is written, with a
message that names the table, the file or schema, the column and the line,
and never a value of the row.
"""

from __future__ import annotations

import codecs
import logging
import uuid
from datetime import date, timedelta
from pathlib import Path

import psycopg2
import pytest
from iro_warehouse import spec
from iro_warehouse.config import Source
from iro_warehouse.extract import StructuralFault, check_extract_date, load_extract
from iro_warehouse.simulate import Target, simulate

from tests.casesystem import write_csv_case_system, write_pg_case_system
from tests.conftest import query

D = date(2017, 1, 1)
PEOPLE = [
    {"pers_person_id": "P1", "pers_forename": "Ada", "pers_surname": "Quillfeather",
     "pers_sex": "F", "pers_dob": "2010-01-03"},
    {"pers_person_id": "P2", "pers_forename": "Ben", "pers_surname": "Marrowgate",
     "pers_sex": "M", "pers_dob": "2012-05-07"},
]  # fmt: skip
CONTRACT_2_NOT_SUPPLIED = [
    {"table_name": "ssd_cla_reviews", "column_name": "clar_cla_review_last_iro_contact_date",
     "reason": "missing"},
    {"table_name": "ssd_cla_care_plan", "column_name": None, "reason": "missing"},
    {"table_name": "ssd_cp_reviews", "column_name": "cppr_cp_review_participation",
     "reason": "missing"},
    {"table_name": "ssd_cp_reviews", "column_name": "cppr_cp_review_quorate",
     "reason": "missing"},
]  # fmt: skip


def _not_supplied(url: str, day: date = D) -> list[dict]:
    return query(url, "select not_supplied from raw.extracts where extract_date = %s", (day,))[0][0]


def _admin(url: str, statement: str) -> None:
    """A statement outside a transaction (drop database)."""
    conn = psycopg2.connect(url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(statement)
    conn.close()


def _raw_count(url: str) -> int:
    return query(url, "select count(*) from pg_tables where schemaname = 'raw'")[0][0]


def _no_content(message: str) -> None:
    for person in PEOPLE:
        for value in person.values():
            assert value not in message, f"the message quotes a value: {message}"


# --- contract 2 is optional ---------------------------------------------------


@pytest.fixture(scope="module")
def contract_1_csv(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("contract1") / "cs"
    simulate(Target.csv(folder), seed=3, start=date(2016, 4, 1), end=date(2017, 6, 15),
             scale=0.05, contract=1, progress=False)  # fmt: skip
    return folder


def test_a_contract_1_csv_extract_loads_with_the_contract_2_parts_not_supplied(
    contract_1_csv: Path, warehouse_url: str
):
    result = load_extract(Source(csv_dir=contract_1_csv), warehouse_url, date(2017, 6, 15))
    assert result.tables["ssd_cla_care_plan"].received == 0
    assert result.tables["ssd_cla_reviews"].received > 0
    assert _not_supplied(warehouse_url, date(2017, 6, 15)) == CONTRACT_2_NOT_SUPPLIED
    assert query(
        warehouse_url,
        "select count(*) from raw.ssd_cla_reviews "
        "where clar_cla_review_last_iro_contact_date is not null",
    ) == [(0,)]


def test_a_contract_1_postgres_extract_loads_with_the_contract_2_parts_not_supplied(
    case_system_url: str, warehouse_url: str
):
    simulate(Target(url=case_system_url), seed=3, start=date(2016, 4, 1), end=date(2017, 6, 15),
             scale=0.05, contract=1, progress=False)  # fmt: skip
    load_extract(Source(url=case_system_url), warehouse_url, date(2017, 6, 15))
    assert _not_supplied(warehouse_url, date(2017, 6, 15)) == CONTRACT_2_NOT_SUPPLIED


def test_a_full_extract_supplies_everything(tmp_path: Path, warehouse_url: str):
    src = Source(csv_dir=tmp_path / "cs")
    write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE})
    load_extract(src, warehouse_url, D)
    assert _not_supplied(warehouse_url) == []


def test_hand_made_tables_missing_one_contract_2_column(
    tmp_path: Path, warehouse_url: str, case_system_url: str
):
    src = Source(csv_dir=tmp_path / "cs")
    write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE})
    path = src.csv_dir / "ssd_cp_reviews.csv"
    header = path.read_text().splitlines()[0].split(",")
    path.write_text(",".join(h for h in header if h != "cppr_cp_review_quorate") + "\n")
    load_extract(src, warehouse_url, D)
    assert _not_supplied(warehouse_url) == [
        {"table_name": "ssd_cp_reviews", "column_name": "cppr_cp_review_quorate",
         "reason": "missing"}
    ]  # fmt: skip
    write_pg_case_system(case_system_url, {"ssd_person": PEOPLE})
    query(case_system_url, "drop table ssd_cla_care_plan")
    query(case_system_url, "alter table ssd_cla_reviews drop column "
                           "clar_cla_review_last_iro_contact_date")  # fmt: skip
    load_extract(Source(url=case_system_url), warehouse_url, D + timedelta(days=1))
    assert _not_supplied(warehouse_url, D + timedelta(days=1)) == [
        CONTRACT_2_NOT_SUPPLIED[0], CONTRACT_2_NOT_SUPPLIED[1]
    ]  # fmt: skip


def test_a_missing_contract_1_column_is_still_structural(tmp_path: Path, warehouse_url: str):
    src = Source(csv_dir=tmp_path / "cs")
    write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE})
    path = src.csv_dir / "ssd_cp_reviews.csv"
    path.write_text(path.read_text().replace("cppr_cp_review_date,", ""))
    missing = r"ssd_cp_reviews is missing column.*cppr_cp_review_date"
    with pytest.raises(StructuralFault, match=missing):
        load_extract(src, warehouse_url, D)
    assert _raw_count(warehouse_url) == 0


def test_raw_tables_from_before_contract_2_are_migrated_in_place(
    contract_1_csv: Path, warehouse_url: str
):
    """A warehouse whose raw tables predate contract 2 gains the new columns, keeps
    every row's hash, and writes no new version of an unchanged row."""
    src = Source(csv_dir=contract_1_csv)
    load_extract(src, warehouse_url, date(2017, 6, 15))
    old = query(warehouse_url, "select count(*), sum(hashtext(_row_hash)) from raw.ssd_cp_reviews")
    # the hash of a row is what it was before contract 2: md5 of its contract-1 columns
    first = ", ".join(c.name for c in spec.table("ssd_cp_reviews").columns_of(1))
    assert query(warehouse_url, "select count(*) from raw.ssd_cp_reviews where not _is_deleted "
                 f"and _row_hash <> md5(row({first})::text)") == [(0,)]  # fmt: skip
    for tbl in spec.tables(1):
        for col in spec.table(tbl.name).columns:
            if col.contract == 2:
                query(warehouse_url, f"alter table raw.{tbl.name} drop column {col.name}")
    query(warehouse_url, "drop table raw.ssd_cla_care_plan")
    query(warehouse_url, "alter table raw.extracts drop column not_supplied, "
                         "drop column source_profile")  # fmt: skip
    again = load_extract(src, warehouse_url, date(2017, 6, 16))
    assert all(t.inserted == 0 and t.closed == 0 for t in again.tables.values())
    assert (
        query(warehouse_url, "select count(*), sum(hashtext(_row_hash)) from raw.ssd_cp_reviews")
        == old
    )
    columns = {r[0] for r in query(
        warehouse_url, "select column_name from information_schema.columns "
        "where table_schema = 'raw' and table_name = 'ssd_cp_reviews'")}  # fmt: skip
    assert {"cppr_cp_review_participation", "cppr_cp_review_quorate"} <= columns
    assert _not_supplied(warehouse_url, date(2017, 6, 16)) == CONTRACT_2_NOT_SUPPLIED


# --- CSV structure -------------------------------------------------------------


def _person_csv(src: Source) -> Path:
    write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE})
    return src.csv_dir / "ssd_person.csv"


def test_a_column_named_twice_is_structural(tmp_path: Path, warehouse_url: str):
    src = Source(csv_dir=tmp_path / "cs")
    path = _person_csv(src)
    lines = path.read_text().splitlines()
    lines[0] = lines[0].replace("pers_surname", "pers_sex")
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(StructuralFault) as info:
        load_extract(src, warehouse_url, D)
    message = str(info.value)
    assert "ssd_person.csv" in message and "pers_sex" in message and "line 1" in message
    assert "twice" in message
    assert _raw_count(warehouse_url) == 0


@pytest.mark.parametrize("change", ["fewer", "more"])
def test_a_row_with_the_wrong_number_of_fields_names_the_line_only(
    change: str, tmp_path: Path, warehouse_url: str
):
    src = Source(csv_dir=tmp_path / "cs")
    path = _person_csv(src)
    lines = path.read_text().splitlines()
    lines[2] = lines[2].rsplit(",", 1)[0] if change == "fewer" else lines[2] + ",extra"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(StructuralFault) as info:
        load_extract(src, warehouse_url, D)
    message = str(info.value)
    assert "ssd_person.csv line 3" in message
    _no_content(message)
    assert _raw_count(warehouse_url) == 0


def test_blank_lines_a_bom_and_crlf_are_read(tmp_path: Path, warehouse_url: str):
    src = Source(csv_dir=tmp_path / "cs")
    path = _person_csv(src)
    lines = path.read_text().splitlines()
    text = "\r\n".join([lines[0], "", lines[1], "   ", " \t", lines[2], ""]) + "\r\n"
    path.write_bytes(codecs.BOM_UTF8 + text.encode())
    result = load_extract(src, warehouse_url, D)
    assert result.tables["ssd_person"].received == 2
    assert query(
        warehouse_url, "select pers_person_id, pers_dob from raw.ssd_person order by 1"
    ) == [("P1", "2010-01-03"), ("P2", "2012-05-07")]


def test_a_quoted_value_over_two_lines_is_one_row(tmp_path: Path, warehouse_url: str):
    src = Source(csv_dir=tmp_path / "cs")
    path = _person_csv(src)
    path.write_text(path.read_text() + 'P3,"Two\n\nLines",Surname,U,,,\n')
    result = load_extract(src, warehouse_url, D)
    assert result.tables["ssd_person"].received == 3
    assert query(
        warehouse_url, "select pers_forename from raw.ssd_person where pers_person_id = 'P3'"
    ) == [("Two\n\nLines",)]


def test_a_byte_that_is_not_utf8_is_reported_on_its_line(tmp_path: Path, warehouse_url: str):
    src = Source(csv_dir=tmp_path / "cs")
    people = [{"pers_person_id": f"P{i}", "pers_sex": "F"} for i in range(150)]
    write_csv_case_system(src.csv_dir, {"ssd_person": people})
    path = src.csv_dir / "ssd_person.csv"
    lines = path.read_bytes().split(b"\n")
    lines[100] = lines[100].replace(b",F,", b",\xe9,")  # row 100, line 101
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(StructuralFault, match=r"ssd_person\.csv .*not UTF-8 at line 101\b"):
        load_extract(src, warehouse_url, D)


def test_column_names_match_without_case_and_white_space(tmp_path: Path, warehouse_url: str):
    src = Source(csv_dir=tmp_path / "cs")
    path = _person_csv(src)
    lines = path.read_text().splitlines()
    lines[0] = ",".join(f" {h.upper()} " for h in lines[0].split(","))
    path.write_text("\n".join(lines) + "\n")
    assert load_extract(src, warehouse_url, D).tables["ssd_person"].received == 2


# --- PostgreSQL: time zones and privileges -------------------------------------


def test_timestamptz_dates_are_london_days(case_system_url: str, warehouse_url: str):
    """The server in UTC, the values written in London time: across BST and GMT."""
    write_pg_case_system(case_system_url, {"ssd_person": PEOPLE})
    dbname = case_system_url.rsplit("/", 1)[1]
    query(case_system_url, f"alter database \"{dbname}\" set timezone = 'UTC'")
    query(case_system_url, "alter table ssd_person alter column pers_dob type timestamptz "
                           "using pers_dob at time zone 'Europe/London'")  # fmt: skip
    query(case_system_url, "alter table ssd_person alter column pers_death_date type date")
    query(case_system_url,
          "update ssd_person set pers_dob = case pers_person_id "
          "when 'P1' then timestamptz '2017-05-03 00:00 Europe/London' "   # 2 May 23:00 UTC
          "else timestamptz '2017-01-10 00:00 Europe/London' end, "       # GMT: midnight UTC
          "pers_death_date = date '2017-05-03'")  # fmt: skip
    assert query(case_system_url, "select pers_dob::text from ssd_person order by 1") == [
        ("2017-01-10 00:00:00+00",), ("2017-05-02 23:00:00+00",)]  # fmt: skip
    load_extract(Source(url=case_system_url), warehouse_url, date(2017, 6, 1))
    assert query(
        warehouse_url, "select pers_person_id, pers_dob, pers_death_date from raw.ssd_person "
        "order by 1") == [("P1", "2017-05-03 00:00:00", "2017-05-03"),
                          ("P2", "2017-01-10 00:00:00", "2017-05-03")]  # fmt: skip


@pytest.fixture
def limited_login(pg_admin_url: str, case_system_url: str):
    """A login role that may connect to the case system but read nothing yet."""
    name = f"iro_test_reader_{uuid.uuid4().hex[:8]}"
    query(pg_admin_url, f"create role {name} login")
    dbname = case_system_url.rsplit("/", 1)[1]
    yield name, case_system_url.replace("://iro@", f"://{name}@", 1), dbname
    query(case_system_url, f"drop owned by {name}")
    query(pg_admin_url, f"drop role {name}")


def test_a_table_the_login_may_not_read_is_named_with_the_grant(
    limited_login, case_system_url: str, warehouse_url: str
):
    name, url, _ = limited_login
    write_pg_case_system(case_system_url, {"ssd_person": PEOPLE})
    query(case_system_url, f"grant select on all tables in schema public to {name}")
    query(case_system_url, f"revoke select on ssd_cp_plans from {name}")
    with pytest.raises(StructuralFault) as info:
        load_extract(Source(url=url), warehouse_url, D)
    assert str(info.value) == (
        f"permission denied on table ssd_cp_plans of schema public: "
        f"grant select on public.ssd_cp_plans to {name}"
    )
    assert _raw_count(warehouse_url) == 0


def test_a_schema_the_login_may_not_use_is_named(
    limited_login, case_system_url: str, warehouse_url: str
):
    name, url, _ = limited_login
    write_pg_case_system(case_system_url, {"ssd_person": PEOPLE}, schema="ssd")
    with pytest.raises(StructuralFault, match=f"grant usage on schema ssd to {name}"):
        load_extract(Source(url=url, schema="ssd"), warehouse_url, D)


# --- dates, keys and PostgreSQL's own messages ---------------------------------


def test_an_extract_date_after_tomorrow_is_refused_before_anything_is_written(
    tmp_path: Path, warehouse_url: str
):
    src = Source(csv_dir=tmp_path / "cs")
    write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE})
    with pytest.raises(StructuralFault, match="2071-06-30 is after tomorrow"):
        load_extract(src, warehouse_url, date(2071, 6, 30))
    assert _raw_count(warehouse_url) == 0
    check_extract_date(date(2017, 6, 16), today=date(2017, 6, 15))  # tomorrow is fine
    with pytest.raises(StructuralFault):
        check_extract_date(date(2017, 6, 17), today=date(2017, 6, 15))


def test_a_primary_key_too_long_to_index_is_named_and_not_retried(
    tmp_path: Path, warehouse_url: str, case_system_url: str, caplog
):
    long_key = "P" + "9" * 50_000
    src = Source(csv_dir=tmp_path / "cs")
    write_csv_case_system(src.csv_dir, {"ssd_person": [*PEOPLE, {"pers_person_id": long_key}]})
    with caplog.at_level(logging.WARNING), pytest.raises(StructuralFault) as info:
        load_extract(src, warehouse_url, D)
    message = str(info.value)
    assert "ssd_person.csv line 4" in message and "pers_person_id" in message
    assert "50001 characters" in message and long_key not in message
    write_pg_case_system(case_system_url, {"ssd_person": [*PEOPLE, {"pers_person_id": long_key}]})
    with caplog.at_level(logging.WARNING), pytest.raises(StructuralFault) as info:
        load_extract(Source(url=case_system_url), warehouse_url, D)
    assert "ssd_person" in str(info.value) and "pers_person_id" in str(info.value)
    assert "trying again" not in caplog.text
    assert _raw_count(warehouse_url) == 0


# --- who owns raw ----------------------------------------------------------------


@pytest.fixture
def two_loaders(pg_admin_url: str, make_database):
    """A throwaway loader role, two logins that are members of it, and a warehouse."""
    tag = uuid.uuid4().hex[:8]
    loader, first, second = (f"iro_test_{n}_{tag}" for n in ("loader", "a", "b"))
    query(pg_admin_url, f"create role {loader} nologin")
    for login in (first, second):
        query(pg_admin_url, f"create role {login} login in role {loader}")
    url = make_database("iro_test_owner")
    dbname = url.rsplit("/", 1)[1]
    query(url, f'grant create on database "{dbname}" to {loader}')
    query(url, "create extension if not exists pgcrypto")
    as_login = {login: url.replace("://iro@", f"://{login}@", 1) for login in (first, second)}
    yield loader, first, second, as_login
    _admin(pg_admin_url, f'drop database if exists "{dbname}" with (force)')
    for role in (first, second, loader):
        _admin(pg_admin_url, f"drop role if exists {role}")


def _raw_owners(url: str) -> set[str]:
    return {r[0] for r in query(
        url, "select distinct tableowner from pg_tables where schemaname = 'raw'")}  # fmt: skip


def test_any_member_of_the_loader_role_can_run_the_extract(two_loaders, tmp_path: Path):
    loader, first, second, as_login = two_loaders
    src = Source(csv_dir=tmp_path / "cs")
    write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE})
    # raw created by the first login before raw belonged to the loader
    load_extract(src, as_login[first], D)
    assert _raw_owners(as_login[first]) == {first}
    with pytest.raises(StructuralFault, match=f"owned by {first}, not by the loader role {loader}"):
        load_extract(src, as_login[second], D + timedelta(days=1), loader_role=loader)
    # the first login's next run hands raw to the loader; then either login runs it
    load_extract(src, as_login[first], D + timedelta(days=1), loader_role=loader)
    assert _raw_owners(as_login[first]) == {loader}
    write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE[:1]})
    result = load_extract(src, as_login[second], D + timedelta(days=2), loader_role=loader)
    assert result.tables["ssd_person"].deleted == 1
    assert _raw_owners(as_login[second]) == {loader}
    assert query(as_login[second], "select count(*) from raw.extracts") == [(3,)]


def test_a_superuser_hands_raw_to_the_loader(pg_admin_url: str, warehouse_url: str, tmp_path):
    loader = f"iro_test_loader_{uuid.uuid4().hex[:8]}"
    query(pg_admin_url, f"create role {loader} nologin")
    try:
        src = Source(csv_dir=tmp_path / "cs")
        write_csv_case_system(src.csv_dir, {"ssd_person": PEOPLE})
        load_extract(src, warehouse_url, D, loader_role=loader)
        assert _raw_owners(warehouse_url) == {loader}
    finally:
        dbname = warehouse_url.rsplit("/", 1)[1]
        _admin(pg_admin_url, f'drop database if exists "{dbname}" with (force)')
        _admin(pg_admin_url, f"drop role {loader}")
