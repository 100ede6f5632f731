-- The checks of ssd_initial_cp_conference (rules.md, "Bad input"): one row per staged row
-- with its issues and whether the figures leave it out. The primary-key
-- checks are added by checked_rows; the macros are in macros/checks/.
{{ checked_rows(
    staged=ref('stg_case_system__initial_cp_conferences'),
    primary_key='icpc_id',
    source_primary_key='icpc_icpc_id',
    checks=[
        known_reference(
            's47_enquiry_id', 'icpc_s47_enquiry_id',
            to=ref('stg_case_system__s47_enquiries'), to_column='s47_enquiry_id', to_table='ssd_s47_enquiry',
        ),
        required_field('person_id', 'icpc_person_id'),
        known_reference(
            'person_id', 'icpc_person_id',
            to=ref('stg_case_system__persons'), to_column='person_id', to_table='ssd_person',
        ),
        known_reference(
            'cp_plan_id', 'icpc_cp_plan_id',
            to=ref('stg_case_system__cp_plans'), to_column='cp_plan_id', to_table='ssd_cp_plans',
        ),
        code_in_list('transfer_in_flag', 'icpc_icpc_transfer_in', 'YN'),
        valid_date('recorded_target_date', 'icpc_icpc_target_date'),
        required_field('icpc_date_text', 'icpc_icpc_date'),
        valid_date('icpc_date', 'icpc_icpc_date'),
        not_after_extract('icpc_date', 'icpc_icpc_date'),
        code_in_list('outcome_cp_flag', 'icpc_icpc_outcome_cp_flag', 'YN'),
        known_reference(
            'chair_professional_id', 'icpc_icpc_worker_id',
            to=ref('stg_case_system__professionals'), to_column='professional_id', to_table='ssd_professionals',
        ),
    ],
) }}
