{{ config(materialized='table') }}

-- Data quality (rules.md, "Bad input"): one row per source row per issue
-- found, with the table, the row's key (its primary key, or its row hash when
-- the key is null), the rule, the column and a detail, and whether the
-- figures leave the row out. A contract column or table the extract did not
-- supply is listed once (rule not_supplied, the column null for a table),
-- with no row key.
{%- set tables = [
    ('ssd_person', 'persons'),
    ('ssd_cla_episodes', 'cla_episodes'),
    ('ssd_cla_placement', 'cla_placements'),
    ('ssd_legal_status', 'legal_statuses'),
    ('ssd_cla_reviews', 'cla_reviews'),
    ('ssd_cla_care_plan', 'cla_care_plans'),
    ('ssd_s47_enquiry', 's47_enquiries'),
    ('ssd_initial_cp_conference', 'initial_cp_conferences'),
    ('ssd_cp_plans', 'cp_plans'),
    ('ssd_cp_reviews', 'cp_reviews'),
    ('ssd_professionals', 'professionals'),
    ('ssd_involvements', 'involvements'),
    ('ext_iro_escalations', 'iro_escalations'),
    ('ext_iro_escalation_stages', 'iro_escalation_stages'),
] %}

with

{% for source_table, entity in tables %}
    {{ entity }}_issues as (

        select
            '{{ source_table }}' as table_name,
            checked_rows.row_key,
            checked_rows.source_row_hash,
            checked_rows.source_copy_number,
            found_issue.issue ->> 'rule' as rule,
            found_issue.issue ->> 'column_name' as column_name,
            found_issue.issue ->> 'detail' as detail,
            (found_issue.issue ->> 'is_row_left_out')::boolean as is_row_left_out
        from {{ ref('int_' ~ entity ~ '_checked') }} as checked_rows
        cross join lateral unnest(checked_rows.issues) as found_issue (issue)

    ),

{% endfor %}
overlapping_episodes as (

    select
        'ssd_cla_episodes' as table_name,
        overlapping.row_key,
        checked_rows.source_row_hash,
        checked_rows.source_copy_number,
        'overlapping_episodes' as rule,
        'clae_cla_episode_start_date' as column_name,
        'overlaps episode(s) ' || overlapping.overlapping_episode_ids || ' of the same child: listed only'
            as detail,
        false as is_row_left_out
    from {{ ref('int_cla_episodes_overlapping') }} as overlapping
    inner join {{ ref('int_cla_episodes_checked') }} as checked_rows
        on
            overlapping.episode_id = checked_rows.episode_id
            and not checked_rows.is_left_out
            and not checked_rows.is_extra_copy

),

not_supplied as (

    select
        table_name,
        null::text as row_key,
        null::text as source_row_hash,
        null::integer as source_copy_number,
        'not_supplied' as rule,
        column_name,
        case
            when column_name is null then 'table not supplied by the extract: read as empty'
            when reason = 'placeholder' then 'column is a placeholder in the source: read as null'
            else 'column not supplied by the extract: read as null'
        end || '; the figures that need it are not published (z)' as detail,
        false as is_row_left_out
    from {{ ref('int_source_parts_not_supplied') }}

),

unioned as (

    {% for source_table, entity in tables %}
        select * from {{ entity }}_issues
        union all
    {% endfor %}
    select * from overlapping_episodes
    union all
    select * from not_supplied

),

final as (

    select
        md5(
            table_name || '|' || coalesce(source_row_hash, '') || '|'
            || coalesce(source_copy_number::text, '') || '|' || rule || '|' || coalesce(column_name, '')
        ) as issue_id,
        table_name,
        row_key,
        source_row_hash,
        source_copy_number,
        rule,
        column_name,
        detail,
        is_row_left_out,
        {{ extract_date() }} as extract_date
    from unioned

)

select * from final
