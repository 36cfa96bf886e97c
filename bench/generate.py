"""A synthetic release history for benchmarks: a road map edited a little per release.

`make_history(folder, releases=2000, resources=600, seed=1)` writes ``folder/data/site.yaml``
and ``folder/data/releases/*.yaml`` (and returns the data folder). Same seed, same bytes.
Every release is a complete snapshot; between two releases a few resources are added,
removed, edited (title, description, cost, tags, author, url), moved, or their URL changed
cosmetically; now and then a release shares its date with the one before (version ``.2``).

    .venv/bin/python bench/generate.py OUT_DIR [--releases N] [--resources N] [--seed N]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

from publisher.release_digest import with_digest

WORDS = [
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
    "beginner",
    "research",
    "production",
    "systems",
    "optimization",
    "gradient",
    "descent",
    "attention",
    "embedding",
    "retrieval",
]
TAGS = [
    "ml",
    "deep-learning",
    "python",
    "math",
    "statistics",
    "nlp",
    "vision",
    "llm",
    "rl",
    "mlops",
    "data",
    "career",
    "theory",
    "research",
    "beginner",
    "stanford",
    "google",
    "pytorch",
    "tensorflow",
    "jax",
]
KINDS = ("course", "video", "book", "article", "newsletter", "person", "tool", "paper", "other")
COSTS = ("free", "paid", "freemium")
HOSTS = ("example.org", "www.example.com", "youtube.com", "arxiv.org", "github.com", "x.com")
PEOPLE = ("Andrew Ng", "Fei-Fei Li", "Yann LeCun", "Rachel Thomas", "Jeremy Howard", "Chip Huyen")

_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Generator:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.serial = 0

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choices(WORDS, k=self.rng.randint(low, high)))

    def resource(self) -> dict[str, Any]:
        rng = self.rng
        self.serial += 1
        resource: dict[str, Any] = {"title": f"{self.words(2, 5).title()} {self.serial}"}
        if rng.random() < 0.85:
            host = rng.choice(HOSTS)
            resource["url"] = f"https://{host}/{self.words(1, 3).replace(' ', '-')}/{self.serial}"
        resource["kind"] = rng.choice(KINDS)
        if rng.random() < 0.4:
            resource["author"] = rng.choice(PEOPLE)
        if rng.random() < 0.7:
            resource["description"] = self.words(10, 40).capitalize() + "."
        if rng.random() < 0.6:
            resource["tags"] = sorted(set(rng.choices(TAGS, k=rng.randint(1, 3))))
        resource["cost"] = rng.choice(COSTS)
        return resource

    def roadmap(self, resources: int) -> dict[str, Any]:
        """About 30 top sections, a third of them with one or two nested sections."""
        rng = self.rng
        sections: list[dict[str, Any]] = []
        for index in range(30):
            section: dict[str, Any] = {
                "title": f"{self.words(1, 3).title()} {index}",
                "resources": [],
            }
            if rng.random() < 0.35:
                section["sections"] = [
                    {"title": f"{self.words(1, 2).title()} {index}.{child}", "resources": []}
                    for child in range(rng.randint(1, 2))
                ]
            sections.append(section)
        containers = self.containers(sections)
        for _ in range(resources):
            rng.choice(containers)["resources"].append(self.resource())
        return {"title": "A Generated Road Map", "sections": sections}

    @staticmethod
    def containers(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
        found = []
        for section in sections:
            found.append(section)
            found.extend(_Generator.containers(section.get("sections", [])))
        return found

    def edit(self, roadmap: dict[str, Any]) -> None:
        """A few small random edits, as a curator makes between two releases."""
        rng = self.rng
        containers = self.containers(roadmap["sections"])
        for _ in range(rng.randint(1, 4)):
            container = rng.choice(containers)
            resources = container["resources"]
            action = rng.random()
            if action < 0.3 or not resources:
                resources.insert(rng.randint(0, len(resources)), self.resource())
            elif action < 0.4:
                resources.pop(rng.randrange(len(resources)))
            elif action < 0.5:
                moved = resources.pop(rng.randrange(len(resources)))
                rng.choice(containers)["resources"].append(moved)
            else:
                self.change(rng.choice(resources))

    def change(self, resource: dict[str, Any]) -> None:
        rng = self.rng
        field = rng.choice(("title", "description", "cost", "tags", "author", "url", "cosmetic"))
        if field == "title":
            resource["title"] = f"{self.words(2, 5).title()} {resource['title'].split()[-1]}"
        elif field == "description":
            resource["description"] = self.words(10, 40).capitalize() + "."
        elif field == "cost":
            resource["cost"] = rng.choice(COSTS)
        elif field == "tags":
            resource["tags"] = sorted(set(rng.choices(TAGS, k=rng.randint(1, 3))))
        elif field == "author":
            resource["author"] = rng.choice(PEOPLE)
        elif "url" in resource and field == "url":
            resource["url"] = resource["url"] + "-v2"
        elif "url" in resource:
            # Same URL once normalized: a cosmetic update that feeds must not announce.
            resource["url"] = resource["url"].rstrip("/") + (
                "/" if not resource["url"].endswith("/") else ""
            )


SITE = {
    "title": "A Generated Road Map",
    "description": "Synthetic data for benchmarks.",
    "base_url": "https://bench.example.org/",
    "language": "en",
    "author": {"name": "Bench Curator", "url": "https://bench.example.org/about"},
    "feeds": {"entries": 50},
}


def make_history(folder: Path, releases: int = 2000, resources: int = 600, seed: int = 1) -> Path:
    """Write site.yaml and ``releases`` release files under ``folder/data``; return data/."""
    rng = random.Random(seed)
    generator = _Generator(rng)
    data = Path(folder) / "data"
    (data / "releases").mkdir(parents=True, exist_ok=True)
    (data / "site.yaml").write_text(yaml.dump(SITE, Dumper=_Dumper, sort_keys=False))
    roadmap = generator.roadmap(resources)
    day = dt.date(2019, 1, 1)
    same_day = 1
    for index in range(releases):
        if index:
            generator.edit(roadmap)
            if rng.random() < 0.1:
                same_day += 1
            else:
                day += dt.timedelta(days=rng.randint(1, 2))
                same_day = 1
        version = day.strftime("%Y.%m.%d") + (f".{same_day}" if same_day > 1 else "")
        document = {"release": {"version": version, "date": day}, **copy.deepcopy(roadmap)}
        text = yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
        # Frozen releases record the digest of their content, as `publisher release` writes it.
        (data / "releases" / f"{version}.yaml").write_bytes(with_digest(text.encode("utf-8")))
    (data / "roadmap.yaml").write_text(
        yaml.dump(roadmap, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--releases", type=int, default=2000)
    parser.add_argument("--resources", type=int, default=600)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    data = make_history(arguments.folder, arguments.releases, arguments.resources, arguments.seed)
    print(f"wrote {arguments.releases} releases to {data / 'releases'}")


if __name__ == "__main__":
    main()
