{#
    The pseudonym a BI mart shows instead of a case-system id: HMAC-SHA256 of
    the id keyed with the secret pseudonym key, as hex (pgcrypto's hmac()).
    Stable across runs while the key stays the same; without the key it cannot
    be reversed or recomputed from an id.

    The key is never in dbt's SQL, vars, environment or files: it is read at run
    time from crypto.pseudonym_key, which the nightly writes from the setting
    IRO_PSEUDONYM_KEY (iro_warehouse.roles). pgcrypto lives in the same
    schema, crypto, which only the loader role may use: a BI login can neither
    call hmac() nor read the key. Without a key row the pseudonyms are null and
    the marts' not_null tests fail the build.
#}
{% macro pseudonymise(column) -%}
    encode(crypto.hmac(({{ column }})::text, (select pk.key from crypto.pseudonym_key as pk), 'sha256'), 'hex')
{%- endmacro %}
