-- One row per looked after review that can count in a figure (its period of
-- care has an episode left and is not a short-break period), held or not,
-- with its number, due date, timeliness and the child's participation, and
-- (contract 2) the IRO's contact between reviews (the window and whether the
-- last contact is in it) and whether the child had a permanence plan on the
-- review date; both null for a review not held, or when the extract did not
-- supply the column or table they need.
with

reviews as (

    select * from {{ ref('int_cla_reviews_numbered') }}

),

permanence as (

    select * from {{ ref('int_cla_reviews_with_permanence_plans') }}

),

persons as (

    select * from {{ ref('int_persons_cleaned') }}

),

final as (

    select
        {{ pseudonymise('reviews.review_id') }}::text as review_key,
        {{ pseudonymise('reviews.person_id') }}::text as child_key,
        {{ pseudonymise('reviews.period_of_care_id') }}::text as period_of_care_key,
        reviews.period_start_date::date as period_start_date,
        reviews.is_held::boolean as is_held,
        reviews.is_cancelled::boolean as is_cancelled,
        reviews.review_number::int as review_number,
        reviews.review_date::date as review_date,
        reviews.due_date::date as due_date,
        reviews.is_in_time::boolean as is_in_time,
        (reviews.review_date - reviews.due_date)::int as days_after_due,
        reviews.recorded_due_date::date as recorded_due_date,
        reviews.participation_code::text as participation_code,
        reviews.has_participated::boolean as has_participated,
        reviews.has_attended::boolean as has_attended,
        reviews.contact_window_start_date::date as contact_window_start_date,
        reviews.contact_window_end_date::date as contact_window_end_date,
        (case
            when {{ is_supplied('ssd_cla_reviews', 'clar_cla_review_last_iro_contact_date') }}
                then reviews.has_iro_contact_between_reviews
        end)::boolean as has_iro_contact_between_reviews,
        (case
            when {{ is_supplied('ssd_cla_care_plan') }} then permanence.has_permanence_plan
        end)::boolean as has_permanence_plan,
        {{ age_in_years('persons.birth_date', 'reviews.review_date') }}::int as age_at_review,
        {{ age_band(age_in_years('persons.birth_date', 'reviews.review_date')) }}::text as age_band_at_review
    from reviews
    left join permanence
        on reviews.review_id = permanence.review_id
    left join persons
        on reviews.person_id = persons.person_id

)

select * from final
