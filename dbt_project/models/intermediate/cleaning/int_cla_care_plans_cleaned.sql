{{ config(indexes=[{'columns': ['care_plan_id'], 'unique': true}, {'columns': ['person_id']}]) }}

-- The care plan rows the figures use (contract 2): nothing left out,
-- identical duplicates once, an end date after the extract date as null. The
-- plan itself as its chosen plan codes (keys whose value, trimmed, is not
-- empty; a null value is not chosen), space-separated in the list's order
-- ('' when none); no JSON text (its values are free text) goes further.
with

checked as (

    select * from {{ ref('int_cla_care_plans_checked') }}

),

kept as (

    select * from checked
    where not is_left_out and not is_extra_copy

),

chosen as (

    select
        kept.care_plan_id,
        string_agg(plan_codes.code, ' ' order by plan_codes.sort_order) as chosen_plan_codes
    from kept
    cross join lateral jsonb_each_text(kept.plan_json) as plan_entry (plan_key, plan_value)
    inner join {{ ref('code_lists') }} as plan_codes
        on
            plan_codes.code_list = 'PLAN'
            and plan_entry.plan_key = plan_codes.code
    where {{ clean_text('plan_entry.plan_value') }} is not null
    group by kept.care_plan_id

),

final as (

    select
        kept.care_plan_id,
        kept.person_id,
        kept.start_date,
        case when kept.end_date > {{ extract_date() }} then null else kept.end_date end as end_date,
        coalesce(chosen.chosen_plan_codes, '') as chosen_plan_codes,
        chosen.care_plan_id is not null as has_permanence_plan,
        kept.row_key
    from kept
    left join chosen
        on kept.care_plan_id = chosen.care_plan_id

)

select * from final
