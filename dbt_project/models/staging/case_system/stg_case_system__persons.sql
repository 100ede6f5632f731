with

source as (

    {{ versions_as_known_at(source('case_system', 'ssd_person')) }}

),

trimmed as (

    select
        {{ clean_text('pers_person_id') }} as pers_person_id,
        {{ clean_text('pers_forename') }} as pers_forename,
        {{ clean_text('pers_surname') }} as pers_surname,
        {{ clean_text('pers_sex') }} as pers_sex,
        {{ clean_text('pers_ethnicity') }} as pers_ethnicity,
        {{ clean_text('pers_dob') }} as pers_dob,
        {{ clean_text('pers_death_date') }} as pers_death_date,
        _row_hash,
        _copy,
        _extract_id,
        _valid_from
    from source

),

renamed as (

    select
        pers_person_id as person_id,
        pers_forename as forename,
        pers_surname as surname,
        pers_sex as sex_code,
        pers_ethnicity as ethnicity_code,
        {{ safe_date('pers_dob') }} as birth_date,
        pers_dob as birth_date_text,
        {{ safe_date('pers_death_date') }} as death_date,
        pers_death_date as death_date_text,
        _row_hash as source_row_hash,
        _copy as source_copy_number,
        _extract_id as source_extract_id,
        _valid_from as source_valid_from
    from trimmed

)

select * from renamed
