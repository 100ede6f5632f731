{{ config(indexes=[{'columns': ['cp_review_id'], 'unique': true}]) }}

-- Held CP review conferences (review date not null) of plans that were not
-- left out, numbered per plan by date (ties by review id). Review 1 is due on
-- the plan's first_review_due_date (start + 3 months, int_cp_plans_classified),
-- review k >= 2 on review k-1 + 6 months; next_review_due_date is the due
-- date of the review after this one. Contract 2: the child's participation
-- (macro participation_flags, as for looked after reviews) and whether the
-- conference was quorate (Y true, N false, null neither).
with

cp_reviews as (

    select * from {{ ref('int_cp_reviews_cleaned') }}

),

cp_plans as (

    select * from {{ ref('int_cp_plans_classified') }}

),

held as (

    select
        cp_reviews.cp_review_id,
        cp_reviews.cp_plan_id,
        cp_plans.person_id,
        cp_plans.start_date as plan_start_date,
        cp_plans.first_review_due_date as plan_first_review_due_date,
        cp_reviews.review_date,
        cp_reviews.recorded_due_date,
        cp_reviews.is_cp_plan_continued,
        cp_reviews.participation_code,
        {{ participation_flags('cp_reviews.participation_code') }},
        cp_reviews.quorate_flag,
        case cp_reviews.quorate_flag when 'Y' then true when 'N' then false end as is_quorate,
        row_number() over (
            partition by cp_reviews.cp_plan_id
            order by cp_reviews.review_date, cp_reviews.cp_review_id collate "C"
        ) as review_number,
        lag(cp_reviews.review_date) over (
            partition by cp_reviews.cp_plan_id
            order by cp_reviews.review_date, cp_reviews.cp_review_id collate "C"
        ) as previous_review_date,
        lead(cp_reviews.review_date) over (
            partition by cp_reviews.cp_plan_id
            order by cp_reviews.review_date, cp_reviews.cp_review_id collate "C"
        ) as next_review_date
    from cp_reviews
    inner join cp_plans
        on cp_reviews.cp_plan_id = cp_plans.cp_plan_id
    where cp_reviews.review_date is not null

),

with_due as (

    select
        held.*,
        case
            when held.review_number = 1 then held.plan_first_review_due_date
            else {{ add_months('held.previous_review_date', 6) }}
        end as due_date,
        {{ add_months('held.review_date', 6) }} as next_review_due_date
    from held

),

final as (

    select
        with_due.*,
        with_due.review_date <= with_due.due_date as is_in_time
    from with_due

)

select * from final
