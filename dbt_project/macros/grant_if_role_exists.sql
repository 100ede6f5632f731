{#- Grant select on the model to a reader role, when that role exists.

    dbt recreates views on every build, which drops their grants; this keeps
    the grant in the same build, so BI tools are never refused in between.
    The roles are created by `iro grant` / the nightly DAG (roles.py); a
    warehouse without them (a bare development build) is left as it is. -#}
{% macro grant_if_role_exists(role) %}
do $grant$
begin
    if exists (select from pg_roles where rolname = '{{ role }}') then
        execute format('grant select on %s to %I', '{{ this }}', '{{ role }}');
    end if;
end
$grant$
{% endmacro %}
