{{ config(indexes=[{'columns': ['reference_date', 'person_id'], 'unique': true}]) }}

-- Children with an IRO on each reference date: any current IRO involvement,
-- whether or not its professional was left out (rules.md, "Bad input").
with

involvements_on_dates as (

    select * from {{ ref('int_iro_involvements_on_reporting_dates') }}

),

final as (

    select distinct
        reference_date,
        person_id
    from involvements_on_dates

)

select * from final
