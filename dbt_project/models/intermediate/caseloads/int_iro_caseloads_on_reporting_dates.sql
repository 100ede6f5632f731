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

cp_plans_on_dates as (

    select * from {{ ref('int_cp_plans_on_reporting_dates') }}

),

in_post as (

    select distinct
        involvements_on_dates.reference_date,
        involvements_on_dates.professional_id
    from involvements_on_dates
    where involvements_on_dates.is_professional_known

),

cla_children as (

    select
        involvements_on_dates.reference_date,
        involvements_on_dates.professional_id,
        count(distinct involvements_on_dates.person_id) as looked_after_children
    from involvements_on_dates
    inner join looked_after_on_dates
        on
            involvements_on_dates.reference_date = looked_after_on_dates.reference_date
            and involvements_on_dates.person_id = looked_after_on_dates.person_id
    where involvements_on_dates.is_professional_known
    group by involvements_on_dates.reference_date, involvements_on_dates.professional_id

),

cp_children as (

    select
        involvements_on_dates.reference_date,
        involvements_on_dates.professional_id,
        count(distinct involvements_on_dates.person_id) as cp_plan_children
    from involvements_on_dates
    inner join (
        select distinct reference_date, person_id from cp_plans_on_dates
    ) as cp_children_on_dates
        on
            involvements_on_dates.reference_date = cp_children_on_dates.reference_date
            and involvements_on_dates.person_id = cp_children_on_dates.person_id
    where involvements_on_dates.is_professional_known
    group by involvements_on_dates.reference_date, involvements_on_dates.professional_id

),

final as (

    select
        in_post.reference_date,
        in_post.professional_id,
        professionals.fte,
        coalesce(cla_children.looked_after_children, 0) as looked_after_children,
        coalesce(cp_children.cp_plan_children, 0) as cp_plan_children,
        case
            when professionals.fte > 0
                then coalesce(cla_children.looked_after_children, 0) / professionals.fte > 70
            else coalesce(cla_children.looked_after_children, 0) > 0
        end as is_over_guideline
    from in_post
    inner join professionals
        on in_post.professional_id = professionals.professional_id
    left join cla_children
        on
            in_post.reference_date = cla_children.reference_date
            and in_post.professional_id = cla_children.professional_id
    left join cp_children
        on
            in_post.reference_date = cp_children.reference_date
            and in_post.professional_id = cp_children.professional_id

)

select * from final
