{{ config(indexes=[{'columns': ['s47_enquiry_id'], 'unique': true}, {'columns': ['person_id']}]) }}

with

checked as (

    select * from {{ ref('int_s47_enquiries_checked') }}

),

final as (

    select
        s47_enquiry_id,
        referral_id,
        person_id,
        start_date,
        case when end_date > {{ extract_date() }} then null else end_date end as end_date,
        nfa_flag,
        is_no_further_action,
        row_key
    from checked
    where not is_left_out and not is_extra_copy

)

select * from final
