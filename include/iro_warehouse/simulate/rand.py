"""Deterministic random streams.

Every entity (a child, a staff slot, an arrival month) draws from its own
``random.Random`` seeded with a text key such as ``"7/child/123"``. Python
seeds a ``Random`` from a ``str`` through SHA-512, so the streams are the same
on every run and machine (unlike the salted built-in ``hash``), and one
entity's draws never depend on how many draws another entity made, nor on the
simulation end date.
"""

from __future__ import annotations

import math
import random
import zlib
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def stream(seed: int, *parts: object) -> random.Random:
    """An independent random stream for the entity named by ``parts``."""
    return random.Random("/".join([str(seed), *map(str, parts)]))


def key_fraction(*parts: object) -> float:
    """A stable pseudo-random number in [0, 1) for a key (cheap; for row selection)."""
    text = "/".join(map(str, parts)).encode()
    return (zlib.crc32(text) ^ (zlib.adler32(text[::-1]) << 1)) % 1_000_003 / 1_000_003


def poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw (Knuth for small means, a rounded normal for large ones)."""
    if lam <= 0:
        return 0
    if lam < 40:
        limit = math.exp(-lam)
        k = 0
        p = rng.random()
        while p > limit:
            k += 1
            p *= rng.random()
        return k
    return max(0, round(rng.gauss(lam, math.sqrt(lam))))


def pick(rng: random.Random, options: Sequence[tuple[T, float]]) -> T:
    """Choose one value from ``(value, weight)`` pairs."""
    total = 0.0
    for _, w in options:
        total += w
    r = rng.random() * total
    for value, w in options:
        r -= w
        if r < 0:
            return value
    return options[-1][0]
