{#
    invalid_date: a date column holds text that is not `YYYY-MM-DD`
    (optionally followed by a space or `T` and a time) or not a real date
    (staging parses it with safe_date and keeps the text in
    `<column>_text`): row left out. Every date column is checked.
#}
{% macro valid_date(column, source_column) %}
    {%- do return(data_quality_check(
        rule='invalid_date',
        column_name=source_column,
        condition='staged.' ~ column ~ '_text is not null and staged.' ~ column ~ ' is null',
        detail="'not a YYYY-MM-DD date or not a real date: ' || staged." ~ column ~ '_text',
        is_row_left_out=true,
    )) -%}
{% endmacro %}
