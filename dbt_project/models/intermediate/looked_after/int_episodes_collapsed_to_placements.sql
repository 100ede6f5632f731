{{ config(indexes=[{'columns': ['placement_key'], 'unique': true}, {'columns': ['person_id']}]) }}

-- Placements for stability: one row per placement (rules.md). It starts on
-- its first episode's start date and ends on the start of the next placement
-- of the same period of care, or else on the end of the period of care (null
-- while open); temporary episodes never end it.
with

assigned as (

    select * from {{ ref('int_episodes_assigned_to_placements') }}

),

periods_of_care as (

    select * from {{ ref('int_episodes_grouped_to_periods_of_care') }}

),

placements as (

    select
        placement_key,
        min(person_id) as person_id,
        min(period_of_care_id) as period_of_care_id,
        min(child_placement_number) as child_placement_number,
        min(start_date) as start_date,
        count(*) as episode_count
    from assigned
    where placement_key is not null
    group by placement_key

),

sequenced as (

    select
        placements.*,
        row_number() over (
            partition by placements.period_of_care_id
            order by placements.child_placement_number
        ) as placement_number_in_period,
        lead(placements.start_date) over (
            partition by placements.period_of_care_id
            order by placements.child_placement_number
        ) as next_placement_start_date,
        lag(placements.start_date) over (
            partition by placements.period_of_care_id
            order by placements.child_placement_number
        ) as previous_placement_start_date
    from placements

),

final as (

    select
        sequenced.placement_key,
        sequenced.person_id,
        sequenced.period_of_care_id,
        sequenced.child_placement_number,
        sequenced.placement_number_in_period,
        sequenced.start_date,
        coalesce(sequenced.next_placement_start_date, periods_of_care.end_date) as end_date,
        sequenced.previous_placement_start_date,
        sequenced.episode_count
    from sequenced
    inner join periods_of_care
        on sequenced.period_of_care_id = periods_of_care.period_of_care_id

)

select * from final
