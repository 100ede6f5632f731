{{ config(indexes=[{'columns': ['person_id'], 'unique': true}]) }}

with

checked as (

    select * from {{ ref('int_persons_checked') }}

),

final as (

    select
        person_id,
        sex_code,
        ethnicity_code,
        birth_date,
        death_date,
        row_key
    from checked
    where not is_left_out and not is_extra_copy

)

select * from final
