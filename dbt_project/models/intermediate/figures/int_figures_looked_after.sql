-- Looked after children figures (measures.md), one row per reporting period
-- per measure: value for counts, numerator and denominator for percentages.
-- Short-break periods of care are left out of every one.
with

periods as (

    select * from {{ ref('int_reporting_periods') }}

),

looked_after_on_dates as (

    select * from {{ ref('int_looked_after_on_reporting_dates') }}

),

periods_of_care as (

    select * from {{ ref('int_episodes_grouped_to_periods_of_care') }}
    where not is_short_break

),

reviews as (

    select * from {{ ref('int_cla_reviews_numbered') }}

),

review_status as (

    select * from {{ ref('int_cla_review_status_on_reporting_dates') }}

),

reviews_with_permanence_plans as (

    select * from {{ ref('int_cla_reviews_with_permanence_plans') }}

),

stability as (

    select * from {{ ref('int_placement_stability_by_period') }}

),

on_end as (

    select
        periods.period_id,
        count(distinct looked_after_on_dates.person_id) as cla_at_end,
        count(distinct looked_after_on_dates.person_id) filter (
            where
            looked_after_on_dates.legal_status_code = 'V2'
            and looked_after_on_dates.legal_status_start_date
            <= {{ add_months('periods.reference_date', -6) }}
        ) as cla_s20_over_6_months_at_end
    from periods
    inner join looked_after_on_dates
        on periods.reference_date = looked_after_on_dates.reference_date
    group by periods.period_id

),

overdue as (

    select
        periods.period_id,
        count(distinct review_status.person_id) filter (where review_status.is_overdue)
            as cla_reviews_overdue_at_end
    from periods
    inner join review_status
        on periods.reference_date = review_status.reference_date
    group by periods.period_id

),

started as (

    select
        periods.period_id,
        count(*) as cla_started
    from periods
    inner join periods_of_care
        on periods_of_care.start_date between periods.period_start and periods.reference_date
    group by periods.period_id

),

ceased as (

    select
        periods.period_id,
        count(*) as cla_ceased
    from periods
    inner join periods_of_care
        on periods_of_care.end_date between periods.period_start and periods.reference_date
    group by periods.period_id

),

held as (

    select
        periods.period_id,
        count(*) as reviews_held,
        count(*) filter (where reviews.is_in_time) as reviews_in_time,
        count(*) filter (where reviews.has_participated) as reviews_participated,
        count(*) filter (where reviews.has_attended) as reviews_attended,
        count(*) filter (where reviews.is_participation_coded) as reviews_with_participation_code,
        count(*) filter (where reviews.has_iro_contact_between_reviews) as reviews_with_iro_contact
    from periods
    inner join reviews
        on reviews.review_date between periods.period_start and periods.reference_date
    where reviews.is_held
    group by periods.period_id

),

second_reviews as (

    select
        periods.period_id,
        count(*) as second_reviews_held,
        count(*) filter (where reviews_with_permanence_plans.has_permanence_plan)
            as second_reviews_with_permanence_plan
    from periods
    inner join reviews_with_permanence_plans
        on reviews_with_permanence_plans.review_date between periods.period_start and periods.reference_date
    where reviews_with_permanence_plans.is_second_review
    group by periods.period_id

),

cancelled as (

    select
        periods.period_id,
        count(*) as reviews_cancelled
    from periods
    inner join reviews
        on reviews.recorded_due_date between periods.period_start and periods.reference_date
    where reviews.is_cancelled
    group by periods.period_id

),

stable as (

    select
        period_id,
        count(*) filter (where has_3plus_placements) as children_3plus_placements,
        count(*) as children_looked_after,
        count(*) filter (where is_long_term_cohort) as long_term_cohort,
        count(*) filter (where is_long_term_cohort and is_in_long_term_placement)
            as long_term_stable
    from stability
    group by period_id

),

wide as (

    select
        periods.period_type,
        periods.period_label,
        coalesce(on_end.cla_at_end, 0) as cla_at_end,
        coalesce(on_end.cla_s20_over_6_months_at_end, 0) as cla_s20_over_6_months_at_end,
        coalesce(overdue.cla_reviews_overdue_at_end, 0) as cla_reviews_overdue_at_end,
        coalesce(started.cla_started, 0) as cla_started,
        coalesce(ceased.cla_ceased, 0) as cla_ceased,
        coalesce(held.reviews_held, 0) as reviews_held,
        coalesce(held.reviews_in_time, 0) as reviews_in_time,
        coalesce(held.reviews_participated, 0) as reviews_participated,
        coalesce(held.reviews_attended, 0) as reviews_attended,
        coalesce(held.reviews_with_participation_code, 0) as reviews_with_participation_code,
        coalesce(held.reviews_with_iro_contact, 0) as reviews_with_iro_contact,
        coalesce(second_reviews.second_reviews_held, 0) as second_reviews_held,
        coalesce(second_reviews.second_reviews_with_permanence_plan, 0) as second_reviews_with_permanence_plan,
        coalesce(cancelled.reviews_cancelled, 0) as reviews_cancelled,
        coalesce(stable.children_3plus_placements, 0) as children_3plus_placements,
        coalesce(stable.children_looked_after, 0) as children_looked_after,
        coalesce(stable.long_term_cohort, 0) as long_term_cohort,
        coalesce(stable.long_term_stable, 0) as long_term_stable
    from periods
    left join on_end on periods.period_id = on_end.period_id
    left join overdue on periods.period_id = overdue.period_id
    left join started on periods.period_id = started.period_id
    left join ceased on periods.period_id = ceased.period_id
    left join held on periods.period_id = held.period_id
    left join second_reviews on periods.period_id = second_reviews.period_id
    left join cancelled on periods.period_id = cancelled.period_id
    left join stable on periods.period_id = stable.period_id

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
        ('cla_at_end', null::numeric, null::numeric, wide.cla_at_end::numeric),
        ('cla_started', null, null, wide.cla_started),
        ('cla_ceased', null, null, wide.cla_ceased),
        ('cla_s20_over_6_months_at_end', null, null, wide.cla_s20_over_6_months_at_end),
        ('cla_reviews_held', null, null, wide.reviews_held),
        ('cla_reviews_in_time_pct', wide.reviews_in_time, wide.reviews_held, null),
        ('cla_reviews_cancelled', null, null, wide.reviews_cancelled),
        ('cla_reviews_overdue_at_end', null, null, wide.cla_reviews_overdue_at_end),
        (
            'cla_review_participation_pct',
            wide.reviews_participated,
            wide.reviews_with_participation_code,
            null
        ),
        (
            'cla_review_attendance_pct',
            wide.reviews_attended,
            wide.reviews_with_participation_code,
            null
        ),
        ('cla_iro_contact_between_reviews_pct', wide.reviews_with_iro_contact, wide.reviews_held, null),
        (
            'cla_permanence_plan_at_second_review_pct',
            wide.second_reviews_with_permanence_plan,
            wide.second_reviews_held,
            null
        ),
        (
            'stability_3plus_placements_pct',
            wide.children_3plus_placements,
            wide.children_looked_after,
            null
        ),
        ('stability_long_term_pct', wide.long_term_stable, wide.long_term_cohort, null)
    ) as measure (measure_id, numerator, denominator, value)

)

select * from final
