with

source as (

    {{ versions_as_known_at(source('case_system', 'ssd_cla_care_plan')) }}

),

trimmed as (

    select
        {{ clean_text('lacp_table_id') }} as lacp_table_id,
        {{ clean_text('lacp_person_id') }} as lacp_person_id,
        {{ clean_text('lacp_cla_care_plan_start_date') }} as lacp_cla_care_plan_start_date,
        {{ clean_text('lacp_cla_care_plan_end_date') }} as lacp_cla_care_plan_end_date,
        {{ clean_text('lacp_cla_care_plan_json') }} as lacp_cla_care_plan_json,
        _row_hash,
        _copy,
        _extract_id,
        _valid_from
    from source

),

renamed as (

    select
        lacp_table_id as care_plan_id,
        lacp_person_id as person_id,
        {{ safe_date('lacp_cla_care_plan_start_date') }} as start_date,
        lacp_cla_care_plan_start_date as start_date_text,
        {{ safe_date('lacp_cla_care_plan_end_date') }} as end_date,
        lacp_cla_care_plan_end_date as end_date_text,
        lacp_cla_care_plan_json as plan_json_text,
        {{ safe_flat_json_object('lacp_cla_care_plan_json') }} as plan_json,
        _row_hash as source_row_hash,
        _copy as source_copy_number,
        _extract_id as source_extract_id,
        _valid_from as source_valid_from
    from trimmed

)

select * from renamed
