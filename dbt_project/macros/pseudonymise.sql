{#
    The pseudonym a BI mart shows instead of a case-system id: HMAC-SHA256 of
    the id keyed with the secret IRO_PSEUDONYM_KEY (pgcrypto hmac()), as hex.
    Stable across runs while the key stays the same; without the key it cannot
    be reversed or recomputed from an id.

    The key is read with env_var(), not a var: dbt logs the vars of a run.
    Unset, a development key is used (and the nightly DAG warns). pgcrypto is
    created by the extract (iro_warehouse.roles.ensure_pgcrypto).
#}
{% macro pseudonymise(column) -%}
    encode(hmac(({{ column }})::text, '{{ env_var("IRO_PSEUDONYM_KEY", "dev-only-not-secret") | replace("'", "''") }}', 'sha256'), 'hex')
{%- endmacro %}
