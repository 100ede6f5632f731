{{ config(indexes=[{'columns': ['person_id', 'reference_date'], 'unique': true}, {'columns': ['period_of_care_id']}]) }}

-- Looked after on day d: a period of care current on d that is not a
-- short-break period, and legal status on d not V3/V4 (no legal status row
-- current on d counts as looked after). The current period of care is the
-- one with the latest start date, then the largest clae_cla_id.
with

periods_of_care as (

    select * from {{ ref('int_episodes_grouped_to_periods_of_care') }}

),

legal_statuses_on_dates as (

    select * from {{ ref('int_legal_statuses_on_reporting_dates') }}

),

reporting_dates as (

    select * from {{ ref('int_reporting_dates') }}

),

current_periods as (

    select distinct on (periods_of_care.person_id, reporting_dates.reference_date)
        reporting_dates.reference_date,
        periods_of_care.person_id,
        periods_of_care.period_of_care_id,
        periods_of_care.start_date as period_start_date
    from periods_of_care
    inner join reporting_dates
        on {{ is_current_on(
            'periods_of_care.start_date', 'periods_of_care.end_date', 'reporting_dates.reference_date'
        ) }}
    where not periods_of_care.is_short_break
    order by
        periods_of_care.person_id asc,
        reporting_dates.reference_date asc,
        periods_of_care.start_date desc,
        periods_of_care.period_of_care_id collate "C" desc

),

final as (

    select
        current_periods.reference_date,
        current_periods.person_id,
        current_periods.period_of_care_id,
        current_periods.period_start_date,
        legal_statuses_on_dates.legal_status_code,
        legal_statuses_on_dates.legal_status_start_date
    from current_periods
    left join legal_statuses_on_dates
        on
            current_periods.person_id = legal_statuses_on_dates.person_id
            and current_periods.reference_date = legal_statuses_on_dates.reference_date
    where legal_statuses_on_dates.legal_status_code is null
        or legal_statuses_on_dates.legal_status_code not in {{ codes_of('LEGAL_STATUS', code_group='short_break') }}

)

select * from final
