"""Web servers on 127.0.0.1 (free ports) answering each case a link checker meets: redirects,
loops, 404/410, 429 with Retry-After, HEAD refused, a slow answer, a connection reset,
conditional requests (ETag, Last-Modified → 304), and a self-signed TLS certificate; and an
HTTP/2-only TLS server. Each records the requests it received."""

from __future__ import annotations

import socket
import ssl
import struct
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# path -> (status, Location) for the simple cases.
ROUTES: dict[str, tuple[int, str]] = {
    "/ok": (200, ""),
    "/moved": (301, "/ok"),
    "/moved-308": (308, "/moved"),
    "/found": (302, "/ok"),
    "/mixed": (301, "/found"),
    "/moved-to-missing": (301, "/missing"),
    "/slash": (301, "/slash/"),  # the same URL once normalized
    "/slash/": (200, ""),
    "/loop-a": (301, "/loop-b"),
    "/loop-b": (301, "/loop-a"),
    "/missing": (404, ""),
    "/gone": (410, ""),
    "/forbidden": (403, ""),
    "/teapot": (418, ""),
    "/broken": (500, ""),
}


ETAG = '"v1-abc"'
LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT"


@dataclass
class LinkServer:
    """A running server: its base URL and every (method, path) it received, in order."""

    base: str
    requests: list[tuple[str, str]] = field(default_factory=list)
    busy_answers: int = 1  # how many 429s /busy gives before answering 200
    # /slow answers only when the server stops (or after this long): however loaded the
    # machine, never before the client's timeout, and no answer is left in flight after.
    slow_seconds: float = 60.0
    stopping: threading.Event = field(default_factory=threading.Event)
    # (path, If-None-Match, If-Modified-Since) of every request to /etag and /dated.
    conditionals: list[tuple[str, str, str]] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0
    counted_on: LinkServer | None = None  # another server counting requests in flight for both
    # /pause answers once this many requests were in flight at once (or after 3 s): the
    # overlap a limit allows is then seen however slowly a loaded machine sends them.
    hold_for: int = 0
    gathered: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return self.base + path


def _handler(server: LinkServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        counted = False  # this request is counted in flight

        def answer(self, status: int, headers: dict[str, str] | None = None) -> None:
            # Out of flight before the answer leaves: once the client has it, it may send
            # the next request, which must not be counted together with this one.
            self.leave_flight()
            try:
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                body = b"" if self.command == "HEAD" or status == 304 else b"hello"
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up waiting (the timeout case)

        def handle_one(self) -> None:
            path = self.path.split("?", 1)[0]
            with server.lock:
                server.requests.append((self.command, path))
            counter = server.counted_on or server
            with counter.lock:
                counter.in_flight += 1
                counter.most_in_flight = max(counter.most_in_flight, counter.in_flight)
                if counter.hold_for and counter.in_flight >= counter.hold_for:
                    counter.gathered.set()
            self.counted = True
            try:
                self.route(path)
            finally:
                self.leave_flight()

        def leave_flight(self) -> None:
            if getattr(self, "counted", False):
                self.counted = False
                counter = server.counted_on or server
                with counter.lock:
                    counter.in_flight -= 1

        def route(self, path: str) -> None:
            if path in ROUTES:
                status, location = ROUTES[path]
                self.answer(status, {"Location": location} if location else None)
            elif path == "/head-refused":
                self.answer(405 if self.command == "HEAD" else 200)
            elif path == "/busy":
                seen = sum(1 for request in server.requests if request[1] == "/busy")
                if seen <= server.busy_answers:
                    self.answer(429, {"Retry-After": "0"})
                else:
                    self.answer(200)
            elif path == "/bad-gateway":
                seen = sum(1 for request in server.requests if request[1] == "/bad-gateway")
                self.answer(502 if seen <= 1 else 200)
            elif path == "/always-busy":
                self.answer(503, {"Retry-After": "0"})
            elif path == "/slow":
                server.stopping.wait(server.slow_seconds)  # past the client's timeout
                self.answer(200)
            elif path == "/reset":
                # Linger 0: close() sends a TCP reset instead of a clean end.
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.connection.close()
                self.close_connection = True
            elif path in ("/etag", "/dated"):
                asked_tag = self.headers.get("If-None-Match", "")
                asked_date = self.headers.get("If-Modified-Since", "")
                with server.lock:
                    server.conditionals.append((path, asked_tag, asked_date))
                if path == "/etag":
                    validator = {"ETag": ETAG}
                    unchanged = asked_tag == ETAG
                else:
                    validator = {"Last-Modified": LAST_MODIFIED}
                    unchanged = asked_date == LAST_MODIFIED
                # A 304 carries no body; the /dated one leaves its validator out (allowed).
                if unchanged:
                    self.answer(304, validator if path == "/etag" else None)
                else:
                    self.answer(200, validator)
            elif path.startswith("/pause/"):
                counter = server.counted_on or server
                if counter.hold_for and not counter.gathered.wait(3.0):
                    counter.gathered.set()  # fewer at once than expected: the test fails
                time.sleep(0.2)  # long enough for one request too many to overlap
                self.answer(200)
            else:
                self.answer(404)

        def do_HEAD(self) -> None:
            self.handle_one()

        def do_GET(self) -> None:
            self.handle_one()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def running_link_server(
    *, tls_dir: Path | None = None, counted_on: LinkServer | None = None
) -> Iterator[LinkServer]:
    """A link server on 127.0.0.1; with ``tls_dir``, HTTPS with a fresh self-signed
    certificate made there (that no client trusts); with ``counted_on``, its requests in
    flight are counted on that server's counters (a limit across hosts)."""
    state = LinkServer(base="", counted_on=counted_on)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    scheme = "http"
    if tls_dir is not None:
        key, cert = tls_dir / "key.pem", tls_dir / "cert.pem"
        subprocess.run(
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert),
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
        scheme = "https"
    state.base = f"{scheme}://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.stopping.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A fresh key and certificate for 127.0.0.1 (an IP subjectAltName, so a client told to
    trust this very certificate verifies the name too)."""
    key, cert = folder / "h2-key.pem", folder / "h2-cert.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return key, cert


@dataclass
class Http2Server:
    """A TLS server on 127.0.0.1 that speaks only HTTP/2 (ALPN h2, the h2 package): every
    request is answered 200. ``requests``: (method, path) of each; ``protocols``: what ALPN
    agreed on each connection."""

    base: str
    certificate: Path
    requests: list[tuple[str, str]] = field(default_factory=list)
    protocols: list[str] = field(default_factory=list)


def _serve_http2(connection: ssl.SSLSocket, state: Http2Server) -> None:
    import h2.config
    import h2.connection
    import h2.events

    state.protocols.append(connection.selected_alpn_protocol() or "")
    if connection.selected_alpn_protocol() != "h2":
        connection.close()  # HTTP/2 only: a client that does not speak it gets nothing
        return
    h2conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False))
    h2conn.initiate_connection()
    connection.sendall(h2conn.data_to_send())
    try:
        while data := connection.recv(65535):
            for event in h2conn.receive_data(data):
                if isinstance(event, h2.events.RequestReceived):
                    headers = {
                        (name.decode() if isinstance(name, bytes) else name): (
                            value.decode() if isinstance(value, bytes) else value
                        )
                        for name, value in event.headers
                    }
                    state.requests.append((headers[":method"], headers[":path"]))
                    h2conn.send_headers(
                        event.stream_id,
                        [(":status", "200"), ("content-length", "0")],
                        end_stream=True,
                    )
            connection.sendall(h2conn.data_to_send())
    except (OSError, ssl.SSLError):
        pass
    finally:
        connection.close()


@contextmanager
def running_http2_server(folder: Path) -> Iterator[Http2Server]:
    """An HTTP/2-only TLS server on 127.0.0.1 (certificate made in ``folder``)."""
    key, cert = self_signed_certificate(folder)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.set_alpn_protocols(["h2"])
    listener = socket.create_server(("127.0.0.1", 0))
    state = Http2Server(base=f"https://127.0.0.1:{listener.getsockname()[1]}", certificate=cert)
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                raw, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                raw.settimeout(10)
                tls = context.wrap_socket(raw, server_side=True)
            except (OSError, ssl.SSLError):
                raw.close()
                continue
            threading.Thread(target=_serve_http2, args=(tls, state), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        stop.set()
        thread.join()
        listener.close()
