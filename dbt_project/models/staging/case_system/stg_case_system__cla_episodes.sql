with

source as (

    {{ versions_as_known_at(source('case_system', 'ssd_cla_episodes')) }}

),

trimmed as (

    select
        {{ clean_text('clae_cla_episode_id') }} as clae_cla_episode_id,
        {{ clean_text('clae_person_id') }} as clae_person_id,
        {{ clean_text('clae_cla_id') }} as clae_cla_id,
        {{ clean_text('clae_cla_episode_start_date') }} as clae_cla_episode_start_date,
        {{ clean_text('clae_cla_episode_start_reason') }} as clae_cla_episode_start_reason,
        {{ clean_text('clae_cla_episode_ceased_date') }} as clae_cla_episode_ceased_date,
        {{ clean_text('clae_cla_episode_ceased_reason') }} as clae_cla_episode_ceased_reason,
        {{ clean_text('clae_cla_primary_need_code') }} as clae_cla_primary_need_code,
        {{ clean_text('clae_cla_placement_id') }} as clae_cla_placement_id,
        {{ clean_text('clae_entered_care_date') }} as clae_entered_care_date,
        _row_hash,
        _copy,
        _extract_id,
        _valid_from
    from source

),

renamed as (

    select
        clae_cla_episode_id as episode_id,
        clae_person_id as person_id,
        clae_cla_id as period_of_care_id,
        {{ safe_date('clae_cla_episode_start_date') }} as start_date,
        clae_cla_episode_start_date as start_date_text,
        clae_cla_episode_start_reason as start_reason_code,
        {{ safe_date('clae_cla_episode_ceased_date') }} as ceased_date,
        clae_cla_episode_ceased_date as ceased_date_text,
        clae_cla_episode_ceased_reason as ceased_reason_code,
        clae_cla_primary_need_code as primary_need_code,
        clae_cla_placement_id as placement_id,
        {{ safe_date('clae_entered_care_date') }} as entered_care_date,
        clae_entered_care_date as entered_care_date_text,
        _row_hash as source_row_hash,
        _copy as source_copy_number,
        _extract_id as source_extract_id,
        _valid_from as source_valid_from
    from trimmed

)

select * from renamed
