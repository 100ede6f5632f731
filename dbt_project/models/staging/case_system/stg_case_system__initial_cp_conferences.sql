with

source as (

    {{ versions_as_known_at(source('case_system', 'ssd_initial_cp_conference')) }}

),

trimmed as (

    select
        {{ clean_text('icpc_icpc_id') }} as icpc_icpc_id,
        {{ clean_text('icpc_s47_enquiry_id') }} as icpc_s47_enquiry_id,
        {{ clean_text('icpc_person_id') }} as icpc_person_id,
        {{ clean_text('icpc_cp_plan_id') }} as icpc_cp_plan_id,
        {{ clean_text('icpc_icpc_transfer_in') }} as icpc_icpc_transfer_in,
        {{ clean_text('icpc_icpc_target_date') }} as icpc_icpc_target_date,
        {{ clean_text('icpc_icpc_date') }} as icpc_icpc_date,
        {{ clean_text('icpc_icpc_outcome_cp_flag') }} as icpc_icpc_outcome_cp_flag,
        {{ clean_text('icpc_icpc_worker_id') }} as icpc_icpc_worker_id,
        _row_hash,
        _copy,
        _extract_id,
        _valid_from
    from source

),

renamed as (

    select
        icpc_icpc_id as icpc_id,
        icpc_s47_enquiry_id as s47_enquiry_id,
        icpc_person_id as person_id,
        icpc_cp_plan_id as cp_plan_id,
        icpc_icpc_transfer_in as transfer_in_flag,
        coalesce(icpc_icpc_transfer_in = 'Y', false) as is_transfer_in,
        {{ safe_date('icpc_icpc_target_date') }} as recorded_target_date,
        icpc_icpc_target_date as recorded_target_date_text,
        {{ safe_date('icpc_icpc_date') }} as icpc_date,
        icpc_icpc_date as icpc_date_text,
        icpc_icpc_outcome_cp_flag as outcome_cp_flag,
        coalesce(icpc_icpc_outcome_cp_flag = 'Y', false) as is_cp_plan_made,
        icpc_icpc_worker_id as chair_professional_id,
        _row_hash as source_row_hash,
        _copy as source_copy_number,
        _extract_id as source_extract_id,
        _valid_from as source_valid_from
    from trimmed

)

select * from renamed
