{{ config(indexes=[{'columns': ['involvement_id'], 'unique': true}, {'columns': ['person_id']}]) }}

-- IRO involvements: involvements whose role is one of var iro_role_codes.
-- An involvement whose professional was left out still gives the child an
-- IRO, but that professional is not in post and adds no FTE
-- (is_professional_known = false).
with

involvements as (

    select * from {{ ref('int_involvements_cleaned') }}

),

professionals as (

    select * from {{ ref('int_professionals_cleaned') }}

),

final as (

    select
        involvements.involvement_id,
        involvements.professional_id,
        involvements.person_id,
        involvements.role_code,
        involvements.start_date,
        involvements.end_date,
        professionals.professional_id is not null as is_professional_known,
        professionals.fte as professional_fte
    from involvements
    left join professionals
        on involvements.professional_id = professionals.professional_id
    where involvements.role_code in {{ iro_role_codes_sql() }}

)

select * from final
