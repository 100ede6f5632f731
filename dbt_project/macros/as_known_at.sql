{#
    The row versions of a raw table as known at day D (var as_known_at):
    _valid_from <= D and (_valid_to is null or _valid_to > D), not tombstones.
    Usage, in an import CTE:
        source as ({{ versions_as_known_at(source('case_system', 'ssd_person')) }})
#}
{% macro versions_as_known_at(relation) -%}
    select *
    from {{ relation }}
    where
        _valid_from <= {{ as_known_at() }}
        and (_valid_to is null or _valid_to > {{ as_known_at() }})
        and not coalesce(_is_deleted, false)
{%- endmacro %}
