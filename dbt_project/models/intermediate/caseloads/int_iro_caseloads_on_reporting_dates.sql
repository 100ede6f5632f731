{{ config(indexes=[{'columns': ['reference_date', 'professional_id'], 'unique': true}]) }}

-- One row per IRO in post per reference date d (a known professional with a
-- current IRO involvement on d): FTE (null, non-numeric, zero or negative
-- as 0), the distinct children looked after on d with a current IRO
-- involvement with them, children on a CP plan current on d, and whether the
-- IRO is over the caseload guideline (looked after children / FTE > 70; with
-- 0 FTE any such child puts them over).
with

involvements_on_dates as (

    select * from {{ ref('int_iro_involvements_on_reporting_dates') }}

),

professionals as (

    select * from {{ ref('int_professionals_cleaned') }}

),

looked_after_on_dates as (

    select * from {{ ref('int_looked_after_on_reporting_dates') }}

),

cp_children_on_dates as (

    select * from {{ ref('int_cp_children_on_reporting_dates') }}

),

flagged as (

    select
        involvements_on_dates.reference_date,
        involvements_on_dates.professional_id,
        involvements_on_dates.person_id,
        looked_after_on_dates.person_id is not null as is_looked_after,
        cp_children_on_dates.person_id is not null as has_cp_plan
    from involvements_on_dates
    left join looked_after_on_dates
        on
            involvements_on_dates.reference_date = looked_after_on_dates.reference_date
            and involvements_on_dates.person_id = looked_after_on_dates.person_id
    left join cp_children_on_dates
        on
            involvements_on_dates.reference_date = cp_children_on_dates.reference_date
            and involvements_on_dates.person_id = cp_children_on_dates.person_id
    where involvements_on_dates.is_professional_known

),

per_iro as (

    select
        reference_date,
        professional_id,
        count(distinct person_id) filter (where is_looked_after) as looked_after_children,
        count(distinct person_id) filter (where has_cp_plan) as cp_plan_children
    from flagged
    group by reference_date, professional_id

),

final as (

    select
        per_iro.reference_date,
        per_iro.professional_id,
        professionals.fte,
        per_iro.looked_after_children,
        per_iro.cp_plan_children,
        case
            when professionals.fte > 0
                then per_iro.looked_after_children / professionals.fte > 70
            else per_iro.looked_after_children > 0
        end as is_over_guideline
    from per_iro
    inner join professionals
        on per_iro.professional_id = professionals.professional_id

)

select * from final
