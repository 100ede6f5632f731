-- Episodes of one child that overlap another of the child's episodes
-- (half-open intervals [start, ceased), open episodes running on), among the
-- rows the figures use. Listed in data quality only: figures use the rows as
-- they are.
with

episodes as (

    select * from {{ ref('int_cla_episodes_cleaned') }}

),

pairs as (

    select
        this_episode.episode_id,
        this_episode.row_key,
        other_episode.episode_id as other_episode_id
    from episodes as this_episode
    inner join episodes as other_episode
        on
            this_episode.person_id = other_episode.person_id
            and this_episode.episode_id <> other_episode.episode_id
            and this_episode.start_date < coalesce(other_episode.ceased_date, 'infinity'::date)
            and other_episode.start_date < coalesce(this_episode.ceased_date, 'infinity'::date)

),

final as (

    select
        episode_id,
        min(row_key) as row_key,
        string_agg(other_episode_id, ', ' order by other_episode_id collate "C") as overlapping_episode_ids
    from pairs
    group by episode_id

)

select * from final
