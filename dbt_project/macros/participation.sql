{#
    The child's participation in a review (measures.md; the same PN codes for
    looked after reviews and CP review conferences), as three columns:

    - is_participation_coded: the code is PN1-PN7 (the denominator);
    - has_participated: PN1-PN6 (null when not coded);
    - has_attended: PN1-PN4 (null when not coded).

    PN0 (a child under 4) and a null code are in neither numerator nor
    denominator. Usage, in a select list:

        {{ participation_flags('reviews.participation_code') }},
#}
{% macro participation_flags(code) -%}
    coalesce({{ code }} in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7'), false)
        as is_participation_coded,
    case
        when {{ code }} in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7')
            then {{ code }} in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6')
    end as has_participated,
    case
        when {{ code }} in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7')
            then {{ code }} in ('PN1', 'PN2', 'PN3', 'PN4')
    end as has_attended
{%- endmacro %}
