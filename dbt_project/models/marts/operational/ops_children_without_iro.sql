{{ config(schema='operational') }}

-- Worklist: children looked after on the extract date with no IRO involvement
-- current on that day.
with

looked_after as (

    select * from {{ ref('int_looked_after_on_reporting_dates') }}
    where reference_date = {{ extract_date() }}

),

with_iro as (

    select * from {{ ref('int_children_with_iro_on_reporting_dates') }}
    where reference_date = {{ extract_date() }}

),

final as (

    select
        looked_after.person_id::text as person_id,
        looked_after.period_of_care_id::text as period_of_care_id,
        looked_after.period_start_date::date as period_start_date,
        looked_after.legal_status_code::text as legal_status_code,
        ({{ extract_date() }} - looked_after.period_start_date)::int as days_looked_after,
        {{ extract_date() }} as extract_date
    from looked_after
    left join with_iro
        on looked_after.person_id = with_iro.person_id
    where with_iro.person_id is null

)

select * from final
