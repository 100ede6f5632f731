-- One row per child looked after per reporting period end (month and
-- financial year): placements in the 12 months ending E (the year itself for
-- a financial year) and long-term stability status.
with

stability as (

    select * from {{ ref('int_placement_stability_by_period') }}

),

periods as (

    select * from {{ ref('int_reporting_periods') }}

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

final as (

    select
        periods.period_id::text as period_id,
        periods.period_type::text as period_type,
        periods.period_label::text as period_label,
        stability.reference_date::date as reference_date,
        child_keys.child_key::text as child_key,
        period_of_care_keys.period_of_care_key::text as period_of_care_key,
        stability.period_start_date::date as period_start_date,
        stability.age_at_reference_date::int as age,
        {{ age_band('stability.age_at_reference_date') }}::text as age_band,
        stability.placements_in_12_months::int as placements_in_12_months,
        stability.has_3plus_placements::boolean as has_3plus_placements,
        stability.current_placement_start_date::date as current_placement_start_date,
        stability.current_placement_type_code::text as current_placement_type_code,
        stability.previous_placement_start_date::date as previous_placement_start_date,
        stability.is_long_term_cohort::boolean as is_long_term_cohort,
        (stability.is_long_term_cohort and stability.is_in_long_term_placement)::boolean
            as is_long_term_stable
    from stability
    inner join periods
        on stability.period_id = periods.period_id
    inner join child_keys
        on stability.person_id = child_keys.person_id
    inner join period_of_care_keys
        on stability.period_of_care_id = period_of_care_keys.period_of_care_id

)

select * from final
