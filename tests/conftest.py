"""Shared fixtures: the repository's own project, and a scratch copy of it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from postgres import PostgresCluster, find_postgres_bin

# Hypothesis profiles. CI runs the property tests derandomized: the examples are a fixed
# function of each test (its name and source), so a CI run passes or fails on the code alone.
# With random seeds a property that fails on one example in a thousand fails some CI run
# of somebody else's unrelated change, sinking that submission, and the failure reads as
# theirs. Such failures must be found while exploring (the random `dev` profile, more
# examples and varied --hypothesis-seed, see tests/strategies.py) and fixed in the code or
# in the strategy, not met by chance in CI. Not weaker: the same max_examples as the random
# runs (100, or what a test's own @settings says), every phase, and print_blob so a CI
# failure can be replayed exactly with @reproduce_failure. No deadline and no too_slow
# health check in CI: a shared 2-core machine must not fail a test on timing.
# Hypothesis itself loads a "ci" profile when CI is set since 6.1xx; registering ours keeps
# that true for every version pyproject allows and says what the profile is.
settings.register_profile(
    "ci",
    settings.get_profile("default"),
    max_examples=100,
    derandomize=True,
    print_blob=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# Developers: random examples (Hypothesis' defaults), a new draw every run.
settings.register_profile("dev", settings.get_profile("default"))
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if "CI" in os.environ else "dev")
)

REPOSITORY = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
# The golden files a test rewrote under --update-golden: the test then reports as skipped.
_REWRITTEN = pytest.StashKey[list[str]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite the golden files under tests/golden/ from the current output "
        "(then review the diff).",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str | bytes], None]:
    """``golden("changelog/CHANGELOG.md", actual)`` compares ``actual`` with that file under
    tests/golden/; with --update-golden it rewrites the file instead, and the test reports
    as skipped ("rewritten"): a rewrite checks nothing, it must not read as a pass."""
    update = bool(request.config.getoption("--update-golden"))
    rewritten = request.node.stash.setdefault(_REWRITTEN, [])

    def compare(name: str, actual: str | bytes) -> None:
        data = actual.encode("utf-8") if isinstance(actual, str) else actual
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            rewritten.append(name)
            return
        assert path.is_file(), f"no golden file {path}: run pytest --update-golden"
        expected = path.read_bytes()
        if isinstance(actual, str):
            assert actual == expected.decode("utf-8"), f"differs from {path}"
        else:
            assert data == expected, f"differs from {path}"

    return compare


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """A test that rewrote golden files (and else passed) is reported as skipped."""
    outcome = yield
    report = outcome.get_result()
    rewritten = item.stash.get(_REWRITTEN, [])
    if report.when == "call" and report.passed and rewritten:
        report.outcome = "skipped"
        line = item.location[1] or 0
        report.longrepr = (str(item.path), line, f"rewritten: {', '.join(rewritten)}")


@pytest.fixture
def repository() -> Path:
    """The repository root (itself a project with the seed's data)."""
    return REPOSITORY


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of the bundled project's data/, safe to edit."""
    root = tmp_path / "project"
    shutil.copytree(REPOSITORY / "data", root / "data")
    return root


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A scratch copy of the small fixture project (tests/fixtures/changelog-project), not
    built yet."""
    folder = tmp_path / "project"
    shutil.copytree(REPOSITORY / "tests" / "fixtures" / "changelog-project", folder)
    return folder


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """A throwaway PostgreSQL cluster for the whole session. Skipped when PostgreSQL is not
    installed, except under CI (the variable CI set), where its absence is a failure."""
    if find_postgres_bin() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed, and CI must run the PostgreSQL tests")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    with PostgresCluster() as cluster:
        yield cluster


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """PUBLISHER_DATABASE_URL for a fresh, empty store: "" (the SQLite default under the
    state folder) or a new database in the session's PostgreSQL cluster."""
    if request.param == "sqlite":
        return ""
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    return cluster.create_database()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the session (Debian's, through Playwright's sync API, which
    allows one instance per thread: every browser test shares this one). Skipped when
    missing, except under CI."""
    from browser import find_chromium

    def missing(what: str) -> None:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is missing, and CI must run the browser tests")
        pytest.skip(f"{what} is not installed (.ci/run installs it)")

    executable = find_chromium()
    if executable is None:
        missing("Chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            # Pages under test must not reach the network: every host resolves nowhere (the
            # servers under test are reached by IP address, 127.0.0.1).
            args=["--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
        )
        yield browser
        browser.close()
