-- Singular test of the date macros on the real calendar: returns a row for
-- every example that does not hold.
with

-- text inputs of the parsing macros come from a table, not literals, so that
-- PostgreSQL cannot fold the casts of rejected values at plan time
parse_inputs as materialized (

    select
        input_text,
        expected_date,
        expected_number
    from (
        values
        ('2017-03-31', date '2017-03-31', null::numeric),
        ('2017-03-31 00:00:00', date '2017-03-31', null),
        ('2017-03-31T10:15', date '2017-03-31', null),
        ('2016-02-29', date '2016-02-29', null),
        ('2017-02-30', null, null),
        ('2017-02-29', null, null),
        ('15/06/2017', null, null),
        ('20170615', null, 20170615),
        ('2017-13-01', null, null),
        ('2017-6-5', null, null),
        ('0000-01-01', null, null),
        ('0.5', null, 0.5),
        ('1', null, 1),
        ('.75', null, 0.75),
        ('-0.5', null, -0.5),
        ('full time', null, null),
        ('1,0', null, null)
    ) as parse_input (input_text, expected_date, expected_number)

),

parse_examples as (

    select
        'safe_date / safe_numeric: ' || input_text as example,
        {{ safe_date('input_text') }} is not distinct from expected_date
        and {{ safe_numeric('input_text') }} is not distinct from expected_number as holds
    from parse_inputs

),

examples as (

    select
        'add_working_days: rules.md worked example (2 Jun 1970 + 15)' as example,
        {{ add_working_days("date '1970-06-02'", 15) }} = date '1970-06-23' as holds
    union all
    select
        'add_working_days: Easter 2016 (23 Mar + 5 = 1 Apr)',
        {{ add_working_days("date '2016-03-23'", 5) }} = date '2016-04-01'
    union all
    select
        'add_working_days: Christmas 2016 (21 Dec + 20 = 23 Jan)',
        {{ add_working_days("date '2016-12-21'", 20) }} = date '2017-01-23'
    union all
    select
        'add_working_days: Easter 2017 (12 Apr + 15 = 8 May)',
        {{ add_working_days("date '2017-04-12'", 15) }} = date '2017-05-08'
    union all
    select
        'add_working_days: Christmas 2017 (22 Dec + 5 = 3 Jan)',
        {{ add_working_days("date '2017-12-22'", 5) }} = date '2018-01-03'
    union all
    select
        'add_working_days: from a Saturday (d itself never counts)',
        {{ add_working_days("date '2017-06-17'", 1) }} = date '2017-06-19'
    union all
    select
        'add_months: 31 Aug + 6 = 28 Feb',
        {{ add_months("date '2016-08-31'", 6) }} = date '2017-02-28'
    union all
    select
        'add_months: 31 Aug + 6 = 29 Feb in a leap year',
        {{ add_months("date '2015-08-31'", 6) }} = date '2016-02-29'
    union all
    select
        'add_months: 30 Nov + 3 = 28 Feb',
        {{ add_months("date '2016-11-30'", 3) }} = date '2017-02-28'
    union all
    select
        'add_months: 30 Apr - 6 = 30 Oct',
        {{ add_months("date '2017-04-30'", -6) }} = date '2016-10-30'
    union all
    select
        'add_months: 29 Feb + 24 = 28 Feb',
        {{ add_months("date '2016-02-29'", 24) }} = date '2018-02-28'
    union all
    select
        'age: born 29 Feb is older on 1 Mar in a non-leap year',
        {{ age_in_years("date '2000-02-29'", "date '2015-03-01'") }} = 15
        and {{ age_in_years("date '2000-02-29'", "date '2015-02-28'") }} = 14
    union all
    select
        'age: a child turning 16 on d is 16 on d',
        {{ age_in_years("date '2001-06-15'", "date '2017-06-15'") }} = 16
        and {{ age_in_years("date '2001-06-15'", "date '2017-06-14'") }} = 15
    union all
    select
        'age band: under_1, 16_plus on the 16th birthday, unborn under_1, no date of birth unknown',
        {{ age_band_category("date '2017-01-10'", "date '2017-03-31'") }} = 'under_1'
        and {{ age_band_category("date '2016-03-31'", "date '2017-03-31'") }} = '1_to_4'
        and {{ age_band_category("date '2012-04-01'", "date '2017-03-31'") }} = '1_to_4'
        and {{ age_band_category("date '2012-03-31'", "date '2017-03-31'") }} = '5_to_9'
        and {{ age_band_category("date '2007-03-31'", "date '2017-03-31'") }} = '10_to_15'
        and {{ age_band_category("date '2001-04-01'", "date '2017-03-31'") }} = '10_to_15'
        and {{ age_band_category("date '2001-03-31'", "date '2017-03-31'") }} = '16_plus'
        and {{ age_band_category("date '2017-05-01'", "date '2017-03-31'") }} = 'under_1'
        and {{ age_band_category("null::date", "date '2017-03-31'") }} = 'unknown'
    union all
    select
        'half-open: ending on d is not current on d',
        not {{ is_current_on("date '2017-01-01'", "date '2017-03-31'", "date '2017-03-31'") }}
        and {{ is_current_on("date '2017-03-31'", "null::date", "date '2017-03-31'") }}
    union all
    select
        'clean_text: trimmed, empty is null',
        {{ clean_text("' Y '") }} = 'Y' and {{ clean_text("'   '") }} is null
    union all
    select * from parse_examples

)

select example
from examples
where not coalesce(holds, false)
