-- One row per child protection plan, with the repeat flag, its duration and
-- whether it lasted 2 years or more.
with

cp_plans as (

    select * from {{ ref('int_cp_plans_classified') }}

),

persons as (

    select * from {{ ref('int_persons_cleaned') }}

),

final as (

    select
        {{ pseudonymise('cp_plans.cp_plan_id') }}::text as cp_plan_key,
        {{ pseudonymise('cp_plans.person_id') }}::text as child_key,
        cp_plans.start_date::date as start_date,
        cp_plans.end_date::date as end_date,
        (cp_plans.end_date is null)::boolean as is_open,
        cp_plans.initial_category_code::text as initial_category_code,
        cp_plans.latest_category_code::text as latest_category_code,
        cp_plans.is_repeat_plan::boolean as is_repeat_plan,
        cp_plans.duration_days::int as duration_days,
        cp_plans.has_lasted_2_years::boolean as has_lasted_2_years,
        {{ age_in_years('persons.birth_date', 'cp_plans.start_date') }}::int as age_at_start,
        {{ age_band(age_in_years('persons.birth_date', 'cp_plans.start_date')) }}::text as age_band_at_start
    from cp_plans
    left join persons
        on cp_plans.person_id = persons.person_id

)

select * from final
