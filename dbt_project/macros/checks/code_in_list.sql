{#
    code_not_in_list: a code that is not in its list of seeds/code_lists.csv
    (compared exactly: `y` is not `Y`): row left out. A null code is not
    outside its list.
#}
{% macro code_in_list(column, source_column, code_list) %}
    {%- do return(data_quality_check(
        rule='code_not_in_list',
        column_name=source_column,
        condition='staged.' ~ column ~ ' is not null and staged.' ~ column
            ~ ' not in ' ~ codes_of(code_list),
        detail="'code ' || staged." ~ column ~ " || ' is not in its list'",
        is_row_left_out=true,
    )) -%}
{% endmacro %}
