{{ config(indexes=[{'columns': ['review_id'], 'unique': true}]) }}

with

checked as (

    select * from {{ ref('int_cla_reviews_checked') }}

),

final as (

    select
        review_id,
        period_of_care_id,
        recorded_due_date,
        review_date,
        cancelled_flag,
        is_cancelled,
        participation_code,
        last_iro_contact_date,
        row_key
    from checked
    where not is_left_out and not is_extra_copy

)

select * from final
