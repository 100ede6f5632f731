-- Child protection figures (measures.md), one row per reporting period per
-- measure. Plans are counted as plans, conferences as conferences, children
-- (cp_children_at_end) once however many plans they are on.
with

periods as (

    select * from {{ ref('int_reporting_periods') }}

),

cp_plans_on_dates as (

    select * from {{ ref('int_cp_plans_on_reporting_dates') }}

),

cp_children_on_dates as (

    select * from {{ ref('int_cp_children_on_reporting_dates') }}

),

cp_plans as (

    select * from {{ ref('int_cp_plans_classified') }}

),

icpcs as (

    select * from {{ ref('int_icpcs_with_due_dates') }}

),

cp_reviews as (

    select * from {{ ref('int_cp_reviews_numbered') }}

),

on_end as (

    select
        periods.period_id,
        count(*) as cp_plans_at_end
    from periods
    inner join cp_plans_on_dates
        on periods.reference_date = cp_plans_on_dates.reference_date
    group by periods.period_id

),

children_on_end as (

    select
        periods.period_id,
        count(distinct cp_children_on_dates.person_id) as cp_children_at_end
    from periods
    inner join cp_children_on_dates
        on periods.reference_date = cp_children_on_dates.reference_date
    group by periods.period_id

),

started as (

    select
        periods.period_id,
        count(*) as cp_plans_started,
        count(*) filter (where cp_plans.is_repeat_plan) as cp_repeat_plans
    from periods
    inner join cp_plans
        on cp_plans.start_date between periods.period_start and periods.reference_date
    group by periods.period_id

),

ended as (

    select
        periods.period_id,
        count(*) as cp_plans_ended,
        count(*) filter (where cp_plans.has_lasted_2_years) as cp_plans_ended_2yrs_plus
    from periods
    inner join cp_plans
        on cp_plans.end_date between periods.period_start and periods.reference_date
    group by periods.period_id

),

initial_conferences as (

    select
        periods.period_id,
        count(*) as icpc_held,
        count(*) filter (where icpcs.is_timeliness_eligible) as icpc_eligible,
        count(*) filter (where icpcs.is_timeliness_eligible and icpcs.is_in_time) as icpc_in_time
    from periods
    inner join icpcs
        on icpcs.icpc_date between periods.period_start and periods.reference_date
    group by periods.period_id

),

review_conferences as (

    select
        periods.period_id,
        count(*) as rcpc_held,
        count(*) filter (where cp_reviews.is_in_time) as rcpc_in_time,
        count(*) filter (where cp_reviews.has_participated) as rcpc_participated,
        count(*) filter (where cp_reviews.is_participation_coded) as rcpc_with_participation_code,
        count(*) filter (where cp_reviews.is_quorate) as rcpc_quorate,
        count(*) filter (where cp_reviews.is_quorate is not null) as rcpc_with_quorate_flag
    from periods
    inner join cp_reviews
        on cp_reviews.review_date between periods.period_start and periods.reference_date
    group by periods.period_id

),

wide as (

    select
        periods.period_type,
        periods.period_label,
        coalesce(on_end.cp_plans_at_end, 0) as cp_plans_at_end,
        coalesce(children_on_end.cp_children_at_end, 0) as cp_children_at_end,
        coalesce(started.cp_plans_started, 0) as cp_plans_started,
        coalesce(started.cp_repeat_plans, 0) as cp_repeat_plans,
        coalesce(ended.cp_plans_ended, 0) as cp_plans_ended,
        coalesce(ended.cp_plans_ended_2yrs_plus, 0) as cp_plans_ended_2yrs_plus,
        coalesce(initial_conferences.icpc_held, 0) as icpc_held,
        coalesce(initial_conferences.icpc_eligible, 0) as icpc_eligible,
        coalesce(initial_conferences.icpc_in_time, 0) as icpc_in_time,
        coalesce(review_conferences.rcpc_held, 0) as rcpc_held,
        coalesce(review_conferences.rcpc_in_time, 0) as rcpc_in_time,
        coalesce(review_conferences.rcpc_participated, 0) as rcpc_participated,
        coalesce(review_conferences.rcpc_with_participation_code, 0) as rcpc_with_participation_code,
        coalesce(review_conferences.rcpc_quorate, 0) as rcpc_quorate,
        coalesce(review_conferences.rcpc_with_quorate_flag, 0) as rcpc_with_quorate_flag
    from periods
    left join on_end on periods.period_id = on_end.period_id
    left join children_on_end on periods.period_id = children_on_end.period_id
    left join started on periods.period_id = started.period_id
    left join ended on periods.period_id = ended.period_id
    left join initial_conferences on periods.period_id = initial_conferences.period_id
    left join review_conferences on periods.period_id = review_conferences.period_id

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
        ('cp_plans_at_end', null::numeric, null::numeric, wide.cp_plans_at_end::numeric),
        ('cp_children_at_end', null, null, wide.cp_children_at_end),
        ('cp_plans_started', null, null, wide.cp_plans_started),
        ('cp_plans_ended', null, null, wide.cp_plans_ended),
        ('icpc_held', null, null, wide.icpc_held),
        ('icpc_in_15wd_pct', wide.icpc_in_time, wide.icpc_eligible, null),
        ('rcpc_held', null, null, wide.rcpc_held),
        ('rcpc_in_time_pct', wide.rcpc_in_time, wide.rcpc_held, null),
        ('cp_review_participation_pct', wide.rcpc_participated, wide.rcpc_with_participation_code, null),
        ('cp_review_quorate_pct', wide.rcpc_quorate, wide.rcpc_with_quorate_flag, null),
        ('cp_repeat_plans_pct', wide.cp_repeat_plans, wide.cp_plans_started, null),
        ('cp_plans_2yrs_plus_pct', wide.cp_plans_ended_2yrs_plus, wide.cp_plans_ended, null)
    ) as measure (measure_id, numerator, denominator, value)

)

select * from final
