-- Singular test of macro safe_flat_json_object (contract 2, the care plan JSON
-- rule of rules.md "Bad input"): returns a row for every example that does
-- not hold. Parsed: a JSON object whose values are strings or null ({}
-- included); null (the row is left out by the check care_plan_json): not
-- JSON, the text null, an array, a string, a number, boolean, array or object
-- value, a trailing comma, a raw control character in a string, a \u0000 or an
-- unpaired surrogate escape (which jsonb cannot hold). A key outside the plan
-- codes parses: the check lists it.
with

-- inputs from a table, not literals, so that PostgreSQL cannot fold the casts
json_inputs as materialized (

    select
        input_text,
        expected_keys
    from (
        values
        ('{}', ''),
        ('{"ADOPTION": "Y", "LTFOST18": "", "RETURN6M": "Y"}', 'ADOPTION LTFOST18 RETURN6M'),
        ('{"ADOPTION": null}', 'ADOPTION'),
        (E' {\n "RETURN1M" : "a \\"b\\" \\u00e9 \\ud83d\\ude00" , "OTHERPLN":"" } ', 'OTHERPLN RETURN1M'),
        ('{"ADOPT": "Y"}', 'ADOPT'),
        ('null', null),
        ('[1]', null),
        ('"x"', null),
        ('{"ADOPTION": 1}', null),
        ('{"ADOPTION": true}', null),
        ('{"LTFOST18": ["Y"]}', null),
        ('{"LTFOST18": {"a": "Y"}}', null),
        ('{"ADOPTION": "Y"', null),
        ('{"ADOPTION": "Y",}', null),
        ('{ADOPTION: "Y"}', null),
        (E'{"ADOPTION": "a\tb"}', null),
        ('{"ADOPTION": "\u0000"}', null),
        ('{"ADOPTION": "\ud800"}', null),
        ('Y', null)
    ) as json_input (input_text, expected_keys)

),

examples as (

    select
        'safe_flat_json_object: ' || input_text as example,
        (
            select string_agg(object_key, ' ' order by object_key)
            from jsonb_object_keys({{ safe_flat_json_object('input_text') }}) as object_keys (object_key)
        ) is not distinct from nullif(expected_keys, '')
        and ({{ safe_flat_json_object('input_text') }} is null) = (expected_keys is null) as holds
    from json_inputs

)

select example
from examples
where not coalesce(holds, false)
