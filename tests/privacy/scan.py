"""Look for a case system's personal data (and secrets) in logs and files.

What is looked for, from ``ssd_person``: every person id, every full name
("Forename Surname"), every surname (the simulator's surnames are invented
and distinctive; forenames alone are common words, e.g. "Max", and are
looked for only as part of a full name) and every date of birth, except
dates a log or report legitimately names anyway (month starts and ends, the
extract date), which no scan could tell from a birthday.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import psycopg2


@dataclass(frozen=True)
class PersonalData:
    ids: frozenset[str]
    full_names: frozenset[str]
    surnames: frozenset[str]
    dobs: frozenset[str]


def _make(rows: Iterable[tuple], extract_date: date | None) -> PersonalData:
    ids, full, surnames, dobs = set(), set(), set(), set()
    for pid, forename, surname, dob in rows:
        if pid:
            ids.add(pid)
        if forename and surname:
            full.add(f"{forename} {surname}")
        if surname and len(surname) >= 5:
            surnames.add(surname)
        if dob:
            day = date.fromisoformat(str(dob)[:10])
            boundary = day.day == 1 or (day + timedelta(days=1)).day == 1
            near_extract = extract_date is not None and abs((day - extract_date).days) <= 1
            if not boundary and not near_extract:
                dobs.add(day.isoformat())
    return PersonalData(frozenset(ids), frozenset(full), frozenset(surnames), frozenset(dobs))


def from_csv(folder: Path, extract_date: date | None = None) -> PersonalData:
    with (folder / "ssd_person.csv").open(encoding="utf-8", newline="") as f:
        rows = [
            (r["pers_person_id"], r["pers_forename"], r["pers_surname"], r["pers_dob"])
            for r in csv.DictReader(f)
        ]
    return _make(rows, extract_date)


def from_database(url: str, extract_date: date | None = None) -> PersonalData:
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute("select pers_person_id, pers_forename, pers_surname, pers_dob from ssd_person")
        rows = cur.fetchall()
    conn.close()
    return _make(rows, extract_date)


def readable(path: Path) -> str:
    """A file's text; for a zip (a Word document), the text of every part in it, unpacked."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            parts = [z.read(name).decode("utf-8", errors="replace") for name in z.namelist()]
        # a Word document splits text into runs: read its XML without the tags too
        return "\n".join(parts + [re.sub(r"<[^>]+>", "", p) for p in parts])
    return path.read_bytes().decode("utf-8", errors="replace")


def find(
    data: PersonalData,
    texts: dict[str, str],
    files: Iterable[Path] = (),
    secrets: Iterable[str] = (),
) -> list[str]:
    """Every (where, what) found, as readable strings; [] when clean."""
    sources = dict(texts)
    for path in files:
        sources[str(path)] = readable(path)
    words = re.compile(r"[A-Za-z][A-Za-z'-]+")
    ids = re.compile(r"[A-Z]+[0-9]{4,}")
    dates = re.compile(r"\d{4}-\d{2}-\d{2}")
    found: list[str] = []
    for where, text in sources.items():
        for token in set(ids.findall(text)) & data.ids:
            found.append(f"{where}: person id {token}")
        for token in set(words.findall(text)) & data.surnames:
            found.append(f"{where}: surname {token}")
        for name in data.full_names:
            if name in text:
                found.append(f"{where}: name {name}")
        for token in set(dates.findall(text)) & data.dobs:
            found.append(f"{where}: date of birth {token}")
        for secret in secrets:
            if secret and secret in text:
                found.append(f"{where}: a secret ({len(secret)} characters)")
    return sorted(found)


def find_personal_data(
    case_dir: Path,
    texts: dict[str, str],
    files: Iterable[Path],
    secrets: Iterable[str] = (),
    extract_date: date | None = None,
) -> list[str]:
    return find(from_csv(case_dir, extract_date), texts, files, secrets)
