-- One row per child per placement (stability placements: episodes collapsed,
-- temporary T0-T4 episodes skipped), with its type at start.
with

placements as (

    select * from {{ ref('int_episodes_collapsed_to_placements') }}

),

assigned_episodes as (

    select * from {{ ref('int_episodes_assigned_to_placements') }}

),

type_at_start as (

    select distinct on (placement_key)
        placement_key,
        placement_type_code
    from assigned_episodes
    where placement_key is not null
    order by placement_key, child_episode_number

),

latest_type as (

    select distinct on (placement_key)
        placement_key,
        placement_type_code
    from assigned_episodes
    where placement_key is not null
    order by placement_key asc, child_episode_number desc

),

final as (

    select
        {{ pseudonymise('placements.placement_key') }}::text as placement_key,
        {{ pseudonymise('placements.person_id') }}::text as child_key,
        {{ pseudonymise('placements.period_of_care_id') }}::text as period_of_care_key,
        placements.child_placement_number::int as child_placement_number,
        placements.placement_number_in_period::int as placement_number_in_period,
        placements.start_date::date as start_date,
        placements.end_date::date as end_date,
        type_at_start.placement_type_code::text as placement_type_at_start_code,
        latest_type.placement_type_code::text as latest_placement_type_code,
        placements.episode_count::int as episode_count
    from placements
    left join type_at_start
        on placements.placement_key = type_at_start.placement_key
    left join latest_type
        on placements.placement_key = latest_type.placement_key

)

select * from final
