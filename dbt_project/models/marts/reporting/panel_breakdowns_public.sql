{{ config(materialized='view') }}

-- What BI tools may read of the breakdowns: the published values only,
-- after disclosure control and secondary suppression. No exact value, and
-- no numerator or denominator: a suppressed category's could be found by
-- subtracting the others' from the published total. Granted to the roles of
-- var bi_reader_roles by dbt's grants config (dbt_project.yml), in the same
-- build that recreates the view, as panel_figures_public is.

with

panel_breakdowns as (

    select * from {{ ref('panel_breakdowns') }}

),

final as (

    select
        period_type,
        period_label,
        period_start,
        period_end,
        measure_id,
        breakdown,
        category,
        unit,
        published_value,
        is_provisional,
        computed_at
    from panel_breakdowns

)

select * from final
