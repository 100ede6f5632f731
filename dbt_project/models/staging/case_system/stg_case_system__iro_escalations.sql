with

source as (

    {{ versions_as_known_at(source('case_system', 'ext_iro_escalations')) }}

),

trimmed as (

    select
        {{ clean_text('esc_escalation_id') }} as esc_escalation_id,
        {{ clean_text('esc_person_id') }} as esc_person_id,
        {{ clean_text('esc_raised_by_id') }} as esc_raised_by_id,
        {{ clean_text('esc_case_type') }} as esc_case_type,
        {{ clean_text('esc_category') }} as esc_category,
        {{ clean_text('esc_raised_date') }} as esc_raised_date,
        {{ clean_text('esc_resolved_date') }} as esc_resolved_date,
        {{ clean_text('esc_outcome') }} as esc_outcome,
        _row_hash,
        _copy,
        _extract_id,
        _valid_from
    from source

),

renamed as (

    select
        esc_escalation_id as escalation_id,
        esc_person_id as person_id,
        esc_raised_by_id as raised_by_professional_id,
        esc_case_type as case_type_code,
        esc_category as category_code,
        {{ safe_date('esc_raised_date') }} as raised_date,
        esc_raised_date as raised_date_text,
        {{ safe_date('esc_resolved_date') }} as resolved_date,
        esc_resolved_date as resolved_date_text,
        esc_outcome as outcome_code,
        _row_hash as source_row_hash,
        _copy as source_copy_number,
        _extract_id as source_extract_id,
        _valid_from as source_valid_from
    from trimmed

)

select * from renamed
