{#
    contact_after_review (contract 2): the IRO's last contact date recorded
    for a review is after that review's own date: listed only (the row stays;
    such a contact is not contact between reviews, int_cla_reviews_numbered).
#}
{% macro contact_after_review(column, source_column, review_date_column) %}
    {%- do return(data_quality_check(
        rule='contact_after_review',
        column_name=source_column,
        condition='staged.' ~ column ~ ' > staged.' ~ review_date_column,
        detail="'" ~ source_column ~ " ' || staged." ~ column
            ~ " || ' is after the review date ' || staged." ~ review_date_column
            ~ " || ': listed only, not contact between reviews'",
        is_row_left_out=false,
    )) -%}
{% endmacro %}
