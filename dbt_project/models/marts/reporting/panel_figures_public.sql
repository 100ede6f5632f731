{{ config(materialized='view') }}

-- What BI tools may read: the published figures only. A suppressed figure
-- (`c`) carries no numerator or denominator, and no exact value is exposed.
-- Granted to the roles of var bi_reader_roles by dbt's grants config
-- (dbt_project.yml), in the same build that recreates the view.

with

panel_figures as (

    select * from {{ ref('panel_figures') }}

),

final as (

    select
        period_type,
        period_label,
        period_start,
        period_end,
        measure_id,
        unit,
        case when published_value <> 'c' then numerator end as numerator,
        case when published_value <> 'c' then denominator end as denominator,
        published_value,
        is_provisional,
        computed_at
    from panel_figures

)

select * from final
