-- One row per held child protection review conference of a plan that was
-- not left out, with its number, due date and timeliness, and (contract 2)
-- the child's participation and whether it was quorate (null when not coded
-- or not supplied).
with

cp_reviews as (

    select * from {{ ref('int_cp_reviews_numbered') }}

),

final as (

    select
        {{ pseudonymise('cp_review_id') }}::text as cp_review_key,
        {{ pseudonymise('cp_plan_id') }}::text as cp_plan_key,
        {{ pseudonymise('person_id') }}::text as child_key,
        review_number::int as review_number,
        review_date::date as review_date,
        due_date::date as due_date,
        is_in_time::boolean as is_in_time,
        (review_date - due_date)::int as days_after_due,
        recorded_due_date::date as recorded_due_date,
        is_cp_plan_continued::boolean as is_cp_plan_continued,
        participation_code::text as participation_code,
        has_participated::boolean as has_participated,
        has_attended::boolean as has_attended,
        quorate_flag::text as quorate_flag,
        is_quorate::boolean as is_quorate
    from cp_reviews

)

select * from final
