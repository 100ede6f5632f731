"""The profile's normalisation: the staged table into ``_incoming``, in one set-based statement.

``_incoming`` holds one text column per contract column, in contract order:
what raw keeps. For each column:

* not supplied (missing, or a placeholder of the profile): null;
* a coded column the profile maps: the source value, trimmed and without
  case, looked up in the column's ``values`` and then (Y/N columns) in the
  ``flags``; then, with ``leading_code``, a leading code (``"S - New period of
  care"``, ``"PN1: attends"``) that is in the column's list; a value none of
  these maps is kept exactly as it came, so the contract's rules list it as
  a code outside its list;
* the care plan JSON, when the profile has flags: each string value of the
  object that is a Y spelling becomes ``"Y"`` and each N spelling ``""`` (a
  form answer "No" means the plan was not chosen); a text that is not a JSON
  object is kept as it came;
* anything else: as received.

So raw holds the profile-normalised values. With the ``ssd`` profile nothing
is mapped and raw holds every value exactly as received (the staged table is
only renamed when its columns already are the contract's).
"""

from __future__ import annotations

from psycopg2 import sql
from psycopg2.extensions import cursor as Cursor

from iro_warehouse import spec
from iro_warehouse.profile import Profile
from iro_warehouse.source import Staged

#: the white space trimmed before matching (as the staging models' ``clean_text``)
_TRIM = sql.SQL("E' \\t\\r\\n\\f\\v'")
#: a leading code: letters, digits or _ then a -, : or en dash ("S - ...", "PN1: ...")
_LEADING = sql.Literal("^[[:space:]]*([A-Za-z0-9_]+)[[:space:]]*[-:\u2013]")

PLAN_ANSWERS_FUNCTION = """
create or replace function pg_temp.iro_plan_answers(doc text, yes text[], no text[])
returns text language plpgsql immutable as $fn$
declare
    parsed jsonb;
    answer text;
    key text;
    value jsonb;
    result jsonb := '{}'::jsonb;
    changed boolean := false;
begin
    if doc is null then
        return null;
    end if;
    begin
        parsed := doc::jsonb;
    exception when others then
        return doc;
    end;
    if jsonb_typeof(parsed) <> 'object' then
        return doc;
    end if;
    for key, value in select * from jsonb_each(parsed) loop
        if jsonb_typeof(value) = 'string' then
            answer := upper(btrim(value #>> '{}', E' \\t\\r\\n\\f\\v'));
            if answer = any(yes) then
                value := to_jsonb('Y'::text);
                changed := true;
            elsif answer = any(no) then
                value := to_jsonb(''::text);
                changed := true;
            end if;
        end if;
        result := result || jsonb_build_object(key, value);
    end loop;
    if changed then
        return result::text;
    end if;
    return doc;
end
$fn$
"""


def _is_flag(col: spec.Column) -> bool:
    return col.codes == spec.YN


def _code_expression(
    tbl: spec.Table, col: spec.Column, src: sql.Composable, profile: Profile
) -> sql.Composable | None:
    """The mapping of one coded column, or None when the profile maps nothing of it."""
    lookup = profile.value_map(tbl.name, col.name)
    if _is_flag(col):
        for spelling, flag in profile.flag_map().items():
            lookup.setdefault(spelling, flag)
    leading = profile.leading_code and col.codes is not None
    if not lookup and not leading:
        return None
    fallback: sql.Composable = src
    if leading:
        assert col.codes is not None
        code = sql.SQL("substring({} from {})").format(src, _LEADING)
        fallback = sql.SQL(
            "coalesce(case when {code} = any({codes}) then {code} end, {src})"
        ).format(code=code, codes=sql.Literal(list(col.codes)), src=src)
    if not lookup:
        return fallback
    whens = sql.SQL(" ").join(
        sql.SQL("when {} then {}").format(sql.Literal(k), sql.Literal(v)) for k, v in lookup.items()
    )
    return sql.SQL("case upper(btrim({src}, {trim})) {whens} else {fallback} end").format(
        src=src, trim=_TRIM, whens=whens, fallback=fallback
    )


def column_expression(
    tbl: spec.Table, col: spec.Column, staged_column: str | None, profile: Profile
) -> sql.Composable:
    """The SQL giving one contract column of ``_incoming`` from the staged table."""
    if staged_column is None or (tbl.name, col.name) in profile.placeholders:
        return sql.SQL("null::text")
    src = sql.Identifier(staged_column)
    if col.kind == "code":
        mapped = _code_expression(tbl, col, src, profile)
        if mapped is not None:
            return mapped
    if col.kind == "json" and (profile.flags_y or profile.flags_n):
        return sql.SQL("pg_temp.iro_plan_answers({}, {}, {})").format(
            src,
            sql.Literal([s.strip().upper() for s in profile.flags_y]),
            sql.Literal([s.strip().upper() for s in profile.flags_n]),
        )
    return src


def needs_plan_answers(profile: Profile) -> bool:
    return bool(profile.flags_y or profile.flags_n)


def prepare(cur: Cursor, profile: Profile) -> None:
    """What the expressions of ``profile`` need in the session (once per transaction)."""
    if needs_plan_answers(profile):
        cur.execute(PLAN_ANSWERS_FUNCTION)


def build_incoming(cur: Cursor, staged: Staged, profile: Profile) -> None:
    """Create ``_incoming`` from the staged table, normalised by ``profile``; drop the staged."""
    tbl = staged.table
    exprs = [column_expression(tbl, c, staged.columns[c.name], profile) for c in tbl.columns]
    plain = all(e == sql.Identifier(c.name) for e, c in zip(exprs, tbl.columns, strict=True))
    if plain and staged.relation == "_staged":
        cur.execute("alter table _staged rename to _incoming")
        return
    cur.execute(
        sql.SQL("create temporary table _incoming on commit drop as select {} from {}").format(
            sql.SQL(", ").join(
                sql.SQL("{} as {}").format(e, sql.Identifier(c.name))
                for e, c in zip(exprs, tbl.columns, strict=True)
            ),
            sql.Identifier(staged.relation),
        )
    )
    cur.execute(sql.SQL("drop table {}").format(sql.Identifier(staged.relation)))
