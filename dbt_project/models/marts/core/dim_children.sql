-- One row per child (pseudonymised) known to any fact: no names, no
-- case-system ids, no date of birth (ages are on the facts). Attributes are
-- null for a child whose person row was left out by data quality.
with

persons as (

    select * from {{ ref('int_persons_cleaned') }}

),

referenced as (

    select person_id from persons
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

),

final as (

    select
        {{ pseudonymise('referenced.person_id') }}::text as child_key,
        persons.sex_code::text as sex_code,
        persons.ethnicity_code::text as ethnicity_code,
        (persons.death_date is not null)::boolean as has_died,
        (persons.person_id is not null)::boolean as has_person_record
    from referenced
    left join persons
        on referenced.person_id = persons.person_id

)

select * from final
