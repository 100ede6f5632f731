{#
    unknown_reference: a reference that is not null and matches no row of the
    table it points at, as received (the trimmed values of the staged rows as
    known at var as_known_at, rows left out included): row left out.

    `to` is the staging model of the other table and `to_column` its column;
    `to_table` names the source table in the detail. checked_rows reads the
    distinct key set of `to` once and left joins it.
#}
{% macro known_reference(column, source_column, to, to_column, to_table) %}
    {%- set alias = 'ref_' ~ column -%}
    {%- do return(data_quality_check(
        rule='unknown_reference',
        column_name=source_column,
        condition='staged.' ~ column ~ ' is not null and ' ~ alias ~ '.ref_value is null',
        detail="'" ~ source_column ~ " ' || staged." ~ column
            ~ " || ' matches no row of " ~ to_table ~ "'",
        is_row_left_out=true,
        reference={
            'column': column,
            'alias': alias,
            'to': to,
            'to_column': to_column,
            'key_set': 'known_' ~ (to.identifier | replace('stg_case_system__', '')) ~ '__' ~ to_column,
        },
    )) -%}
{% endmacro %}
