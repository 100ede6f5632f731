-- The dates this build of the warehouse was made for: the publication code
-- reads them to name the extract date in the files and to check that a build
-- covers a month before publishing it. No timestamp: a rebuild for the same
-- dates is the same row.

with

final as (

    select
        {{ extract_date() }}::date as extract_date,
        {{ as_known_at() }}::date as as_known_at,
        {{ reporting_start() }}::date as reporting_start

)

select * from final
