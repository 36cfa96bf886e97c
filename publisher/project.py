"""Where a project's files are: the folders and file names of a project, and finding them.

Loading is separate (`publisher.load`), so commands read only the files they need.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from publisher.errors import NotFoundError

DATA_DIR = "data"
SITE_FILE = "site.yaml"
WORKING_FILE = "roadmap.yaml"
RELEASES_DIR = "releases"
STATE_DIR = ".publisher"
CACHE_DIR = "cache"
STORE_FILE = "publisher.sqlite"  # the SQLite store: ledger, subscribers (publisher.delivery)


@dataclass(frozen=True, slots=True, kw_only=True)
class Project:
    """Where a project's files are. Loading is separate, so commands read only what they need."""

    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / DATA_DIR

    @property
    def site_path(self) -> Path:
        return self.data_dir / SITE_FILE

    @property
    def working_path(self) -> Path:
        return self.data_dir / WORKING_FILE

    @property
    def releases_dir(self) -> Path:
        return self.data_dir / RELEASES_DIR

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    @property
    def cache_dir(self) -> Path:
        """Where caches live (.publisher/cache): safe to delete, rebuilt on the next build."""
        return self.state_dir / CACHE_DIR

    def label(self, path: Path) -> str:
        """How a file is named in messages: relative to the project when inside it."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


def open_project(root: Path) -> Project:
    """The project in ``root``; raises NotFoundError when it has no data/ folder."""
    project = Project(root=root)
    if not project.data_dir.is_dir():
        raise NotFoundError(
            f"{root}: no {DATA_DIR}/ folder here (start one with 'publisher init DIR', "
            "or point --project at an existing project)"
        )
    return project


def find_project_root(start: Path) -> Path | None:
    """The nearest folder, ``start`` or above it, holding data/site.yaml (as git finds its
    repository), relative to ``start`` ("." or "..", "../.." …); None when there is none."""
    here = start.resolve()
    for depth, folder in enumerate((here, *here.parents)):
        if (folder / DATA_DIR / SITE_FILE).is_file():
            return Path(*([".."] * depth)) if depth else Path()
    return None


def release_files(project: Project) -> list[Path]:
    """The release files of a project, in no particular order."""
    if not project.releases_dir.is_dir():
        return []
    return [
        path
        for path in project.releases_dir.iterdir()
        if path.suffix in (".yaml", ".yml") and path.is_file()
    ]
