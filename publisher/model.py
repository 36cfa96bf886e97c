"""The road map as frozen data, and the identity rules that follow a resource across releases."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, fields
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

KINDS = frozenset(
    {
        "course",
        "video",
        "book",
        "article",
        "newsletter",
        "person",
        "tool",
        "topic",
        "paper",
        "other",
    }
)
COSTS = frozenset({"free", "paid", "freemium"})
LEVELS = frozenset({"beginner", "intermediate", "advanced"})
URL_SCHEMES = frozenset({"http", "https", "mailto"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Author:
    """A person or organisation behind a resource (or the site)."""

    name: str
    url: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Resource:
    """One learning resource. ``identity`` is computed by the loader (see `resource_identity`)."""

    title: str
    identity: str
    url: str = ""
    id: str = ""
    kind: str = ""
    author: Author | None = None
    description: str = ""
    tags: tuple[str, ...] = ()
    cost: str = ""
    time: str = ""
    level: str = ""
    prerequisites: tuple[str, ...] = ()


# What a resource carries in the data files, in the order they are written: every field but
# the computed identity. The keys the loader accepts and the fields the diff compares.
RESOURCE_FIELDS = tuple(field.name for field in fields(Resource) if field.name != "identity")


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """A titled group of resources, with nested sections of any depth."""

    title: str
    id: str
    intro: str = ""
    resources: tuple[Resource, ...] = ()
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Roadmap:
    """The content of the working copy or of one release."""

    title: str
    intro: str = ""
    sections: tuple[Section, ...] = ()

    def walk_sections(self) -> Iterator[tuple[tuple[Section, ...], Section]]:
        """Yield ``(ancestors, section)`` for every section, depth first, in document order."""
        stack: list[tuple[tuple[Section, ...], Section]] = [
            ((), section) for section in reversed(self.sections)
        ]
        while stack:
            ancestors, section = stack.pop()
            yield ancestors, section
            path = (*ancestors, section)
            stack.extend((path, child) for child in reversed(section.sections))

    def walk(self) -> Iterator[tuple[tuple[Section, ...], Resource]]:
        """Yield ``(section_path, resource)`` for every resource in document order."""
        for ancestors, section in self.walk_sections():
            path = (*ancestors, section)
            for resource in section.resources:
                yield path, resource


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceCommit:
    """One commit a release was imported from (``release.source.commits``), for maintainers."""

    hash: str
    date: dt.datetime  # the commit date, timezone-aware (UTC)
    subject: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Release:
    """The ``release:`` block of a frozen snapshot. ``source_commit`` is the commit whose
    version of the file the snapshot is; ``source_commits`` every commit of its period."""

    version: str
    date: dt.date
    title: str = ""
    notes: str = ""
    source_commit: str = ""
    source_commits: tuple[SourceCommit, ...] = ()

    @property
    def sort_key(self) -> tuple[dt.date, tuple[tuple[int, int | str], ...]]:
        """Releases are ordered by date, then by the natural order of their version."""
        return (self.date, natural_key(self.version))


@dataclass(frozen=True, slots=True, kw_only=True)
class Snapshot:
    """A road map as read from one file; ``release`` is None for the working copy."""

    roadmap: Roadmap
    release: Release | None = None
    path: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class EmailSettings:
    """``email:`` in site.yaml. ``unsubscribe_url`` is a template holding ``{token}``."""

    from_address: str = ""
    reply_to: str = ""
    list_id: str = ""
    unsubscribe_url: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedSettings:
    """``feeds:`` in site.yaml."""

    entries: int = 50
    icon: str = ""
    logo: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class PageSettings:
    """``page:`` in site.yaml. ``new_days``: the road map page also marks as new or updated
    what changed in the releases of the last N days before the latest (0: the latest only)."""

    new_days: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangelogSettings:
    """``changelog:`` in site.yaml. ``keep``: releases CHANGELOG.md shows in full; older
    ones are a line per year linking the archive pages."""

    keep: int = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkSettings:
    """``links:`` in site.yaml. ``exclude``: shell-style URL patterns `check-links` skips;
    ``show_dead``: pages mark resources whose link is dead (read from the link cache)."""

    exclude: tuple[str, ...] = ()
    show_dead: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Site:
    """data/site.yaml: how the publication presents itself."""

    title: str
    base_url: str
    description: str = ""
    language: str = "en"
    author: Author | None = None
    email: EmailSettings = EmailSettings()
    feeds: FeedSettings = FeedSettings()
    hub: str = ""
    subscribe_url: str = ""  # where `publisher serve` takes subscriptions (a form posts there)
    page: PageSettings = PageSettings()
    changelog: ChangelogSettings = ChangelogSettings()
    links: LinkSettings = LinkSettings()


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders digit runs by value: ``2024.2`` before ``2024.10``."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.findall(r"\d+|\D+", text)
    )


# Words that stand for a resource, or a part of one, not there yet ('Coming soon', 'TBD').
PLACEHOLDER_TEXT = re.compile(
    r"^\W*(?:coming soon|soon|tbd|tba|todo|to do|wip|n/?a|none|work in progress|in progress|"
    r"to be (?:added|announced|determined)|planned)\W*$",
    re.IGNORECASE,
)
_APOSTROPHES = re.compile(r"['\u2018\u2019`]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _ascii_slug(text: str) -> str:
    """The slug of a title written in Latin letters only: accents dropped, ASCII kept."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", _APOSTROPHES.sub("", ascii_text.lower())).strip("-")


def _is_latin(character: str) -> bool:
    """Whether a character is Latin, or of the blocks around Latin letters (IPA, spacing
    modifiers, µ): transliterated to ASCII, or dropped, as ever."""
    return ord(character) < 0x370 or unicodedata.name(character, "").startswith("LATIN ")


def _script_letters(character: str) -> str:
    """The compatibility decomposition of a character of another script, if it holds a
    letter or digit that is neither ASCII nor Latin ("" otherwise)."""
    if character.isascii() or _is_latin(character):
        return ""
    decomposed = unicodedata.normalize("NFKD", character)
    kept = any(not part.isascii() and part.isalnum() for part in decomposed)
    return decomposed if kept else ""


def _folded(text: str) -> str:
    """``text`` as a slug writes it, before it is read character by character: NFKC, letters of
    other scripts casefolded. What a character folds to (Thai SARA AM to a mark and a vowel, a
    modifier letter or a reversed Roman numeral to a Latin letter) is then read as what it
    will be in the slug, not as what it was."""
    text = unicodedata.normalize("NFKC", _APOSTROPHES.sub("", text))
    return unicodedata.normalize(
        "NFKC",
        "".join(
            character if character.isascii() or _is_latin(character) else character.casefold()
            for character in text
        ),
    )


def slugify(text: str) -> str:
    """``"Stanford's CS229 w/Andrew Ng"`` → ``"stanfords-cs229-w-andrew-ng"``,
    ``"机器学习"`` → ``"机器学习"``, ``"Глубокое обучение"`` → ``"глубокое-обучение"``; never empty.

    Latin letters are transliterated to ASCII (accents dropped), and a title without letters
    or digits of another script gets exactly the slug it always had: ids and feed folders of
    existing projects must not move. Letters and digits of other scripts are kept (NFKC,
    casefolded) with the marks that belong to them (Thai tone marks, Devanagari vowel signs),
    so titles in Chinese, Russian or Arabic keep distinct slugs; there any other character
    separates words.
    """
    # Read as the slug is written (`_folded`), so that the slug of a slug is itself.
    if not any(_script_letters(character) for character in text):
        return _ascii_slug(text) or "untitled"
    folded = _folded(text)
    if not any(_script_letters(character) for character in folded):
        return _ascii_slug(text) or "untitled"
    parts: list[str] = []
    base_kept = False  # whether the last base character was kept as a letter of its own script
    for character in folded:
        if unicodedata.category(character).startswith("M"):
            # A mark after a Latin letter is its accent (dropped); after a letter of another
            # script it is part of the letter (a vowel sign, a tone mark, a dakuten).
            if base_kept:
                parts.append(character)
            continue
        if _is_latin(character) or character.isascii():
            # Transliterated as ever: the ASCII of its decomposition, its accents dropped.
            ascii_text = _ascii_slug(character)
            parts.append(ascii_text or ("" if character.isalnum() else "-"))
            base_kept = False
            continue
        letters = _script_letters(character)
        if letters:
            parts.append(letters.casefold())
            base_kept = True
        elif unicodedata.category(character) != "Cf":
            # Zero-width joiners shape a word and do not end it; anything else separates.
            parts.append(_ascii_slug(character) or "-")
            base_kept = False
    slug = unicodedata.normalize("NFKC", "".join(parts))
    return re.sub(r"-{2,}", "-", slug).strip("-") or "untitled"


def normalize_title(title: str) -> str:
    """A title folded for matching: case, punctuation and spacing do not count."""
    return slugify(title)


# Query parameters that only track the visitor and never change what a URL points to.
_TRACKING_PARAMETERS = frozenset(
    {
        "gclid",
        "gclsrc",
        "dclid",
        "fbclid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "ref",
        "ref_src",
        # Microsoft's campaign tag (Learn, aka.ms, its course READMEs): "?WT.mc_id=academic-…".
        "wt.mc_id",
    }
)
# The App Store's parameters say how an app's page is shown or count a campaign (`mt` media
# type, `platform` whose page, `ls`, `uo`; `pt`, `ct`, `at` provider, campaign and affiliate
# tokens), never which app: `…/id409183694?mt=12` and `…/id409183694?platform=mac` are one page.
_APP_STORE_PARAMETERS = frozenset({"mt", "platform", "ls", "uo", "pt", "ct", "at"})
_TRACKING_BY_HOST = {
    "x.com": frozenset({"s", "t"}),
    "twitter.com": frozenset({"s", "t"}),
    "youtube.com": frozenset({"si", "feature"}),
    "youtu.be": frozenset({"si", "feature"}),
    "apps.apple.com": _APP_STORE_PARAMETERS,
    "itunes.apple.com": _APP_STORE_PARAMETERS,
}
# Click-counting redirects of known sites, by host (without "www."): the path they answer on
# and the query parameters that carry the URL every reader lands on. Only these hosts: a page
# elsewhere that names a URL in its query (a Swagger UI loading a spec, a speed test, a share
# dialog, a deploy button, a screenshot service) is a page of its own. `landing_url` reads
# through them; identity never does (published ids and entry ids stay as they were).
_REDIRECTORS: dict[str, tuple[str, tuple[str, ...]]] = {
    "hellogithub.com": ("/periodical/statistics/click", ("target",)),
    "link.zhihu.com": ("", ("target",)),
    "link.juejin.cn": ("", ("target",)),
    "gitee.com": ("/link", ("target",)),
    "links.jianshu.com": ("/go", ("to",)),
    "google.com": ("/url", ("q", "url")),
    "youtube.com": ("/redirect", ("q",)),
    "l.facebook.com": ("/l.php", ("u",)),
    "lm.facebook.com": ("/l.php", ("u",)),
    "l.instagram.com": ("", ("u",)),
    "steamcommunity.com": ("/linkfilter", ("url",)),
}
_REDIRECT_TARGET = re.compile(r"https?://[^/?#\s]", re.IGNORECASE)
# Services whose pages moved to another address, each old URL redirecting to the same page:
# itunes.apple.com → apps.apple.com, NAME.readthedocs.org → NAME.readthedocs.io (paths kept),
# pypi.python.org/pypi/NAME → pypi.org/project/NAME. Written either way, one URL.
_MOVED_SERVICE = re.compile(
    r"(?:itunes\.apple\.com|pypi\.python\.org|(?!www\.)[a-z0-9-]+\.readthedocs\.org)\Z"
)


def _moved_service(host: str, path: str) -> tuple[str, str]:
    """Where a moved service's old address (`_MOVED_SERVICE`) now is: (host, path)."""
    if host == "itunes.apple.com":
        return "apps.apple.com", path
    if host.endswith(".readthedocs.org"):  # a project's docs (`_MOVED_SERVICE`)
        return host.removesuffix(".org") + ".io", path
    if host == "pypi.python.org" and path.startswith("/pypi/") and len(path) > len("/pypi/"):
        return "pypi.org", "/project/" + path.removeprefix("/pypi/")
    return host, path


# A redirect through a redirect is followed this many hops at most (each hop is one parse of
# the text, never a recursion: nested redirects of any depth cost linear work).
_REDIRECT_HOPS = 8
# Both folded schemes' default ports are dropped: http and https are folded into https, so
# "http://host:443" must normalize as "https://host:443" would (normalizing twice changes nothing).
_DEFAULT_PORTS = frozenset({80, 443})
# The common shape (lower-case host, no port, query, fragment or userinfo) needs no parsing.
# Its path: printable ASCII but '?' and '#' (the negated class of everything else took 9 ms
# to compile: Python's re fills a 65,536-entry map one character at a time).
_PLAIN_URL = re.compile(
    r"https?://([a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/[\x21\x22\x24-\x3e\x40-\x7e]*)?)\Z"
)


def normalize_url(url: str) -> str:
    """The URL as compared across releases.

    http and https are folded (to https), the host is lower-cased, a default port, the
    fragment, a trailing slash and tracking parameters (``utm_*``, ``gclid``, ``fbclid``,
    ``ref``, ``s`` on x.com, the App Store's ``mt`` or ``platform`` …) are dropped, and a
    moved service's old address is its new one (itunes.apple.com, NAME.readthedocs.org,
    pypi.python.org/pypi/NAME). mailto addresses are lower-cased. Text that is not an http(s)
    or mailto URL is returned stripped. A click-counting redirect stays itself here (identity
    is the URL as written); `landing_url` reads through it.
    """
    plain = _PLAIN_URL.match(url)
    if plain and not _MOVED_SERVICE.match(plain[1].partition("/")[0]):
        return "https://" + plain[1].rstrip("/")
    return _normalize_parsed_url(url)


def _normalize_parsed_url(url: str) -> str:
    """`normalize_url` for any text (the general path, through urllib.parse)."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme == "mailto":
        return "mailto:" + parts.path.lower()
    if scheme not in ("http", "https"):
        return url
    host = (parts.hostname or "").lower()
    bare_host = host.removeprefix("www.").removeprefix("m.")
    path = parts.path
    if _MOVED_SERVICE.match(host):
        host, path = _moved_service(host, path)
    netloc = host if port is None or port in _DEFAULT_PORTS else f"{host}:{port}"
    host_tracking = _TRACKING_BY_HOST.get(bare_host, frozenset())
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not (
            name.lower().startswith("utm_")
            or name.lower() in _TRACKING_PARAMETERS
            or name in host_tracking
        )
    ]
    return urlunsplit(("https", netloc, path.rstrip("/"), urlencode(query, doseq=True), ""))


def landing_url(url: str) -> str:
    """The normalized URL a reader lands on: a known click-counting redirect
    (HelloGitHub's ``…/statistics/click/?target=https://github.com/x/y``,
    ``link.zhihu.com/?target=…``, ``google.com/url?q=…``) is read through to the URL it
    carries, a few hops at most; any other URL is `normalize_url` of itself; and forms of an
    address that show the same page are one (`_same_page_form`: ``www.``, ``/index.html``, a
    repository's ``.git``, a folder's ``README.md``).

    Only the diff uses it (to pair a removed and an added resource, and to call such a URL
    change cosmetic): identity, ids and feed entry ids stay on the URL as written.
    """
    for _ in range(_REDIRECT_HOPS):
        target = _redirect_target(url) if "?" in url else ""
        if not target:
            break
        url = target
    return _same_page_form(normalize_url(url))


# Forms of one address a server answers with the same page (`_same_page_form`): a trailing
# index page, and on code hosts a repository's clone URL or a folder's README.
_INDEX_PAGE = re.compile(r"/index\.html?$", re.IGNORECASE)
_CODE_HOSTS = frozenset({"github.com", "gitlab.com", "codeberg.org"})
_REPOSITORY_GIT = re.compile(r"^(/[^/]+/[^/]+)\.git$")
_FOLDER_README = re.compile(r"^(/[^/]+/[^/]+)/(?:blob|tree)/(.+?)(?:/readme\.md)?$", re.IGNORECASE)


def _same_page_form(url: str) -> str:
    """A normalized URL with the parts that do not change the page it shows set aside:
    ``www.`` before the host, a trailing ``/index.html``; on GitHub, GitLab and Codeberg a
    repository's ``.git`` suffix, and ``blob`` or ``tree`` before a folder, its ``README.md``
    (the folder's page shows it). Identity keeps the URL as normalized (`normalize_url`)."""
    parts = urlsplit(url)
    if parts.scheme != "https":
        return url
    host = parts.netloc.removeprefix("www.")
    path = _INDEX_PAGE.sub("", parts.path).rstrip("/")
    if host in _CODE_HOSTS:
        path = _REPOSITORY_GIT.sub(r"\1", path)
        folder = _FOLDER_README.match(path)
        if folder is not None:
            path = f"{folder.group(1)}/tree/{folder.group(2)}"
    return urlunsplit((parts.scheme, host, path, parts.query, ""))


def _redirect_target(url: str) -> str:
    """The URL a known click-counting redirect (`_REDIRECTORS`) carries, or ""."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().removeprefix("www.")
    except ValueError:
        return ""
    known = _REDIRECTORS.get(host)
    if known is None or parts.scheme.lower() not in ("http", "https"):
        return ""
    path, names = known
    if parts.path.rstrip("/").lower() != path:
        return ""
    return next(
        (
            value.strip()
            for name, value in parse_qsl(parts.query, keep_blank_values=True)
            if name.lower() in names and _REDIRECT_TARGET.match(value.strip())
        ),
        "",
    )


def resource_identity(
    *, explicit_id: str, url: str, title: str, section_ids: tuple[str, ...]
) -> str:
    """The key that follows a resource across releases: its id, else its normalized URL,
    else its section path plus the slug of its title."""
    if explicit_id:
        return explicit_id
    if url:
        return normalize_url(url)
    return "/".join((*section_ids, slugify(title)))
