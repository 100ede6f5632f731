with

source as (

    {{ versions_as_known_at(source('case_system', 'ext_iro_escalation_stages')) }}

),

trimmed as (

    select
        {{ clean_text('escs_stage_id') }} as escs_stage_id,
        {{ clean_text('escs_escalation_id') }} as escs_escalation_id,
        {{ clean_text('escs_stage') }} as escs_stage,
        {{ clean_text('escs_start_date') }} as escs_start_date,
        {{ clean_text('escs_end_date') }} as escs_end_date,
        _row_hash,
        _copy,
        _extract_id,
        _valid_from
    from source

),

renamed as (

    select
        escs_stage_id as escalation_stage_id,
        escs_escalation_id as escalation_id,
        escs_stage as stage_code,
        {{ safe_date('escs_start_date') }} as start_date,
        escs_start_date as start_date_text,
        {{ safe_date('escs_end_date') }} as end_date,
        escs_end_date as end_date_text,
        _row_hash as source_row_hash,
        _copy as source_copy_number,
        _extract_id as source_extract_id,
        _valid_from as source_valid_from
    from trimmed

)

select * from renamed
