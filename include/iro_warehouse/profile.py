"""Source profiles: how one case system's extract script differs from the contract.

A profile is the normalisation step before the contract's rules. It is chosen
by ``CASE_SYSTEM_PROFILE``: a shipped name (``ssd``, the default and the
contract exactly; ``systemc``, ``mosaic``, ``eclipse``: the YAML files in
``iro_warehouse/profiles/``) or the path of a council's own YAML file::

    columns:        # per table: source column name -> contract column name
      ssd_cla_care_plan: {lacp_cla_care_plan_id: lacp_table_id}
    absent:         # contract columns this source does not have: read as null
      - ssd_cla_placement.clap_person_id
    flags:          # spellings of Y and N, matched after trimming and without case
      Y: [Y, YES, TRUE, T, "1"]
      N: [N, NO, FALSE, F, "0"]
    leading_code: true   # "S - New period of care" -> S, when S is in the field's list
    values:         # per table.column: source value (trimmed, without case) -> code
      ssd_person.pers_sex: {Male: M, Female: F, Unknown: U}
    placeholders:   # columns this source never fills truthfully: read as null, figures z
      - ssd_cp_reviews.cppr_cp_review_participation

Every key is optional. Choices:

* With every profile, column names match without case and after trimming.
* Every scalar of the file is read as text (``YES`` stays ``YES``, not a YAML
  boolean; ``1`` stays ``"1"``), so spellings survive exactly as written.
* A profile is checked when it is read: unknown keys, tables or columns, a
  value mapped to something that is not a code of its column's list, a flag
  spelling given for both Y and N, or a primary key declared absent or a
  placeholder are refused with a message naming the file and the entry.
* A value a profile cannot map is left as it came: the contract's rules then
  list it as a code outside its list. Nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from iro_warehouse import spec

#: the folder of the shipped profiles (package data)
SHIPPED_DIR = Path(__file__).resolve().parent / "profiles"
DEFAULT = "ssd"
#: white space trimmed from every value and name (as the staging models' ``clean_text``)
WHITESPACE = " \t\r\n\f\v"

_KEYS = {"columns", "absent", "flags", "leading_code", "values", "placeholders"}
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class ProfileError(ValueError):
    """A profile that cannot be read or does not fit the contract."""


def norm_name(name: str) -> str:
    """A column or table name as matched: trimmed, without case."""
    return name.strip(WHITESPACE).lower()


def norm_value(value: str) -> str:
    """A source value as matched: trimmed, without case (upper case)."""
    return value.strip(WHITESPACE).upper()


@dataclass(frozen=True)
class Profile:
    """One case system's differences from the contract (see the module docstring)."""

    name: str
    #: table -> {source column (normalised) -> contract column}
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    #: (table, column) of contract columns the source does not have
    absent: frozenset[tuple[str, str]] = frozenset()
    #: spellings of Y and of N as written in the file, in their order
    flags_y: tuple[str, ...] = ()
    flags_n: tuple[str, ...] = ()
    leading_code: bool = False
    #: (table, column) -> ((source spelling as written, code), ...), in file order
    values: dict[tuple[str, str], tuple[tuple[str, str], ...]] = field(default_factory=dict)
    #: (table, column) of columns the source never fills truthfully
    placeholders: frozenset[tuple[str, str]] = frozenset()
    #: where it came from: "shipped" or the file's path
    origin: str = "shipped"

    @property
    def is_identity(self) -> bool:
        """True when the profile maps no value (``ssd``): raw holds the values as received."""
        return not (
            self.flags_y or self.flags_n or self.leading_code or self.values or self.placeholders
        )

    def source_name(self, table: str, source_column: str) -> str:
        """The contract column a source column gives (its normalised name when not renamed)."""
        key = norm_name(source_column)
        return self.columns.get(table, {}).get(key, key)

    def value_map(self, table: str, column: str) -> dict[str, str]:
        """{normalised source value -> code} of one column (flags not included)."""
        return {norm_value(src): code for src, code in self.values.get((table, column), ())}

    def flag_map(self) -> dict[str, str]:
        """{normalised spelling -> Y or N}."""
        out = {norm_value(s): "Y" for s in self.flags_y}
        out.update({norm_value(s): "N" for s in self.flags_n})
        return out

    def describe(self) -> str:
        return self.name if self.origin == "shipped" else f"{self.name} ({self.origin})"


def shipped_names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in SHIPPED_DIR.glob("*.yaml")))


def load(name_or_path: str | None) -> Profile:
    """The profile named (a shipped name) or at a path; ``ssd`` when empty."""
    text = (name_or_path or DEFAULT).strip()
    shipped = SHIPPED_DIR / f"{text}.yaml"
    if _NAME.match(text) and shipped.is_file():
        return from_file(shipped, name=text, origin="shipped")
    path = Path(text).expanduser()
    if path.is_file():
        return from_file(path.resolve(), name=path.stem, origin=str(path.resolve()))
    raise ProfileError(
        f"CASE_SYSTEM_PROFILE={text!r} is neither a shipped profile "
        f"({', '.join(shipped_names())}) nor a readable YAML file"
    )


class _TextLoader(yaml.SafeLoader):
    """YAML with every plain scalar read as text (no booleans, numbers or nulls)."""


_TextLoader.yaml_implicit_resolvers = {}


def from_file(path: Path, *, name: str, origin: str) -> Profile:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TextLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ProfileError(f"profile {path}: not readable as YAML ({exc})") from None
    return parse(data or {}, name=name, origin=origin, where=str(path))


def parse(data: Any, *, name: str, origin: str = "shipped", where: str = "profile") -> Profile:
    """A profile from its YAML data, checked against the contract."""
    if not isinstance(data, dict):
        raise ProfileError(f"{where}: a profile is a mapping of {', '.join(sorted(_KEYS))}")
    unknown = set(data) - _KEYS
    if unknown:
        raise ProfileError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    flags = _mapping(data.get("flags") or {}, f"{where}: flags")
    bad_flags = set(flags) - {"Y", "N"}
    if bad_flags:
        raise ProfileError(f"{where}: flags has only Y and N, not {', '.join(sorted(bad_flags))}")
    flags_y = tuple(_texts(flags.get("Y") or [], f"{where}: flags.Y"))
    flags_n = tuple(_texts(flags.get("N") or [], f"{where}: flags.N"))
    both = {norm_value(s) for s in flags_y} & {norm_value(s) for s in flags_n}
    if both:
        raise ProfileError(f"{where}: flag spelling(s) {', '.join(sorted(both))} given for Y and N")
    leading = str(data.get("leading_code", "false")).strip().lower()
    if leading not in ("true", "false", "yes", "no"):
        raise ProfileError(f"{where}: leading_code is true or false, not {leading!r}")
    profile = Profile(
        name=name,
        columns=_columns(data.get("columns") or {}, where),
        absent=frozenset(_column_refs(data.get("absent") or [], f"{where}: absent")),
        flags_y=flags_y,
        flags_n=flags_n,
        leading_code=leading in ("true", "yes"),
        values=_values(data.get("values") or {}, where),
        placeholders=frozenset(
            _column_refs(data.get("placeholders") or [], f"{where}: placeholders")
        ),
        origin=origin,
    )
    for table, column in profile.absent | profile.placeholders:
        if spec.table(table).primary_key == column:
            raise ProfileError(
                f"{where}: {table}.{column} is the table's primary key: it cannot be absent "
                "or a placeholder"
            )
    return profile


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ProfileError(f"{where} must be a mapping")
    return {str(k): v for k, v in value.items()}


def _texts(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(f"{where} must be a list of spellings")
    return list(value)


def _table(name: str, where: str) -> spec.Table:
    try:
        return spec.table(norm_name(name))
    except KeyError:
        raise ProfileError(f"{where}: {name!r} is not a table of the contract") from None


def _column_ref(text: str, where: str) -> tuple[str, str]:
    table_name, dot, column = str(text).partition(".")
    if not dot:
        raise ProfileError(f"{where}: {text!r} is not table.column")
    tbl = _table(table_name, where)
    column = norm_name(column)
    if column not in tbl.column_names:
        raise ProfileError(f"{where}: {tbl.name} has no column {column!r} in the contract")
    return tbl.name, column


def _column_refs(value: Any, where: str) -> list[tuple[str, str]]:
    return [_column_ref(v, where) for v in _texts(value, where)]


def _columns(value: Any, where: str) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for table_name, renames in _mapping(value, f"{where}: columns").items():
        tbl = _table(table_name, f"{where}: columns")
        mapping: dict[str, str] = {}
        for source, target in _mapping(renames, f"{where}: columns.{tbl.name}").items():
            target_name = norm_name(str(target))
            if target_name not in tbl.column_names:
                raise ProfileError(
                    f"{where}: columns.{tbl.name} renames {source!r} to {target!r}, "
                    "not a column of the contract"
                )
            mapping[norm_name(source)] = target_name
        out[tbl.name] = mapping
    return out


def _values(value: Any, where: str) -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
    out: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
    for ref, mapping in _mapping(value, f"{where}: values").items():
        table, column = _column_ref(ref, f"{where}: values")
        col = spec.table(table).column(column)
        if col.codes is None:
            raise ProfileError(f"{where}: values.{ref}: {table}.{column} has no code list")
        pairs: list[tuple[str, str]] = []
        seen: dict[str, str] = {}
        for source, code in _mapping(mapping, f"{where}: values.{ref}").items():
            code = str(code).strip(WHITESPACE)
            if code not in col.codes:
                raise ProfileError(
                    f"{where}: values.{ref} maps {source!r} to {code!r}, not a code of its list"
                )
            key = norm_value(source)
            if seen.get(key, code) != code:
                raise ProfileError(f"{where}: values.{ref} maps {source!r} to two codes")
            seen[key] = code
            pairs.append((source, code))
        out[(table, column)] = tuple(pairs)
    return out
