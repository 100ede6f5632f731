{#
    Models land exactly in the schema they name (staging, intermediate,
    marts, reporting, data_quality), not in <target schema>_<name>.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
