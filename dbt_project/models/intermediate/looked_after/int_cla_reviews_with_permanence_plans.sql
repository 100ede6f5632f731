{{ config(indexes=[{'columns': ['review_id'], 'unique': true}]) }}

-- Held looked after reviews with the child's permanence plan on the review
-- date (contract 2): the child (lacp_person_id = the period of care's child)
-- has a permanence plan on day d when a care plan row of theirs current on d
-- (half-open: a row ending on d is not current, one starting on d is), from
-- any period of care, has at least one chosen plan code. The chosen codes of
-- every such row are gathered (space-separated, alphabetical). The second
-- review of a period of care is its held review numbered 2.
with

reviews as (

    select * from {{ ref('int_cla_reviews_numbered') }}
    where is_held

),

care_plans as (

    select * from {{ ref('int_cla_care_plans_cleaned') }}

),

plans_on_review_date as (

    select
        reviews.review_id,
        bool_or(care_plans.has_permanence_plan) as has_permanence_plan,
        string_agg(distinct chosen.plan_code, ' ') as plan_codes
    from reviews
    inner join care_plans
        on
            reviews.person_id = care_plans.person_id
            and {{ is_current_on('care_plans.start_date', 'care_plans.end_date', 'reviews.review_date') }}
    left join lateral regexp_split_to_table(nullif(care_plans.chosen_plan_codes, ''), ' ') as chosen (plan_code)
        on true
    group by reviews.review_id

),

final as (

    select
        reviews.review_id,
        reviews.period_of_care_id,
        reviews.person_id,
        reviews.review_number,
        reviews.review_date,
        reviews.review_number = 2 as is_second_review,
        coalesce(plans_on_review_date.has_permanence_plan, false) as has_permanence_plan,
        coalesce(plans_on_review_date.plan_codes, '') as permanence_plan_codes
    from reviews
    left join plans_on_review_date
        on reviews.review_id = plans_on_review_date.review_id

)

select * from final
