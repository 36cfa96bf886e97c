"""A generated history of 2,000 releases over a road map of 10,000 resources, as diffs.

Built in memory (no files, no YAML, no diffing: seconds, not minutes), deterministic, for the
tests that prove the size limits of the pages, CHANGELOG.md and emails. The first release adds
all 10,000 resources; every later release (one a day) adds one, updates three and removes one
now and then; release 1,990 is a big one (1,500 updated, 400 added, 150 removed, 60 moved).

`real_mix_roadmap` is 10,000 resources of another kind: the real ones of tests/fixtures/real
(the latest version of each list, as imported) and of the bundled road map, over and over,
so the page's weight is measured on text as long as real road maps write.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from publisher.diff import FieldChange, ResourceChange, ResourceMove, RoadmapDiff
from publisher.load import load_snapshot
from publisher.model import Author, Release, Resource, Roadmap, Section, Snapshot, slugify

RELEASES = 2000
RESOURCES = 10_000
SECTIONS = 40
BIG_RELEASE = 1990
START = dt.date(2021, 1, 1)
_WORDS = [
    "learn",
    "deep",
    "machine",
    "model",
    "neural",
    "network",
    "data",
    "python",
    "course",
    "guide",
    "practical",
    "introduction",
    "advanced",
    "theory",
    "math",
    "linear",
    "algebra",
    "probability",
    "statistics",
    "vision",
    "language",
    "transformer",
    "training",
    "inference",
    "scaling",
    "paper",
    "video",
    "lecture",
    "book",
    "notes",
    "project",
    "hands-on",
    "research",
]
_KINDS = ("course", "video", "book", "article", "newsletter", "tool", "paper")
_COSTS = ("free", "paid", "freemium")
_LEVELS = ("beginner", "intermediate", "advanced")
_TAGS = ("ml", "deep-learning", "python", "math", "nlp", "vision", "llm", "mlops", "career")
_PEOPLE = ("Andrew Ng", "Fei-Fei Li", "Rachel Thomas", "Jeremy Howard", "Chip Huyen")


@dataclass(frozen=True, slots=True)
class BigHistory:
    """The diffs, oldest first, and the latest release's snapshot."""

    history: tuple[RoadmapDiff, ...]
    latest: Snapshot


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choices(_WORDS, k=rng.randint(low, high)))


def _resource(rng: random.Random, serial: int) -> Resource:
    url = f"https://example.org/{slugify(_words(rng, 1, 2))}/{serial}"
    return Resource(
        title=f"{_words(rng, 2, 4).title()} {serial}",
        identity=url,
        url=url,
        kind=rng.choice(_KINDS),
        author=Author(name=rng.choice(_PEOPLE)) if rng.random() < 0.4 else None,
        description=_words(rng, 8, 30).capitalize() + "." if rng.random() < 0.7 else "",
        tags=tuple(sorted(set(rng.choices(_TAGS, k=rng.randint(0, 3))))),
        cost=rng.choice(_COSTS),
        level=rng.choice(_LEVELS) if rng.random() < 0.5 else "",
        time=f"{rng.randint(1, 60)} hours" if rng.random() < 0.3 else "",
    )


def make_big_history(seed: int = 7) -> BigHistory:
    """The history described in the module docstring."""
    rng = random.Random(seed)
    titles = [f"{_words(rng, 1, 3).title()} {index}" for index in range(SECTIONS)]
    ids = [slugify(title) for title in titles]
    where: list[int] = []  # section index of each live resource, parallel to `live`
    live: list[Resource] = []
    serial = 0

    def change(
        index: int, resource: Resource, changes: tuple[FieldChange, ...] = ()
    ) -> ResourceChange:
        return ResourceChange(
            resource=resource,
            section=(titles[index],),
            section_ids=(ids[index],),
            changes=changes,
        )

    history: list[RoadmapDiff] = []
    previous: Release | None = None
    for number in range(RELEASES):
        release = Release(
            version=f"r{number + 1:04d}",
            date=START + dt.timedelta(days=number),
            title=f"Release {number + 1}",
        )
        added: list[ResourceChange] = []
        updated: list[ResourceChange] = []
        removed: list[ResourceChange] = []
        moved: list[ResourceMove] = []
        big = number + 1 == BIG_RELEASE
        adds = RESOURCES if number == 0 else (400 if big else 1)
        for _ in range(adds):
            serial += 1
            resource = _resource(rng, serial)
            section = rng.randrange(SECTIONS)
            live.append(resource)
            where.append(section)
            added.append(change(section, resource))
        if number:
            for _ in range(1500 if big else 3):
                position = rng.randrange(len(live))
                old = live[position]
                cost = rng.choice([cost for cost in _COSTS if cost != old.cost])
                new = Resource(**{**_fields(old), "cost": cost})
                live[position] = new
                updated.append(
                    change(
                        where[position], new, (FieldChange(field="cost", old=old.cost, new=cost),)
                    )
                )
            for _ in range(150 if big else int(rng.random() < 0.3)):
                position = rng.randrange(len(live))
                removed.append(change(where[position], live[position]))
                del live[position], where[position]
            for _ in range(60 if big else 0):
                position = rng.randrange(len(live))
                target = (where[position] + 1) % SECTIONS
                moved.append(
                    ResourceMove(
                        resource=live[position],
                        from_section=(titles[where[position]],),
                        to_section=(titles[target],),
                        from_section_ids=(ids[where[position]],),
                        to_section_ids=(ids[target],),
                    )
                )
                where[position] = target
        history.append(
            RoadmapDiff(
                old=previous,
                new=release,
                added=tuple(added),
                updated=tuple(updated),
                removed=tuple(removed),
                moved=tuple(moved),
            )
        )
        previous = release
    # Keep the live list at 10,000 for the page: top up from the last additions' numbering.
    while len(live) < RESOURCES:
        serial += 1
        live.append(_resource(rng, serial))
        where.append(rng.randrange(SECTIONS))
    by_section: list[list[Resource]] = [[] for _ in range(SECTIONS)]
    for resource, section in zip(live[:RESOURCES], where, strict=False):
        by_section[section].append(resource)
    roadmap = Roadmap(
        title="A Generated Road Map",
        sections=tuple(
            Section(title=titles[index], id=ids[index], resources=tuple(by_section[index]))
            for index in range(SECTIONS)
        ),
    )
    return BigHistory(history=tuple(history), latest=Snapshot(roadmap=roadmap, release=previous))


def _fields(resource: Resource) -> dict[str, object]:
    return {name: getattr(resource, name) for name in Resource.__dataclass_fields__}


# The lists of the corpus the page-weight tests were calibrated on (the real mix's pool). A
# list added to the corpus later stays out: lists of long descriptions (paper citations,
# syllabi: dl-papers-roadmap, python-100-days) raise the mix's average text to the point where
# 10,000 resources weigh 2.24 MB unshortened, and the page then shortens descriptions (as it
# should); the tests below measure the template's weight on a mix that does not move.
MIX_LISTS = frozenset(
    {
        "ai-agents-for-beginners", "awesome", "awesome-ai-agents", "awesome-courses",
        "awesome-mac-zh", "awesome-python", "awesome-python-history", "cs-video-courses",
        "doge-data", "free-programming-books-ru", "generative-ai-for-beginners",
        "generative-ai-for-beginners-history", "learning-note", "llm-course",
        "llm-course-history", "minio-ecosystem", "ml-road-map", "ml-youtube-courses",
        "ossu-computer-science", "ossu-history", "reading-list", "secret-knowledge",
        "streaming-graphs", "total-app", "trackawesomelist-week",
    }
)  # fmt: skip


def real_mix_roadmap(resources: int = RESOURCES) -> Roadmap:
    """``resources`` real resources in SECTIONS sections (see the module docstring)."""
    from real_corpus import imported, versions

    latest = {
        name: version for version in versions() if (name := version.name.split("/")[0]) in MIX_LISTS
    }
    pool = [
        resource for version in latest.values() for resource in _walk(imported(version).sections)
    ]
    seed = load_snapshot(Path(__file__).resolve().parent.parent / "data/releases/2024.02.yaml")
    pool.extend(_walk(seed.roadmap.sections))
    return Roadmap(
        title="Real Resources, Many Times",
        sections=tuple(
            Section(
                title=f"Section {index}",
                id=f"section-{index}",
                resources=tuple(
                    pool[number % len(pool)] for number in range(index, resources, SECTIONS)
                ),
            )
            for index in range(SECTIONS)
        ),
    )


def _walk(sections: tuple[Section, ...]) -> list[Resource]:
    found: list[Resource] = []
    for section in sections:
        found.extend(section.resources)
        found.extend(_walk(section.sections))
    return found
