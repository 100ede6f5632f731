{#
    end_before_start: the end date is before the start date (for
    escalations: resolved before raised): row left out. The column named is
    the end date.
#}
{% macro end_not_before_start(end_column, source_end_column, start_column, source_start_column) %}
    {%- do return(data_quality_check(
        rule='end_before_start',
        column_name=source_end_column,
        condition='staged.' ~ end_column ~ ' < staged.' ~ start_column,
        detail="'" ~ source_end_column ~ " ' || staged." ~ end_column
            ~ " || ' is before " ~ source_start_column ~ " ' || staged." ~ start_column,
        is_row_left_out=true,
    )) -%}
{% endmacro %}
