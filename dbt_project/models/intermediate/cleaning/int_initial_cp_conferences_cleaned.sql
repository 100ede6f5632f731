{{ config(indexes=[{'columns': ['icpc_id'], 'unique': true}, {'columns': ['person_id']}]) }}

with

checked as (

    select * from {{ ref('int_initial_cp_conferences_checked') }}

),

final as (

    select
        icpc_id,
        s47_enquiry_id,
        person_id,
        cp_plan_id,
        transfer_in_flag,
        is_transfer_in,
        recorded_target_date,
        icpc_date,
        outcome_cp_flag,
        is_cp_plan_made,
        chair_professional_id,
        row_key
    from checked
    where not is_left_out and not is_extra_copy

)

select * from final
