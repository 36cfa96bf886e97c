"""The GitHub Actions workflow that publishes a project: `publisher ci github` writes it.

On a push to the default branch (and by hand): install, `sync` the README (README-first
projects) or `validate`, `build`, commit what the build made, deploy the output to GitHub
Pages with the official Pages actions; then, when the push brought a new release, `send` its
email, in a job guarded by the `email` environment (a manual approval, set up once in the
repository's settings). A pure function of its options: the CLI writes the text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from publisher.errors import Problem, PublisherError

WORKFLOW_PATH = ".github/workflows/publish.yml"
DEFAULT_INSTALL = "roadmap-publisher"
_BRANCH = re.compile(r"[A-Za-z0-9._/-]+")
_PYTHON = re.compile(r"3\.\d+")


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkflowOptions:
    """What the workflow is made for."""

    branch: str = "main"
    readme: str = ""  # README-first: the markdown file `publisher sync` imports
    python: str = "3.12"
    install: str = DEFAULT_INSTALL  # what pip installs (a requirement or a path)
    output: str = "feeds"  # the folder deployed to Pages


def _quoted(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars.
    return json.dumps(text)


def _check(options: WorkflowOptions) -> None:
    problems = []
    if not _BRANCH.fullmatch(options.branch):
        problems.append(f"--branch {options.branch!r}: not a branch name")
    if not _PYTHON.fullmatch(options.python):
        problems.append(f"--python {options.python!r}: use a version such as 3.12")
    for name, value in (("--readme", options.readme), ("--install", options.install)):
        if any(character in value for character in "\n\r'\"$`\\"):
            problems.append(f"{name} {value!r}: quotes, '$', '`' and line breaks are not allowed")
    if problems:
        raise PublisherError([Problem(message=problem) for problem in problems])


def render_workflow(options: WorkflowOptions) -> str:
    """The text of .github/workflows/publish.yml; raises PublisherError for options that
    cannot be written safely into a workflow."""
    _check(options)
    if options.readme:
        update = (
            "      - name: Release the README if it changed\n"
            f"        run: publisher sync '{options.readme}'\n"
        )
        watched = f"data templates '{options.readme}'"
    else:
        update = "      - name: Validate the data\n        run: publisher validate\n"
        watched = "data templates"
    return (
        _TEMPLATE.replace("@BRANCH@", _quoted(options.branch))
        .replace("@PYTHON@", _quoted(options.python))
        .replace("@INSTALL@", options.install)
        .replace("@OUTPUT@", options.output)
        .replace("@UPDATE@", update)
        .replace("@WATCHED@", watched)
    )


_TEMPLATE = """\
# Written by `publisher ci github`. On every push to the default branch: build the road map,
# deploy it to GitHub Pages, and, when the push brought a new release, send its email once
# someone approves the `email` environment. See README.md, "Publishing from GitHub Actions".
name: publish

on:
  push:
    branches: [@BRANCH@]
  workflow_dispatch:

permissions:
  contents: read

concurrency:
  group: publish
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: write  # commits the release and outputs the build made
    outputs:
      release: ${{ steps.commit.outputs.release }}
      commit: ${{ steps.commit.outputs.commit }}
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: @PYTHON@
      - name: Install
        run: python -m pip install '@INSTALL@'
@UPDATE@      - name: Build
        run: publisher build
      - name: Commit what the build made, and name the new release
        id: commit
        env:
          BEFORE: ${{ github.event.before }}
        run: |
          git config user.name "github-actions[bot]"
          git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
          git add --all -- @WATCHED@ @OUTPUT@ CHANGELOG.md
          if ! git diff --cached --quiet; then
            git commit -m "Publish the build (and a release made from the README)"
            git push
          fi
          # A release file added by this push or by sync above is the release to send.
          if [ -z "$BEFORE" ] || ! git cat-file -e "$BEFORE^{commit}" 2>/dev/null; then
            BEFORE="$(git rev-list --max-parents=0 HEAD | tail -n 1)"
          fi
          added="$(git diff --name-only --diff-filter=A "$BEFORE" HEAD -- data/releases \\
            | sed -n 's|^data/releases/\\(.*\\)\\.ya\\?ml$|\\1|p' | tail -n 1)"
          echo "release=$added" >> "$GITHUB_OUTPUT"
          echo "commit=$(git rev-parse HEAD)" >> "$GITHUB_OUTPUT"
      - uses: actions/configure-pages@v5
      - uses: actions/upload-pages-artifact@v3
        with:
          path: @OUTPUT@

  deploy:
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4

  send:
    needs: [build, deploy]
    if: needs.build.outputs.release != ''
    runs-on: ubuntu-latest
    environment: email  # add required reviewers to this environment: each send waits for one
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ needs.build.outputs.commit }}
      - uses: actions/setup-python@v5
        with:
          python-version: @PYTHON@
      - name: Install
        run: python -m pip install '@INSTALL@'
      - name: Send the release email
        env:
          RELEASE: ${{ needs.build.outputs.release }}
          PUBLISHER_SMTP_URL: ${{ secrets.PUBLISHER_SMTP_URL }}
          PUBLISHER_SMTP_PASSWORD: ${{ secrets.PUBLISHER_SMTP_PASSWORD }}
          PUBLISHER_SECRET_KEY: ${{ secrets.PUBLISHER_SECRET_KEY }}
          # The store `publisher serve` fills (PostgreSQL): its confirmed subscribers get the
          # email; the list's readers are recorded there, so their unsubscribe links work on
          # serve; and the ledger outlives the runner.
          PUBLISHER_DATABASE_URL: ${{ secrets.PUBLISHER_DATABASE_URL }}
          SUBSCRIBERS_CSV: ${{ secrets.SUBSCRIBERS_CSV }}
        run: |
          if [ -z "$SUBSCRIBERS_CSV" ] && [ -z "$PUBLISHER_DATABASE_URL" ]; then
            echo "::error::No one to send to: set the secret SUBSCRIBERS_CSV (a list:" \\
              "email,name,sections) or PUBLISHER_DATABASE_URL (the store serve fills)"
            exit 1
          fi
          status=0
          if [ -n "$SUBSCRIBERS_CSV" ]; then
            subscribers="$RUNNER_TEMP/subscribers.csv"
            printf '%s\\n' "$SUBSCRIBERS_CSV" > "$subscribers"
            publisher send "$RELEASE" --subscribers "$subscribers" --yes || status=$?
          fi
          if [ -n "$PUBLISHER_DATABASE_URL" ]; then
            # The confirmed subscribers of the store (who is on both gets it once: the ledger).
            publisher send "$RELEASE" --yes || status=$?
          fi
          exit "$status"
"""
