with

source as (

    {{ versions_as_known_at(source('case_system', 'ssd_cla_reviews')) }}

),

trimmed as (

    select
        {{ clean_text('clar_cla_review_id') }} as clar_cla_review_id,
        {{ clean_text('clar_cla_id') }} as clar_cla_id,
        {{ clean_text('clar_cla_review_due_date') }} as clar_cla_review_due_date,
        {{ clean_text('clar_cla_review_date') }} as clar_cla_review_date,
        {{ clean_text('clar_cla_review_cancelled') }} as clar_cla_review_cancelled,
        {{ clean_text('clar_cla_review_participation') }} as clar_cla_review_participation,
        {{ clean_text('clar_cla_review_last_iro_contact_date') }} as clar_cla_review_last_iro_contact_date,
        _row_hash,
        _copy,
        _extract_id,
        _valid_from
    from source

),

renamed as (

    select
        clar_cla_review_id as review_id,
        clar_cla_id as period_of_care_id,
        {{ safe_date('clar_cla_review_due_date') }} as recorded_due_date,
        clar_cla_review_due_date as recorded_due_date_text,
        {{ safe_date('clar_cla_review_date') }} as review_date,
        clar_cla_review_date as review_date_text,
        clar_cla_review_cancelled as cancelled_flag,
        coalesce(clar_cla_review_cancelled = 'Y', false) as is_cancelled,
        clar_cla_review_participation as participation_code,
        {{ safe_date('clar_cla_review_last_iro_contact_date') }} as last_iro_contact_date,
        clar_cla_review_last_iro_contact_date as last_iro_contact_date_text,
        _row_hash as source_row_hash,
        _copy as source_copy_number,
        _extract_id as source_extract_id,
        _valid_from as source_valid_from
    from trimmed

)

select * from renamed
