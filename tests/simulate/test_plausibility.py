"""At scale 1 the county looks like a county (realism.md), on 31 March 2017."""

from __future__ import annotations

from datetime import date

from casecheck import WHITE, Contract2Measures, Measures, Tables, d

E = date(2017, 3, 31)
FY = (date(2016, 4, 1), E)


def test_county_headline_figures(county_tables: Tables) -> None:
    m = Measures(county_tables)
    assert 750 <= m.cla_at(E) <= 850
    assert m.cla_at(E) > m.cla_at(date(2016, 3, 31)) - 10  # rising through 2016-17
    assert 400 <= m.cp_at(E) <= 550
    assert 280 <= m.cla_started(*FY) <= 420
    assert 260 <= m.cla_ceased(*FY) <= 400
    started, repeat, long = m.cp_started(*FY)
    assert 550 <= started <= 720
    assert 12 <= repeat <= 24
    assert long <= 6
    assert 70 <= m.icpc_in_time(*FY) <= 90
    assert 90 <= m.rcpc_in_time(*FY) <= 98
    held, in_time, part = m.cla_reviews(*FY)
    assert held > 1000 and 85 <= in_time <= 95 and 85 <= part <= 97
    three, lts = m.stability(E)
    assert 5 <= three <= 13
    assert 60 <= lts <= 78
    iro = m.iro(E)
    assert 12 <= iro["in_post"] <= 14
    assert 60 <= iro["cla_per_fte"] <= 85
    raised, informal = m.escalations(*FY)
    assert 100 <= raised <= 250 and informal >= 60


def test_county_contract_2_figures(county_tables: Tables) -> None:
    """The contract-2 rows of realism.md, for 2016-17, computed here from the rows."""
    m = Contract2Measures(county_tables)
    n, cp_part = m.cp_review_participation(*FY)
    assert n > 500 and 50 <= cp_part <= 75
    _, _, cla_part = m.cla_reviews(*FY)
    assert cp_part < cla_part - 10  # well below looked after reviews
    n, quorate, blank = m.cp_review_quorate(*FY)
    assert n > 800 and 90 <= quorate <= 98
    assert 0 < blank < n * 0.05  # a few null
    n, contact = m.contact_between_reviews(*FY)
    assert n > 1000 and 60 <= contact <= 85
    n, permanence = m.permanence_at_second_review(*FY)
    assert n > 150 and 75 <= permanence <= 90
    resolved, stage_2_plus, cafcass = m.escalation_stages(*FY)
    assert resolved > 80 and 5 <= stage_2_plus <= 10
    assert 0 <= cafcass <= 2
    by_code = m.ethnicity_of_cla(E)
    cla = sum(by_code.values())
    white = sum(n for code, n in by_code.items() if code in WHITE)
    assert 93 <= 100 * white / cla <= 96
    assert by_code.get("WBRI", 0) > 0.85 * cla  # mostly White British
    for code in ("REFU", "NOBT", None):  # some refused, not obtained, blank ...
        assert by_code.get(code, 0) >= 1, code
    # ... in the county as a whole too, with the other groups
    people = county_tables["ssd_person"]
    groups = {p["pers_ethnicity"][:1] for p in people if p["pers_ethnicity"]}
    assert {"W", "M", "A", "B", "C", "O"} <= groups


def test_county_people_without_dates_of_birth(county_tables: Tables) -> None:
    """A few children have no date of birth; a few are unborn at their plan's start."""
    people = county_tables["ssd_person"]
    no_dob = sum(1 for p in people if p["pers_dob"] is None)
    assert 0 < no_dob < 0.01 * len(people)
    dob = {p["pers_person_id"]: d(p["pers_dob"]) for p in people}
    plans = county_tables["ssd_cp_plans"]
    unborn = [
        p
        for p in plans
        if dob[p["cppl_person_id"]] and dob[p["cppl_person_id"]] > d(p["cppl_cp_plan_start_date"])
    ]
    assert 0 < len(unborn) < 0.1 * len(plans)
    current_unborn = [
        p for p in unborn if p["cppl_cp_plan_end_date"] is None and dob[p["cppl_person_id"]] > E
    ]
    assert len(current_unborn) >= 1  # on a pre-birth plan at 31 March
