{{ config(indexes=[{'columns': ['cp_plan_id'], 'unique': true}, {'columns': ['person_id']}]) }}

-- CP plans with the repeat flag (the child had another plan that started
-- strictly before, however long before), whether the plan lasted 2 years or
-- more (start + 24 months <= end; open plans have not) and the due date of
-- its first review conference (start + 3 months, Working Together 2015).
with

cp_plans as (

    select * from {{ ref('int_cp_plans_cleaned') }}

),

first_plan_start as (

    select
        person_id,
        min(start_date) as first_start_date
    from cp_plans
    group by person_id

),

final as (

    select
        cp_plans.cp_plan_id,
        cp_plans.icpc_id,
        cp_plans.person_id,
        cp_plans.start_date,
        cp_plans.end_date,
        cp_plans.initial_category_code,
        cp_plans.latest_category_code,
        cp_plans.start_date > first_plan_start.first_start_date as is_repeat_plan,
        case
            when cp_plans.end_date is not null
                then cp_plans.end_date - cp_plans.start_date
        end as duration_days,
        coalesce({{ add_months('cp_plans.start_date', 24) }} <= cp_plans.end_date, false)
            as has_lasted_2_years,
        {{ add_months('cp_plans.start_date', 3) }} as first_review_due_date
    from cp_plans
    inner join first_plan_start
        on cp_plans.person_id = first_plan_start.person_id

)

select * from final
