{{ config(indexes=[{'columns': ['escalation_id'], 'unique': true}]) }}

-- Escalations with their highest stage (largest stage of the stages not left
-- out, 0 if none), days to resolve (resolved - raised, calendar days), the
-- category groups of the panel's figures (quality: QUALITY_ASSESSMENT or
-- QUALITY_PLAN; delay: PLAN_DELAY; timescale: TIMESCALE; other), whether
-- resolved informally (resolved with highest stage 0) and whether it reached
-- stage 2 or more (strategic manager sign-off and beyond).
with

escalations as (

    select * from {{ ref('int_iro_escalations_cleaned') }}

),

stages as (

    select * from {{ ref('int_iro_escalation_stages_cleaned') }}

),

highest as (

    select
        escalation_id,
        max(stage_number) as highest_stage,
        count(*) as stage_count
    from stages
    group by escalation_id

),

final as (

    select
        escalations.escalation_id,
        escalations.person_id,
        escalations.raised_by_professional_id,
        escalations.case_type_code,
        escalations.category_code,
        case
            when escalations.category_code in ('QUALITY_ASSESSMENT', 'QUALITY_PLAN') then 'quality'
            when escalations.category_code = 'PLAN_DELAY' then 'delay'
            when escalations.category_code = 'TIMESCALE' then 'timescale'
            when escalations.category_code is not null then 'other'
        end as category_group,
        escalations.raised_date,
        escalations.resolved_date,
        escalations.outcome_code,
        coalesce(highest.highest_stage, 0) as highest_stage,
        coalesce(highest.stage_count, 0) as stage_count,
        escalations.resolved_date is not null and coalesce(highest.highest_stage, 0) = 0
            as is_resolved_informally,
        coalesce(highest.highest_stage, 0) >= 2 as has_reached_stage_2,
        escalations.resolved_date - escalations.raised_date as days_to_resolve
    from escalations
    left join highest
        on escalations.escalation_id = highest.escalation_id

)

select * from final
