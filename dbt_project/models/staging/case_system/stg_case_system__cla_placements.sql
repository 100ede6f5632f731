with

source as (

    {{ versions_as_known_at(source('case_system', 'ssd_cla_placement')) }}

),

trimmed as (

    select
        {{ clean_text('clap_cla_placement_id') }} as clap_cla_placement_id,
        {{ clean_text('clap_cla_id') }} as clap_cla_id,
        {{ clean_text('clap_person_id') }} as clap_person_id,
        {{ clean_text('clap_cla_placement_start_date') }} as clap_cla_placement_start_date,
        {{ clean_text('clap_cla_placement_end_date') }} as clap_cla_placement_end_date,
        {{ clean_text('clap_cla_placement_type') }} as clap_cla_placement_type,
        {{ clean_text('clap_cla_placement_provider') }} as clap_cla_placement_provider,
        {{ clean_text('clap_cla_placement_urn') }} as clap_cla_placement_urn,
        {{ clean_text('clap_cla_placement_postcode') }} as clap_cla_placement_postcode,
        {{ clean_text('clap_cla_placement_change_reason') }} as clap_cla_placement_change_reason,
        _row_hash,
        _copy,
        _extract_id,
        _valid_from
    from source

),

renamed as (

    select
        clap_cla_placement_id as placement_id,
        clap_cla_id as period_of_care_id,
        clap_person_id as person_id,
        {{ safe_date('clap_cla_placement_start_date') }} as start_date,
        clap_cla_placement_start_date as start_date_text,
        {{ safe_date('clap_cla_placement_end_date') }} as end_date,
        clap_cla_placement_end_date as end_date_text,
        clap_cla_placement_type as placement_type_code,
        clap_cla_placement_provider as provider_code,
        clap_cla_placement_urn as placement_urn,
        clap_cla_placement_postcode as placement_postcode,
        clap_cla_placement_change_reason as change_reason_code,
        _row_hash as source_row_hash,
        _copy as source_copy_number,
        _extract_id as source_extract_id,
        _valid_from as source_valid_from
    from trimmed

)

select * from renamed
