{{ config(indexes=[{'columns': ['escalation_id'], 'unique': true}, {'columns': ['person_id']}]) }}

with

checked as (

    select * from {{ ref('int_iro_escalations_checked') }}

),

final as (

    select
        escalation_id,
        person_id,
        raised_by_professional_id,
        case_type_code,
        category_code,
        raised_date,
        case when resolved_date > {{ extract_date() }} then null else resolved_date end as resolved_date,
        outcome_code,
        row_key
    from checked
    where not is_left_out and not is_extra_copy

)

select * from final
