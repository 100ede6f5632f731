"""Source profiles: the county written in a case system's style reads back as the contract's.

For each shipped profile and a hand-written profile file, the simulated
county is written in that style (``simulate --profile``) and extracted
through the profile; raw then holds what the canonical extract gives, up to
what the staging models do anyway (trimming, the time part of a date), the
placeholder and absent columns (null, listed as not supplied) and the care
plan JSON (the same plans chosen, written as a form).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from iro_warehouse import profile, spec
from iro_warehouse.config import Source
from iro_warehouse.extract import load_extract
from iro_warehouse.profile import ProfileError
from iro_warehouse.simulate import Target, simulate
from iro_warehouse.simulate.styles import style_of

from tests.casesystem import write_csv_case_system
from tests.conftest import query, run_iro

START, END = date(2016, 4, 1), date(2017, 6, 15)
SIM = {"seed": 3, "start": START, "end": END, "scale": 0.05, "progress": False}

#: a council's own profile file, as the README shows how to write one
COUNCIL_PROFILE = """\
columns:
  ssd_person: {person_ref: pers_person_id, pers_gender: pers_sex}
  ssd_cp_plans: {cppl_category_at_start: cppl_cp_plan_initial_category}
absent:
  - ssd_cla_placement.clap_person_id
flags:
  Y: [Yes, Y]
  N: [No, N]
values:
  ssd_person.pers_sex: {Boy: M, Girl: F, Not recorded: U}
  ssd_legal_status.lega_legal_status: {Interim care order: C1, Full care order: C2}
placeholders:
  - ssd_cla_reviews.clar_cla_review_last_iro_contact_date
"""


def council_profile_file(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "our_council.yaml"
    path.write_text(COUNCIL_PROFILE, encoding="utf-8")
    return path


def _raw(url: str, tbl: spec.Table, prof: profile.Profile) -> list[tuple]:
    """raw's current rows of ``tbl`` as the staging models read them, profile columns left out."""
    skipped = prof.absent | prof.placeholders
    cols = [c for c in tbl.columns if (tbl.name, c.name) not in skipped]
    rows = query(url, f"select {', '.join(c.name for c in cols)} from raw.{tbl.name} "
                      "where _valid_to is null and not _is_deleted")  # fmt: skip
    out = []
    for row in rows:
        values = []
        for c, v in zip(cols, row, strict=True):
            v = (v.strip() or None) if isinstance(v, str) else v
            if v == "N" and f"{tbl.name}.{c.name}" in style_of(prof).null_for_n:
                v = None  # written Y or null: null reads as N (not a transfer-in)
            if v and c.kind == "date":
                v = v[:10]
            if v and c.kind == "json":
                plan = json.loads(v)
                chosen = [k for k, answer in plan.items() if (answer or "").strip()]
                v = sorted(chosen) if plan else "{}"
            values.append(v)
        out.append(tuple(map(str, values)))
    return sorted(out)


@pytest.fixture(scope="module")
def canonical(make_database, tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("canonical") / "cs"
    simulate(Target.csv(folder), **SIM)
    url = make_database("iro_prof_canon")
    load_extract(Source(csv_dir=folder), url, END)
    return url


@pytest.mark.parametrize("name", ["systemc", "mosaic", "eclipse", "council"])
def test_a_styled_county_reads_back_as_the_canonical_one(
    name: str, canonical: str, tmp_path: Path, warehouse_url: str
):
    which = str(council_profile_file(tmp_path)) if name == "council" else name
    folder = tmp_path / "cs"
    simulate(Target.csv(folder), profile=which, **SIM)
    prof = profile.load(which)
    result = load_extract(Source(csv_dir=folder, profile=prof), warehouse_url, END)
    for tbl in spec.TABLES:
        assert _raw(warehouse_url, tbl, prof) == _raw(canonical, tbl, prof), tbl.name
    listed = {(n.table_name, n.column_name, n.reason) for n in result.not_supplied}
    assert listed == {(t, c, "missing") for t, c in prof.absent} | {
        (t, c, "placeholder") for t, c in prof.placeholders
    }
    stored = query(warehouse_url, "select source_profile from raw.extracts")[0][0]
    assert stored == prof.describe()


def test_a_styled_county_in_postgres_reads_back(canonical: str, case_system_url: str,
                                                warehouse_url: str):  # fmt: skip
    simulate(Target(url=case_system_url), profile="systemc", **SIM)
    prof = profile.load("systemc")
    load_extract(Source(url=case_system_url, profile=prof), warehouse_url, END)
    for tbl in spec.TABLES:
        assert _raw(warehouse_url, tbl, prof) == _raw(canonical, tbl, prof), tbl.name


def test_a_value_no_profile_maps_is_kept_as_it_came(tmp_path: Path, warehouse_url: str):
    src = Source(csv_dir=tmp_path / "cs", profile=profile.load("systemc"))
    write_csv_case_system(src.csv_dir, {
        "ssd_person": [
            {"pers_person_id": "P1", "pers_sex": " male "},
            {"pers_person_id": "P2", "pers_sex": "Boy"},
        ],
        "ssd_cla_episodes": [
            {"clae_cla_episode_id": "E1", "clae_cla_episode_start_reason": "S - Anything"},
            {"clae_cla_episode_id": "E2", "clae_cla_episode_start_reason": "Q - Not a code"},
            {"clae_cla_episode_id": "E3", "clae_cla_episode_start_reason": "New period of care "},
            {"clae_cla_episode_id": "E4", "clae_cla_episode_start_reason": "Started afresh"},
        ],
        "ssd_s47_enquiry": [
            {"s47e_s47_enquiry_id": "S1", "s47e_s47_nfa": "yes"},
            {"s47e_s47_enquiry_id": "S2", "s47e_s47_nfa": " FALSE"},
            {"s47e_s47_enquiry_id": "S3", "s47e_s47_nfa": "Maybe"},
        ],
        "ssd_cla_care_plan": [
            {"lacp_table_id": "A1",
             "lacp_cla_care_plan_json": '{"ADOPTION": "Yes", "OTHERPLN": "No"}'},
            {"lacp_table_id": "A2", "lacp_cla_care_plan_json": "not json"},
        ],
        "ssd_cp_reviews": [{"cppr_cp_review_id": "R1", "cppr_cp_review_participation": "SSD_PH"}],
    })  # fmt: skip
    load_extract(src, warehouse_url, END)
    assert query(warehouse_url, "select pers_sex from raw.ssd_person order by 1") == [
        ("Boy",), ("M",)]  # fmt: skip
    reasons = query(warehouse_url, "select clae_cla_episode_start_reason "
                    "from raw.ssd_cla_episodes order by clae_cla_episode_id")  # fmt: skip
    assert reasons == [("S",), ("Q - Not a code",), ("S",), ("Started afresh",)]
    assert query(warehouse_url, "select s47e_s47_nfa from raw.ssd_s47_enquiry "
                 "order by s47e_s47_enquiry_id") == [("Y",), ("N",), ("Maybe",)]  # fmt: skip
    plans = query(warehouse_url, "select lacp_cla_care_plan_json from raw.ssd_cla_care_plan "
                  "order by lacp_table_id")  # fmt: skip
    assert plans == [('{"ADOPTION": "Y", "OTHERPLN": ""}',), ("not json",)]
    participation = "select cppr_cp_review_participation from raw.ssd_cp_reviews"
    assert query(warehouse_url, participation) == [(None,)]


def test_the_ssd_profile_maps_nothing(tmp_path: Path, warehouse_url: str):
    src = Source(csv_dir=tmp_path / "cs")
    write_csv_case_system(src.csv_dir, {"ssd_person": [
        {"pers_person_id": "P1", "pers_sex": "Male"}, {"pers_person_id": "P2", "pers_sex": " y"}
    ]})  # fmt: skip
    load_extract(src, warehouse_url, END)
    assert query(warehouse_url, "select pers_sex from raw.ssd_person order by 1") == [
        (" y",), ("Male",)]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("colums: {}", "unknown key"),
        ("columns: {ssd_nothing: {a: b}}", "not a table of the contract"),
        ("columns: {ssd_person: {a: pers_nothing}}", "not a column of the contract"),
        ("values: {ssd_person.pers_sex: {Male: MALE}}", "not a code of its list"),
        ("values: {ssd_person.pers_forename: {A: B}}", "has no code list"),
        ("flags: {Y: [Yes, No], N: [No]}", "given for Y and N"),
        ("flags: {X: [Yes]}", "only Y and N"),
        ("absent: [ssd_person.pers_person_id]", "primary key"),
        ("placeholders: [ssd_person]", "not table.column"),
        ("leading_code: maybe", "true or false"),
    ],
)
def test_a_profile_that_does_not_fit_the_contract_is_refused(text, complaint, tmp_path: Path):
    path = tmp_path / "p.yaml"
    path.write_text(text + "\n")
    with pytest.raises(ProfileError, match=complaint):
        profile.load(str(path))


def test_flag_spellings_stay_text_and_every_shipped_profile_loads():
    parsed = profile.parse({"flags": {"Y": ["YES", "TRUE", "1"], "N": ["NO", "FALSE", "0"]}},
                           name="t")  # fmt: skip
    assert parsed.flag_map() == {"YES": "Y", "TRUE": "Y", "1": "Y", "NO": "N", "FALSE": "N",
                                 "0": "N"}  # fmt: skip
    path = Path(profile.SHIPPED_DIR) / "systemc.yaml"
    assert profile.load(str(path)).flag_map()["YES"] == "Y"
    assert set(profile.shipped_names()) == {"ssd", "systemc", "mosaic", "eclipse"}
    for name in profile.shipped_names():
        assert profile.load(name).name == name
    with pytest.raises(ProfileError, match="neither a shipped profile"):
        profile.load("liquidlogic")


def test_check_source_reports_counts_and_placeholders_without_values(
    tmp_path: Path, warehouse_url: str
):
    folder = tmp_path / "cs"
    simulate(Target.csv(folder), profile="systemc", **SIM)
    path = folder / "ssd_cla_episodes.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count("Change of legal status only") > 3
    path.write_text(text.replace("Change of legal status only", "Legal status changed (only)"),
                    encoding="utf-8")  # fmt: skip
    env = {"CASE_SYSTEM_CSV_DIR": str(folder), "CASE_SYSTEM_PROFILE": "systemc",
           "WAREHOUSE_URL": warehouse_url}  # fmt: skip
    result = run_iro(["check-source"], env)
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    # "L - Change of legal status only" still maps, by its leading code
    changed = text.count("Change of legal status only") - text.count("L - Change of legal")
    assert (f"not mapped to a code of its list: clae_cla_episode_start_reason: {changed} rows, "
            "1 distinct value(s)") in out  # fmt: skip
    assert "Legal status changed" not in out + result.stderr
    assert "one value on every row: cppr_cp_review_participation (declared a placeholder)" in out
    assert "not supplied: cppr_cp_review_participation (placeholder)" in out
    assert "ssd_cla_episodes: 259 rows" in out
    # nothing was written to the warehouse
    assert query(warehouse_url, "select count(*) from pg_namespace where nspname = 'raw'") == [(0,)]
