{{ config(indexes=[{'columns': ['placement_id'], 'unique': true}, {'columns': ['person_id']}]) }}

with

checked as (

    select * from {{ ref('int_cla_placements_checked') }}

),

final as (

    select
        placement_id,
        period_of_care_id,
        person_id,
        start_date,
        case when end_date > {{ extract_date() }} then null else end_date end as end_date,
        placement_type_code,
        provider_code,
        placement_urn,
        change_reason_code,
        row_key
    from checked
    where not is_left_out and not is_extra_copy

)

select * from final
