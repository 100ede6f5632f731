{#
    required_field_null: a required field (rules.md, "Required fields") is
    null: row left out. For a parsed column (a date) pass its trimmed text,
    `<column>_text`: a value that is there but does not parse is an
    invalid_date, not a null.
#}
{% macro required_field(column, source_column) %}
    {%- do return(data_quality_check(
        rule='required_field_null',
        column_name=source_column,
        condition='staged.' ~ column ~ ' is null',
        detail="'" ~ source_column ~ " is null'",
        is_row_left_out=true,
    )) -%}
{% endmacro %}
