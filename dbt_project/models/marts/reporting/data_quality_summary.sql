{{ config(materialized='table') }}

-- What the report publishes about data quality: one row per source table and
-- rule listed in data_quality.source_row_issues, with the source rows listed
-- under the rule, those it leaves out of the figures, and that count after
-- disclosure control as a count (macro published_value: 1 to 5 is 'c').
-- For the service and the report only (not granted to BI readers).
with

issues as (

    select * from {{ ref('source_row_issues') }}

),

rows_per_rule as (

    -- a source row (version and copy) once per rule, even when the rule
    -- lists it for two columns; a part not supplied (no source row) once per
    -- column or table
    select distinct
        table_name,
        rule,
        coalesce(source_row_hash, 'not supplied: ' || coalesce(column_name, table_name)) as source_row_hash,
        source_copy_number,
        is_row_left_out
    from issues

),

per_rule as (

    select
        table_name,
        rule,
        count(*) as rows_listed,
        count(*) filter (where is_row_left_out) as rows_left_out
    from rows_per_rule
    group by table_name, rule

),

final as (

    select
        table_name::text as table_name,
        rule::text as rule,
        rows_listed::int as rows_listed,
        rows_left_out::int as rows_left_out,
        {{ published_value("'count'", 'rows_left_out', 'null', 'null', 'false', '0') }}::text
            as published_rows_left_out
    from per_rule

)

select * from final
