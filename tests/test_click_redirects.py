"""Click-counting redirects through the real CLI: identity stays on the URL as written (the
reviewer's regressions of 45d3ac5), only the diff reads through known redirectors."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from publisher.cli import main

REPOSITORY = Path(__file__).resolve().parent.parent
SITE = REPOSITORY / "tests" / "fixtures" / "changelog-project" / "data" / "site.yaml"
NESTED = "https://a.org/?url=" * 600 + "https://e.org/"


def new_project(tmp_path: Path, roadmap: str) -> Path:
    """A project with the fixture's site.yaml and this working copy."""
    project = tmp_path / "project"
    (project / "data" / "releases").mkdir(parents=True)
    shutil.copy(SITE, project / "data" / "site.yaml")
    (project / "data" / "roadmap.yaml").write_text(roadmap, encoding="utf-8")
    return project


def run(project: Path, *arguments: str) -> Result:
    """``publisher --project PROJECT ARGUMENTS``, checked to end without a traceback."""
    result = CliRunner().invoke(main, ["--project", str(project), *arguments])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


def roadmap_of(*urls: str) -> str:
    resources = "".join(
        f"      - title: Resource {index}\n        url: {json.dumps(url)}\n"
        for index, url in enumerate(urls)
    )
    return f"title: Road map\nsections:\n  - title: Tools\n    resources:\n{resources}"


@pytest.mark.parametrize(
    "urls",
    [
        (
            "https://petstore3.swagger.io/api/v3/openapi.json",
            "https://petstore.swagger.io/?url=https://petstore3.swagger.io/api/v3/openapi.json",
        ),
        ("https://web.dev/", "https://www.webpagetest.org/?url=https://web.dev/"),
        ("https://github.com", "https://api.microlink.io/?url=https://github.com&screenshot=true"),
        (
            "https://github.com/x/y",
            "https://deploy.workers.cloudflare.com/?url=https://github.com/x/y",
        ),
        ("https://github.com/x/y", "https://t.me/share/url?url=https://github.com/x/y"),
        # Both through known counters to the same page: two links as written, both valid.
        (
            "https://github.com/x/y",
            "https://hellogithub.com/periodical/statistics/click/?target=https://github.com/x/y",
        ),
    ],
)
def test_a_page_and_a_url_naming_it_are_two_resources(tmp_path: Path, urls: tuple[str]) -> None:
    # Valid before 45d3ac5; main said "duplicate identity" (exit 1).
    result = run(new_project(tmp_path, roadmap_of(*urls)), "validate")
    assert result.exit_code == 0, result.output


def test_a_deeply_nested_redirect_url_validates_and_imports(tmp_path: Path) -> None:
    # RecursionError traceback before: normalize_url unwrapped itself once per level.
    project = new_project(tmp_path, roadmap_of(NESTED))
    result = run(project, "validate")
    assert result.exit_code == 0, result.output
    readme = tmp_path / "README.md"
    readme.write_text(f"# List\n\n## Tools\n\n- [Deep]({NESTED}) - nested.\n", encoding="utf-8")
    imported = run(project, "import", str(readme), "-o", "-")
    assert imported.exit_code == 0, imported.output
    assert "title: Deep" in imported.stdout


def test_entry_ids_of_a_click_counted_resource_keep_the_url_as_written(tmp_path: Path) -> None:
    # The reviewer's release: its feed entry id must be the one published before 45d3ac5
    # (design.md: entry ids are stable across rebuilds), not the unwrapped target's.
    url = "https://hellogithub.com/periodical/statistics/click/?target=https://github.com/x/y"
    project = new_project(tmp_path, roadmap_of(url))
    release = textwrap.dedent(
        """\
        release: {version: "2024.01", date: 2024-01-04}
        title: Road map
        sections:
          - title: Tools
            resources:
              - title: Seed
                url: https://example.org/seed
        """
    )
    (project / "data" / "releases" / "2024.01.yaml").write_text(release, encoding="utf-8")
    second = release.replace('"2024.01", date: 2024-01-04', '"2024.02", date: 2024-02-04')
    second += f"      - title: Project\n        url: {url}\n"
    (project / "data" / "releases" / "2024.02.yaml").write_text(second, encoding="utf-8")
    result = run(project, "feeds", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    feed = json.loads((tmp_path / "out" / "feed.json").read_text(encoding="utf-8"))
    ids = [item["id"] for item in feed["items"]]
    assert (
        "tag:small.example.org,2024:2024.02/added/"
        "https://hellogithub.com/periodical/statistics/click?target=https%3A%2F%2Fgithub.com%2Fx%2Fy"
    ) in ids
    assert not any(entry.endswith("/added/https://github.com/x/y") for entry in ids)
