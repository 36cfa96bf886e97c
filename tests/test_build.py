"""`publisher build`: every output in one pass, determinism, removal of what is no longer
produced, `--check` (fast and full paths), and interrupted builds leaving outputs intact."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from release_files import edit_release, write_release

from publisher import build, output
from publisher.cli import main
from publisher.errors import TemplateError
from publisher.load import load_site_of
from publisher.project import open_project
from publisher.release_history import iter_history
from publisher.render import template_environment


def paths_of(root: Path) -> build.BuildPaths:
    return build.build_paths(open_project(root))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path → bytes)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def run(root: Path, *arguments: str) -> Any:
    return CliRunner().invoke(main, ["--project", str(root), *arguments])


@contextmanager
def newest_release_held_back(root: Path, tmp_path: Path) -> Iterator[None]:
    """Inside the block the project has no release 2024.03 (its file waits in
    ``tmp_path``); after it, the release is back, as if just made."""
    newest = root / "data" / "releases" / "2024.03.yaml"
    held = tmp_path / "2024.03.yaml"
    shutil.move(newest, held)
    yield
    shutil.move(held, newest)


def assert_matches_a_build_without_cache(root: Path, tmp_path: Path) -> None:
    """Assert that a build of a copy of ``root``'s data without any cache writes the same
    feeds/ and CHANGELOG.md as ``root`` holds."""
    cold = tmp_path / "cold"
    shutil.copytree(root, cold, ignore=shutil.ignore_patterns(".publisher", "feeds", "*.md"))
    assert run(cold, "build", "--no-cache").exit_code == 0
    assert snapshot(cold / "feeds") == snapshot(root / "feeds")
    assert (cold / "CHANGELOG.md").read_bytes() == (root / "CHANGELOG.md").read_bytes()


def test_build_publishes_every_output(root: Path) -> None:
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    feeds = root / "feeds"
    for name in (
        "index.html",
        "atom.xml",
        "rss.xml",
        "feed.json",
        "releases/atom.xml",
        "releases/feed.json",
        "releases/2024.01.html",
        "releases/2024.02.html",
        "releases/2024.03.html",
        build.MANIFEST_FILE,
    ):
        assert (feeds / name).is_file(), name
    assert (root / "CHANGELOG.md").read_text(encoding="utf-8").startswith("# Changelog")
    listed = (feeds / build.MANIFEST_FILE).read_text(encoding="utf-8").splitlines()
    produced = sorted(
        path.relative_to(feeds).as_posix()
        for path in feeds.rglob("*")
        if path.is_file() and path.name != build.MANIFEST_FILE
    )
    assert [line for line in listed if not line.startswith("#")] == produced
    assert "built" in result.output


def test_rebuilding_changes_no_byte(root: Path) -> None:
    paths = paths_of(root)
    first = build.build(paths)
    assert first.written
    before = snapshot(root / "feeds") | {"CHANGELOG.md": (root / "CHANGELOG.md").read_bytes()}
    # The fast path (nothing changed) and a full render without the recorded state.
    assert build.build(paths).up_to_date
    again = build.build(paths, use_cache=False)
    assert again.written == ()
    assert again.removed == ()
    after = snapshot(root / "feeds") | {"CHANGELOG.md": (root / "CHANGELOG.md").read_bytes()}
    assert after == before


@pytest.mark.parametrize("use_cache", [True, False])
def test_check_passes_on_a_fresh_build_and_writes_nothing(root: Path, use_cache: bool) -> None:
    paths = paths_of(root)
    build.build(paths)
    before = snapshot(root)
    result = build.check(paths, use_cache=use_cache)
    assert result.ok
    assert result.outputs > 10
    assert snapshot(root) == before


@pytest.mark.parametrize("use_cache", [True, False])
def test_check_catches_an_edited_data_file(root: Path, use_cache: bool) -> None:
    paths = paths_of(root)
    build.build(paths)
    release = root / "data" / "releases" / "2024.02.yaml"
    edit_release(release, "cost: paid", "cost: freemium")
    before = snapshot(root)
    result = build.check(paths, use_cache=use_cache)
    assert not result.ok
    stale = {path.relative_to(root).as_posix() for path in result.stale}
    assert {"CHANGELOG.md", "feeds/index.html", "feeds/releases/2024.02.html"} <= stale
    assert snapshot(root) == before


def test_check_catches_an_edited_or_deleted_output(root: Path) -> None:
    paths = paths_of(root)
    build.build(paths)
    (root / "feeds" / "atom.xml").write_bytes(b"edited by hand")
    (root / "feeds" / "releases" / "2024.01.html").unlink()
    result = build.check(paths)
    assert [path.relative_to(root).as_posix() for path in result.stale] == ["feeds/atom.xml"]
    assert [path.relative_to(root).as_posix() for path in result.missing] == [
        "feeds/releases/2024.01.html"
    ]
    assert build.check(paths, use_cache=False) == result
    # build repairs both, and only those.
    repaired = build.build(paths)
    assert sorted(path.name for path in repaired.written) == ["2024.01.html", "atom.xml"]
    assert build.check(paths).ok


def test_check_catches_a_changed_template(root: Path) -> None:
    paths = paths_of(root)
    build.build(paths)
    override = root / "templates" / "page" / "page.css"
    override.parent.mkdir(parents=True)
    override.write_text("body { color: black; }\n", encoding="utf-8")
    # The environment is made once per process and templates folder; a CLI run is a new
    # process, this test is not.
    template_environment.cache_clear()
    result = build.check(paths)
    assert sorted(path.relative_to(root).as_posix() for path in result.stale) == [
        "feeds/changelog/2024.html",
        "feeds/changelog/index.html",
        "feeds/index.html",
    ]


def test_check_in_a_fresh_clone_uses_the_committed_outputs(root: Path, tmp_path: Path) -> None:
    build.build(paths_of(root))
    clone = tmp_path / "clone"
    shutil.copytree(root, clone, ignore=shutil.ignore_patterns(".publisher"))
    assert build.check(paths_of(clone)).ok
    (clone / "data" / "releases" / "2024.03.yaml").unlink()
    result = build.check(paths_of(clone))
    assert [path.relative_to(clone).as_posix() for path in result.extra] == [
        "feeds/releases/2024.03.html"
    ]


def test_build_removes_only_files_it_made_and_no_longer_makes(root: Path) -> None:
    paths = paths_of(root)
    build.build(paths)
    own = root / "feeds" / "CNAME"
    own.write_text("roadmap.example.org\n", encoding="utf-8")
    outside = root / "keep.txt"
    outside.write_text("not an output\n", encoding="utf-8")
    manifest = root / "feeds" / build.MANIFEST_FILE
    # A hand-edited manifest must not make the build delete files outside the output folder.
    manifest.write_text(manifest.read_text() + "../keep.txt\n/etc/hostname\n", encoding="utf-8")
    (root / "data" / "releases" / "2024.03.yaml").unlink()
    result = build.build(paths)
    assert [path.relative_to(root).as_posix() for path in result.removed] == [
        "feeds/releases/2024.03.html"
    ]
    assert own.is_file()
    assert outside.is_file()
    assert "2024.03" not in manifest.read_text(encoding="utf-8")
    assert "keep.txt" not in manifest.read_text(encoding="utf-8")
    assert build.check(paths).ok


def test_check_command_lists_stale_files_and_exits_1(root: Path) -> None:
    assert run(root, "build").exit_code == 0
    assert run(root, "build", "--check").exit_code == 0
    (root / "feeds" / "index.html").write_text("<!DOCTYPE html>", encoding="utf-8")
    (root / "CHANGELOG.md").unlink()
    result = run(root, "build", "--check")
    assert result.exit_code == 1
    assert "feeds/index.html: stale" in result.output
    assert "CHANGELOG.md: missing" in result.output
    assert "2 outputs are out of date: run 'publisher build'" in result.output


def test_a_broken_template_leaves_previous_outputs_intact(root: Path) -> None:
    paths = paths_of(root)
    build.build(paths)
    release = root / "data" / "releases" / "2024.02.yaml"
    edit_release(release, "paid", "freemium")
    before = snapshot(root / "feeds") | {"CHANGELOG.md": (root / "CHANGELOG.md").read_bytes()}
    # The page is rendered after the feeds and the email copies: this fails mid-build.
    override = root / "templates" / "page" / "index.html.j2"
    override.parent.mkdir(parents=True)
    override.write_text("<p>{{ no_such_variable }}</p>\n", encoding="utf-8")
    template_environment.cache_clear()  # as a new process would see the templates
    with pytest.raises(TemplateError):
        build.build(paths)
    after = snapshot(root / "feeds") | {"CHANGELOG.md": (root / "CHANGELOG.md").read_bytes()}
    assert after == before
    result = run(root, "build")
    assert result.exit_code == 1
    assert "no_such_variable" in result.output
    assert "Traceback" not in result.output


def test_an_interrupted_write_leaves_previous_outputs_intact(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = paths_of(root)
    build.build(paths)
    site = root / "data" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("A Small", "A Tiny"))
    before = snapshot(root / "feeds") | {"CHANGELOG.md": (root / "CHANGELOG.md").read_bytes()}
    staged = 0
    real_create = output._create_temporary

    def interrupted_create(path: Path) -> tuple[int, str]:
        nonlocal staged
        staged += 1
        if staged == 5:
            raise KeyboardInterrupt  # Ctrl-C while the new outputs are being staged
        return real_create(path)

    monkeypatch.setattr(output, "_create_temporary", interrupted_create)
    with pytest.raises(KeyboardInterrupt):
        build.build(paths)
    monkeypatch.undo()
    assert staged == 5
    after = snapshot(root / "feeds") | {"CHANGELOG.md": (root / "CHANGELOG.md").read_bytes()}
    assert after == before, "no output changed and no temporary file was left behind"
    assert not build.check(paths).ok
    build.build(paths)
    assert build.check(paths, use_cache=False).ok
    assert "A Tiny Road Map" in (root / "CHANGELOG.md").read_text(encoding="utf-8")


def test_build_into_another_folder(root: Path, tmp_path: Path) -> None:
    public = tmp_path / "public"
    result = run(root, "build", "-o", str(public))
    assert result.exit_code == 0, result.output
    assert (public / "index.html").is_file()
    assert not (root / "feeds").exists()
    assert run(root, "build", "-o", str(public), "--check").exit_code == 0
    assert run(root, "build", "--check").exit_code == 1


def test_bad_data_is_reported_without_writing(root: Path) -> None:
    (root / "data" / "releases" / "2024.02.yaml").write_text("release: [\n", encoding="utf-8")
    result = run(root, "build")
    assert result.exit_code == 1
    assert "data/releases/2024.02.yaml:" in result.output
    assert not (root / "feeds").exists()
    assert not (root / "CHANGELOG.md").exists()


# --- the render cache of web copies ---------------------------------------------------------


def _render_with(root: Path, web_copies: build.WebCopies | None) -> dict[Path, bytes]:
    project = open_project(root)
    history = tuple(iter_history(project))
    return build.render_outputs(
        load_site_of(project),
        history,
        build.build_paths(project),
        templates_dir=project.templates_dir,
        web_copies=web_copies,
    )


def test_changelog_fragments_and_the_page_are_rendered_once_per_release(root: Path) -> None:
    folder = root / ".publisher" / "cache"
    fingerprint = build.render_fingerprint(open_project(root))
    first = build.WebCopies(folder, fingerprint)
    rendered = _render_with(root, first)
    # Each release's changelog article and CHANGELOG.md part, the road map page and the
    # year's archive page.
    assert first.fragments_rendered == 3 * 2 + 1 + 1
    feeds = first.feeds_rendered  # the section and tag feeds
    assert feeds == len(
        {path.parent for path in rendered if path.parent.parent.name in ("sections", "tags")}
    )
    second = build.WebCopies(folder, fingerprint)
    assert _render_with(root, second) == rendered
    assert second.fragments_rendered == 0
    assert second.feeds_rendered == 0
    assert _render_with(root, None) == rendered
    # One release more: its two fragments and the page (which shows it) are rendered.
    releases = root / "data" / "releases"
    text = (releases / "2024.03.yaml").read_text(encoding="utf-8")
    text = text.replace('version: "2024.03"', 'version: "2024.04"').replace("03-01", "04-01")
    write_release(releases / "2024.04.yaml", text)
    third = build.WebCopies(folder, fingerprint)
    _render_with(root, third)
    assert third.fragments_rendered == 2 + 1 + 1
    assert third.rendered == 1
    # The new release changed no resource: every section and tag feed is the same.
    assert third.feeds_rendered == 0


def _web_copy_entries(root: Path) -> list[Path]:
    return sorted((root / ".publisher" / "cache" / "web-copy").rglob("*.bin"))


def test_web_copies_are_reused_while_their_inputs_are_unchanged(root: Path) -> None:
    folder = root / ".publisher" / "cache"
    fingerprint = build.render_fingerprint(open_project(root))
    first = build.WebCopies(folder, fingerprint)
    rendered = _render_with(root, first)
    assert first.rendered == 3
    second = build.WebCopies(folder, fingerprint)
    assert _render_with(root, second) == rendered
    assert second.rendered == 0
    # Byte for byte what rendering without any cache gives.
    assert _render_with(root, None) == rendered
    # Another site.yaml (or template, or code) is another fingerprint: rendered again.
    site = root / "data" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    changed = build.WebCopies(folder, build.render_fingerprint(open_project(root)))
    _render_with(root, changed)
    assert changed.rendered == 3


@pytest.mark.parametrize("damage", ["truncate", "flip", "old-format", "empty"])
def test_damaged_web_copy_entries_are_ignored_and_rebuilt(root: Path, damage: str) -> None:
    folder = root / ".publisher" / "cache"
    fingerprint = build.render_fingerprint(open_project(root))
    expected = _render_with(root, build.WebCopies(folder, fingerprint))
    entries = _web_copy_entries(root)
    assert len(entries) == 3
    for entry in entries:
        data = entry.read_bytes()
        if damage == "truncate":
            entry.write_bytes(data[: len(data) // 2])
        elif damage == "flip":
            entry.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
        elif damage == "old-format":
            entry.write_bytes(data.replace(b"web-copy", b"web-copz", 1))
        else:
            entry.write_bytes(b"")
    again = build.WebCopies(folder, fingerprint)
    assert _render_with(root, again) == expected
    assert again.rendered == 3
    # Rebuilt: the next render reads them again.
    third = build.WebCopies(folder, fingerprint)
    _render_with(root, third)
    assert third.rendered == 0


def test_no_cache_and_check_do_not_write_web_copies(root: Path) -> None:
    result = run(root, "build", "--no-cache")
    assert result.exit_code == 0, result.output
    assert _web_copy_entries(root) == []
    assert build.check(paths_of(root), use_cache=True).ok
    assert _web_copy_entries(root) == []


def test_a_warm_build_after_a_new_release_matches_a_build_without_cache(
    root: Path, tmp_path: Path
) -> None:
    with newest_release_held_back(root, tmp_path):
        build.build(paths_of(root))
        assert len(_web_copy_entries(root)) == 2
    warm = build.build(paths_of(root))
    assert any(path.name == "2024.03.html" for path in warm.written)
    assert len(_web_copy_entries(root)) == 3
    assert_matches_a_build_without_cache(root, tmp_path)


@pytest.mark.parametrize("change", ["edit", "remove"])
def test_a_warm_build_after_a_middle_release_changes_matches_a_build_without_cache(
    root: Path, tmp_path: Path, change: str
) -> None:
    # Each release's cached outputs are keyed by its file and the file before it (the pair
    # that decides its diff): editing or removing a release in the middle must re-render its
    # own outputs and those of the release after it.
    build.build(paths_of(root))
    middle = root / "data" / "releases" / "2024.02.yaml"
    if change == "edit":
        edit_release(middle, "title: Fast.AI Deep Learning Course", "title: Fast.AI Course")
    else:
        middle.unlink()
    warm = build.build(paths_of(root))
    assert any(path.name == "2024.03.html" for path in warm.written)
    assert_matches_a_build_without_cache(root, tmp_path)


def test_a_warm_build_reads_no_unchanged_web_copy_and_restores_an_edited_one(
    root: Path, tmp_path: Path
) -> None:
    # A web copy on disk as the last build recorded it (size, mtime, ctime, inode) is
    # neither read nor hashed again; one edited by hand, even keeping its size and mtime, is
    # written again.
    with newest_release_held_back(root, tmp_path):
        build.build(paths_of(root))
        edited = root / "feeds" / "releases" / "2024.01.html"
        before = edited.stat()
        original = edited.read_bytes()
        edited.write_bytes(original.replace(b"<", b"[", 1))
        os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
        untouched = root / "feeds" / "releases" / "2024.02.html"
        untouched_inode = untouched.stat().st_ino
    warm = build.build(paths_of(root))
    assert edited in warm.written
    assert untouched not in warm.written
    assert untouched.stat().st_ino == untouched_inode
    assert_matches_a_build_without_cache(root, tmp_path)
    # The state still records every output: an unchanged tree is up to date, and a web copy
    # changed behind the build's back is stale.
    assert build.check(paths_of(root)).ok
    untouched.write_bytes(b"changed")
    assert build.check(paths_of(root)).stale == (untouched,)


def test_a_release_edited_in_place_is_seen_though_its_size_and_mtime_are_kept(
    root: Path,
) -> None:
    # Release files' sha256 come from their recorded stamps (size, mtime, ctime, inode) when
    # unchanged: an edit that keeps the size and sets the mtime back still changes the ctime.
    build.build(paths_of(root))
    stamps = root / ".publisher" / "cache" / "file-keys"
    assert stamps.is_dir()
    release = root / "data" / "releases" / "2024.03.yaml"
    before = release.stat()
    text = release.read_text(encoding="utf-8")
    edited = text.replace("Fast.AI Deep Learning Course", "Fast.AI Deep Learning Coursf")
    assert edited != text
    assert len(edited) == len(text)
    write_release(release, edited)  # re-frozen: the digest line keeps its length
    os.utime(release, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert not build.check(paths_of(root)).ok
    result = build.build(paths_of(root))
    assert any(path.name == "index.html" for path in result.written)
    assert "Learning Coursf" in (root / "feeds" / "index.html").read_text(encoding="utf-8")


def test_a_new_release_renders_only_its_own_year_of_the_archive(root: Path) -> None:
    releases = root / "data" / "releases"
    first = releases / "2024.01.yaml"
    edit_release(first, "date: 2024-01-04", "date: 2023-12-04")
    folder = root / ".publisher" / "cache"
    fingerprint = build.render_fingerprint(open_project(root))
    cold = build.WebCopies(folder, fingerprint)
    _render_with(root, cold)
    assert cold.fragments_rendered_by_kind["archive"] == 2  # 2023 and 2024
    text = (releases / "2024.03.yaml").read_text(encoding="utf-8")
    text = text.replace('version: "2024.03"', 'version: "2024.04"').replace("03-01", "04-01")
    write_release(releases / "2024.04.yaml", text)
    warm = build.WebCopies(folder, fingerprint)
    rendered = _render_with(root, warm)
    # 2023's page is read whole from the cache, not assembled again from its articles.
    assert warm.fragments_rendered_by_kind["archive"] == 1
    assert rendered == _render_with(root, None)
    archive = root / "feeds" / "changelog" / "2023.html"
    assert b"2024.01" in rendered[archive]


def test_build_and_feeds_say_when_the_newest_release_is_longer_than_a_feed(
    project: Path, tmp_path: Path
) -> None:
    # The bundled 2024.02 updates all 51 resources: with feeds.entries 50, a reader who polls
    # after each release misses one. Every build says so (an up-to-date one and --check too,
    # from the recorded state), naming the key; with room for the release, none does.
    site = project / "data" / "site.yaml"
    text = site.read_text(encoding="utf-8")
    warning = (
        "warning: data/site.yaml: feeds.entries: the newest release 2024.02 announces 51 new or "
        "updated resources, more than the 50 a feed holds: readers who poll miss 1 of them "
        "(set feeds.entries to 51 or more)\n"
    )
    for entries, said in ((50, warning), (51, "")):
        site.write_text(text.replace("entries: 100", f"entries: {entries}"), encoding="utf-8")
        for arguments in (
            ("build",),
            ("build",),
            ("build", "--check"),
            ("feeds", "-o", str(tmp_path / "out")),
        ):
            result = run(project, *arguments)
            assert result.exit_code == 0, result.output
            assert result.stderr == said, (entries, arguments)
        assert run(project, "build").stdout.startswith("up to date:")
