-- The checks of ssd_person (rules.md, "Bad input"): one row per staged row
-- with its issues and whether the figures leave it out. The primary-key
-- checks are added by checked_rows; the macros are in macros/checks/.
{{ checked_rows(
    staged=ref('stg_case_system__persons'),
    primary_key='person_id',
    source_primary_key='pers_person_id',
    checks=[
        code_in_list('sex_code', 'pers_sex', 'SEX'),
        valid_date('birth_date', 'pers_dob'),
        valid_date('death_date', 'pers_death_date'),
    ],
) }}
