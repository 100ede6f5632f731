with

source as (

    {{ versions_as_known_at(source('case_system', 'ssd_cp_reviews')) }}

),

trimmed as (

    select
        {{ clean_text('cppr_cp_review_id') }} as cppr_cp_review_id,
        {{ clean_text('cppr_cp_plan_id') }} as cppr_cp_plan_id,
        {{ clean_text('cppr_person_id') }} as cppr_person_id,
        {{ clean_text('cppr_cp_review_due') }} as cppr_cp_review_due,
        {{ clean_text('cppr_cp_review_date') }} as cppr_cp_review_date,
        {{ clean_text('cppr_cp_review_outcome_continue_cp') }} as cppr_cp_review_outcome_continue_cp,
        {{ clean_text('cppr_cp_review_participation') }} as cppr_cp_review_participation,
        {{ clean_text('cppr_cp_review_quorate') }} as cppr_cp_review_quorate,
        _row_hash,
        _copy,
        _extract_id,
        _valid_from
    from source

),

renamed as (

    select
        cppr_cp_review_id as cp_review_id,
        cppr_cp_plan_id as cp_plan_id,
        cppr_person_id as person_id,
        {{ safe_date('cppr_cp_review_due') }} as recorded_due_date,
        cppr_cp_review_due as recorded_due_date_text,
        {{ safe_date('cppr_cp_review_date') }} as review_date,
        cppr_cp_review_date as review_date_text,
        cppr_cp_review_outcome_continue_cp as outcome_continue_cp_flag,
        coalesce(cppr_cp_review_outcome_continue_cp = 'Y', false) as is_cp_plan_continued,
        cppr_cp_review_participation as participation_code,
        cppr_cp_review_quorate as quorate_flag,
        _row_hash as source_row_hash,
        _copy as source_copy_number,
        _extract_id as source_extract_id,
        _valid_from as source_valid_from
    from trimmed

)

select * from renamed
