"""`publisher init`: the files of a new project."""

from __future__ import annotations

import json
import re
from pathlib import Path

from publisher.errors import PublisherError
from publisher.model import Site
from publisher.output import write_files

DEFAULT_TITLE = "My Road Map"

SITE_YAML = """\
# Site settings: how the publication presents itself. Unknown keys are errors.
title: {title}
description: A curated road map of learning resources.
base_url: https://example.org/roadmap/    # where the feeds/ folder is served
language: en
author:
  name: Your Name
  url: https://example.org/
email:
  from: {sender}   # bounces come back to this address
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
title: {title}
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


_PLAIN_TITLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._'()&+-]*")


def _yaml_text(text: str) -> str:
    """``text`` as a YAML scalar: plain when it reads back as itself, else double-quoted
    (JSON's quoting is YAML's)."""
    plain = _PLAIN_TITLE.fullmatch(text) and not text.endswith(" ") and " #" not in text
    return text if plain else json.dumps(text, ensure_ascii=False)


def folder_title(name: str) -> str:
    """A title a reader can read, from a folder's name: ``awesome-python`` → "Awesome
    Python", ``ml_road_map`` → "Ml Road Map"; words not all in lower case are kept as typed
    (``NLP-notes`` → "NLP Notes"). DEFAULT_TITLE when the name holds no word."""
    words = [word for word in re.split(r"[\s_.-]+", name) if word]
    if not any(character.isalnum() for word in words for character in word):
        return DEFAULT_TITLE
    return " ".join(word[0].upper() + word[1:] if word.islower() else word for word in words)


def _fill(template: str, **values: str) -> str:
    # Not str.format: the files hold braces of their own ({token}, YAML flow mappings).
    return re.sub(r"\{(title|sender)\}", lambda match: values[match[1]], template)


def site_yaml(title: str) -> str:
    """data/site.yaml of a new project titled ``title``."""
    return _fill(
        SITE_YAML,
        title=_yaml_text(title),
        sender=json.dumps(f"{title} <roadmap@example.org>", ensure_ascii=False),
    )


def roadmap_yaml(title: str) -> str:
    """The sample data/roadmap.yaml of a new project titled ``title``."""
    return _fill(ROADMAP_YAML, title=_yaml_text(title))


def _written_title(data: bytes) -> str | None:
    """The title on the second line of a file `init` wrote (None when there is none)."""
    import yaml

    lines = data.decode("utf-8", "replace").split("\n", 2)
    if len(lines) < 2 or not lines[1].startswith("title: "):
        return None
    try:
        value = yaml.safe_load(lines[1])
    except yaml.YAMLError:
        return None
    title = value.get("title") if isinstance(value, dict) else None
    return title if isinstance(title, str) else None


def is_init_roadmap(data: bytes) -> bool:
    """Whether ``data`` is the sample working copy `init` wrote, untouched (whatever title
    it gave it): no one's edits, so importing over it loses nothing."""
    title = _written_title(data)
    return title is not None and data == roadmap_yaml(title).encode("utf-8")


def retitled_init_site(data: bytes, title: str, *, folder: str) -> str | None:
    """data/site.yaml as `init` wrote it in ``folder`` (``data``, untouched, its title the
    folder's) with ``title`` instead; None when the file was edited since (a maintainer's
    title stays, even one written on both lines init fills)."""
    written = _written_title(data)
    if (
        written is None
        or written == title
        or written not in (folder_title(folder), DEFAULT_TITLE)
        or data != site_yaml(written).encode("utf-8")
    ):
        return None
    return site_yaml(title)


def example_settings(site: Site) -> tuple[str, ...]:
    """The keys of site.yaml that still hold the example values `init` wrote and that emails
    depend on: ``base_url`` (every link of an email leads there), ``email.from`` (providers
    refuse mail from a reserved domain, and bounces go nowhere), ``email.reply_to`` (replies
    and unsubscribe requests by email go there) and ``email.list_id`` (the List-Id names a
    domain that is not the maintainer's). Each is checked on its own: changing the sender
    alone leaves replies going to example.org."""
    keys = []
    if site.base_url == "https://example.org/roadmap/":
        keys.append("base_url")
    email = site.email
    if email.from_address.endswith("<roadmap@example.org>"):
        keys.append("email.from")
    if email.reply_to == "roadmap@example.org":
        keys.append("email.reply_to")
    if email.list_id == "roadmap.example.org":
        keys.append("email.list_id")
    return tuple(keys)


def create_project(directory: Path) -> list[Path]:
    """Write a new project into ``directory`` (created if missing); refuses a non-empty one.
    The project is titled after the folder's name (see `folder_title`).

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
    title = folder_title(directory.resolve().name)
    files = {
        directory / "data" / "site.yaml": site_yaml(title),
        directory / "data" / "roadmap.yaml": roadmap_yaml(title),
        directory / "data" / "releases" / ".gitkeep": "",
        directory / ".gitignore": GITIGNORE,
    }
    write_files(files)
    return list(files)
