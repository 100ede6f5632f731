{{ config(indexes=[{'columns': ['date_day'], 'unique': true}, {'columns': ['working_day_index']}]) }}

with

bank_holidays as (

    select * from {{ ref('bank_holidays_england_wales') }}

),

holiday_dates as (

    select
        holiday_date,
        string_agg(holiday_name, '; ' order by holiday_name) as holiday_name
    from bank_holidays
    group by holiday_date

),

days as (

    select calendar_day::date as date_day
    from generate_series(
            cast('{{ var("calendar_start", "1970-01-01") }}' as date),
            cast('{{ var("calendar_end", "2035-12-31") }}' as date),
            interval '1 day'
        ) as calendar_day

),

flagged as (

    select
        days.date_day,
        extract(isodow from days.date_day) >= 6 as is_weekend,
        holiday_dates.holiday_date is not null as is_bank_holiday,
        holiday_dates.holiday_name as bank_holiday_name
    from days
    left join holiday_dates
        on days.date_day = holiday_dates.holiday_date

),

final as (

    select
        date_day,
        extract(year from date_day)::int as calendar_year,
        extract(month from date_day)::int as calendar_month,
        extract(isodow from date_day)::int as iso_day_of_week,
        is_weekend,
        is_bank_holiday,
        bank_holiday_name,
        not is_weekend and not is_bank_holiday as is_working_day,
        -- working days on or before date_day: add_working_days(d, n) is the
        -- working day whose index is index(d) + n
        sum(case when not is_weekend and not is_bank_holiday then 1 else 0 end)
            over (order by date_day rows between unbounded preceding and current row)::int
            as working_day_index
    from flagged

)

select * from final
