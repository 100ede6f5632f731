with

source as (

    {{ versions_as_known_at(source('case_system', 'ssd_s47_enquiry')) }}

),

trimmed as (

    select
        {{ clean_text('s47e_s47_enquiry_id') }} as s47e_s47_enquiry_id,
        {{ clean_text('s47e_referral_id') }} as s47e_referral_id,
        {{ clean_text('s47e_person_id') }} as s47e_person_id,
        {{ clean_text('s47e_s47_start_date') }} as s47e_s47_start_date,
        {{ clean_text('s47e_s47_end_date') }} as s47e_s47_end_date,
        {{ clean_text('s47e_s47_nfa') }} as s47e_s47_nfa,
        _row_hash,
        _copy,
        _extract_id,
        _valid_from
    from source

),

renamed as (

    select
        s47e_s47_enquiry_id as s47_enquiry_id,
        s47e_referral_id as referral_id,
        s47e_person_id as person_id,
        {{ safe_date('s47e_s47_start_date') }} as start_date,
        s47e_s47_start_date as start_date_text,
        {{ safe_date('s47e_s47_end_date') }} as end_date,
        s47e_s47_end_date as end_date_text,
        s47e_s47_nfa as nfa_flag,
        coalesce(s47e_s47_nfa = 'Y', false) as is_no_further_action,
        _row_hash as source_row_hash,
        _copy as source_copy_number,
        _extract_id as source_extract_id,
        _valid_from as source_valid_from
    from trimmed

)

select * from renamed
