"""A project-private PostgreSQL server, started when ``WAREHOUSE_URL`` is unset.

The data lives in the ignored ``.local/pg`` folder and the server listens on
127.0.0.1 only, on its own port. ``initdb`` refuses to run as root, so when
we are root the server runs as an unprivileged system user (``iro-pg``,
created on first use, or ``nobody``).

Two checkouts on one machine never share a server by accident: a server
answering on the port is used only when its data folder is this checkout's.
With ``IRO_PG_PORT`` set, a foreign server on that port is an error that says
so; without it, the first free port from 55432 up is chosen when the cluster
is created and recorded in ``.local/pg/port``.

The server runs with ``fsync`` on, as a warehouse kept there expects;
``IRO_PG_FAST=1`` (set by the test suite for its throwaway databases) turns
``fsync``, ``synchronous_commit`` and ``full_page_writes`` off.
"""

from __future__ import annotations

import glob
import hashlib
import os
import pwd
import shutil
import socket
import subprocess
import time
from pathlib import Path

from iro_warehouse import config, warehouse

SERVICE_USER = "iro-pg"
#: Where Debian and Ubuntu keep the server binaries of each major version.
DEBIAN_BINDIRS = "/usr/lib/postgresql/*/bin"


class PostgresNotFound(RuntimeError):
    """The PostgreSQL server binaries are not installed."""


HOW_TO_FIX = (
    "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH, in "
    "`pg_config --bindir`, or under /usr/lib/postgresql/*/bin.\n"
    "Fix one of:\n"
    "  - install PostgreSQL (Debian/Ubuntu: apt-get install postgresql; macOS: brew install "
    "postgresql@15),\n"
    "  - or point the project at an existing server: export "
    "WAREHOUSE_URL=postgresql://user:password@host:5432/iro_warehouse,\n"
    "  - or run the whole system with docker compose up (see README)."
)


def find_bindir() -> Path:
    """The folder holding ``initdb`` and ``pg_ctl``."""
    candidates: list[Path] = []
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        candidates.append(Path(on_path).parent)
    if shutil.which("pg_config"):
        try:
            out = subprocess.run(
                ["pg_config", "--bindir"], capture_output=True, text=True, check=True
            ).stdout.strip()
            candidates.append(Path(out))
        except subprocess.CalledProcessError:
            pass
    for found in sorted(
        glob.glob(DEBIAN_BINDIRS), key=lambda p: int(p.split("/")[-2]), reverse=True
    ):
        candidates.append(Path(found))
    for bindir in candidates:
        if (bindir / "initdb").exists() and (bindir / "pg_ctl").exists():
            return bindir
    raise PostgresNotFound(HOW_TO_FIX)


def _service_user() -> str | None:
    """The user to run the server as: ourselves unless we are root."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SERVICE_USER)
    except KeyError:
        useradd = shutil.which("useradd")
        if useradd is None:
            return "nobody"
        subprocess.run(
            [useradd, "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVICE_USER],
            check=True,
            capture_output=True,
        )
    return SERVICE_USER


def _as_user(user: str | None, argv: list[str]) -> list[str]:
    if user is None:
        return argv
    return ["runuser", "-u", user, "--", *argv]


def _can_reach(user: str | None, path: Path) -> bool:
    if user is None:
        return True
    result = subprocess.run(_as_user(user, ["test", "-x", str(path)]), capture_output=True)
    return result.returncode == 0


class ForeignServer(RuntimeError):
    """Another PostgreSQL (not this checkout's) answers on the private server's port."""


def pg_dir() -> Path:
    """Where the server's files live (``.local/pg``, or a reachable stand-in)."""
    return config.state_dir() / "pg"


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _free_port(start: int) -> int:
    for port in range(start, start + 200):
        if _port_is_free(port):
            return port
    raise RuntimeError(f"no free port in {start}..{start + 199} for the private PostgreSQL")


class PrivateServer:
    """Start, stop and ask about the private server."""

    def __init__(self, base: Path | None = None, port: int | None = None) -> None:
        self.base = base or pg_dir()
        self.explicit_port = port is not None or bool(os.environ.get("IRO_PG_PORT"))
        self.port = port or config.private_pg_port(state=self.base)
        self.data = self.base / "data"
        self.run_dir = self.base / "run"
        self.log = self.base / "server.log"

    def url(self, dbname: str) -> str:
        return f"postgresql://{config.PRIVATE_PG_USER}@127.0.0.1:{self.port}/{dbname}"

    def is_running(self) -> bool:
        """True when the server answering on the port is this checkout's own."""
        return self._answering_data_dir() == self.data.resolve()

    def _answering_data_dir(self) -> Path | None:
        if not warehouse.answers(self.url("postgres")):
            return None
        (row,) = warehouse.query(self.url("postgres"), "show data_directory")
        return Path(row[0]).resolve()

    def _claim_port(self) -> None:
        """Make sure our port is ours: say so, or move to a free one and record it."""
        other = self._answering_data_dir()
        if other is None and _port_is_free(self.port):
            return
        where = f"data folder {other}" if other else "a server this login cannot use"
        if self.explicit_port:
            raise ForeignServer(
                f"port {self.port} is served by another PostgreSQL ({where}), not this "
                f"checkout's ({self.data}): set IRO_PG_PORT to a free port"
            )
        self.port = _free_port(self.port + 1)

    def ensure_running(self) -> None:
        """Create the cluster if needed and start it; quick when already up.

        The port in use is recorded in ``<base>/port``, which the settings read.
        """
        if self.is_running():
            return
        self._claim_port()
        bindir = find_bindir()
        user = _service_user()
        self._prepare_dirs(user)
        if not (self.data / "PG_VERSION").exists():
            subprocess.run(
                _as_user(
                    user,
                    [
                        str(bindir / "initdb"),
                        "-D", str(self.data),
                        "-U", config.PRIVATE_PG_USER,
                        "--auth=trust",
                        "-E", "UTF8",
                        "--locale=C",
                    ],
                ),
                check=True,
                capture_output=True,
            )  # fmt: skip
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.run_dir} "
            "-c max_connections=100 -c shared_buffers=256MB -c work_mem=64MB"
        )
        if os.environ.get("IRO_PG_FAST") == "1":
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        subprocess.run(
            _as_user(
                user,
                [
                    str(bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                    "-o", options, "-w", "-t", "60", "start",
                ],
            ),
            check=True,
            capture_output=True,
        )  # fmt: skip
        for _ in range(50):
            if self.is_running():
                (self.base / "port").write_text(f"{self.port}\n")
                return
            time.sleep(0.2)
        raise RuntimeError(f"the private PostgreSQL did not start; see {self.log}")

    def stop(self) -> None:
        if not (self.data / "PG_VERSION").exists():
            return
        bindir = find_bindir()
        subprocess.run(
            _as_user(
                _service_user(),
                [str(bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"],
            ),
            capture_output=True,
        )

    def _prepare_dirs(self, user: str | None) -> None:
        self.base.parent.mkdir(parents=True, exist_ok=True)
        if user is not None and not _can_reach(user, self.base.parent):
            # The project folder is not reachable by the service user (e.g. a
            # checkout under a private temporary folder): keep the files in a
            # world-traversable place and link them from .local/pg.
            digest = hashlib.sha1(str(self.base).encode()).hexdigest()[:12]
            real = Path("/var/tmp/iro-warehouse-pg") / digest
            real.mkdir(parents=True, exist_ok=True)
            Path("/var/tmp/iro-warehouse-pg").chmod(0o755)
            if self.base.is_symlink() or not self.base.exists():
                if self.base.is_symlink():
                    self.base.unlink()
                self.base.parent.mkdir(parents=True, exist_ok=True)
                self.base.symlink_to(real)
            self.base = real
            self.data = real / "data"
            self.run_dir = real / "run"
            self.log = real / "server.log"
        self.base.mkdir(parents=True, exist_ok=True)
        for d in (self.data, self.run_dir):
            d.mkdir(parents=True, exist_ok=True)
            d.chmod(0o700)
        if user is not None:
            entry = pwd.getpwnam(user)
            for p in (self.base, self.data, self.run_dir):
                os.chown(p, entry.pw_uid, entry.pw_gid)
            if self.log.exists():
                os.chown(self.log, entry.pw_uid, entry.pw_gid)
