-- Child protection figures, one row per period per measure.
with

periods as (

    select * from {{ ref('int_reporting_periods') }}

),

cp_plans_on_dates as (

    select * from {{ ref('int_cp_plans_on_reporting_dates') }}

),

cp_plans_at_end as (

    select
        periods.period_type,
        periods.period_label,
        'cp_plans_at_end' as measure_id,
        null::numeric as numerator,
        null::numeric as denominator,
        count(*)::numeric as value
    from periods
    inner join cp_plans_on_dates
        on periods.reference_date = cp_plans_on_dates.reference_date
    group by periods.period_type, periods.period_label

),

final as (

    select * from cp_plans_at_end

)

select * from final
