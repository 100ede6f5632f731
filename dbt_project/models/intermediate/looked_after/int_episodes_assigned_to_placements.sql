{{ config(indexes=[{'columns': ['episode_id'], 'unique': true}, {'columns': ['placement_key']}]) }}

-- Each episode of a non-short-break period of care, in the child's episode
-- order, with the placement (for stability) it belongs to (rules.md,
-- "Placement"). Temporary episodes (placement type T0-T4) are skipped: they
-- have no placement. A non-skipped episode starts a new placement when there
-- is no current placement, when its period of care differs from the current
-- placement's, or when RNE = S; otherwise one with the same placement id as
-- the last non-skipped episode continues; otherwise RNE P or B starts a new
-- placement (and T or U when var count_same_carer_moves is true), and L, T,
-- U or a null RNE continue.
with

episodes as (

    select * from {{ ref('int_cla_episodes_cleaned') }}

),

periods_of_care as (

    select * from {{ ref('int_episodes_grouped_to_periods_of_care') }}

),

placement_records as (

    select * from {{ ref('int_cla_placements_cleaned') }}

),

typed as (

    select
        episodes.episode_id,
        episodes.person_id,
        episodes.period_of_care_id,
        episodes.start_date,
        episodes.ceased_date,
        episodes.start_reason_code,
        episodes.placement_id,
        placement_records.placement_type_code,
        coalesce(placement_records.placement_type_code in {{ codes_of('PLACE', code_group='temporary') }}, false)
            as is_temporary,
        row_number() over (
            partition by episodes.person_id
            order by episodes.start_date asc, episodes.ceased_date asc nulls last, episodes.episode_id collate "C"
        ) as child_episode_number
    from episodes
    inner join periods_of_care
        on episodes.period_of_care_id = periods_of_care.period_of_care_id
    -- an episode whose placement record was left out has no placement type
    left join placement_records
        on episodes.placement_id = placement_records.placement_id
    where not periods_of_care.is_short_break

),

walked as (

    select
        typed.*,
        lag(typed.period_of_care_id) over child_order as previous_period_of_care_id,
        lag(typed.placement_id) over child_order as previous_placement_id
    from typed
    where not typed.is_temporary
    window child_order as (partition by typed.person_id order by typed.child_episode_number)

),

flagged as (

    select
        walked.*,
        case
            when walked.previous_period_of_care_id is null then true
            when walked.period_of_care_id <> walked.previous_period_of_care_id then true
            when walked.start_reason_code = 'S' then true
            when walked.placement_id = walked.previous_placement_id then false
            when walked.start_reason_code in ('P', 'B') then true
            when {{ count_same_carer_moves() }} and walked.start_reason_code in ('T', 'U') then true
            else false
        end as starts_placement
    from walked

),

numbered as (

    select
        flagged.*,
        sum(case when flagged.starts_placement then 1 else 0 end) over (
            partition by flagged.person_id
            order by flagged.child_episode_number
            rows between unbounded preceding and current row
        ) as child_placement_number
    from flagged

),

final as (

    select
        typed.episode_id,
        typed.person_id,
        typed.period_of_care_id,
        typed.child_episode_number,
        typed.start_date,
        typed.ceased_date,
        typed.start_reason_code,
        typed.placement_id,
        typed.placement_type_code,
        typed.is_temporary,
        coalesce(numbered.starts_placement, false) as starts_placement,
        numbered.child_placement_number,
        case
            when numbered.child_placement_number is not null
                then typed.person_id || '#' || numbered.child_placement_number::text
        end as placement_key
    from typed
    left join numbered
        on typed.episode_id = numbered.episode_id

)

select * from final
