{{ config(indexes=[{'columns': ['cp_review_id'], 'unique': true}, {'columns': ['person_id']}]) }}

with

checked as (

    select * from {{ ref('int_cp_reviews_checked') }}

),

final as (

    select
        cp_review_id,
        cp_plan_id,
        person_id,
        recorded_due_date,
        review_date,
        outcome_continue_cp_flag,
        is_cp_plan_continued,
        participation_code,
        quorate_flag,
        row_key
    from checked
    where not is_left_out and not is_extra_copy

)

select * from final
