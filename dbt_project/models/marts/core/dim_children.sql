-- One row per child (pseudonymised) known to any fact: no names, no
-- case-system ids, no date of birth (ages are on the facts). Attributes are
-- null for a child whose person row was left out by data quality.
with

persons as (

    select * from {{ ref('int_persons_cleaned') }}

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
        (persons.death_date is not null)::boolean as has_died,
        (persons.person_id is not null)::boolean as has_person_record
    from referenced
    left join persons
        on referenced.person_id = persons.person_id

)

select * from final
