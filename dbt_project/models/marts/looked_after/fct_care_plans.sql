-- One row per care plan version (contract 2, ssd_cla_care_plan) the figures
-- use: the child, when the version was in effect (half-open; end null while
-- current), whether it holds a permanence plan and its chosen plan codes. No
-- JSON text: its values are free text.
with

care_plans as (

    select * from {{ ref('int_cla_care_plans_cleaned') }}

),

final as (

    select
        {{ pseudonymise('care_plans.care_plan_id') }}::text as care_plan_key,
        {{ pseudonymise('care_plans.person_id') }}::text as child_key,
        care_plans.start_date::date as start_date,
        care_plans.end_date::date as end_date,
        (care_plans.end_date is null)::boolean as is_open,
        care_plans.has_permanence_plan::boolean as has_permanence_plan,
        coalesce(array_length(string_to_array(nullif(care_plans.chosen_plan_codes, ''), ' '), 1), 0)::int
            as chosen_plan_count,
        care_plans.chosen_plan_codes::text as chosen_plan_codes,
        ('ADOPTION' = any(string_to_array(care_plans.chosen_plan_codes, ' ')))::boolean as is_adoption_chosen,
        (string_to_array(care_plans.chosen_plan_codes, ' ') && array['RETURN1M', 'RETURN6M', 'RETURNEV'])::boolean
            as is_return_home_chosen,
        ('LTFOST18' = any(string_to_array(care_plans.chosen_plan_codes, ' ')))::boolean
            as is_long_term_fostering_chosen
    from care_plans

)

select * from final
