"""Links: where published things live (the URLs and anchors that feeds, page and emails
share), and which URLs are acceptable as links at all."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from publisher.model import URL_SCHEMES, Release, Site, slugify

PAGE_FILE = "index.html"  # the road map itself
CHANGELOG_DIR = "changelog"
CHANGELOG_FILE = f"{CHANGELOG_DIR}/index.html"  # the latest releases
SCRIPT_FILE = "roadmap.js"  # the road map page's filter and search
RELEASE_INDEX_FILE = f"{CHANGELOG_DIR}/releases.js"  # release anchor → archive page

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
_WHITE_SPACE = re.compile(r"\s")
# The common shape of a link, accepted without further checks (a lower-case host, no port).
_SIMPLE_URL = re.compile(r"https?://[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/?#][!-~]*)?\Z")


_SAFE_PATH_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def path_segment(name: str) -> str:
    """A section id as one safe path segment (ids are slugs unless set by hand)."""
    return name if _SAFE_PATH_SEGMENT.fullmatch(name) and ".." not in name else slugify(name)


def section_feed_folder(section_id: str) -> str:
    """The folder of a section's feeds, relative to the output folder."""
    return f"sections/{path_segment(section_id)}/"


def site_url(site: Site, relative_path: str = "") -> str:
    """The absolute URL of a file under the published output folder (base_url)."""
    base = site.base_url if site.base_url.endswith("/") else site.base_url + "/"
    return base + ascii_url_path(relative_path)


def ascii_url_path(relative_path: str) -> str:
    """A relative path (and anchor) as URLs carry it: section and tag folders and anchors
    keep the letters of their titles (``sections/机器学习/``), which are %-encoded as UTF-8;
    everything ASCII stays as it is."""
    if relative_path.isascii():
        return relative_path
    return "".join(
        character if character.isascii() else quote(character, safe="")
        for character in relative_path
    )


def release_page_path(version: str) -> str:
    """The web copy of a release's email, relative to the output folder."""
    return f"releases/{version}.html"


def archive_path(year: int) -> str:
    """The changelog archive page of one year, relative to the output folder."""
    return f"{CHANGELOG_DIR}/{year}.html"


def release_anchor(version: str) -> str:
    """The anchor of a release on the changelog pages (changelog/2024.html#…)."""
    return f"release-{slugify(version)}"


def release_url(site: Site, release: Release) -> str:
    """The absolute URL of a release on its year's changelog archive page: it stays there
    for good, while the changelog index only shows the latest releases."""
    return site_url(site, f"{archive_path(release.date.year)}#{release_anchor(release.version)}")


def resource_anchor(version: str, identity: str) -> str:
    """The anchor of one resource change of a release on the changelog pages."""
    return f"{release_anchor(version)}-{slugify(identity)}"


def resource_page_url(site: Site, release: Release, identity: str) -> str:
    """The absolute URL of one resource change of a release on its year's archive page:
    where a resource without a URL of its own links to."""
    return site_url(
        site, f"{archive_path(release.date.year)}#{resource_anchor(release.version, identity)}"
    )


def tag_authority(site: Site) -> str:
    """The authority of tag: URIs (RFC 4151): the host of base_url."""
    return (urlsplit(site.base_url).hostname or "localhost").lower()


def url_problem(url: str, schemes: frozenset[str] = URL_SCHEMES) -> str:
    """Why ``url`` is not acceptable as a link, or "" when it is."""
    if _SIMPLE_URL.match(url) and url[: url.index(":")] in schemes:
        return ""
    scheme, colon, rest = url.partition(":")
    if not colon or not _SCHEME.fullmatch(scheme):
        return f"{url!r} is not an absolute URL (it needs a scheme such as https:)"
    if scheme.lower() not in schemes:
        return f"'{scheme}:' is not an allowed scheme (use {', '.join(sorted(schemes))})"
    if _WHITE_SPACE.search(url):
        return f"{url!r} contains white space"
    if scheme.lower() == "mailto":
        return "" if "@" in rest else f"{url!r} has no e-mail address"
    if not rest.startswith("//"):
        return f"{url!r} has no host (write {scheme}://host/…)"
    try:
        parts = urlsplit(url)
    except ValueError:  # unbalanced [ ] or a host that folds into / ? # @ :
        return f"{url!r} is not a valid URL (check its host)"
    try:
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError:
        return f"{url!r} has an invalid port"
    if not parts.hostname:
        return f"{url!r} has no host"
    return ""
