{#
    invalid_care_plan_json (contract 2): a care plan JSON that is not a JSON
    object (the text null included), has a key outside the ten plan codes
    (PLAN of seeds/code_lists.csv, compared exactly) or a value that is not a
    string or null: row left out. An empty field is no plan, not a fault.

    `column` is the parsed object (macro safe_flat_json_object: null unless
    the text is an object of string or null values), `text_column` the
    trimmed text. The detail never quotes the text (its values are free
    text); it names the first key outside the codes.
#}
{% macro care_plan_json(column, text_column, source_column) %}
    {%- set unknown_keys = '(select plan_keys.plan_key from jsonb_object_keys(staged.' ~ column
        ~ ') as plan_keys (plan_key) where plan_keys.plan_key not in ' ~ codes_of('PLAN') ~ ')' -%}
    {%- do return(data_quality_check(
        rule='invalid_care_plan_json',
        column_name=source_column,
        condition='staged.' ~ text_column ~ ' is not null and (staged.' ~ column
            ~ ' is null or exists ' ~ unknown_keys ~ ')',
        detail="case when staged." ~ column ~ " is null"
            ~ " then 'not a JSON object whose values are strings or null'"
            ~ " else 'key ' || left((select min(unknown.plan_key) from " ~ unknown_keys
            ~ " as unknown (plan_key)), 40) || ' is not one of the ten plan codes' end",
        is_row_left_out=true,
    )) -%}
{% endmacro %}
