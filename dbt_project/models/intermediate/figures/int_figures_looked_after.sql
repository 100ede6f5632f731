-- Looked after children figures, one row per period per measure:
-- numerator / denominator for percentages, value for counts.
with

periods as (

    select * from {{ ref('int_reporting_periods') }}

),

looked_after_on_dates as (

    select * from {{ ref('int_looked_after_on_reporting_dates') }}

),

cla_at_end as (

    select
        periods.period_type,
        periods.period_label,
        'cla_at_end' as measure_id,
        null::numeric as numerator,
        null::numeric as denominator,
        count(distinct looked_after_on_dates.person_id)::numeric as value
    from periods
    inner join looked_after_on_dates
        on periods.reference_date = looked_after_on_dates.reference_date
    group by periods.period_type, periods.period_label

),

final as (

    select * from cla_at_end

)

select * from final
