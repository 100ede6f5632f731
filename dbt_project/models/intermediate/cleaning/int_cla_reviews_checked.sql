-- The checks of ssd_cla_reviews (rules.md, "Bad input"): one row per staged row
-- with its issues and whether the figures leave it out. The primary-key
-- checks are added by checked_rows; the macros are in macros/checks/.
{{ checked_rows(
    staged=ref('stg_case_system__cla_reviews'),
    primary_key='review_id',
    source_primary_key='clar_cla_review_id',
    checks=[
        required_field('period_of_care_id', 'clar_cla_id'),
        known_reference(
            'period_of_care_id', 'clar_cla_id',
            to=ref('stg_case_system__cla_episodes'), to_column='period_of_care_id', to_table='ssd_cla_episodes',
        ),
        valid_date('recorded_due_date', 'clar_cla_review_due_date'),
        valid_date('review_date', 'clar_cla_review_date'),
        not_after_extract('review_date', 'clar_cla_review_date'),
        code_in_list('cancelled_flag', 'clar_cla_review_cancelled', 'YN'),
        code_in_list('participation_code', 'clar_cla_review_participation', 'PARTICIPATION'),
        valid_date('last_iro_contact_date', 'clar_cla_review_last_iro_contact_date'),
        contact_after_review(
            'last_iro_contact_date', 'clar_cla_review_last_iro_contact_date', review_date_column='review_date',
        ),
    ],
) }}
