"""The corpus of real READMEs (tests/fixtures/real/) and how an import is scored against it.

Each list is a folder with SOURCE.yaml (repository, path, commit of each version, optional
base_url for relative links, optional ``html_links: true`` for a list written in HTML, its
resources raw HTML link lines: see `publisher.importer.import_markdown`) and, per version,
``VERSION.md`` (the README as stored, or an excerpt cut at headings) and
``VERSION.truth.yaml``: the resources a careful reader lists, written by hand from the
markdown (``s``: section path, SECTION_SEPARATOR between levels, "" for none; ``t``: title;
``u``: URL, absent for a resource without one).

Shared by tests/test_real_corpus.py and bench/fidelity.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from publisher.importer import import_markdown
from publisher.model import Roadmap, normalize_url

CORPUS = Path(__file__).resolve().parent / "fixtures" / "real"
SECTION_SEPARATOR = " \u203a "  # a right-pointing angle quote
# Resources outside any heading: the importer files them under a section of its own.
_ORPHAN_SECTION = ("resources",)
# A heading of that title in the markdown (ATX or setext): its section is the author's, and
# resources the importer files under it are misplaced, not outside any heading.
_RESOURCES_HEADING = re.compile(
    r"^ {0,3}(?:#{1,6}[ \t]+resources[ \t]*#*[ \t]*|resources[ \t]*\n {0,3}(?:=+|-+)[ \t]*)$",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class TruthResource:
    """One resource of a truth file."""

    section: tuple[str, ...]
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Version:
    """One version of one list of the corpus."""

    name: str  # list/version
    markdown: Path
    truth: Path
    base_url: str
    commit: str
    html_links: bool = False


@dataclass(frozen=True, slots=True)
class Score:
    """How an import compares with a truth file."""

    expected: int
    found: int
    matched: int
    same_section: int
    same_title: int  # matched resources whose title reads as the truth's (`_words`)
    missing: tuple[TruthResource, ...]
    extra: tuple[TruthResource, ...]
    misplaced: tuple[tuple[TruthResource, tuple[str, ...]], ...]

    @property
    def precision(self) -> float:
        """Share of imported resources a careful reader lists too."""
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """Share of the careful reader's resources the import finds."""
        return self.matched / self.expected if self.expected else 1.0

    @property
    def section_accuracy(self) -> float:
        """Share of matched resources filed under the same section path."""
        return self.same_section / self.matched if self.matched else 1.0

    @property
    def title_accuracy(self) -> float:
        """Share of matched resources whose title is the careful reader's, compared loosely
        (letters and digits, any case: emoji and punctuation are not the title's words)."""
        return self.same_title / self.matched if self.matched else 1.0


def versions() -> list[Version]:
    """Every version of every list, in order (lists by name, versions by file name)."""
    found = []
    for source in sorted(CORPUS.glob("*/SOURCE.yaml")):
        meta = yaml.safe_load(source.read_text(encoding="utf-8"))
        for version, details in sorted(meta["versions"].items()):
            found.append(
                Version(
                    name=f"{source.parent.name}/{version}",
                    markdown=source.parent / f"{version}.md",
                    truth=source.parent / f"{version}.truth.yaml",
                    base_url=meta.get("base_url", ""),
                    commit=details.get("commit") or f"stored:{details['stored_id']}",
                    html_links=bool(meta.get("html_links", False)),
                )
            )
    return found


def read_truth(path: Path) -> list[TruthResource]:
    """The resources of a truth file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        TruthResource(
            section=tuple(part for part in str(entry["s"]).split(SECTION_SEPARATOR) if part),
            title=str(entry["t"]),
            url=str(entry.get("u") or ""),
        )
        for entry in data["resources"]
    ]


def import_options(version: Version) -> list[str]:
    """The `publisher import` / `import-history` options a list's SOURCE.yaml settings ask."""
    return [
        *(["--base-url", version.base_url] if version.base_url else []),
        *(["--html-links"] if version.html_links else []),
    ]


def imported(version: Version) -> Roadmap:
    """The road map the importer reads from a version's markdown."""
    text = version.markdown.read_text(encoding="utf-8")
    return import_markdown(
        text, str(version.markdown), base_url=version.base_url, html_links=version.html_links
    ).roadmap


def roadmap_resources(roadmap: Roadmap) -> list[TruthResource]:
    """A road map's resources in the truth files' terms."""
    return [
        TruthResource(
            section=tuple(section.title for section in path), title=resource.title, url=resource.url
        )
        for path, resource in roadmap.walk()
    ]


def _words(text: str) -> str:
    """Text compared loosely: letters and digits only, lower case (emoji and punctuation out)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\W_]+", "", text)


def _key(resource: TruthResource) -> str:
    return normalize_url(resource.url) if resource.url else f"title:{_words(resource.title)}"


def _section(path: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_words(part) for part in path)


def scored(version: Version) -> Score:
    """A version's import against its truth file (`score`), the importer's own section for
    resources outside any heading allowed where the markdown has no heading of its title."""
    markdown = version.markdown.read_text(encoding="utf-8")
    return score(
        imported(version),
        read_truth(version.truth),
        orphans=_RESOURCES_HEADING.search(markdown) is None,
    )


def score(roadmap: Roadmap, truth: list[TruthResource], *, orphans: bool = True) -> Score:
    """Compare an import with a truth file: resources match by normalized URL (by title when
    they have none), each at most once, a match in the same section preferred. With
    ``orphans``, a resource under the importer's section for resources outside any heading
    ('Resources') is in place where the truth has it outside any (or under its label)."""
    found = roadmap_resources(roadmap)
    available: dict[str, list[TruthResource]] = defaultdict(list)
    for resource in found:
        available[_key(resource)].append(resource)
    matched = same = titled = 0
    missing: list[TruthResource] = []
    misplaced: list[tuple[TruthResource, tuple[str, ...]]] = []
    for expected in truth:
        candidates = available.get(_key(expected), [])
        if not candidates:
            missing.append(expected)
            continue
        want = _section(expected.section)
        in_place = [
            index
            for index, candidate in enumerate(candidates)
            if _section(candidate.section) == want
            # Resources outside any heading: the importer files them, and the groups a label
            # makes among them, under a section of its own.
            or (orphans and _section(candidate.section) == (*_ORPHAN_SECTION, *want))
        ]
        # Several resources of one URL (links to one page's parts: the fragment is not the
        # identity's) pair by title among those of the same section, as a reader pairs them.
        position = next(
            (
                index
                for index in in_place
                if _words(candidates[index].title) == _words(expected.title)
            ),
            in_place[0] if in_place else None,
        )
        matched += 1
        if position is None:
            found_resource = candidates.pop(0)
            misplaced.append((expected, found_resource.section))
        else:
            found_resource = candidates.pop(position)
            same += 1
        titled += _words(found_resource.title) == _words(expected.title)
    extra = tuple(resource for left in available.values() for resource in left)
    return Score(
        expected=len(truth),
        found=len(found),
        matched=matched,
        same_section=same,
        same_title=titled,
        missing=tuple(missing),
        extra=extra,
        misplaced=tuple(misplaced),
    )
