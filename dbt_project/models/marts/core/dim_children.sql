-- One row per child (pseudonymised) known to any fact: no names, no
-- case-system ids, no date of birth (ages are on the facts). The recorded
-- codes are null for a child whose person row was left out by data quality;
-- the sex category and ethnicity group of the breakdowns
-- (int_persons_categorised) are then unknown, as in reporting.panel_breakdowns.
with

persons as (

    select * from {{ ref('int_persons_cleaned') }}

),

categorised as (

    select * from {{ ref('int_persons_categorised') }}

),

referenced as (

    select
        source_id as person_id,
        pseudonym
    from {{ ref('int_pseudonymised_ids') }}
    where id_type = 'person'

),

final as (

    select
        referenced.pseudonym::text as child_key,
        persons.sex_code::text as sex_code,
        persons.ethnicity_code::text as ethnicity_code,
        coalesce(categorised.sex, 'unknown')::text as sex,
        coalesce(categorised.ethnicity_group, 'unknown')::text as ethnicity_group,
        (persons.death_date is not null)::boolean as has_died,
        (persons.person_id is not null)::boolean as has_person_record
    from referenced
    left join persons
        on referenced.person_id = persons.person_id
    left join categorised
        on referenced.person_id = categorised.person_id

)

select * from final
