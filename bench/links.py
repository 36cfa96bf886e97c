"""Link checking: `check_links` (publisher check-links' core: limits, HEAD, verdicts, the
cache) against a bare httpx async loop with the same limits, over the same local URLs, in the
same run.

The servers: 50 ports on 127.0.0.1 (one "host" each), served by one asyncio process of their
own (so it does not share the client's interpreter), each request answered after 50 ms over
HTTP/1.1 keep-alive. 5,000 URLs, 100 per host; --per-host 2 and --concurrency 32, as the
command's defaults. The bare loop: one httpx.AsyncClient, a semaphore per host and one for
all, a HEAD per URL, its status kept. Printed:

    links first run: ratio R (check_links s vs bare httpx loop s; goal <= 1.2)
    links second run: ratio R (check_links within --max-age s vs its first run s; goal <= 0.05)

After a warm-up (one request per host), each side runs three times, alternating which goes
first, and its best time counts (the machine is shared); the CPU time of this process (the
servers run in another) is printed beside the wall-clock time.

    python bench/links.py [--quick] [--urls N] [--hosts N] [--delay S]
"""

# ruff: noqa: E402  (publisher is imported after the repository is put on the import path)
from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publisher.link_check import CheckSettings, check_links, make_client
from publisher.link_health import LinkUse, Verdict

T = TypeVar("T")

# The servers, in a process of their own: argv = delay, number of ports; prints the ports.
SERVER = textwrap.dedent(
    """
    import asyncio, sys

    DELAY = float(sys.argv[1])
    ANSWER = b"HTTP/1.1 200 OK\\r\\nContent-Length: 0\\r\\nContent-Type: text/html\\r\\n\\r\\n"

    async def serve(reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\\r\\n\\r\\n")
                if not head:
                    break
                await asyncio.sleep(DELAY)  # a server that takes its time
                writer.write(ANSWER)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def main():
        servers = [await asyncio.start_server(serve, "127.0.0.1", 0, backlog=512)
                   for _ in range(int(sys.argv[2]))]
        print(" ".join(str(s.sockets[0].getsockname()[1]) for s in servers), flush=True)
        await asyncio.Event().wait()

    asyncio.run(main())
    """
)


def bare_loop(urls: list[str], settings: CheckSettings) -> dict[str, int]:
    """The baseline: a HEAD per URL with the same limits and client, statuses kept."""

    async def run() -> dict[str, int]:
        overall = asyncio.Semaphore(settings.concurrency)
        hosts: dict[str, asyncio.Semaphore] = {}
        statuses: dict[str, int] = {}
        async with make_client(settings) as client:

            async def one(url: str) -> None:
                host = hosts.setdefault(urlsplit(url).netloc, asyncio.Semaphore(settings.per_host))
                async with host, overall:
                    response = await client.head(url)
                statuses[url] = response.status_code

            await asyncio.gather(*(one(url) for url in urls))
        return statuses

    return asyncio.run(run())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="400 URLs on 50 hosts")
    parser.add_argument("--urls", type=int, default=None)
    parser.add_argument("--hosts", type=int, default=None)
    parser.add_argument("--delay", type=float, default=0.05, help="seconds per answer")
    options = parser.parse_args()
    count = options.urls or (400 if options.quick else 5000)
    host_count = options.hosts or 50
    settings = CheckSettings()  # the command's defaults: 32 in all, 2 per host
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(options.delay), str(host_count)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        ports = [int(port) for port in server.stdout.readline().split()]
        urls = [
            f"http://127.0.0.1:{ports[number % host_count]}/resource/{number}"
            for number in range(count)
        ]
        uses = tuple(LinkUse(url=url, where=f"Resource {n}") for n, url in enumerate(urls))
        now = datetime(2026, 3, 1, tzinfo=UTC)
        # (wall-clock seconds, CPU seconds of this process) of each run
        bare_runs: list[tuple[float, float]] = []
        first_runs: list[tuple[float, float]] = []
        second_runs: list[tuple[float, float]] = []
        with tempfile.TemporaryDirectory(prefix="bench-links-") as scratch:

            def timed(runs: list[tuple[float, float]], work: Callable[[], T]) -> T:
                wall, cpu = time.perf_counter(), time.process_time()
                result = work()
                runs.append((time.perf_counter() - wall, time.process_time() - cpu))
                return result

            def run_bare() -> None:
                statuses = timed(bare_runs, lambda: bare_loop(urls, settings))
                assert sorted(set(statuses.values())) == [200], "the bare loop failed"

            def run_check() -> None:
                cache = Path(scratch) / f"links-{len(first_runs)}.sqlite"
                report = timed(
                    first_runs,
                    lambda: check_links(uses, cache_path=cache, now=now, settings=settings),
                )
                verdicts = {result.verdict for result in report.results}
                assert verdicts == {Verdict.OK}, f"check_links failed: {verdicts}"
                again = timed(
                    second_runs,
                    lambda: check_links(
                        uses,
                        cache_path=cache,
                        now=now + timedelta(hours=1),
                        settings=settings,
                        max_age=timedelta(days=7),
                    ),
                )
                assert all(result.cached for result in again.results)

            bare_loop(urls[:host_count], settings)  # warm-up: imports, the first connections
            # Alternating which goes first, so neither always meets a fresher server.
            for first_side, second_side in (
                (run_bare, run_check),
                (run_check, run_bare),
                (run_bare, run_check),
            ):
                first_side()
                second_side()
    finally:
        server.terminate()
        server.wait()
    bare, first, second = (min(runs) for runs in (bare_runs, first_runs, second_runs))
    bare_cpu, first_cpu = (min(cpu for _, cpu in runs) for runs in (bare_runs, first_runs))
    size = f"{count} URLs on {host_count} hosts answering after {options.delay * 1000:.0f} ms"
    first_ratio, second_ratio = first[0] / bare[0], second[0] / first[0]
    runs = "; runs: bare " + "/".join(f"{wall:.2f}" for wall, _ in bare_runs)
    runs += ", check_links " + "/".join(f"{wall:.2f}" for wall, _ in first_runs) + " s"
    print(
        f"links first run: ratio {first_ratio:.2f} (check_links {first[0]:.2f} s vs bare httpx "
        f"loop {bare[0]:.2f} s, best wall-clock; CPU {first_cpu:.2f} s vs {bare_cpu:.2f} s = "
        f"{first_cpu / bare_cpu:.2f}; {size}{runs}; goal <= 1.2)"
    )
    print(
        f"links second run: ratio {second_ratio:.3f} (check_links within --max-age "
        f"{second[0]:.3f} s vs its first run {first[0]:.2f} s; goal <= 0.05)"
    )
    return 0 if first_ratio <= 1.2 and second_ratio <= 0.05 else 1


if __name__ == "__main__":
    sys.exit(main())
