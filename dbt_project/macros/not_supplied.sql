{#
    Whether the extract this build is about supplied a contract column (or,
    with column_name none, a table and all its columns): a SQL boolean, false
    when int_source_parts_not_supplied lists it (contract 2 parts, and
    columns a source profile declares absent or placeholders). Marts use it
    to show null, not a confident false, for a flag built on such a column:

        case when {{ is_supplied('ssd_cla_reviews', 'clar_cla_review_last_iro_contact_date') }}
            then reviews.has_iro_contact_between_reviews end
#}
{% macro is_supplied(table_name, column_name=none) -%}
    not exists (
        select 1
        from {{ ref('int_source_parts_not_supplied') }} as not_supplied
        where
            not_supplied.table_name = '{{ table_name }}'
            {%- if column_name is not none %}
            and (not_supplied.column_name is null or not_supplied.column_name = '{{ column_name }}')
            {%- endif %}
    )
{%- endmacro %}
