-- One row per reporting period (every month from the month of
-- reporting_start to the month of the extract date, and every financial year
-- holding one of them).
with

periods as (

    select * from {{ ref('int_reporting_periods') }}

),

final as (

    select
        period_id::text as period_id,
        period_type::text as period_type,
        period_label::text as period_label,
        period_start::date as period_start,
        period_end::date as period_end,
        reference_date::date as reference_date,
        twelve_months_start::date as twelve_months_start,
        is_provisional::boolean as is_provisional
    from periods

)

select * from final
