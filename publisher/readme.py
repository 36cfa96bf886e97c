"""The road map back to markdown, through templates/readme/README.md.j2.

The template writes a shape that `importer.import_markdown` reads back exactly: sections as
headings, each resource as a bullet (a link when it has a URL), an optional metadata line
(``*Kind:* course · *Cost:* free …``) and its description quoted below it. Text and links
are escaped by `markdown_escape.markdown_text` and `markdown_link`, so that they read back
as the same text and never turn into a link or markup.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from publisher.importer import (
    META_SEPARATOR,
    RESOURCES_MARK,
    announcing_heading,
    contents_heading,
    escape_shortcodes,
    meta_heading,
    parse_tokens,
    read_otherwise,
    readme_anchor,
    without_closing_colon,
)
from publisher.markdown_escape import markdown_link, markdown_text
from publisher.model import Resource, Roadmap, Section, slugify
from publisher.render import render_template, template_environment

TEMPLATE = "readme/README.md.j2"
# The deepest heading markdown has: sections nested deeper are written at this level.
DEEPEST_HEADING = 6


def code(value: str) -> str:
    """A code span holding ``value`` exactly (fenced with more backticks than it contains)."""
    runs = [len(run) for run in re.findall(r"`+", value)]
    fence = "`" * (max(runs, default=0) + 1)
    padding = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{padding}{value}{padding}{fence}"


def resource_line(resource: Resource) -> str:
    """The bullet's first line: the linked title, or the title alone."""
    return (
        markdown_link(resource.title, resource.url)
        if resource.url
        else markdown_text(resource.title)
    )


def metadata(resource: Resource) -> str:
    """The metadata line under a resource (``*Kind:* course · *Cost:* free``), or ""."""
    parts = []
    if resource.kind:
        parts.append(f"*Kind:* {resource.kind}")
    if resource.author is not None:
        author = resource.author
        name = markdown_link(author.name, author.url) if author.url else markdown_text(author.name)
        parts.append(f"*Author:* {name}")
        if author.email:
            parts.append(f"*Author email:* {markdown_text(author.email)}")
    if resource.tags:
        parts.append(f"*Tags:* {', '.join(code(tag) for tag in resource.tags)}")
    if resource.cost:
        parts.append(f"*Cost:* {resource.cost}")
    if resource.time:
        parts.append(f"*Time:* {markdown_text(resource.time)}")
    if resource.level:
        parts.append(f"*Level:* {resource.level}")
    if resource.prerequisites:
        parts.append(f"*Prerequisites:* {', '.join(code(item) for item in resource.prerequisites)}")
    if resource.id:
        parts.append(f"*ID:* {code(resource.id)}")
    return META_SEPARATOR.join(parts)


def quoted(markdown: str, indent: str = "  ") -> str:
    """Markdown as a blockquote indented under a bullet (every line marked, so none is lazy)."""
    lines = markdown.rstrip("\n").split("\n")
    return "\n".join(f"{indent}> {line}" if line else f"{indent}>" for line in lines)


def heading(section: Section, depth: int) -> str:
    """A section's heading line; an anchor keeps an id that is not the title's slug, and marks
    a section that holds only an intro (which could otherwise read as a resource)."""
    level = min(depth + 2, DEEPEST_HEADING)
    line = f"{'#' * level} {escape_shortcodes(markdown_text(section.title))}"
    only_intro = not section.resources and not section.sections and section.intro
    # An anchor also marks a section whose title reads as a meta section (contributing,
    # license …), and one of an intro and bullets without links (which could read as a course
    # and its syllabus): 'publisher import' keeps the project's own sections as they are.
    course_like = bool(section.intro) and not any(resource.url for resource in section.resources)
    # And one of an intro over a single resource (which could read as a heading that is a
    # resource: its intro the description, the resource's link its one primary link).
    lone_link = bool(section.intro) and len(section.resources) == 1
    # And one whose resources, as written, would read otherwise in a README written by hand
    # (a sentence, a call to action, a talk's credits `"T" by A`, a star count `(★ 15k)`).
    if (
        section.id != slugify(section.title)
        or only_intro
        or course_like
        or lone_link
        or meta_heading(section.title)
        or contents_heading(section.title)
        # A title that announces its bullets (`Each lesson includes:`, `:`) makes plain ones
        # its text in a README written by hand.
        or (announcing_heading(section.title) and bool(section.resources))
        # A closing colon a hand-written heading would lose (`## Books:` is Books).
        or without_closing_colon(section.title) != section.title
        or (
            section.resources
            and read_otherwise("".join(f"- {resource_line(r)}\n" for r in section.resources))
        )
    ):
        line += f" {readme_anchor(section.id)}"
    return line


# Blocks of an intro that `publisher import` could read as resources (or, above resources,
# as labels grouping them) when nothing says where the intro ends.
_RESOURCE_LIKE_TOKENS = frozenset(
    {"bullet_list_open", "ordered_list_open", "table_open", "html_block", "link_open"}
)


def marks_intro(intro: str, has_resources: bool) -> bool:
    """Whether `RESOURCES_MARK` ends ``intro``: between an intro and resources always (a list
    after a list would join it, a short bold line would label the resources), after an intro
    alone when it holds a list, a table, raw HTML or a link (which could read as resources).
    Above the mark, `publisher import` reads everything as the intro, as written."""
    if not intro:
        return False
    if has_resources:
        return True
    for token in parse_tokens(intro):
        if token.type in _RESOURCE_LIKE_TOKENS or any(
            child.type in _RESOURCE_LIKE_TOKENS for child in token.children or ()
        ):
            return True
    return False


def title_intro(intro: str) -> tuple[str, str]:
    """The road map's intro as (what goes above the ``# Title`` line, what goes below it).

    An intro that holds headings (a tagline `### …` that stood above a README's title, which
    `publisher import` keeps in the intro) is cut after its last heading: below the title, a
    heading would read back as a section; above it, the importer reads it as the intro's,
    and joins what is above and below the title with one blank line. A heading of level 1
    is no tagline (above the title it would be read as the title), nor one of level 2 over
    anything but the heading after it (above the title, a level-2 heading is the intro's
    only over nothing, a banner's: `## 👇 Practice Daily on …` over its picture): such an
    intro is written whole below the title."""
    tokens = [token for token in parse_tokens(intro) if token.level == 0]
    headings = [token for token in tokens if token.type == "heading_open" and token.map]
    if not headings or any(token.tag == "h1" for token in headings):
        return "", intro
    lines = intro.rstrip("\n").split("\n")
    for heading, following in itertools.pairwise(headings):
        body = lines[(heading.map or (0, 0))[1] : (following.map or (0, 0))[0]]
        if heading.tag == "h2" and any(line.strip() for line in body):
            return "", intro
    end = headings[-1].map[1] if headings[-1].map else 0
    above, below = lines[:end], lines[end:]
    if not below:
        return intro, ""
    if below[0] or len(below) < 2 or not below[1]:
        return "", intro  # not one blank line after the heading: the join would change it
    return "\n".join(above) + "\n", "\n".join(below[1:]) + "\n"


def block(markdown: str) -> str:
    """A markdown field without its final newline, ready to sit between blank lines."""
    return markdown.rstrip("\n")


# What the template calls as md.text(…), md.heading(…) …
HELPERS = {
    "text": markdown_text,
    "link": markdown_link,
    "resource_line": resource_line,
    "metadata": metadata,
    "quoted": quoted,
    "heading": heading,
    "marks_intro": marks_intro,
    "resources_mark": RESOURCES_MARK,
    "block": block,
    "title_intro": title_intro,
}


def render_readme(roadmap: Roadmap, templates_dir: Path | None = None) -> str:
    """The road map as markdown; raises TemplateError when the template is broken."""
    environment = template_environment(templates_dir)
    rendered = render_template(environment, TEMPLATE, {"roadmap": roadmap, "md": HELPERS})
    return rendered.rstrip("\n") + "\n"
