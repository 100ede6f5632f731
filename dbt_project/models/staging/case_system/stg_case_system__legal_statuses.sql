with

source as (

    {{ versions_as_known_at(source('case_system', 'ssd_legal_status')) }}

),

trimmed as (

    select
        {{ clean_text('lega_legal_status_id') }} as lega_legal_status_id,
        {{ clean_text('lega_person_id') }} as lega_person_id,
        {{ clean_text('lega_legal_status') }} as lega_legal_status,
        {{ clean_text('lega_legal_status_start_date') }} as lega_legal_status_start_date,
        {{ clean_text('lega_legal_status_end_date') }} as lega_legal_status_end_date,
        _row_hash,
        _copy,
        _extract_id,
        _valid_from
    from source

),

renamed as (

    select
        lega_legal_status_id as legal_status_id,
        lega_person_id as person_id,
        lega_legal_status as legal_status_code,
        {{ safe_date('lega_legal_status_start_date') }} as start_date,
        lega_legal_status_start_date as start_date_text,
        {{ safe_date('lega_legal_status_end_date') }} as end_date,
        lega_legal_status_end_date as end_date_text,
        _row_hash as source_row_hash,
        _copy as source_copy_number,
        _extract_id as source_extract_id,
        _valid_from as source_valid_from
    from trimmed

)

select * from renamed
