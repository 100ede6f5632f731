{{ config(indexes=[{'columns': ['episode_id'], 'unique': true}, {'columns': ['person_id']}]) }}

with

checked as (

    select * from {{ ref('int_cla_episodes_checked') }}

),

final as (

    select
        episode_id,
        person_id,
        period_of_care_id,
        start_date,
        start_reason_code,
        case when ceased_date > {{ extract_date() }} then null else ceased_date end as ceased_date,
        ceased_reason_code,
        primary_need_code,
        placement_id,
        entered_care_date,
        row_key
    from checked
    where not is_left_out and not is_extra_copy

)

select * from final
