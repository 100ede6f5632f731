-- One row per initial child protection conference, with its 15-working-day
-- due date from the strategy discussion and whether it was in time
-- (null when not eligible: transfer-in, or no usable linked enquiry).
with

icpcs as (

    select * from {{ ref('int_icpcs_with_due_dates') }}

),

final as (

    select
        {{ pseudonymise('icpc_id') }}::text as icpc_key,
        {{ pseudonymise('person_id') }}::text as child_key,
        icpc_date::date as icpc_date,
        s47_start_date::date as s47_start_date,
        due_date::date as due_date,
        is_transfer_in::boolean as is_transfer_in,
        has_enquiry::boolean as has_enquiry,
        is_cp_plan_made::boolean as is_cp_plan_made,
        is_timeliness_eligible::boolean as is_timeliness_eligible,
        is_in_time::boolean as is_in_time,
        (case when chair_professional_id is not null then {{ pseudonymise('chair_professional_id') }} end)::text
            as chair_iro_key
    from icpcs

)

select * from final
