{#
    Date arithmetic of rules.md, as SQL expressions.
#}

{#-
    Calendar months added, clamped to month end (31 Aug + 6 months = 28/29 Feb;
    30 Apr - 6 months = 30 Oct). PostgreSQL's date + interval 'n months'
    clamps the day of month in exactly this way (tested in unit tests).
-#}
{% macro add_months(date_expr, months) -%}
    cast({{ date_expr }} + ({{ months }}) * interval '1 month' as date)
{%- endmacro %}

{#-
    add_working_days(d, n): the n-th working day after d (d itself never
    counts), n >= 1, from the working-day index of int_calendar. Null outside
    the calendar's range.
-#}
{% macro add_working_days(date_expr, n, calendar=none) -%}
    {%- set cal = calendar if calendar is not none else ref('int_calendar') -%}
    (
        select wd_after.date_day
        from {{ cal }} as wd_base
        inner join {{ cal }} as wd_after
            on wd_after.working_day_index = wd_base.working_day_index + ({{ n }})
        where
            wd_base.date_day = {{ date_expr }}
            and wd_after.is_working_day
    )
{%- endmacro %}

{#-
    Age on day d in whole years; birthdays count on the day, and a child born
    on 29 Feb is a year older on 1 Mar in a non-leap year. Null without a
    date of birth.
-#}
{% macro age_in_years(birth_date, on_date) -%}
    (
        extract(year from {{ on_date }})::int - extract(year from {{ birth_date }})::int
        - case
            when
                (extract(month from {{ on_date }})::int, extract(day from {{ on_date }})::int)
                < (extract(month from {{ birth_date }})::int, extract(day from {{ birth_date }})::int)
                then 1
            else 0
        end
    )
{%- endmacro %}

{#- Current on day d by the half-open rule: start <= d and (end null or end > d). -#}
{% macro is_current_on(start_expr, end_expr, day_expr) -%}
    ({{ start_expr }} <= {{ day_expr }} and ({{ end_expr }} is null or {{ end_expr }} > {{ day_expr }}))
{%- endmacro %}

{#-
    DfE age band of a whole-years age: under 1, 1-4, 5-9, 10-15, 16 and over
    (the thresholds written once). `labels` names the five bands; `unknown`
    is the SQL expression for no age (null by default). A negative age (born
    after the day: an unborn child on a pre-birth plan) is under 1.
-#}
{% macro age_band(
    age_expr,
    labels=('under 1', '1-4', '5-9', '10-15', '16 and over'),
    unknown='null'
) -%}
    case
        when {{ age_expr }} is null then {{ unknown }}
        when {{ age_expr }} < 1 then '{{ labels[0] }}'
        when {{ age_expr }} < 5 then '{{ labels[1] }}'
        when {{ age_expr }} < 10 then '{{ labels[2] }}'
        when {{ age_expr }} < 16 then '{{ labels[3] }}'
        else '{{ labels[4] }}'
    end
{%- endmacro %}

{#-
    The age_band category of the breakdowns (measures.md, contract 2) of a
    child born on birth_date, on day on_date: under_1, 1_to_4, 5_to_9,
    10_to_15, 16_plus, or unknown without a date of birth (rules.md: no date
    of birth, no age). Born after on_date is under_1.
-#}
{% macro age_band_category(birth_date, on_date) -%}
    {{ age_band(
        age_in_years(birth_date, on_date),
        labels=('under_1', '1_to_4', '5_to_9', '10_to_15', '16_plus'),
        unknown="'unknown'"
    ) }}
{%- endmacro %}
