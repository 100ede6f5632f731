{#
    The pseudonym a BI mart shows instead of a case-system id. md5 of a keyed
    string for now (pgcrypto may not be installed); swap for
    encode(hmac(col, key, 'sha256'), 'hex') when it is. Key: var pseudonym_key.
#}
{% macro pseudonymise(column) -%}
    md5('{{ var("pseudonym_key", "dev-only-not-secret") | replace("'", "''") }}' || ':' || {{ column }})
{%- endmacro %}
