-- The checks of ssd_involvements (rules.md, "Bad input"): one row per staged row
-- with its issues and whether the figures leave it out. The primary-key
-- checks are added by checked_rows; the macros are in macros/checks/.
{{ checked_rows(
    staged=ref('stg_case_system__involvements'),
    primary_key='involvement_id',
    source_primary_key='invo_involvements_id',
    checks=[
        required_field('professional_id', 'invo_professional_id'),
        known_reference(
            'professional_id', 'invo_professional_id',
            to=ref('stg_case_system__professionals'), to_column='professional_id', to_table='ssd_professionals',
        ),
        required_field('person_id', 'invo_person_id'),
        known_reference(
            'person_id', 'invo_person_id',
            to=ref('stg_case_system__persons'), to_column='person_id', to_table='ssd_person',
        ),
        required_field('start_date_text', 'invo_involvement_start_date'),
        valid_date('start_date', 'invo_involvement_start_date'),
        not_after_extract('start_date', 'invo_involvement_start_date'),
        valid_date('end_date', 'invo_involvement_end_date'),
        end_after_extract('end_date', 'invo_involvement_end_date'),
        end_not_before_start(
            'end_date', 'invo_involvement_end_date',
            start_column='start_date', source_start_column='invo_involvement_start_date',
        ),
    ],
) }}
