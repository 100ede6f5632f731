{{ config(indexes=[{'columns': ['legal_status_id'], 'unique': true}, {'columns': ['person_id']}]) }}

with

checked as (

    select * from {{ ref('int_legal_statuses_checked') }}

),

final as (

    select
        legal_status_id,
        person_id,
        legal_status_code,
        start_date,
        case when end_date > {{ extract_date() }} then null else end_date end as end_date,
        row_key
    from checked
    where not is_left_out and not is_extra_copy

)

select * from final
