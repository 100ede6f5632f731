-- The checks of ssd_cp_plans (rules.md, "Bad input"): one row per staged row
-- with its issues and whether the figures leave it out. The primary-key
-- checks are added by checked_rows; the macros are in macros/checks/.
{{ checked_rows(
    staged=ref('stg_case_system__cp_plans'),
    primary_key='cp_plan_id',
    source_primary_key='cppl_cp_plan_id',
    checks=[
        known_reference(
            'icpc_id', 'cppl_icpc_id',
            to=ref('stg_case_system__initial_cp_conferences'), to_column='icpc_id',
            to_table='ssd_initial_cp_conference',
        ),
        required_field('person_id', 'cppl_person_id'),
        known_reference(
            'person_id', 'cppl_person_id',
            to=ref('stg_case_system__persons'), to_column='person_id', to_table='ssd_person',
        ),
        required_field('start_date_text', 'cppl_cp_plan_start_date'),
        valid_date('start_date', 'cppl_cp_plan_start_date'),
        not_after_extract('start_date', 'cppl_cp_plan_start_date'),
        valid_date('end_date', 'cppl_cp_plan_end_date'),
        end_after_extract('end_date', 'cppl_cp_plan_end_date'),
        end_not_before_start(
            'end_date', 'cppl_cp_plan_end_date',
            start_column='start_date', source_start_column='cppl_cp_plan_start_date',
        ),
        code_in_list('initial_category_code', 'cppl_cp_plan_initial_category', 'CP_CATEGORY'),
        code_in_list('latest_category_code', 'cppl_cp_plan_latest_category', 'CP_CATEGORY'),
    ],
) }}
