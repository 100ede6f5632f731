{#
    The primary-key checks every source table has (added by checked_rows):

    - null_primary_key: the key is null: row left out;
    - duplicate_key_differing: rows share a key but differ in a column (a
      different _row_hash: the text as received differs): every row with the
      key is left out;
    - duplicate_key_identical: a second, third ... identical copy of a row:
      listed, and counted once (the first copy is kept).
#}
{% macro primary_key_checks(primary_key, source_primary_key) %}
    {%- do return([
        null_primary_key(primary_key, source_primary_key),
        duplicate_key_differing(primary_key, source_primary_key),
        duplicate_key_identical(primary_key, source_primary_key),
    ]) -%}
{% endmacro %}

{% macro null_primary_key(primary_key, source_primary_key) %}
    {%- do return(data_quality_check(
        rule='null_primary_key',
        column_name=source_primary_key,
        condition='staged.' ~ primary_key ~ ' is null',
        detail="'primary key is null'",
        is_row_left_out=true,
    )) -%}
{% endmacro %}

{% macro duplicate_key_differing(primary_key, source_primary_key) %}
    {%- do return(data_quality_check(
        rule='duplicate_key_differing',
        column_name=source_primary_key,
        condition='keyed.has_differing_duplicates',
        detail="'primary key ' || staged." ~ primary_key
            ~ " || ' on ' || keyed.rows_with_key || ' rows that differ'",
        is_row_left_out=true,
    )) -%}
{% endmacro %}

{% macro duplicate_key_identical(primary_key, source_primary_key) %}
    {%- do return(data_quality_check(
        rule='duplicate_key_identical',
        column_name=source_primary_key,
        condition='not keyed.has_differing_duplicates and keyed.copy_rank > 1',
        detail="'identical copy ' || keyed.copy_rank || ' of primary key ' || staged." ~ primary_key
            ~ " || ': counted once'",
        is_row_left_out=false,
    )) -%}
{% endmacro %}
