-- One row per escalation under the Dispute Resolution Process, with its
-- highest stage, days to resolve and category, and (contract 2) whether it
-- reached stage 2 or more and was referred to Cafcass.
with

escalations as (

    select * from {{ ref('int_escalations_with_stages') }}

),

final as (

    select
        {{ pseudonymise('escalation_id') }}::text as escalation_key,
        {{ pseudonymise('person_id') }}::text as child_key,
        (case
            when raised_by_professional_id is not null then {{ pseudonymise('raised_by_professional_id') }}
        end)::text as raised_by_iro_key,
        case_type_code::text as case_type_code,
        category_code::text as category_code,
        category_group::text as category_group,
        raised_date::date as raised_date,
        resolved_date::date as resolved_date,
        (resolved_date is null)::boolean as is_open,
        outcome_code::text as outcome_code,
        highest_stage::int as highest_stage,
        stage_count::int as stage_count,
        is_resolved_informally::boolean as is_resolved_informally,
        has_reached_stage_2::boolean as has_reached_stage_2_plus,
        (coalesce(outcome_code = 'CAFCASS_REFERRAL', false))::boolean as is_referred_to_cafcass,
        days_to_resolve::int as days_to_resolve
    from escalations

)

select * from final
