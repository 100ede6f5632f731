-- The checks of ssd_cla_care_plan (contract 2; rules.md, "Bad input"): one row
-- per staged row with its issues and whether the figures leave it out. The
-- primary-key checks are added by checked_rows; the macros are in macros/checks/.
{{ checked_rows(
    staged=ref('stg_case_system__cla_care_plans'),
    primary_key='care_plan_id',
    source_primary_key='lacp_table_id',
    checks=[
        required_field('person_id', 'lacp_person_id'),
        known_reference(
            'person_id', 'lacp_person_id',
            to=ref('stg_case_system__persons'), to_column='person_id', to_table='ssd_person',
        ),
        required_field('start_date_text', 'lacp_cla_care_plan_start_date'),
        valid_date('start_date', 'lacp_cla_care_plan_start_date'),
        not_after_extract('start_date', 'lacp_cla_care_plan_start_date'),
        valid_date('end_date', 'lacp_cla_care_plan_end_date'),
        end_after_extract('end_date', 'lacp_cla_care_plan_end_date'),
        end_not_before_start(
            'end_date', 'lacp_cla_care_plan_end_date',
            start_column='start_date', source_start_column='lacp_cla_care_plan_start_date',
        ),
        care_plan_json('plan_json', 'plan_json_text', 'lacp_cla_care_plan_json'),
    ],
) }}
