-- The checks of ssd_s47_enquiry (rules.md, "Bad input"): one row per staged row
-- with its issues and whether the figures leave it out. The primary-key
-- checks are added by checked_rows; the macros are in macros/checks/.
{{ checked_rows(
    staged=ref('stg_case_system__s47_enquiries'),
    primary_key='s47_enquiry_id',
    source_primary_key='s47e_s47_enquiry_id',
    checks=[
        required_field('person_id', 's47e_person_id'),
        known_reference(
            'person_id', 's47e_person_id',
            to=ref('stg_case_system__persons'), to_column='person_id', to_table='ssd_person',
        ),
        required_field('start_date_text', 's47e_s47_start_date'),
        valid_date('start_date', 's47e_s47_start_date'),
        not_after_extract('start_date', 's47e_s47_start_date'),
        valid_date('end_date', 's47e_s47_end_date'),
        end_after_extract('end_date', 's47e_s47_end_date'),
        end_not_before_start(
            'end_date', 's47e_s47_end_date',
            start_column='start_date', source_start_column='s47e_s47_start_date',
        ),
        code_in_list('nfa_flag', 's47e_s47_nfa', 'YN'),
    ],
) }}
