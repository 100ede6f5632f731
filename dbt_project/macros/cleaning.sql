{#
    Value cleaning used by staging. Every macro returns a SQL expression and
    never raises: a value that does not parse becomes null (staging keeps the
    trimmed text beside it so data quality can report it).
#}

{#- Trim surrounding white space; an empty value is null. -#}
{% macro clean_text(column) -%}
    nullif(btrim({{ column }}, E' \t\r\n\f\v'), '')
{%- endmacro %}

{#-
    A calendar date from trimmed text: 'YYYY-MM-DD' optionally followed by a
    space or 'T' and a time (hh:mm, hh:mm:ss, fractions, a zone), and a real
    date ('2017-02-30' is null). The time part is dropped.
-#}
{% macro safe_date(text_expr) -%}
    case
        when {{ text_expr }} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?$'
            then
                case
                    when
                        substr({{ text_expr }}, 1, 4)::int >= 1
                        and substr({{ text_expr }}, 6, 2)::int between 1 and 12
                        and substr({{ text_expr }}, 9, 2)::int between 1 and {{ days_in_month(
                            'substr(' ~ text_expr ~ ', 1, 4)::int',
                            'substr(' ~ text_expr ~ ', 6, 2)::int'
                        ) }}
                        then substr({{ text_expr }}, 1, 10)::date
                end
    end
{%- endmacro %}

{% macro days_in_month(year_expr, month_expr) -%}
    case
        when {{ month_expr }} in (4, 6, 9, 11) then 30
        when {{ month_expr }} = 2
            then
                case
                    when
                        ({{ year_expr }} % 4 = 0 and {{ year_expr }} % 100 <> 0)
                        or {{ year_expr }} % 400 = 0
                        then 29
                    else 28
                end
        else 31
    end
{%- endmacro %}

{#- A decimal number from trimmed text, null when it is not one. -#}
{% macro safe_numeric(text_expr) -%}
    case
        when {{ text_expr }} ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]{1,3})?$'
            then {{ text_expr }}::numeric
    end
{%- endmacro %}

{#-
    A flat JSON object from trimmed text, as jsonb, or null when the text is
    not one: an object ({} included) whose values are all strings or JSON
    null (the care plan JSON of ssd_cla_care_plan, rules.md "Bad input").
    Anything else (not JSON, the text null, an array, a number, a nested
    object or array, a number or boolean value) is null. Checked by a regular
    expression before the cast, so it never raises: strings are JSON strings
    (escapes \" \\ \/ \b \f \n \r \t \uXXXX; no raw control character); a
    \u0000 or an unpaired surrogate escape, which PostgreSQL's jsonb cannot
    hold, makes the text not one. Duplicate keys: the last wins (as jsonb).
-#}
{% macro safe_flat_json_object(text_expr) -%}
    {%- set ws = '[ \\t\\n\\r]*' -%}
    {%- set hex = '[0-9a-fA-F]' -%}
    {%- set string = '"(?:[^"\\\\\\x01-\\x1f]|\\\\["\\\\/bfnrt]'
        ~ '|\\\\u[dD][89abAB]' ~ hex ~ '{2}\\\\u[dD][c-fC-F]' ~ hex ~ '{2}'
        ~ '|\\\\u(?!0000)(?![dD][89a-fA-F])' ~ hex ~ '{4})*"' -%}
    {%- set member = string ~ ws ~ ':' ~ ws ~ '(?:' ~ string ~ '|null)' -%}
    {%- set pattern = '^' ~ ws ~ '\\{' ~ ws ~ '(?:' ~ member ~ '(?:' ~ ws ~ ',' ~ ws ~ member ~ ')*)?'
        ~ ws ~ '\\}' ~ ws ~ '$' -%}
    case
        when {{ text_expr }} ~ '{{ pattern }}' then ({{ text_expr }})::jsonb
    end
{%- endmacro %}
