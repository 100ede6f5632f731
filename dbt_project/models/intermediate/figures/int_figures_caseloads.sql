-- IRO caseload figures (measures.md), one row per reporting period per
-- measure. Ratios carry the children counted as numerator and the exact FTE
-- sum as denominator; iro_fte_at_end carries the FTE sum as its value. The
-- whole caseload (contract 2): the distinct children looked after on E or on
-- a CP plan on E who have an IRO on E (a child who is both counts once).
with

periods as (

    select * from {{ ref('int_reporting_periods') }}

),

caseloads as (

    select * from {{ ref('int_iro_caseloads_on_reporting_dates') }}

),

children_with_iro as (

    select * from {{ ref('int_children_with_iro_on_reporting_dates') }}

),

looked_after_on_dates as (

    select * from {{ ref('int_looked_after_on_reporting_dates') }}

),

cp_children_on_dates as (

    select * from {{ ref('int_cp_children_on_reporting_dates') }}

),

periods_of_care as (

    select * from {{ ref('int_periods_of_care_with_iro_allocation') }}
    where not is_short_break

),

staff_on_dates as (

    select
        reference_date,
        count(*) as iro_in_post,
        sum(fte) as iro_fte,
        count(*) filter (where is_over_guideline) as iro_over_guideline
    from caseloads
    group by reference_date

),

looked_after_with_iro as (

    select
        looked_after_on_dates.reference_date,
        count(*) filter (where children_with_iro.person_id is not null) as cla_with_iro,
        count(*) filter (where children_with_iro.person_id is null) as cla_without_iro
    from looked_after_on_dates
    left join children_with_iro
        on
            looked_after_on_dates.reference_date = children_with_iro.reference_date
            and looked_after_on_dates.person_id = children_with_iro.person_id
    group by looked_after_on_dates.reference_date

),

cp_with_iro as (

    select
        cp_children_on_dates.reference_date,
        count(*) as cp_children_with_iro
    from cp_children_on_dates
    inner join children_with_iro
        on
            cp_children_on_dates.reference_date = children_with_iro.reference_date
            and cp_children_on_dates.person_id = children_with_iro.person_id
    group by cp_children_on_dates.reference_date

),

whole_caseload as (

    select
        caseload_children.reference_date,
        count(*) as children_with_iro
    from (
        select
            reference_date,
            person_id
        from looked_after_on_dates
        union
        select
            reference_date,
            person_id
        from cp_children_on_dates
    ) as caseload_children
    inner join children_with_iro
        on
            caseload_children.reference_date = children_with_iro.reference_date
            and caseload_children.person_id = children_with_iro.person_id
    group by caseload_children.reference_date

),

allocation as (

    select
        periods.period_id,
        count(*) as periods_started,
        count(*) filter (where periods_of_care.is_iro_allocated_in_time) as periods_allocated_in_time
    from periods
    inner join periods_of_care
        on periods_of_care.start_date between periods.period_start and periods.reference_date
    group by periods.period_id

),

wide as (

    select
        periods.period_type,
        periods.period_label,
        coalesce(staff_on_dates.iro_in_post, 0) as iro_in_post,
        coalesce(staff_on_dates.iro_fte, 0) as iro_fte,
        coalesce(staff_on_dates.iro_over_guideline, 0) as iro_over_guideline,
        coalesce(looked_after_with_iro.cla_with_iro, 0) as cla_with_iro,
        coalesce(looked_after_with_iro.cla_without_iro, 0) as cla_without_iro,
        coalesce(cp_with_iro.cp_children_with_iro, 0) as cp_children_with_iro,
        coalesce(whole_caseload.children_with_iro, 0) as whole_caseload_with_iro,
        coalesce(allocation.periods_started, 0) as periods_started,
        coalesce(allocation.periods_allocated_in_time, 0) as periods_allocated_in_time
    from periods
    left join staff_on_dates on periods.reference_date = staff_on_dates.reference_date
    left join looked_after_with_iro on periods.reference_date = looked_after_with_iro.reference_date
    left join cp_with_iro on periods.reference_date = cp_with_iro.reference_date
    left join whole_caseload on periods.reference_date = whole_caseload.reference_date
    left join allocation on periods.period_id = allocation.period_id

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
        ('iro_in_post_at_end', null::numeric, null::numeric, wide.iro_in_post::numeric),
        ('iro_fte_at_end', null, null, wide.iro_fte),
        ('iro_cla_caseload_per_fte', wide.cla_with_iro, wide.iro_fte, null),
        ('iro_cp_caseload_per_fte', wide.cp_children_with_iro, wide.iro_fte, null),
        ('iro_total_caseload_per_fte', wide.whole_caseload_with_iro, wide.iro_fte, null),
        ('iro_over_guideline_at_end', null, null, wide.iro_over_guideline),
        ('cla_without_iro_at_end', null, null, wide.cla_without_iro),
        ('iro_allocated_in_time_pct', wide.periods_allocated_in_time, wide.periods_started, null)
    ) as measure (measure_id, numerator, denominator, value)

)

select * from final
