{#
    Models land exactly in the schema they name (staging, intermediate,
    marts, reporting, data_quality), not in <target schema>_<name>.

    With var schema_prefix (e.g. asof_20170405) they land in
    <prefix>_<name> instead: a separate, complete set of schemas holding the
    warehouse as known at an earlier day (iro publish --as-known-at).
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- set name = target.schema if custom_schema_name is none else custom_schema_name | trim -%}
    {%- set prefix = var('schema_prefix', none) -%}
    {%- if prefix is none or (prefix | string | trim) in ('', 'None', 'none', 'null') -%}
        {{ name }}
    {%- else -%}
        {{ prefix | string | trim }}_{{ name }}
    {%- endif -%}
{%- endmacro %}
