with

source as (

    {{ versions_as_known_at(source('case_system', 'ssd_involvements')) }}

),

trimmed as (

    select
        {{ clean_text('invo_involvements_id') }} as invo_involvements_id,
        {{ clean_text('invo_professional_id') }} as invo_professional_id,
        {{ clean_text('invo_professional_role_id') }} as invo_professional_role_id,
        {{ clean_text('invo_person_id') }} as invo_person_id,
        {{ clean_text('invo_involvement_start_date') }} as invo_involvement_start_date,
        {{ clean_text('invo_involvement_end_date') }} as invo_involvement_end_date,
        _row_hash,
        _copy,
        _extract_id,
        _valid_from
    from source

),

renamed as (

    select
        invo_involvements_id as involvement_id,
        invo_professional_id as professional_id,
        invo_professional_role_id as role_code,
        invo_person_id as person_id,
        {{ safe_date('invo_involvement_start_date') }} as start_date,
        invo_involvement_start_date as start_date_text,
        {{ safe_date('invo_involvement_end_date') }} as end_date,
        invo_involvement_end_date as end_date_text,
        _row_hash as source_row_hash,
        _copy as source_copy_number,
        _extract_id as source_extract_id,
        _valid_from as source_valid_from
    from trimmed

)

select * from renamed
