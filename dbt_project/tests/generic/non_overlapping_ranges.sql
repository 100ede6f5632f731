{#
    Half-open ranges [lower, upper) of one partition must not overlap (a null
    upper bound is open-ended). Like dbt_utils.mutually_exclusive_ranges,
    written here because the project uses no dbt packages (no network).
    Fails with one row per overlapping pair.
#}
{% test non_overlapping_ranges(model, lower_bound_column, upper_bound_column, partition_by, row_id_column) %}

with

ranges as (

    select
        {{ partition_by }} as partition_value,
        {{ row_id_column }} as row_id,
        {{ lower_bound_column }} as lower_bound,
        coalesce({{ upper_bound_column }}, 'infinity'::date) as upper_bound
    from {{ model }}

)

select
    this_range.partition_value,
    this_range.row_id,
    other_range.row_id as overlapping_row_id
from ranges as this_range
inner join ranges as other_range
    on
        this_range.partition_value = other_range.partition_value
        and this_range.row_id < other_range.row_id
        and this_range.lower_bound < other_range.upper_bound
        and other_range.lower_bound < this_range.upper_bound

{% endtest %}
