-- The checks of ssd_professionals (rules.md, "Bad input"): one row per staged row
-- with its issues and whether the figures leave it out. The primary-key
-- checks are added by checked_rows; the macros are in macros/checks/.
{{ checked_rows(
    staged=ref('stg_case_system__professionals'),
    primary_key='professional_id',
    source_primary_key='prof_professional_id',
    checks=[
        fte_positive('fte', 'prof_full_time_equivalency'),
        fte_not_above_one('fte', 'prof_full_time_equivalency'),
        code_in_list('agency_worker_flag', 'prof_agency_worker_flag', 'YN'),
    ],
) }}
