-- One row per looked after review that can count in a figure (its period of
-- care has an episode left and is not a short-break period), held or not,
-- with its number, due date, timeliness and the child's participation.
with

reviews as (

    select * from {{ ref('int_cla_reviews_numbered') }}

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
        {{ age_in_years('persons.birth_date', 'reviews.review_date') }}::int as age_at_review,
        {{ age_band(age_in_years('persons.birth_date', 'reviews.review_date')) }}::text as age_band_at_review
    from reviews
    left join persons
        on reviews.person_id = persons.person_id

)

select * from final
