{{ config(indexes=[{'columns': ['escalation_id'], 'unique': true}]) }}

-- Escalations with their highest stage (largest stage of the stages not left
-- out, 0 if none) and days to resolve (resolved - raised, calendar days).
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
        escalations.raised_date,
        escalations.resolved_date,
        escalations.outcome_code,
        coalesce(highest.highest_stage, 0) as highest_stage,
        coalesce(highest.stage_count, 0) as stage_count,
        escalations.resolved_date - escalations.raised_date as days_to_resolve
    from escalations
    left join highest
        on escalations.escalation_id = highest.escalation_id

)

select * from final
