-- The breakdowns add up (measures.md, "Breakdowns (contract 2)"): for every
-- measure of reporting.panel_breakdowns that is also in
-- reporting.panel_figures, every period and every breakdown, the categories'
-- values (counts) or numerators and denominators (percentages) sum to the
-- measure's own in panel_figures. A measure not (yet) in panel_figures is not
-- compared. Also: every breakdown has every category of
-- seeds/breakdown_categories.csv. Returns the rows that fail.
with

breakdowns as (

    select * from {{ ref('panel_breakdowns') }}

),

figures as (

    select * from {{ ref('panel_figures') }}

),

categories as (

    select * from {{ ref('breakdown_categories') }}

),

totals as (

    select
        period_type,
        period_label,
        measure_id,
        breakdown,
        sum(value) as value,
        sum(numerator) as numerator,
        sum(denominator) as denominator,
        count(*) as categories
    from breakdowns
    group by 1, 2, 3, 4

),

expected_categories as (

    select
        breakdown,
        count(*) as categories
    from categories
    group by 1

),

failures as (

    select
        totals.period_type,
        totals.period_label,
        totals.measure_id,
        totals.breakdown,
        'does not add up to panel_figures' as problem
    from totals
    inner join figures
        on
            totals.period_type = figures.period_type
            and totals.period_label = figures.period_label
            and totals.measure_id = figures.measure_id
    where
        (figures.unit = 'count' and totals.value is distinct from figures.value)
        or (
            figures.unit = 'percent'
            and (
                totals.numerator is distinct from figures.numerator
                or totals.denominator is distinct from figures.denominator
            )
        )

    union all

    select
        totals.period_type,
        totals.period_label,
        totals.measure_id,
        totals.breakdown,
        'a category is missing' as problem
    from totals
    left join expected_categories
        on totals.breakdown = expected_categories.breakdown
    where totals.categories is distinct from expected_categories.categories

)

select * from failures
