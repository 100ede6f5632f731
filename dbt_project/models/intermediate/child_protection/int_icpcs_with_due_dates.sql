{{ config(indexes=[{'columns': ['icpc_id'], 'unique': true}]) }}

-- Initial CP conferences with the 15-working-day due date from the linked
-- enquiry's start (the strategy discussion). Transfer-ins, conferences with
-- no linked enquiry and those whose enquiry was left out are not eligible for
-- the timeliness measure (but still count as held).
with

icpcs as (

    select * from {{ ref('int_initial_cp_conferences_cleaned') }}

),

enquiries as (

    select * from {{ ref('int_s47_enquiries_cleaned') }}

),

joined as (

    select
        icpcs.icpc_id,
        icpcs.person_id,
        icpcs.s47_enquiry_id,
        icpcs.cp_plan_id,
        icpcs.icpc_date,
        icpcs.is_transfer_in,
        icpcs.is_cp_plan_made,
        icpcs.chair_professional_id,
        enquiries.start_date as s47_start_date,
        enquiries.s47_enquiry_id is not null as has_enquiry
    from icpcs
    left join enquiries
        on icpcs.s47_enquiry_id = enquiries.s47_enquiry_id

),

final as (

    select
        joined.*,
        case
            when joined.has_enquiry then {{ add_working_days('joined.s47_start_date', 15) }}
        end as due_date,
        not joined.is_transfer_in and joined.has_enquiry as is_timeliness_eligible
    from joined

),

with_timeliness as (

    select
        final.*,
        case
            when final.is_timeliness_eligible then coalesce(final.icpc_date <= final.due_date, false)
        end as is_in_time
    from final

)

select * from with_timeliness
