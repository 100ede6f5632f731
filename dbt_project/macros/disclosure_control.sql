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

    Every argument is a SQL expression. Used by panel_figures and
    data_quality_summary (and the breakdowns to come).
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
