"""The subscription service: `publisher serve` under uvicorn on loopback against a bare
Starlette endpoint that does one insert into the same database, in the same run.

50 concurrent httpx clients send 2,000 one-click unsubscribe POSTs (RFC 8058, to subscribers
seeded in the store) and 2,000 subscribe POSTs (each storing a pending subscriber and queueing
a confirmation email to a local aiosmtpd sink); the bare endpoint gets 2,000 POSTs. Printed per
database (SQLite, and PostgreSQL when Debian's postgresql is installed):
``serve <what> (<database>): ratio R (requests/s vs bare insert requests/s; …; goal >= 0.5)``.
Any failed request fails the benchmark.

    python bench/serve.py [--quick] [--requests N] [--clients N]
"""

# ruff: noqa: E402  (publisher is imported after the repository is put on the import path)
from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from postgres import PostgresCluster, find_postgres_bin
from smtp_server import SmtpServer, free_port

from publisher.delivery import open_store
from publisher.delivery.store import NewSubscriber
from publisher.delivery.tokens import manage_token

KEY = "Zx8Qw2Er5Ty7Ui9Op1As3Df4Gh6Jk0LmN3bV5cX7zA1sD"
BARE = textwrap.dedent(
    """
    import sys
    import sqlalchemy as sa
    import uvicorn
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route
    from pathlib import Path
    from publisher.delivery import open_store

    database_url, state_dir, port = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    store = open_store(state_dir, database_url, now="t")  # same engine settings as serve
    table = sa.Table("bench_bare", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("address", sa.Text, nullable=False))
    table.create(store.engine, checkfirst=True)

    def insert(address):
        with store.engine.begin() as connection:
            connection.execute(table.insert().values(address=address))

    async def endpoint(request):
        form = await request.form()
        await run_in_threadpool(insert, str(form.get("email", "")))
        return PlainTextResponse("ok")

    app = Starlette(routes=[Route("/insert", endpoint, methods=["POST"]),
                            Route("/healthz", lambda request: PlainTextResponse("ok"))])
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
    """
)


def wait_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "healthz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        if process.poll() is not None:
            raise SystemExit(f"server died: {process.stderr.read() if process.stderr else ''}")
        time.sleep(0.1)
    raise SystemExit("server did not start")


async def drive(
    url: str,
    count: int,
    clients: int,
    request: Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]],
    prepare: Callable[[httpx.AsyncClient], Awaitable[None]] | None = None,
) -> tuple[float, int]:
    """Send ``count`` requests from ``clients`` concurrent clients; (seconds, failures)."""
    numbers = iter(range(count))
    failures = 0

    async def client_loop(client: httpx.AsyncClient) -> None:
        nonlocal failures
        for number in numbers:
            response = await request(client, number)
            if response.status_code != 200:
                failures += 1

    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    sessions = [httpx.AsyncClient(base_url=url, limits=limits, timeout=60) for _ in range(clients)]
    try:
        if prepare is not None:
            await asyncio.gather(*(prepare(session) for session in sessions))
        started = time.perf_counter()
        await asyncio.gather(*(client_loop(session) for session in sessions))
        took = time.perf_counter() - started
    finally:
        await asyncio.gather(*(session.aclose() for session in sessions))
    return took, failures


def run_database(name: str, database_url: str, count: int, clients: int) -> list[str]:
    lines = []
    folder = Path(tempfile.mkdtemp(prefix=f"bench-serve-{name}-"))
    try:
        project = folder / "project"
        shutil.copytree(ROOT / "data", project / "data")
        port = free_port()
        site_path = project / "data" / "site.yaml"
        site = yaml.safe_load(site_path.read_text(encoding="utf-8"))
        site["subscribe_url"] = f"http://127.0.0.1:{port}/subscribe"
        site["email"].pop("unsubscribe_url", None)
        site_path.write_text(yaml.safe_dump(site, sort_keys=False), encoding="utf-8")
        state = project / ".publisher"
        with open_store(state, database_url, now="t") as store:
            store.add_subscribers(
                [NewSubscriber(address=f"leaver{n:05d}@example.net") for n in range(count)],
                method="import",
                source="bench",
                confirmed=True,
                now="t",
            )
            tokens = [
                manage_token(KEY.encode(), person.public_id)
                for person in store.subscribers("confirmed")
            ]
        with SmtpServer() as smtp:
            env = {
                **os.environ,
                "PUBLISHER_SMTP_URL": smtp.url(),
                "PUBLISHER_SECRET_KEY": KEY,
                "PUBLISHER_DATABASE_URL": database_url,
                "PYTHONPATH": str(ROOT),
            }
            serve = subprocess.Popen(
                [sys.executable, "-m", "publisher", "--project", str(project), "serve",
                 "--port", str(port)],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            )  # fmt: skip
            bare_port = free_port()
            bare = subprocess.Popen(
                [sys.executable, "-c", BARE, database_url, str(state), str(bare_port)],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            )  # fmt: skip
            try:
                serve_url = f"http://127.0.0.1:{port}/"
                bare_url = f"http://127.0.0.1:{bare_port}/"
                wait_ready(serve_url, serve)
                wait_ready(bare_url, bare)

                async def bare_post(client: httpx.AsyncClient, number: int) -> httpx.Response:
                    return await client.post("/insert", data={"email": f"b{number}@example.net"})

                async def one_click(client: httpx.AsyncClient, number: int) -> httpx.Response:
                    return await client.post(
                        "/unsubscribe",
                        params={"token": tokens[number]},
                        content=b"List-Unsubscribe=One-Click",
                        headers={"Content-Type": "application/x-www-form-urlencoded"},
                    )

                csrf: dict[int, str] = {}

                async def get_form(client: httpx.AsyncClient) -> None:
                    page = await client.get("/subscribe")
                    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
                    assert found, page.text
                    csrf[id(client)] = found.group(1)

                async def subscribe(client: httpx.AsyncClient, number: int) -> httpx.Response:
                    # Each subscription from its own address, as 2,000 people would come.
                    forwarded = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
                    return await client.post(
                        "/subscribe",
                        data={"csrf": csrf[id(client)], "email": f"new{number:05d}@example.net"},
                        headers={"X-Forwarded-For": forwarded},
                    )

                results = {}
                for label, target, request, prepare in (
                    ("bare", bare_url, bare_post, None),
                    ("one-click unsubscribe", serve_url, one_click, None),
                    ("subscribe", serve_url, subscribe, get_form),
                ):
                    took, failures = asyncio.run(drive(target, count, clients, request, prepare))
                    if failures:
                        raise SystemExit(f"{name} {label}: {failures} failed requests")
                    results[label] = count / took
                baseline = results.pop("bare")
                for label, rate in results.items():
                    lines.append(
                        f"serve {label} ({name}): ratio {rate / baseline:.2f} ({rate:.0f} req/s "
                        f"vs bare insert {baseline:.0f} req/s; {count} requests, {clients} "
                        "clients; goal >= 0.5)"
                    )
            finally:
                for process in (serve, bare):
                    process.terminate()
                    process.wait(timeout=30)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="300 requests, 20 clients")
    parser.add_argument("--requests", type=int, help="requests of each kind (default 2,000)")
    parser.add_argument("--clients", type=int, help="concurrent clients (default 50)")
    options = parser.parse_args()
    count = options.requests or (300 if options.quick else 2000)
    clients = options.clients or (20 if options.quick else 50)
    lines = run_database("SQLite", "", count, clients)
    for line in lines:
        print(line, flush=True)
    if find_postgres_bin() is not None:
        with PostgresCluster() as cluster:
            for line in run_database("PostgreSQL", cluster.create_database(), count, clients):
                print(line, flush=True)
                lines.append(line)
    else:
        print("# PostgreSQL is not installed: only SQLite measured")
    ratios = [float(re.search(r"ratio ([0-9.]+)", line).group(1)) for line in lines]  # type: ignore[union-attr]
    return 0 if all(ratio >= 0.5 for ratio in ratios) else 1


if __name__ == "__main__":
    sys.exit(main())
