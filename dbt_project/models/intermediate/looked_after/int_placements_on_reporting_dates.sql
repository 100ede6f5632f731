{{ config(indexes=[{'columns': ['person_id', 'reference_date'], 'unique': true}]) }}

-- One row per child looked after per reference date E: age on E, the current
-- placement (the placement of the current period of care current on E), its
-- type on E and the start of the previous placement of the same period.
with

looked_after_on_dates as (

    select * from {{ ref('int_looked_after_on_reporting_dates') }}

),

placements as (

    select * from {{ ref('int_episodes_collapsed_to_placements') }}

),

assigned_episodes as (

    select * from {{ ref('int_episodes_assigned_to_placements') }}

),

persons as (

    select * from {{ ref('int_persons_cleaned') }}

),

placement_types as (

    -- the type of a placement on day d is the type of its latest
    -- non-temporary episode starting on or before d: each episode sets the
    -- type from its start until the next episode of the placement starts
    select
        placement_key,
        placement_type_code,
        start_date as type_from_date,
        lead(start_date) over (
            partition by placement_key order by child_episode_number
        ) as type_to_date
    from assigned_episodes
    where placement_key is not null

),

current_placement as (

    -- placements of one period of care do not overlap: at most one is
    -- current on E
    select
        looked_after_on_dates.reference_date,
        looked_after_on_dates.person_id,
        placements.placement_key,
        placements.start_date,
        placements.previous_placement_start_date
    from looked_after_on_dates
    inner join placements
        on
            looked_after_on_dates.period_of_care_id = placements.period_of_care_id
            and {{ is_current_on(
                'placements.start_date', 'placements.end_date', 'looked_after_on_dates.reference_date'
            ) }}

),

current_placement_typed as (

    select
        current_placement.*,
        placement_types.placement_type_code
    from current_placement
    left join placement_types
        on
            current_placement.placement_key = placement_types.placement_key
            and {{ is_current_on(
                'placement_types.type_from_date', 'placement_types.type_to_date', 'current_placement.reference_date'
            ) }}

),

on_reference_dates as (

    select
        looked_after_on_dates.reference_date,
        looked_after_on_dates.person_id,
        looked_after_on_dates.period_of_care_id,
        looked_after_on_dates.period_start_date,
        {{ age_in_years('persons.birth_date', 'looked_after_on_dates.reference_date') }} as age_at_reference_date,
        current_placement_typed.placement_key as current_placement_key,
        current_placement_typed.start_date as current_placement_start_date,
        current_placement_typed.placement_type_code as current_placement_type_code,
        current_placement_typed.previous_placement_start_date
    from looked_after_on_dates
    left join current_placement_typed
        on
            looked_after_on_dates.reference_date = current_placement_typed.reference_date
            and looked_after_on_dates.person_id = current_placement_typed.person_id
    left join persons
        on looked_after_on_dates.person_id = persons.person_id

)

select * from on_reference_dates
