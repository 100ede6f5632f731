"""The source contract (``shared/spec/case-system.md``) as data.

One place names every source table, its columns, primary key, code lists,
references and required fields. The simulator, the extractor and the tests
read it from here. The code lists themselves live in the dbt seed
``dbt_project/seeds/code_lists.csv`` (read once, at import), which the
warehouse's data-quality checks and tests read too: one home for each list.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field, replace
from pathlib import Path


def _code_lists_csv() -> Path:
    """The code-list seed of the dbt project, the one home of every code list.

    The repository root is ``IRO_PROJECT_DIR`` when set (as in
    ``config.project_dir()``, not imported here to keep this module free of
    dependencies), else the checkout this file is in.
    """
    env = os.environ.get("IRO_PROJECT_DIR")
    root = Path(env).resolve() if env else Path(__file__).resolve().parents[2]
    return root / "dbt_project" / "seeds" / "code_lists.csv"


def _read_code_lists() -> list[dict[str, str]]:
    path = _code_lists_csv()
    try:
        with path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except FileNotFoundError:
        raise FileNotFoundError(
            f"the code lists are read from {path}, which does not exist: set IRO_PROJECT_DIR "
            "to the repository root (the folder holding dbt_project/)"
        ) from None
    return sorted(rows, key=lambda r: (r["code_list"], int(r["sort_order"])))


_CODE_LISTS = _read_code_lists()


def codes(code_list: str, code_group: str | None = None) -> tuple[str, ...]:
    """The codes of one list of ``seeds/code_lists.csv`` in their order (or of one group)."""
    found = tuple(
        r["code"]
        for r in _CODE_LISTS
        if r["code_list"] == code_list and (code_group is None or r["code_group"] == code_group)
    )
    if not found:
        raise KeyError(f"no codes for {code_list!r} {code_group or ''} in {_code_lists_csv()}")
    return found


YN = codes("YN")
RNE = codes("RNE")
REC = codes("REC")
NEED = codes("NEED")
PLACE = codes("PLACE")
TEMPORARY_PLACE = codes("PLACE", "temporary")
ADOPTION_PLACE = codes("PLACE", "adoption")
PROVIDER = codes("PROVIDER")
PLACE_CHANGE_REASON = codes("PLACE_CHANGE_REASON")
LEGAL_STATUS = codes("LEGAL_STATUS")
PARTICIPATION = codes("PARTICIPATION")
SEX = codes("SEX")
CP_CATEGORY = codes("CP_CATEGORY")
ESC_CASE_TYPE = codes("ESC_CASE_TYPE")
ESC_CATEGORY = codes("ESC_CATEGORY")
ESC_OUTCOME = codes("ESC_OUTCOME")
ESC_STAGE = codes("ESC_STAGE")
#: permanence plan codes, the keys of ``lacp_cla_care_plan_json`` (contract 2)
PLAN = codes("PLAN")


@dataclass(frozen=True)
class Column:
    """One source column."""

    name: str
    kind: str = "text"  # text | date | code | number | json
    codes: tuple[str, ...] | None = None
    references: tuple[str, str] | None = None  # (table, column)
    required: bool = False
    personal: bool = False  # never leaves raw/staging
    #: "start" / "end" / "event" for the future-date and end-before-start rules
    date_role: str | None = None
    #: the contract that introduced the column (2: optional, may be not supplied)
    contract: int = 1


@dataclass(frozen=True)
class Table:
    """One source table."""

    name: str
    primary_key: str
    columns: tuple[Column, ...] = field(default_factory=tuple)
    #: the contract that introduced the table (2: optional, may be not supplied)
    contract: int = 1

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name}")

    def columns_of(self, contract: int) -> tuple[Column, ...]:
        """The columns of contract level ``contract`` (1: without the contract-2 columns).

        Contract-2 columns come last, so these are a prefix of ``columns``.
        """
        return tuple(c for c in self.columns if c.contract <= contract)

    def of_contract(self, contract: int) -> Table:
        """This table as contract level ``contract`` sees it (its columns of that level)."""
        return replace(self, columns=self.columns_of(contract))


def _t(name: str, pk: str, *cols: Column, contract: int = 1) -> Table:
    return Table(name, pk, (Column(pk, required=True, contract=contract), *cols), contract)


TABLES: tuple[Table, ...] = (
    _t(
        "ssd_person",
        "pers_person_id",
        Column("pers_forename", personal=True),
        Column("pers_surname", personal=True),
        Column("pers_sex", "code", SEX),
        Column("pers_ethnicity"),
        Column("pers_dob", "date", personal=True),
        Column("pers_death_date", "date"),
    ),
    _t(
        "ssd_cla_episodes",
        "clae_cla_episode_id",
        Column("clae_person_id", references=("ssd_person", "pers_person_id"), required=True),
        Column("clae_cla_id", required=True),
        Column("clae_cla_episode_start_date", "date", required=True, date_role="start"),
        Column("clae_cla_episode_start_reason", "code", RNE),
        Column("clae_cla_episode_ceased_date", "date", date_role="end"),
        Column("clae_cla_episode_ceased_reason", "code", REC),
        Column("clae_cla_primary_need_code", "code", NEED),
        Column(
            "clae_cla_placement_id",
            references=("ssd_cla_placement", "clap_cla_placement_id"),
        ),
        Column("clae_entered_care_date", "date"),
    ),
    _t(
        "ssd_cla_placement",
        "clap_cla_placement_id",
        Column("clap_cla_id"),
        Column("clap_person_id", references=("ssd_person", "pers_person_id")),
        Column("clap_cla_placement_start_date", "date", required=True, date_role="start"),
        Column("clap_cla_placement_end_date", "date", date_role="end"),
        Column("clap_cla_placement_type", "code", PLACE),
        Column("clap_cla_placement_provider", "code", PROVIDER),
        Column("clap_cla_placement_urn"),
        Column("clap_cla_placement_postcode", personal=True),
        Column("clap_cla_placement_change_reason", "code", PLACE_CHANGE_REASON),
    ),
    _t(
        "ssd_legal_status",
        "lega_legal_status_id",
        Column("lega_person_id", references=("ssd_person", "pers_person_id"), required=True),
        Column("lega_legal_status", "code", LEGAL_STATUS, required=True),
        Column("lega_legal_status_start_date", "date", required=True, date_role="start"),
        Column("lega_legal_status_end_date", "date", date_role="end"),
    ),
    _t(
        "ssd_cla_reviews",
        "clar_cla_review_id",
        Column("clar_cla_id", references=("ssd_cla_episodes", "clae_cla_id"), required=True),
        Column("clar_cla_review_due_date", "date"),
        Column("clar_cla_review_date", "date", date_role="event"),
        Column("clar_cla_review_cancelled", "code", YN),
        Column("clar_cla_review_participation", "code", PARTICIPATION),
        Column("clar_cla_review_last_iro_contact_date", "date", contract=2),
    ),
    _t(
        "ssd_cla_care_plan",
        "lacp_table_id",
        Column(
            "lacp_person_id",
            references=("ssd_person", "pers_person_id"),
            required=True,
            contract=2,
        ),
        Column(
            "lacp_cla_care_plan_start_date", "date", required=True, date_role="start", contract=2
        ),
        Column("lacp_cla_care_plan_end_date", "date", date_role="end", contract=2),
        Column("lacp_cla_care_plan_json", "json", contract=2),
        contract=2,
    ),
    _t(
        "ssd_s47_enquiry",
        "s47e_s47_enquiry_id",
        Column("s47e_referral_id"),
        Column("s47e_person_id", references=("ssd_person", "pers_person_id"), required=True),
        Column("s47e_s47_start_date", "date", required=True, date_role="start"),
        Column("s47e_s47_end_date", "date", date_role="end"),
        Column("s47e_s47_nfa", "code", YN),
    ),
    _t(
        "ssd_initial_cp_conference",
        "icpc_icpc_id",
        Column(
            "icpc_s47_enquiry_id",
            references=("ssd_s47_enquiry", "s47e_s47_enquiry_id"),
        ),
        Column("icpc_person_id", references=("ssd_person", "pers_person_id"), required=True),
        Column("icpc_cp_plan_id", references=("ssd_cp_plans", "cppl_cp_plan_id")),
        Column("icpc_icpc_transfer_in", "code", YN),
        Column("icpc_icpc_target_date", "date"),
        Column("icpc_icpc_date", "date", required=True, date_role="event"),
        Column("icpc_icpc_outcome_cp_flag", "code", YN),
        Column(
            "icpc_icpc_worker_id",
            references=("ssd_professionals", "prof_professional_id"),
        ),
    ),
    _t(
        "ssd_cp_plans",
        "cppl_cp_plan_id",
        Column("cppl_icpc_id", references=("ssd_initial_cp_conference", "icpc_icpc_id")),
        Column("cppl_person_id", references=("ssd_person", "pers_person_id"), required=True),
        Column("cppl_cp_plan_start_date", "date", required=True, date_role="start"),
        Column("cppl_cp_plan_end_date", "date", date_role="end"),
        Column("cppl_cp_plan_initial_category", "code", CP_CATEGORY),
        Column("cppl_cp_plan_latest_category", "code", CP_CATEGORY),
    ),
    _t(
        "ssd_cp_reviews",
        "cppr_cp_review_id",
        Column("cppr_cp_plan_id", references=("ssd_cp_plans", "cppl_cp_plan_id"), required=True),
        Column("cppr_person_id", references=("ssd_person", "pers_person_id")),
        Column("cppr_cp_review_due", "date"),
        Column("cppr_cp_review_date", "date", date_role="event"),
        Column("cppr_cp_review_outcome_continue_cp", "code", YN),
        Column("cppr_cp_review_participation", "code", PARTICIPATION, contract=2),
        Column("cppr_cp_review_quorate", "code", YN, contract=2),
    ),
    _t(
        "ssd_professionals",
        "prof_professional_id",
        Column("prof_professional_name", personal=True),
        Column("prof_professional_job_title"),
        Column("prof_full_time_equivalency", "number"),
        Column("prof_agency_worker_flag", "code", YN),
    ),
    _t(
        "ssd_involvements",
        "invo_involvements_id",
        Column(
            "invo_professional_id",
            references=("ssd_professionals", "prof_professional_id"),
            required=True,
        ),
        Column("invo_professional_role_id"),
        Column("invo_person_id", references=("ssd_person", "pers_person_id"), required=True),
        Column("invo_involvement_start_date", "date", required=True, date_role="start"),
        Column("invo_involvement_end_date", "date", date_role="end"),
    ),
    _t(
        "ext_iro_escalations",
        "esc_escalation_id",
        Column("esc_person_id", references=("ssd_person", "pers_person_id"), required=True),
        Column("esc_raised_by_id", references=("ssd_professionals", "prof_professional_id")),
        Column("esc_case_type", "code", ESC_CASE_TYPE),
        Column("esc_category", "code", ESC_CATEGORY),
        Column("esc_raised_date", "date", required=True, date_role="event"),
        Column("esc_resolved_date", "date", date_role="end"),
        Column("esc_outcome", "code", ESC_OUTCOME),
    ),
    _t(
        "ext_iro_escalation_stages",
        "escs_stage_id",
        Column(
            "escs_escalation_id",
            references=("ext_iro_escalations", "esc_escalation_id"),
            required=True,
        ),
        Column("escs_stage", "code", ESC_STAGE, required=True),
        Column("escs_start_date", "date", required=True, date_role="start"),
        Column("escs_end_date", "date", date_role="end"),
    ),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
#: the newest contract level; ``TABLES`` holds every part of it
CONTRACT = 2


def tables(contract: int = CONTRACT) -> tuple[Table, ...]:
    """The tables of contract level ``contract``, each with its columns of that level.

    ``tables(1)`` is the first release: no care plan table, and the review
    tables without their contract-2 columns. ``tables(2)`` is ``TABLES``.
    """
    if contract not in (1, 2):
        raise ValueError(f"contract must be 1 or 2, not {contract!r}")
    return tuple(t.of_contract(contract) for t in TABLES if t.contract <= contract)


def table(name: str) -> Table:
    """The contract of one source table, by name."""
    try:
        return TABLES_BY_NAME[name]
    except KeyError:
        raise KeyError(f"{name!r} is not a table of the case-system contract") from None
