-- One row per period of care (short-break periods included and flagged; the
-- panel's figures leave them out), with whether the IRO was allocated in time.
with

periods_of_care as (

    select * from {{ ref('int_episodes_grouped_to_periods_of_care') }}

),

iro_allocation as (

    select * from {{ ref('int_periods_of_care_with_iro_allocation') }}

),

persons as (

    select * from {{ ref('int_persons_cleaned') }}

),

final as (

    select
        {{ pseudonymise('periods_of_care.period_of_care_id') }}::text as period_of_care_key,
        {{ pseudonymise('periods_of_care.person_id') }}::text as child_key,
        periods_of_care.start_date::date as start_date,
        periods_of_care.end_date::date as end_date,
        periods_of_care.is_open::boolean as is_open,
        periods_of_care.last_ceased_reason_code::text as last_ceased_reason_code,
        periods_of_care.legal_status_at_start_code::text as legal_status_at_start_code,
        periods_of_care.is_short_break::boolean as is_short_break,
        periods_of_care.episode_count::int as episode_count,
        {{ age_in_years('persons.birth_date', 'periods_of_care.start_date') }}::int as age_at_start,
        {{ age_band(age_in_years('persons.birth_date', 'periods_of_care.start_date')) }}::text
            as age_band_at_start,
        periods_of_care.first_review_due_date::date as first_review_due_date,
        periods_of_care.iro_allocation_due_date::date as iro_allocation_due_date,
        iro_allocation.is_iro_allocated_in_time::boolean as is_iro_allocated_in_time
    from periods_of_care
    inner join iro_allocation
        on periods_of_care.period_of_care_id = iro_allocation.period_of_care_id
    left join persons
        on periods_of_care.person_id = persons.person_id

)

select * from final
