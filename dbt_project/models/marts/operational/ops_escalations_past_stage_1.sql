{{ config(schema='operational') }}

-- Worklist: escalations open on the extract date that have gone beyond stage 1
-- of the Dispute Resolution Process (highest stage 2 or more).
with

escalations as (

    select * from {{ ref('int_escalations_with_stages') }}

),

final as (

    select
        escalation_id::text as escalation_id,
        person_id::text as person_id,
        case_type_code::text as case_type_code,
        category_code::text as category_code,
        raised_date::date as raised_date,
        highest_stage::int as highest_stage,
        stage_count::int as stage_count,
        ({{ extract_date() }} - raised_date)::int as days_open,
        {{ extract_date() }} as extract_date
    from escalations
    where
        {{ is_current_on('raised_date', 'resolved_date', extract_date()) }}
        and has_reached_stage_2

)

select * from final
