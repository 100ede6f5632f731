{#
    Dates against the extract date (var extract_date, not as_known_at):

    - not_after_extract -> future_date: a start date or an event date (review,
      ICPC and CP review dates, escalation raised date) after the extract
      date: row left out;
    - end_after_extract -> end_date_after_extract: an end date (ceased, end,
      resolved) after the extract date: listed, and treated as null (still
      open on the extract date) by the int_<entity>_cleaned models.
#}
{% macro not_after_extract(column, source_column) %}
    {%- do return(data_quality_check(
        rule='future_date',
        column_name=source_column,
        condition='staged.' ~ column ~ ' > ' ~ extract_date(),
        detail="'" ~ source_column ~ " ' || staged." ~ column ~ " || ' is after the extract date'",
        is_row_left_out=true,
    )) -%}
{% endmacro %}

{% macro end_after_extract(column, source_column) %}
    {%- do return(data_quality_check(
        rule='end_date_after_extract',
        column_name=source_column,
        condition='staged.' ~ column ~ ' > ' ~ extract_date(),
        detail="'" ~ source_column ~ " ' || staged." ~ column
            ~ " || ' is after the extract date: treated as null'",
        is_row_left_out=false,
    )) -%}
{% endmacro %}
