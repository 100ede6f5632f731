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

ETHNICITY = (
    ("WBRI", 0.885), ("WIRI", 0.003), ("WIRT", 0.002), ("WOTH", 0.015), ("WROM", 0.002),
    ("MWBC", 0.012), ("MWBA", 0.006), ("MWAS", 0.008), ("MOTH", 0.012),
    ("AIND", 0.004), ("APKN", 0.004), ("ABAN", 0.002), ("AOTH", 0.004),
    ("BCRB", 0.002), ("BAFR", 0.008), ("BOTH", 0.002), ("CHNE", 0.002),
    ("OOTH", 0.008), ("REFU", 0.005), ("NOBT", 0.013),
)  # fmt: skip


def person_name(rng: random.Random, female: bool) -> tuple[str, str]:
    """A synthetic (forename, surname)."""
    forename = rng.choice(_FEMALE if female else _MALE)
    surname = rng.choice(_SURNAME_A) + rng.choice(_SURNAME_B)
    return forename, surname


def ethnicity(rng: random.Random) -> str:
    return pick(rng, ETHNICITY)


def postcode(rng: random.Random) -> str:
    """A synthetic postcode in the non-geographic ZZ99 district."""
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return f"ZZ99 {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
