-- Children on a CP plan on each reference date: the distinct children
-- (cppl_person_id) of the plans current on that day; a child with two
-- current plans counts once. No index on purpose: its consumers join it on
-- millions of rows, where an index draws the planner into nested loops over
-- a table not yet vacuumed (5x slower at scale 50 than a hash join).
with

cp_plans_on_dates as (

    select * from {{ ref('int_cp_plans_on_reporting_dates') }}

),

final as (

    select distinct
        reference_date,
        person_id
    from cp_plans_on_dates

)

select * from final
