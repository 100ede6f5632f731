-- The measures whose source inputs this extract did not supply (seed
-- measure_inputs: which measure needs which contract-2 column or table, or a
-- column a source profile may mark as a placeholder): one row per measure.
-- panel_figures publishes them as null (`z`) for every period. An input row
-- with an empty column_name names a whole table: the measure needs the table
-- and every column of it.
with

not_supplied as (

    select * from {{ ref('int_source_parts_not_supplied') }}

),

measure_inputs as (

    select * from {{ ref('measure_inputs') }}

),

final as (

    select distinct measure_inputs.measure_id
    from measure_inputs
    inner join not_supplied
        on
            measure_inputs.table_name = not_supplied.table_name
            and (
                measure_inputs.column_name is null
                or not_supplied.column_name is null
                or measure_inputs.column_name = not_supplied.column_name
            )

)

select * from final
