"""publisher import-history on real git repositories made in tmp_path."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher.cli import main
from publisher.history import list_commits
from publisher.load import load_releases, open_project


class Repository:
    """A scratch git repository whose commits get the dates we choose."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir()
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Curator")
        self.git("config", "user.email", "curator@example.org")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *arguments: str, date: str = "2024-01-01T10:00:00Z") -> str:
        environment = {
            **os.environ,
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_DATE": date,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        return subprocess.run(
            ["git", *arguments],
            cwd=self.root,
            env=environment,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def commit(self, path: str, content: str | bytes, subject: str, date: str) -> str:
        target = self.root / path
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        self.git("add", path, date=date)
        self.git("commit", "-q", "-m", subject, date=date)
        return self.git("rev-parse", "HEAD").strip()


def road_map(*titles: str) -> str:
    bullets = "".join(f"- [{title}](https://example.org/{title.lower()})\n" for title in titles)
    return f"# Road Map\n\n## Courses\n\n{bullets}"


@pytest.fixture
def history(tmp_path: Path) -> tuple[Repository, dict[str, str]]:
    """Renames, a branch merged back, a version that does not parse, same-day commits."""
    repo = Repository(tmp_path / "repo")
    hashes = {}
    hashes["first"] = repo.commit("ROADMAP.md", road_map("A"), "Start", "2024-01-05T09:00:00Z")
    hashes["second"] = repo.commit(
        "ROADMAP.md", road_map("A", "B"), "Add B", "2024-01-05T18:00:00Z"
    )
    # Only a trailing blank line: the road map is the same, so no release.
    hashes["blank"] = repo.commit(
        "ROADMAP.md", road_map("A", "B") + "\n", "Whitespace", "2024-01-06T09:00:00Z"
    )
    repo.git("mv", "ROADMAP.md", "README.md", date="2024-01-07T09:00:00Z")
    repo.git("commit", "-q", "-m", "Rename", date="2024-01-07T09:00:00Z")
    hashes["broken"] = repo.commit(
        "README.md", b"# Road Map\n\xff\xfe broken\n", "Oops", "2024-01-08T09:00:00Z"
    )
    hashes["fixed"] = repo.commit(
        "README.md", road_map("A", "B", "C"), "Fix and add C", "2024-01-09T09:00:00Z"
    )
    repo.git("checkout", "-q", "-b", "topic", date="2024-01-10T09:00:00Z")
    hashes["branch"] = repo.commit(
        "README.md", road_map("A", "B", "C", "D"), "Add D on a branch", "2024-01-10T09:00:00Z"
    )
    repo.git("checkout", "-q", "main", date="2024-01-11T09:00:00Z")
    repo.commit("other.txt", "unrelated\n", "Unrelated", "2024-01-11T09:00:00Z")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge topic", "topic", date="2024-01-12T09:00:00Z")
    hashes["last"] = repo.commit(
        "README.md", road_map("A", "B", "C", "D", "E"), "Add E", "2024-01-12T10:00:00Z"
    )
    return repo, hashes


def run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(arguments))
    return result.exit_code, result.output


def test_one_release_per_change_following_renames_and_merges(
    history: tuple[Repository, dict[str, str]], project: Path
) -> None:
    repo, hashes = history
    for release in (project / "data" / "releases").iterdir():
        release.unlink()
    code, output = run(
        "--project", str(project), "import-history", str(repo.root), "--file", "README.md"
    )
    assert code == 0, output
    assert f"README.md@{hashes['broken'][:7]}:2: not valid UTF-8" in output
    assert "imported 5 releases from 8 commits of README.md" in output
    releases = load_releases(open_project(project))
    summary = [
        (
            snapshot.release.version,
            snapshot.release.date.isoformat(),
            snapshot.release.title,
            snapshot.release.source_commit,
            [resource.title for _, resource in snapshot.roadmap.walk()],
        )
        for snapshot in releases
        if snapshot.release is not None
    ]
    assert summary == [
        ("2024.01.05", "2024-01-05", "Start", hashes["first"], ["A"]),
        ("2024.01.05.2", "2024-01-05", "Add B", hashes["second"], ["A", "B"]),
        ("2024.01.09", "2024-01-09", "Fix and add C", hashes["fixed"], ["A", "B", "C"]),
        ("2024.01.10", "2024-01-10", "Add D on a branch", hashes["branch"], ["A", "B", "C", "D"]),
        ("2024.01.12", "2024-01-12", "Add E", hashes["last"], ["A", "B", "C", "D", "E"]),
    ]


def test_listing_follows_the_rename(history: tuple[Repository, dict[str, str]]) -> None:
    repo, hashes = history
    commits = list_commits(repo.root, "README.md")
    paths = {commit.hash: commit.path for commit in commits}
    assert paths[hashes["first"]] == "ROADMAP.md"
    assert paths[hashes["last"]] == "README.md"
    assert [commit.timestamp for commit in commits] == sorted(c.timestamp for c in commits)


def test_limit_and_since(history: tuple[Repository, dict[str, str]], tmp_path: Path) -> None:
    repo, _ = history
    code, output = run(
        "import-history", str(repo.root), "--file", "README.md", "--out", str(tmp_path / "a")
    )
    assert code == 0, output
    code, output = run(
        "import-history",
        str(repo.root),
        "--file",
        "README.md",
        "--limit",
        "2",
        "--out",
        str(tmp_path / "limited"),
    )
    assert code == 0, output
    assert sorted(path.name for path in (tmp_path / "limited").iterdir()) == [
        "2024.01.10.yaml",
        "2024.01.12.yaml",
    ]
    code, output = run(
        "import-history",
        str(repo.root),
        "--file",
        "README.md",
        "--since",
        "2024-01-09",
        "--out",
        str(tmp_path / "since"),
    )
    assert code == 0, output
    assert sorted(path.name for path in (tmp_path / "since").iterdir()) == [
        "2024.01.09.yaml",
        "2024.01.10.yaml",
        "2024.01.12.yaml",
    ]


def test_refusals_have_clear_messages(
    history: tuple[Repository, dict[str, str]], tmp_path: Path
) -> None:
    repo, _ = history
    plain = tmp_path / "plain"
    plain.mkdir()
    code, output = run("import-history", str(plain), "--file", "README.md", "--out", str(plain))
    assert code == 1
    assert f"{plain}: not a git repository" in output
    code, output = run(
        "import-history", str(repo.root), "--file", "NOPE.md", "--out", str(tmp_path / "o")
    )
    assert code == 1
    assert "NOPE.md was never committed" in output
    out = tmp_path / "releases"
    out.mkdir()
    (out / "2023.01.yaml").write_text("kept\n", encoding="utf-8")
    code, output = run("import-history", str(repo.root), "--file", "README.md", "--out", str(out))
    assert code == 1
    assert "holds 1 other release file(s) (2023.01.yaml)" in output
    assert sorted(path.name for path in out.iterdir()) == ["2023.01.yaml"]  # nothing written
    code, output = run(
        "import-history", str(repo.root), "--file", "README.md", "--out", str(out), "--force"
    )
    assert code == 0, output
    assert len(list(out.iterdir())) == 6
    assert (out / "2023.01.yaml").read_text(encoding="utf-8") == "kept\n"
    # Running again writes the same files: not "other releases", and no byte changes.
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    (out / "2023.01.yaml").unlink()
    code, output = run("import-history", str(repo.root), "--file", "README.md", "--out", str(out))
    assert code == 0, output
    assert all(before[path.name] == path.read_bytes() for path in out.iterdir())
