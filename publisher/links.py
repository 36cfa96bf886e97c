"""Where published things live: the URLs and anchors that feeds, page and emails share."""

from __future__ import annotations

from urllib.parse import urlsplit

from publisher.model import Release, Site, slugify

PAGE_FILE = "index.html"  # the road map itself
CHANGELOG_DIR = "changelog"
CHANGELOG_FILE = f"{CHANGELOG_DIR}/index.html"  # the latest releases
SCRIPT_FILE = "roadmap.js"  # the road map page's filter and search
RELEASE_INDEX_FILE = f"{CHANGELOG_DIR}/releases.js"  # release anchor → archive page


def site_url(site: Site, relative_path: str = "") -> str:
    """The absolute URL of a file under the published output folder (base_url)."""
    base = site.base_url if site.base_url.endswith("/") else site.base_url + "/"
    return base + relative_path


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
