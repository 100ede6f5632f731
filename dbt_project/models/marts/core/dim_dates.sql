-- One row per calendar day 1970-2035, with working days (Monday to Friday,
-- not an England and Wales bank holiday).
with

calendar as (

    select * from {{ ref('int_calendar') }}

),

final as (

    select
        date_day::date as date_day,
        calendar_year::int as calendar_year,
        calendar_month::int as calendar_month,
        (case when calendar_month >= 4 then calendar_year else calendar_year - 1 end)::int
            as financial_year_start,
        iso_day_of_week::int as iso_day_of_week,
        is_weekend::boolean as is_weekend,
        is_bank_holiday::boolean as is_bank_holiday,
        bank_holiday_name::text as bank_holiday_name,
        is_working_day::boolean as is_working_day,
        working_day_index::int as working_day_index
    from calendar

)

select * from final
