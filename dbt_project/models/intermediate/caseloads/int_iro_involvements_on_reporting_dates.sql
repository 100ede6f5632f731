{{ config(indexes=[{'columns': ['reference_date', 'person_id']}, {'columns': ['reference_date', 'professional_id']}]) }}

-- IRO involvements current on each reference date (half-open rule).
with

iro_involvements as (

    select * from {{ ref('int_iro_involvements') }}

),

reporting_dates as (

    select * from {{ ref('int_reporting_dates') }}

),

final as (

    select
        reporting_dates.reference_date,
        iro_involvements.involvement_id,
        iro_involvements.professional_id,
        iro_involvements.person_id,
        iro_involvements.is_professional_known
    from iro_involvements
    inner join reporting_dates
        on {{ is_current_on(
            'iro_involvements.start_date', 'iro_involvements.end_date', 'reporting_dates.reference_date'
        ) }}

)

select * from final
