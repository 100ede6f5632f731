{#
    The data-quality checks of one source table (rules.md, "Bad input"), as a
    whole model: one row per staged row, with

    - row_key: the primary key, or 'row hash <md5>' when it is null;
    - is_extra_copy: an identical duplicate after the first (counted once);
    - issues: a jsonb array, one object per issue found (rule, column_name,
      detail, is_row_left_out);
    - is_left_out: whether any issue leaves the row out of the figures.

    Usage (the whole of an int_<entity>_checked model):

        {{ checked_rows(
            staged=ref('stg_case_system__cla_reviews'),
            primary_key='review_id',
            source_primary_key='clar_cla_review_id',
            checks=[
                required_field('period_of_care_id', 'clar_cla_id'),
                known_reference('period_of_care_id', 'clar_cla_id',
                    ref('stg_case_system__cla_episodes'), 'period_of_care_id', 'ssd_cla_episodes'),
                ...
            ],
        ) }}

    The primary-key checks (null_primary_key, duplicate_key_differing,
    duplicate_key_identical) apply to every table and are added here. Each
    check is a macro of macros/checks/ returning a data_quality_check(); the
    table is read in one pass, and reference checks are left joins to the
    distinct key sets of the tables they point at.
#}
{% macro checked_rows(staged, primary_key, source_primary_key, checks) %}
    {%- set all_checks = primary_key_checks(primary_key, source_primary_key) + checks -%}
    {%- set key_sets = [] -%}
    {%- set key_set_names = [] -%}
    {%- for check in all_checks if check.reference is not none -%}
        {%- if check.reference.key_set not in key_set_names -%}
            {%- do key_set_names.append(check.reference.key_set) -%}
            {%- do key_sets.append(check.reference) -%}
        {%- endif -%}
    {%- endfor -%}
with

staged as (

    select * from {{ staged }}

),
{% for key_set in key_sets %}
{{ key_set.key_set }} as (

    select distinct {{ key_set.to_column }} as ref_value
    from {{ key_set.to }}
    where {{ key_set.to_column }} is not null

),
{% endfor %}
keyed as (

    select
        source_row_hash,
        source_copy_number,
        count(*) over (partition by {{ primary_key }}) as rows_with_key,
        {{ primary_key }} is not null
        and min(source_row_hash) over (partition by {{ primary_key }})
        <> max(source_row_hash) over (partition by {{ primary_key }}) as has_differing_duplicates,
        row_number() over (
            partition by {{ primary_key }}, source_row_hash order by source_copy_number
        ) as copy_rank
    from staged

),

checked as (

    select
        staged.*,
        coalesce(staged.{{ primary_key }}, 'row hash ' || staged.source_row_hash) as row_key,
        keyed.copy_rank > 1 and staged.{{ primary_key }} is not null as is_extra_copy,
        array_remove(array[
        {%- for check in all_checks %}
            case
                when {{ check.condition }}
                    then jsonb_build_object(
                        'rule', '{{ check.rule }}',
                        'column_name', '{{ check.column_name }}',
                        'detail', {{ check.detail }},
                        'is_row_left_out', {{ 'true' if check.is_row_left_out else 'false' }}
                    )
            end{{ ',' if not loop.last }}
        {%- endfor %}
        ]::jsonb[], null) as issues,
        (
        {%- for check in all_checks if check.is_row_left_out %}
            {{ 'or ' if not loop.first }}coalesce({{ check.condition }}, false)
        {%- endfor %}
        ) as is_left_out
    from staged
    inner join keyed
        on
            staged.source_row_hash = keyed.source_row_hash
            and staged.source_copy_number = keyed.source_copy_number
    {%- for check in all_checks if check.reference is not none %}
    left join {{ check.reference.key_set }} as {{ check.reference.alias }}
        on staged.{{ check.reference.column }} = {{ check.reference.alias }}.ref_value
    {%- endfor %}

),

final as (

    select * from checked

)

select * from final
{% endmacro %}


{#-
    One check: the rule it lists, the source column it names, a SQL condition
    on the row (columns of `staged`, and `keyed` for the key checks), the
    detail text (a SQL expression) and whether the row is left out.
    `reference` is set by known_reference only.
-#}
{% macro data_quality_check(rule, column_name, condition, detail, is_row_left_out, reference=none) %}
    {%- do return({
        'rule': rule,
        'column_name': column_name,
        'condition': condition,
        'detail': detail,
        'is_row_left_out': is_row_left_out,
        'reference': reference,
    }) -%}
{% endmacro %}
