-- The checks of ssd_cla_episodes (rules.md, "Bad input"): one row per staged row
-- with its issues and whether the figures leave it out. The primary-key
-- checks are added by checked_rows; the macros are in macros/checks/.
{{ checked_rows(
    staged=ref('stg_case_system__cla_episodes'),
    primary_key='episode_id',
    source_primary_key='clae_cla_episode_id',
    checks=[
        required_field('person_id', 'clae_person_id'),
        known_reference(
            'person_id', 'clae_person_id',
            to=ref('stg_case_system__persons'), to_column='person_id', to_table='ssd_person',
        ),
        required_field('period_of_care_id', 'clae_cla_id'),
        required_field('start_date_text', 'clae_cla_episode_start_date'),
        valid_date('start_date', 'clae_cla_episode_start_date'),
        not_after_extract('start_date', 'clae_cla_episode_start_date'),
        code_in_list('start_reason_code', 'clae_cla_episode_start_reason', 'RNE'),
        valid_date('ceased_date', 'clae_cla_episode_ceased_date'),
        end_after_extract('ceased_date', 'clae_cla_episode_ceased_date'),
        end_not_before_start(
            'ceased_date', 'clae_cla_episode_ceased_date',
            start_column='start_date', source_start_column='clae_cla_episode_start_date',
        ),
        code_in_list('ceased_reason_code', 'clae_cla_episode_ceased_reason', 'REC'),
        code_in_list('primary_need_code', 'clae_cla_primary_need_code', 'NEED'),
        known_reference(
            'placement_id', 'clae_cla_placement_id',
            to=ref('stg_case_system__cla_placements'), to_column='placement_id', to_table='ssd_cla_placement',
        ),
        valid_date('entered_care_date', 'clae_entered_care_date'),
    ],
) }}
