"""The source contract (``shared/spec/case-system.md``) as data.

One place names every source table, its columns, primary key, code lists,
references and required fields. The simulator, the extractor, the data-quality
checks and the tests all read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

YN = ("Y", "N")

RNE = ("S", "L", "P", "T", "B", "U")
REC = (
    "X1", "E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E43", "E44",
    "E5", "E6", "E7", "E9", "E14", "E15", "E16", "E17", "E8",
)  # fmt: skip
NEED = tuple(f"N{i}" for i in range(1, 9))
PLACE = (
    "A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3",
    "R5", "S1", "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6",
    "Z1",
)  # fmt: skip
TEMPORARY_PLACE = ("T0", "T1", "T2", "T3", "T4")
ADOPTION_PLACE = ("A3", "A4", "A5", "A6")
PROVIDER = ("PR0", "PR1", "PR2", "PR3", "PR4", "PR5")
PLACE_CHANGE_REASON = (
    "CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD",
    "LAREQ", "PLACE", "OTHER",
)  # fmt: skip
LEGAL_STATUS = (
    "C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3",
)  # fmt: skip
SHORT_BREAK_LEGAL_STATUS = ("V3", "V4")
PARTICIPATION = tuple(f"PN{i}" for i in range(8))
SEX = ("M", "F", "U")
CP_CATEGORY = ("NEG", "PHY", "SAB", "EMO", "MUL")
ESC_CASE_TYPE = ("CLA", "CP")
ESC_CATEGORY = (
    "QUALITY_ASSESSMENT", "QUALITY_PLAN", "PLAN_DELAY", "TIMESCALE", "PLACEMENT",
    "CONTACT", "HEALTH_EDUCATION", "ALLOCATION", "PARTICIPATION", "OTHER",
)  # fmt: skip
ESC_OUTCOME = ("RESOLVED", "WITHDRAWN", "CAFCASS_REFERRAL")
ESC_STAGE = ("0", "1", "2", "3", "4", "5")
#: permanence plan codes, the keys of ``lacp_cla_care_plan_json`` (contract 2)
PLAN = (
    "REMAINSUP", "RETURN1M", "RETURN6M", "RETURNEV", "LTRELFR", "LTFOST18", "RESPLMT",
    "SUPPLIV", "ADOPTION", "OTHERPLN",
)  # fmt: skip


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
