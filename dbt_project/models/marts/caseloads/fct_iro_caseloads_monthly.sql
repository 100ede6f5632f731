-- One row per IRO in post per month end (the extract date for the current
-- month): FTE, looked after children and children on a CP plan with a
-- current involvement with them, and whether over the caseload guideline.
with

periods as (

    select * from {{ ref('int_reporting_periods') }}
    where period_type = 'month'

),

caseloads as (

    select * from {{ ref('int_iro_caseloads_on_reporting_dates') }}

),

final as (

    select
        periods.period_label::text as period_label,
        periods.reference_date::date as month_end_date,
        periods.is_provisional::boolean as is_provisional,
        {{ pseudonymise('caseloads.professional_id') }}::text as iro_key,
        caseloads.fte::numeric as fte,
        caseloads.looked_after_children::int as looked_after_children,
        caseloads.cp_plan_children::int as cp_plan_children,
        (case
            when caseloads.fte > 0 then round(caseloads.looked_after_children / caseloads.fte, 2)
        end)::numeric as looked_after_children_per_fte,
        caseloads.is_over_guideline::boolean as is_over_guideline
    from periods
    inner join caseloads
        on periods.reference_date = caseloads.reference_date

)

select * from final
