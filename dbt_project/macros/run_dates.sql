{#
    The dates a run is about, as SQL date expressions.

    extract_date(): var extract_date, or max(raw.extracts.extract_date) when
    the var is absent. as_known_at(): var as_known_at, else extract_date().
#}
{% macro extract_date() -%}
    {%- set value = var('extract_date', none) -%}
    {%- if value is none or (value | string | trim) in ('', 'None', 'none', 'null') -%}
        (select max(extracts.extract_date) from {{ source('case_system_meta', 'extracts') }} as extracts)
    {%- else -%}
        cast('{{ value | string | trim }}' as date)
    {%- endif -%}
{%- endmacro %}

{% macro as_known_at() -%}
    {%- set value = var('as_known_at', none) -%}
    {%- if value is none or (value | string | trim) in ('', 'None', 'none', 'null') -%}
        {{ extract_date() }}
    {%- else -%}
        cast('{{ value | string | trim }}' as date)
    {%- endif -%}
{%- endmacro %}

{% macro reporting_start() -%}
    cast('{{ var("reporting_start") | string | trim }}' as date)
{%- endmacro %}

{#- The configured IRO role codes as a SQL list: ('IRO', 'IRO2') -#}
{% macro iro_role_codes_sql() -%}
    {%- set codes = var('iro_role_codes', ['IRO']) -%}
    {%- if codes is string -%}{%- set codes = codes.split(',') -%}{%- endif -%}
    (
    {%- for code in codes -%}
        '{{ code | string | trim | replace("'", "''") }}'{{ ', ' if not loop.last }}
    {%- endfor -%}
    )
{%- endmacro %}

{% macro count_same_carer_moves() -%}
    {%- set value = var('count_same_carer_moves', false) -%}
    {%- if value is string -%}
        {{ 'true' if value | lower in ('true', '1', 'yes', 'y') else 'false' }}
    {%- else -%}
        {{ 'true' if value else 'false' }}
    {%- endif -%}
{%- endmacro %}
