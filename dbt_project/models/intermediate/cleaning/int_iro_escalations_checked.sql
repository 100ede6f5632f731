-- The checks of ext_iro_escalations (rules.md, "Bad input"): one row per staged row
-- with its issues and whether the figures leave it out. The primary-key
-- checks are added by checked_rows; the macros are in macros/checks/.
{{ checked_rows(
    staged=ref('stg_case_system__iro_escalations'),
    primary_key='escalation_id',
    source_primary_key='esc_escalation_id',
    checks=[
        required_field('person_id', 'esc_person_id'),
        known_reference(
            'person_id', 'esc_person_id',
            to=ref('stg_case_system__persons'), to_column='person_id', to_table='ssd_person',
        ),
        known_reference(
            'raised_by_professional_id', 'esc_raised_by_id',
            to=ref('stg_case_system__professionals'), to_column='professional_id', to_table='ssd_professionals',
        ),
        code_in_list('case_type_code', 'esc_case_type', 'ESC_CASE_TYPE'),
        code_in_list('category_code', 'esc_category', 'ESC_CATEGORY'),
        required_field('raised_date_text', 'esc_raised_date'),
        valid_date('raised_date', 'esc_raised_date'),
        not_after_extract('raised_date', 'esc_raised_date'),
        valid_date('resolved_date', 'esc_resolved_date'),
        end_after_extract('resolved_date', 'esc_resolved_date'),
        end_not_before_start(
            'resolved_date', 'esc_resolved_date',
            start_column='raised_date', source_start_column='esc_raised_date',
        ),
        code_in_list('outcome_code', 'esc_outcome', 'ESC_OUTCOME'),
    ],
) }}
