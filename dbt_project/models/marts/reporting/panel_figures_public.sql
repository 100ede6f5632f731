{{ config(
    materialized='view',
    post_hook="{{ grant_if_role_exists(env_var('IRO_BI_ROLE', 'bi_reader')) }}",
) }}

-- What BI tools may read: the published figures only. A suppressed figure
-- (`c`) carries no numerator or denominator, and no exact value is exposed.

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
