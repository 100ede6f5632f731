-- CP plans current on each reference date (half-open rule on start and end).
with

cp_plans as (

    select * from {{ ref('int_cp_plans_cleaned') }}

),

reporting_dates as (

    select * from {{ ref('int_reporting_dates') }}

),

final as (

    select
        reporting_dates.reference_date,
        cp_plans.cp_plan_id,
        cp_plans.person_id
    from cp_plans
    inner join reporting_dates
        on {{ is_current_on('cp_plans.start_date', 'cp_plans.end_date', 'reporting_dates.reference_date') }}

)

select * from final
