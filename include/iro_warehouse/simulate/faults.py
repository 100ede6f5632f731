"""Deliberately faulty rows (``bad_rows=N``) for testing the warehouse's checks.

The N faulty rows are spread round-robin over the fault classes of the "Bad
input" table in ``rules.md``, each class cycling through a few tables. Every
faulty row is an *extra* row modelled on a clean one (so the clean data stays
clean), except the duplicate-key classes, which by nature share the key of a
clean row. Each is logged as ``(table_name, key, fault)``; for a duplicate key
every row with that key is covered by the one log entry, for an overlapping
episode the log names the added episode. A null key is logged with a null key.

Classes that only a CSV can carry (a non-numeric FTE, a malformed or
impossible date) are used only for CSV targets; in PostgreSQL the FTE column
is ``numeric`` and dates are ``timestamp``.

The contract-2 parts get the general classes too (null and duplicate keys,
required fields, dangling person, end before start, dates after the extract,
malformed dates, codes outside the lists) and two of their own, named as the
warehouse's rules: ``invalid_care_plan_json`` (not a JSON object, the text
``null`` and malformed text included; a key outside the ten plan codes; a
value that is neither a string nor null) and ``contact_after_review`` (a
review whose IRO contact date is after its own date; listed only). At
contract level 1 only the choices whose table and column exist are used.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from iro_warehouse import spec
from iro_warehouse.simulate.model import Params
from iro_warehouse.simulate.rand import stream

D = timedelta
Tables = dict[str, list[tuple]]
BadRows = list[tuple[str, str | None, str]]

FAULTS = (
    "null_primary_key",
    "duplicate_key_identical",
    "duplicate_key_differing",
    "required_field_null",
    "end_before_start",
    "code_outside_list",
    "dangling_reference",
    "date_after_extract",
    "end_after_extract",
    "overlapping_episodes",
    "fte_null",
    "fte_zero",
    "fte_negative",
    "fte_non_numeric",
    "fte_above_one",
    "malformed_date",
    "impossible_date",
    "invalid_care_plan_json",
    "contact_after_review",
)
CSV_ONLY = ("fte_non_numeric", "malformed_date", "impossible_date")
#: classes that only concern contract-2 parts
CONTRACT_2 = ("invalid_care_plan_json", "contact_after_review")
#: care plan JSON that breaks the rule: not an object, a key outside the plan
#: codes (codes are case sensitive), a value that is not a string or null
BAD_PLAN_JSON = (
    "[1]", '{"ADOPT": "Y"}', '{"ADOPTION": 1}', "null", '{"LTFOST18": ["Y"]}', '"x"',
    '{"adoption": "Y"}', '{"ADOPTION": "Y"',
)  # fmt: skip


def _col(table: str, column: str) -> int:
    return spec.table(table).column_names.index(column)


class _Injector:
    def __init__(self, tables: Tables, params: Params) -> None:
        self.tables = tables
        self.params = params
        self.end = params.end
        self.clean = {name: len(rows) for name, rows in tables.items()}
        self.log: BadRows = []
        self.n = 0
        self.used: set[str] = set()
        self.columns = {t.name: set(t.column_names) for t in spec.tables(params.contract)}

    def has(self, choice: tuple) -> bool:
        """Whether the contract level has a choice's table (its first item) and column
        (its second item, when that is a column name)."""
        table = choice[0]
        if table not in self.columns:
            return False
        column = choice[1] if len(choice) > 1 else None
        return not isinstance(column, str) or column in self.columns[table]

    def pick(self, choices: tuple[tuple, ...], k: int) -> tuple:
        """The k-th choice (cyclically) among those the contract level has."""
        usable = [c for c in choices if self.has(c)]
        return usable[k % len(usable)]

    def new_id(self, prefix: str) -> str:
        self.n += 1
        return f"BAD{prefix}{self.n:05d}"

    def template(
        self, rng: random.Random, table: str, ok: Callable[[tuple], bool] = lambda r: True
    ) -> tuple | None:
        rows = self.tables[table]
        n = self.clean[table]
        if n == 0:
            return None
        for _ in range(200):
            row = rows[rng.randrange(n)]
            if ok(row):
                return row
        return None

    def add(self, table: str, row: tuple | list, fault: str, key: str | None = None) -> None:
        row = tuple(row)
        self.tables[table].append(row)
        self.log.append((table, row[0] if key is None else key, fault))

    # each returns True when it added a row
    def null_primary_key(self, rng: random.Random, k: int) -> bool:
        choices = (
            ("ssd_cla_reviews",), ("ssd_involvements",), ("ssd_cp_reviews",),
            ("ssd_cla_care_plan",),
        )  # fmt: skip
        (table,) = self.pick(choices, k)
        row = self.template(rng, table)
        if row is None:
            return False
        r = list(row)
        r[0] = None
        self.tables[table].append(tuple(r))
        self.log.append((table, None, "null_primary_key"))
        return True

    def duplicate_key_identical(self, rng: random.Random, k: int) -> bool:
        choices = (
            ("ssd_cp_reviews",), ("ssd_involvements",), ("ssd_cla_reviews",),
            ("ssd_cla_care_plan",),
        )  # fmt: skip
        (table,) = self.pick(choices, k)
        row = self.template(rng, table, lambda r: r[0] not in self.used)
        if row is None:
            return False
        self.used.add(row[0])
        self.add(table, row, "duplicate_key_identical")
        return True

    def duplicate_key_differing(self, rng: random.Random, k: int) -> bool:
        choices = (
            ("ssd_cla_reviews",), ("ssd_cp_reviews",), ("ssd_involvements",),
            ("ssd_cla_care_plan",),
        )  # fmt: skip
        (table,) = self.pick(choices, k)

        def ok(r: tuple) -> bool:
            if r[0] in self.used:
                return False
            if table == "ssd_involvements":
                return r[2] != "IRO"
            if table == "ssd_cla_care_plan":
                return True
            return r[3] is not None

        row = self.template(rng, table, ok)
        if row is None:
            return False
        self.used.add(row[0])
        r = list(row)
        if table == "ssd_cla_reviews":
            r[3] = r[3] - D(1)  # held a day earlier in the second copy
            if len(r) > 6 and r[6] is not None and r[6] > r[3]:
                r[6] = r[3]  # and its contact no later than that (no second fault)
        elif table == "ssd_cp_reviews":
            r[5] = "N" if r[5] == "Y" else "Y"
        elif table == "ssd_cla_care_plan":
            r[4] = "{}" if r[4] is None else None  # the plan re-recorded as not agreed
        else:
            r[2] = "TM" if r[2] == "SW" else "SW"
        self.add(table, r, "duplicate_key_differing")
        return True

    def required_field_null(self, rng: random.Random, k: int) -> bool:
        choices = (
            ("ssd_involvements", "invo_person_id"),
            ("ssd_cla_reviews", "clar_cla_id"),
            ("ext_iro_escalations", "esc_raised_date"),
            ("ssd_legal_status", "lega_legal_status"),
            ("ssd_cp_reviews", "cppr_cp_plan_id"),
            ("ssd_cla_care_plan", "lacp_person_id"),
            ("ssd_cla_care_plan", "lacp_cla_care_plan_start_date"),
        )
        table, column = self.pick(choices, k)
        row = self.template(rng, table)
        if row is None:
            return False
        r = list(row)
        r[0] = self.new_id("R")
        r[_col(table, column)] = None
        if table == "ext_iro_escalations":
            r[6] = r[7] = None  # keep it free of other faults
        self.add(table, r, "required_field_null")
        return True

    def end_before_start(self, rng: random.Random, k: int) -> bool:
        choices = (
            ("ssd_involvements", "invo_involvement_start_date", "invo_involvement_end_date"),
            ("ssd_cla_placement", "clap_cla_placement_start_date", "clap_cla_placement_end_date"),
            ("ssd_legal_status", "lega_legal_status_start_date", "lega_legal_status_end_date"),
            ("ssd_s47_enquiry", "s47e_s47_start_date", "s47e_s47_end_date"),
            ("ssd_cla_care_plan", "lacp_cla_care_plan_start_date", "lacp_cla_care_plan_end_date"),
        )
        table, s_col, e_col = self.pick(choices, k)
        s_i, e_i = _col(table, s_col), _col(table, e_col)
        row = self.template(rng, table, lambda r: r[s_i] > self.params.start + D(30))
        if row is None:
            return False
        r = list(row)
        r[0] = self.new_id("E")
        r[e_i] = r[s_i] - D(rng.randint(1, 20))
        if table == "ssd_cla_placement":
            r[9] = None
        self.add(table, r, "end_before_start")
        return True

    def code_outside_list(self, rng: random.Random, k: int) -> bool:
        choices = (
            ("ssd_cla_reviews", "clar_cla_review_participation", "PN9"),
            ("ssd_cp_reviews", "cppr_cp_review_outcome_continue_cp", "y"),
            ("ext_iro_escalations", "esc_category", "UNKNOWN"),
            ("ssd_cla_placement", "clap_cla_placement_type", "U7"),
            ("ssd_person", "pers_sex", "X"),
            ("ssd_cp_reviews", "cppr_cp_review_participation", "PN8"),
            ("ssd_cp_reviews", "cppr_cp_review_quorate", "Yes"),
        )
        table, column, bad = self.pick(choices, k)
        row = self.template(rng, table)
        if row is None:
            return False
        r = list(row)
        r[0] = self.new_id("C")
        r[_col(table, column)] = bad
        self.add(table, r, "code_outside_list")
        return True

    def dangling_reference(self, rng: random.Random, k: int) -> bool:
        choices = (
            ("ssd_cla_reviews", "clar_cla_id", "C99999999999"),
            ("ssd_involvements", "invo_professional_id", "WZ999999"),
            ("ssd_cp_reviews", "cppr_cp_plan_id", "CP9999999999"),
            ("ssd_cla_episodes", "clae_cla_placement_id", "L99999999999999"),
            ("ssd_cla_care_plan", "lacp_person_id", "P99999999"),
        )
        table, column, bad = self.pick(choices, k)
        row = self.template(rng, table)
        if row is None:
            return False
        r = list(row)
        r[0] = self.new_id("D")
        r[_col(table, column)] = bad
        if table == "ssd_cla_episodes":
            # its own one-day period of care, so it overlaps nothing
            r[2] = self.new_id("P")
            r[4] = "S"
            r[3] = r[5] = None
            return self._lone_episode(rng, r, "dangling_reference")
        self.add(table, r, "dangling_reference")
        return True

    def _lone_episode(self, rng: random.Random, r: list, fault: str) -> bool:
        """Place a one-day episode on a day the child has no episode (before their first)."""
        person = r[1]
        firsts = [
            e[3]
            for e in self.tables["ssd_cla_episodes"][: self.clean["ssd_cla_episodes"]]
            if e[1] == person
        ]
        day = min(firsts) - D(rng.randint(30, 90))
        r[3], r[5], r[6], r[9] = day, day + D(1), "E13", day
        self.add("ssd_cla_episodes", r, fault)
        return True

    def date_after_extract(self, rng: random.Random, k: int) -> bool:
        later = self.end + D(rng.randint(1, 60))
        choices = (
            ("ssd_cla_reviews", "clar_cla_review_date"),
            ("ext_iro_escalations", "esc_raised_date"),
            ("ssd_involvements", "invo_involvement_start_date"),
            ("ssd_initial_cp_conference", "icpc_icpc_date"),
            ("ssd_cla_care_plan", "lacp_cla_care_plan_start_date"),
        )
        table, column = self.pick(choices, k)
        row = self.template(rng, table)
        if row is None:
            return False
        r = list(row)
        r[0] = self.new_id("F")
        r[_col(table, column)] = later
        if table == "ssd_cla_reviews":
            r[4] = "N"
            r[5] = r[5] or "PN1"
        elif table == "ext_iro_escalations":
            r[6] = r[7] = None
        elif table == "ssd_involvements":
            r[5] = None
        elif table == "ssd_initial_cp_conference":
            r[3] = None  # no plan (a plan would start after the extract too)
            r[7] = "N"
        elif table == "ssd_cla_care_plan":
            r[3] = None
        self.add(table, r, "date_after_extract")
        return True

    def end_after_extract(self, rng: random.Random, k: int) -> bool:
        later = self.end + D(rng.randint(1, 90))
        choices = (
            ("ssd_involvements", 4, 5, lambda r: r[2] != "IRO"),
            ("ssd_s47_enquiry", 3, 4, lambda r: r[5] == "Y"),
            ("ext_iro_escalation_stages", 3, 4, lambda r: r[4] is not None),
            ("ssd_cla_care_plan", 2, 3, lambda r: r[3] is not None),
        )
        table, _start, e_i, ok = self.pick(choices, k)
        row = self.template(rng, table, ok)
        if row is None:
            return False
        r = list(row)
        r[0] = self.new_id("G")
        r[e_i] = later
        self.add(table, r, "end_after_extract")
        return True

    def overlapping_episodes(self, rng: random.Random, k: int) -> bool:
        table = "ssd_cla_episodes"
        row = self.template(
            rng,
            table,
            lambda r: r[3] < self.end - D(15) and (r[5] is None or (r[5] - r[3]).days > 3),
        )
        if row is None:
            return False
        r = list(row)
        r[0] = self.new_id("O")
        r[2] = self.new_id("P")
        r[3] = r[3] + D(1)
        r[4] = "S"
        r[5] = min(r[3] + D(rng.randint(1, 10)), self.end)
        if r[5] <= r[3]:
            r[5] = None
        r[6] = "E13" if r[5] is not None else None
        r[9] = r[3]
        self.add(table, r, "overlapping_episodes")
        return True

    def _professional(self, rng: random.Random, fte: object, fault: str) -> bool:
        pid = self.new_id("W")
        self.add("ssd_professionals", (pid, "Test Worker", "Social Worker", fte, "N"), fault)
        return True

    def fte_null(self, rng: random.Random, k: int) -> bool:
        return self._professional(rng, None, "fte_null")

    def fte_zero(self, rng: random.Random, k: int) -> bool:
        return self._professional(rng, 0, "fte_zero")

    def fte_negative(self, rng: random.Random, k: int) -> bool:
        return self._professional(rng, -0.5, "fte_negative")

    def fte_non_numeric(self, rng: random.Random, k: int) -> bool:
        return self._professional(rng, ("full time", "n/a", "0,8")[k % 3], "fte_non_numeric")

    def fte_above_one(self, rng: random.Random, k: int) -> bool:
        return self._professional(rng, (1.2, 2, 10)[k % 3], "fte_above_one")

    def _bad_date(self, rng: random.Random, k: int, text: str, fault: str) -> bool:
        choices = (
            ("ssd_cla_reviews", "clar_cla_review_date", lambda r: r[3] is not None),
            ("ssd_involvements", "invo_involvement_start_date", lambda r: True),
            ("ssd_cp_plans", "cppl_cp_plan_end_date", lambda r: r[4] is not None),
            (
                "ssd_cla_reviews",
                "clar_cla_review_last_iro_contact_date",
                lambda r: r[6] is not None,
            ),
            ("ssd_cla_care_plan", "lacp_cla_care_plan_start_date", lambda r: True),
            ("ssd_cla_care_plan", "lacp_cla_care_plan_end_date", lambda r: r[3] is not None),
        )
        table, column, ok = self.pick(choices, k)
        row = self.template(rng, table, ok)
        if row is None:
            return False
        r = list(row)
        r[0] = self.new_id("M")
        r[_col(table, column)] = text
        self.add(table, r, fault)
        return True

    def malformed_date(self, rng: random.Random, k: int) -> bool:
        y = self.end.year
        text = (f"15/06/{y}", f"{y}0615", f"15 June {y}")[k % 3]
        return self._bad_date(rng, k, text, "malformed_date")

    def impossible_date(self, rng: random.Random, k: int) -> bool:
        y = self.end.year
        text = (f"{y}-02-30", f"{y}-13-01", f"{y}-04-31")[k % 3]
        return self._bad_date(rng, k, text, "impossible_date")

    def invalid_care_plan_json(self, rng: random.Random, k: int) -> bool:
        table = "ssd_cla_care_plan"
        row = self.template(rng, table)
        if row is None:
            return False
        r = list(row)
        r[0] = self.new_id("J")
        r[4] = BAD_PLAN_JSON[k % len(BAD_PLAN_JSON)]
        self.add(table, r, "invalid_care_plan_json")
        return True

    def contact_after_review(self, rng: random.Random, k: int) -> bool:
        """A held review whose last contact is days after it (and not after the extract)."""
        table = "ssd_cla_reviews"
        row = self.template(rng, table, lambda r: r[3] is not None and r[3] < self.end)
        if row is None:
            return False
        r = list(row)
        r[0] = self.new_id("K")
        r[6] = r[3] + D(rng.randint(1, min(30, (self.end - r[3]).days)))
        self.add(table, r, "contact_after_review")
        return True


def inject(tables: Tables, params: Params, *, csv_faults: bool = True) -> BadRows:
    """Append ``params.bad_rows`` faulty rows to ``tables``; return the log."""
    injector = _Injector(tables, params)
    classes = [
        f
        for f in FAULTS
        if (csv_faults or f not in CSV_ONLY) and (params.contract >= 2 or f not in CONTRACT_2)
    ]
    rng = stream(params.seed, "bad", params.end.isoformat())
    made = 0
    attempts = 0
    while made < params.bad_rows and attempts < params.bad_rows * 5 + 50:
        fault = classes[attempts % len(classes)]
        k = attempts // len(classes)
        attempts += 1
        if getattr(injector, fault)(rng, k):
            made += 1
    return injector.log
