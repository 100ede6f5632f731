-- The checks of ssd_cp_reviews (rules.md, "Bad input"): one row per staged row
-- with its issues and whether the figures leave it out. The primary-key
-- checks are added by checked_rows; the macros are in macros/checks/.
{{ checked_rows(
    staged=ref('stg_case_system__cp_reviews'),
    primary_key='cp_review_id',
    source_primary_key='cppr_cp_review_id',
    checks=[
        required_field('cp_plan_id', 'cppr_cp_plan_id'),
        known_reference(
            'cp_plan_id', 'cppr_cp_plan_id',
            to=ref('stg_case_system__cp_plans'), to_column='cp_plan_id', to_table='ssd_cp_plans',
        ),
        known_reference(
            'person_id', 'cppr_person_id',
            to=ref('stg_case_system__persons'), to_column='person_id', to_table='ssd_person',
        ),
        valid_date('recorded_due_date', 'cppr_cp_review_due'),
        valid_date('review_date', 'cppr_cp_review_date'),
        not_after_extract('review_date', 'cppr_cp_review_date'),
        code_in_list('outcome_continue_cp_flag', 'cppr_cp_review_outcome_continue_cp', 'YN'),
        code_in_list('participation_code', 'cppr_cp_review_participation', 'PARTICIPATION'),
        code_in_list('quorate_flag', 'cppr_cp_review_quorate', 'YN'),
    ],
) }}
