"""``iro simulate --region``: authorities of different sizes and practice, seeded on their own."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from iro_warehouse import authorities
from iro_warehouse.simulate import Params, region


def test_a_region_is_listed_in_an_authorities_file_each_authority_seeded_on_its_own(
    tmp_path: Path,
):
    calls = []
    path = region.simulate_region(
        tmp_path / "r",
        3,
        simulate_one=lambda target, **kw: calls.append((target, kw)),
        seed=2,
        start=date(2016, 4, 1),
        end=date(2017, 6, 15),
        scale=0.5,
    )
    codes = [a.code for a in region.AUTHORITIES[:3]]
    assert [c[0].csv_dir for c in calls] == [tmp_path / "r" / c for c in codes]
    seeds = [c[1]["seed"] for c in calls]
    assert seeds == [2000 + int(c) for c in codes] and len(set(seeds)) == 3
    assert len({c[1]["scale"] for c in calls}) == 3  # different sizes
    assert len({c[1]["profile"] for c in calls}) == 3  # different case systems
    assert len({c[1]["late_review_share"] for c in calls}) == 3  # different practice
    # an authority's seed does not depend on which others are simulated
    assert region.seed_of(2, codes[1]) == seeds[1]
    loaded = authorities.load(
        {"WAREHOUSE_URL": "postgresql://iro@db/wh", "IRO_AUTHORITIES_FILE": str(path)}
    )
    assert [a.code for a in loaded.authorities] == codes
    assert loaded.authorities[1].settings.source.csv_dir == tmp_path / "r" / codes[1]
    assert loaded.authorities[1].settings.source.profile.name == region.AUTHORITIES[1].profile


def test_practice_is_a_stored_parameter_and_bounded():
    params = Params(seed=1, start=date(2016, 4, 1), end=date(2017, 6, 15), late_review_share=0.2)
    assert Params.from_json(params.to_json()) == params
    assert (
        "late_review_share"
        not in Params(seed=1, start=date(2016, 4, 1), end=date(2017, 6, 15)).to_json()
    )  # the county's stored parameters are unchanged by default
    with pytest.raises(ValueError, match="late_review_share"):
        Params(seed=1, start=date(2016, 4, 1), end=date(2017, 6, 15), late_review_share=0.9)


def test_too_many_authorities_is_refused(tmp_path: Path):
    with pytest.raises(ValueError, match="--region takes 1 to"):
        region.simulate_region(
            tmp_path, 99, simulate_one=print, start=date(2016, 4, 1), end=date(2017, 6, 15)
        )


def _late_share(late_review_share: float | None) -> float:
    from iro_warehouse.simulate import build

    params = Params(
        seed=3,
        start=date(2016, 4, 1),
        end=date(2017, 6, 15),
        scale=0.1,
        late_review_share=late_review_share,
    )
    tables, _ = build(params, progress=False)
    held = [(due, held) for _, _, due, held, *_ in tables["ssd_cla_reviews"] if held is not None]
    return sum(h > d for d, h in held) / len(held)


def test_practice_moves_the_share_of_reviews_held_late():
    county, slack = _late_share(None), _late_share(0.4)
    assert 0.05 < county < 0.2
    assert slack > county + 0.15
