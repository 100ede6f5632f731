{{ config(indexes=[{'columns': ['involvement_id'], 'unique': true}, {'columns': ['person_id']}]) }}

with

checked as (

    select * from {{ ref('int_involvements_checked') }}

),

final as (

    select
        involvement_id,
        professional_id,
        role_code,
        person_id,
        start_date,
        case when end_date > {{ extract_date() }} then null else end_date end as end_date,
        row_key
    from checked
    where not is_left_out and not is_extra_copy

)

select * from final
