{{ config(indexes=[{'columns': ['period_id', 'person_id'], 'unique': true}]) }}

-- One row per reporting period per child looked after on its reference date E:
-- placements during the 12 months ending E (for a financial year, the year
-- itself), and long-term stability (measures.md, stability_long_term_pct).
with

periods as (

    select * from {{ ref('int_reporting_periods') }}

),

on_reference_dates as (

    select * from {{ ref('int_placements_on_reporting_dates') }}

),

placements as (

    select * from {{ ref('int_episodes_collapsed_to_placements') }}

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
            and children.reference_date >= placements.start_date
            and (placements.end_date is null or children.twelve_months_start < placements.end_date)
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
                children.current_placement_type_code in {{ codes_of('PLACE', code_group='adoption') }}
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
