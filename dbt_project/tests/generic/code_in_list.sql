{#
    Every non-null value of the column is a code of its list in
    seeds/code_lists.csv, the list the data-quality check code_in_list reads
    (compared as text, so an integer stage number is checked against the
    ESC_STAGE codes '0' to '5').

        - name: participation_code
          data_tests:
            - code_in_list:
                arguments:
                  code_list: PARTICIPATION
#}
{% test code_in_list(model, column_name, code_list) %}

select {{ column_name }} as code_outside_its_list
from {{ model }}
where
    {{ column_name }} is not null
    and {{ column_name }}::text not in {{ codes_of(code_list) }}

{% endtest %}
