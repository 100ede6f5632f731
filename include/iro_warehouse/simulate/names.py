"""Synthetic names, ethnicities and postcodes.

Names come from small built-in lists, with invented surnames so that nobody
mistakes the data for real people. Postcodes use the non-geographic ``ZZ99``
district used for testing.
"""

from __future__ import annotations

import random

from iro_warehouse.simulate.rand import pick

_FEMALE = (
    "Amelia", "Olivia", "Isla", "Ava", "Emily", "Sophie", "Grace", "Lily", "Chloe", "Ella",
    "Mia", "Ruby", "Evie", "Jessica", "Poppy", "Freya", "Holly", "Millie", "Erin", "Megan",
    "Lucy", "Daisy", "Katie", "Leah", "Abigail", "Hannah", "Zara", "Nadia", "Aisha", "Maya",
)  # fmt: skip
_MALE = (
    "Oliver", "Jack", "Harry", "George", "Jacob", "Charlie", "Thomas", "Noah", "James", "Alfie",
    "William", "Joshua", "Leo", "Ethan", "Oscar", "Daniel", "Max", "Mason", "Lewis", "Liam",
    "Ryan", "Callum", "Kyle", "Connor", "Adam", "Samuel", "Ibrahim", "Yusuf", "Tomasz", "Kofi",
)  # fmt: skip
_SURNAME_A = (
    "Ash", "Birch", "Brack", "Cold", "Dun", "Elm", "Fen", "Gill", "Hawk", "Holt",
    "Kirk", "Lang", "Marsh", "Moor", "North", "Oak", "Pike", "Rook", "Stan", "Thorn",
    "Wold", "Wren", "Yew", "Fell", "Tees", "Wear", "Bram", "Crag", "Dale", "Esk",
)  # fmt: skip
_SURNAME_B = (
    "ington", "worth", "by", "ley", "ton", "field", "wick", "stead", "combe", "thwaite",
    "mere", "ford", "shaw", "gate", "well", "croft",
)  # fmt: skip

#: DfE ethnicity codes, weighted like a county such as Durham (realism.md: about
#: 93-96% of children looked after White, mostly WBRI), with a few refused
#: (REFU), not obtained (NOBT) or blank.
ETHNICITY: tuple[tuple[str | None, float], ...] = (
    ("WBRI", 0.915), ("WIRI", 0.003), ("WIRT", 0.002), ("WOTH", 0.020), ("WROM", 0.005),
    ("MWBC", 0.009), ("MWBA", 0.004), ("MWAS", 0.005), ("MOTH", 0.007),
    ("AIND", 0.002), ("APKN", 0.003), ("ABAN", 0.001), ("AOTH", 0.002),
    ("BCRB", 0.001), ("BAFR", 0.004), ("BOTH", 0.001), ("CHNE", 0.001), ("OOTH", 0.003),
    ("REFU", 0.003), ("NOBT", 0.005), (None, 0.004),
)  # fmt: skip


def person_name(rng: random.Random, female: bool) -> tuple[str, str]:
    """A synthetic (forename, surname)."""
    forename = rng.choice(_FEMALE if female else _MALE)
    surname = rng.choice(_SURNAME_A) + rng.choice(_SURNAME_B)
    return forename, surname


def ethnicity(rng: random.Random) -> str | None:
    """A DfE ethnicity code (or None: not recorded)."""
    return pick(rng, ETHNICITY)


def postcode(rng: random.Random) -> str:
    """A synthetic postcode in the non-geographic ZZ99 district."""
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return f"ZZ99 {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
