-- The days "on E" is taken on: every period's reference date (month ends,
-- financial year ends, and the extract date for provisional periods).
with

periods as (

    select * from {{ ref('int_reporting_periods') }}

),

final as (

    select distinct reference_date
    from periods

)

select * from final
