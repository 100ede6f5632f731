{{ config(schema='operational') }}

-- Worklist: looked after reviews and child protection review conferences due
-- from the extract date up to the 20th working day after it.
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
        working_days_until_due,
        extract_date
    from schedule
    where
        next_review_due_date >= extract_date
        and next_review_due_date <= {{ add_working_days('schedule.extract_date', 20) }}

)

select * from final
