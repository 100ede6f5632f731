"""A simulated region: several authorities of different sizes and practice (``iro simulate
--region N``).

Each authority is a county of its own: its own seed (the region's seed times
1000 plus its code, so an authority is the same whichever others are listed),
its own size (a multiple of ``--scale``), its own case system (the extract
script's style of a profile: ``ssd``, ``systemc``, ``eclipse``, ``mosaic``) and
its own practice (the share of looked after reviews held late). Each is written
as a CSV folder ``<dir>/<code>/``, and ``<dir>/authorities.yaml`` lists them for
``IRO_AUTHORITIES_FILE`` (their warehouses default to ``iro_warehouse_<code>``
beside ``WAREHOUSE_URL``).

The codes follow the DfE's three-digit pattern; the names are invented, so no
simulated figure is ever read as a real council's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from iro_warehouse.simulate.writers import Target


@dataclass(frozen=True)
class SimulatedAuthority:
    """One authority of the simulated region."""

    code: str
    name: str
    #: its size, as a multiple of the region's scale
    size: float
    #: the case system's extract script it is written as
    profile: str
    #: practice: the share of looked after reviews held late (None: about one in ten)
    late_review_share: float | None


#: The authorities a region is drawn from, in order (``--region 3`` takes the first three).
AUTHORITIES = (
    SimulatedAuthority("840", "Ashdale", 1.0, "ssd", None),
    SimulatedAuthority("841", "Brackenfield", 0.45, "systemc", 0.22),
    SimulatedAuthority("805", "Coldwater", 0.7, "eclipse", 0.04),
    SimulatedAuthority("806", "Dunmere", 1.6, "ssd", 0.15),
    SimulatedAuthority("807", "Easterhope", 0.3, "mosaic", 0.06),
    SimulatedAuthority("808", "Fellbridge", 0.8, "ssd", 0.3),
    SimulatedAuthority("390", "Greyhaven", 1.2, "systemc", 0.12),
    SimulatedAuthority("391", "Hollins Cross", 0.55, "ssd", None),
    SimulatedAuthority("392", "Ivybank", 0.9, "eclipse", 0.18),
    SimulatedAuthority("393", "Jarrowfield", 0.4, "ssd", 0.08),
)

AUTHORITIES_FILE = "authorities.yaml"


def seed_of(region_seed: int, code: str) -> int:
    """An authority's own seed: the same whichever other authorities are simulated."""
    return region_seed * 1000 + int(code)


def simulate_region(
    folder: Path,
    count: int,
    *,
    simulate_one: Callable[..., object],
    seed: int = 1,
    start: date,
    end: date,
    scale: float = 1.0,
) -> Path:
    """Write ``count`` authorities' case systems under ``folder`` and their authorities file.

    ``simulate_one`` is :func:`iro_warehouse.simulate.simulate` (passed in to
    keep this module below it). Returns the path of the authorities file.
    """
    if not 1 <= count <= len(AUTHORITIES):
        raise ValueError(f"--region takes 1 to {len(AUTHORITIES)} authorities, not {count}")
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    chosen = AUTHORITIES[:count]
    for authority in chosen:
        simulate_one(
            Target(csv_dir=folder / authority.code),
            seed=seed_of(seed, authority.code),
            start=start,
            end=end,
            scale=round(scale * authority.size, 4),
            profile=authority.profile,
            late_review_share=authority.late_review_share,
            progress=False,
        )
    document = {
        "region": {"name": "A simulated region"},
        "authorities": [
            {
                "code": int(a.code),
                "name": a.name,
                "source": {"csv_dir": a.code, "profile": a.profile},
            }
            for a in chosen
        ],
    }
    path = folder / AUTHORITIES_FILE
    header = (
        "# A simulated region (iro simulate --region): generated data only.\n"
        f"# seed {seed}, {start} to {end}, scale {scale:g}\n"
    )
    path.write_text(header + yaml.safe_dump(document, sort_keys=False))
    return path
