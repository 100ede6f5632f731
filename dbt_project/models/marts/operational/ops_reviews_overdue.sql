{{ config(schema='operational') }}

-- Worklist: looked after reviews and child protection review conferences whose
-- due date passed before the extract date without the review being held.
with

schedule as (

    select * from {{ ref('ops_review_schedule') }}

),

final as (

    select
        review_type,
        person_id,
        case_record_id,
        held_reviews_to_date,
        last_review_date,
        next_review_due_date,
        (extract_date - next_review_due_date)::int as days_overdue,
        extract_date
    from schedule
    where is_overdue

)

select * from final
