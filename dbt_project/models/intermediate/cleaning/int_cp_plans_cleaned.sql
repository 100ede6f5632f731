{{ config(indexes=[{'columns': ['cp_plan_id'], 'unique': true}, {'columns': ['person_id']}]) }}

with

checked as (

    select * from {{ ref('int_cp_plans_checked') }}

),

final as (

    select
        cp_plan_id,
        icpc_id,
        person_id,
        start_date,
        case when end_date > {{ extract_date() }} then null else end_date end as end_date,
        initial_category_code,
        latest_category_code,
        row_key
    from checked
    where not is_left_out and not is_extra_copy

)

select * from final
