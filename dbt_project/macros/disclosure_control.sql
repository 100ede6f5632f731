{#
    The exact value of a figure (measures.md): a count is its count (0 when
    nothing was counted); a value given by the figure model (the FTE sum, a
    median) is rounded to the measure's decimals; a percentage is
    100 * numerator / denominator and a ratio numerator / denominator, rounded
    half away from zero to the measure's decimals (numeric arithmetic), null
    with a zero denominator. Used by panel_figures and panel_breakdowns.
#}
{% macro figure_value(unit, given_value, numerator, denominator, decimals) -%}
    case
        when {{ unit }} = 'count' then coalesce({{ given_value }}, 0)
        when {{ given_value }} is not null then round({{ given_value }}, {{ decimals }})
        when {{ unit }} = 'percent' and {{ denominator }} > 0
            then round(100 * {{ numerator }} / {{ denominator }}, {{ decimals }})
        when {{ unit }} = 'ratio' and {{ denominator }} > 0
            then round({{ numerator }} / {{ denominator }}, {{ decimals }})
    end
{%- endmacro %}

{#
    Disclosure control (measures.md, "Output contract"): the text a figure is
    published as, from its unit, exact value, numerator and denominator, in
    the contract's order:

    1. a null value -> 'z' (not applicable);
    2. unless the measure is exempt (the staff figures), 'c' (suppressed) for
       a count from 1 to 5, a percentage whose numerator or denominator is
       from 1 to 5, a ratio whose numerator is from 1 to 5, a median (days)
       over 1 to 5 values (its denominator);
    3. then any zero -> '0' (so 0 of 3 is 'c', 0 of 40 is '0');
    4. else the value rounded to `decimals` places (half away from zero:
       counts 0, percentages and days 1, ratios 2; seeds/measures.csv).

    Every argument is a SQL expression. Used by panel_figures,
    panel_breakdowns (cell by cell, before secondary suppression) and
    data_quality_summary.
#}
{% macro published_value(unit, value, numerator, denominator, is_exempt, decimals) -%}
    case
        when {{ value }} is null then 'z'
        when
            not {{ is_exempt }}
            and (
                ({{ unit }} = 'count' and {{ value }} between 1 and 5)
                or (
                    {{ unit }} = 'percent'
                    and ({{ numerator }} between 1 and 5 or {{ denominator }} between 1 and 5)
                )
                or ({{ unit }} = 'ratio' and {{ numerator }} between 1 and 5)
                or ({{ unit }} = 'days' and {{ denominator }} between 1 and 5)
            )
            then 'c'
        when {{ value }} = 0 then '0'
        else round({{ value }}, {{ decimals }})::text
    end
{%- endmacro %}


{#
    Secondary suppression of the breakdowns (measures.md, "Breakdowns
    (contract 2)"), one pass, for counts only: within one group of cells
    (one period, measure and breakdown: `group_by`), when exactly one cell is
    'c' after published_value, the cell with the smallest non-zero value
    among the others (the first by `order_by`, the contract's category
    order, on a tie) is 'c' too, so that the suppressed one cannot be found
    by subtracting the others from the total. When every other cell is 0
    nothing more is suppressed (the total is then itself 1 to 5, and 'c').
    Percentages are left as they are.

    `cells` is a relation (a CTE) with columns unit, value and
    primary_published_value (published_value cell by cell); returns a query
    of its columns plus published_value, and two helper columns
    (cells_suppressed, rank_among_non_zero) the caller leaves out.
#}
{% macro secondary_suppression(cells, group_by, order_by) -%}
    select
        ranked.*,
        case
            when
                ranked.unit = 'count'
                and ranked.cells_suppressed = 1
                and ranked.primary_published_value <> 'c'
                and ranked.value <> 0
                and ranked.rank_among_non_zero = 1
                then 'c'
            else ranked.primary_published_value
        end as published_value
    from (
        select
            cells.*,
            count(*) filter (where cells.primary_published_value = 'c') over (
                partition by {{ group_by | join(', ') }}
            ) as cells_suppressed,
            row_number() over (
                partition by
                    {{ group_by | join(', ') }},
                    cells.primary_published_value <> 'c' and cells.value <> 0
                order by cells.value asc, {{ order_by }}
            ) as rank_among_non_zero
        from {{ cells }} as cells
    ) as ranked
{%- endmacro %}
