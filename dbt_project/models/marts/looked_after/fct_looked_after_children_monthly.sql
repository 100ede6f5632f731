-- One row per child looked after per month end (the extract date for the
-- current month): current period of care, legal status, age band, next
-- review due and whether overdue, and whether the child has an IRO.
with

periods as (

    select * from {{ ref('int_reporting_periods') }}
    where period_type = 'month'

),

looked_after_on_dates as (

    select * from {{ ref('int_looked_after_on_reporting_dates') }}

),

review_status as (

    select * from {{ ref('int_cla_review_status_on_reporting_dates') }}

),

children_with_iro as (

    select * from {{ ref('int_children_with_iro_on_reporting_dates') }}

),

child_keys as (

    select
        source_id as person_id,
        pseudonym as child_key
    from {{ ref('int_pseudonymised_ids') }}
    where id_type = 'person'

),

period_of_care_keys as (

    select
        source_id as period_of_care_id,
        pseudonym as period_of_care_key
    from {{ ref('int_pseudonymised_ids') }}
    where id_type = 'period_of_care'

),

persons as (

    select * from {{ ref('int_persons_cleaned') }}

),

final as (

    select
        periods.period_label::text as period_label,
        periods.reference_date::date as month_end_date,
        periods.is_provisional::boolean as is_provisional,
        child_keys.child_key::text as child_key,
        period_of_care_keys.period_of_care_key::text as period_of_care_key,
        looked_after_on_dates.period_start_date::date as period_start_date,
        looked_after_on_dates.legal_status_code::text as legal_status_code,
        {{ age_in_years('persons.birth_date', 'periods.reference_date') }}::int as age,
        {{ age_band(age_in_years('persons.birth_date', 'periods.reference_date')) }}::text as age_band,
        review_status.held_reviews_to_date::int as held_reviews_to_date,
        review_status.last_review_date::date as last_review_date,
        review_status.next_review_due_date::date as next_review_due_date,
        review_status.is_overdue::boolean as is_review_overdue,
        (children_with_iro.person_id is not null)::boolean as has_iro
    from periods
    inner join looked_after_on_dates
        on periods.reference_date = looked_after_on_dates.reference_date
    left join review_status
        on
            looked_after_on_dates.reference_date = review_status.reference_date
            and looked_after_on_dates.person_id = review_status.person_id
    left join children_with_iro
        on
            looked_after_on_dates.reference_date = children_with_iro.reference_date
            and looked_after_on_dates.person_id = children_with_iro.person_id
    left join persons
        on looked_after_on_dates.person_id = persons.person_id
    inner join child_keys
        on looked_after_on_dates.person_id = child_keys.person_id
    inner join period_of_care_keys
        on looked_after_on_dates.period_of_care_id = period_of_care_keys.period_of_care_id

)

select * from final
