-- The checks of ssd_cla_placement (rules.md, "Bad input"): one row per staged row
-- with its issues and whether the figures leave it out. The primary-key
-- checks are added by checked_rows; the macros are in macros/checks/.
{{ checked_rows(
    staged=ref('stg_case_system__cla_placements'),
    primary_key='placement_id',
    source_primary_key='clap_cla_placement_id',
    checks=[
        known_reference(
            'person_id', 'clap_person_id',
            to=ref('stg_case_system__persons'), to_column='person_id', to_table='ssd_person',
        ),
        required_field('start_date_text', 'clap_cla_placement_start_date'),
        valid_date('start_date', 'clap_cla_placement_start_date'),
        not_after_extract('start_date', 'clap_cla_placement_start_date'),
        valid_date('end_date', 'clap_cla_placement_end_date'),
        end_after_extract('end_date', 'clap_cla_placement_end_date'),
        end_not_before_start(
            'end_date', 'clap_cla_placement_end_date',
            start_column='start_date', source_start_column='clap_cla_placement_start_date',
        ),
        code_in_list('placement_type_code', 'clap_cla_placement_type', 'PLACE'),
        code_in_list('provider_code', 'clap_cla_placement_provider', 'PROVIDER'),
        code_in_list('change_reason_code', 'clap_cla_placement_change_reason', 'PLACE_CHANGE_REASON'),
    ],
) }}
