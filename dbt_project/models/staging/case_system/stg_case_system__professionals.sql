with

source as (

    {{ versions_as_known_at(source('case_system', 'ssd_professionals')) }}

),

trimmed as (

    select
        {{ clean_text('prof_professional_id') }} as prof_professional_id,
        {{ clean_text('prof_professional_name') }} as prof_professional_name,
        {{ clean_text('prof_professional_job_title') }} as prof_professional_job_title,
        {{ clean_text('prof_full_time_equivalency') }} as prof_full_time_equivalency,
        {{ clean_text('prof_agency_worker_flag') }} as prof_agency_worker_flag,
        _row_hash,
        _copy,
        _extract_id,
        _valid_from
    from source

),

renamed as (

    select
        prof_professional_id as professional_id,
        prof_professional_name as professional_name,
        prof_professional_job_title as job_title,
        {{ safe_numeric('prof_full_time_equivalency') }} as fte,
        prof_full_time_equivalency as fte_text,
        prof_agency_worker_flag as agency_worker_flag,
        coalesce(prof_agency_worker_flag = 'Y', false) as is_agency_worker,
        _row_hash as source_row_hash,
        _copy as source_copy_number,
        _extract_id as source_extract_id,
        _valid_from as source_valid_from
    from trimmed

)

select * from renamed
