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

children as (

    select
        periods.period_id,
        periods.reference_date,
        periods.twelve_months_start,
        looked_after_on_dates.person_id,
        looked_after_on_dates.period_of_care_id,
        looked_after_on_dates.period_start_date
    from periods
    inner join looked_after_on_dates
        on periods.reference_date = looked_after_on_dates.reference_date

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

current_placement as (

    select distinct on (children.period_id, children.person_id)
        children.period_id,
        children.person_id,
        placements.placement_key,
        placements.start_date,
        placements.previous_placement_start_date
    from children
    inner join placements
        on
            children.period_of_care_id = placements.period_of_care_id
            and {{ is_current_on('placements.start_date', 'placements.end_date', 'children.reference_date') }}
    order by children.period_id, children.person_id, placements.start_date desc

),

current_placement_type as (

    -- type on E: the placement type of its latest non-temporary episode
    -- starting on or before E
    select distinct on (current_placement.period_id, current_placement.person_id)
        current_placement.period_id,
        current_placement.person_id,
        assigned_episodes.placement_type_code
    from current_placement
    inner join children
        on
            current_placement.period_id = children.period_id
            and current_placement.person_id = children.person_id
    inner join assigned_episodes
        on
            current_placement.placement_key = assigned_episodes.placement_key
            and assigned_episodes.start_date <= children.reference_date
    order by
        current_placement.period_id,
        current_placement.person_id,
        assigned_episodes.child_episode_number desc

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
        {{ age_in_years('persons.birth_date', 'children.reference_date') }} as age_at_reference_date,
        current_placement.placement_key as current_placement_key,
        current_placement.start_date as current_placement_start_date,
        current_placement_type.placement_type_code as current_placement_type_code,
        current_placement.previous_placement_start_date,
        coalesce(
            {{ age_in_years('persons.birth_date', 'children.reference_date') }} < 16
            and children.period_start_date <= {{ add_months('children.reference_date', -30) }},
            false
        ) as is_long_term_cohort,
        coalesce(
            current_placement.start_date <= {{ add_months('children.reference_date', -24) }}
            or (
                current_placement_type.placement_type_code in ('A3', 'A4', 'A5', 'A6')
                and current_placement.previous_placement_start_date
                <= {{ add_months('children.reference_date', -24) }}
            ),
            false
        ) as is_in_long_term_placement
    from children
    left join placements_in_window
        on
            children.period_id = placements_in_window.period_id
            and children.person_id = placements_in_window.person_id
    left join current_placement
        on
            children.period_id = current_placement.period_id
            and children.person_id = current_placement.person_id
    left join current_placement_type
        on
            children.period_id = current_placement_type.period_id
            and children.person_id = current_placement_type.person_id
    left join persons
        on children.person_id = persons.person_id

)

select * from final
