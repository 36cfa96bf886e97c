"""A throwaway PostgreSQL cluster for tests and benchmarks: Debian's binaries, ``initdb`` and
``pg_ctl`` in a temporary folder, listening on 127.0.0.1 on a free port, trust auth, no fsync.

Run as root, the server runs as the ``postgres`` user (PostgreSQL refuses to run as root).

Usage::

    with PostgresCluster() as cluster:
        url = cluster.create_database("test_1")   # postgresql://postgres@127.0.0.1:PORT/test_1
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def find_postgres_bin() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian layout), or None."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parent.parent.name),
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresCluster:
    """One cluster; ``start()`` creates and starts it, ``stop()`` removes every trace."""

    def __init__(self, bin_dir: Path | None = None) -> None:
        found = bin_dir or find_postgres_bin()
        if found is None:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
        self.bin_dir = found
        self.port = 0
        self.root = Path()
        self._databases = 0
        self._as_postgres: list[str] = []
        if os.geteuid() == 0:
            self._as_postgres = ["runuser", "-u", "postgres", "--"]

    def _run(self, *command: str) -> None:
        subprocess.run(
            [*self._as_postgres, *command],
            check=True,
            capture_output=True,
            cwd=self.root,
            timeout=120,
        )

    def start(self) -> PostgresCluster:
        """initdb and start; raises CalledProcessError with PostgreSQL's own message."""
        self.root = Path(tempfile.mkdtemp(prefix="publisher-pg-"))
        if self._as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        data = self.root / "data"
        self.port = _free_port()
        try:
            self._run(
                str(self.bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            )
            options = (
                f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
            )
            self._run(
                str(self.bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(self.root / "server.log"),
                "-w",
                "start",
            )
        except subprocess.CalledProcessError as error:
            log = self.root / "server.log"
            detail = log.read_text() if log.exists() else ""
            shutil.rmtree(self.root, ignore_errors=True)
            raise RuntimeError(
                f"cannot start PostgreSQL: {error.stderr.decode(errors='replace')}{detail}"
            ) from None
        return self

    def url(self, database: str = "postgres") -> str:
        """The URL of ``database`` in this cluster, as a user would set it."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str = "") -> str:
        """A new empty database (a fresh name unless given); returns its URL."""
        import psycopg

        if not name:
            self._databases += 1
            name = f"test_{self._databases}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return self.url(name)

    def stop(self) -> None:
        """Stop the server fast and delete the cluster."""
        if not self.port:
            return
        try:
            self._run(
                str(self.bin_dir / "pg_ctl"),
                "-D",
                str(self.root / "data"),
                "-m",
                "immediate",
                "stop",
            )
        except subprocess.CalledProcessError:
            pass
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
            self.port = 0

    def __enter__(self) -> PostgresCluster:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
