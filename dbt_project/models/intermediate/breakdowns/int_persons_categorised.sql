{{ config(indexes=[{'columns': ['person_id'], 'unique': true}]) }}

-- The characteristics the breakdowns split by (measures.md, "Breakdowns
-- (contract 2)"), one row per cleaned person: the sex category (M male,
-- F female, U or null unknown), the ethnicity group of seeds/ethnicity_groups.csv
-- (the code compared exactly, after staging's trim; REFU, NOBT, null or any
-- code not listed: unknown) and the date of birth, kept here only to take
-- ages on the days each measure names (macro age_band_category). A child
-- with no person row (left out by data quality) is unknown in every
-- breakdown: the models that count children coalesce to 'unknown'.
with

persons as (

    select * from {{ ref('int_persons_cleaned') }}

),

ethnicity_groups as (

    select * from {{ ref('ethnicity_groups') }}

),

final as (

    select
        persons.person_id,
        case persons.sex_code
            when 'M' then 'male'
            when 'F' then 'female'
            else 'unknown'
        end as sex,
        coalesce(ethnicity_groups.ethnicity_group, 'unknown') as ethnicity_group,
        persons.birth_date
    from persons
    left join ethnicity_groups
        on persons.ethnicity_code = ethnicity_groups.ethnicity_code

)

select * from final
