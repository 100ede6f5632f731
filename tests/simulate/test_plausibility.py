"""At scale 1 the county looks like a county (realism.md), on 31 March 2017."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from casecheck import Measures, read_csv_tables

E = date(2017, 3, 31)
FY = (date(2016, 4, 1), E)


def test_county_headline_figures(county_csv: Path) -> None:
    m = Measures(read_csv_tables(county_csv))
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
