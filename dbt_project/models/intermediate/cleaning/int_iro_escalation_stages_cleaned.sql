{{ config(indexes=[{'columns': ['escalation_stage_id'], 'unique': true}]) }}

with

checked as (

    select * from {{ ref('int_iro_escalation_stages_checked') }}

),

final as (

    select
        escalation_stage_id,
        escalation_id,
        stage_code,
        start_date,
        case when end_date > {{ extract_date() }} then null else end_date end as end_date,
        stage_code::int as stage_number,
        row_key
    from checked
    where not is_left_out and not is_extra_copy

)

select * from final
