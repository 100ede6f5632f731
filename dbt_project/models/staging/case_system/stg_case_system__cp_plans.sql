with

source as (

    {{ versions_as_known_at(source('case_system', 'ssd_cp_plans')) }}

),

trimmed as (

    select
        {{ clean_text('cppl_cp_plan_id') }} as cppl_cp_plan_id,
        {{ clean_text('cppl_icpc_id') }} as cppl_icpc_id,
        {{ clean_text('cppl_person_id') }} as cppl_person_id,
        {{ clean_text('cppl_cp_plan_start_date') }} as cppl_cp_plan_start_date,
        {{ clean_text('cppl_cp_plan_end_date') }} as cppl_cp_plan_end_date,
        {{ clean_text('cppl_cp_plan_initial_category') }} as cppl_cp_plan_initial_category,
        {{ clean_text('cppl_cp_plan_latest_category') }} as cppl_cp_plan_latest_category,
        _row_hash,
        _copy,
        _extract_id,
        _valid_from
    from source

),

renamed as (

    select
        cppl_cp_plan_id as cp_plan_id,
        cppl_icpc_id as icpc_id,
        cppl_person_id as person_id,
        {{ safe_date('cppl_cp_plan_start_date') }} as start_date,
        cppl_cp_plan_start_date as start_date_text,
        {{ safe_date('cppl_cp_plan_end_date') }} as end_date,
        cppl_cp_plan_end_date as end_date_text,
        cppl_cp_plan_initial_category as initial_category_code,
        cppl_cp_plan_latest_category as latest_category_code,
        _row_hash as source_row_hash,
        _copy as source_copy_number,
        _extract_id as source_extract_id,
        _valid_from as source_valid_from
    from trimmed

)

select * from renamed
