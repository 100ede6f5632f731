-- The checks of ssd_legal_status (rules.md, "Bad input"): one row per staged row
-- with its issues and whether the figures leave it out. The primary-key
-- checks are added by checked_rows; the macros are in macros/checks/.
{{ checked_rows(
    staged=ref('stg_case_system__legal_statuses'),
    primary_key='legal_status_id',
    source_primary_key='lega_legal_status_id',
    checks=[
        required_field('person_id', 'lega_person_id'),
        known_reference(
            'person_id', 'lega_person_id',
            to=ref('stg_case_system__persons'), to_column='person_id', to_table='ssd_person',
        ),
        required_field('legal_status_code', 'lega_legal_status'),
        code_in_list('legal_status_code', 'lega_legal_status', 'LEGAL_STATUS'),
        required_field('start_date_text', 'lega_legal_status_start_date'),
        valid_date('start_date', 'lega_legal_status_start_date'),
        not_after_extract('start_date', 'lega_legal_status_start_date'),
        valid_date('end_date', 'lega_legal_status_end_date'),
        end_after_extract('end_date', 'lega_legal_status_end_date'),
        end_not_before_start(
            'end_date', 'lega_legal_status_end_date',
            start_column='start_date', source_start_column='lega_legal_status_start_date',
        ),
    ],
) }}
