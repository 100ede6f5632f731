{{ config(indexes=[{'columns': ['period_id', 'person_id'], 'unique': true}]) }}

-- One row per reporting period per child looked after on its reference date E:
-- placements during the 12 months ending E (for a financial year, the year
-- itself), and long-term stability (measures.md, stability_long_term_pct).
with

periods as (

    select * from {{ ref('int_reporting_periods') }}

),

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
            and {{ is_current_on('placements.start_date', 'placements.end_date', 'looked_after_on_dates.reference_date') }}

),

current_placement_typed as (

    select
        current_placement.*,
        placement_types.placement_type_code
    from current_placement
    left join placement_types
        on
            current_placement.placement_key = placement_types.placement_key
            and {{ is_current_on('placement_types.type_from_date', 'placement_types.type_to_date', 'current_placement.reference_date') }}

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

),

children as (

    select
        periods.period_id,
        periods.twelve_months_start,
        on_reference_dates.*
    from periods
    inner join on_reference_dates
        on periods.reference_date = on_reference_dates.reference_date

),

placements_in_window as (

    select
        children.period_id,
        children.person_id,
        count(*) as placements_in_12_months
    from children
    inner join placements
        on
            children.person_id = placements.person_id
            and placements.start_date <= children.reference_date
            and (placements.end_date is null or placements.end_date > children.twelve_months_start)
    group by children.period_id, children.person_id

),

final as (

    select
        children.period_id,
        children.reference_date,
        children.person_id,
        children.period_of_care_id,
        children.period_start_date,
        coalesce(placements_in_window.placements_in_12_months, 0) as placements_in_12_months,
        coalesce(placements_in_window.placements_in_12_months, 0) >= 3 as has_3plus_placements,
        children.age_at_reference_date,
        children.current_placement_key,
        children.current_placement_start_date,
        children.current_placement_type_code,
        children.previous_placement_start_date,
        coalesce(
            children.age_at_reference_date < 16
            and children.period_start_date <= {{ add_months('children.reference_date', -30) }},
            false
        ) as is_long_term_cohort,
        coalesce(
            children.current_placement_start_date <= {{ add_months('children.reference_date', -24) }}
            or (
                children.current_placement_type_code in ('A3', 'A4', 'A5', 'A6')
                and children.previous_placement_start_date
                <= {{ add_months('children.reference_date', -24) }}
            ),
            false
        ) as is_in_long_term_placement
    from children
    left join placements_in_window
        on
            children.period_id = placements_in_window.period_id
            and children.person_id = placements_in_window.person_id

)

select * from final
