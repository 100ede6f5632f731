{{ config(indexes=[{'columns': ['professional_id'], 'unique': true}]) }}

with

checked as (

    select * from {{ ref('int_professionals_checked') }}

),

final as (

    select
        professional_id,
        job_title,
        fte as recorded_fte,
        case when fte > 0 then fte else 0 end as fte,
        agency_worker_flag,
        is_agency_worker,
        row_key
    from checked
    where not is_left_out and not is_extra_copy

)

select * from final
