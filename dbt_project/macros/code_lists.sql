{#
    The codes of one list of seeds/code_lists.csv (the one home of every code
    list of the contract), as a SQL subquery for `in` / `not in`:

        legal_status_code not in {{ codes_of('LEGAL_STATUS', code_group='short_break') }}

    code_group picks the codes a rule names as a group: PLACE `temporary`
    (T0-T4) and `adoption` (A3-A6), LEGAL_STATUS `short_break` (V3, V4).
#}
{% macro codes_of(code_list, code_group=none) -%}
    (
        select code_lists.code
        from {{ ref('code_lists') }} as code_lists
        where
            code_lists.code_list = '{{ code_list }}'
            {%- if code_group is not none %}
            and code_lists.code_group = '{{ code_group }}'
            {%- endif %}
    )
{%- endmacro %}
