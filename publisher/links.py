"""Where published things live: the URLs and anchors that feeds, page and emails share."""

from __future__ import annotations

from urllib.parse import urlsplit

from publisher.model import Site, slugify

PAGE_FILE = "index.html"


def site_url(site: Site, relative_path: str = "") -> str:
    """The absolute URL of a file under the published output folder (base_url)."""
    base = site.base_url if site.base_url.endswith("/") else site.base_url + "/"
    return base + relative_path


def release_page_path(version: str) -> str:
    """The web copy of a release's email, relative to the output folder."""
    return f"releases/{version}.html"


def release_anchor(version: str) -> str:
    """The anchor of a release on the changelog page (index.html#…)."""
    return f"release-{slugify(version)}"


def resource_anchor(version: str, identity: str) -> str:
    """The anchor of one resource change of a release on the changelog page."""
    return f"{release_anchor(version)}-{slugify(identity)}"


def resource_page_url(site: Site, version: str, identity: str) -> str:
    """The absolute URL of one resource change of a release on the changelog page: where a
    resource without a URL of its own links to."""
    return site_url(site, f"{PAGE_FILE}#{resource_anchor(version, identity)}")


def tag_authority(site: Site) -> str:
    """The authority of tag: URIs (RFC 4151): the host of base_url."""
    return (urlsplit(site.base_url).hostname or "localhost").lower()
