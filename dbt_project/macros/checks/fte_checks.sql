{#
    The FTE of a professional (listed only; never leaves the row out):

    - fte_positive -> fte_not_positive: null, non-numeric, zero or negative:
      counts as 0 (int_professionals_cleaned);
    - fte_not_above_one -> fte_above_one: above 1: taken as given.

    `column` is the parsed FTE (safe_numeric); the detail shows its text.
#}
{% macro fte_positive(column, source_column) %}
    {%- do return(data_quality_check(
        rule='fte_not_positive',
        column_name=source_column,
        condition='coalesce(staged.' ~ column ~ ', 0) <= 0',
        detail="'FTE ' || coalesce(staged." ~ column ~ "_text, 'null')"
            ~ " || ' is null, non-numeric, zero or negative: counts as 0'",
        is_row_left_out=false,
    )) -%}
{% endmacro %}

{% macro fte_not_above_one(column, source_column) %}
    {%- do return(data_quality_check(
        rule='fte_above_one',
        column_name=source_column,
        condition='staged.' ~ column ~ ' > 1',
        detail="'FTE ' || staged." ~ column ~ "_text || ' is above 1: taken as given'",
        is_row_left_out=false,
    )) -%}
{% endmacro %}
