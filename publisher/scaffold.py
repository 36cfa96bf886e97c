"""`publisher init`: the files of a new project."""

from __future__ import annotations

from pathlib import Path

from publisher.errors import PublisherError
from publisher.output import write_files

SITE_YAML = """\
# Site settings: how the publication presents itself. Unknown keys are errors.
title: My Road Map
description: A curated road map of learning resources.
base_url: https://example.org/roadmap/    # where the feeds/ folder is served
language: en
author:
  name: Your Name
  url: https://example.org/
email:
  from: "My Road Map <roadmap@example.org>"   # bounces come back to this address
  reply_to: roadmap@example.org
  list_id: roadmap.example.org
  # The emails' unsubscribe link: by default next to subscribe_url (below), else a mailto to
  # reply_to. Set it only for an unsubscribe page of your own:
  # unsubscribe_url: https://example.org/unsubscribe?token={token}
feeds:
  entries: 50
# Where `publisher serve` (subscribe, confirm, unsubscribe) is reached: the page's subscribe
# form and the emails' unsubscribe links follow from it.
# subscribe_url: https://news.example.org/subscribe
"""

ROADMAP_YAML = """\
# The working copy: edit it, then freeze it with `publisher release VERSION`.
title: My Road Map
intro: |
  The resources I recommend, in the order I recommend them.
sections:
  - title: Getting Started
    intro: |
      Where to begin.
    resources:
      - title: CS50's Introduction to Programming with Python
        url: https://cs50.harvard.edu/python/
        kind: course
        author: {name: David J. Malan}
        description: |
          A free course that teaches programming *and* Python.
        tags: [python]
        cost: free
        level: beginner
"""

GITIGNORE = """\
# State of roadmap-publisher (send ledger, caches): never committed.
.publisher/
# Subscriber lists hold personal data: never committed.
subscribers*.csv
"""


def create_project(directory: Path) -> list[Path]:
    """Write a new project into ``directory`` (created if missing); refuses a non-empty one.

    Returns the files written.
    """
    if directory.exists() and not directory.is_dir():
        raise PublisherError(f"{directory}: exists and is not a folder")
    if directory.is_dir() and any(directory.iterdir()):
        raise PublisherError(
            f"{directory}: is not empty; 'publisher init' only starts new projects (to add "
            "one to a folder you have, such as your list's repository: 'publisher init "
            "NEW-FOLDER', then move its data/ in and add its .gitignore lines to yours)"
        )
    files = {
        directory / "data" / "site.yaml": SITE_YAML,
        directory / "data" / "roadmap.yaml": ROADMAP_YAML,
        directory / "data" / "releases" / ".gitkeep": "",
        directory / ".gitignore": GITIGNORE,
    }
    write_files(files)
    return list(files)
