"""The changelog email: MJML rendering, plain text, the MIME message, hostile input, browsers."""

from __future__ import annotations

import datetime as dt
import email
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from email.message import EmailMessage
from email.policy import SMTP, default
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import ARTIFACTS, find_chromium, measure_page, screenshot
from click.testing import CliRunner

from publisher import mail
from publisher.cli import main
from publisher.diff import FieldChange, ResourceChange, ResourceMove, RoadmapDiff
from publisher.errors import DataError, NotFoundError, TemplateError
from publisher.model import Author, EmailSettings, FeedSettings, Release, Resource, Site
from publisher.render import template_environment

REPOSITORY = Path(__file__).resolve().parent.parent
TOKEN = "tok-3nX_8q"
ADDRESS = "ann@example.com"
SITE = Site(
    title="Fixture Road Map",
    base_url="https://roadmap.example.org/",
    description="Resources for the tests.",
    language="en",
    author=Author(name="Curator"),
    email=EmailSettings(
        from_address="Fixture Road Map <news@example.org>",
        reply_to="curator@example.org",
        list_id="fixture.example.org",
        unsubscribe_url="https://roadmap.example.org/unsubscribe?list=fixture&token={token}",
    ),
    feeds=FeedSettings(logo="https://roadmap.example.org/logo.png"),
)
RELEASE = Release(
    version="2024.02",
    date=dt.date(2024, 2, 19),
    title="February 2024",
    notes="Courses now carry **time estimates**; see [the guide](https://example.org/guide).",
)
PREVIOUS = Release(version="2024.01", date=dt.date(2024, 1, 4))


def _resource(title: str, url: str = "", **fields: object) -> Resource:
    return Resource(title=title, identity=url or title.lower(), url=url, **fields)  # type: ignore[arg-type]


CS229 = _resource(
    "Stanford's CS229",
    "https://example.org/cs229",
    kind="course",
    author=Author(name="Andrew Ng"),
    cost="free",
    time="60 hours",
    description="The classic course. Notes at https://example.org/cs229/notes and "
    "[videos](https://example.org/cs229/videos).",
)
BATCH = _resource("The Batch", "https://example.org/batch", kind="newsletter")
FASTAI = _resource("Fast.AI", "https://course.fast.ai/", kind="course", cost="free")
NUMPY = _resource("NumPy", description="Arrays.")
OLD_BLOG = _resource("An old blog")
MOVED = _resource("Papers with Code", "https://paperswithcode.com")


def fixture_diff(**overrides: object) -> RoadmapDiff:
    """A release with every kind of change, in two top-level sections and a nested one."""
    fields: dict[str, object] = {
        "old": PREVIOUS,
        "new": RELEASE,
        "added": (
            ResourceChange(
                resource=CS229,
                section=("Technical Resources",),
                section_ids=("technical-resources",),
            ),
            ResourceChange(
                resource=BATCH,
                section=("Learn From Others", "Newsletters"),
                section_ids=("learn-from-others", "newsletters"),
            ),
        ),
        "updated": (
            ResourceChange(
                resource=FASTAI,
                section=("Technical Resources",),
                section_ids=("technical-resources",),
                changes=(
                    FieldChange(field="kind", old=None, new="course"),
                    FieldChange(
                        field="description",
                        old="Practical deep learning, top down.",
                        new="Practical deep learning for coders, top down.",
                    ),
                    FieldChange(field="tags", old=("dl",), new=("dl", "pytorch")),
                ),
            ),
            ResourceChange(
                resource=NUMPY,
                section=("Tools",),
                section_ids=("tools",),
                changes=(
                    FieldChange(field="url", old="http://numpy.org", new="https://numpy.org"),
                ),
                cosmetic=True,
            ),
        ),
        "moved": (
            ResourceMove(
                resource=MOVED,
                from_section=("Tools",),
                to_section=("Learn From Others", "Newsletters"),
                from_section_ids=("tools",),
                to_section_ids=("learn-from-others", "newsletters"),
            ),
        ),
        "removed": (ResourceChange(resource=OLD_BLOG, section=("Tools",), section_ids=("tools",)),),
    }
    fields.update(overrides)
    return RoadmapDiff(**fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def environment():  # type: ignore[no-untyped-def]
    return template_environment(None)


@pytest.fixture(scope="module")
def rendered(environment) -> mail.RenderedEmail:  # type: ignore[no-untyped-def]
    result = mail.render_release_email(SITE, fixture_diff(), environment, sections=None)
    assert result is not None
    return result


def parsed(message: EmailMessage) -> EmailMessage:
    """The message as a receiving mailbox reads it: serialized as sent, then parsed."""
    parsed_message = email.message_from_bytes(bytes(message), policy=default)
    assert isinstance(parsed_message, EmailMessage)
    return parsed_message


def body(message: EmailMessage, kind: str) -> str:
    part = message.get_body((kind,))
    assert part is not None, f"no text/{kind} part"
    return str(part.get_content()).replace("\r\n", "\n")


# --- what the email says ------------------------------------------------------------------


def test_counts_subject_and_preheader_summarise_the_release(rendered: mail.RenderedEmail) -> None:
    # The cosmetic update (same URL, normalized) is not announced; the move counts as updated.
    assert rendered.counts == mail.ChangeCounts(added=2, updated=2, removed=1)
    assert rendered.subject == "Fixture Road Map 2024.02: 2 new, 2 updated, 1 removed"
    assert rendered.preheader.startswith("2 new resources, 2 updated, 1 removed")
    assert "<mj-preview>2 new resources, 2 updated" in rendered.mjml
    assert "NumPy" not in rendered.text


def test_changes_are_grouped_by_section_with_links_and_what_changed(
    rendered: mail.RenderedEmail,
) -> None:
    text = rendered.text
    # Sections in order of first change, the nested one under its parent's title.
    order = [text.index(title) for title in ("Technical Resources", "Newsletters", "Tools\n")]
    assert order == sorted(order)
    assert "Learn From Others \u203a Newsletters" in text
    assert "* NEW: Stanford's CS229\n  https://example.org/cs229\n" in text
    assert "course · by Andrew Ng · free · 60 hours" in text
    assert "tags: added pytorch" in text
    assert "kind set to course" in text
    # An edited text: the new text with the edit marked, the same words in both parts.
    assert "description: Practical deep learning [+ for coders], top down." in text
    assert "description: Practical deep learning <ins>for coders</ins>, top down." in rendered.html
    assert "moved from Tools to Learn From Others \u203a Newsletters" in text
    assert "* REMOVED: An old blog" in text
    assert '<a href="https://example.org/cs229" style="font-weight:600;">' in rendered.html
    # A resource without a URL links to its entry on the changelog page.
    assert "https://roadmap.example.org/changelog/2024.html#release-2024-02-" in rendered.html


def test_html_has_language_preheader_alt_texts_and_no_remote_fonts(
    rendered: mail.RenderedEmail, environment
) -> None:  # type: ignore[no-untyped-def]
    assert re.search(r'<html lang="en"', rendered.html)
    images = ImageCollector.of(rendered.html)
    assert images, "the fixture site has a logo: there is an image to check"
    assert all(alt.strip() for alt in images), images
    assert "fonts.googleapis.com" not in rendered.html
    assert "prefers-color-scheme: dark" in rendered.html
    german = Site(**{**_site_fields(), "language": "de"})
    german_email = mail.render_release_email(german, fixture_diff(), environment)
    assert german_email is not None
    assert '<html lang="de"' in german_email.html


def _site_fields() -> dict[str, object]:
    return {name: getattr(SITE, name) for name in SITE.__slots__}  # type: ignore[attr-defined]


class ImageCollector(HTMLParser):
    """The alt text of every <img> (None where it has none)."""

    def __init__(self) -> None:
        super().__init__()
        self.alts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.alts.append(dict(attrs).get("alt") or "")

    @classmethod
    def of(cls, html: str) -> list[str]:
        collector = cls()
        collector.feed(html)
        return collector.alts


class AttributeCollector(HTMLParser):
    """Every (attribute, value) pair of every element."""

    def __init__(self) -> None:
        super().__init__()
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [(name.lower(), value or "") for name, value in attrs]

    @classmethod
    def of(cls, html: str) -> list[tuple[str, str]]:
        collector = cls()
        collector.feed(html)
        return collector.attributes


def test_plain_text_is_wrapped_at_78_columns_with_urls_whole(
    rendered: mail.RenderedEmail,
) -> None:
    for line in rendered.text.splitlines():
        if len(line) > 78:
            # Only a URL too long for a line may overflow it, and it is never broken.
            assert re.fullmatch(r"\s*(\S+ )?\(?https?://\S+", line), line
    assert re.search(r"videos\s+\(https://example\.org/cs229/videos\)", rendered.text)
    assert "https://roadmap.example.org/releases/2024.02.html" in rendered.text
    assert f"unsubscribe?list=fixture&token={mail.TOKEN_PLACEHOLDER}" in rendered.text
    assert "\n-- \n" in rendered.text


def test_markdown_to_text_writes_links_out() -> None:
    text = mail.markdown_to_text(
        "A [guide](https://example.org/g), *emphasis* and `code`.\n\n"
        "- one\n- two <https://example.org/two>\n"
    )
    assert text == (
        "A guide (https://example.org/g), emphasis and code.\n\n- one\n\n"
        "- two https://example.org/two"
    )
    # CommonMark makes no link of a javascript: URL: it stays literal, inert text.
    assert mail.markdown_to_text("[bad](javascript:alert(1))") == "[bad](javascript:alert(1))"


def test_golden_html_and_text(
    rendered: mail.RenderedEmail, golden: Callable[[str, str | bytes], None]
) -> None:
    personal = rendered.with_token(TOKEN)
    golden("email/2024.02.html", personal.html)
    golden("email/2024.02.txt", personal.text)


# --- selections -----------------------------------------------------------------------------


def test_a_subscriber_gets_only_the_sections_they_follow(environment) -> None:  # type: ignore[no-untyped-def]
    chosen = mail.render_release_email(
        SITE, fixture_diff(), environment, sections=frozenset({"learn-from-others"})
    )
    assert chosen is not None
    # The parent section includes its nested Newsletters; the move into it counts too.
    assert chosen.counts == mail.ChangeCounts(added=1, updated=1, removed=0)
    assert "The Batch" in chosen.text
    assert "Papers with Code" in chosen.text
    assert "CS229" not in chosen.text
    assert "CS229" not in chosen.html
    assert chosen.subject == "Fixture Road Map 2024.02: 1 new, 1 updated"


def test_no_email_when_the_followed_sections_did_not_change(environment) -> None:  # type: ignore[no-untyped-def]
    assert (
        mail.render_release_email(
            SITE, fixture_diff(), environment, sections=frozenset({"getting-started"})
        )
        is None
    )
    # Only a cosmetic update: nothing to announce to anyone.
    quiet = fixture_diff(added=(), moved=(), removed=(), updated=fixture_diff().updated[1:])
    assert mail.render_release_email(SITE, quiet, environment) is None


def test_render_by_selection_compiles_each_selection_once(environment) -> None:  # type: ignore[no-untyped-def]
    selections = [frozenset({"tools"}), frozenset(), frozenset({"tools"}), frozenset({"nothing"})]
    results = mail.render_by_selection(SITE, fixture_diff(), environment, selections)
    assert set(results) == {frozenset({"tools"}), frozenset(), frozenset({"nothing"})}
    assert results[frozenset({"nothing"})] is None
    assert mail.parse_sections(" a; b;;") == frozenset({"a", "b"})


# --- the message ----------------------------------------------------------------------------


def test_message_has_every_header_and_both_parts(rendered: mail.RenderedEmail) -> None:
    message = parsed(mail.personalize(rendered, address=ADDRESS, name="Ann Lee", token=TOKEN))
    assert message["Subject"] == rendered.subject
    assert message["From"] == "Fixture Road Map <news@example.org>"
    assert message["To"] == "Ann Lee <ann@example.com>"
    assert message["Reply-To"] == "curator@example.org"
    assert message["Date"] == "Mon, 19 Feb 2024 00:00:00 +0000"
    assert re.fullmatch(r"<[0-9a-f]{40}@roadmap\.example\.org>", message["Message-ID"])
    assert message["List-Id"] == '"Fixture Road Map" <fixture.example.org>'
    # The header is folded (a URL with a token is long); unfolded it is the two URLs.
    assert message["List-Unsubscribe"].strip() == (
        f"<https://roadmap.example.org/unsubscribe?list=fixture&token={TOKEN}>, "
        "<mailto:curator@example.org?subject=unsubscribe>"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [part.get_content_type() for part in parts] == ["text/plain", "text/html"]
    assert all(part.get_content_charset() == "utf-8" for part in parts)
    text, html = body(message, "plain"), body(message, "html")
    assert text == rendered.with_token(TOKEN).text
    assert f"token={TOKEN}" in text
    assert f"token={TOKEN}" in html.replace("&amp;", "&")
    assert mail.TOKEN_PLACEHOLDER not in text + html


def test_message_is_what_the_email_package_would_encode(rendered: mail.RenderedEmail) -> None:
    # The bodies are encoded once per selection; the result must read exactly as if the
    # email package had encoded each message whole.
    token = "a token/with é"
    ours = mail.personalize(rendered, address=ADDRESS, token=token)
    personal = rendered.with_token(token)
    reference = EmailMessage(policy=SMTP)
    reference.set_content(personal.text, cte="quoted-printable")
    reference.add_alternative(personal.html, subtype="html", cte="quoted-printable")
    for kind in ("plain", "html"):
        assert body(parsed(ours), kind) == body(parsed(reference), kind)
    assert "a%20token%2Fwith%20%C3%A9" in body(parsed(ours), "plain")
    assert max(map(len, bytes(ours).split(b"\r\n"))) <= 78
    assert bytes(ours).isascii()


def test_message_id_and_bytes_are_stable_per_release_and_address(
    rendered: mail.RenderedEmail, environment
) -> None:  # type: ignore[no-untyped-def]
    first = bytes(mail.personalize(rendered, address=ADDRESS, token=TOKEN))
    again = bytes(mail.personalize(rendered, address=ADDRESS.upper(), token=TOKEN))
    other = mail.personalize(rendered, address="bob@example.com", token=TOKEN)
    assert first == bytes(mail.personalize(rendered, address=ADDRESS, token=TOKEN))
    assert parsed_id(first) == parsed_id(again)
    assert parsed_id(first) != other["Message-ID"]
    later = fixture_diff(new=Release(version="2024.03", date=dt.date(2024, 3, 1)))
    later_email = mail.render_release_email(SITE, later, environment)
    assert later_email is not None
    assert (
        parsed_id(first)
        != mail.personalize(later_email, address=ADDRESS, token=TOKEN)["Message-ID"]
    )


def parsed_id(data: bytes) -> str:
    return str(email.message_from_bytes(data, policy=default)["Message-ID"])


def test_without_https_unsubscribe_url_the_mailto_is_used_and_no_one_click(environment) -> None:  # type: ignore[no-untyped-def]
    site = Site(
        title="Plain",
        base_url="https://plain.example.org/",
        email=EmailSettings(from_address="plain@example.org"),
    )
    rendered_email = mail.render_release_email(site, fixture_diff(), environment)
    assert rendered_email is not None
    message = parsed(mail.personalize(rendered_email, address=ADDRESS, token=TOKEN))
    assert message["List-Unsubscribe"].strip() == "<mailto:plain@example.org?subject=unsubscribe>"
    assert message["List-Unsubscribe-Post"] is None
    assert message["List-Id"] == '"Plain" <plain.plain.example.org>'
    assert "mailto:plain@example.org?subject=unsubscribe" in body(message, "html")


def test_list_id_of_a_title_in_another_script_is_ascii() -> None:
    # Slugs keep Chinese letters; a List-Id is a dot-atom of ASCII (RFC 2919): Punycode.
    site = Site(title="机器学习路线图", base_url="https://plain.example.org/")
    header = mail.list_id(site)
    identifier = header.rsplit("<", 1)[1].rstrip(">")
    assert identifier.isascii()
    label, host = identifier.split(".", 1)
    assert host == "plain.example.org"
    assert label.startswith("xn--")
    assert label.removeprefix("xn--").encode("ascii").decode("punycode") == "机器学习路线图"
    assert mail.list_id(Site(title="Plain", base_url="https://plain.example.org/")) == (
        '"Plain" <plain.plain.example.org>'
    )


def test_a_site_without_email_settings_is_refused_with_the_key(environment) -> None:  # type: ignore[no-untyped-def]
    site = Site(title="Nothing", base_url="https://nothing.example.org/")
    with pytest.raises(DataError, match=r"email\.unsubscribe_url"):
        mail.render_release_email(site, fixture_diff(), environment)
    web = mail.web_copy(site, fixture_diff(), environment)
    assert b"Stanford" in web


# --- hostile input -------------------------------------------------------------------------


def test_hostile_text_is_neutralised(environment) -> None:  # type: ignore[no-untyped-def]
    evil = _resource(
        "<script>alert('title')</script>",
        "javascript:alert('url')",
        description="[click me](javascript:alert('description')) <img src=x onerror=alert(1)>",
    )
    site = Site(**{**_site_fields(), "title": "Evil\r\nBcc: victim@example.org"})
    changes = fixture_diff(
        new=Release(
            version="2024.02",
            date=dt.date(2024, 2, 19),
            title="Title\r\nBcc: victim@example.org",
            notes="<script>alert('notes')</script>",
        ),
        added=(ResourceChange(resource=evil, section=("<b>Section</b>",), section_ids=("evil",)),),
    )
    rendered_email = mail.render_release_email(site, changes, environment)
    assert rendered_email is not None
    html = rendered_email.html
    assert "<script" not in html.lower()
    attributes = AttributeCollector.of(html)
    assert not [
        value
        for name, value in attributes
        if name in ("href", "src") and value.strip().lower().startswith("javascript:")
    ]
    assert not [name for name, _ in attributes if name.startswith("on")]
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Section&lt;/b&gt;" in html
    # The resource's own javascript: URL is not written out as its link.
    assert not [
        line for line in rendered_email.text.splitlines() if line.strip().startswith("javascript:")
    ]
    raw = bytes(
        mail.personalize(
            rendered_email, address=ADDRESS, name="Eve\r\nBcc: other@example.org", token=TOKEN
        )
    )
    headers = raw.split(b"\r\n\r\n", 1)[0]
    assert b"\r\nBcc:" not in headers
    message = email.message_from_bytes(raw, policy=default)
    assert message["Bcc"] is None
    assert message["Subject"].startswith("Evil Bcc: victim@example.org 2024.02")
    assert message["To"].addresses[0].addr_spec == ADDRESS
    assert message["To"].addresses[0].display_name == "Eve Bcc: other@example.org"
    with pytest.raises(DataError, match="not an email address"):
        mail.personalize(rendered_email, address="a@example.org\r\nBcc: b@example.org", token="t")


# --- the web copy and templates ---------------------------------------------------------------


def test_web_copy_has_every_section_and_no_personal_link(environment) -> None:  # type: ignore[no-untyped-def]
    page = mail.web_copy(SITE, fixture_diff(), environment).decode("utf-8")
    assert "Stanford" in page
    assert "The Batch" in page
    assert "unsubscribe" not in page.lower()
    assert mail.TOKEN_PLACEHOLDER not in page
    assert "View this email in your browser" not in page


def test_broken_mjml_and_broken_jinja_are_template_errors(tmp_path: Path) -> None:
    templates = tmp_path / "templates" / "email"
    templates.mkdir(parents=True)
    (templates / "changelog.mjml.j2").write_text("<mjml><mj-body><mj-section>\n")
    with pytest.raises(TemplateError, match=r"changelog\.mjml\.j2: the rendered MJML does not"):
        mail.render_release_email(
            SITE, fixture_diff(), template_environment(tmp_path / "templates")
        )
    (templates / "changelog.mjml.j2").write_text("<mjml>{% if %}</mjml>\n")
    with pytest.raises(TemplateError, match=r"changelog\.mjml\.j2:1"):
        mail.web_copy(SITE, fixture_diff(), template_environment(tmp_path / "templates"))


# --- the MJML reference validator (npm mjml) -------------------------------------------------


def _mjml_binary() -> str | None:
    candidate = os.environ.get("MJML_BIN") or str(REPOSITORY / ".ci/tools/node_modules/.bin/mjml")
    return candidate if shutil.which(candidate) else None


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    binary = _mjml_binary()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install the npm mjml validator (.ci/run sets MJML_BIN)")
        pytest.skip("npm mjml validator not installed (set MJML_BIN; .ci/run installs it)")
    return subprocess.run(
        [binary, "-v", str(path), "--config.validationLevel=strict"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.mjml_cli
def test_rendered_mjml_passes_the_reference_validator_in_strict_mode(
    rendered: mail.RenderedEmail, tmp_path: Path
) -> None:
    good = tmp_path / "changelog.mjml"
    good.write_text(rendered.with_token(TOKEN).mjml)
    result = _validate(good)
    assert result.returncode == 0, result.stdout + result.stderr
    # The validator really checks: an attribute MJML does not know fails it.
    bad = tmp_path / "bad.mjml"
    bad.write_text(rendered.mjml.replace("<mj-text ", '<mj-text colour="red" ', 1))
    assert _validate(bad).returncode != 0


# --- real browsers ------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
def test_html_does_not_scroll_sideways_on_phones_or_desktops(
    rendered: mail.RenderedEmail, tmp_path: Path
) -> None:
    if find_chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Chromium (.ci/run)")
        pytest.skip("Chromium not installed (apt-get install chromium)")
    page = tmp_path / "email.html"
    page.write_text(rendered.with_token(TOKEN).html, encoding="utf-8")
    # The check itself can fail: a page with a fixed 600-pixel block scrolls at 375.
    wide = tmp_path / "wide.html"
    wide.write_text(
        '<html><head><meta name="viewport" content="width=device-width"></head>'
        '<body><div style="width:600px">wide</div></body></html>'
    )
    assert measure_page(wide, width=375).scrolls_sideways
    for width in (375, 640):
        metrics = measure_page(page, width=width)
        assert metrics.viewport_width == width
        assert not metrics.scrolls_sideways, metrics
        screenshot(page, ARTIFACTS / "email" / f"changelog-{width}.png", width=width)


# --- the command line -----------------------------------------------------------------------


def test_email_command_writes_every_format(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["--project", str(project), "email", "-o", str(out), "--to", "reader@example.net"],
        env={"PUBLISHER_UNSUBSCRIBE_KEY": "k-Qm9zLXRoZS1rZXktb2YtdGVzdHMtaXMtbG9uZyBlbm91Z2g"},
    )
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in out.iterdir()) == [
        "2024.02.eml",
        "2024.02.html",
        "2024.02.mjml",
        "2024.02.txt",
    ]
    message = email.message_from_bytes((out / "2024.02.eml").read_bytes(), policy=default)
    assert message["To"] == "reader@example.net"
    assert message["Subject"] == "The Machine Learning Road Map 2024.02: 51 updated"
    assert body(message, "plain") == (out / "2024.02.txt").read_text(encoding="utf-8")  # type: ignore[arg-type]
    assert mail.TOKEN_PLACEHOLDER not in (out / "2024.02.html").read_text(encoding="utf-8")


def test_email_command_one_format_sections_and_errors(project: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    base = ["--project", str(project), "email"]
    result = runner.invoke(main, [*base, "2024.01", "--format", "text", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert [path.name for path in out.iterdir()] == ["2024.01.txt"]
    result = runner.invoke(main, [*base, "--sections", "getting-started", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "gets no email" in result.output
    result = runner.invoke(main, [*base, "--sections", "newsletters", "-o", str(out)])
    assert result.exit_code == 0
    assert "5 resources updated" in (out / "2024.02.txt").read_text(encoding="utf-8")
    result = runner.invoke(main, [*base, "--sections", "no-such-section"])
    assert result.exit_code == 1
    assert "no section has the id 'no-such-section'" in result.output
    result = runner.invoke(main, [*base, "2099.01"])
    assert result.exit_code == 1
    assert "release '2099.01' does not exist" in result.output


def test_release_diff_defaults_to_the_latest_and_names_unknown_versions() -> None:
    from publisher.project import open_project
    from publisher.release_history import release_diff

    project = open_project(REPOSITORY)
    latest = release_diff(project)
    assert latest.new is not None
    assert latest.new.version == "2024.02"
    assert latest.old is not None
    assert latest.old.version == "2024.01"
    with pytest.raises(NotFoundError, match=r"2024\.01, 2024\.02"):
        release_diff(project, "1999")


@pytest.mark.parametrize(("name", "greeting"), [("Rea", "Hello Rea,"), ("", "Hello,")])
def test_the_confirmation_email_greets_then_leaves_a_blank_line(name: str, greeting: str) -> None:
    # The greeting's {% if %} block ate the newline after it: "Hello Rea,\nSomeone, …".
    from publisher.delivery.web import confirmation_email
    from publisher.render import template_environment

    data = confirmation_email(
        SITE,
        template_environment(),
        address="rea@example.net",
        name=name,
        confirm_url="https://news.example.org/confirm?token=abc.1.def",
        now=dt.datetime(2024, 1, 4, 9, 0, tzinfo=dt.UTC),
    )
    message = email.message_from_bytes(data, policy=default)
    assert isinstance(message, EmailMessage)
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content().replace("\r\n", "\n")
    assert text.startswith(f"{greeting}\n\nSomeone, probably you, asked to get ")
    assert "\n\nhttps://news.example.org/confirm?token=abc.1.def\n\n" in text
