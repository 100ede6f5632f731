{{ config(indexes=[{'columns': ['period_of_care_id'], 'unique': true}]) }}

-- Every period of care (short breaks included and flagged) with whether its
-- IRO was allocated in time (rules.md): the child has an IRO involvement
-- starting on or before the period's start + 5 working days
-- (iro_allocation_due_date) that had not ended by the start (end null or
-- after the start). An involvement whose professional was left out counts.
with

periods_of_care as (

    select * from {{ ref('int_episodes_grouped_to_periods_of_care') }}

),

iro_involvements as (

    select * from {{ ref('int_iro_involvements') }}

),

allocated as (

    select distinct periods_of_care.period_of_care_id
    from periods_of_care
    inner join iro_involvements
        on
            periods_of_care.person_id = iro_involvements.person_id
            and periods_of_care.iro_allocation_due_date >= iro_involvements.start_date
            and (iro_involvements.end_date is null or periods_of_care.start_date < iro_involvements.end_date)

),

final as (

    select
        periods_of_care.period_of_care_id,
        periods_of_care.person_id,
        periods_of_care.start_date,
        periods_of_care.is_short_break,
        periods_of_care.iro_allocation_due_date,
        allocated.period_of_care_id is not null as is_iro_allocated_in_time
    from periods_of_care
    left join allocated
        on periods_of_care.period_of_care_id = allocated.period_of_care_id

)

select * from final
