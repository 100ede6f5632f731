{{ config(indexes=[{'columns': ['review_id'], 'unique': true}, {'columns': ['period_of_care_id']}]) }}

-- Looked after reviews that can count in a figure: their period of care has
-- an episode left and is not a short-break period. Held reviews are numbered
-- 1, 2, 3 ... per period of care by review date (ties by review id) and their
-- due dates chain from the actual previous review (rules.md, reg 33):
-- review 1: period start + 20 working days; review 2: review 1 + 3 months;
-- review k >= 3: review k-1 + 6 months. The child's participation: macro
-- participation_flags. IRO contact between reviews (contract 2): the window of
-- held review k runs from the day after review k-1's date (for k = 1, from the
-- period's start) to the day before review k's date, both included; the IRO
-- saw the child between reviews when the last contact date recorded for the
-- review is in it (a contact on the review day, after it, or null is not).
with

reviews as (

    select * from {{ ref('int_cla_reviews_cleaned') }}

),

periods_of_care as (

    select * from {{ ref('int_episodes_grouped_to_periods_of_care') }}

),

countable as (

    select
        reviews.review_id,
        reviews.period_of_care_id,
        periods_of_care.person_id,
        periods_of_care.start_date as period_start_date,
        periods_of_care.first_review_due_date,
        reviews.review_date,
        reviews.recorded_due_date,
        reviews.is_cancelled,
        reviews.review_date is not null and not reviews.is_cancelled as is_held,
        reviews.participation_code,
        {{ participation_flags('reviews.participation_code') }},
        reviews.last_iro_contact_date
    from reviews
    inner join periods_of_care
        on reviews.period_of_care_id = periods_of_care.period_of_care_id
    where not periods_of_care.is_short_break

),

held as (

    select
        review_id,
        row_number() over (
            partition by period_of_care_id
            order by review_date, review_id collate "C"
        ) as review_number,
        lag(review_date) over (
            partition by period_of_care_id
            order by review_date, review_id collate "C"
        ) as previous_review_date,
        lead(review_date) over (
            partition by period_of_care_id
            order by review_date, review_id collate "C"
        ) as next_review_date
    from countable
    where is_held

),

final as (

    select
        countable.review_id,
        countable.period_of_care_id,
        countable.person_id,
        countable.period_start_date,
        countable.review_date,
        countable.recorded_due_date,
        countable.is_held,
        countable.is_cancelled,
        countable.participation_code,
        countable.is_participation_coded,
        countable.has_participated,
        countable.has_attended,
        held.review_number,
        held.previous_review_date,
        held.next_review_date,
        countable.last_iro_contact_date,
        case
            when held.review_number = 1 then countable.period_start_date
            when held.review_number >= 2 then held.previous_review_date + 1
        end as contact_window_start_date,
        case when held.review_number >= 1 then countable.review_date - 1 end as contact_window_end_date,
        case
            when held.review_number = 1 then countable.first_review_due_date
            when held.review_number = 2 then {{ add_months('held.previous_review_date', 3) }}
            when held.review_number >= 3 then {{ add_months('held.previous_review_date', 6) }}
        end as due_date,
        -- due date of the review after this one
        case
            when held.review_number = 1 then {{ add_months('countable.review_date', 3) }}
            when held.review_number >= 2 then {{ add_months('countable.review_date', 6) }}
        end as next_review_due_date
    from countable
    left join held
        on countable.review_id = held.review_id

),

with_timeliness as (

    select
        final.*,
        case when final.is_held then final.review_date <= final.due_date end as is_in_time,
        case
            when final.is_held
                then (
                    final.last_iro_contact_date
                    between final.contact_window_start_date and final.contact_window_end_date
                ) is true
        end as has_iro_contact_between_reviews
    from final

)

select * from with_timeliness
