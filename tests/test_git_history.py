"""publisher import-history on real git repositories made in tmp_path."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from release_files import top_sections_by_release

import publisher.git_history
from publisher.cli import main
from publisher.errors import DataError
from publisher.git_history import list_commits
from publisher.load import load_releases, load_snapshot
from publisher.model import Snapshot, natural_key
from publisher.project import open_project


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
    hashes["rename"] = repo.git("rev-parse", "HEAD").strip()
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
    hashes["merge"] = repo.git("rev-parse", "HEAD").strip()
    hashes["last"] = repo.commit(
        "README.md", road_map("A", "B", "C", "D", "E"), "Add E", "2024-01-12T10:00:00Z"
    )
    return repo, hashes


def run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(arguments))
    return result.exit_code, result.output


def summarize(out: Path) -> list[tuple[str, str, str, str, list[str], list[str]]]:
    """(version, date, title, commit read, commits of the period, resource titles) per release."""
    summary = []
    for path in sorted(out.glob("*.yaml")):
        snapshot = load_snapshot(path)
        release = snapshot.release
        assert release is not None
        summary.append(
            (
                release.version,
                release.date.isoformat(),
                release.title,
                release.source_commit,
                [commit.hash for commit in release.source_commits],
                [resource.title for _, resource in snapshot.roadmap.walk()],
            )
        )
    return sorted(summary, key=lambda row: natural_key(row[0]))


def test_one_release_per_commit_on_the_first_parent_line(
    history: tuple[Repository, dict[str, str]], project: Path
) -> None:
    repo, hashes = history
    for release in (project / "data" / "releases").iterdir():
        release.unlink()
    code, output = run(
        "--project",
        str(project),
        "import-history",
        str(repo.root),
        "--file",
        "README.md",
        "--group",
        "commit",
    )
    assert code == 0, output
    assert f"README.md@{hashes['broken'][:7]}:2: not valid UTF-8" in output
    # The branch's own commit is not on the line: the merge stands for it, dated by the merge.
    assert "imported 5 releases from 8 commits of README.md" in output
    assert "(8 commits, 8 versions read, 1 warning)" in output
    out = project / "data" / "releases"
    assert summarize(out) == [
        ("2024.01.05", "2024-01-05", "5 January 2024", hashes["first"], [hashes["first"]], ["A"]),
        (
            "2024.01.05.2",
            "2024-01-05",
            "5 January 2024 (2)",
            hashes["second"],
            [hashes["second"]],
            ["A", "B"],
        ),
        (
            "2024.01.09",
            "2024-01-09",
            "9 January 2024",
            hashes["fixed"],
            [hashes["fixed"]],
            ["A", "B", "C"],
        ),
        (
            "2024.01.12",
            "2024-01-12",
            "12 January 2024",
            hashes["merge"],
            [hashes["merge"]],
            ["A", "B", "C", "D"],
        ),
        (
            "2024.01.12.2",
            "2024-01-12",
            "12 January 2024 (2)",
            hashes["last"],
            [hashes["last"]],
            ["A", "B", "C", "D", "E"],
        ),
    ]
    # The project loads them, and the commit subjects are there for maintainers.
    releases = load_releases(open_project(project))
    merge_release = next(s for s in releases if s.release and s.release.version == "2024.01.12")
    assert merge_release.release is not None
    (source,) = merge_release.release.source_commits
    assert (source.subject, source.date.isoformat()) == ("Merge topic", "2024-01-12T09:00:00+00:00")


def test_listing_follows_the_rename_on_the_first_parent_line(
    history: tuple[Repository, dict[str, str]],
) -> None:
    repo, hashes = history
    commits = list_commits(repo.root, "README.md")
    paths = {commit.hash: commit.path for commit in commits}
    assert paths[hashes["first"]] == "ROADMAP.md"
    assert paths[hashes["rename"]] == "README.md"
    assert paths[hashes["last"]] == "README.md"
    assert hashes["branch"] not in paths
    assert [commit.hash for commit in commits][-2:] == [hashes["merge"], hashes["last"]]
    # --ref reads another line: the topic branch holds its own commit, not the merge.
    on_topic = [commit.hash for commit in list_commits(repo.root, "README.md", ref="topic")]
    assert on_topic[-1] == hashes["branch"]
    assert hashes["merge"] not in on_topic


def test_by_day_the_last_version_of_each_day(
    history: tuple[Repository, dict[str, str]], tmp_path: Path
) -> None:
    repo, hashes = history
    out = tmp_path / "out"
    code, output = run("import-history", str(repo.root), "--file", "README.md", "--out", str(out))
    assert code == 0, output
    # Days 5, 6, 7, 8, 9, 12: the 6th and 7th change nothing, the 8th does not parse.
    assert "imported 3 releases from 8 commits of README.md" in output
    assert "(6 days, 6 versions read, 1 warning)" in output
    assert summarize(out) == [
        (
            "2024.01.05",
            "2024-01-05",
            "5 January 2024",
            hashes["second"],
            [hashes["first"], hashes["second"]],
            ["A", "B"],
        ),
        (
            "2024.01.09",
            "2024-01-09",
            "9 January 2024",
            hashes["fixed"],
            [hashes["fixed"]],
            ["A", "B", "C"],
        ),
        (
            "2024.01.12",
            "2024-01-12",
            "12 January 2024",
            hashes["last"],
            [hashes["merge"], hashes["last"]],
            ["A", "B", "C", "D", "E"],
        ),
    ]


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
        "--group",
        "commit",
        "--out",
        str(tmp_path / "limited"),
    )
    assert code == 0, output
    assert sorted(path.name for path in (tmp_path / "limited").iterdir()) == [
        "2024.01.12.2.yaml",
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
    code, output = run(
        "import-history",
        str(repo.root),
        "--file",
        "README.md",
        "--ref",
        "nope",
        "--out",
        str(tmp_path / "o"),
    )
    assert code == 1
    assert f"{repo.root}: 'nope' is not a branch, tag or commit" in output
    assert not (tmp_path / "o").exists()
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
    assert len(list(out.iterdir())) == 4
    assert (out / "2023.01.yaml").read_text(encoding="utf-8") == "kept\n"
    # Running again writes the same files: not "other releases", and no byte changes.
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    (out / "2023.01.yaml").unlink()
    code, output = run("import-history", str(repo.root), "--file", "README.md", "--out", str(out))
    assert code == 0, output
    assert all(before[path.name] == path.read_bytes() for path in out.iterdir())


def test_a_branch_whose_readme_lags_behind_is_never_a_release(tmp_path: Path) -> None:
    """A pull-request branch made from an old main: its README lacks what main added since.
    Read by commit date, its commits would make B and C vanish and come back."""
    repo = Repository(tmp_path / "repo")
    repo.commit("README.md", road_map("A"), "Start", "2024-03-01T09:00:00Z")
    repo.git("branch", "contributor")
    repo.commit("README.md", road_map("A", "B"), "Add B", "2024-03-02T09:00:00Z")
    repo.commit("README.md", road_map("A", "B", "C"), "Add C", "2024-03-05T09:00:00Z")
    repo.git("checkout", "-q", "contributor")
    # Dated between main's commits: a date sort would put it after "Add B".
    branch = repo.commit("README.md", road_map("A", "X"), "Add X", "2024-03-03T09:00:00Z")
    repo.git("checkout", "-q", "main")
    repo.git(
        "merge",
        "-q",
        "--no-ff",
        "-s",
        "ours",
        "-m",
        "Merge X",
        "contributor",
        date="2024-03-06T09:00:00Z",
    )
    repo.commit("README.md", road_map("A", "B", "C", "X"), "Resolve X", "2024-03-06T10:00:00Z")
    out = tmp_path / "out"
    code, output = run(
        "import-history",
        str(repo.root),
        "--file",
        "README.md",
        "--out",
        str(out),
        "--group",
        "commit",
    )
    assert code == 0, output
    rows = summarize(out)
    assert [row[-1] for row in rows] == [["A"], ["A", "B"], ["A", "B", "C"], ["A", "B", "C", "X"]]
    assert all(branch not in row[4] for row in rows)
    # Nothing readers saw ever vanished.
    for before, after in itertools.pairwise(rows):
        assert set(before[-1]) <= set(after[-1])


def test_week_and_month_groups(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "repo")
    first = repo.commit("README.md", road_map("A"), "Start", "2026-08-17T09:00:00Z")  # week 34
    second = repo.commit("README.md", road_map("A", "B"), "Add B", "2026-08-22T09:00:00Z")
    third = repo.commit("README.md", road_map("A", "B", "C"), "Add C", "2026-08-31T23:00:00Z")
    fourth = repo.commit("README.md", road_map("A", "B", "C", "D"), "D", "2026-09-01T01:00:00Z")
    weeks = tmp_path / "weeks"
    code, output = run(
        "import-history",
        str(repo.root),
        "--file",
        "README.md",
        "--out",
        str(weeks),
        "--group",
        "week",
    )
    assert code == 0, output
    assert "(2 weeks, 2 versions read, 0 warnings)" in output
    assert [row[:5] for row in summarize(weeks)] == [
        ("2026.08.22", "2026-08-22", "Week 34, 2026", second, [first, second]),
        ("2026.09.01", "2026-09-01", "Week 36, 2026", fourth, [third, fourth]),
    ]
    months = tmp_path / "months"
    code, output = run(
        "import-history",
        str(repo.root),
        "--file",
        "README.md",
        "--out",
        str(months),
        "--group",
        "month",
    )
    assert code == 0, output
    assert [row[:5] for row in summarize(months)] == [
        ("2026.08.31", "2026-08-31", "August 2026", third, [first, second, third]),
        ("2026.09.01", "2026-09-01", "September 2026", fourth, [fourth]),
    ]
    text = (months / "2026.08.31.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        'release:\n  version: "2026.08.31"\n  date: 2026-08-31\n  title: August 2026\n'
        f"  source:\n    commit: {third}\n    commits:\n      - hash: {first}\n"
        '        date: "2026-08-17T09:00:00Z"\n        subject: Start\n'
    )


def test_a_period_whose_last_version_does_not_parse_keeps_the_one_before(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "repo")
    repo.commit("README.md", road_map("A"), "Start", "2024-05-01T09:00:00Z")
    good = repo.commit("README.md", road_map("A", "B"), "Add B", "2024-05-02T09:00:00Z")
    bad = repo.commit("README.md", b"\xff\xfe", "Oops", "2024-05-02T10:00:00Z")
    out = tmp_path / "out"
    code, output = run("import-history", str(repo.root), "--file", "README.md", "--out", str(out))
    assert code == 0, output
    assert f"README.md@{bad[:7]}:1: not valid UTF-8" in output
    assert "(2 days, 3 versions read, 1 warning)" in output
    assert [row[:5] for row in summarize(out)] == [
        (
            "2024.05.01",
            "2024-05-01",
            "1 May 2024",
            row_hash(repo, "HEAD~2"),
            [row_hash(repo, "HEAD~2")],
        ),
        ("2024.05.02", "2024-05-02", "2 May 2024", good, [good, bad]),
    ]


def test_an_untitled_readme_is_titled_by_its_repository_in_every_release(tmp_path: Path) -> None:
    # No '#' heading, no title line: each release is titled by the repository's name, never
    # by the file's ("README") nor a version's; a version that names itself takes its title.
    repo = Repository(tmp_path / "awesome-things")
    untitled = (
        "## Tools\n\n- [A](https://example.org/a)\n\n## Books\n\n- [B](https://example.org/b)\n"
    )
    repo.commit("README.md", untitled, "Start", "2024-05-01T09:00:00Z")
    repo.commit(
        "README.md", untitled + "- [C](https://example.org/c)\n", "Add C", "2024-05-02T09:00:00Z"
    )
    repo.commit(
        "README.md",
        '<h1 align="center">Awesome Things</h1>\n\n' + untitled,
        "Title",
        "2024-05-03T09:00:00Z",
    )
    out = tmp_path / "out"
    code, output = run("import-history", str(repo.root), "--file", "README.md", "--out", str(out))
    assert code == 0, output
    titles = [load_snapshot(path).roadmap.title for path in sorted(out.glob("*.yaml"))]
    assert titles == ["awesome-things", "awesome-things", "Awesome Things"]
    assert "'awesome-things', its directory's name" in output


def row_hash(repo: Repository, ref: str) -> str:
    return repo.git("rev-parse", ref).strip()


def test_warnings_once_per_new_odd_line_and_quiet_keeps_the_count(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "repo")
    marked = "<<<<<<< HEAD\n" + road_map("A")
    repo.commit("README.md", marked, "Start", "2024-06-01T09:00:00Z")
    repo.commit("README.md", marked + "- [B](https://example.org/b)\n", "B", "2024-06-02T09:00:00Z")
    repo.commit("README.md", road_map("A", "B", "C"), "C", "2024-06-03T09:00:00Z")
    code, output = run(
        "import-history", str(repo.root), "--file", "README.md", "--out", str(tmp_path / "a")
    )
    assert code == 0, output
    warnings = [line for line in output.splitlines() if line.startswith("warning:")]
    # The marker is in two versions: one line, naming the version that brought it.
    assert len(warnings) == 1, output
    assert "README.md@" in warnings[0]
    assert ":1: merge-conflict marker" in warnings[0]
    assert "1 warning)" in output
    code, output = run(
        "-q", "import-history", str(repo.root), "--file", "README.md", "--out", str(tmp_path / "b")
    )
    assert code == 0, output
    assert output == "1 warning\n"


def test_source_commits_are_checked_when_loaded(tmp_path: Path) -> None:
    path = tmp_path / "2024.01.01.yaml"
    path.write_text(
        'release:\n  version: "2024.01.01"\n  date: 2024-01-01\n  source:\n'
        "    commit: abc\n    commits:\n      - hash: abc\n        date: yesterday\n"
        "title: Road Map\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as raised:
        load_snapshot(path)
    assert "release.source.commits[0].date: 'yesterday' is not a date and time" in str(
        raised.value.problems[0]
    )


SEED = Path(__file__).resolve().parent / "fixtures" / "seed" / "ml-road-map-README-2024-01.md"
REPOSITORY = Path(__file__).resolve().parent.parent


def make_demo_history(root: Path) -> None:
    """The README's /tmp/ml-road-map: the seed, a commit that changes no data, two edits on
    one day, and a contributor's branch made before them, merged later."""
    repo = Repository(root)
    seed = SEED.read_text(encoding="utf-8")
    repo.commit("README.md", seed, "Import the road map", "2024-01-01T10:00:00Z")
    seed = seed.split("\n", 1)[1]
    repo.commit("README.md", seed, "Remove a leftover conflict marker", "2024-01-15T10:00:00Z")
    repo.git("checkout", "-q", "-b", "newsletter", date="2024-01-20T10:00:00Z")
    repo.commit(
        "README.md",
        seed.replace(
            "* [The Batch](https://www.deeplearning.ai/the-batch/)\n",
            "* [The Batch](https://www.deeplearning.ai/the-batch/)\n"
            "* [Import AI](https://importai.substack.com/)\n",
        ),
        "Add Import AI",
        "2024-01-20T10:00:00Z",
    )
    repo.git("checkout", "-q", "main", date="2024-01-20T10:00:00Z")
    seed = seed.replace(
        "](https://course.fast.ai/)", "](https://course.fast.ai/Lessons/lesson1.html)"
    )
    repo.commit("README.md", seed, "Link the first fast.ai lesson", "2024-02-01T09:00:00Z")
    seed = seed.replace("You will need a base knowledge", "You will need a basic knowledge")
    repo.commit("README.md", seed, "Fix a typo", "2024-02-01T17:00:00Z")
    repo.git(
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge pull request #2 from contributor/newsletter",
        "newsletter",
        date="2024-02-20T10:00:00Z",
    )


def console_block(containing: str) -> list[tuple[str, str]]:
    """(command, output) pairs of the README's ```console block that holds ``containing``."""
    text = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    blocks = text.split("```console\n")[1:]
    block = next(block.split("```", 1)[0] for block in blocks if containing in block)
    pairs: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            pairs.append((line[2:], []))
        else:
            pairs[-1][1].append(line)
    return [(command, "\n".join(lines)) for command, lines in pairs]


def test_the_readme_import_history_example_is_true(tmp_path: Path) -> None:
    """Runs the README's import-history console block (its folders moved under tmp_path)."""
    make_demo_history(tmp_path / "ml-road-map")
    project = tmp_path / "project"
    shutil.copytree(REPOSITORY / "data", project / "data")
    pairs = console_block("$ publisher import-history /tmp/ml-road-map")
    assert len(pairs) >= 4
    publisher = Path(sys.executable).parent / "publisher"
    for command, expected in pairs:
        real = command.replace("/tmp/", f"{tmp_path}/").replace("publisher ", f"{publisher} ", 1)
        completed = subprocess.run(
            real, shell=True, cwd=project, capture_output=True, text=True, check=False
        )
        output = (completed.stderr + completed.stdout).replace(f"{tmp_path}/", "/tmp/")
        # ls prints columns on a terminal, a name per line in a pipe: compare the words.
        assert output.split() == expected.split(), command


def test_rotating_the_parse_caches_changes_no_byte(
    history: tuple[Repository, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long history rotates the importer's and the writer's caches now and then (flat
    memory): here after every version, with the same releases as a run that never does."""
    repo, _ = history
    arguments = ("import-history", str(repo.root), "--file", "README.md", "--group", "commit")
    code, output = run(*arguments, "--out", str(tmp_path / "kept"))
    assert code == 0, output
    monkeypatch.setattr(publisher.git_history, "_VERSIONS_PER_CACHE", 1)
    code, output = run(*arguments, "--out", str(tmp_path / "emptied"))
    assert code == 0, output
    kept = {path.name: path.read_bytes() for path in (tmp_path / "kept").iterdir()}
    emptied = {path.name: path.read_bytes() for path in (tmp_path / "emptied").iterdir()}
    assert len(kept) == 5
    assert kept == emptied


def test_a_commit_dated_before_its_parent_keeps_the_line_order(tmp_path: Path) -> None:
    """A clock off or a rebase: the line's order wins, and versions never go back in time."""
    repo = Repository(tmp_path / "repo")
    repo.commit("README.md", road_map("A"), "Start", "2024-07-02T09:00:00Z")
    late = repo.commit("README.md", road_map("A", "B"), "Skewed", "2024-07-01T09:00:00Z")
    repo.commit("README.md", road_map("A", "B", "C"), "Next", "2024-07-03T09:00:00Z")
    out = tmp_path / "out"
    code, output = run("import-history", str(repo.root), "--file", "README.md", "--out", str(out))
    assert code == 0, output
    rows = summarize(out)
    # The skewed commit counts in its predecessor's day, as its last version.
    assert [row[:4] for row in rows] == [
        ("2024.07.02", "2024-07-02", "2 July 2024", late),
        ("2024.07.03", "2024-07-03", "3 July 2024", rows[1][3]),
    ]
    assert [row[-1] for row in rows] == [["A", "B"], ["A", "B", "C"]]


def books_by_language(*languages: str) -> str:
    """A road map with a section per language, each holding a "Books" section."""
    parts = ["# Road Map\n"]
    for language in languages:
        slug = language.lower()
        parts.append(
            f"\n## {language}\n\n### Books\n\n"
            f"- [{language} book](https://example.org/{slug}/book)\n"
            f"- [{language} guide](https://example.org/{slug}/guide)\n"
        )
    return "".join(parts)


def test_same_title_sections_keep_their_ids_across_a_history(tmp_path: Path, project: Path) -> None:
    # Same-title sections were numbered in document order (books, books-2 …): a "Books"
    # inserted before another renamed every later one, whose resources then "moved" in every
    # feed and email. A repeated one is now qualified by its parent's id (rust-books).
    from publisher.diff import diff

    repo = Repository(tmp_path / "repo")
    for languages, day in (
        (("Python", "Rust"), "05"),
        (("Python", "Go", "Rust", "Zig"), "06"),  # inserted between and after
        (("Python", "Go", "Zig"), "07"),  # one removed
    ):
        readme = books_by_language(*languages)
        repo.commit("README.md", readme, " ".join(languages), f"2024-01-{day}T09:00:00Z")
    for release in (project / "data" / "releases").iterdir():
        release.unlink()
    code, output = run(
        "--project", str(project), "import-history", str(repo.root), "--file", "README.md"
    )
    assert code == 0, output
    out = project / "data" / "releases"
    first, second, third = (
        load_snapshot(out / f"2024.01.{day}.yaml") for day in ["05", "06", "07"]
    )

    def books_ids(snapshot: Snapshot) -> list[str]:
        return [
            section.id
            for _, section in snapshot.roadmap.walk_sections()
            if section.title == "Books"
        ]

    assert books_ids(first) == ["books", "rust-books"]
    assert books_ids(second) == ["books", "go-books", "rust-books", "zig-books"]
    assert books_ids(third) == ["books", "go-books", "zig-books"]

    inserted = diff(first, second)
    assert [change.resource.title for change in inserted.added] == [
        "Go book",
        "Go guide",
        "Zig book",
        "Zig guide",
    ]
    assert (inserted.removed, inserted.updated, inserted.moved) == ((), (), ())
    assert [section.id for section in inserted.sections_added] == [
        "go",
        "go-books",
        "zig",
        "zig-books",
    ]
    assert (inserted.sections_removed, inserted.sections_renamed) == ((), ())

    removed = diff(second, third)
    assert [change.resource.title for change in removed.removed] == ["Rust book", "Rust guide"]
    assert (removed.added, removed.updated, removed.moved) == ((), (), ())
    assert [section.id for section in removed.sections_removed] == ["rust", "rust-books"]
    assert (removed.sections_added, removed.sections_renamed) == ((), ())


def test_same_title_section_ids_do_not_depend_on_the_versions_read_before() -> None:
    # The importer reuses a top-level section read in an earlier version when its ids clash
    # with no other: one whose id was qualified then ("rust-books", a "Books" came before)
    # must not keep that id once it stands alone, or `sync` of a README and `import-history`
    # of its history would disagree (and the next release would rename the section).
    from publisher.importer import clear_caches, import_markdown

    def section_ids(text: str) -> list[str]:
        roadmap = import_markdown(text, "README.md").roadmap
        return [section.id for _, section in roadmap.walk_sections()]

    clear_caches()
    alone = section_ids(books_by_language("Rust", "Go"))
    assert alone == ["rust", "books", "go", "go-books"]
    clear_caches()
    assert section_ids(books_by_language("Python", "Rust", "Go"))[2:] == [
        "rust",
        "rust-books",
        "go",
        "go-books",
    ]
    assert section_ids(books_by_language("Rust", "Go")) == alone


@pytest.mark.parametrize("projects", ["## Projects", "### Projects"])
def test_a_recap_whose_cited_link_is_added_above_later_reads_as_a_one_off_import(
    tmp_path: Path, projects: str
) -> None:
    # A recap item (`[Module 1](…) then [Midterm](…)`) whose cited Midterm is not listed yet
    # is a resource of its own (a repeated URL, a numbered id). A later commit lists Midterm
    # above and leaves the recap's section untouched: the item is now a recap, skipped, as a
    # one-off import of that version says; import-history reused the section's old reading
    # (a top-level section's, or a subsection's in a section that changed).
    from publisher.dump import dump_roadmap
    from publisher.importer import clear_caches, import_markdown_bytes

    base = "https://example.org/course/"
    first = (
        "# Course\n\n## Modules\n\n- [Module 1](01-intro/) - basics\n"
        f"- [Module 2](02-trees/) - trees\n\n{projects}\n\nThere will be a project:\n\n"
        "1. [Module 1](01-intro/) then [Midterm](midterm/)\n"
    )
    second = first.replace("trees\n", "trees\n- [Midterm](midterm/) - the exam\n")
    repo = Repository(tmp_path / "repo")
    repo.commit("README.md", first, "Start", "2024-05-01T09:00:00Z")
    repo.commit("README.md", second, "List the midterm", "2024-05-02T09:00:00Z")
    out = tmp_path / "out"
    code, output = run(
        *("import-history", str(repo.root), "--file", "README.md", "--out", str(out)),
        *("--base-url", base),
    )
    assert code == 0, output
    releases = sorted(out.glob("*.yaml"))
    assert len(releases) == 2
    for release, text in zip(releases, (first, second), strict=True):
        clear_caches()
        alone = import_markdown_bytes(text.encode(), "README.md", base_url=base).roadmap
        assert dump_roadmap(load_snapshot(release).roadmap) == dump_roadmap(alone)
    last = load_snapshot(releases[1]).roadmap
    assert [resource.title for _, resource in last.walk()] == ["Module 1", "Module 2", "Midterm"]
    assert "repeat resources listed above (a recap): skipped" in output


def imported_project(tmp_path: Path, repo: Repository) -> Path:
    """A copy of the bundled project whose releases are `import-history` of ``repo``."""
    project = tmp_path / "project"
    shutil.copytree(REPOSITORY / "data", project / "data")
    for release in (project / "data" / "releases").glob("*.yaml"):
        release.unlink()
    code, output = run(
        "--project", str(project), "-q", "import-history", str(repo.root), "--file", "README.md"
    )
    assert code == 0, output
    return project


def test_a_renamed_section_and_a_moved_resource_are_no_news_in_the_feed(tmp_path: Path) -> None:
    # A curator renames a section (its imported id, the title's slug, changes with it) and
    # adds one course; then moves a course to another section. The changelog says "renamed"
    # and "moved"; the feed announces the one new course only: a move is not new.
    def readme(courses_title: str, courses: str, books: str) -> str:
        return f"# Road Map\n\n## {courses_title}\n\n{courses}\n## Books\n\n{books}"

    a = "- [Alpha course](https://example.org/alpha) - first.\n"
    b = "- [Beta course](https://example.org/beta) - second.\n"
    c = "- [Gamma book](https://example.org/gamma) - a book.\n"
    d = "- [Delta course](https://example.org/delta) - new.\n"
    repo = Repository(tmp_path / "repo")
    repo.commit("README.md", readme("Course list", a + b, c), "Start", "2024-02-01T09:00:00Z")
    repo.commit("README.md", readme("Courses", a + b + d, c), "Rename", "2024-02-02T09:00:00Z")
    repo.commit("README.md", readme("Courses", b + d, c + a), "Move", "2024-02-03T09:00:00Z")
    project = imported_project(tmp_path, repo)
    code, output = run("--project", str(project), "changelog", "-o", str(tmp_path / "CHANGES.md"))
    assert code == 0, output
    changelog = (tmp_path / "CHANGES.md").read_text(encoding="utf-8")
    renamed = changelog[changelog.index("## [2024.02.02]") : changelog.index("## [2024.02.01]")]
    assert "- Renamed Course list to Courses" in renamed
    assert "Moved" not in renamed
    assert "Added Courses" not in renamed
    assert "Removed Course list" not in renamed
    assert "[Delta course](https://example.org/delta)" in renamed
    moved = changelog[changelog.index("## [2024.02.03]") : changelog.index("## [2024.02.02]")]
    assert "[Alpha course](https://example.org/alpha) from Courses to Books" in moved
    assert "Added" not in moved
    code, output = run("--project", str(project), "feeds", "-o", str(tmp_path / "feeds"))
    assert code == 0, output
    feed = json.loads((tmp_path / "feeds" / "feed.json").read_text(encoding="utf-8"))
    assert [item["url"] for item in feed["items"]] == [
        "https://example.org/delta",  # the only news: neither the rename nor the move
        *(f"https://example.org/{name}" for name in ("alpha", "beta", "gamma")),
    ]


def test_a_renamed_section_keeps_its_id_and_its_feed_address(tmp_path: Path) -> None:
    # An imported section's id is its title's slug: renamed, it got a new id, and its feed
    # (sections/<id>/atom.xml) a new address; the readers of the old one, and the subscribers
    # who chose the section by id, silently lost it. It keeps the id of its first release.
    def readme(courses_title: str, courses: str) -> str:
        books = "- [Gamma book](https://example.org/gamma) - a book.\n"
        return f"# Road Map\n\n## {courses_title}\n\n{courses}\n## Books\n\n{books}"

    a = "- [Alpha course](https://example.org/alpha) - first.\n"
    b = "- [Beta course](https://example.org/beta) - second.\n"
    d = "- [Delta course](https://example.org/delta) - new.\n"
    e = "- [Epsilon course](https://example.org/epsilon) - newer.\n"
    repo = Repository(tmp_path / "repo")
    repo.commit("README.md", readme("Course list", a + b), "Start", "2024-02-01T09:00:00Z")
    repo.commit("README.md", readme("Courses", a + b + d), "Rename", "2024-02-02T09:00:00Z")
    repo.commit("README.md", readme("Courses", d + e), "Replace", "2024-02-03T09:00:00Z")
    project = imported_project(tmp_path, repo)
    assert top_sections_by_release(project) == [
        [("Course list", "course-list"), ("Books", "books")],
        [("Courses", "course-list"), ("Books", "books")],
        [("Courses", "course-list"), ("Books", "books")],
    ]
    code, output = run("--project", str(project), "feeds", "-o", str(tmp_path / "feeds"))
    assert code == 0, output
    sections = tmp_path / "feeds" / "sections"
    assert sorted(path.name for path in sections.iterdir()) == ["books", "course-list"]
    feed = (sections / "course-list" / "atom.xml").read_text(encoding="utf-8")
    for name in ("alpha", "beta", "delta", "epsilon"):
        assert f"https://example.org/{name}" in feed


def test_an_anchor_the_curator_edits_is_the_sections_id_in_the_next_release(
    tmp_path: Path,
) -> None:
    # A renamed heading keeps the id of its last release (above); an id written in the README
    # (`<a id="…"></a>` on the heading) is the curator's choice: edited, it is the new id. A
    # heading renamed under the same anchor keeps it, as written.
    def readme(heading: str) -> str:
        courses = "- [Alpha course](https://example.org/alpha) - first.\n"
        books = "- [Gamma book](https://example.org/gamma) - a book.\n"
        return f"# Road Map\n\n## {heading}\n\n{courses}\n## Books\n\n{books}"

    repo = Repository(tmp_path / "repo")
    headings = (
        'Course list <a id="courses"></a>',
        'Course list <a id="classes"></a>',
        'Lessons <a id="classes"></a>',
        "Lessons",
    )
    for day, heading in enumerate(headings, start=1):
        repo.commit("README.md", readme(heading), heading, f"2024-02-0{day}T09:00:00Z")
    project = imported_project(tmp_path, repo)
    assert top_sections_by_release(project) == [
        [("Course list", "courses"), ("Books", "books")],
        [("Course list", "classes"), ("Books", "books")],
        [("Lessons", "classes"), ("Books", "books")],
    ]


def test_the_cycle_collector_runs_rarely_while_reading_then_as_before(
    history: tuple[Repository, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each version makes thousands of containers and the caches hold many more: at Python's
    # default thresholds collecting them was a tenth of a long history's CPU. The thresholds
    # are raised while the history is read, and as they were after (an error included).
    import gc

    repo, _ = history
    seen: list[tuple[int, int, int]] = []
    steps = publisher.git_history.history_steps

    def watched(*args: object, **kwargs: object) -> object:
        for step in steps(*args, **kwargs):  # type: ignore[arg-type]
            seen.append(gc.get_threshold())
            yield step

    monkeypatch.setattr(publisher.git_history, "history_steps", watched)
    before = gc.get_threshold()
    code, output = run(
        "import-history", str(repo.root), "--file", "README.md", "--out", str(tmp_path / "o")
    )
    assert code == 0, output
    assert seen
    assert all(threshold[0] >= 50 * before[0] for threshold in seen)
    assert gc.get_threshold() == before
    # Refused (a folder of other releases): restored all the same.
    (tmp_path / "mixed").mkdir()
    (tmp_path / "mixed" / "2000.01.01.yaml").write_text("title: Other\n", encoding="utf-8")
    seen.clear()
    code, output = run(
        "import-history", str(repo.root), "--file", "README.md", "--out", str(tmp_path / "mixed")
    )
    assert code != 0
    assert seen
    assert gc.get_threshold() == before
