{{ config(indexes=[{'columns': ['period_of_care_id'], 'unique': true}, {'columns': ['person_id']}]) }}

-- A period of care: the episodes sharing clae_cla_id. Starts on the earliest
-- episode start; ends on the ceased date of its last episode (episode order)
-- when that episode ceased with a reason other than X1 (null included), open
-- otherwise. Short-break: legal status on its start date is V3 or V4.
with

episodes as (

    select * from {{ ref('int_cla_episodes_cleaned') }}

),

legal_statuses as (

    select * from {{ ref('int_legal_statuses_cleaned') }}

),

ordered as (

    select
        episodes.*,
        row_number() over (
            partition by episodes.period_of_care_id
            order by
                episodes.start_date asc,
                episodes.ceased_date asc nulls last,
                episodes.episode_id collate "C"
        ) as episode_number,
        row_number() over (
            partition by episodes.period_of_care_id
            order by
                episodes.start_date desc,
                episodes.ceased_date desc nulls first,
                episodes.episode_id collate "C" desc
        ) as reverse_episode_number,
        count(*) over (partition by episodes.period_of_care_id) as episode_count
    from episodes

),

periods as (

    select
        first_episode.period_of_care_id,
        first_episode.person_id,
        first_episode.start_date,
        case
            when
                last_episode.ceased_date is not null
                and coalesce(last_episode.ceased_reason_code, '') <> 'X1'
                then last_episode.ceased_date
        end as end_date,
        last_episode.ceased_reason_code as last_ceased_reason_code,
        first_episode.episode_count
    from ordered as first_episode
    inner join ordered as last_episode
        on
            first_episode.period_of_care_id = last_episode.period_of_care_id
            and last_episode.reverse_episode_number = 1
    where first_episode.episode_number = 1

),

legal_status_at_start as (

    select distinct on (periods.period_of_care_id)
        periods.period_of_care_id,
        legal_statuses.legal_status_code
    from periods
    inner join legal_statuses
        on
            periods.person_id = legal_statuses.person_id
            and {{ is_current_on('legal_statuses.start_date', 'legal_statuses.end_date', 'periods.start_date') }}
    order by
        periods.period_of_care_id asc,
        legal_statuses.start_date desc,
        legal_statuses.legal_status_id collate "C" desc

),

final as (

    select
        periods.period_of_care_id,
        periods.person_id,
        periods.start_date,
        periods.end_date,
        periods.end_date is null as is_open,
        periods.last_ceased_reason_code,
        periods.episode_count,
        legal_status_at_start.legal_status_code as legal_status_at_start_code,
        coalesce(
            legal_status_at_start.legal_status_code in {{ codes_of('LEGAL_STATUS', code_group='short_break') }},
            false
        ) as is_short_break,
        -- review 1 is due 20 working days after the start (reg 33); the IRO is
        -- allocated in time when an involvement starts within 5 working days
        {{ add_working_days('periods.start_date', 20) }} as first_review_due_date,
        {{ add_working_days('periods.start_date', 5) }} as iro_allocation_due_date
    from periods
    left join legal_status_at_start
        on periods.period_of_care_id = legal_status_at_start.period_of_care_id

)

select * from final
