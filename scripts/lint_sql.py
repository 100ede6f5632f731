"""sqlfluff on the dbt models (``make lint``).

sqlfluff's dbt templater compiles the project, and compiling connects to a
warehouse: this starts the private PostgreSQL (or uses ``WAREHOUSE_URL``)
and hands sqlfluff the same login the nightly's dbt step gets, without the
loader role (which exists only once the nightly has set up access).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from iro_warehouse import config, dbtrun
from iro_warehouse.cli import ensure_services


def main() -> int:
    settings = ensure_services(config.Settings.from_env())
    env = {**dbtrun.dbt_env(settings), "IRO_DBT_ROLE": ""}
    sqlfluff = str(Path(sys.executable).with_name("sqlfluff"))
    return subprocess.call([sqlfluff, "lint", "models", *sys.argv[1:]],
                           cwd=config.dbt_project_dir(), env=env)  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
