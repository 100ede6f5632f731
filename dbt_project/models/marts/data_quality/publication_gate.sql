-- The publication gate (rules.md, end of "Bad input"): for each source table of
-- the extract this build is about, the rows received, the rows received by the
-- extract before it, and the rows the bad-input rules leave out, with the rule
-- that leaves out the most. The publishing code refuses to publish when a table
-- that had rows before arrives empty, or when the share left out reaches the
-- setting IRO_PUBLICATION_GATE_SHARE (iro_warehouse.publishing.gate).
with

extracts as (

    select * from {{ source('case_system_meta', 'extracts') }}

),

issues as (

    select * from {{ ref('source_row_issues') }}

),

latest_extract_date as (

    select max(known.extract_date) as extract_date
    from extracts as known
    where known.extract_date <= {{ as_known_at() }}

),

this_extract as (

    select
        extracts.extract_date,
        extracts.row_counts
    from extracts
    inner join latest_extract_date
        on extracts.extract_date = latest_extract_date.extract_date

),

previous_extract_date as (

    select max(earlier.extract_date) as extract_date
    from extracts as earlier
    inner join this_extract on earlier.extract_date < this_extract.extract_date

),

previous_extract as (

    select
        extracts.extract_date,
        extracts.row_counts
    from extracts
    inner join previous_extract_date
        on extracts.extract_date = previous_extract_date.extract_date

),

received as (

    select
        counts.key as table_name,
        this_extract.extract_date,
        (counts.value ->> 'received')::int as rows_received
    from this_extract
    cross join lateral jsonb_each(this_extract.row_counts) as counts

),

received_before as (

    select
        counts.key as table_name,
        previous_extract.extract_date as previous_extract_date,
        (counts.value ->> 'received')::int as previous_rows_received
    from previous_extract
    cross join lateral jsonb_each(previous_extract.row_counts) as counts

),

left_out_by_rule as (

    select
        table_name,
        rule,
        count(distinct source_row_hash || '|' || source_copy_number::text) as rows_left_out
    from issues
    where is_row_left_out
    group by table_name, rule

),

left_out as (

    select
        table_name,
        count(distinct source_row_hash || '|' || source_copy_number::text) as rows_left_out
    from issues
    where is_row_left_out
    group by table_name

),

main_rule as (

    select distinct on (table_name)
        table_name,
        rule as main_rule,
        rows_left_out as main_rule_rows_left_out
    from left_out_by_rule
    order by table_name asc, rows_left_out desc, rule asc

),

final as (

    select
        received.table_name::text as table_name,
        received.extract_date::date as extract_date,
        received.rows_received::integer as rows_received,
        received_before.previous_extract_date::date as previous_extract_date,
        received_before.previous_rows_received::integer as previous_rows_received,
        coalesce(left_out.rows_left_out, 0)::integer as rows_left_out,
        main_rule.main_rule::text as main_rule,
        main_rule.main_rule_rows_left_out::integer as main_rule_rows_left_out
    from received
    left join received_before on received.table_name = received_before.table_name
    left join left_out on received.table_name = left_out.table_name
    left join main_rule on received.table_name = main_rule.table_name

)

select * from final
