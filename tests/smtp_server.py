"""A real SMTP server for tests and benchmarks: aiosmtpd on 127.0.0.1 with a free port, with a
handler that can refuse recipients (temporarily or permanently), drop the connection in the
middle of DATA, answer slowly, and check a login."""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Received:
    """One message the server accepted."""

    recipient: str
    data: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.data, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Mailbox:
    """The handler: behaviour is set per recipient address by the test."""

    received: list[Received] = field(default_factory=list)
    refuse_temporarily: dict[str, int] = field(default_factory=dict)  # address -> times left
    refuse_permanently: set[str] = field(default_factory=set)
    drop_in_data: dict[str, int] = field(default_factory=dict)  # address -> times left
    delay: float = 0.0  # seconds before answering DATA
    slow_once: dict[str, float] = field(default_factory=dict)  # address -> one long delay
    login: tuple[str, str] | None = None
    rcpt_seen: list[str] = field(default_factory=list)
    connections: int = 0
    by_session: dict[str, int] = field(default_factory=dict)  # client "host:port" -> messages
    port: int = 0  # set by SmtpServer
    lock: threading.Lock = field(default_factory=threading.Lock)

    def copies(self) -> dict[str, int]:
        with self.lock:
            counts: dict[str, int] = {}
            for item in self.received:
                counts[item.recipient] = counts.get(item.recipient, 0) + 1
            return counts

    async def handle_EHLO(
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        session.host_name = hostname
        with self.lock:
            self.connections += 1
        return responses

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        with self.lock:
            self.rcpt_seen.append(address)
            if address in self.refuse_permanently:
                return "550 5.1.1 No such user here"
            if self.refuse_temporarily.get(address, 0) > 0:
                self.refuse_temporarily[address] -= 1
                return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        delay = self.delay
        with self.lock:
            for recipient in envelope.rcpt_tos:
                delay += self.slow_once.pop(recipient, 0.0)
        if delay:
            await asyncio.sleep(delay)
        with self.lock:
            for recipient in envelope.rcpt_tos:
                if self.drop_in_data.get(recipient, 0) > 0:
                    self.drop_in_data[recipient] -= 1
                    # The whole message arrived, but the client never hears 250: this copy
                    # is not delivered (we do not keep it), the client must send it again.
                    server.transport.close()
                    return "421 4.3.0 Connection dropped"
            for recipient in envelope.rcpt_tos:
                self.received.append(Received(recipient=recipient, data=envelope.content))
            peer = f"{session.peer[0]}:{session.peer[1]}"
            self.by_session[peer] = self.by_session.get(peer, 0) + len(envelope.rcpt_tos)
        return "250 2.0.0 OK queued"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        if self.login is None or not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        ok = (auth_data.login.decode(), auth_data.password.decode()) == self.login
        return AuthResult(success=ok, handled=False)


class SmtpServer:
    """A started aiosmtpd Controller around a Mailbox; ``with SmtpServer() as server``."""

    def __init__(self, mailbox: Mailbox | None = None, *, port: int | None = None) -> None:
        self.mailbox = mailbox or Mailbox()
        self.port = port or free_port()
        self.mailbox.port = self.port
        self.controller = Controller(
            self.mailbox,
            hostname="127.0.0.1",
            port=self.port,
            server_hostname="smtp.test",
            authenticator=self.mailbox.authenticate,
            # Plain AUTH without TLS is fine on the loopback of a test (and not required).
            auth_require_tls=False,
        )

    def url(self, user: str = "") -> str:
        return f"smtp://{user + '@' if user else ''}127.0.0.1:{self.port}"

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.controller.stop()
