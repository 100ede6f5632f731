-- The breakdowns of the panel's figures (measures.md, "Breakdowns (contract
-- 2)"): one row per reporting period, measure, breakdown and category, zeros
-- included. Each measure counts exactly the rows its panel_figures measure
-- counts, from the same upstream models, so a breakdown's categories add up
-- to the measure's total by construction:
--
-- - cla_at_end: children looked after on E (int_looked_after_on_reporting_dates),
--   age on E;
-- - cla_started: non-short-break periods of care starting in the period, age
--   on the period's start date;
-- - cp_children_at_end: children on a CP plan on E (int_cp_children_on_reporting_dates),
--   age on E;
-- - cla_review_participation_pct: held reviews dated in the period
--   (int_cla_reviews_numbered, flags of macro participation_flags), age on
--   the review date; numerator and denominator per category.
--
-- Counts carry value (numerator and denominator null); the percentage
-- carries numerator and denominator (value null), as the figure models do.
-- category_order is the contract's order (seeds/breakdown_categories.csv).
with

periods as (

    select * from {{ ref('int_reporting_periods') }}

),

categories as (

    select * from {{ ref('breakdown_categories') }}

),

persons as (

    select * from {{ ref('int_persons_categorised') }}

),

looked_after_on_dates as (

    select * from {{ ref('int_looked_after_on_reporting_dates') }}

),

periods_of_care as (

    select * from {{ ref('int_episodes_grouped_to_periods_of_care') }}
    where not is_short_break

),

cp_children_on_dates as (

    select * from {{ ref('int_cp_children_on_reporting_dates') }}

),

reviews as (

    select * from {{ ref('int_cla_reviews_numbered') }}
    where is_held

),

-- one row per thing counted: its child, the day the child's age is taken
-- on, and what it adds to the numerator, denominator or value
counted as (

    select
        periods.period_id,
        'cla_at_end' as measure_id,
        looked_after_on_dates.person_id,
        periods.reference_date as age_date,
        0 as numerator,
        0 as denominator,
        1 as value
    from periods
    inner join looked_after_on_dates
        on periods.reference_date = looked_after_on_dates.reference_date

    union all

    select
        periods.period_id,
        'cla_started' as measure_id,
        periods_of_care.person_id,
        periods_of_care.start_date as age_date,
        0 as numerator,
        0 as denominator,
        1 as value
    from periods
    inner join periods_of_care
        on periods_of_care.start_date between periods.period_start and periods.reference_date

    union all

    select
        periods.period_id,
        'cp_children_at_end' as measure_id,
        cp_children_on_dates.person_id,
        periods.reference_date as age_date,
        0 as numerator,
        0 as denominator,
        1 as value
    from periods
    inner join cp_children_on_dates
        on periods.reference_date = cp_children_on_dates.reference_date

    union all

    select
        periods.period_id,
        'cla_review_participation_pct' as measure_id,
        reviews.person_id,
        reviews.review_date as age_date,
        case when reviews.has_participated then 1 else 0 end as numerator,
        case when reviews.is_participation_coded then 1 else 0 end as denominator,
        0 as value
    from periods
    inner join reviews
        on reviews.review_date between periods.period_start and periods.reference_date

),

-- the three characteristics of each thing counted, summed over the
-- combinations first (few) before they are split into breakdowns
characterised as (

    select
        counted.period_id,
        counted.measure_id,
        coalesce(persons.sex, 'unknown') as sex,
        {{ age_band_category('persons.birth_date', 'counted.age_date') }} as age_band,
        coalesce(persons.ethnicity_group, 'unknown') as ethnicity_group,
        sum(counted.numerator) as numerator,
        sum(counted.denominator) as denominator,
        sum(counted.value) as value
    from counted
    left join persons
        on counted.person_id = persons.person_id
    group by 1, 2, 3, 4, 5

),

split as (

    select
        characterised.period_id,
        characterised.measure_id,
        breakdown.breakdown,
        breakdown.category,
        sum(characterised.numerator) as numerator,
        sum(characterised.denominator) as denominator,
        sum(characterised.value) as value
    from characterised
    cross join
        lateral (
            values
            ('sex', characterised.sex),
            ('age_band', characterised.age_band),
            ('ethnicity_group', characterised.ethnicity_group)
        ) as breakdown (breakdown, category)
    group by 1, 2, 3, 4

),

measures as (

    select *
    from (
        values
        ('cla_at_end', 'count'),
        ('cla_started', 'count'),
        ('cp_children_at_end', 'count'),
        ('cla_review_participation_pct', 'percent')
    ) as measure (measure_id, unit)

),

grid as (

    select
        periods.period_id,
        periods.period_type,
        periods.period_label,
        measures.measure_id,
        measures.unit,
        categories.breakdown,
        categories.category,
        categories.sort_order as category_order
    from periods
    cross join measures
    cross join categories

),

final as (

    select
        grid.period_type,
        grid.period_label,
        grid.measure_id,
        grid.breakdown,
        grid.category,
        grid.category_order,
        case when grid.unit = 'percent' then coalesce(split.numerator, 0) end::numeric as numerator,
        case when grid.unit = 'percent' then coalesce(split.denominator, 0) end::numeric as denominator,
        case when grid.unit = 'count' then coalesce(split.value, 0) end::numeric as value
    from grid
    left join split
        on
            grid.period_id = split.period_id
            and grid.measure_id = split.measure_id
            and grid.breakdown = split.breakdown
            and grid.category = split.category

)

select * from final
