{{ config(materialized='table') }}

-- The panel's figures: one row per reporting period per measure
-- (measures.md, "Output contract"). The figure models give each measure's
-- numerator and denominator, or its value (counts, the FTE sum of
-- iro_fte_at_end, a median); here the value of a percentage or ratio is
-- computed, every value rounded to the measure's decimals (macro
-- figure_value), and the published value set by disclosure control (macro
-- published_value), with the exemptions and decimals of seeds/measures.csv.
with

periods as (

    select * from {{ ref('int_reporting_periods') }}

),

measures as (

    select * from {{ ref('measures') }}

),

figures as (

    select * from {{ ref('int_figures_looked_after') }}
    union all
    select * from {{ ref('int_figures_child_protection') }}
    union all
    select * from {{ ref('int_figures_caseloads') }}
    union all
    select * from {{ ref('int_figures_escalations') }}

),

grid as (

    select
        periods.period_type,
        periods.period_label,
        periods.period_start,
        periods.period_end,
        periods.is_provisional,
        measures.measure_id,
        measures.unit,
        measures.decimals,
        measures.is_suppression_exempt,
        measures.sort_order
    from periods
    cross join measures

),

joined as (

    select
        grid.*,
        figures.numerator::numeric as numerator,
        figures.denominator::numeric as denominator,
        figures.value::numeric as given_value
    from grid
    left join figures
        on
            grid.period_type = figures.period_type
            and grid.period_label = figures.period_label
            and grid.measure_id = figures.measure_id

),

computed as (

    select
        joined.*,
        {{ figure_value(
            'joined.unit', 'joined.given_value', 'joined.numerator', 'joined.denominator',
            'joined.decimals'
        ) }} as value
    from joined

),

final as (

    select
        period_type::text as period_type,
        period_label::text as period_label,
        period_start::date as period_start,
        period_end::date as period_end,
        measure_id::text as measure_id,
        unit::text as unit,
        numerator::numeric as numerator,
        denominator::numeric as denominator,
        value::numeric as value,
        {{ published_value(
            'unit', 'value', 'numerator', 'denominator', 'is_suppression_exempt', 'decimals'
        ) }}::text as published_value,
        is_provisional::boolean as is_provisional,
        now()::timestamptz as computed_at
    from computed

)

select * from final
order by period_type, period_start, measure_id
