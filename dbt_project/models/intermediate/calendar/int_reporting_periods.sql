with

bounds as (

    select
        date_trunc('month', {{ reporting_start() }})::date as first_month_start,
        date_trunc('month', {{ extract_date() }})::date as last_month_start,
        {{ extract_date() }} as extract_date

),

months as (

    select month_start::date as period_start
    from bounds
    cross join lateral generate_series(
        bounds.first_month_start, bounds.last_month_start, interval '1 month'
    ) as month_start

),

month_periods as (

    select
        'month' as period_type,
        to_char(period_start, 'YYYY-MM') as period_label,
        period_start,
        (period_start + interval '1 month' - interval '1 day')::date as period_end
    from months

),

financial_years as (

    select distinct
        case
            when extract(month from period_start) >= 4
                then extract(year from period_start)::int
            else extract(year from period_start)::int - 1
        end as start_year
    from months

),

financial_year_periods as (

    select
        'financial_year' as period_type,
        start_year::text || '-' || lpad(((start_year + 1) % 100)::text, 2, '0') as period_label,
        make_date(start_year, 4, 1) as period_start,
        make_date(start_year + 1, 3, 31) as period_end
    from financial_years

),

unioned as (

    select * from month_periods
    union all
    select * from financial_year_periods

),

final as (

    select
        unioned.period_type || ':' || unioned.period_label as period_id,
        unioned.period_type,
        unioned.period_label,
        unioned.period_start,
        unioned.period_end,
        -- E: the period's last day, or the extract date for a provisional
        -- period; "in the period" is period_start <= date <= reference_date
        least(unioned.period_end, bounds.extract_date) as reference_date,
        case
            when unioned.period_type = 'month'
                then ({{ add_months('least(unioned.period_end, bounds.extract_date)', -12) }} + 1)
            else unioned.period_start
        end as twelve_months_start,
        unioned.period_end >= bounds.extract_date as is_provisional
    from unioned
    cross join bounds

)

select * from final
