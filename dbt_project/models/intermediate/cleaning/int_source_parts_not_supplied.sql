-- The contract columns and tables the extract this build is about (the latest
-- extract on or before var as_known_at, as for the publication gate) did not
-- supply: one row per entry of raw.extracts.not_supplied, a table with a null
-- column_name. Reason `missing` (an older SSD extract, or a column a source
-- profile declares absent) or `placeholder` (a column the source's script
-- never fills truthfully: read as null). Listed once each as `not_supplied`
-- in data_quality.source_row_issues; the figures that need them are null
-- (int_measures_not_supplied).
with

extracts as (

    select * from {{ source('case_system_meta', 'extracts') }}

),

latest_extract_date as (

    select max(known.extract_date) as extract_date
    from extracts as known
    where known.extract_date <= {{ as_known_at() }}

),

this_extract as (

    select
        extracts.extract_date,
        extracts.not_supplied
    from extracts
    inner join latest_extract_date
        on extracts.extract_date = latest_extract_date.extract_date

),

final as (

    select distinct
        this_extract.extract_date,
        (entry.item ->> 'table_name')::text as table_name,
        (entry.item ->> 'column_name')::text as column_name,
        coalesce(entry.item ->> 'reason', 'missing')::text as reason
    from this_extract
    cross join lateral jsonb_array_elements(coalesce(this_extract.not_supplied, '[]'::jsonb)) as entry (item)

)

select * from final
