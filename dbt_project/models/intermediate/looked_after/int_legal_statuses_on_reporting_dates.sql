{{ config(indexes=[{'columns': ['person_id', 'reference_date'], 'unique': true}]) }}

-- Legal status on day d: the legal status row current on d; when several are,
-- the latest start date, then the largest lega_legal_status_id (as text).
with

legal_statuses as (

    select * from {{ ref('int_legal_statuses_cleaned') }}

),

reporting_dates as (

    select * from {{ ref('int_reporting_dates') }}

),

final as (

    select distinct on (legal_statuses.person_id, reporting_dates.reference_date)
        reporting_dates.reference_date,
        legal_statuses.person_id,
        legal_statuses.legal_status_id,
        legal_statuses.legal_status_code,
        legal_statuses.start_date as legal_status_start_date
    from legal_statuses
    inner join reporting_dates
        on {{ is_current_on('legal_statuses.start_date', 'legal_statuses.end_date', 'reporting_dates.reference_date') }}
    order by
        legal_statuses.person_id asc,
        reporting_dates.reference_date asc,
        legal_statuses.start_date desc,
        legal_statuses.legal_status_id collate "C" desc

)

select * from final
