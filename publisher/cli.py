"""The command line: thin. Parses options, calls the stages, prints. Imports stages lazily
so that `publisher --help` stays instant."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import click

from publisher import __version__

if TYPE_CHECKING:
    from click.decorators import FC

    from publisher.delivery import Delivery, Store, SubscriberRecord, WorkerProgress
    from publisher.delivery.bounces import Complaint
    from publisher.outbox import Outbox
    from publisher.project import Project
    from publisher.send import SmtpSettings
    from publisher.subscribers import Subscriber

T = TypeVar("T")


@dataclass(slots=True)
class Settings:
    """Global options, shared by every command through the Click context."""

    project_option: Path | None  # --project DIR; None: found from the working directory up
    verbosity: int  # -1 quiet, 0 normal, 1 verbose
    colour: bool | None = None  # NO_COLOR / FORCE_COLOR; None: on a terminal only

    @property
    def project_root(self) -> Path:
        """--project DIR, else the nearest folder from here up holding data/site.yaml, else
        the working directory."""
        if self.project_option is not None:
            return self.project_option
        from publisher.project import find_project_root

        return find_project_root(Path()) or Path()

    def project(self) -> Project:
        """The project in --project DIR, else the nearest one from the working directory up
        (as git finds its repository); raises NotFoundError when there is none."""
        from publisher.errors import NotFoundError
        from publisher.project import find_project_root, open_project

        if self.project_option is not None:
            return open_project(self.project_option)
        root = find_project_root(Path())
        if root is None:
            raise NotFoundError(
                f"{Path.cwd()}: no project here or in any folder above (none holds "
                "data/site.yaml): start one with 'publisher init DIR', or name one with "
                "--project DIR"
            )
        return open_project(root)

    def coloured(self, stream: Any) -> bool:
        """Whether to colour what goes to ``stream``: NO_COLOR and FORCE_COLOR decide, else
        colour only on a terminal."""
        return self.colour if self.colour is not None else bool(stream.isatty())

    def say(self, message: str) -> None:
        """A line of normal output (suppressed by -q)."""
        if self.verbosity >= 0:
            click.echo(message)

    def detail(self, message: str) -> None:
        """A line of verbose output (-v), on stderr."""
        if self.verbosity > 0:
            click.echo(message, err=True)

    def warn(self, message: str) -> None:
        """A warning on stderr (suppressed by -q)."""
        if self.verbosity >= 0:
            click.secho(f"warning: {message}", err=True, fg="yellow")

    def progress(
        self, items: Iterable[T], *, length: int | None = None, label: str = ""
    ) -> Iterator[T]:
        """Wrap ``items`` in a progress bar on a terminal; plain iteration in pipes or with -q."""
        if self.verbosity < 0 or not sys.stderr.isatty():
            yield from items
            return
        with click.progressbar(items, length=length, label=label, file=sys.stderr) as bar:
            yield from bar


def _set_verbosity(level: int) -> Any:
    def callback(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        settings = ctx.find_object(Settings)
        if value and settings is not None:
            settings.verbosity = level

    return callback


def _verbosity_options() -> list[click.Parameter]:
    """-q and -v for every command, so that `publisher validate -v` works as well as
    `publisher -v validate`."""
    return [
        click.Option(
            ["-q", "--quiet"],
            is_flag=True,
            expose_value=False,
            callback=_set_verbosity(-1),
            help="Print only errors.",
        ),
        click.Option(
            ["-v", "--verbose"],
            is_flag=True,
            expose_value=False,
            callback=_set_verbosity(1),
            help="Print more about what is done.",
        ),
    ]


class PublisherCommand(click.Command):
    """A command that also accepts -q/-v after its name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(_verbosity_options())


class PublisherGroup(click.Group):
    """Turns the package's own errors into clean messages and exit code 1, never a traceback.
    Its commands and subgroups accept -q/-v after their names too."""

    command_class = PublisherCommand
    group_class = type  # subgroups are PublisherGroups

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not any(param.name == "quiet" for param in self.params):
            self.params.extend(_verbosity_options())

    def invoke(self, ctx: click.Context) -> Any:
        from publisher.errors import PublisherError  # light: the error module imports nothing

        try:
            return super().invoke(ctx)
        except PublisherError as error:
            for problem in error.problems:
                click.secho(f"error: {problem}", err=True, fg="red")
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)


pass_settings = click.make_pass_decorator(Settings)
# Shared by every command that reads markdown (import, import-history, release --from, sync).
keep_section_option = click.option(
    "--keep-section",
    "keep_sections",
    multiple=True,
    metavar="TITLE",
    help="Keep this meta section (Contributing, License, Sponsors …) instead of skipping it; "
    "repeat for more.",
)
base_url_option = click.option(
    "--base-url",
    default="",
    metavar="URL",
    callback=lambda _context, _parameter, value: _checked_base_url(value),
    help="Resolve relative links (CONTRIBUTING.md, docs/a.md) against this URL, e.g. "
    "https://github.com/OWNER/REPO/blob/main/ (without it they are left out, with a warning).",
)


html_links_option = click.option(
    "--html-links",
    is_flag=True,
    help='Also read raw HTML written one link a line (<a href="URL"><b>Name</b></a> - what '
    "it is<br>), HTML tables and <ul>/<ol> lists of links as resources, for lists written in "
    "HTML, e.g. publisher import README.md --html-links. Without it raw HTML is never a "
    "resource (a warning names each such block).",
)


def _checked_base_url(value: str) -> str:
    if value and not value.startswith(("http://", "https://")):
        raise click.BadParameter(f"{value!r} is not an http(s) URL", param_hint="--base-url")
    return value


_TIME_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, "w": 604800.0}
_TimeCallback = Callable[[click.Context, click.Parameter, str | None], float | None]


def _time_callback(units: str, *, zero: bool, refusal: str) -> _TimeCallback:
    """A Click callback reading a length of time, a number then one of ``units`` (none:
    seconds), as seconds (None stays None); 0 only when ``zero``; else BadParameter
    "'VALUE' <refusal>"."""

    def seconds_of(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
        if value is None:
            return None
        text = value.strip().lower()
        unit = text[-1:] if text[-1:] and text[-1:] in units else ""
        try:
            seconds = float(text[: len(text) - len(unit)]) * _TIME_UNITS.get(unit, 1.0)
        except ValueError:
            seconds = float("nan")
        low_enough = seconds >= 0 if zero else seconds > 0  # NaN is neither
        if not (low_enough and seconds < float("inf")):
            raise click.BadParameter(f"{value!r} {refusal}")
        return seconds

    return seconds_of


# send --deadline: ``90``, ``90s``, ``30m``, ``2h`` → seconds.
parse_duration = _time_callback(
    "smh", zero=False, refusal="is not a duration (e.g. 90, 90s, 30m, 2h)"
)
# check-links --max-age: ``7d``, ``12h``, ``30m``, ``2w``, 0 → seconds.
_parse_age = _time_callback("smhdw", zero=True, refusal="is not an age (e.g. 7d, 12h, 30m)")


def output_dir_option(help_text: str) -> Callable[[FC], FC]:
    """``-o/--output DIR``, the ``output_dir`` of the commands that write or read the built
    folder (build, feeds, ping, email)."""
    return click.option(
        "-o",
        "--output",
        "output_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help=help_text,
    )


# Shared by release and sync.
release_date_option = click.option(
    "--date", "release_date", help="The release's date YYYY-MM-DD (default: today)."
)
# Shared by preview and serve: where the local server listens.
port_option = click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)


def host_option(help_text: str) -> Callable[[FC], FC]:
    """``--host`` (default loopback) of the commands that run a server (preview, serve)."""
    return click.option("--host", default="127.0.0.1", show_default=True, help=help_text)


# Shared by send and deliveries: both read the same ledger.
ledger_option = click.option(
    "--ledger",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A SQLite file to keep the delivery ledger in, instead of the store "
    "(default: .publisher/publisher.sqlite, or PUBLISHER_DATABASE_URL). Subscribers, and a "
    "list's recipients, stay in the store, where 'publisher serve' reads them.",
)


def open_project_store(
    project: Project, path: Path | None = None, *, copied_ok: bool = False
) -> Store:
    """The project's store: ``path`` (a SQLite file), else
    PUBLISHER_DATABASE_URL, else .publisher/publisher.sqlite; created and migrated as needed.
    Raises StoreError when the store was copied elsewhere by `store copy` (unless
    ``copied_ok``): the copy is the live store, this one a backup that would go stale."""
    import os

    from publisher.delivery import open_store
    from publisher.errors import StoreError
    from publisher.send import utc_now

    store = open_store(
        project.state_dir,
        os.environ.get("PUBLISHER_DATABASE_URL", ""),
        path=path,
        now=utc_now(),
    )
    moved = store.moved_to() if path is None and not copied_ok else None
    if moved is not None:
        store.close()
        where, when = moved
        fresh = (
            f" (or move {store.where} away to start a new store here)"
            if store.url.get_backend_name() == "sqlite"
            else ""
        )
        raise StoreError(
            f"{store.where}: this store was copied to {where} on {when} by 'publisher store "
            f"copy', and is a backup since: set PUBLISHER_DATABASE_URL to that database{fresh}"
        )
    return store


def project_store_exists(project: Project, path: Path | None = None) -> bool:
    """Whether the store exists yet (so that looking never creates it)."""
    import os

    from publisher.delivery import store_exists

    return store_exists(project.state_dir, os.environ.get("PUBLISHER_DATABASE_URL", ""), path=path)


@click.group(cls=PublisherGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="publisher")
@click.option(
    "--project",
    "project_root",
    type=click.Path(file_okay=False, path_type=Path),
    help="The project folder (the one holding data/; default: the nearest folder from here "
    "up that holds data/site.yaml).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print more about what is done.")
@click.pass_context
def main(ctx: click.Context, project_root: Path | None, quiet: bool, verbose: bool) -> None:
    """Publish a curated road map of learning resources as feeds, a changelog and emails.

    \b
    A project keeps its road map as YAML in data/: data/roadmap.yaml is the working
    copy, data/releases/*.yaml the frozen releases. Each release is diffed against the
    one before, and the diffs become feeds, CHANGELOG.md, a changelog page and emails.

    \b
    Examples:
      publisher init my-roadmap          start a project
      publisher import README.md         turn a markdown road map into data
      publisher validate                 check every data file
      publisher release 2024.02          freeze the working copy as a release
      publisher diff                     what changed in the latest release
      publisher build                    publish feeds, changelog and email copies
    """
    import os

    # https://no-color.org: NO_COLOR (set, not empty) turns colour off everywhere;
    # FORCE_COLOR turns it on in pipes too (for CI logs).
    colour: bool | None = None
    if os.environ.get("NO_COLOR"):
        colour = False
    elif os.environ.get("FORCE_COLOR", "") not in ("", "0"):
        colour = True
    ctx.color = colour
    ctx.obj = Settings(
        project_option=project_root,
        verbosity=-1 if quiet else (1 if verbose else 0),
        colour=colour,
    )


# --- init, validate (foundation) ---------------------------------------------------------


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--github",
    is_flag=True,
    help="Also write .github/workflows/publish.yml (see 'publisher ci github').",
)
@pass_settings
def init(settings: Settings, directory: Path, github: bool) -> None:
    """Start a new project in DIRECTORY: data/site.yaml, a small data/roadmap.yaml, .gitignore.

    Refuses a folder that is not empty. With --github, also the GitHub Actions workflow
    that builds, deploys to GitHub Pages and sends (as 'publisher ci github' writes it).

    \b
    Example:
      publisher init my-roadmap && cd my-roadmap && publisher validate
      publisher init my-roadmap --github
    """
    from publisher.output import write_files
    from publisher.scaffold import create_project
    from publisher.workflow import WORKFLOW_PATH, WorkflowOptions, render_workflow

    extra: dict[Path, str] = {}
    if github:
        extra[directory / WORKFLOW_PATH] = render_workflow(WorkflowOptions())
    written = create_project(directory)
    write_files(extra)
    for path in [*written, *extra]:
        settings.detail(f"wrote {path}")
    settings.say(f"Created a project in {directory}: edit data/site.yaml and data/roadmap.yaml.")
    if github:
        settings.say(f"Wrote {directory / WORKFLOW_PATH}: see README, 'Publishing from GitHub'.")


@main.command()
@pass_settings
def validate(settings: Settings) -> None:
    """Check every data file and print every problem found (exit 1 if any).

    \b
    Example:
      publisher validate
      publisher --project ../my-roadmap validate
    """
    from publisher.errors import DataError
    from publisher.load import validate_project
    from publisher.project import release_files

    project = settings.project()
    problems = validate_project(project)
    if problems:
        raise DataError(problems)
    releases = release_files(project)
    for path in (project.site_path, project.working_path, *sorted(releases)):
        if path.exists():
            settings.detail(f"checked {project.label(path)}")
    checked = ["site.yaml"] + (["roadmap.yaml"] if project.working_path.exists() else [])
    count = len(releases)
    settings.say(
        f"ok: {', '.join(checked)} and {count} release{'s' if count != 1 else ''} are valid"
    )


# --- release, diff -----------------------------------------------------------------------


def _day(value: str | None, option: str) -> Any:
    """The date given as ``option`` (YYYY-MM-DD), else today's local calendar day: the core
    takes dates as arguments and reads no clock."""
    import datetime as dt
    import time

    if value is None:
        return dt.date(*time.localtime()[:3])
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option
        ) from None


def _directory_name(path: Path) -> str:
    """The name of the directory holding a markdown file (a repository's, for its README):
    the title of a road map whose document names itself nowhere."""
    return path.resolve().parent.name


def _readme_repository(path: Path, base_url: str, markdown: bytes) -> str:
    """The GitHub repositories the markdown file ``path`` is the front page of
    (`publisher.git_history.readme_repository`)."""
    from publisher.git_history import readme_repository

    return readme_repository(path.resolve().parent, base_url=base_url, markdown=markdown)


def _read_markdown(path: Path) -> bytes:
    from publisher.errors import NotFoundError

    try:
        return path.read_bytes()
    except OSError as error:
        raise NotFoundError(f"{path}: cannot read: {error.strerror}") from None


@main.command()
@click.argument("version")
@release_date_option
@click.option("--title", default="", help="A title for the release, e.g. 'February 2024'.")
@click.option(
    "--notes-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Markdown notes shown at the top of changelog and email.",
)
@click.option(
    "--from",
    "from_markdown",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Import this markdown road map (e.g. README.md) into data/roadmap.yaml and release it.",
)
@click.option(
    "--allow-empty", is_flag=True, help="Release even when nothing changed since the latest."
)
@click.option(
    "--refreeze",
    is_flag=True,
    help="Record the digest of an existing release that was changed on purpose.",
)
@keep_section_option
@base_url_option
@html_links_option
@pass_settings
def release(
    settings: Settings,
    version: str,
    release_date: str | None,
    title: str,
    notes_file: Path | None,
    from_markdown: Path | None,
    allow_empty: bool,
    refreeze: bool,
    keep_sections: tuple[str, ...],
    base_url: str,
    html_links: bool,
) -> None:
    """Freeze data/roadmap.yaml as data/releases/VERSION.yaml.

    A release whose road map is the same as the latest release's is refused unless
    --allow-empty. With --from README.md the markdown is imported first (its warnings
    printed) and written to data/roadmap.yaml together with the release; --keep-section,
    --base-url and --html-links work as for `publisher import`.

    The frozen file records a digest of its content: validate and build refuse a release
    cut short or edited by hand. To keep such an edit on purpose, --refreeze records the
    digest of the file as it now is.

    \b
    Examples:
      publisher release 2024.02 --date 2024-02-19 --title "February 2024"
      publisher release 2024.03 --from README.md
      publisher release 2024.04 --from README.md --keep-section Contributing
      publisher release 2024.05 --from README.md --html-links
      publisher release 2024.02 --refreeze
    """
    from publisher.freeze import create_release, read_notes, refreeze_release

    if from_markdown is None and (keep_sections or base_url or html_links):
        raise click.UsageError(
            "--keep-section, --base-url and --html-links apply to --from README.md only"
        )
    if refreeze:
        # A frozen file records a digest of its content; a deliberate edit is recorded anew.
        path = refreeze_release(settings.project(), version)
        settings.say(f"Re-froze {version}: recorded the digest of {settings.project().label(path)}")
        return
    day = _day(release_date, "--date")
    notes = read_notes(notes_file) if notes_file is not None else ""
    project = settings.project()
    working_text = None
    if from_markdown is not None:
        from publisher.dump import dump_roadmap
        from publisher.importer import import_markdown_bytes
        from publisher.sync import keep_released_section_ids

        markdown = _read_markdown(from_markdown)
        imported = import_markdown_bytes(
            markdown,
            str(from_markdown),
            keep_sections=keep_sections,
            base_url=base_url,
            html_links=html_links,
            name=_directory_name(from_markdown),
            repository=_readme_repository(from_markdown, base_url, markdown),
        )
        for warning in imported.warnings:
            settings.warn(str(warning))
        working_text = dump_roadmap(keep_released_section_ids(project, imported).roadmap)
    path = create_release(
        project,
        version,
        date=day,
        title=title,
        notes=notes,
        working_text=working_text,
        allow_empty=allow_empty,
    )
    also = f" and {project.label(project.working_path)}" if working_text is not None else ""
    settings.say(f"Released {version} ({day.isoformat()}): wrote {project.label(path)}{also}")


@main.command()
@click.argument("markdown_file", type=click.Path(dir_okay=False, path_type=Path))
@release_date_option
@click.option("--title", default="", help="A title for the release, if one is made.")
@keep_section_option
@base_url_option
@html_links_option
@pass_settings
def sync(
    settings: Settings,
    markdown_file: Path,
    release_date: str | None,
    title: str,
    keep_sections: tuple[str, ...],
    base_url: str,
    html_links: bool,
) -> None:
    """Import a markdown road map and release it when it changed (a scheduled job's step).

    When the imported road map differs from the latest release, writes data/roadmap.yaml
    and a release with a date-based version (YYYY.MM.DD, then .2, .3 … on the same day);
    else writes nothing and says so. Exit 0 either way. --keep-section, --base-url and
    --html-links work as for `publisher import`.

    \b
    Examples:
      publisher sync README.md && publisher build
      publisher sync README.md --base-url https://github.com/me/list/blob/main/
      publisher sync README.md --html-links
    """
    from publisher.importer import count_resources, count_sections
    from publisher.sync import sync_markdown

    day = _day(release_date, "--date")
    project = settings.project()
    markdown = _read_markdown(markdown_file)
    result = sync_markdown(
        project,
        markdown,
        str(markdown_file),
        date=day,
        title=title,
        keep_sections=keep_sections,
        base_url=base_url,
        html_links=html_links,
        name=_directory_name(markdown_file),
        repository=_readme_repository(markdown_file, base_url, markdown),
    )
    for warning in result.imported.warnings:
        settings.warn(str(warning))
    roadmap = result.imported.roadmap
    count = len(result.imported.warnings)
    read = (
        f"{count_sections(roadmap)} sections, {count_resources(roadmap)} resources, "
        f"{count} warning{'' if count == 1 else 's'}"
    )
    if result.path is None:
        since = f" since {result.release.version}" if result.release else ""
        settings.say(f"nothing changed{since}: {markdown_file} ({read}) makes no release")
        return
    assert result.release is not None
    settings.say(
        f"Released {result.release.version} ({result.release.date.isoformat()}) from "
        f"{markdown_file} ({read}): wrote {project.label(result.path)} and "
        f"{project.label(project.working_path)}"
    )


@main.command("diff")
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
)
@pass_settings
def diff_command(settings: Settings, old: str | None, new: str | None, output_format: str) -> None:
    """Show what changed from OLD to NEW (release versions or YAML paths).

    Default: the two latest releases; OLD alone: OLD against data/roadmap.yaml.
    Formats: text (for the terminal: + added, - removed, ~ updated, > moved),
    markdown (a changelog fragment), json.

    \b
    Examples:
      publisher diff
      publisher diff 2024.01 2024.02 --format json
      publisher diff 2024.02 data/roadmap.yaml
      publisher diff 2024.02            # 2024.02 against the working copy
    """
    from publisher.diff import diff, diff_to_json
    from publisher.project import Project
    from publisher.release_history import latest_two, load_diff_side

    if old is None:
        old_snapshot, new_snapshot = latest_two(settings.project())
    else:
        # Paths need no project: only a version is looked up in data/releases/.
        project = Project(root=settings.project_root)
        old_snapshot = load_diff_side(project, old)
        new_snapshot = load_diff_side(
            project, new if new is not None else str(project.working_path)
        )
    changes = diff(old_snapshot, new_snapshot)
    if output_format == "json":
        import json

        click.echo(json.dumps(diff_to_json(changes), indent=2, ensure_ascii=False))
        return
    from publisher.diff_report import format_markdown, format_text

    if output_format == "markdown":
        click.echo(format_markdown(changes), nl=False)
        return
    colours: dict[str, dict[str, Any]] = {
        "heading": {"bold": True},
        "added": {"fg": "green"},
        "removed": {"fg": "red"},
        "updated": {"fg": "yellow"},
        "moved": {"fg": "cyan"},
        "cosmetic": {"dim": True},
    }

    def style(text: str, role: str) -> str:
        return click.style(text, **colours.get(role, {}))

    # Colour only on a terminal (or FORCE_COLOR, never with NO_COLOR): a pipe gets plain text.
    coloured = settings.coloured(sys.stdout)
    click.echo(format_text(changes, style if coloured else lambda text, role: text), nl=False)


# --- import, import-history, readme ------------------------------------------------------


@main.command("import")
@click.argument("markdown_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o", "--output", help="Where to write the YAML ('-' for stdout; default data/roadmap.yaml)."
)
@click.option(
    "--force",
    is_flag=True,
    help="Overwrite data/roadmap.yaml even when it holds changes not yet released.",
)
@keep_section_option
@base_url_option
@html_links_option
@pass_settings
def import_command(
    settings: Settings,
    markdown_file: Path,
    output: str | None,
    force: bool,
    keep_sections: tuple[str, ...],
    base_url: str,
    html_links: bool,
) -> None:
    """Turn a markdown road map into road-map YAML.

    Prints one warning per item skipped or read another way (file:line: what and why), then a
    summary line (sections, resources, warnings); -q prints only the number of warnings.

    \b
    Examples:
      publisher import README.md -o -
      publisher import README.md --keep-section Contributing
      publisher import README.md --base-url https://github.com/me/list/blob/main/
      publisher import README.md --html-links
    """
    from publisher.dump import dump_roadmap
    from publisher.importer import count_resources, count_sections, import_markdown_bytes
    from publisher.output import write_file, write_files

    markdown = _read_markdown(markdown_file)
    result = import_markdown_bytes(
        markdown,
        str(markdown_file),
        keep_sections=keep_sections,
        base_url=base_url,
        html_links=html_links,
        name=_directory_name(markdown_file),
        repository=_readme_repository(markdown_file, base_url, markdown),
    )
    for warning in result.warnings:
        settings.warn(str(warning))
    text = dump_roadmap(result.roadmap)
    retitled: str | None = None
    if output == "-":
        click.echo(text, nl=False)
        target = "stdout"
    else:
        if output:
            path = Path(output)
        else:
            project = settings.project()
            path = project.working_path
            if not force:
                _refuse_to_lose_edits(project, text)
            if _is_init_sample(path) and result.roadmap.title:
                # The new project's title was its folder's name: the list's own is better.
                retitled = _retitled_site(project, result.roadmap.title)
        if retitled is not None:
            write_files({path: text, project.site_path: retitled})  # both or neither
        else:
            write_file(path, text)
        target = str(path)
    summary = (
        f"imported {markdown_file} into {target}: {count_sections(result.roadmap)} sections, "
        f"{count_resources(result.roadmap)} resources, {len(result.warnings)} "
        f"warning{'' if len(result.warnings) == 1 else 's'}"
    )
    if retitled is not None:
        summary += f"; data/site.yaml: the site is now titled {result.roadmap.title!r}"
    if settings.verbosity < 0:
        if result.warnings:  # -q keeps only the count
            count = len(result.warnings)
            click.echo(f"{count} warning{'' if count == 1 else 's'}", err=True)
    elif output == "-":
        click.echo(summary, err=True)
    else:
        settings.say(summary)


def _is_init_sample(path: Path) -> bool:
    """Whether ``path`` is the sample working copy `publisher init` wrote, untouched: no
    one's edits, so importing over it loses nothing."""
    from publisher.scaffold import is_init_roadmap

    try:
        return is_init_roadmap(path.read_bytes())
    except OSError:
        return False


def _retitled_site(project: Project, title: str) -> str | None:
    """data/site.yaml titled ``title`` (a road map's, imported over the sample of `init`),
    when it is still as `init` wrote it; None when it was edited (or holds that title)."""
    from publisher.scaffold import retitled_init_site

    try:
        return retitled_init_site(
            project.site_path.read_bytes(), title, folder=project.root.resolve().name
        )
    except OSError:
        return None


def _refuse_to_lose_edits(project: Project, new_text: str) -> None:
    """Raise when data/roadmap.yaml holds changes the latest release does not (importing
    over it would throw hand edits away)."""
    from publisher.errors import PublisherError
    from publisher.freeze import compare_with_latest
    from publisher.load import read_project_file

    path = project.working_path
    if not path.is_file() or _is_init_sample(path):
        return
    current = read_project_file(project, path).decode("utf-8", "replace")
    if current == new_text:
        return
    latest, same = compare_with_latest(project, current)
    if latest is None or same:
        return
    raise PublisherError(
        f"{project.label(path)}: differs from the latest release {latest.version} (edits not "
        "released yet): importing would overwrite them; release them first, write elsewhere "
        "with -o PATH, or overwrite with --force"
    )


@contextmanager
def _rare_collections() -> Iterator[None]:
    """Python's cycle collector run rarely while the block runs, as before after it.

    Reading a history makes few reference cycles, but each version makes thousands of
    containers (tokens, lines, units) and the caches keep many more alive: at the default
    thresholds the collector ran some 800 times over a 2,000-version history, each run
    walking every container made since (a version's large lists among them) and, six
    times, every one the caches hold: about a tenth of import-history's CPU, for a few
    megabytes of cycles freed. It runs every 50,000 containers made (not 700), the oldest
    generation almost never: the few cycles are still freed, the memory stays flat."""
    import gc

    previous = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


@main.command("import-history")
@click.argument("git_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--file", "file_path", required=True, help="The road map's path inside the repository."
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default data/releases).",
)
@click.option("--ref", default="HEAD", show_default=True, help="The branch (tag, commit) to read.")
@click.option(
    "--group",
    "grouping",
    type=click.Choice(["commit", "day", "week", "month"]),
    default="day",
    show_default=True,
    help="One release per period that changed the road map.",
)
@click.option("--limit", type=click.IntRange(min=1), help="Only the N most recent commits.")
@click.option("--since", help="Only commits on or after this date (YYYY-MM-DD).")
@click.option(
    "--force", is_flag=True, help="Write into an output folder that holds other releases."
)
@keep_section_option
@base_url_option
@html_links_option
@pass_settings
def import_history(
    settings: Settings,
    git_dir: Path,
    file_path: str,
    out_dir: Path | None,
    ref: str,
    grouping: Literal["commit", "day", "week", "month"],
    limit: int | None,
    since: str | None,
    force: bool,
    keep_sections: tuple[str, ...],
    base_url: str,
    html_links: bool,
) -> None:
    """Releases from the git history of FILE in GIT_DIR, one per period that changed it.

    The history is the first-parent line of --ref, as the file's readers saw it: a merge is
    one step, dated by the merge, and commits of merged branches are never releases. Each
    period (--group: commit, day, week or month) that changed the road map gives one release
    of its last version: version YYYY.MM.DD of that commit (UTC; .2, .3 for more on one day),
    titled by the period ("22 August 2026", "Week 34, 2026", "August 2026"), with the period's
    commits in release.source. Running it again writes the same bytes.

    \b
    Examples:
      publisher import-history ../awesome-list --file README.md
      publisher import-history ../awesome-list --file README.md --group week --ref main
      publisher import-history ../awesome-list --file README.md --since 2024-01-01
      publisher import-history ../awesome-list --file README.md --html-links
    """
    import datetime as dt

    from publisher.dump import dump_snapshot_bytes
    from publisher.git_history import (
        ImportOptions,
        group_commits,
        history_steps,
        list_commits,
        newest_version,
        readme_repository,
        refuse_other_releases,
        select_commits,
    )
    from publisher.output import StagedFiles

    since_date = None
    if since is not None:
        try:
            since_date = dt.date.fromisoformat(since)
        except ValueError:
            raise click.BadParameter(
                f"{since!r} is not a date (YYYY-MM-DD)", param_hint="--since"
            ) from None
    commits = select_commits(
        list_commits(git_dir, file_path, ref=ref), limit=limit, since=since_date
    )
    project = None
    if out_dir is None:
        project = settings.project()
        out = project.releases_dir
    else:
        out = out_dir
    skipped = read = written = 0
    latest = None
    warned = 0
    options = ImportOptions(
        keep_sections=keep_sections,
        base_url=base_url,
        html_links=html_links,
        name=git_dir.resolve().name,
        # Its GitHub repository: the base URL's, else its remotes', with its upstream's (only
        # links into its own pages' sections are its table of contents).
        repository=readme_repository(
            git_dir, base_url=base_url, markdown=newest_version(git_dir, commits)
        ),
    )
    steps = history_steps(git_dir, commits, grouping=grouping, options=options)
    periods = len(group_commits(commits, grouping))
    with _rare_collections(), StagedFiles() as staged:
        for step in settings.progress(steps, length=periods, label="Reading history"):
            read += step.versions_read
            for problem in step.problems:
                settings.warn(f"{problem} (this version is skipped)")
                warned += 1
            skipped += len(step.problems)
            for warning in step.warnings:
                settings.warn(str(warning))
            warned += len(step.warnings)
            if step.snapshot is not None and step.snapshot.release is not None:
                staged.add(
                    out / f"{step.snapshot.release.version}.yaml",
                    dump_snapshot_bytes(step.snapshot),
                )
                written += 1
                latest = step.snapshot
        refuse_other_releases(out, staged.paths, force=force)
        # A project just made by `publisher init` still has its sample working copy: it
        # becomes the latest release's road map, so `diff`, `release` and `preview` start
        # from the history, not from the sample.
        replaced_sample = False
        retitled_as = ""
        if project is not None and latest is not None and _is_init_sample(project.working_path):
            from publisher.dump import dump_roadmap

            staged.add(project.working_path, dump_roadmap(latest.roadmap))
            replaced_sample = True
            retitled = _retitled_site(project, latest.roadmap.title)
            if retitled is not None:
                staged.add(project.site_path, retitled)
                retitled_as = latest.roadmap.title
        staged.commit()
    summary = (
        f"imported {written} release{'' if written == 1 else 's'} from {len(commits)} "
        f"commit{'' if len(commits) == 1 else 's'} of {file_path} into {out} "
        f"({periods} {grouping if grouping != 'commit' else 'commit'}"
        f"{'' if periods == 1 else 's'}, {read} version{'' if read == 1 else 's'} read, "
        f"{warned} warning{'' if warned == 1 else 's'})"
    )
    if replaced_sample and latest is not None and latest.release is not None:
        summary += (
            f"; data/roadmap.yaml, the sample 'publisher init' wrote, is now the road map of "
            f"{latest.release.version}"
        )
        if retitled_as:
            summary += f", and data/site.yaml titles the site {retitled_as!r}"
    if settings.verbosity >= 0:
        settings.say(summary)
    elif warned:
        click.echo(f"{warned} warning{'' if warned == 1 else 's'}", err=True)


@main.command()
@click.option("-o", "--output", help="Where to write the markdown (default stdout).")
@pass_settings
def readme(settings: Settings, output: str | None) -> None:
    """Render the road map (data/roadmap.yaml) back to markdown.

    Through templates/readme/README.md.j2; 'publisher import' reads the result back unchanged.

    \b
    Example:
      publisher readme -o README.md
    """
    from publisher.load import load_working_copy
    from publisher.output import write_file
    from publisher.readme import render_readme

    project = settings.project()
    markdown = render_readme(load_working_copy(project).roadmap, project.templates_dir)
    if output is None or output == "-":
        click.echo(markdown, nl=False)
    else:
        write_file(Path(output), markdown)
        settings.say(f"wrote {output}")


# --- feeds -------------------------------------------------------------------------------


@main.command()
@output_dir_option("Output folder (default feeds/).")
@pass_settings
def feeds(settings: Settings, output_dir: Path | None) -> None:
    """Write the RSS, Atom and JSON feeds of new and updated resources.

    \b
    Writes atom.xml, rss.xml and feed.json (every added or updated resource, newest
    release first), releases/ (one entry per release), sections/<id>/ and tags/<tag>/
    (a feed per section and per tag). Feed files of sections and tags that are gone are
    removed. Serve the folder at base_url (data/site.yaml).

    \b
    Example:
      publisher feeds -o public/
    """
    from publisher.feeds import cut_release_problem, render_feeds, stale_feed_files
    from publisher.load import load_site_of
    from publisher.output import refuse_symlinks, remove_files, write_files
    from publisher.release_history import iter_history
    from publisher.render import template_environment

    project = settings.project()
    site = load_site_of(project)
    history = list(
        iter_history(
            project,
            cache_dir=project.cache_dir,
            progress=lambda entries: settings.progress(entries, label="Loading releases"),
        )
    )
    if not history:
        settings.warn("no releases yet: nothing to publish (freeze one with 'publisher release')")
        return
    files = render_feeds(site, history, template_environment(project.templates_dir))
    folder = output_dir if output_dir is not None else project.root / "feeds"
    outputs = {folder / path: content for path, content in files.items()}
    stale = stale_feed_files(folder, files)
    # feeds/ is committed: never write or remove through a link a pull request planted there
    refuse_symlinks([*outputs, *stale], project.root if output_dir is None else folder)
    written = write_files(outputs)
    removed = remove_files(stale, root=folder)
    for path in written:
        settings.detail(f"wrote {path}")
    for path in removed:
        settings.detail(f"removed {path}")
    cut = cut_release_problem(site, history, name=project.label(project.site_path))
    if cut:
        settings.warn(cut)
    settings.say(
        f"{len(files)} feed files in {folder}: {len(written)} written, "
        f"{len(files) - len(written)} unchanged, {len(removed)} removed"
    )


# --- changelog, build --------------------------------------------------------------------


@main.command()
@click.option("-o", "--output", help="Where to write it (default CHANGELOG.md; '-' for stdout).")
@pass_settings
def changelog(settings: Settings, output: str | None) -> None:
    """Write CHANGELOG.md, newest release first.

    \b
    Example:
      publisher changelog -o -
    """
    from publisher.build import CHANGELOG_FILE, changelog_of
    from publisher.output import write_file

    project = settings.project()
    text = changelog_of(project)
    if output == "-":
        click.echo(text, nl=False)
        return
    path = Path(output) if output else project.root / CHANGELOG_FILE
    changed = write_file(path, text)
    settings.say(f"{'wrote' if changed else 'unchanged:'} {project.label(path)}")


@main.command()
@output_dir_option("Output folder (default feeds/).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 listing outputs that are stale.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Bypass .publisher/cache/: render everything, record nothing.",
)
@click.option(
    "--ping", "ping_hub", is_flag=True, help="Then notify the WebSub hub of feeds that changed."
)
@pass_settings
def build(
    settings: Settings, output_dir: Path | None, check: bool, no_cache: bool, ping_hub: bool
) -> None:
    """Publish everything: CHANGELOG.md, feeds, the changelog page and email web copies.

    Writes only files whose bytes change (each atomically), and removes the files an
    earlier build made that are no longer produced. With --check it writes nothing and
    exits 1 listing every output that is stale, missing or no longer produced.

    \b
    Examples:
      publisher build
      publisher build -o public/
      publisher build --check      # in CI: fail when someone forgot to build
    """
    from publisher import build as building
    from publisher.errors import PublisherError
    from publisher.project import release_files
    from publisher.release_history import ReleaseFile

    project = settings.project()
    paths = building.build_paths(project, output_dir)
    count = len(release_files(project))

    def progress(items: Iterator[ReleaseFile]) -> Iterator[ReleaseFile]:
        return settings.progress(items, length=count, label="Loading releases")

    if check:
        result = building.check(paths, use_cache=not no_cache, progress=progress)
        for warning in result.warnings:
            settings.warn(warning)
        if result.ok:
            settings.say(f"ok: all {result.outputs} outputs are up to date")
            return
        raise PublisherError(result.problems(project))
    built = building.build(paths, use_cache=not no_cache, progress=progress)
    for path in built.written:
        settings.detail(f"wrote {project.label(path)}")
    for path in built.removed:
        settings.detail(f"removed {project.label(path)}")
    for warning in built.warnings:
        settings.warn(warning)
    where = f"{project.label(paths.output_dir)}/ and {building.CHANGELOG_FILE}"
    if built.up_to_date or not (built.written or built.removed):
        settings.say(f"up to date: {built.outputs} outputs in {where}")
    else:
        settings.say(
            f"built {built.outputs} outputs in {where}: {len(built.written)} written, "
            f"{len(built.removed)} removed"
        )
    if ping_hub:
        _notify_hub(settings, project, paths.output_dir, everything=False)


@main.command("check-links")
@click.argument("version", required=False)
@click.option("--working-copy", is_flag=True, help="Check data/roadmap.yaml, not a release.")
@click.option("--all", "all_links", is_flag=True, help="Also links inside descriptions and intros.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="markdown: a report fit for an issue or pull-request comment.",
)
@click.option(
    "--concurrency",
    type=click.IntRange(min=1),
    default=32,
    show_default=True,
    help="Requests at once in all.",
)
@click.option(
    "--per-host",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Requests at once to one host.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds to wait for one answer.",
)
@click.option(
    "--max-age",
    callback=_parse_age,
    help="Reuse cached results younger than this (e.g. 7d, 12h) instead of asking again.",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Rewrite permanent redirects in data/roadmap.yaml (its text and comments kept).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="A link failing now is dead (default: only after failing on two runs a day apart).",
)
@pass_settings
def check_links(
    settings: Settings,
    version: str | None,
    working_copy: bool,
    all_links: bool,
    output_format: str,
    concurrency: int,
    per_host: int,
    timeout: float,
    max_age: float | None,
    fix: bool,
    strict: bool,
) -> None:
    """Check the link of every resource (of the latest release by default); exit 1 when a
    link is dead.

    Each URL gets one verdict: ok, redirected permanently (with the final URL), redirected
    temporarily, gone (404/410), refused (other 4xx), server error, timeout, DNS failure,
    TLS failure, or not checked (mailto, or excluded by site.yaml links: {exclude: [...]}).
    Results are kept in .publisher/links.sqlite. A link is dead when it fails on two runs at
    least a day apart (one flaky answer is not a dead link), or at once with --strict.

    \b
    Examples:
      publisher check-links                      # the latest release
      publisher check-links --working-copy --max-age 7d
      publisher check-links 2024.02 --format markdown > report.md
    """
    import contextlib
    from datetime import UTC, datetime, timedelta

    from publisher.errors import NotFoundError
    from publisher.link_cache import CACHE_FILE
    from publisher.link_check import CheckSettings
    from publisher.link_check import check_links as run_check
    from publisher.link_health import link_uses, report_json, report_markdown, report_text
    from publisher.load import load_site_of, load_working_copy
    from publisher.release_history import HistoryCache, index_releases, load_indexed, load_release

    if version and working_copy:
        raise click.UsageError("name a VERSION or --working-copy, not both")
    project = settings.project()
    site = load_site_of(project)
    if working_copy:
        snapshot = load_working_copy(project)
    elif version:
        snapshot = load_release(project, version)
    else:
        history_cache = HistoryCache.at(project.cache_dir, read_only=True)
        entries = index_releases(project, history_cache)
        if not entries:
            raise NotFoundError(
                f"{project.label(project.releases_dir)}: no release yet (check the working "
                "copy with --working-copy)"
            )
        snapshot = load_indexed(project, entries[-1], history_cache)
    uses = link_uses(snapshot.roadmap, include_text=all_links)
    check_settings = CheckSettings(concurrency=concurrency, per_host=per_host, timeout=timeout)
    show_bar = settings.verbosity >= 0 and sys.stderr.isatty()
    with (
        click.progressbar(
            length=len({use.url for use in uses}), label="Checking links", file=sys.stderr
        )
        if show_bar
        else contextlib.nullcontext() as bar
    ):
        report = run_check(
            uses,
            cache_path=project.state_dir / CACHE_FILE,
            now=datetime.now(UTC),
            settings=check_settings,
            max_age=timedelta(seconds=max_age) if max_age is not None else None,
            exclude=site.links.exclude,
            strict=strict,
            on_result=(lambda _result: bar.update(1)) if bar is not None else None,
        )
    render = {"text": report_text, "json": report_json, "markdown": report_markdown}
    click.echo(render[output_format](report), nl=False)
    if fix:
        _fix_redirects(settings, project, report)
    if report.dead():
        click.get_current_context().exit(1)


def _fix_redirects(settings: Settings, project: Project, report: Any) -> None:
    """Rewrite the working copy's permanently redirected URLs, checked before writing."""
    from publisher.link_health import permanent_redirects, rewrite_urls
    from publisher.load import build_snapshot, read_project_file
    from publisher.output import write_file
    from publisher.yaml_reader import parse_yaml_bytes

    text = read_project_file(project, project.working_path).decode("utf-8")
    new_text, replaced = rewrite_urls(text, permanent_redirects(report))
    label = project.label(project.working_path)
    if not replaced:
        click.echo(f"{label}: no permanent redirect to fix", err=True)
        return
    # The rewritten file must load as the working copy did (raises DataError otherwise).
    build_snapshot(parse_yaml_bytes(new_text.encode("utf-8"), label), label, release=False)
    write_file(project.working_path, new_text)
    click.echo(f"{label}: {len(replaced)} URL(s) updated to where they moved", err=True)


def _notify_hub(
    settings: Settings, project: Project, output_dir: Path, *, everything: bool
) -> None:
    """Ping the site's WebSub hub for each feed whose bytes changed since last announced."""
    from publisher import ping as websub
    from publisher.errors import Problem, PublisherError
    from publisher.load import load_site_of
    from publisher.output import write_file

    site = load_site_of(project)
    hub = websub.require_hub(site.hub)
    state_path = project.state_dir / websub.STATE_FILE
    current = websub.feed_digests(output_dir, site.base_url)
    if not current:
        raise PublisherError(
            f"{project.label(output_dir)}: no feeds to announce (run 'publisher build' first)"
        )
    announced = {} if everything else websub.read_announced(state_path)
    changed = websub.changed_feeds(current, announced)
    if not changed:
        settings.say(f"no feed changed since the last ping of {hub}: nothing to notify")
        return
    answers = []
    for feed_url in settings.progress(changed, length=len(changed), label="Notifying the hub"):
        answer = websub.publish(hub, feed_url)
        answers.append(answer)
        tries = f" after {answer.tries} tries" if answer.tries > 1 else ""
        answered = f"{answer.status} {answer.reason}" if answer.status else answer.reason
        settings.detail(f"{hub}: {feed_url}: {answered}{tries}")
    write_file(state_path, websub.announced_state(announced, current, answers))
    accepted = sum(answer.ok for answer in answers)
    settings.say(f"notified {hub}: {accepted} of {len(changed)} changed feeds accepted")
    failed = [answer for answer in answers if not answer.ok]
    if failed:
        raise PublisherError(
            [
                Problem(
                    message=f"{hub} refused {answer.feed_url}: "
                    + (f"{answer.status} {answer.reason}" if answer.status else answer.reason)
                    + f" ({answer.tries} tr{'ies' if answer.tries > 1 else 'y'}; "
                    "'publisher ping' retries it)"
                )
                for answer in failed
            ]
        )


@main.command()
@output_dir_option("The built output folder (default feeds/).")
@click.option("--all", "everything", is_flag=True, help="Notify for every feed, changed or not.")
@pass_settings
def ping(settings: Settings, output_dir: Path | None, everything: bool) -> None:
    """Notify the WebSub hub (site.yaml: hub) of every feed whose bytes changed.

    One form-encoded POST per feed (hub.mode=publish, hub.url=the feed's URL under
    base_url), retried on 5xx answers and timeouts. What was announced is remembered in
    .publisher/websub.json, so only feeds changed since are announced; a refused feed is
    announced again next time. -v prints each answer of the hub.

    \b
    Examples:
      publisher build && publisher ping
      publisher build --ping          # the same in one command
      publisher ping --all -v         # every feed, with the hub's answers
    """
    from publisher import build as building

    project = settings.project()
    folder = building.build_paths(project, output_dir).output_dir
    _notify_hub(settings, project, folder, everything=everything)


# --- email -------------------------------------------------------------------------------


@main.command()
@click.argument("version", required=False)
@output_dir_option("Output folder (default: the working directory).")
@click.option(
    "--format",
    "formats",
    type=click.Choice(["html", "text", "mjml", "eml"]),
    multiple=True,
    help="Only these formats (repeatable; default all).",
)
@click.option(
    "--to",
    "to_address",
    help="The subscriber the .eml is made for: an address, or 'Name <address>'.",
)
@click.option("--sections", help="Preview a subscriber who follows only these section ids ('a;b').")
@pass_settings
def email(
    settings: Settings,
    version: str | None,
    output_dir: Path | None,
    formats: tuple[str, ...],
    to_address: str | None,
    sections: str | None,
) -> None:
    """Render the changelog email of one release (default: the latest).

    Writes VERSION.html, .txt, .mjml and .eml (the exact message 'send' would send to
    --to ADDRESS; default: the list's own From address) into the output folder. The
    unsubscribe token is keyed with PUBLISHER_SECRET_KEY (or PUBLISHER_UNSUBSCRIBE_KEY) as
    'send' does; without a key it is a placeholder.

    \b
    Examples:
      publisher email
      publisher email 2024.02 --format eml --to you@example.org -o preview/
      publisher email --sections "learn-from-others;technical-resources"
    """
    import os
    from email.utils import parseaddr

    from publisher import mail
    from publisher.errors import DataError
    from publisher.keys import secret_key
    from publisher.load import load_site_of
    from publisher.output import write_files
    from publisher.release_history import iter_snapshots, release_diff
    from publisher.render import template_environment
    from publisher.subscribers import match_section_ids, unsubscribe_token

    project = settings.project()
    site = load_site_of(project)
    cache_dir = project.cache_dir
    changes = release_diff(project, version, cache_dir=cache_dir)
    version = changes.new.version if changes.new else version
    selection = mail.parse_sections(sections or "")
    unknown: tuple[str, ...] = ()
    if selection:
        selection, unknown = match_section_ids(
            selection, mail.section_ids(iter_snapshots(project, cache_dir=cache_dir))
        )
    if unknown:
        raise DataError(f"--sections: no section has the id {', '.join(map(repr, unknown))}")
    environment = template_environment(project.templates_dir)
    rendered = mail.render_release_email(site, changes, environment, sections=selection)
    if rendered is None and not selection:
        settings.say(f"release {version} changed nothing: no email")
        return
    if rendered is None:
        settings.say(
            f"{version}: nothing changed in {'; '.join(sorted(selection))}; "
            "a subscriber of these sections gets no email"
        )
        return
    # --to "Ann Lee <ann@example.org>" previews a subscriber with a name, as the CSV gives it.
    name, address = parseaddr(to_address) if to_address else ("", "")
    address = address or parseaddr(site.email.from_address)[1] or "subscriber@example.org"
    key = secret_key(os.environ, required=False)
    # Without a key the preview gets a placeholder token: never one keyed with an empty secret.
    token = unsubscribe_token(key, address) if key is not None else mail.PREVIEW_TOKEN
    if key is not None and project_store_exists(project):
        # A subscriber of the store gets the token `send` gives them (their public id, which
        # `publisher serve` reads), not the keyed hash a CSV row gets.
        from publisher.delivery.tokens import manage_token

        with open_project_store(project) as store:
            record = store.subscriber(address)
        # A list's address keeps the keyed hash on a page of the maintainer's own (as `send`).
        if record is not None and not (record.status == "listed" and _own_unsubscribe_page(site)):
            token = manage_token(key, record.public_id)
    personal = rendered.with_token(token)
    contents: dict[str, bytes | str] = {
        "html": personal.html,
        "text": personal.text,
        "mjml": personal.mjml,
        # The same serializer as send: the bytes it would put on the wire (but the Date,
        # the time of sending there, the release date here).
        "eml": mail.message_bytes(rendered, address=address, name=name, token=token),
    }
    suffixes = {"html": ".html", "text": ".txt", "mjml": ".mjml", "eml": ".eml"}
    folder = output_dir or Path()
    files: dict[Path, bytes | str] = {
        folder / f"{version}{suffixes[name]}": content
        for name, content in contents.items()
        if not formats or name in formats
    }
    write_files(files)
    settings.say(f"{rendered.subject}  (to {address})")
    # A mailto: unsubscribe link (no email.unsubscribe_url) holds no token to warn about.
    if key is None and mail.TOKEN_PLACEHOLDER in rendered.text + rendered.html:
        settings.say(
            "no PUBLISHER_SECRET_KEY set: the unsubscribe link holds a placeholder token "
            f"({mail.PREVIEW_TOKEN})"
        )
    for path in files:
        settings.say(f"wrote {path}")


# --- send, deliveries --------------------------------------------------------------------


@main.command()
@click.argument("version", required=False)
@click.option(
    "--subscribers",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A CSV file email,name,sections to send to (default: the confirmed subscribers "
    "of the store).",
)
@click.option(
    "--dry-run", is_flag=True, help="Connect to nothing; print what would be sent to whom."
)
@click.option("--yes", is_flag=True, help="Do not ask before sending.")
@click.option(
    "--rate",
    type=click.FloatRange(min=0, min_open=True),
    help="At most N messages per second from this process (all its connections together; "
    "each worker keeps its own).",
)
@click.option(
    "--connections",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="SMTP connections sending side by side (--rate holds for all of them together).",
)
@click.option(
    "--domain-rate",
    "domain_rates",
    multiple=True,
    metavar="DOMAIN=N",
    help="At most N messages per second from this process to addresses at DOMAIN "
    "(repeatable), e.g. --domain-rate gmail.com=20.",
)
@click.option(
    "--deadline",
    callback=parse_duration,
    help="Start no message after this long (90, 90s, 30m, 2h); "
    "what is left is deferred to the next run.",
)
@click.option(
    "--worker",
    is_flag=True,
    help="Only claim and send deliveries that a coordinator ('send' without --worker) "
    "planned; needs a PostgreSQL store (PUBLISHER_DATABASE_URL). Start any number, anywhere.",
)
@click.option(
    "--lease",
    type=click.FloatRange(min=1),
    default=300.0,
    show_default=True,
    help="PostgreSQL: seconds a claimed delivery stays with its sender; a dead sender's "
    "deliveries are taken by another after this. At least seven SMTP timeouts (a timeout "
    "per SMTP step, one to record, one to spare), e.g. --lease 70 with ?timeout=10.",
)
@ledger_option
@pass_settings
def send(
    settings: Settings,
    version: str | None,
    subscribers: Path | None,
    dry_run: bool,
    yes: bool,
    rate: float | None,
    connections: int,
    domain_rates: tuple[str, ...],
    deadline: float | None,
    worker: bool,
    lease: float,
    ledger: Path | None,
) -> None:
    """Send one release's email (default: the latest) to the confirmed subscribers of the
    store (see 'publisher subscribers'), or to a CSV list given with --subscribers, over SMTP.

    SMTP settings come from PUBLISHER_SMTP_URL (smtp://user@host:port, smtps://…,
    ?starttls=1) and PUBLISHER_SMTP_PASSWORD; unsubscribe tokens are keyed with
    PUBLISHER_SECRET_KEY (or PUBLISHER_UNSUBSCRIBE_KEY), at least 32 random bytes. Every
    delivery is recorded in the ledger: after a crash, a kill or refusals, run the same
    command again and only those not yet sent get it.

    \b
    Examples:
      PUBLISHER_SMTP_URL=smtp://me@mail.example.org:587?starttls=1 \\
      PUBLISHER_SMTP_PASSWORD=… publisher send
      publisher send --subscribers subscribers.csv
      publisher send --subscribers subscribers.csv --yes --connections 4 \\
          --rate 50 --domain-rate gmail.com=20 --deadline 30m
    """
    import os
    from functools import partial

    from publisher.errors import SendError
    from publisher.keys import secret_key
    from publisher.outbox import open_outbox
    from publisher.send import parse_domain_rates, parse_smtp_url

    per_domain = parse_domain_rates(domain_rates)
    project = settings.project()
    url = os.environ.get("PUBLISHER_SMTP_URL", "")
    settle = None
    if subscribers is not None:
        settle = partial(
            _settle_list, settings, project, subscribers, ledger=ledger, record=not dry_run
        )
    source = _send_source(project, subscribers)
    if subscribers is None and not source:
        _warn_of_an_empty_store(settings, project)
    outbox = open_outbox(project, source, version, settle=settle)
    _warn_of_example_settings(settings, project, outbox.site, "emails")
    _warn_of_plain_http_unsubscribe(settings, project, outbox.site)
    if dry_run:
        _send_dry_run(settings, project, outbox, ledger=ledger, smtp_url=url)
        return
    smtp = parse_smtp_url(url, password=os.environ.get("PUBLISHER_SMTP_PASSWORD", ""))
    send_key = secret_key(os.environ)
    assert send_key is not None  # required: secret_key raises when it is missing
    with open_project_store(project, ledger) as store:
        if store.dialect == "postgresql":
            _send_shared(
                settings,
                store,
                outbox,
                key=send_key,
                smtp=smtp,
                worker_only=worker,
                lease=lease,
                yes=yes,
                rate=rate,
                connections=connections,
                domain_rates=per_domain,
                deadline=deadline,
            )
            return
        if worker:
            raise SendError(
                "--worker needs a store that several processes share: set "
                "PUBLISHER_DATABASE_URL to a PostgreSQL database (the SQLite store takes one "
                "send at a time; use --connections for more speed in one process)"
            )
    _send_alone(
        settings,
        project,
        outbox,
        key=send_key,
        smtp=smtp,
        ledger=ledger,
        yes=yes,
        rate=rate,
        connections=connections,
        domain_rates=per_domain,
        deadline=deadline,
    )


def _send_dry_run(
    settings: Settings, project: Project, outbox: Outbox, *, ledger: Path | None, smtp_url: str
) -> None:
    """`send --dry-run`: who would get the message (planned against the ledger, when there
    is one); connects to nothing, sends nothing, records nothing."""
    import os
    import secrets

    from publisher.keys import secret_key
    from publisher.send import parse_smtp_url, plan_send

    release_version = outbox.release.version
    # A dry run composes no message, so it needs no key; a throwaway one, never an empty one.
    key = secret_key(os.environ, required=False) or secrets.token_bytes(32)
    if project_store_exists(project, ledger):
        with open_project_store(project, ledger) as store, store.ledger() as existing:
            plan = plan_send(existing, release_version, outbox.recipients(key))
    else:
        plan = plan_send(None, release_version, outbox.recipients(key))
    server = parse_smtp_url(smtp_url).describe() if smtp_url else "not set (PUBLISHER_SMTP_URL)"
    settings.say(f"dry run: nothing is sent. Server: {server}")
    settings.say(f"release {release_version}: {_subject_of(outbox.subjects)}")
    for recipient in plan.to_send:
        settings.say(f"  would send to {recipient.address}  ({recipient.label})")
    settings.say(
        f"{len(plan.to_send)} to send, {len(plan.already_sent)} already sent, "
        f"{len(plan.failed_before)} refused permanently before, "
        f"{outbox.without_changes} without changes in their sections"
    )


def _send_alone(
    settings: Settings,
    project: Project,
    outbox: Outbox,
    *,
    key: bytes,
    smtp: SmtpSettings,
    ledger: Path | None,
    yes: bool,
    rate: float | None,
    connections: int,
    domain_rates: dict[str, float],
    deadline: float | None,
) -> None:
    """`send` on a SQLite store: one run at a time (the send lock), planned against the
    ledger, after a confirmation unless ``yes``. An address refused at RCPT is marked
    bounced in the store (a list's addresses are recorded there too)."""
    import contextlib
    import time

    from publisher.errors import PublisherError, SendError
    from publisher.send import Outcome, SmtpConnection, deliver, plan_send, summarize, utc_now

    release_version = outbox.release.version
    subject = _subject_of(outbox.subjects)
    outcomes: list[Outcome] = []
    with contextlib.ExitStack() as stack:
        store = stack.enter_context(open_project_store(project, ledger))
        # The subscribers (a bounce marks them) live in the project's store, whichever file
        # holds the ledger.
        people = store if ledger is None else stack.enter_context(open_project_store(project))
        if ledger is not None:
            # Remembered there, so `bounces` reads who this file's sends mailed.
            people.remember_ledger_file(ledger, now=utc_now())
        stack.enter_context(store.send_lock(release=release_version, now=utc_now()))
        opened = stack.enter_context(store.ledger())
        plan = plan_send(opened, release_version, outbox.recipients(key))
        settings.say(
            f"release {release_version}: {len(plan.to_send)} to send, "
            f"{len(plan.already_sent)} already sent, "
            f"{outbox.without_changes} without changes in their sections"
        )
        if plan.to_send and not yes:
            click.confirm(
                f"Send “{subject}” to {len(plan.to_send)} subscriber(s) via {smtp.describe()}?",
                abort=True,
            )
        try:
            for outcome in settings.progress(
                deliver(
                    plan,
                    sender=outbox.sender,
                    connection=SmtpConnection(smtp),
                    ledger=opened,
                    rate=rate,
                    connections=connections,
                    domain_rates=domain_rates,
                    deadline=None if deadline is None else time.monotonic() + deadline,
                ),
                length=len(plan.to_send),
                label="sending",
            ):
                outcomes.append(outcome)
                settings.detail(f"{outcome.state}: {outcome.address}: {outcome.reply}")
                if outcome.recipient_refused:
                    people.bounce_refused(outcome.address, outcome.reply, now=utc_now())
                    settings.detail(f"marked bounced: {outcome.address}")
        except PublisherError:
            settings.say(f"stopped after sending {summarize(plan, outcomes).sent}")
            raise
    summary = summarize(plan, outcomes)
    settings.say(summary.counts())
    problems = summary.problems(deadline)
    if problems:
        raise SendError(problems)


def _unsubscribes_through_serve(site: Any) -> bool:
    """Whether the emails' unsubscribe links lead to `publisher serve` (they follow from
    subscribe_url), whose tokens name subscribers of the store, not rows of a CSV file."""
    if not site.subscribe_url:
        return False
    served = site.subscribe_url.rsplit("/", 1)[0] + "/unsubscribe?token={token}"
    return bool(site.email.unsubscribe_url == served)


def _settle_list(
    settings: Settings,
    project: Project,
    csv_file: Path,
    people: tuple[Subscriber, ...],
    *,
    ledger: Path | None,
    record: bool,
) -> tuple[Subscriber, ...]:
    """A list's rows as `send` mails them: recorded in the project's store (``record``; a dry
    run only reads it), so each email's unsubscribe link names a record `publisher serve`
    knows, also when the ledger is a --ledger file; those who unsubscribed, bounced,
    complained or were forgotten are left out, and said so."""
    import dataclasses
    import os
    from functools import partial

    from publisher.delivery import NewSubscriber
    from publisher.keys import secret_key
    from publisher.load import load_site_of
    from publisher.send import utc_now
    from publisher.subscribers import unsubscribe_token

    if not record and not project_store_exists(project):
        return people
    # The token a list's emails carried before the store recorded the list: kept with each
    # record, so `publisher serve` reads the links of emails already sent.
    key = secret_key(os.environ, required=False)
    keep_ids = _ledger_file_ids(project, ledger, people) if record else {}
    with open_project_store(project) as store:
        report = store.list_recipients(
            [
                NewSubscriber(address=row.address, name=row.name, sections=tuple(row.sections))
                for row in people
            ],
            source=f"send --subscribers {csv_file.name}",
            now=utc_now(),
            record=record,
            list_token=partial(unsubscribe_token, key) if key else None,
            public_ids=keep_ids,
        )
    label = project.label(csv_file)
    if report.skipped:
        reasons: dict[str, int] = {}
        for address, reason in report.skipped:
            reasons[reason] = reasons.get(reason, 0) + 1
            settings.detail(f"{'would skip' if not record else 'skipped'} {address}: {reason}")
        settings.say(
            f"{label}: {'would skip' if not record else 'skipped'} {len(report.skipped)} "
            "address(es) that "
            + ", ".join(f"{reason} ({count})" for reason, count in sorted(reasons.items()))
        )
    if report.recorded:
        settings.detail(
            f"{label}: {report.recorded} address(es) recorded in the store as list recipients"
        )
    own_page = _own_unsubscribe_page(load_site_of(project))
    rows = {row.key: row for row in people}
    return tuple(
        dataclasses.replace(
            rows[recipient.address.strip().lower()],
            name=recipient.name,
            sections=frozenset(recipient.sections),
            public_id="" if own_page else recipient.public_id,
        )
        for recipient in report.recipients
    )


def _warn_of_example_settings(
    settings: Settings, project: Project, site: Any, what: str, *, only: tuple[str, ...] = ()
) -> None:
    """Warn when site.yaml still holds the example addresses `init` wrote, which emails use
    (``only``: of those keys)."""
    from publisher.scaffold import example_settings

    keys = [key for key in example_settings(site) if not only or key in only]
    harm = {
        "base_url": f"the {what}' links lead to example.org",
        "email.from": f"the {what} go out from example.org, which mail providers refuse, and "
        "bounces are lost",
        "email.reply_to": "replies, and unsubscribe requests by email, go to example.org",
        "email.list_id": "the List-Id header names example.org, a domain that is not yours",
    }
    if keys:
        named = keys[0] if len(keys) == 1 else f"{', '.join(keys[:-1])} and {keys[-1]}"
        settings.warn(
            f"{project.label(project.site_path)}: {named} still "
            f"{'hold' if len(keys) > 1 else 'holds'} the example value 'publisher init' wrote "
            f"({'; '.join(harm[key] for key in keys)}): set your own"
        )


def _warn_of_an_empty_store(settings: Settings, project: Project) -> None:
    """Warn that the store `send` reads has no confirmed subscriber, naming the store: a
    maintainer whose subscribers came through a `serve` on another store (PostgreSQL, while
    this shell has no PUBLISHER_DATABASE_URL) saw only '0 to send'."""
    import os

    from publisher.delivery import describe_url, engine_url

    url = os.environ.get("PUBLISHER_DATABASE_URL", "")
    where = (
        describe_url(engine_url(url, project.state_dir))
        if url.strip()
        else f"{project.label(project.state_dir / 'publisher.sqlite')}, the default: "
        "PUBLISHER_DATABASE_URL is not set"
    )
    settings.warn(
        f"no confirmed subscriber in the store ({where}): nobody gets this release. People "
        "subscribe through 'publisher serve' (or 'publisher subscribers add/import') on the "
        "same store; a CSV list is sent with --subscribers FILE"
    )


def _warn_of_plain_http_unsubscribe(settings: Settings, project: Project, site: Any) -> None:
    """Warn when the emails' unsubscribe link is plain http (but for a loopback host, as in a
    trial): RFC 8058 one-click needs https, so the emails carry no List-Unsubscribe-Post, which
    large mailbox providers ask of bulk senders."""
    from urllib.parse import urlsplit

    url = site.email.unsubscribe_url
    if not url.lower().startswith("http://"):
        return
    host = urlsplit(url).hostname or ""
    if host in ("localhost", "127.0.0.1", "::1") or host.endswith(".localhost"):
        return
    key = "subscribe_url" if _unsubscribes_through_serve(site) else "email.unsubscribe_url"
    settings.warn(
        f"{project.label(project.site_path)}: {key} is plain http: the emails' unsubscribe "
        "link is not https, so they carry no one-click List-Unsubscribe-Post (RFC 8058), "
        "which large mailbox providers ask of bulk senders: serve it over https (a reverse "
        "proxy that terminates TLS, see README)"
    )


def _own_unsubscribe_page(site: Any) -> bool:
    """Whether the emails' unsubscribe links lead to a page of the maintainer's own
    (email.unsubscribe_url, not `publisher serve`): it checks the keyed hash of the address,
    as before the store, so a list's emails keep that token."""
    return bool(site.email.unsubscribe_url) and not _unsubscribes_through_serve(site)


def _ledger_file_ids(
    project: Project, ledger: Path | None, people: tuple[Subscriber, ...]
) -> dict[str, str]:
    """The public ids a --ledger file gave a list's addresses: `send` recorded a list there
    before it recorded lists in the project's store, and the emails it sent then carry those
    ids; the project's store takes them over, so `publisher serve` reads those links."""
    if ledger is None or not project_store_exists(project, ledger):
        return {}
    with open_project_store(project, ledger) as store:
        return {
            record.address: record.public_id
            for row in people
            if (record := store.subscriber(row.address)) is not None
            and record.consent_method == "list"
        }


def _send_source(project: Project, csv_file: Path | None) -> Any:
    """What `send` sends to: the CSV file when given, else the confirmed subscribers of the
    project's store (none while there is no store; a --ledger file holds only the ledger)."""
    from publisher.subscribers import Subscriber

    if csv_file is not None:
        return csv_file
    if not project_store_exists(project):
        return ()
    with open_project_store(project) as store:
        return tuple(
            Subscriber(
                address=person.address,
                name=person.name,
                sections=frozenset(person.sections),
                public_id=person.public_id,
            )
            for person in store.subscribers("confirmed")
        )


def _subject_of(subjects: tuple[str, ...]) -> str:
    if not subjects:
        return "no one to send to"
    return subjects[0] if len(subjects) == 1 else f"{len(subjects)} subjects by sections"


def _send_shared(
    settings: Settings,
    store: Store,
    outbox: Outbox,
    *,
    key: bytes,
    smtp: SmtpSettings,
    worker_only: bool,
    lease: float,
    yes: bool,
    rate: float | None,
    connections: int,
    domain_rates: dict[str, float],
    deadline: float | None,
) -> None:
    """`send` on a PostgreSQL store: the coordinator plans the release once, then it and
    any `send --worker` processes claim batches of deliveries under leases until none is
    left."""
    import os
    import socket
    import time

    from publisher.errors import PublisherError, SendError
    from publisher.send import (
        Outcome,
        SendPlan,
        SmtpConnection,
        WorkerMode,
        check_lease,
        deliver,
        summarize,
        utc_now,
        wait_until_planned,
    )

    check_lease(lease, smtp)
    version = outbox.release.version
    recipients = outbox.recipients(key)
    worker_id = f"{socket.gethostname()}:{os.getpid()}"
    stop_at = None if deadline is None else time.monotonic() + deadline
    with store.ledger() as opened:
        if worker_only:
            wait_until_planned(
                opened,
                version,
                stop_at=stop_at,
                on_wait=lambda: settings.say(
                    f"worker {worker_id}: waiting for release {version} to be planned"
                ),
            )
            settings.say(f"worker {worker_id}: release {version}, claiming deliveries")
        else:
            # No question when no one is left to send to (with no recipient at all, asking
            # about the first subject was an IndexError).
            sent = {row.address for row in opened.rows(version) if row.state == "sent"}
            waiting = sum(1 for recipient in recipients if recipient.key not in sent)
            if waiting and not yes:
                click.confirm(
                    f"Send “{_subject_of(outbox.subjects)}” to the {waiting} of "
                    f"{len(recipients)} subscriber(s) not sent yet via {smtp.describe()}?",
                    abort=True,
                )
            made = opened.plan_release(
                version,
                (recipient.key for recipient in recipients),
                planned_by=worker_id,
                now=utc_now(),
            )
            # Counted among this run's recipients: another list's sends of the same release
            # (sent rows of people not on this one) are no news about these.
            settings.say(
                f"release {version}: "
                + ("planned" if made else "already planned, joining")
                + f" ({len(recipients)} subscriber(s), {len(recipients) - waiting} of them "
                f"already sent); sending as {worker_id}"
            )
        plan = SendPlan(release=version, to_send=())
        mode = WorkerMode(
            worker=worker_id,
            recipients={recipient.key: recipient for recipient in recipients},
            # One claim (one transaction) per batch; a dead worker's unsent rows wait for
            # their lease to run out, so batches stay a few messages per connection.
            batch=max(8, 4 * connections),
            lease=lease,
            ledgers=store.ledger,
        )
        outcomes: list[Outcome] = []
        try:
            for outcome in deliver(
                plan,
                sender=outbox.sender,
                connection=SmtpConnection(smtp),
                ledger=opened,
                rate=rate,
                connections=connections,
                domain_rates=domain_rates,
                deadline=stop_at,
                worker=mode,
            ):
                outcomes.append(outcome)
                settings.detail(f"{outcome.state}: {outcome.address}: {outcome.reply}")
                if outcome.recipient_refused:
                    store.bounce_refused(outcome.address, outcome.reply, now=utc_now())
        except PublisherError:
            settings.say(f"stopped after sending {summarize(plan, outcomes).sent}")
            raise
    summary = summarize(plan, outcomes)
    settings.say(summary.worker_counts(worker_id))
    problems = summary.problems(deadline, handed_back=True)
    if problems:
        raise SendError(problems)


@main.command()
@click.argument("version", required=False)
@click.option(
    "--watch",
    is_flag=True,
    help="Show it again every --interval seconds until nothing is pending or sending.",
)
@click.option(
    "--interval",
    type=click.FloatRange(min=0.1),
    default=2.0,
    show_default=True,
    help="Seconds between two views with --watch.",
)
@ledger_option
@pass_settings
def deliveries(
    settings: Settings, version: str | None, watch: bool, interval: float, ledger: Path | None
) -> None:
    """Show the delivery ledger: how many messages of each release are in each state, and
    on a shared store per sender (worker) with its rate over the last minute (with -v, one
    line per address: state, tries, the server's last reply).

    \b
    Examples:
      publisher deliveries 2024.02
      publisher deliveries 2024.02 --watch      follow workers until the release is sent
      publisher -v deliveries
    """
    import datetime as dt
    import sys
    import time

    from publisher.delivery import PENDING, SENDING

    project = settings.project()
    if not project_store_exists(project, ledger):
        settings.say("no deliveries yet (no store yet)")
        return
    with open_project_store(project, ledger) as store, store.ledger() as opened:
        while True:
            counts = opened.counts(version)
            releases = sorted({release for release, _ in counts})
            minute_ago = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
            since = minute_ago.isoformat(timespec="seconds")
            progress = {release: opened.progress(release, since=since) for release in releases}
            rows = opened.rows(version) if settings.verbosity > 0 else ()
            if watch and sys.stdout.isatty():
                click.clear()
            _show_deliveries(settings, version, counts, releases, progress, rows)
            unfinished = sum(
                counts.get((release, state), 0)
                for release in releases
                for state in (PENDING, SENDING)
            )
            if not watch or (releases and not unfinished):
                return
            time.sleep(interval)
            settings.say("")


def _show_deliveries(
    settings: Settings,
    version: str | None,
    counts: dict[tuple[str, str], int],
    releases: list[str],
    progress: dict[str, tuple[WorkerProgress, ...]],
    rows: tuple[Delivery, ...],
) -> None:
    from publisher.delivery import SENT, STATES

    if not releases:
        settings.say(f"no deliveries{f' of {version}' if version else ''} yet")
        return
    width = max(len("release"), *map(len, releases))
    settings.say(f"{'release':<{width}}  " + "  ".join(f"{state:>8}" for state in STATES))
    for release_version in releases:
        cells = "  ".join(f"{counts.get((release_version, state), 0):>8}" for state in STATES)
        settings.say(f"{release_version:<{width}}  {cells}")
    for release_version in releases:
        senders = [line for line in progress[release_version] if line.worker]
        if not senders:
            continue  # a single sender on SQLite: nothing more to say
        name_width = max(len(line.worker) for line in senders)
        settings.say(f"{release_version} by sender (rate: messages per second, last minute)")
        for line in senders:
            cells = "  ".join(f"{line.counts.get(state, 0):>8}" for state in STATES)
            rate = line.sent_last_minute / 60
            settings.say(f"  worker {line.worker:<{name_width}}  {cells}  {rate:>6.1f}/s")
        total = sum(line.sent_last_minute for line in senders)
        sent = sum(line.counts.get(SENT, 0) for line in progress[release_version])
        settings.say(f"  all senders: {sent} sent, {total / 60:.1f} messages per second")
    for row in rows:
        settings.say(
            f"{row.release}  {row.address}  {row.state}  tries {row.attempts}  "
            f"{row.sent_at or row.updated_at}  {row.last_reply}"
        )


# --- store -------------------------------------------------------------------------------


@main.group("store", cls=PublisherGroup)
def store_group() -> None:
    """The store itself (subscribers, the delivery ledger, suppressions): see 'publisher
    subscribers' and 'publisher deliveries' for what is in it.

    \b
    Example:
      publisher store copy postgresql://news@db.example.org/news
    """


@store_group.command("copy")
@click.argument("target_url", metavar="DATABASE_URL")
@pass_settings
def store_copy(settings: Settings, target_url: str) -> None:
    """Copy the project's store (the SQLite default, or PUBLISHER_DATABASE_URL's) into the
    new, empty store at DATABASE_URL: every subscriber with their status, consent and public
    id (the links of emails already sent keep working), the suppression list, and the delivery
    ledger (a send there skips who already got a release). Then set PUBLISHER_DATABASE_URL to
    DATABASE_URL wherever publisher runs (serve, send, the workflow's secret). Stop serve and
    any send first: what they change meanwhile is not copied. The old store stays as it was,
    a backup: a command that still reaches it stops and names the copy.

    Ledger files of 'send --ledger FILE' are files of their own, one per newsletter, and do
    not move (merged into the store's ledger, one newsletter's sends would skip the other's
    readers): the copy names them, the new store remembers them for 'bounces', and 'send
    --ledger FILE' goes on using them as before (their readers' records did move).

    \b
    Example (from the SQLite default to PostgreSQL):
      publisher store copy postgresql://news@db.example.org/news
    """
    from publisher.delivery import describe_url, engine_url, is_ledger_file, open_store
    from publisher.errors import StoreError
    from publisher.send import utc_now

    project = settings.project()
    if not project_store_exists(project):
        raise StoreError("there is no store to copy yet (nothing was subscribed or sent)")
    target_engine_url = engine_url(target_url, project.state_dir, name="DATABASE_URL")
    with open_project_store(project, copied_ok=True) as store:
        if store.url == target_engine_url:
            raise StoreError(f"{describe_url(target_engine_url)}: is the project's store itself")
        with open_store(project.state_dir, target_url, now=utc_now()) as target:
            copied = store.copy_into(target)
            source_name, target_name = store.where, target.where
            ledger_files = store.ledger_files()
        # From now on the copy is the store: commands that still reach this one (a shell
        # without PUBLISHER_DATABASE_URL) stop and say where it went, rather than send to,
        # or record people in, a store that no longer sees unsubscribes.
        store.mark_moved(target_name, now=utc_now())
    settings.say(
        f"copied {copied['subscribers']} subscriber(s), {copied['suppressions']} "
        f"suppression(s), {copied['deliveries']} delivery row(s) and "
        f"{copied['send_plans']} send plan(s) from {source_name} to {target_name}: set "
        "PUBLISHER_DATABASE_URL to it wherever publisher runs"
    )
    for path in ledger_files:
        settings.say(
            f"not copied: {path}, a ledger file of 'send --ledger' "
            + (
                f"({_ledger_rows(project, path)} delivery row(s)): it stays where it is; keep "
                "giving 'send --ledger' that file (the new store remembers it for 'bounces')"
                if is_ledger_file(path)
                else "(gone from this machine)"
                if not path.is_file()
                else "(no longer a ledger file: not read)"
            )
        )


def _ledger_rows(project: Project, path: Path) -> int:
    """The delivery rows of the ledger file at ``path``."""
    with open_project_store(project, path) as ledger_store, ledger_store.ledger() as ledger:
        return sum(ledger.counts().values())


# --- ci ----------------------------------------------------------------------------------


@main.group()
def ci() -> None:
    """Continuous publishing: write the workflow that builds, deploys and sends.

    \b
    Example:
      publisher ci github --readme README.md
    """


@ci.command("github")
@click.option("--branch", default="main", show_default=True, help="The default branch.")
@click.option(
    "--readme",
    default="",
    help="README-first: 'publisher sync' this markdown file on every push (else 'validate').",
)
@click.option("--python", "python_version", default="3.12", show_default=True)
@click.option(
    "--install",
    default="roadmap-publisher",
    show_default=True,
    help="What pip installs in the workflow (a requirement, e.g. 'roadmap-publisher==0.1.0').",
)
@click.option("--force", is_flag=True, help="Overwrite a workflow that differs.")
@pass_settings
def ci_github(
    settings: Settings,
    branch: str,
    readme: str,
    python_version: str,
    install: str,
    force: bool,
) -> None:
    """Write .github/workflows/publish.yml for GitHub Actions.

    On every push to the default branch: install, sync the README (--readme) or validate,
    build, commit what the build made, deploy the output to GitHub Pages (the official
    Pages actions); when the push brought a new release, send its email in a job guarded by
    the 'email' environment (add required reviewers to it: each send waits for approval).
    SMTP settings and the subscriber list come from repository secrets.

    \b
    Examples:
      publisher ci github
      publisher ci github --readme README.md --branch master
    """
    from publisher.errors import PublisherError
    from publisher.output import write_file
    from publisher.workflow import WORKFLOW_PATH, WorkflowOptions, render_workflow

    project = settings.project()
    text = render_workflow(
        WorkflowOptions(branch=branch, readme=readme, python=python_version, install=install)
    )
    path = project.root / WORKFLOW_PATH
    if path.exists() and not force and path.read_bytes() != text.encode("utf-8"):
        raise PublisherError(
            f"{project.label(path)}: exists and differs from what these options write "
            "(written with other options, or edited by hand): --force overwrites it"
        )
    changed = write_file(path, text)
    settings.say(f"{'wrote' if changed else 'unchanged:'} {project.label(path)}")


# --- preview ---------------------------------------------------------------------------


@main.command()
@port_option
@host_option("The address to listen on; anything but loopback shows the preview to the network.")
@pass_settings
def preview(settings: Settings, port: int, host: str) -> None:
    """Serve the site, every release's email and the pending changes; rebuild on change.

    Builds the project as 'publisher build' does, then serves the output folder, each
    release's email (HTML at phone and desktop widths, and the text part) and the working
    copy's changes against the latest release as the next email and changelog entry.
    Any change under data/ or templates/ rebuilds, and open pages reload. A build that
    fails shows its problems (file and line) on every page; the server keeps running.
    Ctrl-C stops it.

    \b
    Examples:
      publisher preview
      publisher preview --port 8001
    """
    import threading

    from publisher.preview import Preview, PreviewServer, is_loopback

    project = settings.project()
    preview_site = Preview(project, today=_day(None, "--date"))
    if not is_loopback(host):
        settings.warn(f"listening on {host}: the preview is visible to other machines")
    try:
        server = PreviewServer(preview_site, host, port)
    except OSError as error:
        from publisher.errors import PublisherError

        raise PublisherError(f"{host}:{port}: cannot listen: {error.strerror}") from None

    def report(state: Any) -> None:
        if state.problems:
            for problem in state.problems:
                settings.warn(problem)
        else:
            settings.say(f"rebuilt (build {state.generation})")

    watcher = threading.Thread(target=preview_site.watch, args=(report,), daemon=True)
    watcher.start()
    # Build once the watcher runs, so that no change made meanwhile goes unseen.
    preview_site.watching.wait(timeout=30)
    report(preview_site.rebuild())
    settings.say(f"Preview on {server.url} (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        settings.say("stopped")
    finally:
        preview_site.stop()
        server.server_close()


# --- subscribers, bounces, serve -----------------------------------------------------------


def _known_sections(project: Project) -> frozenset[str]:
    from publisher.mail import section_ids
    from publisher.release_history import iter_snapshots

    return section_ids(iter_snapshots(project, cache_dir=project.cache_dir))


def _sections_option_value(project: Project, text: str) -> tuple[str, ...]:
    from publisher.errors import DataError, Problem
    from publisher.subscribers import match_section_ids

    names = (part.strip() for part in text.split(";") if part.strip())
    sections, unknown = match_section_ids(names, _known_sections(project) if text else ())
    if unknown:
        raise DataError(
            [Problem(key="--sections", message=f"unknown section id {name!r}") for name in unknown]
        )
    return tuple(sorted(sections))


@main.group("subscribers", cls=PublisherGroup)
def subscribers_group() -> None:
    """The subscriber store, for maintainers: list, add, remove, import, export, forget.

    \b
    Statuses: pending (asked, not confirmed yet), confirmed (gets the emails), listed (a
    reader of a list 'send --subscribers FILE' sent to: gets that list's emails only),
    unsubscribed, bounced, complained. 'send' alone sends to confirmed subscribers only.

    \b
    Examples:
      publisher subscribers list --status confirmed
      publisher subscribers add ann@example.org --name Ann --confirmed
      publisher subscribers import old-list.csv --confirmed
      publisher subscribers export backup.csv
      publisher subscribers forget ann@example.org
    """


@subscribers_group.command("list")
@click.option(
    "--status",
    type=click.Choice(["pending", "confirmed", "listed", "unsubscribed", "bounced", "complained"]),
    help="Only subscribers with this status.",
)
@pass_settings
def subscribers_list(settings: Settings, status: str | None) -> None:
    """List subscribers: address, status, sections (empty: all), how and when they consented.

    \b
    Example:
      publisher subscribers list --status pending
    """
    project = settings.project()
    with open_project_store(project) as store:
        people = store.subscribers(status)
        counts = store.status_counts()
    for person in people:
        sections = ";".join(person.sections) or "all"
        settings.say(
            f"{person.address}  {person.status}  {sections}  "
            f"{person.consent_method} {person.consent_at}"
            + (f"  confirmed {person.confirmed_at}" if person.confirmed_at else "")
        )
    summary = ", ".join(f"{count} {name}" for name, count in sorted(counts.items()))
    # With --status, the count of the rows shown first: the totals alone read as theirs.
    shown = f"{len(people)} {status} of " if status is not None else ""
    settings.say(f"{shown}{sum(counts.values())} subscriber(s){': ' + summary if summary else ''}")


@subscribers_group.command("add")
@click.argument("address")
@click.option("--name", default="", help="The person's name (for the To: line).")
@click.option("--sections", default="", help="Section ids to follow, 'a;b' (default: all).")
@click.option(
    "--confirmed",
    is_flag=True,
    help="They already agreed (e.g. in person): confirmed at once, or confirms them when they "
    "are pending (default: pending, which is never sent to; no confirmation email is sent).",
)
@pass_settings
def subscribers_add(
    settings: Settings, address: str, name: str, sections: str, confirmed: bool
) -> None:
    """Add one subscriber (consent recorded as given on the command line).

    \b
    Example:
      publisher subscribers add ann@example.org --name "Ann Lee" --sections "mlops" --confirmed
    """
    from publisher.delivery import NewSubscriber
    from publisher.errors import DataError, Problem
    from publisher.send import utc_now
    from publisher.subscribers import address_problem, name_problem

    project = settings.project()
    if problem := address_problem(address.strip()):
        raise DataError([Problem(message=problem)])
    if problem := name_problem(name):
        raise DataError([Problem(key="--name", message=problem)])
    chosen = _sections_option_value(project, sections)
    now = utc_now()
    with open_project_store(project) as store:
        before = store.subscriber(address.strip())
        # A pending subscriber whose confirmation email went astray, or a list's reader: the
        # maintainer's word that they agreed confirms them (their record otherwise stays).
        report = store.add_subscribers(
            [NewSubscriber(address=address.strip(), name=name.strip(), sections=chosen)],
            method="cli",
            source="publisher subscribers add",
            confirmed=confirmed,
            now=now,
        )
    if report.confirmed and before is not None:
        was = "pending" if before.status == "pending" else "a list recipient"
        settings.say(f"confirmed {report.confirmed[0]} (was {was})")
        return
    if report.suppressed:
        raise DataError(
            [Problem(message=f"{address}: was forgotten at their request (suppression list)")]
        )
    if report.present:
        raise DataError([Problem(message=f"{address}: already in the store (see 'list')")])
    if confirmed:
        settings.say(f"added {report.added[0]} (confirmed)")
    else:
        settings.say(
            f"added {report.added[0]} (pending: never sent to, and no confirmation email is "
            "sent; they confirm by subscribing on the form of 'publisher serve')"
        )


@subscribers_group.command("remove")
@click.argument("addresses", nargs=-1, required=True)
@pass_settings
def subscribers_remove(settings: Settings, addresses: tuple[str, ...]) -> None:
    """Unsubscribe people (their record stays, as the proof of consent and of leaving; use
    'forget' to erase it).

    \b
    Example:
      publisher subscribers remove ann@example.org
    """
    from publisher.errors import NotFoundError
    from publisher.send import utc_now

    project = settings.project()
    with open_project_store(project) as store:
        missing = [address for address in addresses if store.subscriber(address) is None]
        if missing:
            raise NotFoundError(", ".join(missing) + ": not in the store")
        changed = store.set_status(
            addresses, "unsubscribed", reason="removed by a maintainer", now=utc_now()
        )
    for address in changed:
        settings.say(f"unsubscribed {address}")
    settings.say(f"{len(changed)} unsubscribed, {len(addresses) - len(changed)} already were")


@subscribers_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--confirmed",
    is_flag=True,
    help="They opted in elsewhere: confirmed at once (default: pending, not sent to).",
)
@pass_settings
def subscribers_import(settings: Settings, file: Path, confirmed: bool) -> None:
    """Import a CSV file (email,name,sections; sections 'a;b', empty = all). People already
    in the store keep their record and status (who unsubscribed or bounced stays so; with
    --confirmed, pending people and a list's readers are confirmed); forgotten people are
    skipped.

    \b
    Example:
      publisher subscribers import subscribers.csv --confirmed
    """
    from publisher.delivery import NewSubscriber
    from publisher.send import utc_now
    from publisher.subscribers import read_subscribers

    project = settings.project()
    label = project.label(file)
    people = read_subscribers(file, label=label, known_sections=_known_sections(project))
    with open_project_store(project) as store:
        report = store.add_subscribers(
            [
                NewSubscriber(
                    address=person.address, name=person.name, sections=tuple(person.sections)
                )
                for person in people
            ],
            method="import",
            source=f"import of {file.name}",
            confirmed=confirmed,
            now=utc_now(),
        )
    for address in report.suppressed:
        settings.warn(f"{address}: skipped, forgotten at their request (suppression list)")
    settings.say(
        f"imported {len(report.added)} ({'confirmed' if confirmed else 'pending'}), "
        f"{len(report.present)} already in the store"
        + (
            f" ({len(report.confirmed)} pending or list recipients confirmed now)"
            if report.confirmed
            else ""
        )
        + f", {len(report.suppressed)} suppressed"
    )


@subscribers_group.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.option(
    "--status",
    type=click.Choice(
        ["pending", "confirmed", "listed", "unsubscribed", "bounced", "complained", "all"]
    ),
    default="confirmed",
    show_default=True,
    help="Which subscribers.",
)
@pass_settings
def subscribers_export(settings: Settings, file: Path | None, status: str) -> None:
    """Write subscribers as CSV (email,name,sections: what 'import' and 'send --subscribers'
    read) to FILE, or to standard output. Keep such a file out of git.

    \b
    Example:
      publisher subscribers export backup.csv
    """
    from publisher.output import write_files
    from publisher.subscribers import subscribers_csv

    project = settings.project()
    with open_project_store(project) as store:
        people = store.subscribers(None if status == "all" else status)
    # Cells a spreadsheet would run as formulas are written as text (see subscribers_csv).
    text = subscribers_csv((person.address, person.name, person.sections) for person in people)
    if file is None:
        click.echo(text, nl=False)
        return
    write_files({file: text})
    settings.say(f"wrote {len(people)} subscriber(s) to {file}")


@subscribers_group.command("forget")
@click.argument("address")
@pass_settings
def subscribers_forget(settings: Settings, address: str) -> None:
    """Erase a person at their request: their subscriber record and delivery history, in the
    store and in the ledger files 'send --ledger' used (remembered in the store). A salted
    hash of the address stays on a suppression list, so no import brings them back.

    \b
    Example:
      publisher subscribers forget ann@example.org
    """
    from publisher.delivery import is_ledger_file
    from publisher.errors import DataError, Problem
    from publisher.send import utc_now

    project = settings.project()
    with open_project_store(project) as store:
        files = [path for path in store.ledger_files() if path.is_file()]
        # Looked at read-only before anything is erased, as `bounces` does: opened as a
        # store, another file put at that path would be migrated (changed), and one that is
        # no database, or that cannot be written, would fail after the store's erasure,
        # leaving it half done.
        problems = []
        for path in files:
            if not is_ledger_file(path):
                why = (
                    "is no longer a ledger file (a SQLite file with a deliveries table); nothing "
                    "was erased: put the ledger back, or move this file away (a ledger file "
                    "that is gone is skipped)"
                )
            elif not _writable(path):
                why = (
                    "cannot be written (read-only, or its folder is); nothing was erased: make "
                    "it writable and run forget again"
                )
            else:
                continue
            problems.append(
                Problem(path=str(path), message=f"the ledger file 'send --ledger' used {why}")
            )
        if problems:
            raise DataError(problems)
        people, deliveries_deleted = store.forget(address, now=utc_now())
    # A ledger file of `send --ledger` holds their deliveries too (and, written by an
    # earlier version, a list's records): erased alike, or the erasure would be partial.
    in_files = 0
    for path in files:
        with open_project_store(project, path) as file_store:
            file_people, file_rows = file_store.forget(address, now=utc_now())
        people += file_people
        in_files += file_rows
    settings.say(
        f"forgot {address.strip().lower()}: {people} subscriber record(s), "
        f"{deliveries_deleted + in_files} delivery row(s) deleted"
        + (f" ({in_files} of them in ledger files of 'send --ledger')" if in_files else "")
        + "; suppressed from future imports"
    )


def _writable(path: Path) -> bool:
    """Whether SQLite can write the file at ``path``: the file, and its folder (for the
    journal it writes beside it)."""
    import os

    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


# Who a bounce can still mark: a list's readers (`send --subscribers`) are mailed too.
_STILL_MAILED = ("pending", "confirmed", "listed")
# Whom a spam complaint marks: everyone but who already complained (see `bounces`).
_COMPLAINABLE = ("pending", "confirmed", "listed", "unsubscribed", "bounced")


def _complained_record(
    store: Store, complaint: Complaint, keys: tuple[bytes, ...]
) -> SubscriberRecord | None:
    """The store's record a spam complaint is about: by an unsubscribe token of the reported
    email (a list's keyed hash, or a manage token checked with the secret keys), else by the
    recipient address the report gives (providers often redact it)."""
    from publisher.delivery.tokens import LIST_TOKEN, read_manage_token

    for token in complaint.tokens:
        record = None
        if LIST_TOKEN.fullmatch(token):
            record = store.subscriber(list_token=token)
        elif keys and (public_id := read_manage_token(keys, token)):
            record = store.subscriber(public_id=public_id)
        if record is not None:
            return record
    for address in complaint.addresses:
        if (record := store.subscriber(address)) is not None:
            return record
    return None


def _mailed(
    store: Store, ledger_files: Sequence[Path], project: Project, addresses: Iterable[str]
) -> frozenset[str]:
    """Those of ``addresses`` a send wrote to: a row in the store's ledger or in one of
    ``ledger_files`` (`send --ledger`; read only when it exists)."""
    wanted = frozenset(addresses)
    if not wanted:
        return frozenset()
    found = set(store.mailed(wanted))
    for path in ledger_files:
        with open_project_store(project, path) as ledger_store:
            found |= ledger_store.mailed(wanted - found)
    return frozenset(found)


@main.command()
@click.argument("mailbox_path", metavar="MAILBOX", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Report what would change; change nothing.")
@click.option(
    "--ledger",
    "ledgers",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A ledger file 'send --ledger' wrote to, to read who was mailed from it as well "
    "(repeatable). Not needed for the files send remembered in the store (every one it used "
    "since it remembers them); needed for older ones.",
)
@pass_settings
def bounces(
    settings: Settings, mailbox_path: Path, dry_run: bool, ledgers: tuple[Path, ...]
) -> None:
    """Read delivery status notifications (RFC 3464) and spam complaints (ARF feedback
    reports, RFC 5965) from MAILBOX (an mbox file, a Maildir folder, or one message saved as
    .eml). Addresses that failed permanently (5.x.x) are marked bounced; temporary failures
    are reported and left alone. Whoever reported an email as spam (Feedback-Type: abuse) is
    marked complained, found by the unsubscribe token of the reported email or its recipient
    (PUBLISHER_SECRET_KEY, and PUBLISHER_PREVIOUS_SECRET_KEYS after a change of key, read the
    tokens of the store's subscribers). Neither is mailed
    again. An address with no record that a send mailed (its ledger, or a ledger file of
    'send --ledger') is recorded bounced or complained, so no list's send mails it again.
    The reports come back to the emails' From address (site.yaml: email.from).

    \b
    Examples:
      publisher bounces ~/Mail/bounces --dry-run
      publisher bounces /var/mail/roadmap
      publisher bounces ~/Downloads/undelivered.eml
      publisher bounces ~/Mail/bounces --ledger weekly-ledger.sqlite
    """
    import os

    from publisher.delivery import is_ledger_file
    from publisher.delivery.bounces import read_bounces
    from publisher.errors import DataError, NotFoundError, Problem, StoreError
    from publisher.keys import secret_key, verification_keys
    from publisher.load import load_site_of
    from publisher.send import utc_now

    project = settings.project()
    for ledger in ledgers:
        if not ledger.is_file():
            raise NotFoundError(f"{ledger}: no such ledger file")
        if not is_ledger_file(ledger):
            # Opened as a store, it would be migrated: a wrong file given changed, even in a
            # dry run, and read as a ledger of no one.
            raise DataError(
                [
                    Problem(
                        path=str(ledger),
                        message="not a ledger file of 'send --ledger' (a SQLite file with a "
                        "deliveries table); nothing was read or changed",
                    )
                ]
            )
    if not project_store_exists(project):
        # Opening would make an empty store and call every address unknown: most likely
        # the sends went to another store (the workflow's PostgreSQL, say).
        raise StoreError(
            f"{project.state_dir / 'publisher.sqlite'}: there is no store here yet (nothing "
            "was subscribed or sent from this machine); if send ran against PostgreSQL, set "
            "PUBLISHER_DATABASE_URL to that database as send had it"
        )
    # Reported emails may be older than the current key: earlier ones read their tokens too.
    keys = verification_keys(os.environ) if secret_key(os.environ, required=False) else ()
    template = load_site_of(project).email.unsubscribe_url
    report = read_bounces(mailbox_path, label=str(mailbox_path), template=template)
    found = report.bounces
    abuse = [complaint for complaint in report.complaints if complaint.abuse]
    permanent = sorted({bounce.address: bounce for bounce in found if bounce.permanent}.items())
    temporary = sorted({b.address for b in found if not b.permanent and b.action == "delayed"})
    with open_project_store(project) as store:
        # Each complaint's record, once per person (a report may come twice).
        complained: dict[str, tuple[SubscriberRecord, Complaint]] = {}
        unknown: list[Complaint] = []
        for complaint in abuse:
            record = _complained_record(store, complaint, keys)
            if record is None:
                unknown.append(complaint)
            else:
                complained.setdefault(record.address, (record, complaint))
        # A complaint means never mail again, whatever the status: pending, a list's reader,
        # and someone who unsubscribed or bounced before it arrived are marked alike (they
        # would otherwise be mailed again on a new subscription, a list's send or a fix of
        # their mailbox). Only who already complained is left as they are.
        to_complain = [
            address
            for address, (record, _) in sorted(complained.items())
            if record.status != "complained"
        ]
        # No record, but mailed (the ledger has a row: a list sent before the store recorded
        # lists): recorded as complained, so no later send of that list mails them. An
        # address we never wrote to (a provider's redacted one) is not recorded.
        named = {
            address: complaint
            for complaint in unknown
            for address in complaint.addresses
            if address not in complained
        }
        # Who a send mailed is in the store's ledger or in a ledger file of `send --ledger`.
        files = dict.fromkeys(path.resolve() for path in (*ledgers, *store.ledger_files()))
        sources = [path for path in files if path.is_file() and is_ledger_file(path)]
        for path in files:
            if path not in sources:
                settings.warn(
                    f"{path}: the ledger file send used is "
                    + ("no longer a ledger" if path.is_file() else "gone")
                    + "; not read"
                )
        unrecorded = {bounce.address for _, bounce in permanent} | set(named)
        unrecorded = {
            address
            for address in unrecorded
            if store.subscriber(address) is None and not store.is_suppressed(address)
        }
        mailed = _mailed(store, sources, project, unrecorded)
        to_record = sorted(address for address in mailed if address in named)
        unfound = [
            complaint
            for complaint in unknown
            if not any(address in to_record for address in complaint.addresses)
        ]
        known = {
            address: record
            for address, _ in permanent
            if (record := store.subscriber(address)) is not None
        }
        # Bounced, no record, but mailed: recorded bounced, as a complaint is (it outranks).
        to_record_bounced = [
            address for address, _ in permanent if address in mailed and address not in named
        ]
        # A complaint outranks a bounce: whoever reported spam is marked complained.
        to_mark = [
            address
            for address in known
            if known[address].status in _STILL_MAILED
            and address not in to_complain
            and address not in to_record
        ]
        if not dry_run:
            for address in to_complain:
                complaint = complained[address][1]
                reason = f"complaint ({complaint.feedback_type}) {complaint.user_agent}"
                store.set_status(
                    [address],
                    "complained",
                    reason=reason.strip()[:500],
                    now=utc_now(),
                    only_from=_COMPLAINABLE,
                )
            for address in to_record:
                complaint = named[address]
                reason = f"complaint ({complaint.feedback_type}) {complaint.user_agent}"
                store.record_left(
                    [address],
                    "complained",
                    reason=reason.strip()[:500],
                    source=f"bounces {mailbox_path.name}",
                    now=utc_now(),
                )
            reasons: dict[str, list[str]] = {}
            for address in to_mark:
                bounce = dict(permanent)[address]
                reason = f"bounce {bounce.status} {bounce.diagnostic}".strip()
                reasons.setdefault(reason, []).append(address)
            for reason, addresses in reasons.items():
                store.set_status(
                    addresses,
                    "bounced",
                    reason=reason[:500],
                    now=utc_now(),
                    only_from=_STILL_MAILED,
                )
            for address in to_record_bounced:
                bounce = dict(permanent)[address]
                store.record_left(
                    [address],
                    "bounced",
                    reason=f"bounce {bounce.status} {bounce.diagnostic}".strip()[:500],
                    source=f"bounces {mailbox_path.name}",
                    now=utc_now(),
                )
    verb = "would mark" if dry_run else "marked"
    for address in to_complain:
        record, complaint = complained[address]
        agent = complaint.user_agent
        settings.say(
            f"{verb} complained: {address} (spam complaint{', ' + agent if agent else ''}; "
            f"was {record.status})"
        )
    for address in to_record:
        settings.say(
            f"{'would record' if dry_run else 'recorded'} complained: {address} (spam "
            "complaint; mailed by an earlier send but not in the store)"
        )
    already = [address for address, (record, _) in complained.items() if address not in to_complain]
    for address in sorted(already):
        settings.detail(f"complaint, already complained: {address}")
    for complaint in unfound:
        named_text = ", ".join(complaint.addresses) or "no recipient address, no token known here"
        hint = (
            " (set PUBLISHER_SECRET_KEY to read its unsubscribe token)"
            if not keys and complaint.tokens
            else ""
        )
        settings.detail(f"complaint about someone not in the store: {named_text}{hint}")
    for complaint in report.complaints:
        if not complaint.abuse:
            settings.detail(
                f"feedback report '{complaint.feedback_type}' (left alone): "
                + (", ".join(complaint.addresses) or "no recipient address")
            )
    for address in to_mark:
        settings.say(f"{verb} bounced: {address} ({dict(permanent)[address].status})")
    for address in to_record_bounced:
        settings.say(
            f"{'would record' if dry_run else 'recorded'} bounced: {address} "
            f"({dict(permanent)[address].status}; mailed by an earlier send but not in the store)"
        )
    for address, _ in permanent:
        if address in to_record_bounced:
            continue
        if address not in known:
            settings.detail(f"not in the store: {address}")
        elif address not in to_mark:
            settings.detail(f"already {known[address].status}: {address}")
    for address in temporary:
        settings.detail(f"delayed only (left alone): {address}")
    was: dict[str, int] = {}
    for address in to_complain:
        status = complained[address][0].status
        was[status] = was.get(status, 0) + 1
    complaints = f"{len(abuse)} spam complaint(s): {len(to_complain)} {verb} complained" + (
        " (was " + ", ".join(f"{status} {count}" for status, count in sorted(was.items())) + ")"
        if was
        else ""
    )
    if to_record:
        complaints += (
            f", {len(to_record)} {'would record' if dry_run else 'recorded'} complained "
            "(mailed, not in the store)"
        )
    if already:
        complaints += f", {len(already)} already complained"
    if unfound:
        complaints += f", {len(unfound)} about no one in the store"
    bounced_text = f"{len(to_mark)} {verb} bounced, "
    if to_record_bounced:
        bounced_text += (
            f"{len(to_record_bounced)} {'would record' if dry_run else 'recorded'} bounced "
            "(mailed, not in the store), "
        )
    settings.say(
        f"{report.messages} message(s), {len(found)} report(s): {bounced_text}"
        f"{len(permanent) - len(to_mark) - len(to_record_bounced)} permanent failure(s) not "
        f"in the store or already off the list, {len(temporary)} temporary; {complaints}"
        + (" (dry run: nothing changed)" if dry_run else "")
    )


@main.command()
@host_option("Address to listen on.")
@port_option
@click.option(
    "--public-url",
    help="Where people reach the service (default: site.yaml's subscribe_url, without its "
    "path's last part; else http://HOST:PORT/).",
)
@pass_settings
def serve(settings: Settings, host: str, port: int, public_url: str | None) -> None:
    """Run the subscription service: subscribe (double opt-in), confirm, preferences and
    one-click unsubscribe (RFC 8058), over the store.

    Needs PUBLISHER_SECRET_KEY (signs the links) and PUBLISHER_SMTP_URL (+ _PASSWORD) for the
    confirmation emails. After a change of key, list the old one(s) in
    PUBLISHER_PREVIOUS_SECRET_KEYS: links of emails already sent keep working. Put it behind a
    reverse proxy that terminates TLS (see README).

    \b
    Example:
      PUBLISHER_SECRET_KEY=… PUBLISHER_SMTP_URL=smtp://me@mail.example.org:587?starttls=1 \\
      publisher serve --port 8000
    """
    import os
    import socket

    import uvicorn

    from publisher.delivery.web import Mailer, ServiceSettings, create_app
    from publisher.errors import PublisherError
    from publisher.keys import verification_keys
    from publisher.load import load_site_of, require_sender
    from publisher.release_history import iter_snapshots
    from publisher.render import template_environment, template_source
    from publisher.send import parse_smtp_url, send_one

    project = settings.project()
    site = load_site_of(project)
    # The current key signs; earlier ones (PUBLISHER_PREVIOUS_SECRET_KEYS) still verify.
    keys = verification_keys(os.environ)
    require_sender(project, site, "send confirmation emails")
    smtp = parse_smtp_url(
        os.environ.get("PUBLISHER_SMTP_URL", ""),
        password=os.environ.get("PUBLISHER_SMTP_PASSWORD", ""),
    )
    # Bound before anything starts, so a port in use is one clear error (uvicorn only logged
    # it, after "serving …" was printed), and --port 0 names the port it got.
    try:
        listener = socket.create_server(
            (host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET
        )
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else str(error)
        raise PublisherError(f"{host}:{port}: cannot listen: {reason}") from None
    port = listener.getsockname()[1]
    # Confirmation links lead to serve itself: only the sender matters here.
    _warn_of_example_settings(
        settings, project, site, "confirmation emails", only=("email.from", "email.reply_to")
    )
    latest = None
    for snapshot in iter_snapshots(project, cache_dir=project.cache_dir):
        latest = snapshot
    sections = (
        tuple((section.id, section.title) for section in latest.roadmap.sections)
        if latest is not None
        else ()
    )
    root = public_url or service_root(site.subscribe_url) or f"http://{host}:{port}/"
    if not root.endswith("/"):
        root += "/"
    environment = template_environment(project.templates_dir)
    css = "\n".join(
        template_source(environment, name) for name in ("page/page.css", "serve/serve.css")
    )
    store = open_project_store(project)
    mailer = Mailer(
        deliver=lambda recipient, data: send_one(smtp, site.email.from_address, recipient, data)
    )
    mailer.start()
    app = create_app(
        store,
        ServiceSettings(site=site, sections=sections, keys=keys, public_url=root, css=css),
        environment,
        mailer=mailer,
    )
    settings.say(
        f"listening on http://{host}:{port}/ for {root} (store: {store.where}); Ctrl-C stops"
    )
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", proxy_headers=True)
    try:
        uvicorn.Server(config).run(sockets=[listener])
    finally:
        listener.close()
        mailer.stop()
        store.close()


def service_root(subscribe_url: str) -> str:
    """The service's base URL from site.yaml's subscribe_url (``…/subscribe`` → ``…/``)."""
    if not subscribe_url:
        return ""
    return subscribe_url.rsplit("/", 1)[0] + "/"
