{{ config(materialized='table') }}

-- The breakdowns of the panel's figures (measures.md, "Breakdowns (contract
-- 2)"): one row per reporting period, measure, breakdown and category, with
-- the columns of panel_figures plus breakdown and category. The value is
-- computed as panel_figures computes it (macro figure_value, the measure's
-- decimals of seeds/measures.csv); disclosure control is published_value
-- cell by cell, then secondary suppression of counts within one period,
-- measure and breakdown (macro secondary_suppression). A measure appears
-- once it is in seeds/measures.csv.
with

periods as (

    select * from {{ ref('int_reporting_periods') }}

),

measures as (

    select * from {{ ref('measures') }}

),

broken_down as (

    select * from {{ ref('int_figures_broken_down') }}

),

computed as (

    select
        periods.period_type,
        periods.period_label,
        periods.period_start,
        periods.period_end,
        periods.is_provisional,
        broken_down.measure_id,
        broken_down.breakdown,
        broken_down.category,
        broken_down.category_order,
        measures.unit,
        measures.sort_order,
        broken_down.numerator,
        broken_down.denominator,
        {{ figure_value(
            'measures.unit', 'broken_down.value', 'broken_down.numerator',
            'broken_down.denominator', 'measures.decimals'
        ) }} as value,
        measures.is_suppression_exempt,
        measures.decimals
    from broken_down
    inner join periods
        on
            broken_down.period_type = periods.period_type
            and broken_down.period_label = periods.period_label
    inner join measures
        on broken_down.measure_id = measures.measure_id

),

primary_suppressed as (

    select
        computed.*,
        {{ published_value(
            'computed.unit', 'computed.value', 'computed.numerator', 'computed.denominator',
            'computed.is_suppression_exempt', 'computed.decimals'
        ) }} as primary_published_value
    from computed

),

secondary_suppressed as (

    {{ secondary_suppression(
        'primary_suppressed',
        group_by=['period_type', 'period_label', 'measure_id', 'breakdown'],
        order_by='cells.category_order'
    ) }}

),

final as (

    select
        period_type::text as period_type,
        period_label::text as period_label,
        period_start::date as period_start,
        period_end::date as period_end,
        measure_id::text as measure_id,
        breakdown::text as breakdown,
        category::text as category,
        unit::text as unit,
        numerator::numeric as numerator,
        denominator::numeric as denominator,
        value::numeric as value,
        published_value::text as published_value,
        is_provisional::boolean as is_provisional,
        now()::timestamptz as computed_at
    from secondary_suppressed

)

select * from final
order by period_type, period_start, measure_id, breakdown, category
