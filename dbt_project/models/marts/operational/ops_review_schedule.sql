{{ config(schema='operational') }}

-- The next review due, on the extract date, of every child looked after
-- (looked after review) and of every open child protection plan (review
-- conference), with the case-system ids an IRO manager looks up. Restricted:
-- schema operational, readable by iro_service only. The due dates come from
-- the intermediate models (int_cla_review_status_on_reporting_dates; for a
-- plan, the next due date of its latest held review on or before the extract
-- date, else its first review due date); what is decided here is only
-- whether the review is overdue and how many working days are left.
with

looked_after_reviews as (

    select * from {{ ref('int_cla_review_status_on_reporting_dates') }}
    where reference_date = {{ extract_date() }}

),

open_cp_plans as (

    select * from {{ ref('int_cp_plans_on_reporting_dates') }}
    where reference_date = {{ extract_date() }}

),

cp_plans as (

    select * from {{ ref('int_cp_plans_classified') }}

),

cp_reviews as (

    select * from {{ ref('int_cp_reviews_numbered') }}
    where review_date <= {{ extract_date() }}

),

calendar as (

    select * from {{ ref('int_calendar') }}

),

latest_cp_review as (

    select distinct on (cp_plan_id)
        cp_plan_id,
        review_number,
        review_date,
        next_review_due_date
    from cp_reviews
    order by cp_plan_id asc, review_number desc

),

cp_schedule as (

    select
        'cp_review_conference'::text as review_type,
        open_cp_plans.person_id::text as person_id,
        open_cp_plans.cp_plan_id::text as case_record_id,
        coalesce(latest_cp_review.review_number, 0)::int as held_reviews_to_date,
        latest_cp_review.review_date::date as last_review_date,
        coalesce(latest_cp_review.next_review_due_date, cp_plans.first_review_due_date)::date
            as next_review_due_date
    from open_cp_plans
    inner join cp_plans
        on open_cp_plans.cp_plan_id = cp_plans.cp_plan_id
    left join latest_cp_review
        on open_cp_plans.cp_plan_id = latest_cp_review.cp_plan_id

),

cla_schedule as (

    select
        'looked_after_review'::text as review_type,
        person_id::text as person_id,
        period_of_care_id::text as case_record_id,
        held_reviews_to_date::int as held_reviews_to_date,
        last_review_date::date as last_review_date,
        next_review_due_date::date as next_review_due_date
    from looked_after_reviews

),

unioned as (

    select * from cla_schedule
    union all
    select * from cp_schedule

),

final as (

    select
        unioned.*,
        {{ extract_date() }} as extract_date,
        coalesce(unioned.next_review_due_date < {{ extract_date() }}, false) as is_overdue,
        (
            select count(*)
            from calendar
            where
                calendar.is_working_day
                and calendar.date_day > {{ extract_date() }}
                and calendar.date_day <= unioned.next_review_due_date
        )::int as working_days_until_due
    from unioned

)

select * from final
