"""`publisher build`: every output from the data and templates in one pass, and `--check`.

The outputs are CHANGELOG.md (in the project root) and, in the output folder, the changelog
page, every feed and the web copy of every release email. They are rendered in memory, then
written by `output.write_files` (all or nothing). A manifest in the output folder lists the
files the build made, so a later build removes those it no longer makes and never touches
files it did not make.

Speed: a build records a fingerprint of everything its outputs depend on (data files,
templates, the package's code, the versions of the libraries that render) and the sha256 of
every output in ``.publisher/cache/build-state.json``. When the fingerprint is unchanged,
`check` and `build` only hash the outputs instead of loading and rendering every release.
Otherwise the history comes from the snapshot/diff caches (`release_history.iter_history`)
and each release's email web copy (the costliest output per release: MJML) from a render cache keyed
by that release's diff, site.yaml, the templates and the code, so a build after one new
release renders one web copy.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import stat
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2

from publisher import __version__, cache, changelog, feeds, link_cache, links, mail, page
from publisher.diff import RoadmapDiff
from publisher.errors import Problem, PublisherError
from publisher.load import load_site_of
from publisher.model import Roadmap, Site, Snapshot
from publisher.output import (
    changed_files,
    leftover_temporaries,
    refuse_symlinks,
    remove_files,
    write_files,
)
from publisher.project import Project, release_files
from publisher.release_history import (
    HistoryCache,
    Progress,
    index_releases,
    iter_history,
    load_indexed,
    pair_key,
)
from publisher.render import default_templates_dir, template_environment

CHANGELOG_FILE = "CHANGELOG.md"
OUTPUT_DIR = "feeds"
MANIFEST_FILE = ".publisher-outputs"
STATE_FILE = "build-state.json"
_STATE_FORMAT = 2
_MANIFEST_LIMIT = 16 * 1024 * 1024  # bytes read of a manifest: far more than any build lists
_MANIFEST_HEADER = (
    "# Files written by `publisher build` (relative to this folder). The next build\n"
    "# removes those it no longer produces; it never touches files not listed here.\n"
)
# The libraries whose output lands in published files: upgrading one may change bytes.
_RENDERING_LIBRARIES = (
    "jinja2",
    "markupsafe",
    "pyyaml",
    "feedgen",
    "lxml",
    "mjml-python",
    "markdown-it-py",
    "mdurl",
    "linkify-it-py",
    "nh3",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildPaths:
    """Where a build reads and writes."""

    project: Project
    output_dir: Path

    @property
    def changelog(self) -> Path:
        return self.project.root / CHANGELOG_FILE

    @property
    def manifest(self) -> Path:
        return self.output_dir / MANIFEST_FILE

    @property
    def state(self) -> Path:
        return self.project.cache_dir / STATE_FILE


def build_paths(project: Project, output_dir: Path | None = None) -> BuildPaths:
    """The paths of a build of ``project`` into ``output_dir`` (default: the project's feeds/)."""
    return BuildPaths(project=project, output_dir=output_dir or project.root / OUTPUT_DIR)


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildResult:
    """What a build did. ``up_to_date``: nothing was rendered, every output already matched.
    ``warnings``: what the outputs got wrong without failing the build (a road map page over
    its weight limit: `page.page_weight_problem`; a newest release the feeds cut short:
    `feeds.cut_release_problem`)."""

    written: tuple[Path, ...]
    removed: tuple[Path, ...]
    outputs: int
    up_to_date: bool = False
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckResult:
    """What a build would change: outputs whose bytes differ, that do not exist, or that
    an earlier build made and this one no longer makes. ``warnings``: what `build` would warn
    about (`BuildResult.warnings`), whether or not the outputs are up to date."""

    stale: tuple[Path, ...] = ()
    missing: tuple[Path, ...] = ()
    extra: tuple[Path, ...] = ()
    outputs: int = 0
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether every output is up to date."""
        return not (self.stale or self.missing or self.extra)

    def problems(self, project: Project) -> list[Problem]:
        """One problem per output that is not up to date, then how to fix them all (empty
        when every output is up to date)."""
        problems = [
            *(Problem(path=project.label(path), message="stale") for path in self.stale),
            *(Problem(path=project.label(path), message="missing") for path in self.missing),
            *(
                Problem(path=project.label(path), message="no longer produced")
                for path in self.extra
            ),
        ]
        if problems:
            count = len(problems)
            problems.append(
                Problem(
                    message=f"{count} output{'s are' if count != 1 else ' is'} out of date: "
                    "run 'publisher build'"
                )
            )
        return problems


# --- rendering (no effects but the optional render cache) -------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderedFile:
    """One rendered output, as the render cache keeps it."""

    content: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderedFiles:
    """Several rendered outputs (a feed in each of its formats), as the render cache keeps
    them: ``names`` relative to the output folder, ``contents`` in the same order."""

    names: tuple[str, ...]
    contents: tuple[bytes, ...]


class WebCopies:
    """Each release's email web copy and changelog fragments, from the render cache when
    their inputs are unchanged.

    ``fingerprint`` covers everything but the release's diff that they depend on (site.yaml,
    the templates, the code, the rendering libraries): see `render_fingerprint`. A None
    folder renders everything; ``read_only`` uses the cache without adding to it.
    """

    def __init__(self, folder: Path | None, fingerprint: str, *, read_only: bool = False) -> None:
        self.store = cache.Cache(folder, RenderedFile, "web-copy", read_only=read_only)
        self.fragments = cache.Cache(
            folder, RenderedFile, "changelog-fragment", read_only=read_only
        )
        self.feeds = cache.Cache(folder, RenderedFiles, "feed-document", read_only=read_only)
        self.fingerprint = fingerprint.encode()
        # Web copies: output name -> the key its bytes come from; those whose recorded file
        # is still on disk as the last build wrote it (``reusable``, by name) are not read.
        self.sources: dict[str, str] = {}
        self.reusable: Mapping[str, str] = {}
        self.kept: list[str] = []
        self.rendered = 0  # how many were rendered rather than read: for tests and benchmarks
        self.fragments_rendered = 0
        self.fragments_rendered_by_kind: dict[str, int] = {}
        self.feeds_rendered = 0

    def item_key(self, item: RoadmapDiff) -> str:
        """The key of one release's outputs: the fingerprint and the release's diff."""
        return self.item_key_of(item)

    def item_key_of_pair(self, pair: str) -> str:
        """The key of one release's outputs from its `release_history.pair_key`: the files
        of the release and the one before decide its diff (for the code in the fingerprint),
        so the diff need not be hashed."""
        return cache.content_key(self.fingerprint + b"\0pair\0" + pair.encode())

    def item_key_of(self, value: object) -> str:
        """The key of what is rendered from ``value`` (a frozen dataclass): the fingerprint
        and the value."""
        return cache.content_key(self.fingerprint + b"\0" + cache.value_key(value).encode())

    def web_copy(
        self, site: Site, item: RoadmapDiff, environment: jinja2.Environment, key: str = ""
    ) -> bytes:
        """The bytes of `mail.web_copy(site, item, environment)`; ``key``: `item_key`."""
        if self.store.folder is None:
            self.rendered += 1
            return mail.web_copy(site, item, environment)
        key = key or self.item_key(item)
        hit = self.store.get(key)
        if isinstance(hit, RenderedFile):
            return hit.content
        content = mail.web_copy(site, item, environment)
        self.rendered += 1
        self.store.put(key, RenderedFile(content=content))
        return content

    def feed_files(self, key: str, render: Callable[[], dict[str, bytes]]) -> dict[str, bytes]:
        """The files of one section or tag feed (`feeds.FeedMemo`): cached under ``key``
        (what the feed shows) and the fingerprint."""
        if self.feeds.folder is None:
            return render()
        entry_key = cache.content_key(self.fingerprint + b"\0feed\0" + key.encode())
        hit = self.feeds.get(entry_key)
        if isinstance(hit, RenderedFiles):
            return dict(zip(hit.names, hit.contents, strict=True))
        files = render()
        self.feeds_rendered += 1
        self.feeds.put(entry_key, RenderedFiles(names=tuple(files), contents=tuple(files.values())))
        return files

    def fragment(self, kind: str, key: str, render: Callable[[], str]) -> str:
        """The text ``render()`` makes for one release (``kind``: which fragment), cached
        under the release's `item_key` ``key``."""
        if self.fragments.folder is None or not key:
            self.fragments_rendered += 1
            return render()
        entry_key = cache.content_key(f"{kind}\0{key}".encode())
        hit = self.fragments.get(entry_key)
        if isinstance(hit, RenderedFile):
            return hit.content.decode("utf-8")
        text = render()
        self.fragments_rendered += 1
        self.fragments_rendered_by_kind[kind] = self.fragments_rendered_by_kind.get(kind, 0) + 1
        self.fragments.put(entry_key, RenderedFile(content=text.encode("utf-8")))
        return text


def render_outputs(
    site: Site,
    history: Sequence[RoadmapDiff],
    paths: BuildPaths,
    *,
    latest: Snapshot | None = None,
    templates_dir: Path | None = None,
    web_copies: WebCopies | None = None,
    dead_links: Mapping[str, str] | None = None,
    pair_keys: Sequence[str] | None = None,
) -> dict[Path, bytes]:
    """Every output of a build as bytes, keyed by its path: CHANGELOG.md in the project root;
    the road map page (of ``latest``, the latest release's snapshot), the changelog pages,
    feeds and email web copies in the output folder; and the manifest. The road map page
    and the changelog pages mark the resources whose URL is in ``dead_links`` (URL -> ISO
    date failing since, from `link_cache.dead_links`; given when ``links.show_dead``).
    ``pair_keys``: each diff's `release_history.pair_key`, in the order of ``history``, which
    key the cached outputs of each release instead of the diff's value."""
    renderer = web_copies or WebCopies(None, "")
    caching = renderer.store.folder is not None
    writable = caching and not renderer.store.read_only
    environment = template_environment(
        templates_dir,
        renderer.store.folder / "jinja" if writable and renderer.store.folder else None,
    )
    published: dict[str, bytes] = dict(
        feeds.render_feeds(
            site, history, environment, memo=renderer.feed_files if caching else None
        )
    )
    releases = [item for item in history if item.new is not None]
    if not caching:
        keys = [""] * len(releases)
    elif pair_keys is not None:
        keys = [
            renderer.item_key_of_pair(pair)
            for item, pair in zip(history, pair_keys, strict=True)
            if item.new is not None
        ]
    else:
        keys = [renderer.item_key(item) for item in releases]
    for item, key in zip(releases, keys, strict=True):
        assert item.new is not None
        name = links.release_page_path(item.new.version)
        if key:
            renderer.sources[name] = key
            if renderer.reusable.get(name) == key:
                renderer.kept.append(name)  # on disk as written from this very entry
                continue
        published[name] = renderer.web_copy(site, item, environment, key)
    feed_paths = (*published, *renderer.kept)
    main_feeds = changelog.feed_links(site, feed_paths)
    published |= render_changelog_pages(
        site,
        releases,
        keys,
        renderer,
        environment,
        dead_links=dead_links or {},
        feeds=main_feeds,
        section_feeds=changelog.topic_feed_groups(feed_paths, _section_titles(history), "sections"),
        tag_feeds=changelog.topic_feed_groups(feed_paths, {}, "tags"),
    )
    roadmap_view = page.roadmap_page(
        latest.roadmap if latest is not None else Roadmap(title=site.title),
        releases[-1].new if releases else None,
        history,
        site.page.new_days,
        dead_links=dead_links,
    )
    # The page depends on the latest release and the marks, not on the history: cached under
    # the view model's value (and the feeds it links), it is rendered once per new release.
    page_key = (
        cache.content_key(f"{renderer.item_key_of(roadmap_view)}\0{main_feeds!r}".encode())
        if caching
        else ""
    )
    published[links.PAGE_FILE] = renderer.fragment(
        "page",
        page_key,
        lambda: page.render_page(site, roadmap_view, environment, feeds=main_feeds),
    ).encode("utf-8")
    published[links.SCRIPT_FILE] = page.render_script(environment).encode("utf-8")
    published[MANIFEST_FILE] = manifest_text([*published, *renderer.kept]).encode("utf-8")
    files = {paths.output_dir / name: content for name, content in published.items()}
    files[paths.changelog] = render_changelog_markdown(
        site, releases, keys, renderer, environment
    ).encode("utf-8")
    return files


def render_changelog_pages(
    site: Site,
    releases: Sequence[RoadmapDiff],
    keys: Sequence[str],
    renderer: WebCopies,
    environment: jinja2.Environment,
    *,
    dead_links: Mapping[str, str] | None = None,
    **page_links: Any,
) -> dict[str, bytes]:
    """changelog/index.html, one archive page per year, and changelog/releases.js. Only the
    releases each page shows are rendered (and each only once per cache); a release's
    entries whose URL is in ``dead_links`` are marked."""
    rows = [changelog.release_row(item) for item in releases]
    years = changelog.year_lines(site, rows)

    def article_key(index: int) -> tuple[str, dict[str, str]]:
        key = keys[index]
        dead_here: dict[str, str] = {}
        if dead_links:
            urls = changelog.release_urls(releases[index])
            dead_here = {url: since for url, since in dead_links.items() if url in urls}
        if key and dead_here:
            # Only the releases that link a dead URL are rendered again when the cache changes.
            key = cache.content_key(f"{key}\0{link_cache.dead_links_key(dead_here)}".encode())
        return key, dead_here

    def article(index: int) -> str:
        key, dead_here = article_key(index)
        return renderer.fragment(
            "html",
            key,
            lambda: changelog.render_release_html(
                site,
                changelog.release_entry(site, releases[index], dead_links=dead_here),
                environment,
            ),
        )

    latest = range(len(releases) - 1, max(len(releases) - changelog.INDEX_RELEASES, 0) - 1, -1)
    pages = {
        links.CHANGELOG_FILE: changelog.render_page(
            site,
            [rows[index] for index in latest],
            [article(index) for index in latest],
            environment,
            years=years if len(releases) > changelog.INDEX_RELEASES else (),
            total=len(rows),
            **page_links,
        )
    }
    by_year: dict[int, list[int]] = {}
    for index, row in enumerate(rows):
        by_year.setdefault(row.year, []).append(index)
    for year, indexes in by_year.items():
        newest_first = indexes[::-1]

        def render_year(year: int = year, newest_first: list[int] = newest_first) -> str:
            return changelog.render_page(
                site,
                [rows[index] for index in newest_first],
                [article(index) for index in newest_first],
                environment,
                years=years,
                year=year,
                **page_links,
            )

        # A year's page changes only when one of its releases, the list of years (an archive
        # page does not show the other years' counts) or the page's links do: the years
        # before are read whole from the cache, not assembled from their hundreds of
        # articles (a warm build must not grow with the history).
        article_keys = [article_key(index)[0] for index in newest_first]
        year_key = (
            cache.content_key(
                "\0".join(
                    [
                        "archive",
                        str(year),
                        *article_keys,  # they decide the rows too (each its release's diff)
                        repr([(line.year, line.path) for line in years]),
                        repr(sorted(page_links.items())),
                    ]
                ).encode()
            )
            if all(article_keys)
            else ""
        )
        pages[links.archive_path(year)] = renderer.fragment("archive", year_key, render_year)
    pages[links.RELEASE_INDEX_FILE] = changelog.release_years_script(rows)
    return {path: text.encode("utf-8") for path, text in pages.items()}


def render_changelog_markdown(
    site: Site,
    releases: Sequence[RoadmapDiff],
    keys: Sequence[str],
    renderer: WebCopies,
    environment: jinja2.Environment,
) -> str:
    """CHANGELOG.md: the latest ``changelog.keep`` releases in full, a line per older year."""
    keep = site.changelog.keep
    kept: list[tuple[changelog.ReleaseRow, str]] = []
    for index in range(len(releases) - 1, max(len(releases) - keep, 0) - 1, -1):
        item = releases[index]
        text = renderer.fragment(
            "markdown",
            keys[index],
            lambda item=item: changelog.render_release_markdown(  # type: ignore[misc]
                site, changelog.release_entry(site, item), environment
            ),
        )
        kept.append((changelog.release_row(item), text))
    older_rows = [changelog.release_row(item) for item in releases[: max(len(releases) - keep, 0)]]
    return changelog.render_changelog(
        site, kept, environment, older=changelog.year_lines(site, older_rows)
    )


def _section_titles(history: Sequence[RoadmapDiff]) -> dict[str, str]:
    """Section id → title, the latest title winning (section feeds are named by id)."""
    titles: dict[str, str] = {}
    for item in history:
        for change in (*item.added, *item.updated):
            for section_id, title in zip(change.section_ids, change.section, strict=False):
                titles[section_id] = title
        for section in (*item.sections_added, *item.sections_renamed):
            titles[section.id] = section.title
    return titles


def manifest_text(published: Iterable[str]) -> str:
    """The manifest listing ``published`` (paths relative to the output folder), sorted."""
    names = sorted(name for name in published if name != MANIFEST_FILE)
    return _MANIFEST_HEADER + "".join(f"{name}\n" for name in names)


def read_manifest(paths: BuildPaths) -> tuple[Path, ...]:
    """The files an earlier build made in the output folder.

    The manifest is committed with the outputs, so it is untrusted input: a manifest that is
    a symbolic link is not read, and entries that would leave the folder or that hold control
    characters are ignored, so a build only ever removes its own files (and `build` refuses
    entries that pass through a symbolic link: see `output.refuse_symlinks`).
    """
    if paths.manifest.is_symlink():
        return ()
    try:
        with paths.manifest.open("rb") as stream:
            text = stream.read(_MANIFEST_LIMIT).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return ()
    listed: list[Path] = []
    for line in text.splitlines():
        name = line.strip()
        if not name or name.startswith("#") or not name.isprintable():
            continue
        relative = PurePosixPath(name)
        if relative.is_absolute() or ".." in relative.parts or "\\" in name:
            continue
        listed.append(paths.output_dir.joinpath(*relative.parts))
    return tuple(listed)


# --- the fingerprint of the inputs -------------------------------------------------------


def input_fingerprint(
    paths: BuildPaths,
    release_keys: dict[Path, str] | None = None,
    file_keys: cache.FileKeys | None = None,
    *,
    rendering: str = "",
) -> str:
    """A sha256 over everything the outputs are made from: site.yaml, every release file,
    the project's and the default templates, this package's code, the versions of Python
    and of the rendering libraries, the dead links of the link cache, and where the outputs
    go. Each release file's sha256 is added to ``release_keys`` when given: the history
    cache's keys, hashed once. ``file_keys``: the release files' sha256 from their recorded
    stamps where the files are unchanged (a long history's files are hundreds of megabytes:
    hashing them all would be most of a warm build). ``rendering``: `render_fingerprint`, when
    the caller has it."""
    digest = cache.Fingerprint()
    add = digest.add
    project = paths.project
    add("rendering", (rendering or render_fingerprint(project)).encode())
    add("output", str(paths.output_dir.resolve()).encode())
    add("changelog", str(paths.changelog.resolve()).encode())
    # The dead links the pages mark when links.show_dead is on: a check-links run that changes
    # them makes the outputs stale, one that does not leaves them up to date. With show_dead
    # off the pages never read them, so a check-links run must not force a full re-render
    # (site.yaml itself is in the rendering fingerprint: turning show_dead on is a change).
    if _shows_dead_links(project):
        try:
            add("dead links", link_cache.dead_links_key(dead_links_of(project)).encode())
        except PublisherError:
            add("dead links", b"unreadable")  # the render reports it, naming the file
    for path in sorted(release_files(project)):
        key = file_keys.key(path, _read) if file_keys else cache.content_key(_read(path))
        add(f"release {path.name}", key.encode())
        if release_keys is not None:
            release_keys[path] = key
    return digest.hexdigest()


def _shows_dead_links(project: Project) -> bool:
    try:
        return load_site_of(project).links.show_dead
    except PublisherError:
        return False  # a broken site.yaml fails the render with its own message


def dead_links_of(project: Project) -> dict[str, str]:
    """The dead links of the project's link cache (`link_cache.dead_links`): read only, never
    the network."""
    return link_cache.dead_links(project.state_dir / link_cache.CACHE_FILE)


def render_fingerprint(project: Project) -> str:
    """A sha256 over what rendering depends on besides the history: site.yaml, the project's
    and the default templates, this package's code, the versions of Python and of the
    rendering libraries."""
    digest = cache.Fingerprint()
    add = digest.add
    add("tool", f"{__version__} python {sys.version_info[:2]}".encode())
    for library in _RENDERING_LIBRARIES:
        add("library", f"{library} {_version_of(library)}".encode())
    add("site", _read(project.site_path))
    package = Path(__file__).parent
    for folder, pattern in (
        (package, "*.py"),
        (default_templates_dir(), "**/*"),
        (project.templates_dir, "**/*"),
    ):
        if folder.is_dir():
            for path in sorted(folder.glob(pattern)):
                if path.is_file():
                    add(f"{folder.name} {path.relative_to(folder).as_posix()}", _read(path))
    return digest.hexdigest()


def _version_of(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"\0missing"


def _file_digest(path: Path) -> str | None:
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


Stamp = tuple[int, int, int, int]  # what os.lstat says of a file: size, mtime, ctime, inode


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildState:
    """What the last build recorded: its input fingerprint and the sha256 of each output;
    for each web copy, the render cache key it was made from and its file's `Stamp` as
    written; ``written_ns``: when the state file was written."""

    fingerprint: str
    outputs: Mapping[str, str]  # path relative to the project root → sha256
    sources: Mapping[str, str] = field(default_factory=dict)
    stamps: Mapping[str, Stamp] = field(default_factory=dict)
    written_ns: int = 0
    # What the build warned about that its inputs alone decide (`feeds.cut_release_problem`):
    # said again while the fingerprint holds, without reading the history.
    warnings: tuple[str, ...] = ()


def read_state(paths: BuildPaths) -> BuildState | None:
    """The recorded state of the last build, or None when absent or unreadable."""
    try:
        with paths.state.open("rb") as stream:
            written_ns = os.fstat(stream.fileno()).st_mtime_ns
            document = json.loads(stream.read().decode("utf-8"))
        if document.get("format") != _STATE_FORMAT:
            return None
        return BuildState(
            fingerprint=str(document["fingerprint"]),
            outputs={str(path): str(digest) for path, digest in document["outputs"].items()},
            sources={str(path): str(key) for path, key in document["sources"].items()},
            stamps={
                str(path): (int(size), int(mtime), int(ctime), int(inode))
                for path, (size, mtime, ctime, inode) in document["stamps"].items()
            },
            written_ns=written_ns,
            warnings=tuple(str(warning) for warning in document.get("warnings", ())),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


class _RelativeNames:
    """Paths as the state names them (relative to the project root, links resolved), each
    folder resolved once: a long history has thousands of outputs in one folder."""

    def __init__(self, paths: BuildPaths) -> None:
        self.root = paths.project.root.resolve()
        self.folders: dict[Path, str] = {}

    def __call__(self, path: Path) -> str:
        folder = self.folders.get(path.parent)
        if folder is None:
            folder = self.folders[path.parent] = Path(
                os.path.relpath(path.parent.resolve(), self.root)
            ).as_posix()
        if path.name in ("", ".", ".."):
            return Path(os.path.relpath(path.resolve(), self.root)).as_posix()
        # The file itself is no link: outputs through links are refused before any write.
        return path.name if folder == "." else f"{folder}/{path.name}"


def _stamp(path: Path) -> Stamp | None:
    try:
        status = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def state_bytes(
    paths: BuildPaths,
    fingerprint: str,
    files: Mapping[Path, bytes],
    *,
    kept: Mapping[Path, str] | None = None,
    sources: Mapping[Path, str] | None = None,
    warnings: Sequence[str] = (),
) -> bytes:
    """The state file recording ``fingerprint``, the sha256 of every file in ``files`` and
    of every file in ``kept`` (path -> its sha256, already known), for the files of
    ``sources`` (path -> render cache key) that key and their `Stamp` as they are now, and
    the ``warnings`` the inputs gave (`BuildState.warnings`)."""
    relative_name = _RelativeNames(paths)
    outputs = {
        relative_name(path): hashlib.sha256(content).hexdigest() for path, content in files.items()
    }
    outputs |= {relative_name(path): digest for path, digest in (kept or {}).items()}
    stamps: dict[str, Stamp] = {}
    recorded: dict[str, str] = {}
    for path, key in (sources or {}).items():
        stamp = _stamp(path)
        if stamp is not None:
            name = relative_name(path)
            stamps[name], recorded[name] = stamp, key
    document = {
        "format": _STATE_FORMAT,
        "fingerprint": fingerprint,
        "outputs": dict(sorted(outputs.items())),
        "sources": recorded,
        "stamps": stamps,
        "warnings": list(warnings),
    }
    return (json.dumps(document, indent=1, sort_keys=True) + "\n").encode("utf-8")


def reusable_outputs(paths: BuildPaths, state: BuildState) -> dict[str, tuple[str, str]]:
    """The web copies (name in the output folder -> render cache key) that are on disk
    exactly as the last build wrote them: same size, mtime, ctime and inode as recorded,
    and older than the state file (a file changed in the clock tick the state was written
    is read again, as `cache.FileKeys` does), with their key and recorded sha256. A build
    that renders the same key for one of them need not read, compare nor hash it again."""
    reusable: dict[str, tuple[str, str]] = {}
    output_dir = _RelativeNames(paths)(paths.output_dir / "x")[:-1]  # e.g. "feeds/"
    for name, key in state.sources.items():
        if not name.startswith(output_dir):
            continue  # made by a build into another folder
        stamp = _stamp(paths.project.root / name)
        if (
            stamp is None
            or stamp != state.stamps.get(name)
            or name not in state.outputs
            or max(stamp[1], stamp[2]) >= state.written_ns
        ):
            continue
        reusable[name.removeprefix(output_dir)] = (key, state.outputs[name])
    return reusable


def _outdated_by_state(paths: BuildPaths, state: BuildState) -> tuple[list[Path], list[Path]]:
    """``(stale, missing)``: recorded outputs whose bytes no longer match, or that are gone."""
    stale: list[Path] = []
    missing: list[Path] = []
    for name, expected in state.outputs.items():
        path = paths.project.root / name
        actual = _file_digest(path)
        if actual is None:
            missing.append(path)
        elif actual != expected:
            stale.append(path)
    return stale, missing


# --- the two commands --------------------------------------------------------------------


def _load_and_render(
    paths: BuildPaths,
    progress: Progress | None,
    *,
    use_cache: bool,
    writes: bool,
    release_keys: Mapping[Path, str] | None = None,
    rendering: str = "",
    reusable: Mapping[str, str] | None = None,
) -> tuple[dict[Path, bytes], tuple[Path, ...], WebCopies, tuple[str, ...]]:
    """Every output, the files an earlier build made that this one no longer makes, the
    web copies' sources (the ``reusable`` ones, see `reusable_outputs`, are not among the
    outputs but in its ``kept``), and what the history warns about (`BuildState.warnings`)."""
    project = paths.project
    site = load_site_of(project)
    cache_dir = project.cache_dir if use_cache else None
    history_cache = HistoryCache.at(cache_dir, read_only=not writes)
    entries = index_releases(project, history_cache, release_keys if use_cache else None)
    history = tuple(
        iter_history(
            project,
            cache_dir=cache_dir,
            read_only=not writes,
            progress=progress,
            entries=entries,
        )
    )
    # The road map page shows the latest release: one more snapshot read (from the cache).
    latest = load_indexed(project, entries[-1], history_cache) if entries else None
    web_copies = WebCopies(
        cache_dir, rendering or render_fingerprint(project), read_only=not writes
    )
    web_copies.reusable = reusable or {}
    files = render_outputs(
        site,
        history,
        paths,
        latest=latest,
        templates_dir=project.templates_dir,
        web_copies=web_copies,
        dead_links=dead_links_of(project) if site.links.show_dead else None,
        pair_keys=[
            pair_key(entries[index - 1] if index else None, entry)
            for index, entry in enumerate(entries)
        ]
        if use_cache
        else None,
    )
    kept = {paths.output_dir / name for name in web_copies.kept}
    gone = tuple(path for path in read_manifest(paths) if path not in files and path not in kept)
    cut = feeds.cut_release_problem(site, history, name=project.label(project.site_path))
    return files, gone, web_copies, (cut,) if cut else ()


def check(
    paths: BuildPaths, *, use_cache: bool = True, progress: Progress | None = None
) -> CheckResult:
    """Which outputs a build would change; writes nothing. Raises DataError or TemplateError
    when the data or templates are broken."""
    state = read_state(paths) if use_cache else None
    release_keys: dict[Path, str] = {}
    leftovers = leftovers_of(paths)
    file_keys = cache.FileKeys(paths.project.cache_dir if use_cache else None, read_only=True)
    rendering = render_fingerprint(paths.project)
    fingerprint = input_fingerprint(paths, release_keys, file_keys, rendering=rendering)
    if state is not None and state.fingerprint == fingerprint:
        stale, missing = _outdated_by_state(paths, state)
        # The page on disk weighs what a build would write unless it is itself out of date:
        # then only rendering it tells (the slow path below finds the same stale files).
        page_path = paths.output_dir / links.PAGE_FILE
        if page_path not in stale and page_path not in missing:
            return CheckResult(
                stale=(*stale, *leftovers),
                missing=tuple(missing),
                outputs=len(state.outputs),
                warnings=(*state.warnings, *_page_warnings(paths, None)),
            )
    files, gone, _, warned = _load_and_render(
        paths,
        progress,
        use_cache=use_cache,
        writes=False,
        release_keys=release_keys,
        rendering=rendering,
    )
    confine(paths, [*files, *gone])
    changed = changed_files(files)
    return CheckResult(
        stale=(*(path for path in changed if path.exists()), *leftovers),
        missing=tuple(path for path in changed if not path.exists()),
        extra=tuple(path for path in gone if path.exists()),
        outputs=len(files),
        warnings=(*warned, *_page_warnings(paths, files.get(paths.output_dir / links.PAGE_FILE))),
    )


def build(
    paths: BuildPaths, *, use_cache: bool = True, progress: Progress | None = None
) -> BuildResult:
    """Bring every output up to date: write what changed (all or nothing), then remove the
    files no longer produced. Raises DataError or TemplateError, leaving every output as it was.
    """
    release_keys: dict[Path, str] = {}
    project = paths.project
    file_keys = cache.FileKeys(project.cache_dir if use_cache else None)
    rendering = render_fingerprint(project)
    fingerprint = input_fingerprint(paths, release_keys, file_keys, rendering=rendering)
    # The cache is optional: a file where its folder belongs is set aside, never an error.
    use_cache = use_cache and cache.repair_folder(project.cache_dir, project.state_dir)
    state = read_state(paths) if use_cache else None
    # Temporaries a killed build left behind: ours (by their naming), so removed first.
    leftovers = [
        *remove_files(
            leftover_temporaries(paths.project.root, recursive=False, name=CHANGELOG_FILE),
            root=paths.project.root,
        ),
        *remove_files(leftover_temporaries(paths.output_dir), root=paths.output_dir),
    ]
    if use_cache:
        file_keys.save()
    if state is not None and state.fingerprint == fingerprint:
        stale, missing = _outdated_by_state(paths, state)
        if not (stale or missing):
            return BuildResult(
                written=(),
                removed=tuple(leftovers),
                outputs=len(state.outputs),
                up_to_date=not leftovers,
                warnings=(*state.warnings, *_page_warnings(paths, None)),
            )
    # Web copies on disk as the last build wrote them, by name -> (source key, sha256).
    reusable = reusable_outputs(paths, state) if state is not None else {}
    files, gone, renderer, warned = _load_and_render(
        paths,
        progress,
        use_cache=use_cache,
        writes=True,
        release_keys=release_keys,
        rendering=rendering,
        reusable={name: key for name, (key, _) in reusable.items()},
    )
    kept = {paths.output_dir / name: reusable[name][1] for name in renderer.kept}
    confine(paths, [*files, *gone])
    if gone:
        # Until they are removed, the manifest keeps listing the files that go, so a build
        # interrupted in between still removes them next time.
        still = {path.relative_to(paths.output_dir).as_posix() for path in gone}
        pending = manifest_text([*_published_names(files, paths), *renderer.kept, *still]).encode(
            "utf-8"
        )
        written = write_files({**files, paths.manifest: pending})
        removed = remove_files(gone, root=paths.output_dir)
        write_files({paths.manifest: files[paths.manifest]})
    else:
        written = write_files(files)
        removed = []
    if use_cache:
        sources = {paths.output_dir / name: key for name, key in renderer.sources.items()}
        _record_state(
            paths,
            state_bytes(paths, fingerprint, files, kept=kept, sources=sources, warnings=warned),
        )
    return BuildResult(
        written=tuple(written),
        removed=(*leftovers, *removed),
        outputs=len(files),
        warnings=(*warned, *_page_warnings(paths, files.get(paths.output_dir / links.PAGE_FILE))),
    )


def _page_warnings(paths: BuildPaths, content: bytes | None) -> tuple[str, ...]:
    """The warning a road map page over its weight limit gets (its bytes as built, else
    as on disk: an up-to-date build warns again, the page is still over)."""
    path = paths.output_dir / links.PAGE_FILE
    if content is not None:
        size = len(content)
    else:
        try:
            size = path.stat().st_size
        except OSError:
            return ()
    problem = page.page_weight_problem(size, name=paths.project.label(path))
    return (problem,) if problem else ()


def _record_state(paths: BuildPaths, state: bytes) -> None:
    """Write the build state; a cache folder too broken to take it (a folder where the state
    file goes, say) is set aside and started anew, and failing that the state is skipped:
    the next build is only slower."""
    for _ in range(2):
        try:
            write_files({paths.state: state})
            return
        except PublisherError:
            if cache.set_aside(paths.project.cache_dir) is None:
                return
            if not cache.repair_folder(paths.project.cache_dir, paths.project.state_dir):
                return


def leftovers_of(paths: BuildPaths) -> list[Path]:
    """Temporaries of our own naming that a killed build left in the output folder (and
    beside CHANGELOG.md): never outputs, so `check` counts them stale and `build` removes
    them."""
    return [
        *leftover_temporaries(paths.project.root, recursive=False, name=CHANGELOG_FILE),
        *leftover_temporaries(paths.output_dir),
    ]


def confine(paths: BuildPaths, outputs: Iterable[Path]) -> None:
    """Raise PublisherError, before anything is written, when an output or a file to remove
    would be reached through a symbolic link (feeds/ is committed: a pull request could plant
    one to make the build write or delete elsewhere on the machine).

    The links are checked from the project root down when the outputs go inside the project
    (so a symlinked feeds/ is refused too), and from the output folder the user named down
    otherwise.
    """
    project_root = Path(os.path.abspath(paths.project.root))
    output_dir = Path(os.path.abspath(paths.output_dir))
    root = project_root if output_dir.is_relative_to(project_root) else output_dir
    outputs = list(outputs)
    refuse_symlinks([path for path in outputs if path == paths.changelog], project_root)
    refuse_symlinks([path for path in outputs if path != paths.changelog], root)


def _published_names(files: Mapping[Path, bytes], paths: BuildPaths) -> list[str]:
    return [
        path.relative_to(paths.output_dir).as_posix()
        for path in files
        if path.is_relative_to(paths.output_dir)
    ]


def changelog_of(project: Project) -> str:
    """The text of CHANGELOG.md for ``project``: its releases loaded and diffed once."""
    site = load_site_of(project)
    history = iter_history(project, cache_dir=project.cache_dir)
    return changelog.changelog_text(site, history, template_environment(project.templates_dir))
