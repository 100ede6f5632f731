-- One row per IRO (a professional with at least one IRO involvement),
-- pseudonymised: no name, no case-system id.
with

iro_involvements as (

    select * from {{ ref('int_iro_involvements') }}

),

professionals as (

    select * from {{ ref('int_professionals_cleaned') }}

),

iros as (

    select distinct professional_id
    from iro_involvements

),

final as (

    select
        {{ pseudonymise('iros.professional_id') }}::text as iro_key,
        professionals.job_title::text as job_title,
        professionals.fte::numeric as fte,
        professionals.recorded_fte::numeric as recorded_fte,
        professionals.is_agency_worker::boolean as is_agency_worker,
        (professionals.professional_id is not null)::boolean as has_professional_record
    from iros
    left join professionals
        on iros.professional_id = professionals.professional_id

)

select * from final
