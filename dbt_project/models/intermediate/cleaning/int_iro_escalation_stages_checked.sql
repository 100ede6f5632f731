-- The checks of ext_iro_escalation_stages (rules.md, "Bad input"): one row per staged row
-- with its issues and whether the figures leave it out. The primary-key
-- checks are added by checked_rows; the macros are in macros/checks/.
{{ checked_rows(
    staged=ref('stg_case_system__iro_escalation_stages'),
    primary_key='escalation_stage_id',
    source_primary_key='escs_stage_id',
    checks=[
        required_field('escalation_id', 'escs_escalation_id'),
        known_reference(
            'escalation_id', 'escs_escalation_id',
            to=ref('stg_case_system__iro_escalations'), to_column='escalation_id', to_table='ext_iro_escalations',
        ),
        required_field('stage_code', 'escs_stage'),
        code_in_list('stage_code', 'escs_stage', 'ESC_STAGE'),
        required_field('start_date_text', 'escs_start_date'),
        valid_date('start_date', 'escs_start_date'),
        not_after_extract('start_date', 'escs_start_date'),
        valid_date('end_date', 'escs_end_date'),
        end_after_extract('end_date', 'escs_end_date'),
        end_not_before_start(
            'end_date', 'escs_end_date',
            start_column='start_date', source_start_column='escs_start_date',
        ),
    ],
) }}
