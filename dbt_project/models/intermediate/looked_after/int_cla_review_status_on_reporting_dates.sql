{{ config(indexes=[{'columns': ['person_id', 'reference_date'], 'unique': true}]) }}

-- For each child looked after on a reference date d: the number k of held
-- reviews of their current period of care dated on or before d, the due date
-- of review k+1 (next review due) and whether it is before d (overdue).
with

looked_after_on_dates as (

    select * from {{ ref('int_looked_after_on_reporting_dates') }}

),

periods_of_care as (

    select * from {{ ref('int_episodes_grouped_to_periods_of_care') }}

),

reviews as (

    select * from {{ ref('int_cla_reviews_numbered') }}

),

held_reviews as (

    select * from reviews
    where is_held

),

latest_review as (

    -- a held review is the latest one on days [its date, the next one's date)
    select
        looked_after_on_dates.reference_date,
        looked_after_on_dates.person_id,
        held_reviews.review_number,
        held_reviews.review_date,
        held_reviews.next_review_due_date
    from looked_after_on_dates
    inner join held_reviews
        on
            looked_after_on_dates.period_of_care_id = held_reviews.period_of_care_id
            and {{ is_current_on(
                'held_reviews.review_date', 'held_reviews.next_review_date', 'looked_after_on_dates.reference_date'
            ) }}

),

final as (

    select
        looked_after_on_dates.reference_date,
        looked_after_on_dates.person_id,
        looked_after_on_dates.period_of_care_id,
        coalesce(latest_review.review_number, 0) as held_reviews_to_date,
        latest_review.review_date as last_review_date,
        coalesce(latest_review.next_review_due_date, periods_of_care.first_review_due_date)
            as next_review_due_date,
        coalesce(
            coalesce(latest_review.next_review_due_date, periods_of_care.first_review_due_date)
            < looked_after_on_dates.reference_date,
            false
        ) as is_overdue
    from looked_after_on_dates
    inner join periods_of_care
        on looked_after_on_dates.period_of_care_id = periods_of_care.period_of_care_id
    left join latest_review
        on
            looked_after_on_dates.person_id = latest_review.person_id
            and looked_after_on_dates.reference_date = latest_review.reference_date

)

select * from final
