{{ config(indexes=[{'columns': ['id_type', 'source_id'], 'unique': true}]) }}

-- The pseudonym of every child and period of care the marts show, computed
-- once (macro pseudonymise) and joined by the large facts instead of being
-- recomputed on every row.
with

persons as (

    select person_id from {{ ref('int_persons_cleaned') }}
    union
    select person_id from {{ ref('int_episodes_grouped_to_periods_of_care') }}
    union
    select person_id from {{ ref('int_cp_plans_cleaned') }}
    union
    select person_id from {{ ref('int_initial_cp_conferences_cleaned') }}
    union
    select person_id from {{ ref('int_iro_escalations_cleaned') }}
    union
    select person_id from {{ ref('int_iro_involvements') }}
    union
    select person_id from {{ ref('int_cla_care_plans_cleaned') }}

),

periods_of_care as (

    select period_of_care_id from {{ ref('int_episodes_grouped_to_periods_of_care') }}

),

final as (

    select
        'person' as id_type,
        person_id as source_id,
        {{ pseudonymise('person_id') }} as pseudonym
    from persons
    union all
    select
        'period_of_care' as id_type,
        period_of_care_id as source_id,
        {{ pseudonymise('period_of_care_id') }} as pseudonym
    from periods_of_care

)

select * from final
