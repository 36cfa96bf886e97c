"""A WebSub hub played by a real HTTP server on 127.0.0.1 (a free port), for the ping tests:
it records every request and answers from a script (status codes, or "hang" to time out)."""

from __future__ import annotations

import threading
import time
import urllib.parse
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class HubRequest:
    """One request the hub received."""

    method: str
    path: str
    content_type: str
    form: dict[str, list[str]]


@dataclass
class Hub:
    """The running hub: its URL, what it received, what it answers next."""

    url: str
    requests: list[HubRequest] = field(default_factory=list)
    script: deque[int | str] = field(default_factory=deque)
    hang_seconds: float = 2.0

    def published(self) -> list[str]:
        """The hub.url of each publish request, in order."""
        return [
            request.form["hub.url"][0]
            for request in self.requests
            if request.form.get("hub.mode") == ["publish"]
        ]


@contextmanager
def running_hub(*script: int | str) -> Iterator[Hub]:
    """A hub on 127.0.0.1 answering ``script`` in order (then 204 No Content)."""
    hub = Hub(url="", script=deque(script))

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length).decode("ascii")
            hub.requests.append(
                HubRequest(
                    method="POST",
                    path=self.path,
                    content_type=self.headers.get("Content-Type", ""),
                    form=urllib.parse.parse_qs(body),
                )
            )
            answer = hub.script.popleft() if hub.script else 204
            if answer == "hang":
                time.sleep(hub.hang_seconds)  # longer than the client's timeout
                return
            assert isinstance(answer, int)
            self.send_response(answer)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    hub.url = f"http://127.0.0.1:{server.server_address[1]}/hub"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield hub
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
