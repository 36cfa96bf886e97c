"""`publisher serve` for real: the CLI starts uvicorn on 127.0.0.1, headless Chromium fills
the forms (Playwright, Debian's chromium), aiosmtpd catches the confirmation emails whose
links are followed, the one-click POST is sent as a mailbox provider sends it; on SQLite and
on a real PostgreSQL."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import yaml
from click.testing import Result
from smtp_server import Received, SmtpServer, free_port

from publisher.delivery import NewSubscriber, Store, open_store
from publisher.delivery.tokens import confirm_token, manage_token
from publisher.subscribers import parse_subscribers, subscribers_csv

REPOSITORY = Path(__file__).resolve().parent.parent
KEY = "eIiawR-UuQvQA3PRw3J5uLuYHvpfvE6LqSCiEWr1SbE"
_clients = itertools.count(1)


def client_address() -> str:
    """A distinct client address per test (uvicorn trusts X-Forwarded-For from 127.0.0.1,
    as behind a local reverse proxy): each test has its own rate-limit budget."""
    number = next(_clients)
    return f"198.51.100.{number % 250 + 1}" if number < 250 else f"203.0.113.{number % 250}"


@dataclass
class Service:
    url: str
    database_url: str
    project: Path
    smtp: SmtpServer

    def store(self) -> Store:
        return open_store(self.project / ".publisher", self.database_url, now="t")

    def command_env(self) -> dict[str, str]:
        """The environment of a `publisher` command run against this service's SMTP server
        and store, with the service's key."""
        return {
            "PUBLISHER_SMTP_URL": self.smtp.url(),
            "PUBLISHER_SECRET_KEY": KEY,
            "PUBLISHER_DATABASE_URL": self.database_url,
        }

    def mail_to(self, address: str, count: int = 1) -> list[Received]:
        """The messages received for ``address``, waiting (up to 120 s: a loaded machine is
        slow) for ``count``."""
        deadline = time.monotonic() + 120
        while True:
            with self.smtp.mailbox.lock:
                found = [item for item in self.smtp.mailbox.received if item.recipient == address]
            if len(found) >= count or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    def confirm_link(self, address: str, number: int = 1) -> str:
        messages = self.mail_to(address, number)
        assert len(messages) >= number, f"no confirmation email for {address}"
        message = messages[number - 1].message
        text = message.get_body(("plain",))
        assert text is not None
        found = re.search(r"(http://\S+/confirm\?token=\S+)", text.get_content())
        assert found, text.get_content()
        return found.group(1)

    def send_list(
        self,
        csv: Path,
        *people: str,
        options: tuple[str, ...] = ("--yes",),
        env: dict[str, str] | None = None,
    ) -> str:
        """`publisher send --subscribers CSV OPTIONS` as a maintainer runs it against this
        service (``env``: its environment, else `command_env`), after writing ``people`` (an
        address, or "address,name") to CSV when given. Returns the output; a failure fails
        the test."""
        if people:
            rows = "".join(f"{person},{'' if ',' in person else ','}\n" for person in people)
            csv.write_text(f"email,name,sections\n{rows}", encoding="utf-8")
        result = self.publisher("send", "--subscribers", str(csv), *options, env=env)
        assert result.exit_code == 0, result.output
        return result.output

    def publisher(self, *arguments: str, env: dict[str, str] | None = None) -> Result:
        """`publisher --project PROJECT ARGUMENTS` through CliRunner, in ``env`` (else
        `command_env`)."""
        from click.testing import CliRunner

        from publisher.cli import main

        command = ["--project", str(self.project), *arguments]
        return CliRunner().invoke(main, command, env=env or self.command_env())


def list_unsubscribe(message: Received) -> tuple[str, str]:
    """The one-click unsubscribe URL of a sent email's List-Unsubscribe header, and its token."""
    url = re.search(r"<(http[^>]+)>", str(message.message["List-Unsubscribe"]))
    assert url, message.message["List-Unsubscribe"]
    return url.group(1), parse_qs(urlsplit(url.group(1)).query)["token"][0]


def one_click(url: str) -> httpx.Response:
    """The POST a mailbox provider sends to unsubscribe in one click (RFC 8058)."""
    return httpx.post(
        url,
        content=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )


def start_server(project: Path, env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "publisher",
            "--project",
            str(project),
            "serve",
            "--port",
            str(port),
        ],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                return process
        except httpx.TransportError:
            pass
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode() if process.stderr else "died")
        assert time.monotonic() < deadline, "publisher serve did not start"
        time.sleep(0.1)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def service(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Service]:
    project = tmp_path_factory.mktemp(f"serve-{request.param}") / "project"
    shutil.copytree(REPOSITORY / "data", project / "data")
    port = free_port()
    site_path = project / "data" / "site.yaml"
    site = yaml.safe_load(site_path.read_text(encoding="utf-8"))
    site["subscribe_url"] = f"http://127.0.0.1:{port}/subscribe"
    site["email"].pop("unsubscribe_url", None)  # follows from subscribe_url
    site_path.write_text(yaml.safe_dump(site, sort_keys=False), encoding="utf-8")
    database_url = ""
    if request.param == "postgresql":
        database_url = request.getfixturevalue("postgres_cluster").create_database()
    with SmtpServer() as smtp:
        env = {
            "PUBLISHER_SMTP_URL": smtp.url(),
            "PUBLISHER_SECRET_KEY": KEY,
            "PUBLISHER_DATABASE_URL": database_url,
        }
        process = start_server(project, env, port)
        try:
            yield Service(
                url=f"http://127.0.0.1:{port}/",
                database_url=database_url,
                project=project,
                smtp=smtp,
            )
        finally:
            process.terminate()
            process.wait(timeout=30)
            if process.stderr is not None:
                process.stderr.close()


def subscribe(service: Service, address: str, **fields: str) -> httpx.Response:
    """GET the form (cookie and CSRF token), then POST it, as a browser without JS would."""
    with httpx.Client(
        base_url=service.url, headers={"X-Forwarded-For": client_address()}
    ) as client:
        form = client.get("/subscribe")
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
        assert csrf
        return client.post("/subscribe", data={"csrf": csrf.group(1), "email": address, **fields})


def status_of(service: Service, address: str) -> str:
    with service.store() as store:
        record = store.subscriber(address)
    return record.status if record else ""


@pytest.mark.browser
def test_a_person_subscribes_confirms_chooses_sections_and_unsubscribes_in_a_browser(
    service: Service, chromium: object
) -> None:
    address = f"browser-{next(_clients)}@example.net"
    context = chromium.new_context(  # type: ignore[attr-defined]
        viewport={"width": 375, "height": 812},
        extra_http_headers={"X-Forwarded-For": client_address()},
        java_script_enabled=False,
    )
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "response",
        lambda response: (
            refused.append(f"{response.status} {response.url}") if response.status >= 400 else None
        ),
    )
    try:
        page.goto(service.url + "subscribe")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        page.fill("#email", address)
        page.fill("#name", "Brow Ser")
        page.check("input[name=sections][value=technical-resources]")
        page.click("button[type=submit]")
        assert page.locator("h1").inner_text() == "Check your inbox"
        assert status_of(service, address) == "pending"

        page.goto(service.confirm_link(address))
        assert page.locator("h1").inner_text() == "Subscribed"
        assert status_of(service, address) == "confirmed"
        page.get_by_role("link", name="Choose sections").click()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert page.is_checked("input[name=sections][value=technical-resources]")
        page.check("input[name=sections][value=getting-started]")
        page.click("button[value=save]")
        assert "Saved." in page.locator(".notice").inner_text()
        with service.store() as store:
            record = store.subscriber(address)
        assert record is not None
        assert record.sections == ("getting-started", "technical-resources")
        page.click("button[value=unsubscribe]")
        assert page.locator("h1").inner_text() == "Unsubscribed"
        assert status_of(service, address) == "unsubscribed"
        # Nothing the pages load or a browser asks for on its own (an icon) is missing.
        assert refused == []
    finally:
        context.close()


def test_security_headers_and_no_inline_code(service: Service) -> None:
    response = httpx.get(service.url + "subscribe")
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "'unsafe-inline'" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "<script" not in response.text
    assert "<style" not in response.text
    assert "style=" not in response.text
    assert httpx.get(service.url + "style.css").headers["content-type"].startswith("text/css")


def test_the_icon_browsers_ask_for_is_an_empty_answer_not_a_404(service: Service) -> None:
    # Browsers ask for /favicon.ico on every page: it was a 404 each time.
    response = httpx.get(service.url + "favicon.ico")
    assert (response.status_code, response.content) == (204, b"")
    assert "max-age=" in response.headers["cache-control"]
    # The pages name an empty icon, so browsers that read them need not ask at all.
    assert '<link rel="icon" href="data:,">' in httpx.get(service.url + "subscribe").text


def test_the_answer_is_the_same_for_new_pending_and_confirmed_addresses(service: Service) -> None:
    address = f"same-{next(_clients)}@example.net"
    first = subscribe(service, address)
    service.confirm_link(address)
    second = subscribe(service, address)  # pending
    with httpx.Client() as client:
        assert client.get(service.confirm_link(address, 2)).status_code == 200
    third = subscribe(service, address)  # confirmed
    bodies = {re.sub(r'value="[^"]+"', "", r.text) for r in (first, second, third)}
    assert [r.status_code for r in (first, second, third)] == [200, 200, 200]
    assert len(bodies) == 1


def test_the_form_mails_no_confirmation_to_whoever_complained(service: Service) -> None:
    # A spam complaint means never mail again; anyone can type that address into the form.
    number = next(_clients)
    complainer, newcomer = f"complainer-{number}@example.net", f"newcomer-{number}@example.net"
    assert subscribe(service, complainer).status_code == 200
    service.confirm_link(complainer)
    with service.store() as store:
        store.set_status([complainer], "complained", reason="complaint (abuse)", now="t")
    answer = subscribe(service, complainer)
    assert answer.status_code == 200
    assert "Check your inbox" in answer.text  # the same answer as for anyone: no enumeration
    # The mailer sends in order: once the newcomer's email is here, the complainer's would be.
    assert subscribe(service, newcomer).status_code == 200
    service.confirm_link(newcomer)
    assert len(service.mail_to(complainer)) == 1
    assert status_of(service, complainer) == "complained"
    # A complaint made by mistake: once forgotten, they can subscribe again (a new consent).
    with service.store() as store:
        store.forget(complainer, now="t")
    assert subscribe(service, complainer).status_code == 200
    assert len(service.mail_to(complainer, 2)) == 2
    assert status_of(service, complainer) == "pending"


def test_a_name_with_control_characters_is_stored_as_an_export_can_re_import(
    service: Service,
) -> None:
    # A name typed with ESC, NUL or a tab (a pasted terminal colour code, a bot): the store
    # keeps it without them, so `subscribers export` gives a file `subscribers import` takes.
    address = f"control-{next(_clients)}@example.net"
    assert subscribe(service, address, name="Ann\x1b[31m Lee\x00\tJr").status_code == 200
    with service.store() as store:
        record = store.subscriber(address)
    assert record is not None
    assert record.name == "Ann [31m Lee Jr"
    exported = subscribers_csv([(address, record.name, ())])
    (again,) = parse_subscribers(exported, label="export.csv", known_sections=frozenset())
    assert again.name == record.name


def test_without_a_csrf_token_nothing_is_stored(service: Service) -> None:
    address = f"csrf-{next(_clients)}@example.net"
    response = httpx.post(
        service.url + "subscribe",
        data={"email": address},
        headers={"X-Forwarded-For": client_address()},
    )
    assert response.status_code == 403
    assert f'value="{address}"' in response.text  # the form, filled in, to go on by hand
    forged = httpx.post(
        service.url + "subscribe",
        data={"email": address, "csrf": "forged"},
        cookies={"publisher_csrf": "x" * 32},
        headers={"X-Forwarded-For": client_address()},
    )
    assert forged.status_code == 403
    assert status_of(service, address) == ""


def test_the_honeypot_and_bad_addresses_store_nothing(service: Service) -> None:
    bot = f"bot-{next(_clients)}@example.net"
    assert subscribe(service, bot, website="http://spam.example").status_code == 200
    assert status_of(service, bot) == ""
    bad = subscribe(service, "not an address@")
    assert bad.status_code == 400
    assert 'class="error"' in bad.text


def test_forged_expired_and_replayed_confirmation_links(service: Service) -> None:
    address = f"tokens-{next(_clients)}@example.net"
    assert subscribe(service, address).status_code == 200
    link = service.confirm_link(address)
    token = parse_qs(urlsplit(link).query)["token"][0]
    public_id, issued, mac = token.split(".")
    forged = f"{public_id}.{issued}.{mac[:-2]}{'AA' if mac[-2:] != 'AA' else 'BB'}"
    with httpx.Client(base_url=service.url) as client:
        answer = client.get("/confirm", params={"token": forged})
        assert answer.status_code == 400
        assert "This link does not work" in answer.text
        assert client.get("/confirm", params={"token": "garbage"}).status_code == 400
        with service.store() as store:
            nonce = store.confirm_nonce(public_id)
        old = confirm_token(KEY.encode(), public_id, nonce, issued=int(time.time()) - 8 * 86400)
        expired = client.get("/confirm", params={"token": old})
        assert expired.status_code == 400
        assert "This link has expired" in expired.text
        assert status_of(service, address) == "pending"

        assert client.get("/confirm", params={"token": token}).status_code == 200
        assert status_of(service, address) == "confirmed"
        unsubscribe_token = manage_token(KEY.encode(), public_id)
        left = client.post(
            "/unsubscribe",
            params={"token": unsubscribe_token},
            content=b"List-Unsubscribe=One-Click",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert left.status_code == 200
        replayed = client.get("/confirm", params={"token": token})
        assert replayed.status_code == 400
        assert status_of(service, address) == "unsubscribed"


def test_one_click_unsubscribe_from_the_header_of_a_sent_email(service: Service) -> None:
    from click.testing import CliRunner

    from publisher.cli import main

    address = f"oneclick-{next(_clients)}@example.net"
    assert subscribe(service, address).status_code == 200
    assert httpx.get(service.confirm_link(address)).status_code == 200
    env = service.command_env()
    result = CliRunner().invoke(main, ["--project", str(service.project), "send", "--yes"], env=env)
    assert result.exit_code == 0, result.output
    messages = [m for m in service.mail_to(address, 2) if "List-Unsubscribe" in m.message]
    assert messages, "the release email did not arrive"
    header = str(messages[-1].message["List-Unsubscribe"])
    url = re.search(r"<(http[^>]+)>", header)
    assert url

    # A scanner fetching the link changes nothing.
    assert httpx.get(url.group(1)).status_code == 200
    assert status_of(service, address) == "confirmed"
    # The POST a mailbox provider sends (RFC 8058): no cookie, no CSRF token, no redirect.
    response = httpx.post(
        url.group(1),
        content=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert response.status_code == 200
    assert status_of(service, address) == "unsubscribed"
    again = httpx.post(
        url.group(1),
        files={"List-Unsubscribe": (None, "One-Click")},  # multipart/form-data, also allowed
        follow_redirects=False,
    )
    assert again.status_code == 200
    tampered = url.group(1)[:-3] + ("xyz" if not url.group(1).endswith("xyz") else "abc")
    refused = httpx.post(tampered, content=b"List-Unsubscribe=One-Click")
    assert refused.status_code == 400


def test_a_csv_list_is_recorded_so_its_unsubscribe_links_work_and_leavers_are_skipped(
    service: Service, tmp_path: Path
) -> None:
    # `send --subscribers FILE` keyed its links with a hash of the address, which serve
    # refused ("This link does not work"): a list's reader could not unsubscribe.
    number = next(_clients)
    leaver, stayer = f"list-leaver-{number}@example.net", f"list-stayer-{number}@example.net"
    csv = tmp_path / "subscribers.csv"
    output = service.send_list(csv, f"{leaver},Lee", f"{stayer},Sam")
    assert "skipped" not in output.split("\n")[0]
    with service.store() as store:
        record = store.subscriber(leaver)
    assert record is not None
    assert (record.status, record.consent_method) == ("listed", "list")
    assert record.consent_source == "send --subscribers subscribers.csv"
    # Not a subscriber of the store's own list: a send without --subscribers leaves them out.
    dry = service.publisher("send", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert leaver not in dry.output

    (message,) = service.mail_to(leaver)
    url, token = list_unsubscribe(message)
    assert token == manage_token(KEY.encode(), record.public_id)
    # The preferences page works for them too.
    preferences = httpx.get(service.url + "preferences", params={"token": token})
    assert preferences.status_code == 200
    assert f"<strong>{leaver}</strong> (from the mailing list)" in preferences.text
    assert one_click(url).status_code == 200
    assert status_of(service, leaver) == "unsubscribed"

    again = service.send_list(csv)
    assert "subscribers.csv: skipped 1 address(es) that unsubscribed (1)" in again
    assert len(service.mail_to(stayer)) == 1
    assert len(service.mail_to(leaver)) == 1


def test_links_of_a_list_email_sent_before_the_store_recorded_the_list_still_unsubscribe(
    service: Service, tmp_path: Path
) -> None:
    # Emails a list was sent before carry the keyed hash of the address; once `send`
    # records the list (keeping that hash with each record), serve reads those links too.
    from publisher.subscribers import unsubscribe_token

    number = next(_clients)
    reader, stranger = f"old-list-{number}@example.net", f"never-listed-{number}@example.net"
    old_link = service.url + "unsubscribe?token=" + unsubscribe_token(KEY.encode(), reader)
    assert httpx.get(old_link).status_code == 400  # not recorded yet: nothing to read it by
    service.send_list(tmp_path / "subscribers.csv", reader)
    page = httpx.get(old_link)
    assert page.status_code == 200
    with service.store() as store:
        record = store.subscriber(reader)
    assert record is not None
    # The page's button posts with the record's own token.
    assert quote_token(manage_token(KEY.encode(), record.public_id)) in page.text
    assert one_click(old_link).status_code == 200
    assert status_of(service, reader) == "unsubscribed"
    stranger_link = service.url + "unsubscribe?token=" + unsubscribe_token(KEY.encode(), stranger)
    assert httpx.post(stranger_link, content=b"List-Unsubscribe=One-Click").status_code == 400


def quote_token(token: str) -> str:
    from urllib.parse import quote

    return quote(token, safe="")


def test_a_flood_of_subscriptions_gets_429_and_at_most_3_confirmations_a_day(
    service: Service,
) -> None:
    flooder = client_address()
    codes = []
    with httpx.Client(base_url=service.url, headers={"X-Forwarded-For": flooder}) as client:
        csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/subscribe").text)
        assert csrf
        for number in range(25):
            response = client.post(
                "/subscribe", data={"csrf": csrf.group(1), "email": f"flood{number}@example.net"}
            )
            codes.append(response.status_code)
    assert codes[:10] == [200] * 10
    assert set(codes[10:]) == {429}

    victim = f"victim-{next(_clients)}@example.net"
    for _ in range(5):
        assert subscribe(service, victim).status_code == 200
    # Confirmation emails go out in order: once a later one arrived, the victim's are all in.
    marker = f"marker-{next(_clients)}@example.net"
    assert subscribe(service, marker).status_code == 200
    assert service.mail_to(marker)
    assert len(service.mail_to(victim, 0)) == 3


def test_bodies_are_capped(service: Service) -> None:
    response = httpx.post(
        service.url + "subscribe",
        content=b"email=" + b"a" * 100_000,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413


def test_the_unsubscribe_page_never_unsubscribes_by_itself(service: Service) -> None:
    address = f"scanner-{next(_clients)}@example.net"
    assert subscribe(service, address).status_code == 200
    assert httpx.get(service.confirm_link(address)).status_code == 200
    with service.store() as store:
        record = store.subscriber(address)
    assert record is not None
    token = manage_token(KEY.encode(), record.public_id)
    page = httpx.get(service.url + "unsubscribe", params={"token": token})
    assert page.status_code == 200
    assert 'name="List-Unsubscribe" value="One-Click"' in page.text
    assert status_of(service, address) == "confirmed"
    assert httpx.get(service.url + "unsubscribe", params={"token": "x.y"}).status_code == 400


NEW_KEY = "u3Jq9ZfWc0Lx7TnB2yRkD5pVg8HsE1mAoQiY4tXe6Nw"
OLDER_KEY = "Zr8Kc1Vw4Nq7Hy0Tb3Lm6Xp9Gs2Jd5Fa-Ue_Oi8Rt1"


def test_a_rotated_key_keeps_the_links_of_emails_already_sent_working(
    service: Service, tmp_path: Path
) -> None:
    # Changing PUBLISHER_SECRET_KEY broke every link of every email already sent. The earlier
    # keys, listed in PUBLISHER_PREVIOUS_SECRET_KEYS, still verify; new links use the new key.
    number = next(_clients)
    reader, joiner = f"rotated-{number}@example.net", f"rotated-pending-{number}@example.net"
    csv = tmp_path / "subscribers.csv"
    service.send_list(csv, reader)
    (sent,) = service.mail_to(reader)
    old_url, _ = list_unsubscribe(sent)
    assert subscribe(service, joiner).status_code == 200
    old_confirm = service.confirm_link(joiner)  # signed with the old key, not used yet
    with service.store() as store:
        record = store.subscriber(reader)
    assert record is not None

    # The key is changed: serve restarts with the new one, the old one listed as previous.
    new_env = {
        **service.command_env(),
        "PUBLISHER_SECRET_KEY": NEW_KEY,
        "PUBLISHER_PREVIOUS_SECRET_KEYS": f"{OLDER_KEY}, {KEY}",
    }
    port = free_port()
    rotated = start_server(service.project, new_env, port)
    try:
        base = f"http://127.0.0.1:{port}/"
        with httpx.Client() as client:
            preferences = client.get(
                old_url.replace(service.url + "unsubscribe", base + "preferences")
            )
            assert preferences.status_code == 200
            # The page's own forms carry a token signed with the new key.
            assert quote_token(manage_token(NEW_KEY.encode(), record.public_id)) in preferences.text
            assert quote_token(manage_token(KEY.encode(), record.public_id)) not in preferences.text
            confirmed = client.get(old_confirm.replace(service.url, base))
            assert confirmed.status_code == 200
            assert status_of(service, joiner) == "confirmed"
            assert one_click(old_url.replace(service.url, base)).status_code == 200
            assert status_of(service, reader) == "unsubscribed"
            # A key that is neither the current one nor listed signs nothing that works.
            forged = manage_token(b"k" * 8 + NEW_KEY[8:].encode(), record.public_id)
            assert client.get(base + "preferences", params={"token": forged}).status_code == 400
    finally:
        rotated.terminate()
        rotated.wait(timeout=30)
        if rotated.stderr is not None:
            rotated.stderr.close()

    # New emails are signed with the new key.
    late = f"rotated-late-{number}@example.net"
    service.send_list(csv, late, env=new_env)
    (message,) = service.mail_to(late)
    with service.store() as store:
        late_record = store.subscriber(late)
    assert late_record is not None
    _, token = list_unsubscribe(message)
    assert token == manage_token(NEW_KEY.encode(), late_record.public_id)


def test_a_list_sent_with_its_own_ledger_file_unsubscribes_through_serve(
    service: Service, tmp_path: Path
) -> None:
    # `send --subscribers FILE --ledger PATH` recorded the list in PATH, which serve never
    # reads: the emails' one-click unsubscribe and preferences links answered 400.
    number = next(_clients)
    reader, earlier = f"ledger-list-{number}@example.net", f"ledger-early-{number}@example.net"
    ledger = tmp_path / "newsletter-b.sqlite"
    # An email sent by the earlier code: the list recorded in the ledger file only.
    with open_store(tmp_path, "", path=ledger, now="t") as own:
        (recipient,) = own.list_recipients(
            [NewSubscriber(address=earlier)], source="send --subscribers b.csv", now="t"
        ).recipients
    early_token = manage_token(KEY.encode(), recipient.public_id)
    assert httpx.get(service.url + "preferences", params={"token": early_token}).status_code == 400

    csv = tmp_path / "b.csv"
    output = service.send_list(csv, reader, earlier, options=("--ledger", str(ledger), "--yes"))
    assert "will not work" not in output
    with service.store() as store:
        record = store.subscriber(reader)
        early = store.subscriber(earlier)
    assert record is not None
    assert (record.status, record.consent_method) == ("listed", "list")
    # The earlier email's id is taken over: its links work now too.
    assert early is not None
    assert early.public_id == recipient.public_id
    (message,) = service.mail_to(reader)
    url, token = list_unsubscribe(message)
    assert token == manage_token(KEY.encode(), record.public_id)
    preferences = httpx.get(service.url + "preferences", params={"token": token})
    assert preferences.status_code == 200
    assert f"<strong>{reader}</strong> (from the mailing list)" in preferences.text
    assert one_click(url).status_code == 200
    assert status_of(service, reader) == "unsubscribed"
    early_link = service.url + "unsubscribe?token=" + quote_token(early_token)
    assert one_click(early_link).status_code == 200
    assert status_of(service, earlier) == "unsubscribed"
    # The deliveries are in the ledger file; the next send of the list skips both leavers.
    with open_store(tmp_path, "", path=ledger, now="t") as own, own.ledger() as rows:
        assert {row.address for row in rows.rows()} == {reader, earlier}
    again = service.send_list(csv, options=("--ledger", str(ledger), "--dry-run"))
    assert "would skip 2 address(es) that unsubscribed (2)" in again

    # Without --subscribers, --ledger sends to the store's confirmed subscribers (it read
    # the ledger file's, which has none).
    confirmed = f"ledger-confirmed-{number}@example.net"
    assert subscribe(service, confirmed).status_code == 200
    assert httpx.get(service.confirm_link(confirmed)).status_code == 200
    store_send = service.publisher("send", "--ledger", str(ledger), "--dry-run")
    assert store_send.exit_code == 0, store_send.output
    assert f"would send to {confirmed}" in store_send.output
