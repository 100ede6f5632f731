-- Escalation figures (measures.md), one row per reporting period per measure.
-- The median carries the number of values as denominator and no numerator.
-- Contract 2: of those resolved in the period, the ones that reached stage 2
-- or more, and the ones referred to Cafcass (outcome CAFCASS_REFERRAL).
with

periods as (

    select * from {{ ref('int_reporting_periods') }}

),

escalations as (

    select * from {{ ref('int_escalations_with_stages') }}

),

raised as (

    select
        periods.period_id,
        count(*) as drp_raised,
        count(*) filter (where escalations.case_type_code = 'CLA') as drp_raised_cla,
        count(*) filter (where escalations.case_type_code = 'CP') as drp_raised_cp,
        count(*) filter (where escalations.category_group = 'quality') as drp_raised_quality,
        count(*) filter (where escalations.category_group = 'delay') as drp_raised_delay,
        count(*) filter (where escalations.category_group = 'timescale') as drp_raised_timescale
    from periods
    inner join escalations
        on escalations.raised_date between periods.period_start and periods.reference_date
    group by periods.period_id

),

resolved as (

    select
        periods.period_id,
        count(*) as drp_resolved,
        count(*) filter (where escalations.is_resolved_informally) as drp_resolved_informally,
        count(*) filter (where escalations.has_reached_stage_2) as drp_reached_stage_2_plus,
        count(*) filter (where escalations.outcome_code = 'CAFCASS_REFERRAL') as drp_cafcass_referrals,
        (percentile_cont(0.5) within group (order by escalations.days_to_resolve))::numeric
            as median_days_to_resolve
    from periods
    inner join escalations
        on escalations.resolved_date between periods.period_start and periods.reference_date
    group by periods.period_id

),

open_at_end as (

    select
        periods.period_id,
        count(*) as drp_open_at_end
    from periods
    inner join escalations
        on {{ is_current_on('escalations.raised_date', 'escalations.resolved_date', 'periods.reference_date') }}
    group by periods.period_id

),

wide as (

    select
        periods.period_type,
        periods.period_label,
        coalesce(raised.drp_raised, 0) as drp_raised,
        coalesce(raised.drp_raised_cla, 0) as drp_raised_cla,
        coalesce(raised.drp_raised_cp, 0) as drp_raised_cp,
        coalesce(raised.drp_raised_quality, 0) as drp_raised_quality,
        coalesce(raised.drp_raised_delay, 0) as drp_raised_delay,
        coalesce(raised.drp_raised_timescale, 0) as drp_raised_timescale,
        coalesce(resolved.drp_resolved, 0) as drp_resolved,
        coalesce(resolved.drp_resolved_informally, 0) as drp_resolved_informally,
        coalesce(resolved.drp_reached_stage_2_plus, 0) as drp_reached_stage_2_plus,
        coalesce(resolved.drp_cafcass_referrals, 0) as drp_cafcass_referrals,
        resolved.median_days_to_resolve,
        coalesce(open_at_end.drp_open_at_end, 0) as drp_open_at_end
    from periods
    left join raised on periods.period_id = raised.period_id
    left join resolved on periods.period_id = resolved.period_id
    left join open_at_end on periods.period_id = open_at_end.period_id

),

final as (

    select
        wide.period_type,
        wide.period_label,
        measure.measure_id,
        measure.numerator,
        measure.denominator,
        measure.value
    from wide
    cross join lateral (
        values
        ('drp_raised', null::numeric, null::numeric, wide.drp_raised::numeric),
        ('drp_raised_cla', null, null, wide.drp_raised_cla),
        ('drp_raised_cp', null, null, wide.drp_raised_cp),
        ('drp_raised_quality', null, null, wide.drp_raised_quality),
        ('drp_raised_delay', null, null, wide.drp_raised_delay),
        ('drp_raised_timescale', null, null, wide.drp_raised_timescale),
        ('drp_resolved', null, null, wide.drp_resolved),
        ('drp_resolved_informally_pct', wide.drp_resolved_informally, wide.drp_resolved, null),
        ('drp_median_days_to_resolve', null, wide.drp_resolved, wide.median_days_to_resolve),
        ('drp_open_at_end', null, null, wide.drp_open_at_end),
        ('drp_reached_stage_2_plus', null, null, wide.drp_reached_stage_2_plus),
        ('drp_cafcass_referrals', null, null, wide.drp_cafcass_referrals)
    ) as measure (measure_id, numerator, denominator, value)

)

select * from final
