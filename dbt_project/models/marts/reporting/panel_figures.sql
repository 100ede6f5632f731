{{ config(materialized='table') }}

-- The panel's figures: one row per reporting period per measure
-- (measures.md, "Output contract"), with rounding and disclosure control.
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
        measures.sort_order
    from periods
    cross join measures

),

joined as (

    select
        grid.*,
        figures.numerator as raw_numerator,
        figures.denominator as raw_denominator,
        figures.value as raw_value
    from grid
    left join figures
        on
            grid.period_type = figures.period_type
            and grid.period_label = figures.period_label
            and grid.measure_id = figures.measure_id

),

valued as (

    select
        period_type,
        period_label,
        period_start,
        period_end,
        measure_id,
        unit,
        sort_order,
        is_provisional,
        case
            when unit in ('percent', 'ratio') and measure_id <> 'iro_fte_at_end'
                then coalesce(raw_numerator, 0)::numeric
        end as numerator,
        case
            when unit in ('percent', 'ratio', 'days') and measure_id <> 'iro_fte_at_end'
                then coalesce(raw_denominator, 0)::numeric
        end as denominator,
        raw_value
    from joined

),

computed as (

    select
        valued.*,
        case
            when unit = 'count' then coalesce(raw_value, 0)::numeric
            when measure_id = 'iro_fte_at_end' then round(coalesce(raw_value, 0)::numeric, 2)
            when unit = 'percent' and denominator > 0 then round(100 * numerator / denominator, 1)
            when unit = 'ratio' and denominator > 0 then round(numerator / denominator, 2)
            when unit = 'days' and denominator > 0 then round(raw_value::numeric, 1)
        end as value
    from valued

),

published as (

    select
        computed.*,
        case
            when value is null then 'z'
            when measure_id in ('iro_in_post_at_end', 'iro_fte_at_end', 'iro_over_guideline_at_end')
                then null
            when unit = 'count' and value between 1 and 5 then 'c'
            when
                unit = 'percent'
                and (numerator between 1 and 5 or denominator between 1 and 5)
                then 'c'
            when unit = 'ratio' and numerator between 1 and 5 then 'c'
            when unit = 'days' and denominator between 1 and 5 then 'c'
        end as suppressed_value
    from computed

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
        (case
            when suppressed_value is not null then suppressed_value
            when value = 0 then '0'
            when unit = 'count' then round(value, 0)::bigint::text
            when unit = 'percent' then round(value, 1)::text
            when unit = 'ratio' then round(value, 2)::text
            when unit = 'days' then round(value, 1)::text
        end)::text as published_value,
        is_provisional::boolean as is_provisional,
        now()::timestamptz as computed_at
    from published

)

select * from final
order by period_type, period_start, measure_id
