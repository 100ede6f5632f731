"""The clean generator breaks no rule of rules.md and chains episodes correctly."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from casecheck import chain_problems, read_csv_tables, violations
from conftest import SMALL_END
from iro_warehouse import spec


def test_no_rule_violations(small_csv: Path) -> None:
    tables = read_csv_tables(small_csv)
    assert all(tables[t.name] for t in spec.TABLES), "every table has rows"
    assert violations(tables, SMALL_END) == []
    assert (small_csv / "_bad_rows.csv").read_text().strip() == "table_name,key,fault"


def test_periods_of_care_chain(small_csv: Path) -> None:
    assert chain_problems(read_csv_tables(small_csv)) == []


def test_placements_and_episodes_agree(small_csv: Path) -> None:
    tables = read_csv_tables(small_csv)
    places = {r["clap_cla_placement_id"]: r for r in tables["ssd_cla_placement"]}
    for e in tables["ssd_cla_episodes"]:
        p = places[e["clae_cla_placement_id"]]
        assert p["clap_cla_id"] == e["clae_cla_id"]
        assert p["clap_person_id"] == e["clae_person_id"]
        assert p["clap_cla_placement_start_date"] <= e["clae_cla_episode_start_date"]
    # temporary placements return to the same placement record
    returns = 0
    by_period: dict[str, list[dict]] = {}
    for e in tables["ssd_cla_episodes"]:
        by_period.setdefault(e["clae_cla_id"], []).append(e)
    for eps in by_period.values():
        eps.sort(key=lambda r: r["clae_cla_episode_start_date"])
        for a, b, c in zip(eps, eps[1:], eps[2:], strict=False):
            if (
                places[b["clae_cla_placement_id"]]["clap_cla_placement_type"]
                in spec.TEMPORARY_PLACE
            ):
                returns += a["clae_cla_placement_id"] == c["clae_cla_placement_id"]
    assert returns > 0


def test_codes_look_realistic(small_csv: Path) -> None:
    tables = read_csv_tables(small_csv)
    rne = Counter(r["clae_cla_episode_start_reason"] for r in tables["ssd_cla_episodes"])
    assert {"S", "L", "P", "T", "B"} <= set(rne)
    rec = Counter(r["clae_cla_episode_ceased_reason"] for r in tables["ssd_cla_episodes"])
    assert {"X1", "E11", "E13", "E4B"} <= set(rec)
    ls = {r["lega_legal_status"] for r in tables["ssd_legal_status"]}
    assert {"C1", "C2", "E1", "V2", "V4"} <= ls
    roles = Counter(r["invo_professional_role_id"] for r in tables["ssd_involvements"])
    assert {"IRO", "SW", "TM"} <= set(roles)
    stages = Counter(r["escs_stage"] for r in tables["ext_iro_escalation_stages"])
    assert stages["0"] > stages.get("1", 0) > 0
    # PN0 only and always for under-4s
    periods = {r["clae_cla_id"]: r["clae_person_id"] for r in tables["ssd_cla_episodes"]}
    dob = {r["pers_person_id"]: r["pers_dob"] for r in tables["ssd_person"]}
    from casecheck import d
    from iro_warehouse.simulate.calendar import age_on

    for r in tables["ssd_cla_reviews"]:
        if r["clar_cla_review_date"] is None:
            assert r["clar_cla_review_cancelled"] == "Y"
            continue
        age = age_on(d(dob[periods[r["clar_cla_id"]]]), d(r["clar_cla_review_date"]))
        assert (r["clar_cla_review_participation"] == "PN0") == (age < 4)
