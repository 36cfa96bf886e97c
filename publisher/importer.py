"""Markdown road map → model, read from a CommonMark parser's tokens (never regexes over lines).

Three steps: `_digest` turns one piece of markdown into blocks (headings, intro material,
resource candidates from bullets and tables); `_units` groups blocks under their headings;
`_assemble` turns the units of a whole document into sections and resources (`_Outliner`
reads what each heading is, `_Freezer` makes the model with unique identities).

Every step is cached by content, so the many nearly equal versions of a file in a git history
only parse what changed: the document is cut into pieces (at headings, bullet items and table
rows, where a block always ends: see `_groups`), and unchanged pieces, units, sections and
resources are reused as they are (the tests check that pieces read exactly like the whole).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
import unicodedata
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from html import unescape as html_unescape
from pathlib import PurePosixPath
from typing import Any, TypeVar
from urllib.parse import unquote, urljoin, urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.html_blocks import block_names as html_block_names
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from publisher.conflicts import CONFLICT_STARTS, conflict_markers
from publisher.errors import DataError, Problem, located
from publisher.identity_memo import (
    IdentityMemo,
    ObjectMemo,
    RecentMemo,
    keep_needed,
    made_with_needs,
    recent_cache,
)
from publisher.links import section_feed_folder, url_problem
from publisher.markdown_escape import markdown_link, markdown_text
from publisher.model import (
    COSTS,
    KINDS,
    LEVELS,
    PLACEHOLDER_TEXT,
    Author,
    Resource,
    Roadmap,
    Section,
    normalize_url,
    slugify,
)

# A plain bullet longer than this reads as a sentence (advice), not as the name of a topic.
PLAIN_TITLE_LIMIT = 100
# Road maps mark a resource's kind with a leading emoji.
EMOJI_KINDS = {
    "📚": "book",
    "📖": "book",
    "📕": "book",
    "📘": "book",
    "📗": "book",
    "🎓": "course",
    "🏫": "course",
    "🎥": "video",
    "📺": "video",
    "🎬": "video",
    "▶": "video",
    "📹": "video",
    "📝": "article",
    "📄": "article",
    "✍": "article",
    "📰": "newsletter",
    "📧": "newsletter",
    "✉": "newsletter",
    "📨": "newsletter",
    "👤": "person",
    "🧑": "person",
    "👩": "person",
    "👨": "person",
    "🛠": "tool",
    "🔧": "tool",
    "⚙": "tool",
    "🧰": "tool",
    "📑": "paper",
    "🔬": "paper",
    "📜": "paper",
    "💡": "topic",
}
# The GitHub shortcodes (gemoji names) of those emoji: `:book:` is drawn as 📖, so it marks
# the kind 📖 marks.
SHORTCODE_EMOJI = {
    "books": "📚",
    "book": "📖",
    "open_book": "📖",
    "closed_book": "📕",
    "blue_book": "📘",
    "green_book": "📗",
    "mortar_board": "🎓",
    "school": "🏫",
    "movie_camera": "🎥",
    "tv": "📺",
    "clapper": "🎬",
    "arrow_forward": "▶",
    "video_camera": "📹",
    "memo": "📝",
    "pencil": "📝",
    "page_facing_up": "📄",
    "writing_hand": "✍",
    "newspaper": "📰",
    "email": "📧",
    "e-mail": "📧",
    "envelope": "✉",
    "incoming_envelope": "📨",
    "bust_in_silhouette": "👤",
    "adult": "🧑",
    "woman": "👩",
    "man": "👨",
    "hammer_and_wrench": "🛠",
    "wrench": "🔧",
    "gear": "⚙",
    "toolbox": "🧰",
    "bookmark_tabs": "📑",
    "microscope": "🔬",
    "scroll": "📜",
    "bulb": "💡",
}
KIND_WORDS = {
    **{kind: kind for kind in KINDS},
    **{f"{kind}s": kind for kind in KINDS},
    "mooc": "course",
    "specialization": "course",
    "tutorial": "article",
    "blog": "article",
    "blog post": "article",
    "post": "article",
    "youtube": "video",
    "playlist": "video",
    "lecture": "video",
    "lectures": "video",
    "podcast": "other",
    "library": "tool",
    "framework": "tool",
    "software": "tool",
    "textbook": "book",
    "ebook": "book",
}
# Their plurals, as the kinds' own are (`## Textbooks`, `Podcasts:` name a kind as `Books`).
KIND_WORDS.update(
    {
        "moocs": "course",
        "specializations": "course",
        "tutorials": "article",
        "blogs": "article",
        "posts": "article",
        "playlists": "video",
        "podcasts": "other",
        "libraries": "tool",
        "frameworks": "tool",
        "textbooks": "book",
        "ebooks": "book",
    }
)
# Table header names → resource fields.
COLUMN_FIELDS = {
    "title": "title",
    "resource": "title",
    "name": "title",
    "course": "title",
    "book": "title",
    "link": "url",
    "linked": "url",
    "url": "url",
    "article": "url",
    "author": "author",
    "authors": "author",
    "by": "author",
    "instructor": "author",
    "type": "kind",
    "kind": "kind",
    "format": "kind",
    "topic": "tags",
    "topics": "tags",
    "tags": "tags",
    "tag": "tags",
    "keywords": "tags",
    "keyword": "tags",
    "category": "tags",
    "subject": "tags",
    "area": "tags",
    "domain": "tags",
    "theme": "tags",
    "skill": "tags",
    # A project's programming language (`| Project Name | Stars | Language |`), or a
    # resource's: what kind of thing it is, a tag, never its title.
    "language": "tags",
    "description": "description",
    "details": "description",
    "detail": "description",
    "notes": "description",
    "note": "description",
    "why": "description",
    "comment": "description",
    "cost": "cost",
    "price": "cost",
    "time": "time",
    "duration": "time",
    "length": "time",
    "level": "level",
    "difficulty": "level",
    # The same headers in the languages of the lists (`| Proje | Etiketler |`,
    # `| 名称 | 描述 |`): a table's description column read as one, not left out.
    **dict.fromkeys(
        (
            "名称", "名字", "项目名称", "标题", "標題", "名前", "이름", "название", "nombre",
            "nome", "nom", "titel", "título", "titre", "tên", "nama", "proje", "proyek",
        ),
        "title",
    ),
    **dict.fromkeys(
        (
            "链接", "地址", "网址", "連結", "リンク", "링크", "ссылка", "enlace", "lien",
            "tautan", "ba\u011flant\u0131",
        ),
        "url",
    ),
    **dict.fromkeys(
        (
            "作者", "著者", "저자", "작성자", "автор", "autor", "auteur", "penulis", "pembuat",
            "yazar",
        ),
        "author",
    ),
    **dict.fromkeys(
        (
            "标签", "標籤", "分类", "类别", "タグ", "カテゴリ", "태그", "분류", "теги", "тема",
            "категория", "etiquetas", "categoría", "categoria", "kategorie", "catégorie",
            "kategori", "etiketler", "konu",
        ),
        "tags",
    ),
    **dict.fromkeys(
        (
            "描述", "简介", "介绍", "说明", "說明", "説明", "概要", "설명", "описание",
            "descripción", "descrição", "beschreibung", "a\u00e7\u0131klama", "deskripsi",
            "keterangan", "توضیحات", "الوصف",
        ),
        "description",
    ),
}  # fmt: skip
# Link texts that name a course's material: under (or after) a course, not resources of their own.
MATERIAL_LABELS = frozenset(
    {
        "syllabus", "lecture notes", "lectures", "lecture videos", "lecture slides", "videos",
        "video", "slides", "notes", "assignments", "assignment", "labs", "lab", "readings",
        "exams", "old exams", "homework", "homeworks", "projects", "problem sets", "solutions",
        "materials", "course materials", "link to materials", "discussion notes",
        "recitations", "labs assignments", "lecture notes & assignments", "youtube playlist",
    }
)  # fmt: skip
# Headings of meta sections (about the list, not part of it), matched on the heading's words.
META_HEADINGS = frozenset(
    {
        "contributing", "contribute", "contributors", "contribution", "contributions",
        "contribution guidelines", "contributing guidelines", "how to contribute",
        "how to collaborate", "how to use", "how to use it", "how to use this list",
        "how to use this repo", "how to use this repository", "how to use this guide",
        "how to read this list", "license",
        "licence", "licensing", "sponsors", "sponsor", "sponsorship", "backers", "supporters",
        "donate", "donations", "acknowledgements", "acknowledgments", "acknowledgement",
        "thanks", "thank you", "special thanks", "credits", "code of conduct", "legend", "team",
        "the team", "core team", "maintainers",
        "authors", "author", "about the author", "about me", "作者", "关于作者", "작성자", "저자",
        "citation", "cite", "star history", "stargazers", "contact", "label guide",
        "join the community", "join our community", "join us", "follow us", "get in touch",
        "stay in touch",
        # The same headings in the languages of the lists (`## 参与交流` over how to send a pull
        # request and the contributors' page is the list's own business, not a resource).
        "参与交流", "参与贡献", "贡献", "如何贡献", "贡献指南", "贡献者", "許可證", "许可证",
        "许可", "开源协议", "致谢", "鸣谢", "感谢", "赞助", "赞助商", "联系我们", "參與貢獻",
        "貢獻", "致謝", "貢献", "コントリビュート", "コントリビューション", "貢献方法",
        "ライセンス", "謝辞", "スポンサー",
        "기여", "기여하기", "기여 방법", "라이선스", "라이센스", "감사", "감사의 말", "후원",
        "лицензия", "благодарности", "спонсоры", "участие", "как помочь", "как внести вклад",
        "contribuir", "como contribuir", "cómo contribuir", "contribuciones", "contribuições",
        # (the imperatives and "collaborate", as "how to collaborate" is above: `## 🚨 Colabore`)
        "contribua", "contribuya", "contribuye", "colabore", "colabora", "colaborar",
        "como colaborar", "cómo colaborar", "colaboradores", "contribuidores",
        "licencia", "licença", "agradecimientos", "agradecimentos", "patrocinadores",
        "mitwirken", "lizenz", "danksagung", "remerciements", "contribuer", "contributeurs",
        # What a list's marks mean (`## 🏷️ 라벨 가이드`, "label guide": `- **무료**: <sub>F</sub>`).
        "라벨 가이드", "범례", "图例", "凡例", "легенда", "leyenda", "légende",
    }
)  # fmt: skip
# Headings over a table of contents: it lists the document's sections, so the deeper headings
# after it (`## Contents` then `### Topic`, levels as written) are never its own. Only over
# no resources of its own (`_is_contents`): a 目录 of chapter links is a section of them.
CONTENTS_HEADINGS = frozenset(
    {
        "table of contents", "contents", "toc", "目次", "目录", "目錄", "목차", "содержание",
        "оглавление", "inhalt", "inhaltsverzeichnis", "sommaire", "table des matières",
        "tabla de contenidos", "contenidos", "contenido", "conteúdo", "sumário", "inhoud",
        "inhoudsopgave", "spis treści", "içindekiler", "mục lục",
    }
)  # fmt: skip
# Headings that name a table of contents only over a list of anchors (`## Index` over
# anchors, then `### Animals`): over prose or resources of their own they are a section.
INDEX_HEADINGS = frozenset({"index", "índice", "indice"})
# "Contributing to the list", "Sponsor us", "Donate to the project" …: a meta word first, about
# the project after it. ("Support this road map" stays: a section of calls to action, no
# resources in it, and a project may mean it; "Support Vector Machines" stays too.)
_META_PHRASE = re.compile(
    r"^(?:sponsor|sponsors|contribut\w*|donate|thanks|license|how to use)\b.*"
    r"\b(?:this|the|us|our|me|project|repo|repository|list|road ?map|guide|guidelines|work)$"
)
# The metadata line `publisher readme` writes under a resource: *Kind:* course · *Cost:* free …
META_KEYS = {
    "kind": "kind",
    "author": "author",
    "authors": "author",  # (read only: `publisher readme` writes "Author")
    "author email": "author_email",
    "tags": "tags",
    "cost": "cost",
    "time": "time",
    "level": "level",
    "prerequisites": "prerequisites",
    "id": "id",
}
META_SEPARATOR = " · "
# Dashes, colon, bar, dot; and the full-width colon Chinese and Japanese lists write
# (`- [名称](…)\uff1a描述`), as the ASCII `: ` is written in others.
_DESCRIPTION_SEPARATORS = ("-", "\u2013", "\u2014", ":", "|", "\u00b7", "\uff1a")
# Matched at the newline before the line: a literal first character keeps the search fast.
_HEADING_LINE = re.compile(r"\n(?=#{1,6}(?:[ \t\n]|$))")
# A bullet item at column 0. Ordered items are not cut: one that does not start at 1 does
# not interrupt a paragraph, so a piece of its own could read differently.
_ITEM_LINE = re.compile(r"\n(?=[-*+][ \t]+\S)")
# A bullet item at column 0 (a line `_ITEM_LINE` cuts before).
_BULLET_ITEM = re.compile(r"[-*+][ \t]+\S")
# A table's header and delimiter rows, both starting with "|" at column 0.
_TABLE_HEAD = re.compile(
    r"^(\|[^\n]*)\n(\|[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*)$", re.M
)
_TABLE_LINE = re.compile(r"\n(?=\|)")
# A link destination `](…)` and an autolink `<…>`, each with the run that fails to close:
# a run that meets whitespace or the end before its closing character fails from every start
# inside it too, so taking it whole finds the same links in one pass over the line (the
# closing group empty: no link). Without the run, the search tried again from each start
# inside it: quadratic on a line of `[a](` or `<` repeated (32,000 characters: 8 s).
_LINK_DESTINATION = re.compile(r"\]\([^)\s]*(\))?")
_AUTOLINK = re.compile(r"<[^>\s]*(>)?")
_HTML_START = re.compile(r"^ {0,3}<", re.MULTILINE)
# The anchor as `publisher readme` writes it (`readme_anchor`): not an author's
# `<a name='x'>` nor `<a id="x">`, which only give a section its id.
_README_ANCHOR = re.compile(r'<a id="[^"<>]+" data-publisher>')


# What `publisher readme` writes between a section's intro and its resources.
RESOURCES_MARK = "<!-- resources -->"


def readme_anchor(section_id: str) -> str:
    """The anchor `publisher readme` ends a heading with to keep its section as it is (its
    id, and what it writes under it read as written); GitHub shows nothing of it."""
    return f'<a id="{section_id}" data-publisher></a>'


_ANCHOR_ID = re.compile(r"""<a\s+(?:id|name)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
# The tags of a named anchor with no link, each an html_inline token of its own: `<a name="x">`
# (`id=` too) and `</a>`.
_EMPTY_ANCHOR = re.compile(
    r"""^(?:<a\s+(?:id|name)\s*=\s*["'][^"']*["']\s*/?>|</a>)\s*$""", re.IGNORECASE
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# A footnote reference (`## Models [^7]`, `RoBERTa (base) [^4]`): GitHub draws it as a small
# number linking to the note, no part of the words a reader sees as a title.
_FOOTNOTE_REFERENCE = re.compile(r"\s*\[\^[^\]\s]+\]")
_VARIATION = re.compile("[\ufe0e\ufe0f\u200d]")
# An emoji shortcode (`:open_hands:`, `:+1:`), standing alone: not `std::vector::at`, `10:30:00`.
# Escaped (`\:rocket:`) it is text: a title that holds one is written so by `escape_shortcodes`.
_SHORTCODE = re.compile(r"(?<![\w:\\]):(?=[a-z0-9_+-]*[a-z])[a-z0-9_+-]+:(?![\w:])")
# One first in a description after a link (`[Book](…) :worried:`, `:100:`): an emoji marker.
_SHORTCODE_FIRST = re.compile(r":[a-z0-9_+-]+:(?![\w:])")
# One at the start of a text, then its spaces: `:movie_camera: ` before an item's link.
_LEADING_SHORTCODE = re.compile(r":(?=[a-z0-9_+-]*[a-z])[a-z0-9_+-]+:(?![\w:])\s*")
# Link texts of a paper list: what each link leads to, not the paper's title.
_PAPER_LINK = re.compile(
    r"\b(?:paper|pdf|arxiv|code|github|slides?|sildes|video|project|website|blog|demo|html|"
    r"openreview|doi|bibtex|poster|talk|supplementary|supp|dataset|homepage|page|"
    r"official|unofficial|pytorch|tensorflow|jax|model|weights|notebook|colab|link)\b"
)
_PAPER_OWN = re.compile(r"^(?:paper|pdf|arxiv|html|openreview|doi)\b")
# A bracketed label that says only "link" (`**DESOBA**: … [[pdf]](…) [[link]](…)`): the link
# to the entry itself, where the others name a document about it (its paper, its code).
_ENTRY_OWN = "link"
# A citation's reference number ("[4]", "4.") and its quoted title ("Title." in quotes).
_CITATION_NUMBER = re.compile(r"^\s*\[?\d{1,4}[\].]")
# Its words between the quotes, trimmed by `_quoted_title` (one greedy class between the
# quotes: no two quantifiers that can both take a space or a dot, which made a long run of
# '. . .' quadratic).
_QUOTED_TITLE = re.compile(r"[\"\u201c]([^\"\u201c\u201d]*)[\"\u201d]")
# What joins a group bullet's label to its link: "MySQL - ", "Type checkers, also see ".
_GROUP_LABEL_TAIL = re.compile(
    r"(?:[\s,;:(\u2013\u2014|-]+(?:also\s+)?see\b)?[\s,;:(\u2013\u2014|-]*$", re.I
)
_SENTENCE_BREAK = re.compile(r"[a-z][.!?] [A-Z]")
# Letters of scripts written without spaces between words: Han, hiragana, katakana.
_UNSPACED_LETTER = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A paragraph that announces a list: "the following", and Chinese's 以下, 如下, 下列.
_FOLLOWING = re.compile(r"\bthe following\b|\u4ee5\u4e0b|\u5982\u4e0b|\u4e0b\u5217", re.IGNORECASE)
# Clause and list punctuation of CJK text (full-width comma, enumeration comma, full stop,
# semicolon, colon, exclamation and question marks): a sentence or an enumeration, no name.
_CJK_CLAUSE = re.compile("[\uff0c\u3001\u3002\uff1b\uff1a\uff01\uff1f]")
_HTML_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_HTML_SRC = re.compile(r"""<img\s[^>]*?src\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
# Status badges: images that say something about a project, not links to a resource.
_BADGE_SOURCE = re.compile(
    r"shields\.io|badgen\.net|badge\.fury\.io|travis-ci\.|circleci\.com|codecov\.io|/badge",
    re.IGNORECASE,
)
# Table headers of a numbering column ("| # | Course |", or no header at all).
_NUMBERING = frozenset(
    {"", "#", "no", "no.", "nr", "nr.", "num", "number", "s.no", "s. no", "sl", "sl.", "sl no"}
    | {"sr", "sr.", "sr. no", "sr no", "index", "idx", "n°"}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportResult:
    """A markdown road map read into the model, with what the importer skipped or guessed."""

    roadmap: Roadmap
    warnings: tuple[Problem, ...] = ()
    # The ids of sections written in the markdown (a heading's `<a id="x">` or `<a name>`
    # anchor), not made from its title: a curator's choice, which `keep_section_ids` keeps.
    explicit_section_ids: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True, kw_only=True)
class _Candidate:
    """A resource read from a bullet, a table row or a heading, before identities are given."""

    title: str
    line: int
    url: str = ""
    id: str = ""
    kind: str = ""
    author: Author | None = None
    description: str = ""
    tags: tuple[str, ...] = ()
    cost: str = ""
    time: str = ""
    level: str = ""
    prerequisites: tuple[str, ...] = ()
    # The links after an item's leading link, in its first paragraph (`[Midterm](projects/)
    # after [Module 6](06-trees/)`): a recap of resources listed above cites them all.
    cites: tuple[str, ...] = ()
    # A plain bullet whose nested bullets are resources: it becomes a section of its own.
    children: tuple[_Candidate, ...] = ()
    # The other links of a bullet naming a topic then its links (`- **CI/CD**: [A](…), [B](…)`):
    # resources of the same list, after this one (`_labelled_links`).
    siblings: tuple[_Candidate, ...] = ()
    # The other links of a table cell holding several one under another (`[A](…)<br/>[B](…)`):
    # resources of their own, after this one, once the table's rows are settled
    # (`_with_topics`).
    stacked: tuple[_Candidate, ...] = ()
    group: bool = False
    # A table row whose first cell is empty: it takes the topic (tags) of the row above.
    continuation: bool = False
    # A schedule's row whose Topic is empty, linking material: the lecture above continued,
    # titled by it (`_with_topics`), where that row is of the same schedule: its header's
    # names, on each of its rows.
    titled_above: bool = False
    schedule: str = ""
    # Its tags from a type column naming no known kind (`_table_row`), after its topic's:
    # the row's own, which a continuation row below does not take.
    typed: tuple[str, ...] = ()
    # A table row read with its title from the next untitled column, and whether its title
    # column is empty there (then the table's first such column groups rows: `_regrouped`).
    regrouped: _Candidate | None = None
    lead_empty: bool = False
    # A row whose next column holds placeholder text (``| main | (none) | Y |``): skipped,
    # with this warning, when that column turns out to be the title (`_regrouped`).
    regrouped_skip: str = ""
    # A row of a table whose notes column may hold its resources (`_linked_row`): that
    # reading and its warnings, the warnings of this one; whether that cell starts with its
    # link, or says anything but a placeholder; whether this reading has no row at all.
    relinkable: bool = False
    linked: _Candidate | None = None
    linked_warnings: tuple[str, ...] = ()
    unlinked_warnings: tuple[str, ...] = ()
    linked_led: bool = False
    linked_counts: bool = False
    linked_only: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class _Block:
    """One top-level block of the document, digested.

    kind: "heading", "text" (intro or description material), "resources" (a list or table of
    resources), "skip" (badges, raw HTML, tables of contents) or "list" (a list, to be
    decided with its neighbours by `_resolve_lists`). ``start``/``end``: 0-based
    line range in the whole document.
    """

    kind: str
    start: int
    end: int
    level: int = 0
    title: str = ""
    url: str = ""
    url_labelled: bool = False  # a heading's link after a lesson's label ("Day01 - [x](…)")
    # A heading citing a work as a bibliography does (`_cited_heading`): the citation, kept
    # for the resource's description, and the work's title, the resource's (a section
    # keeps the heading's words, `title`).
    citation: str = ""
    citation_title: str = ""
    # A dated heading's link text (`### 2018 - [Learning Go](…) *Free*`, `_dated_link`): the
    # title of the resource it stands for, the year and marks around the link left out.
    link_title: str = ""
    # A heading's links after its name and a dash (`#### 青杨 - [GitHub](…)`), as markdown:
    # its owner's pages, kept in the section's intro, not in its title (`_owner_links`).
    owner_links: str = ""
    # A heading whose words hold links its reading leaves out of its title (`### Great [list
    # of 25 books](books.md)`): the heading as markdown, kept in its section's intro.
    linked_words: str = ""
    into_document: bool = False  # a heading that is a link to an anchor (`### [A](#a-1)`)
    anchor: str = ""
    # Its anchor ends the line as `publisher readme` writes one to keep a section as it is
    # (`## Title <a id="x" data-publisher></a>`): a section, never skipped nor a resource, and
    # its bullets, as that command writes them, read as written. Any other anchor (an
    # author's `## Title <a name="x"></a>` or `<a id="x"></a>`, a contents generator's
    # `## 2. <a name='x'></a>Title`) only gives the id: the heading reads as any other.
    marked: bool = False
    first_link: str = ""
    resources: tuple[_Candidate, ...] = ()
    warnings: tuple[tuple[int, str], ...] = ()
    # What reading a list's items as resources said of them (`_resolved_list`: skipped, read
    # into a neighbour's description or a group's intro, named after a lead-in): it holds
    # while the list is read as resources, and is void when the list is read whole as a
    # description (a tool's labelled facts, `_with_heading_resource`).
    reading_warnings: tuple[tuple[int, str], ...] = ()
    # Lists ("list" until `_resolve_lists` decides what they are): the list's kind and marker,
    # and whether all its items read as resources / as table-of-contents links.
    marker: str = ""
    items: tuple[_ListItem, ...] = ()
    # A paragraph that starts with its link (`🔗 [Link to Course](…)`, `Link: …`, a bare URL):
    # that link, a course heading's primary link; and its text.
    link_line: str = ""
    link_line_title: str = ""
    link_line_alone: bool = False  # nothing said after that link: the paragraph is the link
    link_line_labelled: bool = False  # a label (`Source:`, `See also:`) before that link
    # Its words as markdown where they differ from its lines (a raw HTML table of facts,
    # `_html_fact_address`, read as text: `GitHub: https://… · License: MIT`).
    text_markdown: str = ""
    # A paragraph of links only (a row of languages, a nav bar): the heading above it is no
    # entry; links after it are not its primary link.
    link_row: bool = False
    # Resources (a list) every one of which is named after its lead-in ("Issue 185: [Title](…)").
    lead_named: bool = False
    # A paragraph of links only, named otherwise: a nav bar under the document's title, a
    # course's links (its first the primary one) under any other heading.
    plain_row: bool = False
    # Raw HTML: how many `<details>` it opens (less those it closes), and how many it closes
    # before its first opens (`</details><details><summary>B</summary>` on one line: the
    # entry above ends there, and this one starts).
    details: int = 0
    details_closed: int = 0
    # Raw HTML written one link a line, its links in ``resources``: read as resources or
    # skipped by `_raw_html_read`, as the import asks.
    raw_html: bool = False
    # A numbered paragraph read as a resource (`1\u3001[name](url)\uff1a what it is`).
    numbered: bool = False
    # A paragraph that is only a short emphasized label (`_Web Analytics_`, `**Tools**`): over
    # a list or table, it names a group of the section's resources (`_label_groups`).
    label: str = ""
    # The word a label leaves hanging, for its list to finish (`**Cheatsheets** by` over
    # bullets naming authors): "" for a label alone.
    label_tail: str = ""
    # A list read as text holding resources all the same (`_kind_led_parts`): its blocks.
    parts: tuple[_Block, ...] = ()
    # A paragraph that is only a bold title (`**Lecture 3: Building makemore Part 2: MLP**`):
    # over its description and its material links, one entry (`_bold_entries`).
    entry_title: str = ""
    # A block quote (a note, an aside): its links are no heading's primary link.
    quoted: bool = False
    # A table (or rows of one): its header's names; ``facts`` when no column names a field
    # of a resource and its rows link nowhere (see `_table`, `_facts_as_text`).
    table: tuple[str, ...] = ()
    facts: bool = False
    # A table's rows that say of the thing each names only marks (✅, ❌, ✔️) in every other
    # cell: a feature matrix comparing them (`_mark_row`).
    marks: bool = False
    # A list read as a hand-written one is (see `_is_note`), when that differs: its
    # resources and warnings. `_units` takes it under a heading `publisher readme` did not
    # write (what that command writes reads back as written).
    by_hand: _Block | None = None
    # A list written as `publisher readme` writes one (`_ListItem.written`), when it reads
    # otherwise by hand: its resources as written. `_units` takes it under a heading that
    # command anchored (which it does when its resources would read otherwise).
    written: _Block | None = None
    # A paragraph card (`_card_paragraph`), read as resources: the paragraph as it reads
    # when it is the only card under its heading (`_units`): one bold link over lines about
    # it is then a course heading's link line, as any lone link line is, not a list.
    lone: _Block | None = None
    # A link card (`_link_card`): a card only with a quote under it (`_quotes_under_cards`),
    # that quote its description, given back as a block of its own when the card is read as
    # its ``lone`` paragraph.
    link_card: bool = False
    quote: _Block | None = None
    # A paragraph that is one named link alone (a link card with no quote, read back as its
    # paragraph by `_quotes_under_cards`): a topic's one course, where its neighbours say so.
    named_link: bool = False
    # A paragraph numbered in bold (`**1\\. textfilter: 敏感词过滤** [owner/textfilter](…)`):
    # the entry it starts, its URL the link on its line ("" if none), its description the
    # words beside it; the blocks under it join it (`_numbered_bold_entries`).
    bold_entry: _Candidate | None = None
    # Entries of link lines over lines about them (`_link_line_entries`), several in this
    # paragraph: cards of their heading, whatever a lone card beside them says.
    link_lines: bool = False
    # A list of links into this document only (a table of contents), skipped; the words of
    # its links (`_names_every_later_heading`).
    contents: bool = False
    contents_names: tuple[str, ...] = ()
    # Raw HTML holding `<h1>` … `<h3>` (`<h1 align="center">`): its words, a title line (see
    # `_Unit.title_line`).
    title_line: str = ""
    # An image alone, no words, no badge (`<div align=center><img src="logo.png"></div>`, a
    # paragraph `![](logo.png)`): a logo, over the quote that says what it is
    # (`_quotes_under_logos`).
    logo: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class _ListItem:
    """One item of a list, before `_resolve_lists` decides what the list is.

    resource_like: it reads as a resource; link_led: it starts with its link; material: its link
    is a course's material (`[Syllabus](…)`, `[Lecture Notes](…)`), not a resource of its own;
    toc: it links only into this document; call: it is a call to action ("Star this repo").
    ``markdown``: its content as written (no marker)."""

    candidate: _Candidate | None
    line: int
    markdown: str = ""
    resource_like: bool = False
    link_led: bool = False
    material: bool = False
    toc: bool = False
    call: bool = False
    warnings: tuple[tuple[int, str], ...] = ()
    lead_in: str = ""  # see `_ItemReading.lead_in`
    kind_lead: bool = False  # see `_ItemReading.kind_lead`
    # Its reading as `NAME: … [a link] …` (`_name_link`), used only in a list written the
    # official way (`_official_form`); otherwise the item reads as ``candidate`` says.
    name_link: _Candidate | None = None
    # Its reading at the first link set in its words (`_set_link`), taken where the item
    # would otherwise be a note in a list of resources.
    set_link: _Candidate | None = None
    # It leads to what is about the list itself, saying nothing of it: the list's own license
    # or contributing guide (a file beside the README), its repository's issues or pull
    # requests (`* [Issues](https://github.com/o/r/issues)`).
    about: bool = False
    # Its code spans between link and description read as tags (`_leading_code_tags`): the
    # item read without that. A language mark is a list's way of writing: where one item
    # alone has one, the spans are its description's (`_resolved_by_hand`).
    unmarked: _Candidate | None = None
    # Its link's text read whole where its reading credits it to one author ambiguously
    # (`Teaching by *Example*`): taken where the list credits no other work so
    # (`_credits_by_convention`).
    uncredited: _Candidate | None = None
    code_tags: bool = False  # see `_ItemReading.code_tags`
    # Its first line is written as `publisher readme` writes a resource's (one whole link, or
    # words without a link: `_written_lead`).
    shaped: bool = False
    # When it is so and reads otherwise by hand (a title read as a talk's credits, a star
    # count left out, a sentence or a call to action no resource): the item as written,
    # and the warnings reading it so gave (a metadata value it does not know).
    written: _Candidate | None = None
    written_warnings: tuple[tuple[int, str], ...] = ()


@functools.cache
def _parser(linkify: bool = True) -> MarkdownIt:
    # text_join stays off: escapes and entities remain separate tokens, so inline markdown can
    # be written back as it was, and an escaped "://" is never taken for a link.
    parser = MarkdownIt("commonmark", {"html": True, "linkify": linkify})
    parser.enable(["table"]).disable("text_join")
    if linkify:
        parser.enable("linkify")
        assert parser.linkify is not None  # linkify-it-py is a dependency
        parser.linkify.set({"fuzzy_link": False, "fuzzy_email": False})
    # Keep URLs as the author wrote them (no percent-encoding): they are data, not HTML.
    parser.normalizeLink = _link_as_written  # type: ignore[method-assign]
    parser.normalizeLinkText = _as_written  # type: ignore[method-assign, assignment]
    parser.core.ruler.push("slipped_links", _mend_slipped_links)
    return parser


# A web address written without its scheme: `[Ansible](www.ansible.com)`.
_SCHEMELESS_WEB = re.compile(r"^www\.[\w-]+(?:\.[\w-]+)+(?:[/?#]|$)", re.IGNORECASE)
_ABSOLUTE_WEB = re.compile(r"^https?://[^\s/]+\S*$", re.IGNORECASE)


# A link's destination written as a markdown link itself: `[text](url)`.
_NESTED_LINK_DESTINATION = re.compile(r"\[[^\[\]]*\]\((?P<href>[^()\s]+)\)")


def _mend_slipped_links(state: StateCore) -> None:
    """Links whose address slipped out of place, read as their author meant them (the text
    shows the URL; GitHub's rendering leads nowhere): ``[https://compressor.io]()``, an empty
    destination, is a link to the URL it shows; ``[https://purecss.io/](Pure.css)``, written
    the wrong way round (a URL for text, a bare name for destination), is ``[Pure.css]``
    at that URL; ``[Ansible](www.ansible.com)``, a web address without its scheme, is
    ``http://www.ansible.com``. Relative links to files (``docs/a.md``) stay as written;
    ``[Name] [3]``, old Markdown's reference link with a space, is ``[Name]`` at reference 3
    (`_mend_spaced_references`)."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        if "] [" in block.content or "]\t[" in block.content:
            _mend_spaced_references(block)
        if "] (" in block.content:
            _mend_spaced_inline_links(block)
        if "[http" in block.content:
            _mend_bracketed_addresses(block)
        children = block.children
        for index, token in enumerate(children):
            if token.type != "link_open" or token.markup in ("linkify", "autolink"):
                continue
            href = str(token.attrGet("href") or "")
            if _SCHEMELESS_WEB.match(href):
                token.attrSet("href", f"http://{href}")
                continue
            nested = _NESTED_LINK_DESTINATION.fullmatch(href)
            if nested is not None and _ABSOLUTE_WEB.match(nested["href"]):
                # `[Code]([https://old.example/](https://new.example/))`: a link written as the
                # destination of another (GitHub leads to a file of that name): the address
                # that link leads to.
                token.attrSet("href", nested["href"])
                token.meta = {**(token.meta or {}), "nested_url": href}
                continue
            if href.startswith("#") and _ABSOLUTE_WEB.match(href[1:]):
                # `[Awesome Single-Cell](#https://github.com/…)`: an address after "#" (an
                # anchor in the page on GitHub, leading nowhere) is a link to that address.
                token.attrSet("href", href[1:])
                token.meta = {**(token.meta or {}), "anchored_url": href}
                continue
            inner = children[index + 1] if index + 1 < len(children) else None
            closes = index + 2 < len(children) and children[index + 2].type == "link_close"
            if inner is None or inner.type != "text" or not closes:
                continue
            shown = inner.content.strip()
            if not _ABSOLUTE_WEB.match(shown):
                continue
            if href and _garbled_address(shown, href):
                # `[https://github.com/o/r/tree/main](o/r/tree/main)`, `[https://x.org/a](https
                # ://x.org/ahttps://x.org/a)`: the address shown, its destination that address
                # cut to its path (resolved inside the list's own repository on GitHub) or
                # written twice: the reader reads the address shown.
                token.attrSet("href", shown)
                token.meta = {**(token.meta or {}), "garbled_url": href}
                continue
            if not href:
                token.attrSet("href", shown)
            elif "/" not in href and ":" not in href and not href.startswith(("#", "?", ".")):
                token.attrSet("href", shown)
                inner.content = href


def _garbled_address(shown: str, href: str) -> bool:
    """Whether a link's destination is the web address its text shows, garbled: written twice,
    or without its scheme (`github.com/o/r`), or without its scheme and host (`o/r/tree/main`,
    a path GitHub resolves inside the list's own repository)."""
    if href == shown + shown:
        return True
    if "://" in href or href.startswith(("#", "?", ".")):
        return False
    rest = shown.split("://", 1)[1]
    path = rest.split("/", 1)[1] if "/" in rest else ""
    return href in (rest, path) and bool(path or href == rest)


def _mend_bracketed_addresses(block: Token) -> None:
    """``[https://example.org/] - Name``: an address written in brackets with no destination
    after them (no link in CommonMark; GitHub links the address and shows the brackets) is
    that address's link, the brackets no words of the item. The link keeps the form written
    in its meta (``bracketed_url``), for the warning."""
    children = block.children or []
    for index in range(1, len(children) - 3):
        token, before, after = children[index], children[index - 1], children[index + 3]
        if (
            token.type == "link_open"
            and token.markup == "linkify"
            and before.type == "text"
            and before.content.endswith("[")
            and not before.content.endswith("\\[")
            and after.type == "text"
            and after.content.startswith("]")
            and not after.content.startswith(("](", "]["))
        ):
            before.content = before.content[:-1]
            after.content = after.content[1:]
            token.meta = {**(token.meta or {}), "bracketed_url": f"[{token.attrGet('href')}]"}


# The text of a link written the old Markdown way, a space between it and its reference
# (`[Name] [3]`): CommonMark reads "[Name] " as words and "3" as the link.
_SPACED_TEXT = re.compile(r"(?<![\\\]])\[([^\[\]]+)\][ \t]+$")
_ID_LABEL = re.compile(r"[\w.-]{1,30}")


def _mend_spaced_references(block: Token) -> None:
    """``[Name] [3]`` read as Markdown.pl read it (and as its author meant it): a link titled
    "Name" at reference 3, where CommonMark shows "[Name] " then a link titled "3". Only when
    the source has the two brackets with spaces between, the second closing a reference (not
    followed by "(" or "["), and "Name" is no reference of its own (else it is a link already).
    The link keeps the spaced form in its meta (``spaced_reference``), for the warning."""
    children = block.children or []
    mended = False
    for index in range(1, len(children) - 2):
        token, before = children[index], children[index - 1]
        inner, closing = children[index + 1], children[index + 2]
        if (
            token.type != "link_open"
            or token.markup in ("linkify", "autolink")
            or before.type != "text"
            or inner.type != "text"
            or closing.type != "link_close"
        ):
            continue
        text = _SPACED_TEXT.search(before.content)
        # A reference named by an id (`[3]`, `[sdl]`), not a name of several words (`[ICML
        # 2022] [Title]` is a tag before a shortcut reference); never a task box (`[x] [A]`).
        if (
            text is None
            or text[1].strip() in ("", "x", "X")
            or not _ID_LABEL.fullmatch(inner.content)
        ):
            continue
        written = re.compile(
            re.escape(f"[{text[1]}]") + r"[ \t]+" + re.escape(f"[{inner.content}]") + r"(?![(\[])"
        )
        if written.search(block.content) is None:
            continue
        token.meta = {
            **(token.meta or {}),
            "spaced_reference": f"{text[0].rstrip()} [{inner.content}]",
        }
        before.content = before.content[: text.start()]
        inner.content = text[1]
        mended = True
    if mended:
        block.children = [child for child in children if child.type != "text" or child.content]


# The text of an inline link written with a space before its address (`[Lorem Ipsum]
# (https://hipsum.co/)`): CommonMark shows the brackets and links the bare URL.
_SPACED_LINK_TEXT = re.compile(r"(?<![\\\]])\[([^\[\]]+)\][ \t]+\($")


def _mend_spaced_inline_links(block: Token) -> None:
    """``[Name] (https://…)`` read as its author meant it: a link titled "Name" at that URL,
    where CommonMark (and GitHub) show "[Name] (" and the bare URL linked. Only for an
    absolute URL written whole between the parentheses; the link keeps the form it was written
    in in its meta (``spaced_link``), for the warning."""
    children = block.children or []
    mended = False
    for index in range(1, len(children) - 3):
        before, token, inner, closing, after = children[index - 1 : index + 4]
        if (
            token.type != "link_open"
            or token.markup != "linkify"
            or before.type != "text"
            or inner.type != "text"
            or closing.type != "link_close"
            or after.type != "text"
            or not after.content.startswith(")")
        ):
            continue
        text = _SPACED_LINK_TEXT.search(before.content)
        if text is None or not _ABSOLUTE_WEB.match(inner.content):
            continue
        token.meta = {**(token.meta or {}), "spaced_link": f"[{text[1]}] ({inner.content})"}
        token.markup = closing.markup = ""
        before.content = before.content[: text.start()]
        inner.content = text[1]
        after.content = after.content[1:]
        mended = True
    if mended:
        block.children = [child for child in children if child.type != "text" or child.content]


def _as_written(url: str) -> str:
    return url


def _link_as_written(url: str) -> str:
    """A link's URL as written, but for `./#anchor`: the folder's own README at an anchor, this
    document (GitHub shows a README at its folder's page), read as the `#anchor` it is."""
    return url[2:] if url.startswith("./#") else url


@functools.cache
def _definitions_parser() -> MarkdownIt:
    """`_parser`'s block rules only: what finds link reference definitions (a definition is
    a block; its destination is kept as written, as `_parser` keeps it)."""
    parser = MarkdownIt("commonmark", {"html": True})
    parser.enable(["table"]).disable(["text_join", "inline"])
    parser.normalizeLink = _link_as_written  # type: ignore[method-assign]
    return parser


@dataclass(frozen=True, slots=True)
class Definitions:
    """Link reference definitions (`[label]: destination "title"`), each (label as CommonMark
    normalises it, destination, title), sorted by label; its hash is worked out once (it is
    part of many cache keys)."""

    entries: tuple[tuple[str, str, str], ...] = ()
    _hash: int = field(default=0, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash(self.entries))

    def __hash__(self) -> int:
        return self._hash

    def environment(self) -> dict[str, Any]:
        """A markdown-it environment holding these definitions (a new one each time: the
        parser adds a piece's own definitions to it)."""
        if not self.entries:
            return {}
        return {
            "references": {
                label: {"href": href, "title": title} for label, href, title in self.entries
            }
        }


_NO_DEFINITIONS = Definitions()


def _unless_closed(match: re.Match[str]) -> str:
    """Nothing for a closed `_LINK_DESTINATION` or `_AUTOLINK` match, the text of a run
    that did not close."""
    return "" if match[1] else match[0]


def _outside_links(text: str) -> str:
    """``text`` without its link destinations `](…)` and autolinks `<…>`, in linear time."""
    return _AUTOLINK.sub(_unless_closed, _LINK_DESTINATION.sub(_unless_closed, text))


def _has_link_destination(line: str) -> bool:
    """Whether ``line`` holds a closed link destination `](…)`."""
    return any(match[1] for match in _LINK_DESTINATION.finditer(line))


def parse_tokens(text: str, definitions: Definitions = _NO_DEFINITIONS) -> list[Token]:
    """The token stream of ``text`` as the importer's CommonMark parser reads it, with
    ``definitions`` (those of the document ``text`` is part of: see `_used_definitions`)
    applying to it as to the document's own text."""
    # Finding bare URLs (linkify) costs a regex per text token. With no "//" or "mailto:" left
    # outside link destinations and autolinks there is nothing to find: skip it.
    # (An escaped "]" before "(…)" is no link: keep such text whole; so is a "](…)" that no "["
    # can open, `- Words](http://…)`, a link whose "[" was lost: GitHub links its bare URL.)
    whole = "\\]" in text or text.count("[") < text.count("](")
    rest = _outside_links(text) if "//" in text and not whole else text
    return _parser("//" in rest or "mailto:" in rest.lower()).parse(text, definitions.environment())


# Marks that set which way a run of text is shown (`&rlm;` after each link and heading of a
# Persian list, U+200F written as it is): no letters of any title or description.
_DIRECTION_MARK = re.compile(r"&(?:rlm|lrm);|&#820[67];|&#x200[efEF];|[\u200e\u200f\u061c]")
# What each of them holds: a document without any has none (cheaper than the search), and
# the bytes reader reads one with any as `import_markdown` does (see `_NOT_PLAIN`).
_DIRECTION_MARK_PARTS = ("&rlm;", "&lrm;", "&#820", "&#x200", "\u200e", "\u200f", "\u061c")


def _without_direction_marks(text: str, label: str, warnings: list[Problem]) -> str:
    """The text without its direction marks (`_DIRECTION_MARK`), said in one warning naming
    the line of the first: left in, they end titles (`### شبکه&rlm;`) and make descriptions of
    a lone `&rlm;` or one before the separator, whose author then goes unread."""
    first = _DIRECTION_MARK.search(text)
    if first is None:
        return text
    count = len(_DIRECTION_MARK.findall(text))
    warnings.append(
        located(
            label,
            text.count("\n", 0, first.start()) + 1,
            f"{count} direction mark(s) ({first.group()!r}, which way right-to-left "
            "text runs) left out of titles and descriptions, from this line on",
        )
    )
    return _DIRECTION_MARK.sub("", text)


@recent_cache(limit=4096)
def _definitions_in(text: str) -> tuple[tuple[str, str, str], ...]:
    """The link reference definitions of a chapter of a document (see `_chapters`), each
    (normalised label, destination, title), the first of a label only, in their order.

    The chapter is cut as `_group_units` cuts it (before each heading, and each bullet item
    at column 0 outside fenced code and HTML blocks, and in a group read whole before each
    line after a blank line that `_blank_line_cuts` allows: where a block always ends), and
    only the pieces that may hold one (a label followed by a colon at once) are parsed: an
    edit elsewhere in the chapter parses none again (a group read whole is often most of its
    chapter, `<details>` around a section's list)."""
    if "]:" not in text:
        return ()
    found: dict[str, tuple[str, str, str]] = {}
    for _, group, whole in _groups(text):
        if "]:" not in group:
            continue
        cuts = (
            [0, *_whole_group_cuts(group)]
            if whole
            else [0, *(match.end() for match in _ITEM_LINE.finditer(group))]
        )
        for start, end in itertools.pairwise([*cuts, len(group) + 1]):
            piece = group[start : end - 1]
            if "]:" in piece:
                for definition in _piece_definitions(piece):
                    found.setdefault(definition[0], definition)
    return tuple(found.values())


@recent_cache(limit=16384)
def _piece_definitions(piece: str) -> tuple[tuple[str, str, str], ...]:
    """The link reference definitions the CommonMark parser finds in one piece of a
    document (see `_definitions_in`), in their order, the first of a label only."""
    environment: dict[str, Any] = {}
    _definitions_parser().parse(piece, environment)
    return tuple(
        (label, found["href"], found["title"])
        for label, found in environment.get("references", {}).items()
    )


# The document definitions `_document_definitions` returned last: the same object for the
# same definitions, so that cache keys holding it are found by identity.
_LAST_DEFINITIONS: list[Definitions] = []
# The definitions of the chapters that held any, in order, that `_LAST_DEFINITIONS` was made
# from: the same again (most versions: the chapters' tuples the very objects cached by their
# text, compared by identity) make the same definitions, without merging and sorting them
# all again (a list written with reference links holds a thousand).
_LAST_DEFINED: list[list[tuple[tuple[str, str, str], ...]]] = []


def _document_definitions(
    chapters: Iterable[tuple[tuple[str, str, str], ...]],
) -> Definitions:
    """The definitions of a document from those of its chapters in order (`_definitions_in`):
    the first definition of a label wins, as in CommonMark."""
    defined = [found for found in chapters if found]
    if not defined:
        return _NO_DEFINITIONS
    if _LAST_DEFINITIONS and _LAST_DEFINED and _LAST_DEFINED[0] == defined:
        return _LAST_DEFINITIONS[0]
    merged: dict[str, tuple[str, str, str]] = {}
    for found in defined:
        for definition in found:
            merged.setdefault(definition[0], definition)
    entries = tuple(sorted(merged.values()))
    _LAST_DEFINED[:] = [defined]
    if _LAST_DEFINITIONS and _LAST_DEFINITIONS[0].entries == entries:
        return _LAST_DEFINITIONS[0]
    _LAST_DEFINITIONS[:] = [Definitions(entries)]
    return _LAST_DEFINITIONS[0]


# What a label keeps in `_label_letters`: all but letters and digits goes.
_NOT_LABEL_LETTER = re.compile(r"[\W_]+")


@recent_cache(limit=65536)
def _label_letters(text: str) -> str:
    """The letters and digits of ``text``, case-folded as CommonMark folds labels (lower then
    upper case, character by character). A label a piece uses stands between its brackets,
    with what a paragraph's lines start with (indents, ``>`` markers, table pipes) where it
    goes over lines: those are no letters, so the bracketed text has the label's letters."""
    return _NOT_LABEL_LETTER.sub("", text.lower().upper())


@recent_cache(limit=16384)
def _used_definitions(text: str, definitions: Definitions) -> Definitions:
    """Those of ``definitions`` that ``text`` may use: each whose label's letters
    (`_label_letters`) are those of a text in brackets in ``text``, which every label it uses
    passes (a few it does not use may pass too: they only join its cache key)."""
    if not definitions.entries:
        return definitions
    if "[" not in text:
        return _NO_DEFINITIONS
    by_letters = _definitions_by_letters(definitions)
    found: set[int] = set()
    for pattern in (_BRACKETED_ESCAPED, _BRACKETED):
        for match in pattern.finditer(text):
            found.update(by_letters.get(_label_letters(match.group(1)), ()))
            if len(found) == len(definitions.entries):
                # All of them: the rest of the text can add none (most pieces of a list
                # with a few definitions use them all, often near their start).
                return definitions
    if not found:
        return _NO_DEFINITIONS
    return Definitions(tuple(definitions.entries[index] for index in sorted(found)))


# The text between a "[" and the next "]" with no bracket between (a label never holds an
# unescaped one): with backslash escapes read, and as written (a backslash in a code span is
# no escape). Each used label is one of them, so checking these against the definitions is
# linear in the text, where looking for every definition in it was not (2,000 sections, one
# reference each: 13x the time of 200). Both patterns are unambiguous: no backtracking.
_BRACKETED_ESCAPED = re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]", re.DOTALL)
_BRACKETED = re.compile(r"\[([^\[\]]*)\]")


@recent_cache(limit=64)
def _definitions_by_letters(definitions: Definitions) -> dict[str, tuple[int, ...]]:
    """The indexes in ``definitions.entries`` of the definitions, by their labels' letters
    (`_label_letters`): several labels may have the same."""
    by_letters: dict[str, list[int]] = {}
    for index, (label, _destination, _title) in enumerate(definitions.entries):
        by_letters.setdefault(_label_letters(label), []).append(index)
    return {letters: tuple(indexes) for letters, indexes in by_letters.items()}


# --- entry point ---------------------------------------------------------------------------


def import_markdown(
    text: str,
    label: str,
    *,
    pieces: bool = True,
    keep_sections: Iterable[str] = (),
    base_url: str = "",
    html_links: bool = False,
    name: str = "",
    repository: str = "",
) -> ImportResult:
    """Read a markdown road map; ``label`` names it in warnings. Raises DataError when empty.

    ``pieces``: parse in cached pieces (see `_groups`); False parses the document whole, to
    the same result (the tests compare both). ``keep_sections``: titles of meta sections
    (contributing, license …) to keep rather than skip. ``base_url``: what relative links are
    resolved against (without it they are left out, with a warning). ``html_links``: read a
    raw HTML block written one link a line (`<a href="…"><b>Name</b></a> - text<br>`) as
    resources; without it raw HTML is never a resource (the design), and a block that would
    have given some is named in a warning. ``name``: the title when the document names
    itself nowhere (its directory's or repository's name; without it, the file's).
    ``repository``: the GitHub repository (``owner/name``; several separated by spaces: a
    fork's and its upstream's, see `readme_repositories`) the README is the front page of, if
    known (`github_repository`): only a list of links into its pages' sections is the
    README's own table of contents (without it, one into sections of other pages than a
    front page: see `_pages_contents`); without it, the base URL's, if on GitHub."""
    repository = repository or github_repository(base_url)
    if not text or text.isspace():
        raise DataError([Problem(path=label, message="file is empty")])
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.lstrip("\ufeff")
    warnings: list[Problem] = []
    # Cut first (most chapters are the last version's: see `_chapters`), so that the checks
    # below look at the chapters not seen before, not at the whole text each version. No
    # marker they look for holds the newline between two chapters, nor starts a chapter.
    cut = _chapters(text) if pieces else None
    scanned = cut
    # What each chapter holds, and its link reference definitions, looked up once (a long
    # document has a hundred chapters): `_chapter_scan`.
    scans = list(map(_chapter_scan, map(_second, cut))) if cut else []
    conflict, unspaced, direction, gapped, anchored_mark = (
        map(any, zip(*map(_first, scans), strict=True))
        if scans
        else (False, False, False, False, False)
    )
    if text.startswith("---") or (
        conflict if cut is not None else any(marker in text for marker in CONFLICT_STARTS)
    ):
        lines = text.split("\n")
        cleaned = _without_conflicts_and_front_matter(text, lines, label, warnings)
        if cleaned != lines:
            text = "\n".join(cleaned)
            cut = None
    # Whether the chapters' marks still say what the text holds: the spaces written after
    # the hashes of unspaced headings add no direction mark nor table gap and take none
    # away (a space after a '#' that starts a line: no mark holds a space, and a '#' is in
    # neither a gap nor, after '#' or a newline, a mark), so those two stay known there
    # (the whole text is not searched again each version).
    marked = cut is not None
    if (
        unspaced
        if marked
        else _UNSPACED_HEADING.search(text) or _UNSPACED_HEADING.match("\n" + text[:8])
    ):
        spaced = _with_unspaced_headings(text, label, warnings, cut)
        if spaced is not text:
            text = spaced
            cut = None
    if direction if marked else _has_direction_mark(text):
        unmarked = _without_direction_marks(text, label, warnings)
        if unmarked is not text:
            text = unmarked
            cut = None
            marked = False  # (a mark left out may join a table's rows over a blank line)
    if (
        anchored_mark
        if cut is not None
        else _OLD_ANCHOR_END in text and _has_old_readme_anchor(text)
    ):
        # (anchors rewritten at the end of heading lines: no table gap made or taken away)
        anchored = _with_old_readme_anchors(text, label, warnings)
        if anchored is not text:
            text = anchored
            cut = None
    if gapped if marked else _TABLE_GAP.search(text) is not None:
        joined = _with_table_gaps_closed(text, label, warnings)
        if joined is not text:
            text = joined
            cut = None
    chapters: list[tuple[int, Iterable[tuple[int, int, _Unit]]]]
    if not pieces:
        # One piece: the reading pieces must match (`_group_units` cuts even a whole group).
        chapters = [
            (
                0,
                (
                    (0, 0, unit)
                    for unit in _units((("", text),), html_links, _NO_DEFINITIONS, repository)
                ),
            )
        ]
    else:
        chapters = []
        line = counted = 0
        if cut is None:
            cut = _chapters(text, rewritten=True)
        # Link reference definitions apply across the whole document: each chapter is read
        # with those it may use.
        definitions = _document_definitions(
            map(_second, scans)
            if cut is scanned
            else (_definitions_in(chapter) for _, chapter in cut)
        )
        end = -1  # where the chapter before ends
        newlines = 0  # how many lines it holds
        for start, chapter in cut:
            if end >= 0 and start == end + 1 and text.startswith("\n", end):
                # Right after the chapter before and its newline (as `_chapters` cuts): its
                # lines counted once per chapter text, not in the whole text each version (a
                # document holding a character beyond Latin-1 is counted character by
                # character: a tenth of a version's instructions on a 300 KB README).
                line += newlines + 1
            else:
                line += text.count("\n", counted, start)
            counted = start
            newlines, units = _read_chapter(chapter, html_links, definitions, repository)
            end = start + len(chapter)
            chapters.append((line, units))
    return _import_chapters(
        chapters, label, warnings, keep_sections=keep_sections, base_url=base_url, name=name
    )


@recent_cache(limit=4096)
def _read_chapter(
    chapter: str, html_links: bool, definitions: Definitions, repository: str
) -> tuple[int, tuple[tuple[int, int, _Unit], ...]]:
    """How many newlines a chapter holds, and its units (`_chapter_units`, with the
    definitions of the document's ``definitions`` it may use): one cached call per chapter
    of a version, not three (most chapters repeat, version after version, and a long
    document has a hundred and more)."""
    used = _used_definitions(chapter, definitions)
    return chapter.count("\n"), _chapter_units(chapter, html_links, used, repository)


@recent_cache(limit=4096)
def _chapter_scan(
    chapter: str,
) -> tuple[tuple[bool, bool, bool, bool, bool], tuple[tuple[str, str, str], ...]]:
    """`_chapter_marks` and `_definitions_in` of a chapter: one cached call per chapter of a
    version, not two (a document not rewritten reads its definitions from the chapters as
    cut)."""
    return _chapter_marks(chapter), _definitions_in(chapter)


_first = operator.itemgetter(0)


@recent_cache(limit=4096)
def _chapter_marks(chapter: str) -> tuple[bool, bool, bool, bool, bool]:
    """Whether a chapter of a document (see `_chapters`) holds a merge-conflict marker, a
    line of hashes without a space (`_UNSPACED_HEADING`, at its start too), a direction mark
    (`_has_direction_mark`; no mark holds a newline), a table row after a blank line
    (`_TABLE_GAP`: a table and its rows are one chapter), and a heading with an earlier
    `publisher readme`'s anchor (`_has_old_readme_anchor`: one line): what `import_markdown`
    looks for in the whole text (cached by the chapter's text)."""
    return (
        any(marker in chapter for marker in CONFLICT_STARTS),
        bool(_UNSPACED_HEADING.search(chapter) or _UNSPACED_HEADING.match("\n" + chapter[:8])),
        _has_direction_mark(chapter),
        _TABLE_GAP.search(chapter) is not None,
        _OLD_ANCHOR_END in chapter and _has_old_readme_anchor(chapter),
    )


# A heading ending with the anchor an earlier `publisher readme` wrote (`## Books <a
# id="books"></a>`, before `readme_anchor` marked its own with `data-publisher`).
_OLD_README_ANCHOR = re.compile(r'^( {0,3}#{1,6} .*\S) <a id="([^"<>]+)"></a>[ \t]*$', re.MULTILINE)
_OLD_README_ANCHOR_BYTES = re.compile(_OLD_README_ANCHOR.pattern.encode(), re.MULTILINE)
_OLD_ANCHOR_END = '"></a>'
_OLD_ANCHOR_END_BYTES = _OLD_ANCHOR_END.encode()
# The other marks of `publisher readme`'s output: the line between an intro and its
# resources, and a resource's metadata line (`*Kind:* course · *Cost:* free`).
_README_MARKS = re.compile(
    r"^(?:" + re.escape(RESOURCES_MARK) + r"[ \t]*"
    r"|[ \t]*\*(?:Kind|Author|Tags|Cost|Time|Level|Prerequisites|ID):\* .*)$",
    re.MULTILINE,
)


def _has_old_readme_anchor(text: str) -> bool:
    """Whether a line of ``text`` ends a heading with an earlier `publisher readme`'s anchor
    (`_OLD_README_ANCHOR`): that pattern matched on the lines holding its end (`"></a>`)
    alone, each as a whole line. Searched every version of a history: with '^' and
    re.MULTILINE a search tries every character of the text (some 4 ms on 300 KB), and
    lists that write anchors (`<a name="x"></a>`) hold that end on a few lines."""
    position = text.find(_OLD_ANCHOR_END)
    while position != -1:
        start = text.rfind("\n", 0, position) + 1
        end = text.find("\n", position)
        end = len(text) if end == -1 else end
        if _OLD_README_ANCHOR.match(text, start, end):
            return True
        position = text.find(_OLD_ANCHOR_END, end)
    return False


def _with_old_readme_anchors(text: str, label: str, warnings: list[Problem]) -> str:
    """A document whose headings end with the anchor an earlier `publisher readme` wrote
    (`_OLD_README_ANCHOR`): when it holds that command's other marks (`_README_MARKS`), its
    anchors are rewritten to the command's current form (`readme_anchor`), so its sections
    read as that command wrote them, with one warning at the first such heading; else it
    reads as written by hand (the anchor gives the section its id)."""
    if _README_MARKS.search(text) is None:
        # (An author's anchor, `# 資料 <a id="resources"></a>`, is written so too: nothing
        # else says the command wrote the file, and a warning would be wrong as often.)
        return text
    anchors = list(_OLD_README_ANCHOR.finditer(text))
    line = text.count("\n", 0, anchors[0].start()) + 1
    example = f'<a id="{anchors[0][2]}"></a>'
    warnings.append(
        Problem(
            path=label,
            line=line,
            message=f"{len(anchors)} heading anchor(s) such as {example}, with the other marks of "
            "an earlier `publisher readme`: read as that command's (its sections kept as "
            'written), as its current form `<a id="…" data-publisher></a>` is',
        )
    )
    return _OLD_README_ANCHOR.sub(lambda match: f"{match[1]} {readme_anchor(match[2])}", text)


# A line that ends a table row, blank lines, then a line that starts one: where a table may
# go on after a gap (`_with_table_gaps_closed` looks closer).
_TABLE_GAP = re.compile(r"\|[ \t]*\n(?:[ \t]*\n)+ {0,3}\|")
_TABLE_GAP_BYTES = re.compile(_TABLE_GAP.pattern.encode())
# A table's delimiter row: `|:---:|----|`, `--- | ---`.
_DELIMITER_ROW = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


def _table_cells(line: str) -> int:
    """How many cells a row written between pipes (`| a | b |`) has; 0 for any other line."""
    row = line.strip()
    if len(row) < 3 or row[0] != "|" or row[-1] != "|" or row.endswith("\\|"):
        return 0
    return len(re.split(r"(?<!\\)\|", row[1:-1]))


# A table row left open at its end (`| Kelp | [kelp](…)`, no closing pipe): still a row.
_OPEN_TABLE_ROW = re.compile(r" {0,3}\|.*\S")


def _table_row_line(line: str) -> bool:
    """Whether a line goes on a table's rows: between pipes (`_table_cells`), or opened by
    one and left open at its end (`| Kelp | [kelp](…)`), as CommonMark's tables read it."""
    return bool(_table_cells(line)) or _OPEN_TABLE_ROW.match(line) is not None


def _with_table_gaps_closed(text: str, label: str, warnings: list[Problem]) -> str:
    """``text`` with the rows a blank line cut off a table moved back into it, with a warning
    naming their lines: a table's rows, a blank line (a row deleted, its line left), then
    more rows between pipes with as many cells as the table's header and no delimiter row of
    their own. CommonMark ends the table at the blank line and shows the rows after it as a
    paragraph of text with pipes in it, but a reader sees the rest of the table. The blank
    lines move below the rows, so that the lines after them keep their numbers. Fenced code
    and HTML blocks stay as written."""
    lines = text.split("\n")
    changed = False
    block: tuple[str, str] | None = None
    number = 0
    while number < len(lines):
        line = lines[number]
        if block is not None:
            if _ends(block, line):
                block = None
            number += 1
            continue
        if line.startswith(("`", "~", "<")) and (block := _block_end(line)) is not None:
            number += 1
            continue
        cells = _table_cells(lines[number - 1]) if number else 0
        if not cells or not _DELIMITER_ROW.match(line) or "-" not in line:
            number += 1
            continue
        end = number + 1
        while end < len(lines) and _table_row_line(lines[end]):
            end += 1
        while True:
            after = end
            while after < len(lines) and not lines[after].strip(" \t"):
                after += 1
            if after == end or after == len(lines) or _table_cells(lines[after]) != cells:
                break
            if after + 1 < len(lines) and _DELIMITER_ROW.match(lines[after + 1]):
                break  # (a table of its own: a header, then its delimiter row)
            last = after
            while last < len(lines) and _table_row_line(lines[last]):
                last += 1
            lines[end:last] = lines[after:last] + lines[end:after]
            rows = f"line {after + 1}" if last == after + 1 else f"lines {after + 1}-{last}"
            warnings.append(
                located(
                    label,
                    after + 1,
                    f"table rows after a blank line ({rows}) read as rows of the table "
                    f"above (its header on line {number}): a blank line ends a table, but "
                    f"these rows have its {cells} cells",
                )
            )
            changed = True
            end += last - after
        number = end
    return "\n".join(lines) if changed else text


def _has_direction_mark(text: str) -> bool:
    """Whether ``text`` holds a direction mark (`_DIRECTION_MARK`): the parts first, then the
    search where one is (`&#8202;`, a hair space, holds a part and is no mark)."""
    return (
        any(part in text for part in _DIRECTION_MARK_PARTS)
        and _DIRECTION_MARK.search(text) is not None
    )


def _import_chapters(
    chapters: Iterable[tuple[int, Iterable[tuple[int, int, _Unit]]]],
    label: str,
    warnings: list[Problem],
    *,
    keep_sections: Iterable[str],
    base_url: str,
    name: str,
) -> ImportResult:
    """The road map of a document read as chapters of units, each chapter (the 0-based line
    it starts on, its units as `_chapter_units` gives them)."""
    # Each unit with the line of its first character (warnings and resources need it), and
    # what the outline reads of each chapter's units (cached per chapter: a history's
    # version has most of its chapters from the version before, and going over every unit
    # of the document several times a version cost more than reading the changed ones).
    units: list[tuple[int, _Unit]] = []
    levels: list[int] = []
    keys: list[str | None] = []
    readings: list[_ChapterReading] = []
    card_counts: list[tuple[int, int, int]] = []
    contents_at: list[int] = []
    known = _CHAPTER_READINGS.get  # (`_chapter_reading`'s look-up, a call less per chapter)
    for chapter_line, chapter_units in chapters:
        if not isinstance(chapter_units, tuple):
            chapter_units = tuple(chapter_units)
        reading = known(chapter_units) or _chapter_reading(chapter_units)
        if reading.rare:
            if reading.card_counts:
                card_counts.extend(reading.card_counts)
            if reading.contents_at:
                contents_at.extend(len(units) + index for index in reading.contents_at)
            for index in reading.warned:
                line, unit = chapter_line + reading.lines[index], reading.units[index]
                warnings.extend(
                    located(label, line + at + 1, message)
                    for at, message in (*unit.warnings, *unit.reading_warnings)
                )
        # Pairs made by zip and map: no Python step per unit.
        units.extend(
            zip(
                map(operator.add, reading.lines, itertools.repeat(chapter_line)),
                reading.units,
                strict=True,
            )
        )
        levels.extend(reading.levels)
        keys.extend(reading.keys)
        readings.append(reading)
    facts = any(map(_FACTS, readings))
    cards = any(map(_CARDS, readings))
    contents = any(map(_CONTENTS, readings))
    numbered = tuple(itertools.chain.from_iterable(map(_NUMBERED, readings)))
    keep = frozenset(heading_key(title) for title in keep_sections)
    if base_url:
        base_url = _base_with_branch_root(base_url, label, warnings)
    roadmap, explicit = _assemble(
        label,
        warnings,
        units,
        _DocumentReading(
            levels=levels,
            keys=keys,
            facts=facts,
            cards=cards,
            contents=contents,
            numbered=numbered,
            card_counts=card_counts,
            contents_at=contents_at,
            listed=_compared_urls(readings) if any(map(_TABLES, readings)) else frozenset(),
        ),
        keep=keep,
        base_url=base_url,
        name=name,
    )
    warnings.sort(key=_LINE)
    return ImportResult(roadmap=roadmap, warnings=tuple(warnings), explicit_section_ids=explicit)


# A warning's line: the key the warnings of a document are sorted by (a few hundred a version).
_LINE = operator.attrgetter("line")


@dataclass(frozen=True, slots=True)
class _ChapterReading:
    """What `_import_chapters` and `_Outliner.outline` take from the units of a chapter:
    the units, the line each starts on (counted from the chapter's first), each one's level
    as `_Outliner.levels` holds it, the indexes of the units that warn, whether one is read
    by its facts (`_fact_levels`), whether one is over one link paragraph alone
    (`_card_levels`), whether one may name a table of contents (`_may_name_contents`) and
    its headings numbered as parts (`_numbered_headings_levelled`: their numbers and
    levels, `_part_numbers`). Also what
    `_card_levels` counts of its headings (`_card_counts`) and the indexes of the units
    `_names_later_headings` may find (`_contents_candidate`), so that those passes need not
    go over every unit of the document each version."""

    units: tuple[_Unit, ...]
    lines: tuple[int, ...]
    levels: tuple[int, ...]
    keys: tuple[str | None, ...]  # each one's heading's `heading_key`, None without a title
    warned: tuple[int, ...]
    facts: bool
    cards: bool
    contents: bool
    numbered: tuple[tuple[int, int], ...]
    card_counts: tuple[tuple[int, int, int], ...]
    contents_at: tuple[int, ...]
    rare: bool  # whether it has card counts, contents or warnings (most chapters: none)
    tables: bool  # whether a unit's body holds a table whose rows link (`_TableRows`)
    listed: frozenset[str]  # the URLs its units list outside tables (`_listed_urls`)


# What `_import_chapters` asks of every chapter's reading, each version: C-level getters.
_FACTS = operator.attrgetter("facts")
_CARDS = operator.attrgetter("cards")
_CONTENTS = operator.attrgetter("contents")
_NUMBERED = operator.attrgetter("numbered")
_TABLES = operator.attrgetter("tables")


@dataclass(frozen=True, slots=True)
class _DocumentReading:
    """The `_ChapterReading`s of a document's chapters put together: its units' levels, and
    whether any is read by its facts, is over one link paragraph alone, may name a table of
    contents; the numbers and levels of the headings numbered as parts, in order; their card
    counts, and the indexes in the document of their units that may be tables of contents."""

    levels: list[int]
    keys: list[str | None]
    facts: bool
    cards: bool
    contents: bool
    numbered: tuple[tuple[int, int], ...]
    card_counts: list[tuple[int, int, int]]
    contents_at: list[int]
    # The URLs of its table rows that its lists name too (`_compared_urls`).
    listed: frozenset[str] = frozenset()


def _chapter_reading(chapter_units: tuple[tuple[int, int, _Unit], ...]) -> _ChapterReading:
    """The `_ChapterReading` of a chapter's units (as `_chapter_units` gives them), cached by
    their identity."""
    known = _CHAPTER_READINGS.get(chapter_units)
    if known is None:
        units = tuple(unit for _, _, unit in chapter_units)
        contents_at = tuple(index for index, unit in enumerate(units) if _contents_candidate(unit))
        warned = tuple(
            index for index, unit in enumerate(units) if unit.warnings or unit.reading_warnings
        )
        card_counts = _card_counts(units)
        known = _CHAPTER_READINGS.put(
            chapter_units,
            None,
            _ChapterReading(
                units=units,
                lines=tuple(lines_before for _, lines_before, _ in chapter_units),
                levels=tuple(map(_outline_level, units)),
                keys=tuple(
                    heading_key(unit.heading.title)
                    if unit.heading is not None and unit.heading.title
                    else None
                    for unit in units
                ),
                warned=warned,
                facts=any(unit.facts for unit in units),
                cards=any(map(_LONE_CARD, units)),
                contents=bool(contents_at),
                numbered=_part_numbers(units),
                card_counts=card_counts,
                contents_at=contents_at,
                rare=bool(card_counts or contents_at or warned),
                tables=any(unit.tables for unit in units),
                listed=frozenset(_listed_urls(units)),
            ),
        )
    return known


def import_markdown_bytes(
    data: bytes,
    label: str,
    *,
    keep_sections: Iterable[str] = (),
    base_url: str = "",
    html_links: bool = False,
    name: str = "",
    repository: str = "",
) -> ImportResult:
    """`import_markdown` on bytes; raises DataError when they are not UTF-8 or empty.

    A plain document (see `_byte_chapters`) is cut into chapters as bytes, and only the
    chapters not seen before are decoded: in a history, most of each version is the one
    before it, and scanning or decoding the whole text costs more than the rest of reading
    the unchanged part. Anything else is decoded whole and read by `import_markdown`.
    ``html_links`` matters only there: a plain chapter holds no raw HTML block."""
    repository = repository or github_repository(base_url)
    chapters = _byte_chapters(data, repository)
    if chapters is not None:
        return _import_chapters(
            chapters, label, [], keep_sections=keep_sections, base_url=base_url, name=name
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DataError(
            [Problem(path=label, line=line, message="not valid UTF-8 (is it a markdown file?)")]
        ) from None
    return import_markdown(
        text,
        label,
        keep_sections=keep_sections,
        base_url=base_url,
        html_links=html_links,
        name=name,
        repository=repository,
    )


def _without_conflicts_and_front_matter(
    text: str, lines: list[str], label: str, warnings: list[Problem]
) -> list[str]:
    """Blank out lines that are not markdown, keeping line numbers: merge-conflict markers
    (each warned about) and YAML front matter (`_is_front_matter`)."""
    cleaned = list(lines)
    if cleaned and cleaned[0].rstrip() == "---":
        for number in range(1, len(cleaned)):
            if cleaned[number].rstrip() in ("---", "..."):
                if _is_front_matter(cleaned[1:number]):
                    cleaned[: number + 1] = [""] * (number + 1)
                elif _is_broken_front_matter(cleaned[1:number]):
                    # `layout: post title: …` (its lines run together): no YAML, but front
                    # matter as written, no heading of the page (the closing `---` would make
                    # its words one, a setext heading).
                    warnings.append(
                        located(
                            label,
                            1,
                            f"front matter (lines 1-{number + 1}) that does not read "
                            "as YAML: skipped, as front matter is",
                        )
                    )
                    cleaned[: number + 1] = [""] * (number + 1)
                break
    for line, marker in conflict_markers(text):
        warnings.append(located(label, line, f"merge-conflict marker {marker!r} skipped"))
        cleaned[line - 1] = ""
    return cleaned


# A front matter key first on its line (`layout: `, `title: `, `date: `), and a line that reads
# as markdown (a heading, a list item, a quote, a link).
_FRONT_MATTER_KEY = re.compile(r"[a-z_][a-z0-9_-]*:[ \t]")
_MARKDOWN_LINE = re.compile(r"[ \t]*(?:#|[-*+][ \t]|>|\d{1,9}[.)][ \t])|.*\]\(")


def _is_broken_front_matter(lines: list[str]) -> bool:
    """Whether the lines between a document's first line `---` and the next are front matter
    that does not parse as YAML (`layout: post title: … published: true`, its line breaks
    lost): the first a lower-case key and a colon, none of them markdown."""
    return (
        bool(lines)
        and _FRONT_MATTER_KEY.match(lines[0]) is not None
        and not any(_MARKDOWN_LINE.match(line) for line in lines)
    )


def _is_front_matter(lines: list[str]) -> bool:
    """Whether the lines between a document's first line `---` and the next `---` (or
    `...`) are front matter: YAML whose document is a mapping (`title: …`, `layout: …`), as
    GitHub shows it (a table of its keys). Anything else, a `# Title` and prose between two
    thematic breaks, is markdown. Read as YAML nodes only, nothing constructed (no value
    made, no alias expanded)."""
    # Imported here: few documents open with `---`, and PyYAML's import is a tenth of the
    # start-up of a command that reads markdown only (import-history).
    import yaml

    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose("\n".join(lines), Loader=loader)
    except (yaml.YAMLError, RecursionError):
        return False
    return isinstance(node, yaml.MappingNode)


# A line of hashes without a space after them (`####Day86 - [Title](…)`): CommonMark and GitHub
# read a paragraph and show the hashes, see `_with_unspaced_headings`.
_UNSPACED_HEADING = re.compile(r"\n#{2,6}[^#\s]")
_UNSPACED_HEADING_BYTES = re.compile(_UNSPACED_HEADING.pattern.encode("ascii"))
_UNSPACED_START = re.compile(r"#{2,6}[^#\s]")
_UNSPACED_ANY = re.compile(r"#{1,6}[^#\s]")
_BRACKET = re.compile(r"[\[\]]")


def _unspaced_link_line(line: str) -> bool:
    """Whether ``line`` is hashes without a space, then text holding a link
    (`##x … [text](dest)`, as ``#{2,6}[^#\\s].*\\[[^\\]]*\\]\\([^)]*\\)`` matches), the link
    right after the hashes too (`###[Go 101](…)`). One pass over its brackets: that regex
    backtracks over every `[` of a long line (quadratic)."""
    start = _UNSPACED_START.match(line)
    if start is None:
        return False
    last_close = line.rfind(")")
    opened = False
    # From the character after the hashes: it may open the link's text.
    for bracket in _BRACKET.finditer(line, start.end() - 1):
        if bracket.group() == "[":
            opened = True
        elif opened and line.startswith("(", bracket.end()) and last_close > bracket.end():
            return True
        else:
            opened = False
    return False


def _with_unspaced_headings(
    text: str,
    label: str,
    warnings: list[Problem],
    chapters: Sequence[tuple[int, str]] | None = None,
) -> str:
    """``text`` with each paragraph line of hashes without a space, then a link
    (`####Day86 - [Title](…)`), written as a heading when the heading before or after it is
    of that level and holds a link too, with a warning naming its line. GitHub shows such a
    line as text, but in a run of `#### Day85 - […](…)` headings a reader sees the next
    lesson of the run; a line elsewhere (`##hashtag [x](…)` under `## Tools`) or inside
    fenced code stays as written. ``chapters``: the text cut at lines, as (offset, text)
    joined by newlines (`_chapters`), when the caller has them."""
    # The heading lines outside fenced code (line, level: negative when it holds no link),
    # and the paragraph lines of hashes without a space, with a link (found) or not (bare),
    # read run by run of the document's lines (cached: most of a version's runs are the
    # last version's; any cut between lines will do), each run read as one pass over the
    # whole text reads it. Lines found are (line, offset of its first character).
    if chapters is None:
        cuts = [0, *(match.end() for match in _CHAPTER_LINE.finditer(text)), len(text) + 1]
        chapters = [(start, text[start : end - 1]) for start, end in itertools.pairwise(cuts)]
    runs: list[tuple[int, _HashLineReading]] = []
    found: list[tuple[int, int]] = []
    bare: list[tuple[int, int]] = []  # without a link (`####C`, `###On Programming Languages`)
    heading_lines = 0
    block: tuple[str, str] | None = None
    opens = True  # whether a paragraph may start on the next line (the document's first)
    first = 0
    for start, run in chapters:
        reading = _hash_line_reading(run, block, opens)
        runs.append((first, reading))
        if reading.found:
            found.extend((first + number, start + at) for number, at in reading.found)
        if reading.bare:
            bare.extend((first + number, start + at) for number, at in reading.bare)
        heading_lines += len(reading.headings)
        block, opens = reading.block, reading.opens
        first += reading.lines
    if not found and not bare:
        return text
    spaces: list[int] = []  # where a space is written (after a line's hashes)

    def line_at(at: int) -> str:
        end = text.find("\n", at)
        return text[at:] if end == -1 else text[at:end]

    def spaced(number: int, at: int, why: str) -> None:
        """Line ``number`` (at offset ``at``) read as a heading, with its warning."""
        line = line_at(at)
        level = len(line) - len(line.lstrip("#"))
        spaces.append(at + level)
        message = (
            f"'{line[:level]}' without a space after it (GitHub shows it as text) read as a "
            f"level-{level} heading"
        )
        warnings.append(located(label, number + 1, f"{message}{why}"))

    def written() -> str:
        if not spaces:
            return text
        parts = [text[start:end] for start, end in itertools.pairwise([0, *sorted(spaces)])]
        return " ".join([*parts, text[max(spaces) :]])

    if (
        not heading_lines
        and [number for number, _ in found or bare] == [0]
        and line_at(0).lstrip("#")[:1].isalpha()
    ):
        # Its first line alone (`##Golang资料集` over a list): the document's title.
        spaced(0, 0, ": the document's first line, and no heading written with its space")
        return written()
    if not heading_lines and len(found) + len(bare) >= 2:
        # No heading written with its space at all: the document was written when GitHub
        # read `###Title` as a heading, every heading so (`#Programming Talks`, `####C`).
        for number, at in sorted((*found, *bare)):
            spaced(number, at, ": the document writes no heading with its space, all of them so")
        return written()
    deeper = [(number, at) for number, at in sorted((*found, *bare)) if text.startswith("##", at)]
    if (
        heading_lines == 1
        and abs(next(reading.headings[0][1] for _, reading in runs if reading.headings)) == 1
        and len(deeper) >= 2
    ):
        # Only its title written with its space (`# OpenSourceDataScience` over `###MOOC's`,
        # `###Data Sets`): the same age of writing, each section's heading so.
        for number, at in deeper:
            spaced(number, at, ": the document writes no heading with its space but its title")
        return written()
    firsts = [first for first, _ in runs]
    for number, at in found:
        line = line_at(at)
        level = len(line) - len(line.lstrip("#"))
        if level in _levels_around(runs, firsts, number):
            spaced(number, at, ", as the headings around it are")
    return written()


def _levels_around(
    runs: Sequence[tuple[int, _HashLineReading]], firsts: Sequence[int], number: int
) -> tuple[int, int]:
    """The levels (negative for a heading without a link) of the nearest heading line
    before line ``number`` (no heading line itself) and after it, 0 where there is none;
    ``runs`` as `_with_unspaced_headings` reads them, ``firsts`` their first lines."""
    index = bisect.bisect_right(firsts, number) - 1
    own = runs[index][1].headings
    place = bisect.bisect_left(own, (number - firsts[index], -7))  # (levels are -6 to 6)
    before = own[place - 1][1] if place else 0
    after = own[place][1] if place < len(own) else 0
    # Else the last heading of the runs before, the first of those after (no level is 0).
    if not before:
        before = next((r.headings[-1][1] for _, r in reversed(runs[:index]) if r.headings), 0)
    if not after:
        after = next((r.headings[0][1] for _, r in runs[index + 1 :] if r.headings), 0)
    return before, after


@dataclass(frozen=True, slots=True)
class _HashLineReading:
    """What `_with_unspaced_headings` reads of a run of whole lines: its heading lines
    outside fenced code and HTML blocks (line, level: negative when it holds no link), its
    paragraph lines of hashes without a space with a link (``found``) or not (``bare``),
    each (line, offset of its first character), counted from its first; the block still
    open after it, whether a paragraph may start on the line after it (its last is blank or
    a heading), and its number of lines."""

    headings: tuple[tuple[int, int], ...]
    found: tuple[tuple[int, int], ...]
    bare: tuple[tuple[int, int], ...]
    block: tuple[str, str] | None
    opens: bool
    lines: int


@recent_cache(limit=4096)
def _hash_line_reading(run: str, block: tuple[str, str] | None, opens: bool) -> _HashLineReading:
    """The `_HashLineReading` of ``run`` (whole lines of a document), after lines that leave
    ``block`` open (a fenced code or HTML block: `_block_end`) and let a paragraph start on
    its first line or not (``opens``): as one pass over the document from its first line
    reads them."""
    lines = run.split("\n")
    headings: list[tuple[int, int]] = []
    found: list[tuple[int, int]] = []
    bare: list[tuple[int, int]] = []
    at = 0  # the offset of the line's first character
    for number, line in enumerate(lines):
        if number:
            at += len(lines[number - 1]) + 1
        if block is not None:
            if _ends(block, line):
                block = None
            continue
        if line.startswith(("`", "~", " ", "<")):
            block = _block_end(line)
            continue
        if not line.startswith("#"):
            continue
        if _HEADING_START.match(line):
            level = len(line) - len(line.lstrip("#"))
            headings.append((number, level if _has_link_destination(line) else -level))
        elif (
            opens
            if not number
            else not lines[number - 1].strip() or (headings and headings[-1][0] == number - 1)
        ):
            # The start of a paragraph: not the continuation of the one above.
            if _unspaced_link_line(line):
                found.append((number, at))
            elif _UNSPACED_ANY.match(line) and len(line) <= 100:
                bare.append((number, at))
    last = len(lines) - 1
    return _HashLineReading(
        headings=tuple(headings),
        found=tuple(found),
        bare=tuple(bare),
        block=block,
        opens=not lines[last].strip() or bool(headings and headings[-1][0] == last),
        lines=len(lines),
    )


def _groups(text: str) -> list[tuple[int, str, bool]]:
    """The document cut before each ATX heading at column 0, as (offset of the first
    character, text, whole): whole when the group cannot be cut further (see
    `_group_units`) and is read as one piece.

    Only a cache key: each piece is parsed by the CommonMark parser, and a history's nearly
    equal versions share most pieces. A heading (and a bullet item, see `_group_units`) at
    column 0 always ends the block before it, except inside a fenced code block or an HTML
    block: no cut is made inside those (see `_raw_block_groups`), and a group holding one is
    read whole. (Link reference definitions apply across the whole document: each piece is
    parsed with the document's, see `_used_definitions`.)
    """
    if "```" in text or "~~~" in text or _has_html_start(text):
        return _raw_block_groups(text)
    cuts = [0, *(match.end() for match in _HEADING_LINE.finditer(text)), len(text) + 1]
    return [(start, text[start : end - 1], False) for start, end in itertools.pairwise(cuts)]


# A level-1 or level-2 ATX heading at column 0: where a chapter of the document starts.
_CHAPTER_LINE = re.compile(r"\n(?=#{1,2}(?:[ \t\n]|$))")
_CHAPTER_LINE_BYTES = re.compile(_CHAPTER_LINE.pattern.encode("ascii"))
# What `import_markdown` reads another way than in chapters of plain text (a carriage
# return, fenced code, merge-conflict markers), as bytes; and the parts of direction marks
# (a chapter holding one is read so when it holds a mark: `_read_plain_chapter`).
_NOT_PLAIN = (b"\r", b"```", b"~~~", *(marker.encode() for marker in CONFLICT_STARTS))
_DIRECTION_MARK_PARTS_BYTES = tuple(part.encode() for part in _DIRECTION_MARK_PARTS)
# Bytes that are whitespace for `str.isspace` (and `str.strip`), ASCII ones.
_ASCII_SPACE = b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"


def _byte_chapters(
    data: bytes, repository: str = ""
) -> list[tuple[int, tuple[tuple[int, int, _Unit], ...]]] | None:
    """`import_markdown`'s chapters of the UTF-8 document ``data``, each (the line it starts
    on, its units), or None when one is not plain (see `_byte_chapter_units`) or the document
    may be empty (no ASCII character other than whitespace: checked on the text) or starts
    with front matter or a byte order mark. Cuts fall on newlines, which never end a
    character midway and are part of no marker looked for: a chapter decoded alone is that
    part of the decoded whole, and the whole is plain when each chapter is."""
    first = data.lstrip(_ASCII_SPACE)[:1]
    if not first or first[0] >= 0x80 or data.startswith((b"---", b"\xef\xbb\xbf")):
        return None
    chapters = _cut_byte_chapters(data)
    if chapters is None:
        return None
    definitions = _document_definitions(chapter.definitions for chapter in chapters)
    result = []
    line = 0
    for chapter in chapters:
        result.append((line, _byte_chapter_units(chapter.data, definitions, repository)))
        line += chapter.newlines + 1  # and the newline before the next chapter
    return result


@dataclass(frozen=True, slots=True)
class _ByteChapter:
    """A chapter of a UTF-8 document: where it starts, its bytes (without the newline that
    ends it), their newlines, and its link reference definitions (`_definitions_in`)."""

    start: int
    data: bytes
    newlines: int
    definitions: tuple[tuple[str, str, str], ...]


# The last document cut into chapters, and its chapters (see `_cut_byte_chapters`).
_LAST_DOCUMENT: list[tuple[bytes, tuple[_ByteChapter, ...]]] = []


def _cut_byte_chapters(data: bytes) -> tuple[_ByteChapter, ...] | None:
    """The chapters of ``data`` (None when one is not plain). In a history most of a version
    is the version before it: the chapters the last document read starts and ends with are
    kept where ``data`` holds the same bytes there (compared, not scanned, decoded nor
    hashed), and only the part between is cut and looked up (see `_changed_chapters`)."""
    if not _LAST_DOCUMENT:
        chapters = _changed_chapters(data, 0, len(data) + 1)
    else:
        old, old_chapters = _LAST_DOCUMENT[0]
        chapters = _reused_chapters(old, old_chapters, data)
    _LAST_DOCUMENT[:] = [] if chapters is None else [(data, chapters)]
    return chapters


def _reused_chapters(
    old: bytes, old_chapters: tuple[_ByteChapter, ...], data: bytes
) -> tuple[_ByteChapter, ...] | None:
    """`_cut_byte_chapters` of ``data`` after the document ``old`` cut as ``old_chapters``.

    A cut (the start of a chapter) depends only on the newline before it and the three
    bytes after it (`_CHAPTER_LINE`), and a cut's "$" on the distance to the document's end:
    a leading chapter is kept when its bytes and the four bytes after it are the same in both
    (no cut inside it, one after it), a trailing one when its bytes and the four bytes before
    it are, counted from the end (the last chapter ends at the end in both)."""
    shift = len(data) - len(old)
    head = 0  # old_chapters[:head] are kept, and start data too
    while head < len(old_chapters):
        chapter = old_chapters[head]
        end = chapter.start + len(chapter.data)
        after = old[end : end + 4]
        if (
            end >= len(old)  # the last chapter: data would be the same document
            or len(after) < 4
            or not data.startswith(chapter.data, chapter.start)
            or data[end : end + 4] != after
        ):
            break
        head += 1
    tail = len(old_chapters)  # old_chapters[tail:] are kept, and end data too
    middle_start = old_chapters[head].start if head < len(old_chapters) else len(data) + 1
    while tail > head + 1:
        chapter = old_chapters[tail - 1]
        start = chapter.start + shift
        before = old[chapter.start - 4 : chapter.start]
        if (
            chapter.start < 4
            or start - 4 < middle_start
            or data[start - 4 : start] != before
            or not data.startswith(chapter.data, start)
        ):
            break
        tail -= 1
    middle_end = old_chapters[tail].start + shift if tail < len(old_chapters) else len(data) + 1
    middle = _changed_chapters(data, middle_start, middle_end)
    if middle is None:
        return None
    return (
        *old_chapters[:head],
        *middle,
        *(
            _ByteChapter(chapter.start + shift, chapter.data, chapter.newlines, chapter.definitions)
            if shift
            else chapter
            for chapter in old_chapters[tail:]
        ),
    )


def _changed_chapters(data: bytes, start: int, end: int) -> tuple[_ByteChapter, ...] | None:
    """The chapters of ``data`` from the cut at ``start`` to the cut at ``end`` (or its end
    plus one), None when one is not plain: found chapter by chapter, so that a document
    that is not plain (read by `import_markdown` instead) is cut no further than its first
    chapter that is not."""
    chapters = []
    cut = start
    for following in itertools.chain(
        itertools.takewhile(
            lambda position: position < end,
            (match.end() for match in _CHAPTER_LINE_BYTES.finditer(data, start)),
        ),
        (end,),
    ):
        chapter = data[cut : following - 1]
        definitions = _plain_definitions(chapter)
        if definitions is None:
            return None
        chapters.append(_ByteChapter(cut, chapter, chapter.count(b"\n"), definitions))
        cut = following
    return tuple(chapters)


def _plain_definitions(chapter: bytes) -> tuple[tuple[str, str, str], ...] | None:
    """The link reference definitions of a chapter given as UTF-8 (`_definitions_in`),
    cached by its bytes; None when the chapter is not UTF-8 (the whole is decoded to say
    where) or not plain: when `import_markdown` would change its text first (carriage
    returns, conflict markers) or cut it around fenced code or HTML blocks. Checked per
    chapter, so that only the chapters not seen before are scanned."""
    known = _PLAIN_CHAPTERS.get(chapter)
    if known is None:
        known = _PLAIN_CHAPTERS.put(chapter, _read_plain_chapter(chapter))
    return None if isinstance(known, bool) else known


def _byte_chapter_units(
    chapter: bytes, definitions: Definitions, repository: str = ""
) -> tuple[tuple[int, int, _Unit], ...]:
    """`_chapter_units` of a plain chapter given as UTF-8 in a document whose definitions are
    ``definitions``, cached by its bytes and the definitions it may use (its offsets count
    characters: inside the chapter's bytes, so still one per unit in the document)."""
    if definitions.entries:
        used = _USED_BY_CHAPTER.get(definitions, chapter)
        if used is None:
            used = _USED_BY_CHAPTER.put(
                definitions, chapter, _used_definitions(chapter.decode("utf-8"), definitions)
            )
    else:
        used = definitions
    key = (chapter, used, repository)
    known = _BYTE_CHAPTERS.get(key)
    if known is None:
        # A plain chapter holds no raw HTML block: ``html_links`` cannot change its units.
        # (What they were made of is kept with them: see `rotate_caches`.)
        known = _BYTE_CHAPTERS.put(
            key,
            *made_with_needs(_chapter_units, chapter.decode("utf-8"), False, used, repository),
        )
    return known


def _read_plain_chapter(chapter: bytes) -> tuple[tuple[str, str, str], ...] | bool:
    """`_plain_definitions` not cached (False for None)."""
    if (
        any(marker in chapter for marker in _NOT_PLAIN)
        or _has_html_line(chapter)
        or _UNSPACED_HEADING_BYTES.search(chapter)
        or _UNSPACED_HEADING_BYTES.match(b"\n" + chapter[:8])
        or _TABLE_GAP_BYTES.search(chapter)
        or (_OLD_ANCHOR_END_BYTES in chapter and _OLD_README_ANCHOR_BYTES.search(chapter))
        or (
            any(part in chapter for part in _DIRECTION_MARK_PARTS_BYTES)
            and _has_direction_mark(chapter.decode("utf-8", "replace"))
        )
    ):
        # `import_markdown` reads the document (an unspaced heading line is rewritten first,
        # a table cut by a blank line closed).
        return False
    try:
        return _definitions_in(chapter.decode("utf-8"))
    except UnicodeDecodeError:
        return False


def _has_html_line(data: bytes) -> bool:
    """Whether a line of ``data`` starts with "<" after at most three spaces (what
    `_HTML_START` finds; from each "<", since a multi-line regex search tries every byte)."""
    position = data.find(b"<")
    while position != -1:
        line_start = data.rfind(b"\n", 0, position) + 1
        if position - line_start <= 3 and not data[line_start:position].strip(b" "):
            return True
        position = data.find(b"<", position + 1)
    return False


def _has_html_start(text: str) -> bool:
    """`_has_html_line` of a text: whether ``_HTML_START.search(text)`` finds a line."""
    position = text.find("<")
    while position != -1:
        line_start = text.rfind("\n", 0, position) + 1
        if position - line_start <= 3 and not text[line_start:position].strip(" "):
            return True
        position = text.find("<", position + 1)
    return False


def _chapters(text: str, *, rewritten: bool = False) -> Sequence[tuple[int, str]]:
    """The document cut before each level-1 or level-2 heading (outside fenced code and HTML
    blocks, see `_groups`), as (offset, text): a chapter unchanged since the last version is
    one cache hit (`_chapter_units`), not one per heading in it. ``rewritten``: the text is
    a document as `import_markdown` rewrote it (see `_raw_chapters`)."""
    if "```" in text or "~~~" in text or _has_html_start(text):
        return _raw_chapters(text, rewritten)
    cuts = [0, *(match.end() for match in _CHAPTER_LINE.finditer(text)), len(text) + 1]
    return [(start, text[start : end - 1]) for start, end in itertools.pairwise(cuts)]


# The last document `_raw_chapters` cut, and its chapters, by whether it was a rewritten
# text: a document that `import_markdown` rewrites (unspaced headings spaced …) is cut as
# read, then as rewritten, every version, and each is most like the same text of the
# version before it (the other differs wherever the rewriting wrote).
_LAST_RAW: dict[bool, tuple[str, tuple[tuple[int, str], ...]]] = {}


def _raw_chapters(text: str, rewritten: bool = False) -> tuple[tuple[int, str], ...]:
    """`_raw_block_groups(text, deepest=2)` as (offset, text). Most of a history's version is
    the version before it: the chapters the last document started with are kept where
    ``text`` holds the same characters, up to the same first line of the chapter after them
    (whether a line starts a chapter depends only on the text before it and the line); the
    scan for fenced code and HTML blocks starts after them, and stops at a cut from which
    ``text`` ends as the last document did (after a cut, the scan depends only on the text
    from there), whose chapters are kept too."""
    last = _LAST_RAW.get(rewritten)
    if last is not None:
        chapters = _reused_raw_chapters(*last, text)
    else:
        chapters = tuple(
            (start, chapter) for start, chapter, _ in _raw_block_groups(text, deepest=2)
        )
    _LAST_RAW[rewritten] = (text, chapters)
    return chapters


def _reused_raw_chapters(
    old: str, old_chapters: tuple[tuple[int, str], ...], text: str
) -> tuple[tuple[int, str], ...]:
    """`_raw_chapters` of ``text`` after the document ``old`` cut as ``old_chapters``."""
    # Whether ``text`` holds a chapter at a place: where it holds a character beyond ASCII,
    # compared as a slice of it, as a chapter is (a slice holds the narrowest kind of
    # characters that fits it): `str.startswith` compares a wide text with a narrow
    # chapter character by character, twice as slow as slicing (a 300 KB README with an
    # emoji is compared nearly whole every version).
    size = len(text)

    def sliced(chapter: str, start: int) -> bool:
        if 0 <= start <= size:
            return text[start : start + len(chapter)] == chapter
        return text.startswith(chapter, start)  # (what a negative start means there)

    holds: Callable[[str, int], bool] = text.startswith if text.isascii() else sliced
    head = 0
    while head + 1 < len(old_chapters):
        start, chapter = old_chapters[head]
        following = old_chapters[head + 1][0]
        line_end = old.find("\n", following)
        if (
            line_end == -1
            or not holds(chapter, start)
            or not text.startswith(old[following - 1 : line_end + 1], following - 1)
        ):
            break
        head += 1
    middle = old_chapters[head][0]  # a cut in both, the same text before it
    shift = len(text) - len(old)
    # Trailing chapters the same in both, counted from the end: where the scan may stop.
    tails: dict[int, int] = {}
    index = len(old_chapters) - 1
    expected_end = len(old)
    while index > head:
        start, chapter = old_chapters[index]
        if start + len(chapter) != expected_end or not holds(chapter, start + shift):
            break
        if index + 1 < len(old_chapters) and not text.startswith(
            "\n", start + shift + len(chapter)
        ):
            break
        tails[start + shift] = index
        expected_end = start - 1  # the newline before this chapter
        index -= 1
    starts, _, stopped = _raw_cuts(text, 2, middle, tails)
    cuts = [*starts, stopped if stopped is not None else len(text) + 1]
    found = [(start, text[start : end - 1]) for start, end in itertools.pairwise(cuts)]
    kept = (
        [(start + shift, chapter) for start, chapter in old_chapters[tails[stopped] :]]
        if stopped is not None
        else []
    )
    return (*old_chapters[:head], *found, *kept)


@recent_cache(limit=4096)
def _chapter_units(
    chapter: str, html_links: bool, definitions: Definitions, repository: str = ""
) -> tuple[tuple[int, int, _Unit], ...]:
    """The units of one chapter as (offset, line of that offset, unit), both relative to the
    chapter (cached by its text and the link reference definitions it may use: most of a
    history's chapters repeat); ``html_links`` as for `import_markdown`."""
    found: list[tuple[int, int, _Unit]] = []
    line = counted = 0
    for start, group, whole in _groups(chapter):
        line += chapter.count("\n", counted, start)
        counted = start
        # (`_used_definitions` of no definitions is none: a cached call less per group)
        used = _used_definitions(group, definitions) if definitions.entries else definitions
        found.extend(
            (start, line, unit) for unit in _group_units(group, whole, html_links, used, repository)
        )
    return tuple(found)


# Whether chapters given as UTF-8 are plain, by their bytes: their definitions, else False
# (see `_plain_definitions`).
_PLAIN_CHAPTERS: RecentMemo[bytes, tuple[tuple[str, str, str], ...] | bool] = RecentMemo(limit=4096)
# The units of plain chapters by their UTF-8 and the definitions they may use.
_BYTE_CHAPTERS: RecentMemo[tuple[bytes, Definitions, str], tuple[tuple[int, int, _Unit], ...]] = (
    RecentMemo(limit=4096)
)
# The definitions a chapter given as UTF-8 may use, by the document's definitions (found by
# identity: `_document_definitions`) and its bytes.
_USED_BY_CHAPTER: ObjectMemo[Definitions] = ObjectMemo(limit=4096)

# A fenced code block's opening line; the closing line is the same character, as many times
# or more, alone on its line.
_FENCE_OPEN = re.compile(r" {0,3}(`{3,}|~{3,})")
# HTML blocks that end at a marker rather than at a blank line (CommonMark's kinds 1 to 5),
# and their markers; every other HTML block ends at the first blank line.
_HTML_RAW_OPEN = re.compile(
    r" {0,3}<(?:(script|pre|style|textarea)(?=[\s>]|$)|(!--)|(\?)|(!\[CDATA\[)|(![A-Za-z]))",
    re.IGNORECASE,
)
_HTML_RAW_END = ("</{}>", "-->", "?>", "]]>", ">")
_HEADING_START = re.compile(r"#{1,6}(?:[ \t]|$)")


def _block_end(line: str) -> tuple[str, str] | None:
    """What ends the fenced code block or HTML block ``line`` opens, as (kind, marker):
    ("fence", the fence), ("marker", text the ending line holds), ("blank", ""); None when
    the line opens neither (or opens and ends an HTML block at once)."""
    fence = _FENCE_OPEN.match(line)
    if fence is not None and not (fence.group(1)[0] == "`" and "`" in line[fence.end() :]):
        return ("fence", fence.group(1))
    if not _HTML_START.match(line):
        return None
    raw = _HTML_RAW_OPEN.match(line)
    if raw is None:
        return ("blank", "")
    kind = next(index for index, group in enumerate(raw.groups()) if group)
    marker = _HTML_RAW_END[kind].format(raw.group(1).lower()) if kind == 0 else _HTML_RAW_END[kind]
    return None if marker in line[raw.end() :].lower() else ("marker", marker)


def _ends(end: tuple[str, str], line: str) -> bool:
    kind, marker = end
    if kind == "blank":
        # Blank as markdown says: spaces and tabs only (a line of no-break spaces goes on
        # with the HTML block, as markdown-it reads it).
        return not line.strip(" \t")
    if kind == "marker":
        return marker in line.lower()
    stripped = line.lstrip(" ")
    return (
        len(line) - len(stripped) <= 3
        and stripped.rstrip().startswith(marker)
        and not stripped.rstrip().strip(marker[0])
    )


def _raw_block_groups(text: str, deepest: int = 6) -> list[tuple[int, str, bool]]:
    """`_groups` for a document with fenced code or HTML blocks: cut before each ATX heading
    (of level ``deepest`` or less) at column 0 outside them; a group holding one is whole.
    An end not found (an unclosed fence) keeps the rest of the document in one group: fewer
    cuts are never wrong; an ambiguous end (see below) does too."""
    starts, whole, _ = _raw_cuts(text, deepest, 0, {})
    bounds = [*starts, len(text) + 1]
    return [
        (start, text[start : stop - 1], is_whole)
        for (start, stop), is_whole in zip(itertools.pairwise(bounds), whole, strict=True)
    ]


def _raw_cuts(
    text: str, deepest: int, start: int, stops: Mapping[int, object]
) -> tuple[list[int], list[bool], int | None]:
    """The cuts of `_raw_block_groups` from ``start`` (0, or a cut: the scan after a cut
    depends only on the text from there), and whether each group is whole; the scan stops
    at the first cut in ``stops``, returned last (None when it reached the end)."""
    starts = [start]
    whole = [False]
    end: tuple[str, str] | None = None
    indented = False
    position = start
    # Under a heading that is a link (its level), the `<details>` it folds away still open:
    # deeper headings in there are its description (`_units`), no cut.
    link_level = folded = 0
    # Any `<details>` opened on an HTML line and not closed: the headings in it are the
    # content of the section it is in (`_nested_details`), no cut.
    opened = 0
    # An HTML comment opened in an HTML block that ends at a blank line and not closed yet:
    # `_units` leaves it out to the block's end, `</details>` in it too.
    commented = False
    # The lines are taken one by one from the text (with places to stop at, a version read
    # after the one before it, the scan stops soon after the edit, and splitting the rest of
    # a long document would cost more than the scan); outside a block, the lines that can
    # change nothing (`_SCAN_MARK`) are stepped over at once.
    length = len(text)
    if start:
        # The cut's heading line, read as the scan from the top reads it.
        line_end = text.find("\n", start)
        line = text[start:] if line_end == -1 else text[start:line_end]
        level = len(line) - len(line.lstrip("#"))
        link_level = level if line[level:].lstrip().startswith("[") else 0
        position += len(line) + 1
    while position <= length:
        if end is None and position:
            # (from the newline before the line: a heading's start is found with it)
            mark = _SCAN_MARK.search(text, position - 1)
            if mark is None:
                break  # (only lines that change nothing left)
            at = mark.start()
            before = text.rfind("\n", position, at + 1 if text[at] == "\n" else at)
            if before != -1:
                position = before + 1
                commented = False  # (as each line stepped over sets it)
        line_end = text.find("\n", position)
        line = text[position:] if line_end == -1 else text[position:line_end]
        if not position and line.startswith("#") and _HEADING_START.match(line):
            level = len(line) - len(line.lstrip("#"))
            link_level = level if line[level:].lstrip().startswith("[") else 0
        if "details" in line:
            change = len(_DETAILS_OPEN.findall(line)) - len(_DETAILS_CLOSE.findall(line))
            if link_level:
                folded = max(0, folded + change)
            if end is None or end[0] != "fence":
                opened = _details_opened(line, opened, commented or end == ("marker", "-->"))
        if end is not None:
            if indented and end[0] != "blank" and line[:1] not in ("", " ", "\t"):
                # A block opened indented may be inside a list item, which this line ends
                # (and the block with it), or at the top level, which it does not: the rest
                # is read whole rather than guessed. So even when the line would close it
                # (`  ```` in an item, then ```` at column 0: the item's fence ends with the
                # item, and this one opens another that may run to the document's end).
                whole[-1] = True
                break
            if _ends(end, line):
                end = None
        elif position and line.startswith("#") and _HEADING_START.match(line):
            level = len(line) - len(line.lstrip("#"))
            if (folded and level > link_level) or opened:
                pass  # inside a resource heading's `<details>`, or any other
            elif level <= deepest:
                if position in stops:
                    return starts, whole, position
                starts.append(position)
                whole.append(False)
                link_level = level if line[level:].lstrip().startswith("[") else 0
                folded = 0
        elif "`" in line or "~" in line or "<" in line:
            # (a line without those characters opens no fenced code nor HTML block)
            end = _block_end(line)
            indented = line[:1] in (" ", "\t")
            if end is not None or _HTML_START.match(line):
                whole[-1] = True
        if end != ("blank", ""):
            commented = False
        elif commented or "<!--" in line:
            commented = _comment_left_open(line, commented)
        position += len(line) + 1
    return starts, whole, None


# What a line `_raw_cuts` reads outside a block must hold to change anything there: a
# heading's start, what opens a fenced code or HTML block, a `<details>` (any other line only
# says no HTML comment is left open, as a line outside an HTML block does).
# Each alternative a literal first: the search skips to those characters in C.
_SCAN_MARK = re.compile(r"\n#|`|~|<|details")


def _comment_left_open(line: str, in_comment: bool) -> bool:
    """Whether an HTML comment is open after ``line`` (``in_comment``: one was open before
    it)."""
    if in_comment:
        if "-->" not in line:
            return True
        line = line.partition("-->")[2]
    return "<!--" in _HTML_CLOSED_COMMENT.sub("", line)


_HTML_CLOSED_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _lines_from(text: str, start: int) -> Iterator[str]:
    """``iter(text[start:].split("\\n"))``, a line at a time."""
    while True:
        end = text.find("\n", start)
        if end == -1:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def _details_opened(line: str, opened: int, in_comment: bool) -> int:
    """How many `<details>` are open after ``line`` (outside fenced code; ``in_comment``:
    the line starts inside an HTML comment), erring on open: `_units` counts them in the
    HTML blocks it parses, comments left out, and a cut inside one would read its headings
    otherwise than the whole document does. Any `<details>` opens one; only a line that
    starts as HTML closes one, in the order written: `</details><details>` with none open
    leaves one open, as `_units` reads it (`_Block.details_closed`)."""
    if in_comment:
        line = line.partition("-->")[2]
    line = _HTML_COMMENT.sub("", line)
    if not _HTML_START.match(line):
        return opened + len(_DETAILS_OPEN.findall(line))
    for tag in _DETAILS_TAG.findall(line):
        opened = opened - 1 if tag else opened + 1
        opened = max(0, opened)
    return opened


@recent_cache(limit=16384)
def _group_units(
    text: str, whole: bool, html_links: bool, definitions: Definitions, repository: str = ""
) -> tuple[_Unit, ...]:
    """The units of one group (cached by its text and the link reference definitions it may
    use), parsed in pieces cut before each bullet item at column 0 and each table row after
    the first (parsed under the table's header)."""
    if whole:
        blank_cuts = () if html_links else _whole_group_cuts(text)
        bounds = [0, *blank_cuts, len(text) + 1]
        return _units(
            tuple(("", text[start : end - 1]) for start, end in itertools.pairwise(bounds)),
            html_links,
            definitions,
            repository,
        )
    cuts = {0, *(match.end() for match in _ITEM_LINE.finditer(text))}
    headers: dict[int, str] = {}
    for match in _table_heads(text):
        header, delimiter = match.group(1), match.group(2)
        if header.strip(" |").count("|") != delimiter.strip(" |").count("|"):
            continue  # not a table: leave it whole
        before = text[text.rfind("\n", 0, max(0, match.start() - 1)) + 1 : match.start()]
        if before.strip() and not _HEADING_START.match(before):
            # After a line of text the head may be a list item's lazy continuation, no table
            # (the CommonMark parser reads on): cut, the rows would be read as a table when
            # the whole reads them as text. Left whole, the piece reads as the whole does.
            continue
        position = text.find("\n", match.end() + 1) + 1  # after the first body row
        if not text.startswith("|", match.end() + 1):
            # No row under the head (a blank line, the end, a list item …: the table ends
            # there), and the lines of cells below it are no rows (a paragraph, an item's
            # lazy lines): left whole. (A first row written without its leading "|" is left
            # whole too, read as the whole reads it.)
            continue
        while 0 < position < len(text) and text.startswith("|", position):
            cuts.add(position)
            headers[position] = match.group(0)
            position = text.find("\n", position) + 1
    bounds = [*sorted(cuts), len(text) + 1]
    return _units(
        tuple(
            (headers.get(start, ""), text[start : end - 1])
            for start, end in itertools.pairwise(bounds)
        ),
        html_links,
        definitions,
        repository,
    )


# An HTML block that may interrupt a paragraph (CommonMark's kinds 1 to 6): one that starts
# at column 0 is never a list item's lazy continuation, so it ends any list open above it.
_INTERRUPTING_HTML = re.compile(
    r"<(?:(?:script|pre|style|textarea)(?=[\s>]|$)|!--|\?|!\[CDATA\[|![A-Za-z]"
    rf"|/?(?:{'|'.join(sorted(html_block_names))})(?=[\s/>]|$))",
    re.IGNORECASE,
)


@recent_cache(limit=256)
def _whole_group_cuts(text: str) -> tuple[int, ...]:
    """`_blank_line_cuts` (cached: a changed group read whole is cut for its units and for
    its link reference definitions, `_definitions_in`)."""
    return tuple(_blank_line_cuts(text))


def _blank_line_cuts(text: str) -> list[int]:
    """Where a group read whole (it holds fenced code or an HTML block: see `_groups`) may
    still be cut, so that an edit parses its piece again and not the whole group (a generated
    list of `<details>` entries is one such group per section): before each line at column 0
    that follows a blank line outside fenced code and HTML blocks ended by a marker (a blank
    line ends every other block, and a line at column 0 ends every list item), except a list
    item that may continue a list open above it (its list's reading would change: one list, or
    two). Every block then ends before the cut, as the CommonMark parser reads the whole. No
    cut at all where the lines are rewritten before they are parsed (`_heading_items_lifted`,
    `_headings_in_items_lifted`), and none after a block opened indented that a line at column
    0 may or may not end (as `_raw_cuts` reads it)."""
    if " #" in text and (
        _HEADING_ITEM.search(text) is not None or _INDENTED_HEADING.search(text) is not None
    ):
        return []
    cuts: list[int] = []
    end: tuple[str, str] | None = None  # the fenced code or HTML block open, as `_block_end`
    indented = False  # whether that block was opened indented (perhaps inside a list item)
    list_free = True  # no list open above that a list item at column 0 would continue
    blank_before = False
    position = 0
    # `<table>` elements open (`_html_table_tags`, as `_html_table_gaps_closed` counts them):
    # a blank line inside one does not end it where a tag follows, so no cut until it closes.
    tables = 0
    for line in text.split("\n"):
        column_0 = line[:1] not in ("", " ", "\t")
        if end is None or end[0] == "blank":
            opened, closed = _html_table_tags(line)
            tables = max(0, tables + opened - closed)
        if tables:
            blank_before = False
            position += len(line) + 1
            continue
        if end is not None:
            if _ends(end, line):
                end = None
            elif indented and end[0] != "blank" and column_0:
                break  # ambiguous (see `_raw_cuts`): no cut from here on
        elif column_0:
            item = _LIST_MARKER_LINE.match(line) is not None
            if position and (
                (blank_before and (list_free or not item)) or _BULLET_ITEM.match(line)
            ):
                cuts.append(position)
            if item:
                list_free = False
            elif blank_before or _interrupts_a_paragraph(line):
                list_free = True
            end = _block_end(line)
            indented = False
        elif line.strip(" \t"):
            if _LIST_MARKER_LINE.match(line):
                list_free = False  # a list may start indented, and go on at column 0
            end = _block_end(line)
            indented = True
        blank_before = not line.strip(" \t")
        position += len(line) + 1
    return cuts


def _interrupts_a_paragraph(line: str) -> bool:
    """Whether a line at column 0 starts a block that may interrupt a paragraph (a heading,
    a fence, a quote, an HTML block of kinds 1 to 6): never a list item's lazy continuation,
    it ends any list above it. Erring on no: a list then stays open, and only cuts are lost."""
    return bool(
        _HEADING_START.match(line)
        or _FENCE_OPEN.match(line)
        or line.startswith(">")
        or _INTERRUPTING_HTML.match(line)
    )


def _table_heads(text: str) -> Iterator[re.Match[str]]:
    """What ``_TABLE_HEAD.finditer(text)`` finds, tried only where a line starts with "|"
    (a search from every position of a changed piece costs more than reading the piece)."""
    starts = itertools.chain(
        (0,) if text.startswith("|") else (),
        (match.end() for match in _TABLE_LINE.finditer(text)),
    )
    end = 0
    for start in starts:
        if start < end:
            continue  # inside the table head found last
        match = _TABLE_HEAD.match(text, start)
        if match is not None:
            end = match.end()
            yield match


# --- digest: tokens → blocks ---------------------------------------------------------------


@recent_cache(limit=16384)
def _digest(text: str, definitions: Definitions) -> tuple[_Block, ...]:
    """The blocks of one piece of markdown read with the link reference definitions it may
    use (`_used_definitions`), line numbers relative to it."""
    tokens = parse_tokens(text, definitions)
    lines = text.split("\n")
    blocks: list[_Block] = []
    opens: list[int] = []
    index = 0
    while index < len(tokens):
        end = _closing(tokens, index)
        blocks.append(_block(tokens, index, end, lines))
        opens.append(index)
        index = end + 1
    if len(blocks) > _CARDS_APART:
        blocks = _cards_set_apart(tokens, opens, blocks)
    return tuple(blocks)


# Cards set apart by blank lines are read where at least this many follow each other: one bold
# label over a link paragraph is as likely a note's label ("**Note**" over "[the wiki](…)").
_CARDS_APART = 2


def _cards_set_apart(
    tokens: Sequence[Token], opens: Sequence[int], blocks: list[_Block]
) -> list[_Block]:
    """Blocks with each paragraph that is only a bold name and the paragraph right after it
    whose first line is only its link, lines about it after that, read as one card: the same
    resource as the card written without the blank line between (`_name_over_link_card`),
    where at least `_CARDS_APART` such cards follow each other, with a warning naming the line
    of the first (``**Vim**``, a blank line, ``[vim.org](…)``). A bold label ending with a colon
    (``**Website:**``) says what the link under it is: no card. Any other blocks as they were."""
    cards: dict[int, _Candidate] = {}
    for at in range(len(blocks) - 1):
        if blocks[at].kind != "text" or tokens[opens[at + 1]].type != "paragraph_open":
            continue
        name = tokens[opens[at] + 1].children or []
        if not any(token.type == "strong_open" for token in name[:2]):
            continue  # (the cheap test first: most paragraphs are no bold name)
        name = [token for token in name if token.type != "text" or token.content.strip()]
        if name[0].type != "strong_open" or name[-1].type != "strong_close":
            continue
        if _plain(name).rstrip().endswith((":", "\uff1a")):
            continue
        about = tokens[opens[at + 1] + 1].children or []
        joined = [*name, Token("softbreak", "br", 0), *about]
        card = _name_over_link_card(joined, blocks[at].start)
        if card is not None:
            cards[at] = card
    if len(cards) < _CARDS_APART:
        return blocks
    result: list[_Block] = []
    at = 0
    while at < len(blocks):
        run = 0
        while at + 2 * run in cards:
            run += 1
        if run < _CARDS_APART:
            result.append(blocks[at])
            at += 1
            continue
        first = blocks[at].start
        message = (
            f"{run} cards written as a bold name, a blank line, then its link: "
            "each name read with the link under it as one resource"
        )
        for card_at in range(at, at + 2 * run, 2):
            result.append(
                _checked_cards(
                    _Block(
                        kind="resources",
                        start=blocks[card_at].start,
                        end=blocks[card_at + 1].end,
                        resources=(cards[card_at],),
                        warnings=((first, message),) if card_at == at else (),
                    )
                )
            )
        at += 2 * run
    return result


@dataclass(frozen=True, slots=True)
class _TableRows:
    """A table of a unit's body whose rows link: its first line and the line after it (as
    its candidates' lines count), whether every row says only marks of what it names (a
    feature matrix, `_mark_row`), and its rows' URLs, normalized."""

    start: int
    end: int
    marks: bool
    urls: tuple[str, ...]

    def holds(self, candidate: _Candidate) -> bool:
        """Whether a candidate is one of this table's rows."""
        return self.start <= candidate.line < self.end


@dataclass(frozen=True, slots=True, kw_only=True)
class _Unit:
    """A heading (None before the first) and its body up to the next heading, digested.
    Line numbers are relative to the piece of markdown it was read from."""

    heading: _Block | None
    intro: str = ""  # the body's text blocks: a section's intro
    text: str = ""  # text and resource blocks: a resource heading's description, a root intro
    first_link: str = ""
    link_line: str = ""
    link_line_title: str = ""  # the text of ``link_line``'s link
    link_line_at: int = 0  # the line ``link_line``'s paragraph starts on
    link_line_alone: bool = False  # that paragraph is the link alone (nothing said after it)
    link_line_labelled: bool = False  # a label (`Source:`) before that link
    # ``intro`` without the link line's paragraph when that is the link alone: a section's
    # intro when the link is the section's resource (else it would show twice).
    intro_without_link_line: str = ""
    has_resources: bool = False
    has_link_resources: bool = False  # resources other than bare plain bullets
    candidates: tuple[_Candidate, ...] = ()
    warnings: tuple[tuple[int, str], ...] = ()
    reading_warnings: tuple[tuple[int, str], ...] = ()  # its lists' (`_Block`)
    # Those of ``warnings`` and ``reading_warnings`` that say how its lists' items were read
    # as resources: untrue where its body is kept as the document's intro (`_Outliner._take`).
    list_warnings: tuple[tuple[int, str], ...] = ()
    # The resource the heading stands for; when ``leaf_only``, only if no deeper heading
    # follows (then it is the title of a section).
    heading_resource: _Candidate | None = None
    leaf_only: bool = False
    heading_warnings: tuple[tuple[int, str], ...] = ()
    # The heading is a tool read by the facts under it (`_fact_entry`, strict); else, when
    # they may be facts, the resource it is when its neighbours are such tools.
    facts: bool = False
    fact_resource: _Candidate | None = None
    fact_warnings: tuple[tuple[int, str], ...] = ()
    # The body holds a table of contents (a list of links into this document only), and the
    # words of its links.
    contents: bool = False
    contents_names: tuple[str, ...] = ()
    # Its body is a list written as link paragraphs (two or more named links alone, or lines
    # of one paragraph, `_quotes_under_cards`, `_link_lines_only`); or one such link alone
    # beside text only (its link line): a topic holding one course where the headings of its
    # level hold lists so written (`_Outliner.card_levels`), else the heading's course.
    card_list: bool = False
    lone_card: bool = False
    # Before the first heading only: its first title line, an HTML heading's words
    # (`_Block.title_line`) or a paragraph all in bold (`entry_title`); the title of a
    # document with no level-1 heading.
    title_line: str = ""
    # Its resources are all rows of tables of records (`_is_record_table`): a comparison
    # table under the document's title is the list itself, never the author's own links.
    records: bool = False
    # The tables of its body whose rows link (`_linked_tables`): what `_Outliner` asks of
    # those that compare resources the document lists elsewhere (`_compared_urls`).
    tables: tuple[_TableRows, ...] = ()


# The fewest named columns and linked rows of a table of records (`_all_records`).
_RECORD_COLUMNS = 3
_RECORD_ROWS = 3


def _all_records(body: Sequence[_Block]) -> bool:
    """Whether a body's resources are all rows of markdown tables of records: a header naming
    three columns or more, three linked rows or more (`| Model | Release Date | Weights |
    Licence |` over a row per model; a table read a row a piece, as a history reads it, is
    a block a row): what a list compares, not links of its author's (a row of a
    translation's links, a sponsor's logo, a nav bar)."""
    listed = [block for block in body if block.kind == "resources" and block.resources]
    return (
        bool(listed)
        and all(
            not block.raw_html
            and sum(bool(name.strip()) for name in block.table) >= _RECORD_COLUMNS
            for block in listed
        )
        and sum(bool(candidate.url) for block in listed for candidate in block.resources)
        >= _RECORD_ROWS
        and not all(
            _account_on(candidate.title, candidate.url)
            for block in listed
            for candidate in block.resources
            if candidate.url
        )
    )


def _account_on(network: str, url: str) -> str:
    """The account a link leads to when it is one on the network its words name (`Twitter` at
    `twitter.com/Acme`, `Discord` at `discord.gg/acme`, `YouTube` at `youtube.com/c/acme`): a
    page of the network's own under its host, never its home page (`Coursera` at
    `coursera.org`, a platform listed); "" for any other."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    name = re.sub(r"[^\w]+", "", network).casefold()
    path = [part for part in parts.path.split("/") if part]
    return path[-1] if name and name in host.split(".")[:-1] and path else ""


def _emphasized(lines: list[str], block: _Block) -> bool:
    """Whether a paragraph is written all in emphasis (`_… ._`, `*…*`): a note on what the
    heading is about, not its entry."""
    text = "\n".join(lines[block.start : block.end]).strip()
    return len(text) > 2 and text[0] in "_*" and text[-1] == text[0] and text[1] != text[0]


# A list item at column 0 in a section's intro: its body lists things of its own.
_OWN_LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,9}[.)])[ \t]+\S", re.MULTILINE)
# A list item at column 0 whose text is an ATX heading (`- ### Binary search`): a study plan's
# topic, its links in the item's nested lists.
_HEADING_ITEM = re.compile(r"^(?:[-*+]|\d{1,9}[.)])( {1,4})#{1,6}(?:[ \t]|$)", re.MULTILINE)
_FENCE_LINE = re.compile(r" {0,3}(?:```|~~~)")


# A project written in HTML as its own line: a `<details>` whose `<summary>` starts with the
# project's link (in bold or not), or a list item that starts so (`- <b><a href="…">Name</a></b>
# (🥇29 · ⭐ 1.4K) - what it is. <code>MIT</code>`): the "best-of" lists' entries.
_HTML_ENTRY = re.compile(
    r"^(?P<lead><details>\s*<summary>|[ \t]*[-*+][ \t]+)(?:<(?:b|strong)>)?"
    r"""<a\s[^>]*?href\s*=\s*["'](?P<href>[^"']+)["'][^>]*>(?P<text>[^<]*)</a>"""
    r"(?:</(?:b|strong)>)?(?P<rest>.*?)(?P<end></summary>)?\s*$",
    re.IGNORECASE,
)
_HTML_CODE_SPAN = re.compile(r"<code\b[^>]*>.*?</code\s*>", re.IGNORECASE)
# A link folded under a best-of entry: `- [PyPi](https://pypi.org/project/x) (📥 19K …):`.
_FOLDED_LINK = re.compile(r"^[ \t]*[-*+][ \t]+\[(?P<text>[^\]]+)\]\((?P<url>https?://[^)\s]+)\)")
# Counts a generator writes after a project's link and rewrites every week: a parenthesis of
# parts separated by middle dots, each marks (a medal, a star, 💤) around at most one number
# (`29`, `1.4K`), at least one number in all (`(🥇29 ·  ⭐ 1.4K · 💤)`).
_LIVE_COUNT = re.compile(r"(?:[^\w\s()]+\s*)*(?:\d[\d.,]*\s*[kKmMbB]?)?(?:\s*[^\w\s()]+)*")


def _live_counts(text: str) -> bool:
    """Whether a parenthesis' text is live counts only (`🥇29 ·  ⭐ 1.4K · 💤`): numbers, each
    with its mark (a symbol: a year alone, `(2019)`, is no count)."""
    parts = re.split(r"\s*\u00b7\s*", text.strip())
    return (
        any(re.search(r"\d", part) for part in parts)
        and any(unicodedata.category(character).startswith("S") for character in text)
        and all(_LIVE_COUNT.fullmatch(part) for part in parts)
    )


def _html_entries_as_items(piece: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    """A piece with its projects written in HTML (`_HTML_ENTRY`) written as the link bullets
    they show (``- [Name](URL) - what it is.``), for ``--html-links``: the live counts in
    parentheses after the link and the `<code>` labels (license, framework icons) left out of
    the description, being figures and badges the list's generator rewrites, and what a
    `<details>` entry folds blanked up to its `</details>`, with a warning (line, message) for
    each entry that folds links. The project is its summary's link; the links folded under it
    (`- [PyPi](…) (📥 19K / month …):`, its repository, its package pages, install commands)
    are live package data that the generator shows only while the project ranks above its
    section's hidden ones: read into its description, a project moving in or out of the
    hidden ones would be announced as edited. Line numbers unchanged."""
    if "<a" not in piece:
        return piece, ()
    lines = piece.split("\n")
    warnings: list[tuple[int, str]] = []
    folded = False  # inside a `<details>` entry, up to its `</details>`
    entry = -1  # the line of the entry being folded, and the names of the links under it
    title = own = ""  # its title and its URL, normalised
    kinds: list[str] = []
    for number, line in enumerate(lines):
        if folded:
            if _DETAILS_CLOSE.search(line):
                folded = False
                if kinds:
                    warnings.append((entry, _folded_links_warning(title, kinds)))
                line = _DETAILS_CLOSE.sub("", line, count=1)
                lines[number] = line
                if not line.strip():
                    continue
            else:
                link = _FOLDED_LINK.match(line)
                if link is not None and normalize_url(link.group("url")) != own:
                    kinds.append(link.group("text"))  # (its own link again loses nothing)
                lines[number] = ""
                continue
        match = _HTML_ENTRY.match(line)
        if match is None:
            continue
        summary = match.group("lead").lstrip().startswith("<")
        if summary and match.group("end") is None:
            continue  # a summary going on over more lines: left as written
        rest = _HTML_CODE_SPAN.sub(" ", match.group("rest"))
        rest = _html_words(rest)
        counts = re.match(r"\(([^()]*)\)\s*", rest)
        if counts is not None and _live_counts(counts.group(1)):
            rest = rest[counts.end() :]
        title = _single_line(html_unescape(match.group("text")))
        if not title:
            continue
        item = "- " if summary else line[: len(line) - len(line.lstrip())] + "- "
        href = html_unescape(match.group("href"))
        lines[number] = item + markdown_link(title, href) + (f" {rest}" if rest else "")
        folded = summary
        entry, kinds, own = number, [], normalize_url(href)
    if folded and kinds:
        warnings.append((entry, _folded_links_warning(title, kinds)))
    return "\n".join(lines), tuple(warnings)


def _rewritten(
    pieces: tuple[tuple[str, str], ...],
    rewrite: Callable[[str], tuple[str, Sequence[tuple[int, str]]]],
    said: list[tuple[int, str]],
) -> tuple[tuple[str, str], ...]:
    """Pieces (header, text) each rewritten by ``rewrite``, which also says (line, message)
    what it read another way: added to ``said``, lines counted across the pieces."""
    read = []
    offset = 0
    for header, piece in pieces:
        text, told = rewrite(piece)
        read.append((header, text))
        said.extend((offset + line, message) for line, message in told)
        offset += piece.count("\n") + 1
    return tuple(read)


# A numbered item's marker without its space, then a link (`10.[Title](…)`): CommonMark and
# GitHub read a line of the item above (`_unspaced_numbers_spaced`).
_UNSPACED_NUMBER_SEEN = re.compile(r"(?:^|\n) {0,3}\d{1,9}[.)]\[")
_UNSPACED_NUMBER = re.compile(r"( {0,3})(\d{1,9})([.)])(?=\[[^\]\n]+\]\()")
_NUMBERED_ITEM = re.compile(r" {0,3}(\d{1,9})[.)](?:[ \t]|$)")


def _unspaced_numbers_spaced(piece: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    """``piece`` with each line written as the next item of the numbered list right above it
    but without the space after its number (`10.[Grokking …](…)` after `9.  [Topic …](…)`)
    given that space, and a warning (line, message) for each: GitHub shows the line as text
    at the end of the item above, but a reader of the list sees its next entry."""
    lines = piece.split("\n")
    said: list[tuple[int, str]] = []
    previous = 0  # the number of the item on the line above, 0 when it is none
    for number, line in enumerate(lines):
        item = _NUMBERED_ITEM.match(line)
        unspaced = _UNSPACED_NUMBER.match(line) if item is None and previous else None
        if unspaced is not None and int(unspaced.group(2)) == previous + 1:
            lines[number] = f"{line[: unspaced.end()]} {line[unspaced.end() :]}"
            said.append(
                (
                    number,
                    f"'{unspaced.group(2)}{unspaced.group(3)}' without a space after it (GitHub "
                    f"shows the line as text of item {previous}) read as item "
                    f"{unspaced.group(2)} of its list",
                )
            )
            previous += 1
            continue
        previous = int(item.group(1)) if item is not None else 0
    if not said:
        return piece, ()
    return "\n".join(lines), tuple(said)


# A bullet, then one a space further in (`- Label` over ` - [link](…)`): maybe under a label
# short of its text (`_short_indents_nested`); most pieces hold none (two spaces nest).
_SHORT_INDENT_SEEN = re.compile(r"(?:^|\n)( {0,3})[-*+] [^\n]*\n\1 [-*+] ")
# What the second line of a `_SHORT_INDENT_SEEN` match starts with (a newline its first
# character: a search that skips to each newline).
_INDENTED_BULLET_SEEN = re.compile(r"\n {1,4}[-*+] ")
# A bullet item's line: its indentation, marker, the spaces after it, its text.
_BULLET_LINE = re.compile(r"( {0,3})([-*+])( {1,4})(\S.*)")
# A label's text: short words without a link (`Semantic Layers`, `Data Lake / Cloud`).
_SHORT_LABEL = re.compile(r"[^\[\]()<>`]{1,60}")


_TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
# What a line inside an HTML table is given in place of its blank: an HTML comment, which
# goes on with the HTML block and shows nothing.
_HTML_TABLE_GAP = "<!-- -->"


def _html_table_tags(line: str) -> tuple[int, int]:
    """How many `<table>` elements ``line`` opens and how many it closes."""
    if "<" not in line:
        return 0, 0
    return len(_TABLE_OPEN.findall(line)), len(_TABLE_CLOSE.findall(line))


def _html_table_gaps_closed(piece: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    """``piece`` with each blank line inside an HTML `<table>` (spaces, or nothing, between
    its rows: `</tr>`, a line of two spaces, `<tr>`) given an empty comment, and a warning
    (line, message) for each table: CommonMark ends the HTML block at the blank, so the head
    row and the rows after it were two blocks, the rows no table; a browser (GitHub) shows
    one table. Only where the next line that is not blank is a tag again: words after the
    blank are the markdown's own."""
    lines = piece.split("\n")
    said: list[tuple[int, str]] = []
    fence = ""
    depth = 0
    told = False
    for number, line in enumerate(lines):
        stripped = line.lstrip()
        if fence:
            fence = "" if stripped.startswith(fence) else fence
            continue
        if depth == 0 and stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            continue
        if depth and not stripped:
            following = next((later for later in lines[number + 1 :] if later.strip()), "")
            if following.lstrip().startswith("<"):
                lines[number] = _HTML_TABLE_GAP
                if not told:
                    said.append(
                        (
                            number,
                            "blank line inside an HTML table: the table read whole (a browser "
                            "shows one table), not ended there",
                        )
                    )
                    told = True
            continue
        opened, closed = _html_table_tags(line)
        if opened and not depth:
            told = False
        depth = max(0, depth + opened - closed)
    return ("\n".join(lines), tuple(said)) if said else (piece, ())


def _short_indents_nested(piece: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    """``piece`` with the bullets right under a label bullet (words, no link), set further in
    than the label's marker but short of its text (`` - Semantic Layers`` over
    ``  - [Cube](…)``), moved in to its text, and a warning (line, message) for each label:
    CommonMark reads them as items beside the label (the label a bullet of its own, its links
    filed in the section above), but the reader of the list sees them nested under it, as
    the author wrote them. At least one of them holds a link; bullets as far in as the
    label's text are nested already."""
    lines = piece.split("\n")
    said: list[tuple[int, str]] = []
    fence = ""  # the fence of the code block the line is in, "" outside one
    number = 0
    while number < len(lines) - 1:
        opened = _FENCE_OPEN.match(lines[number])
        if opened is not None and (not fence or opened.group(1).startswith(fence)):
            fence = "" if fence else opened.group(1)
        label = None if fence else _BULLET_LINE.fullmatch(lines[number])
        number += 1
        if label is None or not _SHORT_LABEL.fullmatch(label.group(4).strip()):
            continue
        indent = len(label.group(1))
        text_column = indent + 1 + len(label.group(3))
        first = _BULLET_LINE.fullmatch(lines[number])
        step = len(first.group(1)) if first is not None else 0
        if first is None or first.group(2) != label.group(2) or not indent < step < text_column:
            continue
        end = number
        while end < len(lines) and lines[end].strip():
            item = _BULLET_LINE.fullmatch(lines[end])
            depth = len(lines[end]) - len(lines[end].lstrip(" "))
            if (item is None or len(item.group(1)) != step) and depth <= step:
                break
            end += 1
        if not any("](" in line for line in lines[number:end]):
            continue
        for moved in range(number, end):
            lines[moved] = " " * (text_column - step) + lines[moved]
        said.append(
            (
                number - 1,
                f"bullets under {label.group(4).strip()!r} indented {step} space"
                f"{'s' if step > 1 else ''}, short of its text at {text_column} (CommonMark "
                "reads them beside it): read as nested under it, as written",
            )
        )
        number = end
    if not said:
        return piece, ()
    return "\n".join(lines), tuple(said)


def _html_entries_unread(piece: str) -> tuple[tuple[int, str], ...]:
    """Without ``--html-links``: a warning (line, message) for each of a piece's `<details>`
    entries whose `<summary>` starts with a project's link (`_HTML_ENTRY`): raw HTML is not a
    resource (the design), so that link is lost; the warning says so and names the option
    that reads it. An entry after the `</details>` of the one above on the same line counts
    (`--html-links` reads it so)."""
    if "<summary" not in piece:
        return ()
    return tuple(
        (
            number,
            f"`<details>` entry whose summary starts with a link "
            f"({_single_line(html_unescape(match.group('text')))!r}): raw HTML, its link not "
            "read as a resource (design: raw HTML is not a resource); --html-links reads it as "
            "the project its summary links",
        )
        for number, line in enumerate(piece.split("\n"))
        if (match := _HTML_ENTRY.match(_DETAILS_CLOSE_LEAD.sub("", line, count=1))) is not None
        and match.group("lead").lstrip().startswith("<")
        and not match.group("href").startswith("#")  # a contents link: never a resource
    )


def _folded_links_warning(title: str, kinds: list[str]) -> str:
    """The warning for the links folded under a best-of entry (`_html_entries_as_items`)."""
    return (
        f"{len(kinds)} link{'s' if len(kinds) != 1 else ''} folded under {title!r} "
        f"({', '.join(kinds)}) not read: its other pages (repository, packages), which the "
        "list's generator shows only while it ranks above the hidden ones; the project is its "
        "summary's link"
    )


def _heading_items_lifted(piece: str) -> str:
    """A piece with each heading written as a list item at column 0 (`- ### Stack` over
    `    - [ ] [Stacks (video)](…)`) made the heading it shows, and the item's content (its
    lines indented at least as far as the heading's text) dedented to column 0: the topic is
    a section, its nested bullets its list. Line numbers unchanged; other pieces as given."""
    # " #" first: a multi-line search tries every position, and most pieces hold no " #".
    if " #" not in piece or _HEADING_ITEM.search(piece) is None:
        return piece
    lines = piece.split("\n")
    width = 0  # while inside a heading item: the column its content starts at
    fenced = False
    for number, line in enumerate(lines):
        if _FENCE_LINE.match(line):
            fenced = not fenced
        if width:
            expanded = line.expandtabs(4)
            if not expanded.strip():
                lines[number] = ""
                continue
            if len(expanded) - len(expanded.lstrip(" ")) >= width:
                lines[number] = expanded[width:]
                continue
            width = 0
        match = None if fenced else _HEADING_ITEM.match(line)
        if match is not None:
            width = match.start(1) + len(match.group(1))
            lines[number] = line[width:]
    return "\n".join(lines)


# A heading written indented, as a list item's later block: `- [Edge](…)`, a blank line, then
# `  ##### Chrome - Extensions` (the item's content column, up to three spaces).
_INDENTED_HEADING = re.compile(r"^( {1,3})#{1,6}(?:[ \t]|$)", re.MULTILINE)
_LIST_MARKER_LINE = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def _headings_in_items_lifted(piece: str) -> str:
    """A piece with each heading written inside a list item after a blank line (indented to
    the item's content, under `- [Microsoft Edge](…)`: `  ##### Chrome - Extensions`, then
    `  - [Autofill](…)`) made the heading GitHub shows, with the lines after it at that
    indent or deeper dedented by it: the heading names a subsection of the section the list
    is in, its bullets that subsection's, not the item's description and nested links. An
    indented heading not inside a list (`  #### Multiple` under a heading) is one already.
    Line numbers unchanged; other pieces as given."""
    if " #" not in piece or _INDENTED_HEADING.search(piece) is None:
        return piece
    lines = piece.split("\n")
    width = 0  # while lifting: the indent taken off
    in_list = fenced = False
    for number, line in enumerate(lines):
        if _FENCE_LINE.match(line.lstrip(" ")):
            fenced = not fenced
        if fenced or not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        if width:
            if indent >= width:
                lines[number] = line[width:]
                continue
            width = 0
        match = _INDENTED_HEADING.match(line)
        if match is not None and in_list and number > 0 and not lines[number - 1].strip():
            width = len(match.group(1))
            lines[number] = line[width:]
            continue
        if _LIST_MARKER_LINE.match(line):
            in_list = True
        elif indent == 0:
            in_list = False
    return "\n".join(lines)


@recent_cache(limit=16384)
def _units(
    pieces: tuple[tuple[str, str], ...],
    html_links: bool,
    definitions: Definitions,
    repository: str = "",
) -> tuple[_Unit, ...]:
    """The units of consecutive pieces of markdown, each (table header it is read under, or
    "", text) (cached: history repeats most of them), read with ``definitions`` (link
    reference definitions); ``html_links`` and ``repository`` as for `import_markdown`."""
    # The pieces joined by newlines: each test below for what a piece may hold asks the
    # whole first (one scan in C, where a history's changed group has some 30 pieces, most
    # of them holding none of it), then each piece when the whole holds it. The newlines
    # joining them make none of these strings, nor take one apart.
    joined = "\n".join(piece for _, piece in pieces)
    if " #" in joined:
        # Both lifts look for " #" first; a piece without one (most) is read once, not twice.
        pieces = tuple(
            (
                header,
                _headings_in_items_lifted(_heading_items_lifted(piece)) if " #" in piece else piece,
            )
            for header, piece in pieces
        )
        joined = "\n".join(piece for _, piece in pieces)
    folded_warnings: list[tuple[int, str]] = []  # best-of entries' folded links, not read
    # ".[" or ")[" first: a search that may start on any line tries every position, and
    # most pieces hold neither (a history reads every changed group's pieces).
    if (".[" in joined or ")[" in joined) and any(
        (".[" in piece or ")[" in piece) and _UNSPACED_NUMBER_SEEN.search(piece)
        for _, piece in pieces
    ):
        pieces = _rewritten(pieces, _unspaced_numbers_spaced, folded_warnings)
        joined = "\n".join(piece for _, piece in pieces)
    # A line starting with spaces and a bullet first (`_SHORT_INDENT_SEEN`'s second line):
    # that search has no literal to skip to, and tries every position of a piece.
    if _INDENTED_BULLET_SEEN.search(joined) is not None and any(
        "\n " in piece and _SHORT_INDENT_SEEN.search(piece) for _, piece in pieces
    ):
        pieces = _rewritten(pieces, _short_indents_nested, folded_warnings)
        joined = "\n".join(piece for _, piece in pieces)
    if "<table" in joined or "<TABLE" in joined:
        pieces = _rewritten(pieces, _html_table_gaps_closed, folded_warnings)
        joined = "\n".join(piece for _, piece in pieces)
    if html_links:
        pieces = _rewritten(pieces, _html_entries_as_items, folded_warnings)
        joined = "\n".join(piece for _, piece in pieces)
    blocks: list[_Block] = []
    offset = 0
    for header, piece in pieces:
        if not html_links and "<summary" in piece:
            folded_warnings.extend(
                (offset + line, message) for line, message in _html_entries_unread(piece)
            )
        digested = _digest_at(piece, offset, header, definitions)
        # Only raw HTML (so a "<") makes a block that `_raw_html_read` reads another way.
        blocks.extend(
            [_raw_html_read(block, html_links) for block in digested]
            if "<" in piece or "<" in header
            else digested
        )
        offset += piece.count("\n") + 1
    blocks = _facts_as_text(blocks)
    lines = joined.split("\n")
    blocks = _quotes_under_items(blocks, lines)
    blocks = _paragraphs_under_items(blocks, lines, folded_warnings)
    blocks = _quotes_under_cards(blocks, lines)
    blocks = _quotes_under_logos(blocks, lines, definitions)
    blocks = _platform_downloads(blocks, lines)
    groups: list[tuple[_Block | None, list[_Block]]] = [(None, [])]
    details = 0  # `<details>` opened under a heading that is a link, not closed yet
    for block in _nested_details(_numbered_bold_entries(_resolve_lists(blocks, repository), lines)):
        heading = groups[-1][0]
        if (
            details > 0
            and heading is not None
            and not (block.kind == "heading" and block.level <= heading.level)
        ):
            # What a resource heading folds away (`## [Agent](…)`, then `<details>` with
            # `### Links` and its bullets) is its description: no section, no resources.
            details += block.details
            groups[-1][1].append(block if block.kind == "skip" else _as_description(block))
            continue
        details = 0
        if block.kind == "heading":
            groups.append((block, []))
        else:
            if block.details > 0 and heading is not None and heading.url:
                details = block.details
            groups[-1][1].append(block)
    units = []
    for heading, body in groups:
        regroup_warnings: list[tuple[int, str]] = []
        if (
            sum(block.lone is not None for block in body) == 1
            and not any(block.link_lines for block in body)
            and not _card_named_apart(heading, body)
        ):
            # One card alone is no list of cards: a course heading's link line (`## Course`,
            # `🔗 [**Link to Course**](…) \`, `Duration: …`, then its syllabus).
            body = [
                part
                for block in body
                for part in (
                    (block,)
                    if block.lone is None
                    else (block.lone,)
                    if block.quote is None
                    else (block.lone, block.quote)
                )
            ]
        if heading is None or heading.level == 1:
            # A row of links under the document's title is its nav bar, no course's links.
            body = [
                replace(block, link_row=True, first_link="", link_line="")
                if block.plain_row
                else block
                for block in body
            ]
        if heading is None and not body:
            continue
        body = _intro_before_mark(body, lines)
        if heading is not None and heading.marked:
            # What `publisher readme` wrote under a heading it anchored reads as written.
            body = [block.written if block.written is not None else block for block in body]
        # The readings below are for READMEs written by hand: `publisher readme` anchors its
        # sections, and what it writes under them reads back as written.
        foreign = heading is not None and not heading.marked
        if heading is None or foreign:
            body = [block.by_hand if block.by_hand is not None else block for block in body]
        if heading is not None and foreign and announcing_heading(heading.title):
            body = [_as_text_if_bare(block, f"its heading {heading.title!r}") for block in body]
        if foreign:
            body = [_to_do_or_legend_as_text(block, lines) for block in body]
        if foreign:
            # Plain bullets after a paragraph that announces them ("Enhancements not found in
            # the packages:") are what the paragraph says, not topics.
            body = [
                _as_text_if_bare(block, "the paragraph above (ending with ':')")
                if index
                and body[index - 1].kind == "text"
                and _ends_with_colon(lines, body[index - 1])
                else _as_text_if_bare(block, "the numbered paragraph above")
                if index and body[index - 1].numbered
                else block
                for index, block in enumerate(body)
            ]
        if foreign:
            # Plain names under a paragraph marked as what not to use (`⛔ **Avoid**` over `-
            # Authy`, then `✅ **Instead use**` over the links): what to avoid, not topics.
            body = [
                _as_text_if_avoided(block)
                if index
                and body[index - 1].kind == "text"
                and _marks_avoidance(lines, body[index - 1])
                else block
                for index, block in enumerate(body)
            ]
        body = _without_repeated_rows(body)
        candidates = _with_topics(
            (
                candidate
                for block in body
                if block.kind == "resources"
                for candidate in block.resources
            ),
            regroup_warnings,
        )
        if foreign:
            body, candidates = _bold_entries(body, candidates, lines, regroup_warnings)
            body, candidates = _label_groups(body, candidates, heading, regroup_warnings)
        link_blocks = (block for block in body if block.kind == "text" and block.link_line)
        link_block = next(link_blocks, None)
        if (
            link_block is not None
            and not link_block.link_line_alone
            and _emphasized(lines, link_block)
        ):
            # A note in italics that starts with a link (`_[This Week in Rust](…) is a weekly
            # newsletter …_`) over a link alone: what the note names is the topic, the link
            # alone the heading's line (issue 13: its one primary link, a lone link paragraph).
            link_block = next((block for block in link_blocks if block.link_line_alone), link_block)
        units.append(
            _Unit(
                heading=heading,
                intro=_text(lines, body, ("text",)),
                intro_without_link_line=_text(
                    lines,
                    [
                        replace(block, kind="skip")
                        if block is link_block and block.link_line_alone
                        else block
                        for block in body
                    ],
                    ("text",),
                )
                if link_block is not None
                else "",
                text=_text(lines, body, ("text", "resources")),
                first_link=_lead_link(body),
                link_line=link_block.link_line if link_block is not None else "",
                link_line_title=link_block.link_line_title if link_block is not None else "",
                link_line_at=link_block.start if link_block is not None else 0,
                link_line_alone=link_block is not None and link_block.link_line_alone,
                link_line_labelled=link_block is not None and link_block.link_line_labelled,
                has_resources=any(block.kind == "resources" for block in body),
                contents=any(block.contents for block in body),
                contents_names=tuple(name for block in body for name in block.contents_names),
                card_list=heading is not None
                and (
                    any(block.link_lines for block in body)
                    or sum(block.link_card for block in body) > 1
                ),
                lone_card=heading is not None
                and link_block is not None
                and link_block.named_link
                and all(block.kind in ("text", "skip") for block in body),
                title_line=next(
                    (
                        block.title_line or block.entry_title
                        for block in body
                        if block.title_line or block.entry_title
                    ),
                    "",
                )
                if heading is None
                else "",
                records=_all_records(body),
                has_link_resources=any(
                    not _is_bare(candidate)
                    for block in body
                    if block.kind == "resources"
                    for candidate in block.resources
                ),
                candidates=candidates,
                warnings=(
                    *(warning for block in body for warning in block.warnings),
                    *regroup_warnings,
                ),
                reading_warnings=tuple(
                    warning for block in body for warning in block.reading_warnings
                ),
                list_warnings=tuple(
                    warning
                    for block in body
                    if block.kind == "resources"
                    for warning in (*block.warnings, *block.reading_warnings)
                ),
                tables=_linked_tables(body, candidates)
                if any(block.table for block in body)
                else (),
            )
        )
    if folded_warnings:
        # Each said by the unit whose lines hold its entry (the last starting at or above it).
        starts = [unit.heading.start if unit.heading is not None else 0 for unit in units]
        for line, message in folded_warnings:
            at = max(bisect.bisect_right(starts, line) - 1, 0)
            units[at] = replace(units[at], warnings=(*units[at].warnings, (line, message)))
    return tuple(_with_heading_resource(unit) for unit in units)


# A heading's number when it is a part's (`## 3. 项目列表`, `#### 4. 另外`): one number, a dot.
_PART_NUMBER = re.compile(r"(\d{1,2})\.\s")


def _part_numbers(units: Iterable[_Unit]) -> tuple[tuple[int, int], ...]:
    """The number and level of each heading numbered as a part (`_PART_NUMBER`), in order."""
    return tuple(
        (int(match.group(1)), unit.heading.level)
        for unit in units
        if unit.heading is not None and (match := _PART_NUMBER.match(unit.heading.title))
    )


def _may_lift(parts: Iterable[tuple[int, int]]) -> bool:
    """Whether `_numbered_headings_levelled` may lift a heading, from the numbers and levels
    of the document's numbered headings (`_part_numbers`): one numbered after a heading
    numbered one less, of a higher level. Most documents with numbered headings have none,
    and then the pass over all their units, every version, is left out."""
    levels: dict[int, int] = {}
    for number, level in parts:
        if number > 1 and level > levels.get(number - 1, level):
            return True
        if number:
            levels[number] = level
    return False


def _contents_levelled(
    units: list[tuple[int, _Unit]],
    levels: Sequence[int],
    keys: Sequence[str | None],
    candidates: Iterable[int],
) -> tuple[list[tuple[int, _Unit]], list[tuple[int, str]]]:
    """Units whose level-1 heading after the first stands, in the document's table of
    contents, beside the sections of a deeper level after it (`# Motivation` listed with
    `## Machine learning overview` and the others, all at the contents' top level): read at
    their level, not as their parent, as the author's contents say: one such heading, a slip;
    several are the document's parts. With a warning (line, message); ``units`` itself when
    none moves. Called for a document with a table of contents and more than one level-1
    heading. ``levels``: each unit's `_outline_level`; ``keys``: each one's heading's
    `heading_key`, None for a unit without a titled heading; ``candidates``: the indexes of
    the units that may hold a table of contents, those with contents names among them
    (`_contents_candidate`): what the chapters' readings hold, put together (a history asks
    every version, and going over every unit for them was most of the cost)."""
    listed = frozenset[str]().union(
        *(
            _listed_keys(names)
            for names in (units[index][1].contents_names for index in candidates)
            if names
        )
    )
    if not listed:
        return units, []
    # The units whose titled heading the contents list, in order (found in C: most are not).
    hits = list(itertools.compress(range(len(keys)), map(listed.__contains__, keys)))
    counted = Counter(levels[index] for index in hits)
    if not counted:
        return units, []
    peer, count = counted.most_common(1)[0]
    if peer < 2 or count < 2:
        return units, []
    # The first titled heading is the title; a level-1 heading is a stray when a listed one of
    # the peers' level comes after it: before the last of those.
    first = next(index for index, level in enumerate(levels) if level)
    last_peer = max(index for index in hits if levels[index] == peer)
    strays = [
        index for index in hits if index != first and levels[index] == 1 and index < last_peer
    ]
    if len(strays) != 1:
        # Several level-1 headings after the title are the document's parts (`# Part One`
        # over its `##` chapters, `# Part Two` …), however flat its contents are written.
        return units, []
    result = list(units)
    first_line, unit = result[strays[0]]
    heading = unit.heading
    assert heading is not None
    result[strays[0]] = (first_line, replace(unit, heading=replace(heading, level=peer)))
    return result, [
        (
            first_line + heading.start,
            f"level-1 heading {heading.title!r} listed in the table of contents beside "
            f"the level-{peer} sections after it: read at their level, not as their parent",
        )
    ]


def _numbered_headings_levelled(
    units: list[tuple[int, _Unit]],
) -> tuple[list[tuple[int, _Unit]], list[tuple[int, str]]]:
    """Units whose headings are numbered as the document's parts but written a level too
    deep, at their part's level: after `## 3. 项目列表` and its dated `###`/`####` headings,
    `#### 4. 另外` is part 4, at part 3's level (its number says so, not the level its author
    typed). Deeper unnumbered headings under a lifted one move up with it. With a warning
    (line, message) for each heading lifted; ``units`` itself when none is. Called for a
    document with a heading numbered so (`_ChapterReading.numbered`, looked up per chapter)."""
    result = list(units)
    warnings: list[tuple[int, str]] = []
    numbered: dict[int, tuple[int, int]] = {}  # a part's number -> (its level, its place)
    shift = lifted = 0  # levels taken off the headings under a lifted one, and its level
    for index, (first_line, unit) in enumerate(result):
        heading = unit.heading
        if heading is None:
            continue
        match = _PART_NUMBER.match(heading.title)
        number = int(match.group(1)) if match is not None else 0
        if shift and not number and heading.level > lifted:
            result[index] = (
                first_line,
                replace(unit, heading=replace(heading, level=heading.level - shift)),
            )
            continue
        shift = 0
        previous = numbered.get(number - 1) if number > 1 else None
        if (
            previous is not None
            and previous[0] < heading.level
            and not any(
                other.heading is not None and other.heading.level <= previous[0]
                for _, other in result[previous[1] + 1 : index]
            )
        ):
            shift, lifted = heading.level - previous[0], heading.level
            heading = replace(heading, level=previous[0])
            result[index] = (first_line, replace(unit, heading=heading))
            warnings.append(
                (
                    first_line + heading.start,
                    f"heading {heading.title!r} read at the level of the heading numbered "
                    f"'{number - 1}.' above it (its number continues that one's), not at the "
                    f"level written (h{heading.level + shift})",
                )
            )
        if number:
            numbered[number] = (heading.level, index)
    # Nothing lifted, nothing moved: the units as they were (their levels known per chapter).
    return (result, warnings) if warnings else (units, warnings)


def _without_repeated_rows(body: list[_Block]) -> list[_Block]:
    """A section's body with the rows of a table about its listed resources left out: under a
    list, a table whose rows mostly name the resources the lists above it in the section list
    (same title, or same URL) gives figures about them (downloads, stars), not more
    resources. Each row naming one of them is that resource again, skipped with a warning; a
    row naming anything else is a resource of the section. Any other table is read as it is."""
    # Only the resources listed above a table matter: none when the body holds no table,
    # none after its last one (most bodies hold none, and working out every resource's keys
    # there was a tenth of reading a changed section of link bullets again).
    last_table = next((at for at in range(len(body) - 1, -1, -1) if body[at].table), -1)
    if last_table < 0:
        return body
    listed: set[str] = set()
    result: list[_Block] = []
    index = 0
    while index < len(body):
        block = body[index]
        if not block.table:
            if block.kind == "resources" and index < last_table:
                for candidate in block.resources:
                    listed.update(_repeat_keys(candidate))
            result.append(block)
            index += 1
            continue
        run = index
        while run < len(body) and body[run].table == block.table:
            run += 1
        rows = body[index:run]
        named = [candidate for row in rows for candidate in row.resources]
        repeated = [
            candidate
            for candidate in named
            if any(key in listed for key in _repeat_keys(candidate))
        ]
        if not listed or 2 * len(repeated) <= len(named):
            result.extend(rows)
            index = run
            continue
        for row in rows:
            kept = tuple(
                candidate
                for candidate in row.resources
                if not any(key in listed for key in _repeat_keys(candidate))
            )
            warnings = tuple(
                (
                    candidate.line,
                    f"table row {candidate.title!r} names a resource listed above it in its "
                    "section: the same resource, skipped",
                )
                for candidate in row.resources
                if candidate not in kept
            )
            result.append(replace(row, resources=kept, warnings=(*row.warnings, *warnings)))
        index = run
    return result


def _linked_tables(body: list[_Block], candidates: Sequence[_Candidate]) -> tuple[_TableRows, ...]:
    """The tables of a section's body whose rows link, and the URLs of their rows (of the
    section's ``candidates``, as read). A table is read a row a piece: its blocks are the
    consecutive table blocks under one header."""
    spans: list[list[int]] = []  # [start, end, marks] of each table
    previous: _Block | None = None
    for block in body:
        if not block.table:
            previous = None
            continue
        if previous is not None and previous.table == block.table:
            spans[-1][1] = block.end
            spans[-1][2] = spans[-1][2] and block.marks
        else:
            spans.append([block.start, block.end, block.marks])
        previous = block
    tables = []
    for start, end, marks in spans:
        urls = tuple(
            _normalized_url(candidate.url)
            for candidate in candidates
            if candidate.url and start <= candidate.line < end
        )
        if urls:
            tables.append(_TableRows(start, end, bool(marks), urls))
    return tuple(tables)


def _listed_urls(units: Iterable[_Unit]) -> Iterator[str]:
    """The URLs (normalized) of the resources units list outside their tables (`_TableRows`),
    nested ones included."""
    for unit in units:
        pending = list(unit.candidates)
        while pending:
            candidate = pending.pop()
            pending.extend(candidate.children)
            if candidate.url and not any(table.holds(candidate) for table in unit.tables):
                yield _normalized_url(candidate.url)


def _compared_urls(readings: Sequence[_ChapterReading]) -> frozenset[str]:
    """The URLs of a document's table rows that its lists name too (`_TableRows`,
    `_ChapterReading.listed`): what `_Outliner._uncompared` asks of a table's rows."""
    rows = frozenset(
        url
        for reading in readings
        if reading.tables
        for unit in reading.units
        for table in unit.tables
        for url in table.urls
    )
    return frozenset[str]().union(*(reading.listed & rows for reading in readings))


def _repeat_keys(candidate: _Candidate) -> tuple[str, ...]:
    """What names a resource for `_without_repeated_rows`: its title's words and its URL."""
    return _title_and_url_keys(candidate.title, candidate.url)


@functools.lru_cache(maxsize=16384)
def _title_and_url_keys(title: str, url: str) -> tuple[str, ...]:
    """`_repeat_keys` of a title and URL (cached: a section with a table works them out for
    every resource above the table whenever the section changes)."""
    words = "".join(character for character in title.casefold() if character.isalnum())
    keys = (f"title:{words}",) if words else ()
    return (*keys, f"url:{normalize_url(url)}") if url else keys


def _label_groups(
    body: list[_Block],
    candidates: tuple[_Candidate, ...],
    heading: _Block | None,
    warnings: list[tuple[int, str]] | None = None,
) -> tuple[list[_Block], tuple[_Candidate, ...]]:
    """A section's resources grouped under the names written over them: emphasized labels
    (`_Web Analytics_` then a list, `_Business Intelligence_` then another) and the
    `<summary>` of a `<details>` block folding them. Each name makes a subsection of the
    resources of the lists and tables it stands over (a label: right below it; a summary:
    until its `</details>`), and leaves the intro. Resources under no name stay the section's
    own. One label alone is no grouping: it says what the whole section is (`_Libraries for
    debugging code._` under its heading); a summary is, as GitHub shows it: a folded list
    named Frameworks under the section's heading (unless it says what to do, `Click to
    expand`, or repeats the heading)."""
    labels: list[tuple[_Block, str, int, int]] = []
    empty = 0  # labels right over another label: a group with nothing in it yet
    for index, block in enumerate(body):
        if block.kind != "text" or not block.label:
            continue
        run = index + 1
        while run < len(body) and body[run].kind == "resources":
            run += 1
        if run > index + 1:
            labels.append((block, block.label, body[index + 1].start, body[run - 1].end))
        elif run < len(body) and body[run].kind == "text" and body[run].label:
            empty += 1
    # (`__De Novo Alignment__` right over `__DNA Resequencing__` and its list: two groups,
    # the first empty, not one label saying what the whole section is.)
    grouping = len(labels) >= 2 or (len(labels) == 1 and empty > 0)
    if len(labels) == 1 and not grouping and labels[0][0].label_tail:
        # One label leaving a word hanging over a list after the section's own resources
        # (`**Cheatsheets** by` over bullets naming their authors): it names what follows
        # it, not the section. (A label alone there, `_More_`, stays text as before.)
        block = labels[0][0]
        grouping = any(other.kind == "resources" and other.end <= block.start for other in body)
        if grouping and warnings is not None:
            written = f"{block.label} {block.label_tail}".strip()
            warnings.append(
                (
                    block.start,
                    f"label {written!r} over a list after the section's own resources: read "
                    f"as the name of a group of the resources under it, {block.label!r}",
                )
            )
    spans = [*(labels if grouping else ()), *_summary_spans(body, heading)]
    if not spans:
        return body, candidates
    order: list[_Candidate | tuple[_Block, str]] = []
    children: dict[int, list[_Candidate]] = {}
    for candidate in candidates:
        # The innermost name over it: the one that starts last (summaries may nest).
        span = max(
            (span for span in spans if span[2] <= candidate.line < span[3]),
            key=lambda span: span[2],
            default=None,
        )
        if span is None:
            order.append(candidate)
            continue
        block, name = span[0], span[1]
        if id(block) not in children:
            children[id(block)] = []
            order.append((block, name))
        children[id(block)].append(candidate)
    grouped = tuple(
        entry
        if isinstance(entry, _Candidate)
        else _Candidate(
            title=entry[1], line=entry[0].start, group=True, children=tuple(children[id(entry[0])])
        )
        for entry in order
    )
    return [block for block in body if block.kind != "text" or id(block) not in children], grouped


def _summary_spans(
    body: list[_Block], heading: _Block | None
) -> Iterable[tuple[_Block, str, int, int]]:
    """(block, summary, first line, end) of each `<details>` block of a section's body
    whose summary names what it folds (`_names_folded`) and that folds resources: the lines
    from its first resources to the end of its last, up to its `</details>` (or the end of
    the section: GitHub folds the rest away)."""
    for index, block in enumerate(body):
        if block.details + block.details_closed <= 0 or not _names_folded(block.title, heading):
            continue
        end = _folded_end(body, index)
        folded = [inner for inner in body[index + 1 : end] if inner.kind == "resources"]
        if folded:
            yield block, block.title, folded[0].start, folded[-1].end


def _folded_end(blocks: Sequence[_Block], index: int) -> int:
    """The index after the blocks the `<details>` opened by ``blocks[index]`` folds: up to
    the block that closes it, or the end (GitHub folds the rest away). A block that closes it
    and then opens its own (`</details><details>` on one line) is the next entry, not in it."""
    depth, end = blocks[index].details + blocks[index].details_closed, index + 1
    while end < len(blocks) and depth > 0:
        after = blocks[end]
        if after.details_closed >= depth and after.details + after.details_closed > 0:
            break
        depth += after.details
        end += 1
    return end


def _names_folded(summary: str, heading: _Block | None) -> bool:
    """Whether a `<summary>` names what its `<details>` folds (`Frontend`), not what to do
    (`Click to expand`) nor the section it is in (its heading's own title)."""
    return bool(
        summary
        and not _UI_LABEL.match(summary)
        and not (heading is not None and heading_key(summary) == heading_key(heading.title))
    )


def _facts_as_text(blocks: list[_Block]) -> list[_Block]:
    """Blocks with each table of facts (all its rows read so by `_table`: no column names a
    resource's field, no row links anywhere) made text, kept in the intro: a comparison of
    options or a schedule is no list of resources. A table is read one row a piece: its
    blocks are the consecutive table blocks under the same header."""
    if not any(block.facts for block in blocks):
        return blocks
    result: list[_Block] = []
    run: list[_Block] = []
    for block in (*blocks, None):
        if run and (block is None or block.table != run[0].table):
            if all(row.facts for row in run):
                result.extend(_Block(kind="text", start=row.start, end=row.end) for row in run)
            else:
                result.extend(run)
            run = []
        if block is not None and block.table:
            run.append(block)
        elif block is not None:
            result.append(block)
    return result


def _lead_link(body: list[_Block]) -> str:
    """The link of a heading's lead: its first paragraph (badges and raw HTML aside), where a
    heading that names a topic says what it stands for ("### X/Twitter", "I've curated [a
    list](…)"). A link further down, or in a quote, is a reference of the prose ("### Option
    1: Self-Paced", a paragraph, then "available on the [course platform](…)")."""
    lead = next((block for block in body if block.kind != "skip"), None)
    if lead is None or lead.kind != "text" or lead.quoted:
        return ""
    return lead.first_link


def _nested_details(blocks: list[_Block]) -> list[_Block]:
    """Headings inside a `<details>` block as GitHub shows them: inside the section the block
    is in (a `## A` folded under `## Tools` is Tools > A, not a section after Tools), their
    levels shifted below it. A summary that names something (`<summary>Frontend</summary>`,
    not `Click to expand` nor the section's own title) is the section they are in. Under a
    heading that is a link, what `<details>` folds away is that resource's description
    (`_units`): unchanged here."""
    nested: list[_Block] = []
    heading: _Block | None = None  # the last heading outside any `<details>`
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if block.kind == "heading":
            heading = block
        if block.details + block.details_closed <= 0 or (heading is not None and heading.url):
            nested.append(block)
            continue
        end = _folded_end(blocks, index - 1)
        folded = blocks[index:end]
        nested.append(block)
        if not any(inner.kind == "heading" for inner in folded):
            continue
        base = heading.level if heading is not None else 1
        summary = block.title
        if _names_folded(summary, heading):
            base += 1
            nested.append(
                _Block(kind="heading", start=block.start, end=block.end, level=base, title=summary)
            )
        first = next(inner.level for inner in folded if inner.kind == "heading")
        shift = max(0, base + 1 - first)
        nested.extend(
            _copied(inner, level=max(inner.level + shift, base + 1))
            if inner.kind == "heading"
            else inner
            for inner in folded
        )
        index = end
    return nested


# A `<summary>` that says what to do, not what is folded: "Click to expand", "Toggle section".
_UI_LABEL = re.compile(
    r"\W*(?:click|tap|toggle|expand|show|hide|open|collapse|view|see|more|details|read)\b",
    re.IGNORECASE,
)


def _raw_html_read(block: _Block, html_links: bool) -> _Block:
    """A raw HTML block written one link a line (see `_html_link_lines`) read as resources
    with ``html_links``; else skipped like any raw HTML (the design: raw HTML is not a
    resource), with one warning saying what was not read. Other blocks unchanged."""
    if not block.raw_html:
        return block
    if html_links:
        return replace(block, details=0)  # a list, nothing folded away
    count = sum(bool(resource.url) for resource in block.resources)
    names = len(block.resources) - count  # items that are only a name (`<li>Web Hacking 101`)
    named = f" and {names} name{'' if names == 1 else 's'}" if names else ""
    message = (
        f"raw HTML block with {count} link{'' if count == 1 else 's'}{named}: not read as "
        "resources (design: raw HTML is not a resource); --html-links reads them"
    )
    return _Block(
        kind="skip",
        start=block.start,
        end=block.end,
        details=block.details,
        warnings=((block.start, message),),
    )


def _as_description(block: _Block) -> _Block:
    """A block kept as description markdown, whatever it was (a heading, a list)."""
    return _Block(kind="text", start=block.start, end=block.end)


# A heading that ends on one of these verbs after its subject is a sentence its bullets
# complete ("Each lesson includes", "What this course covers"); the subject starts with a
# determiner or a question word, so plural nouns ("Free Student Offers", "Libraries with Key
# Features") never read as verbs.
_ANNOUNCING_VERB = re.compile(
    r"^\W*(?:each|every|this|that|these|the|what|which|it|our|my|your|everything|all|here)\s"
    r".*\b(?:includes?|including|contains?|covers?|features?|offers?|provides?)\W*$",
    re.IGNORECASE,
)


def announcing_heading(title: str) -> bool:
    """A heading that announces the bullets below it: "Each lesson includes:", "What the
    course covers"."""
    return title.endswith(":") or _ANNOUNCING_VERB.search(title) is not None


def _ends_with_colon(lines: list[str], block: _Block) -> bool:
    """A paragraph that announces the list after it: it ends with a colon, or its last line
    speaks of "the following" (以下, 如下, 下列: what the bullets below are)."""
    if block.end <= block.start:
        return False
    # "**You'll need:**": a colon inside emphasis announces as well.
    last = lines[block.end - 1].rstrip().rstrip("*_").rstrip()
    return last.endswith((":", "\uff1a")) or _FOLLOWING.search(last) is not None


def read_otherwise(bullets: str) -> bool:
    """Whether resources' bullets as `publisher readme` writes them (``bullets``: one list)
    read otherwise in a README written by hand: a title read as a talk's credits or with a
    star count left out, a sentence or a call to action that is no resource. That command
    anchors the heading above such bullets: under it they read as written."""
    blocks = _resolve_lists(list(_digest(bullets, _NO_DEFINITIONS)))
    return any(block.written is not None or block.by_hand is not None for block in blocks)


def _intro_before_mark(body: list[_Block], lines: list[str]) -> list[_Block]:
    """The blocks of a heading's body, those above `RESOURCES_MARK` (`publisher readme`
    writes it under an intro that holds lists, tables or links) read as its intro text, as
    written: a list there is the intro's, never resources, nor labels over the resources,
    and raw HTML (skipped in a README written by hand) is the intro's too."""
    mark = next(
        (
            index
            for index, block in enumerate(body)
            if block.kind == "skip"
            and "\n".join(lines[block.start : block.end]).strip() == RESOURCES_MARK
        ),
        None,
    )
    if mark is None:
        return body
    return [
        replace(
            block,
            kind="text",
            resources=(),
            warnings=(),
            reading_warnings=(),
            label="",
            entry_title="",
            numbered=False,
            parts=(),
            by_hand=None,
            written=None,
        )
        if index < mark and block.kind in ("resources", "text", "skip")
        else block
        for index, block in enumerate(body)
    ]


def _plain_bullets(block: _Block) -> bool:
    """Whether a block is a list of plain bullets: resources none of which has a link of its
    own (`_is_bare`). A piece of a table whose row was skipped holds no bullets."""
    return (
        block.kind == "resources"
        and bool(block.resources)
        and all(_is_bare(item) for item in block.resources)
    )


def _kept_as_text(block: _Block, why: str) -> _Block:
    """A block of plain bullets read as text (kept in the intro, no resources), warned about
    at its first line with ``why``."""
    warning = (block.start, why)
    return replace(block, kind="text", resources=(), warnings=(*block.warnings, warning))


def _as_text_if_bare(block: _Block, announcer: str) -> _Block:
    """A list of plain bullets under a heading that announces them ("Each lesson
    includes:") is what the heading says, not topics: text, kept in the intro, with a
    warning. Bullets that are short names (``Jupyter``, ``VS Code``, ``Weights & Biases``:
    tools, libraries) stay resources: the announcement lists them."""
    if not _plain_bullets(block) or _short_names(item.title for item in block.resources):
        return block
    return _kept_as_text(block, f"plain bullets announced by {announcer}: kept as its text")


# Marks that open a paragraph saying what not to use: no entry, prohibited, a cross mark, a
# stop sign, a thumb down (`⛔ **Avoid**`, `❌ Don't use`).
_AVOIDANCE_MARKS = ("\u26d4", "\U0001f6ab", "\u274c", "\u2716", "\U0001f6d1", "\U0001f44e")


def _marks_avoidance(lines: list[str], block: _Block) -> bool:
    """Whether a paragraph opens with a mark saying what not to use (`_AVOIDANCE_MARKS`)."""
    return block.end > block.start and lines[block.start].lstrip(" >*_").startswith(
        _AVOIDANCE_MARKS
    )


def _as_text_if_avoided(block: _Block) -> _Block:
    """A list of plain names (no link of their own; a badge at most) under a paragraph marked
    as what not to use (`⛔ **Avoid**` over `- Authy`, `- Google Authenticator [![](…)](…)`):
    the services to avoid, not resources: text, kept in the intro, with a warning."""
    if not _plain_bullets(block):
        return block
    return _kept_as_text(
        block,
        f"{len(block.resources)} plain bullet(s) under a paragraph marking what not to use: "
        "kept as its text, not resources",
    )


# A bullet's line written as a task (`- [ ] Description`, `* [x] Done`), and one that opens
# with an icon, an emoji or a shortcode (`- :rocket: Efficiency`, `- 💰 Pricing`).
_TASK_LINE = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\][ \t]")
_ICON_LINE = re.compile(r"^[ \t]*[-*+][ \t]+(?::[\w+-]+:|([^\x00-\x7f]))")


def _opens_with_icon(line: str) -> bool:
    """Whether a bullet's line opens with an icon (`_ICON_LINE`): a shortcode, or a symbol
    beyond ASCII (an emoji, a star). ASCII punctuation opens a quoted title, an `@handle`,
    `.NET` or inline HTML; other marks (`《`, `「`) a title in other languages."""
    match = _ICON_LINE.match(line)
    return match is not None and (
        match.group(1) is None or unicodedata.category(match.group(1)).startswith("S")
    )


def _to_do_or_legend_as_text(block: _Block, lines: list[str]) -> _Block:
    """A list of plain bullets (no link) written as tasks (`- [ ] Description`, `- [x] …`:
    the maintainers' to-do list) or each opening with an icon that the words after it explain
    (`- :rocket: Efficiency`, `- :moneybag: Pricing`: the legend of the icons the list
    marks its entries with): text, kept in the intro, with a warning; never resources named
    "Description" or ":rocket: Efficiency". Task boxes before links (a study plan's
    `- [ ] [Stacks](…)`) are resources as before."""
    if not _plain_bullets(block) or len(block.resources) < 2:
        return block
    starts = [item.line for item in block.resources]
    if all(_TASK_LINE.match(lines[start]) for start in starts if start < len(lines)):
        what = "a to-do list (task boxes, no links)"
    elif all(_opens_with_icon(lines[start]) for start in starts if start < len(lines)):
        what = "a legend (each an icon and what it means, no links)"
    else:
        return block
    return _kept_as_text(block, f"{what}: kept as text, not resources")


# Words that join the words of a name ("Weights & Biases", "Azure for Students").
_NAME_JOINERS = frozenset({"&", "+", "/", "-", "and", "for", "of", "the", "de", "on", "by"})


def _short_names(titles: Iterable[str]) -> bool:
    """Whether plain bullets are names (tools, libraries, companies): a few words, each
    capitalized or joining them, no sentence; more than one, or one written as a name only
    is (``NumPy``, ``VS Code``): "A short video", "HTTPS in development" are not names."""
    titles = list(titles)
    if not titles:
        return False
    for title in titles:
        words = title.split()
        if not 0 < len(words) <= 5 or title.rstrip()[-1] in ".!?:;,":
            return False
        if not all(
            word[0].isupper() or word[0].isdigit() or word.lower() in _NAME_JOINERS
            for word in words
        ):
            return False
        if words[0].lower() in ("a", "an", "the") and len(words) > 1 and words[1][0].islower():
            return False
    return len(titles) > 1 or any(
        len(words := title.split()) > 1 or any(char.isupper() for char in title[1:])
        for title in titles
    )


def _is_bare(candidate: _Candidate) -> bool:
    """A plain bullet with nothing but its text (a topic, a syllabus line)."""
    if candidate.url or candidate.description:
        return False  # the usual answer, without a copy to compare
    return _copied(candidate, regrouped=None, **_UNLINKED) == _Candidate(
        title=candidate.title, line=candidate.line
    )


def _regrouped(
    candidates: Iterable[_Candidate], warnings: list[tuple[int, str]]
) -> Iterable[_Candidate]:
    """Table rows as read, or, in a table whose title column is empty on some row where the
    next column names it (`| | [svelte-ux](…) |` under `| [ui-konsta](…) | [Konsta](…) |`),
    every row titled by that next column: the first one only groups rows."""
    run: list[_Candidate] = []
    for candidate in (*candidates, None):
        if candidate is not None and (
            candidate.regrouped or candidate.lead_empty or candidate.regrouped_skip
        ):
            run.append(candidate)
            continue
        if any(row.lead_empty for row in run):
            for row in run:
                if row.regrouped is not None:
                    yield row.regrouped
                elif row.regrouped_skip:
                    warnings.append((row.line, row.regrouped_skip))
        else:
            yield from (replace(row, regrouped=None, regrouped_skip="") for row in run)
        run = []
        if candidate is not None:
            yield candidate


# A row's `_Candidate` fields of `_linked_row`, cleared.
_UNLINKED: dict[str, Any] = {
    "relinkable": False,
    "linked": None,
    "linked_warnings": (),
    "unlinked_warnings": (),
    "linked_led": False,
    "linked_counts": False,
    "linked_only": False,
}


def _relinked(
    candidates: Iterable[_Candidate], warnings: list[tuple[int, str]]
) -> Iterable[_Candidate]:
    """Rows of a table without a title or link column (`| Topic | Notes |`) as read, titled
    by the first column, or, when at least half of the notes that say anything start with
    their link, each read with the notes column as its resource column (`_linked_row`):
    its placeholder rows then skipped with a warning."""
    run: list[_Candidate] = []
    for candidate in (*candidates, None):
        if candidate is not None and candidate.relinkable:
            run.append(candidate)
            continue
        led = sum(row.linked_led for row in run)
        relink = led and 2 * led >= sum(row.linked_counts for row in run)
        for row in run:
            said = row.linked_warnings if relink else row.unlinked_warnings
            warnings.extend((row.line, message) for message in said)
            if relink and row.linked is not None:
                yield row.linked
            elif not relink and not row.linked_only:
                yield replace(row, **_UNLINKED)
        run = []
        if candidate is not None:
            yield candidate


def _with_topics(
    candidates: Iterable[_Candidate], warnings: list[tuple[int, str]]
) -> tuple[_Candidate, ...]:
    """Table rows whose first cell is empty take the topic (tags) of the row above (and a
    first column that only groups rows gives way to the next, see `_regrouped`)."""
    candidates = tuple(candidates)
    if not any(
        candidate.relinkable
        or candidate.regrouped is not None
        or candidate.lead_empty
        or candidate.regrouped_skip
        or candidate.continuation
        or candidate.titled_above
        or candidate.stacked
        for candidate in candidates
    ):
        # No row for `_relinked`, `_regrouped` or a topic to take (most lists): as read.
        return candidates
    result: list[_Candidate] = []
    for candidate in _regrouped(_relinked(candidates, warnings), warnings):
        if candidate.continuation:
            # The topic above, not its type (`typed`); then its own type's tags.
            above = (
                tuple(tag for tag in result[-1].tags if tag not in result[-1].typed)
                if result
                else ()
            )
            tags = (*above, *(tag for tag in candidate.tags if tag not in above))
            candidate = replace(candidate, tags=tags, continuation=False)
        if candidate.titled_above:
            if not result or result[-1].schedule != candidate.schedule:
                # (its table's first row, or the rows above it skipped: no lecture to go on)
                warnings.append(
                    (
                        candidate.line,
                        "row of a schedule with its Topic empty and no lecture above it: "
                        "naming none, skipped",
                    )
                )
                continue
            warnings.append(
                (
                    candidate.line,
                    "row of a schedule with its Topic empty, linking material: the lecture "
                    f"above continued, titled by it ({result[-1].title!r})",
                )
            )
            candidate = replace(candidate, title=result[-1].title, titled_above=False)
        result.append(replace(candidate, stacked=()) if candidate.stacked else candidate)
        # The other links of its cell, after it, with its topic.
        result.extend(replace(other, tags=candidate.tags) for other in candidate.stacked)
    return tuple(result)


def _with_heading_resource(unit: _Unit) -> _Unit:
    """The unit with the resource its heading stands for, if it may stand for one, and what
    it stands for read as a tool over facts like its neighbours (`_fact_entry`)."""
    heading = unit.heading
    facts = (
        None
        if heading is None
        or heading.marked
        or heading.url
        or heading.level == 1
        or unit.contents
        or len(unit.candidates) > 8  # a section's list, never a tool's few facts
        or meta_heading(heading.title)
        or contents_heading(heading.title)
        else _fact_entry(unit)
    )
    read = _heading_resource_read(unit, facts)
    if heading is None or facts is None:
        return read
    link, strict = facts
    if read.heading_resource is not None:
        # Read by its own facts (a licence, the languages it is written in).
        read = replace(read, facts=strict and read.heading_resource.url == link)
        if _labelled_facts_link(unit.text):
            # Its bullets are the tool's description as a whole: what reading them as a list
            # said (`- 링크: …` kept in the description of `- 라이선스: MIT`, a bold label
            # skipped as a note) no longer holds.
            read = replace(read, reading_warnings=())
        return read
    warnings: list[tuple[int, str]] = []
    url = _checked_url(link, heading.start, warnings)
    candidate = _Candidate(title=heading.title, line=heading.start, url=url, description=unit.text)
    return replace(read, fact_resource=candidate, fact_warnings=tuple(warnings))


# A licence named in a fact (`[Apache License 2.0](…)`, `GPL 3.0`, `라이선스: MIT`). A word list
# on purpose: licences are a closed set of names (SPDX's, and the word in a few languages), and
# no shape tells `[GPL 3.0](…/setup.py)` from `[Python 3](…)`; the shape around it (short facts
# under a description, `_fact_entry`) must hold first. Without it awesome-korean-nlp's tools
# were read as sections of facts (29 resources lost, 75 wrong).
_LICENCE = re.compile(
    r"(?:\b(?:licen[cs]e[ds]?|licen[cs]ing|mit|apache|a?gpl|lgpl|[ag]?gplv?\d|bsd|mpl|epl|isc|"
    r"unlicen[cs]e|cc0|cc[- ]by(?:[- ]\w+)*|public domain|lizenz|licencia|licença)\b|"
    r"라이선스|라이센스|ライセンス|许可证|許可證|开源协议|лицензи)",
    re.IGNORECASE,
)
# The licence words that also name other things (the Apache and MIT of `Apache Cordova guide`,
# `MIT OpenCourseWare`), the versions and clauses written with them, and the words that say
# licence by themselves: see `_names_licence`.
_LICENCE_NAME_PARTS = re.compile(
    r"\b(?:mit|apache|gnu|a?gpl|lgpl|[ag]?gplv?\d+|bsd|mpl|epl|isc|v?\d+(?:\.\d+)*|clause|or|"
    r"later|only)\b",
    re.IGNORECASE,
)
_LICENCE_SAID = re.compile(
    r"licen[cs]|unlicen|public domain|cc0|cc[- ]by|lizenz|licencia|licença|라이선스|라이센스|"
    r"ライセンス|许可证|許可證|开源协议|лицензи",
    re.IGNORECASE,
)


def _names_licence(title: str) -> bool:
    """Whether a link's title names a licence: a word that says licence (`MIT License`,
    `Lizenz`), or only a licence's family, version and clauses (`MIT`, `Apache-2.0`,
    `BSD 3-Clause`, `GPLv3`), never a product of that family (`Apache Cordova guide`)."""
    if not _LICENCE.search(title):
        return False
    if _LICENCE_SAID.search(title):
        return True
    return not any(character.isalpha() for character in _LICENCE_NAME_PARTS.sub(" ", title))


# A labelled fact (`- 라이선스: MIT`, `- **Link**: https://…`) and the labels that give the
# tool's own link (`링크`, `Homepage`, `GitHub` …).
_LABELLED_FACT = re.compile(
    r"^[-*+][ \t]+(?:\*\*|__)?(?P<label>[^:\uff1a*_\[\]()`\n]{1,24}?)(?:\*\*|__)?[ \t]*[:\uff1a]"
    r"(?:\*\*|__)?[ \t]*(?P<value>\S.*)?$"
)
_LINK_LABELS = frozenset(
    {
        "link", "links", "url", "homepage", "home page", "home", "website", "web site", "site",
        "official site", "repository", "repo", "github", "gitlab", "source", "source code",
        "code", "download", "링크", "주소", "홈페이지", "사이트", "저장소", "깃허브", "リンク",
        "ホームページ", "公式サイト", "链接", "地址", "官网", "主页", "项目地址", "ссылка",
        "сайт", "репозиторий", "enlace", "sitio", "sitio web", "lien", "site web", "webseite",
    }
)  # fmt: skip
_FACT_URL = re.compile(r"\]\((?P<inline>[^)\s]+)[^)]*\)|(?P<bare>https?://[^\s)>\]]+)")


def _labelled_facts_link(text: str) -> str:
    """The tool's link when a heading's body lists labelled facts about it (`- 라이선스: MIT`,
    `- 링크: https://…`, `- Author: …`): every bullet of its lists a short label, a colon
    and a value, at least two of them, one labelled as its link (`_link_label`) and giving
    one, on its line or first among the lines nested under it (`- Store Links:` over
    `  - https://…`). A label may have no value (`- Note:`), and one bullet may be a few
    plain words without a label (a book's authors). "" otherwise."""
    if ":" not in text and "\uff1a" not in text:
        return ""
    facts: list[tuple[re.Match[str], list[str]]] = []
    unlabelled = 0
    for line in text.split("\n"):
        if line[:1] in "-*+" and line[1:2] in (" ", "\t"):
            fact = _LABELLED_FACT.match(line)
            if fact is None:
                if unlabelled or not _plain_fact(line[2:]):
                    return ""  # a bullet that is no labelled fact: not such a list
                unlabelled += 1
                continue
            facts.append((fact, []))
        elif facts and line[:1] in (" ", "\t") and line.strip():
            facts[-1][1].append(line)
    if len(facts) < 2:
        return ""
    for fact, nested in facts:
        if _link_label(fact.group("label")):
            found = _FACT_URL.search(fact.group("value") or "\n".join(nested))
            if found is not None:
                return found.group("inline") or found.group("bare")
    return ""


# The last word of a label that gives links (`Store Links`, `Download link`, `Project URL`).
_LINK_LABEL_ENDS = frozenset({"link", "links", "url", "urls"})


def _link_label(label: str) -> bool:
    """Whether a fact's label says it gives the tool's own link (`_LINK_LABELS`, or words
    ending in one that says link: `Store Links`)."""
    key = heading_key(label)
    return key in _LINK_LABELS or key.rsplit(" ", 1)[-1] in _LINK_LABEL_ENDS


def _plain_fact(words: str) -> bool:
    """Whether a bullet among labelled facts is a fact written without its label: a few
    plain words (`Ellen Lupton, Jennifer Tobias`, its authors), no link, no sentence."""
    words = words.strip()
    return (
        bool(words)
        and len(words.split()) <= 8
        and "](" not in words
        and "://" not in words
        and not words.endswith((".", ":", "\uff1a"))
    )


def _facts_under_name(text: str) -> tuple[str, str] | None:
    """(the address, the other facts) when a nested list under a plain name lists labelled
    facts about it (`_labelled_facts_link`: `* 地址: https://…`, `* 简介: …`, full-width
    colons as written, one labelled as its link); None otherwise. The other facts are
    written as their bullets say them, one a line; lines under the address's bullet (a stars
    badge) say nothing of it."""
    link = _labelled_facts_link(text)
    if not link:
        return None
    facts: list[str] = []
    keep = False  # the lines under a bullet that is not the address go with it
    for line in text.split("\n"):
        if line[:1] in "-*+" and line[1:2] in (" ", "\t"):
            fact = _LABELLED_FACT.match(line)
            keep = fact is not None and not _link_label(fact.group("label"))
            if keep:
                facts.append(line[2:].strip())
        elif keep and line.strip():
            facts[-1] += "\n" + line.strip()
    return link, _markdown_field("\n".join(facts))


def _names_only(text: str) -> bool:
    """Whether what follows a fact's link is more names only (`, 이창환(부산대학교), 심정미`, `,
    [R](…)`): short parts between commas, no sentence."""
    text = text.strip()
    if not text:
        return True
    if not text.startswith((",", "\uff0c", "\u3001")):
        return False  # `[Bash](…) - a shell`: a description, no names
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).lstrip(",\uff0c\u3001").strip()
    parts = [part.strip() for part in re.split(r"[,;\u00b7\uff0c\u3001]", plain)]
    return all(part and len(part.split()) <= 4 and not _is_sentence(part) for part in parts)


def _fact_entry(unit: _Unit) -> tuple[str, bool] | None:
    """(link, strict) when the unit's heading is a tool written over the facts about it: a
    description, then one short list whose every item is a fact: a lone link (the tool's page
    written as the languages it is in, its author's lab, its licence), a link and the names
    after it (a paper and its authors) or a short plain name (its author); or labelled facts
    (`_labelled_facts_link`). Strict when a fact is a licence (`[MIT License](…)`): such a
    heading is the tool by itself. Otherwise (at most three facts: `### Vision` over `- [A](…)`,
    `- [B](…)` may be a section as well) its neighbours decide (`_Outliner.fact_levels`).
    The link: its lead paragraph's, else its first fact's."""
    labelled = _labelled_facts_link(unit.text)
    if labelled:
        return labelled, True
    candidates = unit.candidates
    if not candidates or len(candidates) > 8 or not unit.intro.strip():
        # No description above the list: a section's links (`## Youtube Series` over
        # `- [Harvard](…)`, `- [MIT](…)`: a channel named like a licence), not a tool's facts.
        return None
    for candidate in candidates:
        if candidate.children or candidate.group or candidate.siblings:
            return None
        if candidate.url:
            if not _names_only(candidate.description):
                return None
        elif (
            candidate.description
            or len(candidate.title.split()) > 6
            or _is_sentence(candidate.title)
        ):
            return None
    link = unit.first_link or next((c.url for c in candidates if c.url), "")
    if not link:
        return None
    # Facts are short: a licence is named in a few words (`Apache License 2.0`, not an
    # article's title that mentions Apache Spark).
    strict = all(len(candidate.title.split()) <= 8 for candidate in candidates) and any(
        _names_licence(candidate.title) and len(candidate.title.split()) <= 4
        for candidate in candidates
    )
    if not strict and len(candidates) > 3:
        return None
    return link, strict


def _heading_resource_read(unit: _Unit, facts: tuple[str, bool] | None) -> _Unit:
    """The unit with the resource its heading stands for, if it may stand for one
    (``facts``: what `_fact_entry` read of it, None when it may not be a tool)."""
    heading = unit.heading
    if (
        heading is None
        or heading.marked
        or meta_heading(heading.title)
        or contents_heading(heading.title)
    ):
        return unit  # `publisher readme` anchors sections that might look like resources
    if unit.contents:
        # Over a list of links into this document (`## 2023` over its weeks' anchors): a part
        # of a table of contents, never a course whose link line follows the list.
        return unit
    description = ""  # the unit's text, but where a branch below says otherwise
    if heading.url and heading.url_labelled and unit.has_link_resources:
        return unit  # a lesson's label over a list of its lessons' links: a stage, a section
    if heading.url and unit.has_link_resources and not _own_facets(heading.url, unit.candidates):
        # A heading that is a link over a list of links to other things (`#### [Audiovisual]
        # (…/term/20)` over `* [Digital Signage](…/av/signage)`): a category whose link is its
        # own page, a section of those resources, as a heading over a list of links always is.
        return unit
    if heading.url:
        # A heading that is a link stands for it, unless deeper headings follow: then it
        # names a section (`## [1. Awesome Polars](…)` over `### Libraries`, a weekly digest;
        # `### Day01~15 - [Basics](…)` over `#### Day01 - […](…)` lessons).
        link, leaf_only = heading.url, True
    elif heading.level == 1:
        return unit
    elif heading.citation and not unit.has_link_resources:
        # A bibliography's entry that links nothing (`### Turing, A. M. (1936). *On
        # Computable Numbers …*. Proceedings …`): the work, without a URL.
        link, leaf_only = "", True
    elif _names_category(heading, unit):
        return unit  # `#### MOOC` over one link line: a section of that one resource (`_draft`)
    elif (
        _asks(heading.title)
        and unit.link_line
        and not (unit.link_line_alone or unit.link_line_labelled)
    ):
        # `## What is MCP?` over `[MCP](…) is an open protocol …`: a question a section
        # answers (its prose the intro), no resource's name. A link line alone or labelled
        # (`🔗 [Link to Paper](…)`, `Link: …`) under a title written as a question ("Can
        # Programming Be Liberated …?") is still that title's resource.
        return unit
    elif unit.link_line and not unit.has_link_resources:
        # A course: a link line and plain bullets (its syllabus), no list of links.
        link, leaf_only = unit.link_line, True
    elif heading.level >= 3 and _described_over_one_link(unit, heading.title):
        # `#### Stanford University - Computer Security`, a paragraph on the course, then
        # `- [Stanford University - Computer Security](…)`: the course at its one link, the
        # paragraph its description.
        link, leaf_only, description = unit.candidates[0].url, True, unit.intro
    elif unit.candidates and all(_is_material_link(candidate) for candidate in unit.candidates):
        # A course whose links are its material only (`### CS 182: Deep Learning` over
        # `- [Website](…)`, `- [Lecture series](…)`): the course, at its first link.
        link, leaf_only = unit.candidates[0].url, True
    elif facts is not None and facts[1]:
        # A tool over the facts about it (`## Kiwi`, a description, `- [C++, Python 3](…)`,
        # `- Author`, `- [LGPL 2.1](…)`): the tool, at its lead's link or its first fact's.
        link, leaf_only = facts[0], True
    elif unit.has_resources or not unit.first_link or heading.level <= 2 or _asks(heading.title):
        # A link somewhere in a paragraph makes an entry of a section (### Python, "the best
        # course: https://…"), never one of the document's chapters (## Want to help?), nor
        # of a question its prose answers (### Why Rust?).
        return unit
    elif _PROJECT_PAGE.match(unit.first_link):
        # Its prose links to a repository's issues or pull requests ("open an issue
        # [here](…/issues)"): where to ask or contribute, never what the heading stands for.
        return unit
    else:
        link, leaf_only = unit.first_link, True
    warnings: list[tuple[int, str]] = []
    url = _checked_url(link, heading.start, warnings)
    description = description or unit.text
    title = heading.title
    if heading.citation:
        title = heading.citation_title
        description = f"{heading.citation}\n\n{description}".strip() + "\n"
        warnings.append(
            (
                heading.start,
                f"heading cites a work as a bibliography does: read as the resource "
                f"{title!r}, the citation in its description",
            )
        )
    if heading.owner_links:
        # `### Widget - [GitHub](…), [Blog](…)` over what it is and its link: the links after
        # the dash are its owner's pages, kept where readers still find them (a section keeps
        # them in its intro, `_Outliner._draft`), never dropped unsaid.
        description = f"{heading.owner_links}\n\n{description}".strip() + "\n"
        warnings.append(
            (
                heading.start,
                f"heading {heading.title!r} read as a resource: the links after its name and "
                f"dash ({heading.owner_links}) are its owner's pages, kept in its description",
            )
        )
    if heading.link_title and link == heading.url:
        title = heading.link_title
        around = " ".join(heading.title.replace(title, " \u2026 ", 1).split())
        warnings.append(
            (
                heading.start,
                f"heading {heading.title!r} read as the resource {title!r}: {around!r} around "
                "its link (a year, a mark) is no part of its name",
            )
        )
    candidate = _Candidate(title=title, line=heading.start, url=url, description=description)
    return replace(
        unit, heading_resource=candidate, leaf_only=leaf_only, heading_warnings=tuple(warnings)
    )


def _quotes_under_items(blocks: list[_Block], lines: list[str]) -> list[_Block]:
    """Blocks with each quote written on the line right after a list's last item (``* [常见
    算法](…)`` then ``> 点滴算法…``, no blank line between) made that item's description: a
    quote cannot go on a list item unindented, so CommonMark ends the list there, but its
    author wrote it under the item. A quote after a blank line stays a note of its own."""
    result: list[_Block] = []
    for block in blocks:
        previous = result[-1] if result else None
        if (
            block.quoted
            and previous is not None
            and previous.kind == "list"
            and previous.items
            and previous.end == block.start
            and 0 < block.start <= len(lines)
            and lines[block.start - 1].strip()
            and (last := previous.items[-1]).candidate is not None
        ):
            # Under a label over its items (`* Editors` over `  * IntelliJ`, `  * Eclipse`),
            # the quote is written at the label's margin, not its items': the label's own, what
            # it says of its group (the subsection's intro).
            quote = _quote_text(lines, block.start, block.end, 0)
            candidate = last.candidate
            item = replace(
                last,
                candidate=replace(candidate, description=_with_quote(candidate.description, quote)),
                markdown=f"{last.markdown}\n\n{quote}",
            )
            result[-1] = replace(previous, items=(*previous.items[:-1], item), end=block.end)
            continue
        result.append(block)
    return result


# At least this many one-item lists, each with its paragraph after it, make a list written
# that way (`* [《Go 指南》](…)`, a blank line, a paragraph on it, and so on).
_PARAGRAPHS_UNDER_ITEMS = 3


def _paragraphs_under_items(
    blocks: list[_Block], lines: list[str], warnings: list[tuple[int, str]]
) -> list[_Block]:
    """Blocks with the paragraph after each item of a list written one item, one paragraph
    about it (`* [《Go 指南》](…)`, then `介绍…` unindented, then the next item)
    made that item's description, with one warning (in ``warnings``) naming the first:
    CommonMark ends the
    list at each paragraph, but the author wrote each under its item. Only where at least
    `_PARAGRAPHS_UNDER_ITEMS` one-item lists in a row are each followed by a paragraph;
    other prose between lists stays text."""
    # Cheap test first (a history reads every version's blocks): a run needs that many
    # one-item lists, and most documents have none.
    if (
        sum(block.kind == "list" and len(block.items) == 1 for block in blocks)
        < _PARAGRAPHS_UNDER_ITEMS
    ):
        return blocks
    # As many paragraphs too, one after each list of the run (a list cut into pieces at its
    # items is many one-item lists, and its heading's intro the one paragraph).
    if sum(block.kind == "text" for block in blocks) < _PARAGRAPHS_UNDER_ITEMS:
        return blocks
    run: list[int] = []  # indices of the lists of the run being read
    runs: list[list[int]] = []
    index = 0
    while index + 1 < len(blocks):
        block, after = blocks[index], blocks[index + 1]
        if (
            block.kind == "list"
            and len(block.items) == 1
            # Not the last item of a list read in parts (in pieces, a list's items may come
            # as lists of their own, one after the other, blank lines between them or not):
            # a list as written, as `_resolve_lists` joins them.
            and not (
                index
                and blocks[index - 1].kind == "list"
                and blocks[index - 1].marker == block.marker
            )
            and block.items[0].candidate is not None
            and after.kind == "text"
            and not after.quoted
            and _plain_paragraph(lines, after)
        ):
            run.append(index)
            index += 2
            continue
        if len(run) >= _PARAGRAPHS_UNDER_ITEMS:
            runs.append(run)
        run = []
        index += 1
    if len(run) >= _PARAGRAPHS_UNDER_ITEMS:
        runs.append(run)
    if not runs:
        return blocks
    taken = {index for run in runs for index in run}
    first = {run[0]: len(run) for run in runs}
    result: list[_Block] = []
    skip = False
    for index, block in enumerate(blocks):
        if skip:
            skip = False
            continue
        if index not in taken:
            result.append(block)
            continue
        paragraph = blocks[index + 1]
        text = "\n".join(lines[paragraph.start : paragraph.end]).strip()
        item = block.items[0]
        candidate = item.candidate
        assert candidate is not None
        item = replace(
            item,
            candidate=replace(candidate, description=_with_quote(candidate.description, text)),
            markdown=f"{item.markdown}\n\n{text}",
        )
        if index in first:
            warnings.append(
                (
                    item.line,
                    f"{first[index]} items each followed by a paragraph not indented under it "
                    "(GitHub shows them as paragraphs between one-item lists): each paragraph "
                    "read as the description of the item above it",
                )
            )
        result.append(replace(block, items=(item,), end=paragraph.end))
        skip = True
    return result


def _plain_paragraph(lines: list[str], block: _Block) -> bool:
    """Whether a block's lines are a paragraph of words: not a heading, table, quote, HTML,
    code or list line first."""
    first = lines[block.start].lstrip() if 0 <= block.start < len(lines) else ""
    return bool(first) and not first.startswith(("#", "|", ">", "<", "`", "~", "-", "*", "+"))


def _with_quote(description: str, quote: str) -> str:
    """An item's description with a quote written under the item added after it (a
    paragraph of its own), as a description field."""
    return _markdown_field(f"{description.rstrip()}\n\n{quote}".strip("\n"))


def _quotes_under_cards(blocks: list[_Block], lines: list[str]) -> list[_Block]:
    """Blocks with the quote right after a link card (`_link_card`, a blank line between or
    not) made that card's description: ``👋 [wechat-chatgpt](…)`` over ``> Use ChatGPT On
    Wechat``; a link card without one is its paragraph again. The card alone under its
    heading reads back as the link line and its quote as text (`_Block.lone`)."""
    if not any(block.link_card for block in blocks):
        return blocks  # (no card: nothing below changes a block, and most bodies hold none)
    result: list[_Block] = []
    for block in blocks:
        previous = result[-1] if result else None
        if (
            block.quoted
            and previous is not None
            and previous.link_card
            and previous.quote is None
            and previous.lone is not None
            and len(previous.resources) == 1
        ):
            quote = _quote_text(lines, block.start, block.end, 0)
            card = replace(previous.resources[0], description=_markdown_field(quote))
            result[-1] = replace(previous, resources=(card,), end=block.end, quote=block)
            continue
        result.append(block)
    # A link card with no quote under it is a paragraph ("Follow us on [Twitter](…)"-like
    # calls, a sponsor's links): only the card and its quote together make the shape, or
    # cards following each other (a list written one link a paragraph, an index of pages:
    # `[Authentication Cheat Sheet](…) ![Java](…)`, a blank line, the next).
    # (Never a call to action, "[Follow us on Twitter](…)" over "[Join our Discord](…)".)
    cards = [
        block.link_card and not _is_call_to_action(block.resources[0].title) for block in result
    ]
    in_run = [
        card and ((index > 0 and cards[index - 1]) or (index + 1 < len(cards) and cards[index + 1]))
        for index, card in enumerate(cards)
    ]
    # A card right under a table of resources (`**[Mindmap of the Course](…)**` under a
    # course's lessons) is one more of its section's resources: neither a paragraph nor,
    # alone, its heading's link line (the heading is a section by its table).
    listed = [
        card
        and not run
        and index > 0
        and result[index - 1].kind == "resources"
        and not result[index - 1].link_card
        and block.quote is None
        for index, (block, card, run) in enumerate(zip(result, cards, in_run, strict=True))
    ]
    # A card read back as its paragraph is a named link alone: a topic's one course where
    # its neighbours say so (`_Outliner.card_levels`).
    return [
        replace(block, lone=None)
        if after
        else replace(block.lone, named_link=card and len(block.resources) == 1)
        if block.link_card and block.quote is None and block.lone and not run
        else block
        for block, card, run, after in zip(result, cards, in_run, listed, strict=True)
    ]


# An operating system a download is built for, then what build it is at most (`Windows 32-bit`,
# `macOS (Apple Silicon)`, `Linux x86_64`): a platform a product comes for, not a product.
_PLATFORM = (
    r"(?:linux|mac\s?os(?:\s?x)?|os\s?x|windows|android|ios|ipados|freebsd|chrome\s?os)"
    r"(?:[\s(]*(?:\d+(?:[/.]\d+)*|x86[_-]64|amd64|aarch64|arm64|x64|x86|32[- ]?bit|64[- ]?bit"
    r"|intel|apple silicon|universal|portable|installer)\)?)*"
)
_PLATFORM_NAME = re.compile(_PLATFORM, re.IGNORECASE)
# A list item that is a platform's label, then a link that is not named by it (`**Linux**:
# [Download](…)`, `macOS - [Download .dmg](…)`).
_PLATFORM_ITEM = re.compile(
    r"\s*(?:\*\*|__)?" + _PLATFORM + r"\s*[:\uff1a]?\s*(?:\*\*|__)?\s*[:\uff1a\-\u2013\u2014]?\s*"
    r"\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]+)",
    re.IGNORECASE,
)


def _platform_entries(block: _Block, lines: list[str]) -> list[str] | None:
    """The URLs of a block whose every entry is a platform's label over or before a link it
    does not name (`**Linux**` over `[Download](…)`, `- **macOS**: [Download](…)`), in order;
    None for any other block."""
    if block.kind == "list" and block.items:
        urls = []
        for item in block.items:
            match = _PLATFORM_ITEM.match(item.markdown)
            if match is None or not _is_download(match["text"], match["url"]):
                return None
            urls.append(match["url"])
        return urls
    if block.kind == "resources" and len(block.resources) == 1:
        card = block.resources[0]
        if not card.url or _PLATFORM_NAME.fullmatch(card.title) is None:
            return None
        link = _MARKDOWN_LINK.search("\n".join(lines[block.start : block.end]))
        if link is None or not _is_download(link["text"], link["url"]):
            return None  # `**Linux**` over `[kernel.org](…)`: a list of systems, as cards
        return [card.url]
    return None


def _platform_unit(blocks: list[_Block], lines: list[str]) -> list[str] | None:
    # `_platform_entries` of one block, or of one list given as its pieces: all or None.
    urls: list[str] = []
    for block in blocks:
        found = _platform_entries(block, lines)
        if found is None:
            return None
        urls.extend(found)
    return urls


# A link written in markdown: its text and its URL.
_MARKDOWN_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]+)")
# The ends of a download's file name (an installer, an archive, a package).
_DOWNLOAD_FILE = re.compile(
    r"\.(?:dmg|exe|msi|pkg|zip|tar\.gz|tgz|tar\.xz|appimage|deb|rpm|apk|flatpak|snap)$",
    re.IGNORECASE,
)


def _is_download(text: str, url: str) -> bool:
    """Whether a link under a platform's label is a download of the product (`[Download](…)`,
    `[Download .dmg](…)`, `[Get it](…)`, `[Intel](…/app_x64.dmg)`), not a resource of its own
    (`[kernel.org](…)`, `[Linux](…)`)."""
    words = text.casefold().split()
    action = bool(words) and words[0] in (*_ACTION_LABELS, "install", "installer")
    return action or _DOWNLOAD_FILE.search(urlsplit(url).path) is not None or "/releases" in url


def _platform_downloads(blocks: list[_Block], lines: list[str]) -> list[_Block]:
    """Blocks with each run of platform entries (`_platform_entries`: `**Linux**` over
    `[Download](…)`, `**macOS**` over another; two or more) read as the links of the product
    named above them: with the bold name right before the run, one resource so named at the
    first platform's link; else a paragraph whose first link is the heading's primary link
    (the heading is the product). The platforms' lines are its description, and a warning
    names the run's first line. They were resources named "Linux", "macOS", in silence."""
    if not any(block.kind in ("list", "resources") for block in blocks):
        return blocks
    # Adjacent lists with the same marker are one list (`_resolve_lists`): read in pieces,
    # a list comes cut at its items, and each of its items must be a platform's, as when
    # the list is read whole.
    units: list[list[_Block]] = []
    for block in blocks:
        last = units[-1][-1] if units else None
        if last is not None and block.kind == "list" == last.kind and last.marker == block.marker:
            units[-1].append(block)
            continue
        units.append([block])
    result: list[_Block] = []
    at = 0
    while at < len(units):
        urls: list[str] = []
        end = at
        while end < len(units) and (found := _platform_unit(units[end], lines)) is not None:
            urls.extend(found)
            end += 1
        if len(urls) < 2:
            result.extend(units[at])
            at += 1
            continue
        start, stop = units[at][0].start, units[end - 1][-1].end
        about = _markdown_field("\n".join(lines[start:stop]))
        named = result[-1] if result and result[-1].kind == "text" and result[-1].label else None
        if named is not None and lines[named.start].rstrip(" *_").endswith((":", "\uff1a")):
            named = None  # `**Direct Links:**`: a label saying what the links are, no name
        said = f"{len(urls)} platform labels over download links"
        if named is not None:
            message = f"{said}: read as the links of {named.label!r}, the bold name above them"
            card = _Candidate(title=named.label, line=named.start, url=urls[0], description=about)
            result[-1] = _Block(
                kind="resources",
                start=named.start,
                end=stop,
                resources=(card,),
                warnings=((start, message),),
            )
        else:
            message = f"{said}: read as the links of the heading above them, no resources"
            result.append(
                _Block(
                    kind="text",
                    start=start,
                    end=stop,
                    first_link=urls[0],
                    link_line=urls[0],
                    link_line_labelled=True,
                    warnings=((start, message),),
                )
            )
        at = end
    return result


def _quotes_under_logos(
    blocks: list[_Block], lines: list[str], definitions: Definitions
) -> list[_Block]:
    """Blocks with each logo (`_Block.logo`) and the quotes right under it read as one
    resource, where at least two such entries follow each other (a list written as logos
    over quotes: ``<div align=center><img src="alpa-logo.png"></div>`` then ``> [Alpa](…) is
    a system for …``): named by the link that starts a quote and says what it leads to
    (else by the first quote's leading link; else by the first word of a quote that names
    its project before its links, ``> DeepSpeed is … [deepspeed.ai](…)``), at that link,
    the quotes its description. One logo over a quote (a project's own logo over its
    tagline) stays as it is. Each entry read so, or skipped for want of a link, gets a
    warning naming its line."""
    entries: list[tuple[int, int]] = []  # (logo's index, index after its quotes)
    index = 0
    while index < len(blocks):
        stop = index + 1
        if blocks[index].logo:
            while stop < len(blocks) and blocks[stop].quoted:
                stop += 1
            if stop > index + 1:
                entries.append((index, stop))
        index = stop
    kept = {
        entry
        for position, entry in enumerate(entries)
        if (position > 0 and entries[position - 1][1] == entry[0])
        or (position + 1 < len(entries) and entries[position + 1][0] == entry[1])
    }
    if not kept:
        return blocks
    result: list[_Block] = []
    index = 0
    for logo, stop in sorted(kept):
        result.extend(blocks[index:logo])
        quotes = [
            _quote_text(lines, block.start, block.end, 0) for block in blocks[logo + 1 : stop]
        ]
        line = blocks[logo + 1].start
        said: list[tuple[int, str]] = []  # why its link is unusable, as other readings say it
        candidate = _logo_entry(quotes, line, definitions, said)
        if candidate is None:
            without = "without a usable link" if said else "without a link"
            said.append((line, f"logo over a quote {without}: not a resource, kept as text"))
            result.extend(blocks[logo:stop])
            result[-1] = replace(result[-1], warnings=(*result[-1].warnings, *said))
        else:
            message = (
                f"logo over a quote read as resource {candidate.title!r} "
                f"(its link {candidate.url!r}; the quote its description)"
            )
            result.append(
                _Block(
                    kind="resources",
                    start=blocks[logo].start,
                    end=blocks[stop - 1].end,
                    resources=(candidate,),
                    warnings=((line, message),),
                )
            )
        index = stop
    result.extend(blocks[index:])
    return result


def _logo_entry(
    quotes: list[str], line: int, definitions: Definitions, warnings: list[tuple[int, str]]
) -> _Candidate | None:
    """The resource a logo's quotes name (see `_quotes_under_logos`), or None when no quote
    links anywhere or its link is unusable (`_checked_url`'s warning added to ``warnings``)."""
    leading: list[tuple[str, str, bool]] = []  # (title, url, words after the link)
    named: tuple[str, str] | None = None
    for quote in quotes:
        tokens = parse_tokens(quote, definitions)
        inline = next((token.children or [] for token in tokens if token.type == "inline"), [])
        link = _leading_link(inline)
        if link is not None:
            start, end, href = link
            title = _plain(inline[start + 1 : end]).strip()
            if title:
                leading.append((title, href, bool(_plain(inline[end + 1 :]).strip(" .,:;"))))
                continue
        spans = _real_link_spans(inline)
        words = _plain(inline).split()
        if named is None and spans and words:
            named = (words[0].strip(".,:;"), str(inline[spans[0][0]].attrGet("href")))
    chosen = next(((title, url) for title, url, said in leading if said), None)
    chosen = chosen or named or (leading[0][:2] if leading else None)
    if chosen is None:
        return None
    url = _checked_url(chosen[1], line, warnings)
    if not url:
        return None
    return _Candidate(
        title=chosen[0], line=line, url=url, description=_markdown_field("\n\n".join(quotes))
    )


def _resolve_lists(blocks: list[_Block], repository: str = "") -> list[_Block]:
    """Decide what each list is: adjacent lists with the same marker are one list (pieces cut
    at items). A list is resources when all its items read as resources, or when at least half
    of them start with their link: one odd item never turns a list of links into text."""
    entries: list[_Block | list[_Block]] = []  # blocks, and runs of lists (cut at items)
    run: list[_Block] = []
    for block in [*blocks, None]:
        if (
            block is not None
            and block.kind == "list"
            and (not run or run[0].marker == block.marker)
        ):
            run.append(block)
            continue
        if run:
            entries.append(run)
            run = []
        if block is not None:
            if block.kind == "list":
                run.append(block)
            else:
                entries.append(block)
    made = [
        _resolved_list(entry, repository=repository) if isinstance(entry, list) else entry
        for entry in entries
    ]
    resolved: list[_Block] = []
    for index, entry in enumerate(entries):
        if isinstance(entry, list) and _lone_lead_in(entry) and _led_like_neighbours(made, index):
            # A lone "Lead-in: [link]" written as the lists beside it in its section are
            # ("- 第 186 期: […](…)" alone under December, the months below holding several):
            # one of them, not a note among prose.
            made[index] = _resolved_list(entry, lone=True, repository=repository)
        resolved.extend(made[index].parts or (made[index],))
    return resolved


# A bullet that starts with a link whose destination is empty (`[Part II]() by **H**`).
# (After the year a paper came out too: `1996, [Modelling Costs …](), in …`.)
_EMPTY_LINK_ITEM = re.compile(r"\s*(?:(?:1[89]|20)\d\d[,.]?\s+)?\[([^\]]+)\]\(\s*\)")
_BOLD_LABEL = re.compile(
    r"\s*(?:\*\*|__)(?P<label>[^*_\n]{1,120}?)(?:\*\*|__)\s*[:\-\u2013\u2014]?\s*"
)


def _empty_group(item: _ListItem) -> bool:
    """Whether an item is a bold label, a dash or a colon, then words without a link, with
    nothing nested under it (`* **Branch & Bound** - remember …`)."""
    if item.candidate is None or item.candidate.children or item.resource_like:
        return False
    match = _BOLD_LABEL.match(item.markdown)
    rest = item.markdown[match.end() :] if match is not None else ""
    return (
        match is not None
        and match.group(0).rstrip() != match.group(0).rstrip("-:\u2013\u2014 ")
        and 0 < len(match.group("label").split()) <= _BOLD_GROUP_WORDS
        and bool(rest.strip())
        and "](" not in rest
        and "](" not in match.group("label")
    )


def _as_empty_group(item: _ListItem) -> _ListItem:
    """An item `_empty_group` finds, read as a subsection named by its label, its words the
    intro, with a warning."""
    assert item.candidate is not None
    match = _BOLD_LABEL.match(item.markdown)
    assert match is not None
    label = _single_line(match.group("label"))
    return replace(
        item,
        candidate=replace(
            item.candidate,
            title=label,
            url="",
            description=_markdown_field(item.markdown[match.end() :].strip()),
            group=True,
        ),
        resource_like=True,
        warnings=(
            *item.warnings,
            (
                item.line,
                f"bullet {label!r} among bold labels over nested links, none under it: read as "
                "the subsection named by the label (no resource yet), the words its intro",
            ),
        ),
    )


def _note_label(item: _ListItem) -> tuple[str, str] | None:
    """(label, words) of a bullet that starts with a bold label and says a sentence
    (`**Lock-Free Programming**: This talk has two parts.`) over nested link bullets; None
    for any other bullet."""
    candidate = item.candidate
    if candidate is None or not any(child.url for child in candidate.children):
        return None
    first = item.markdown.lstrip().split("\n", 1)[0]
    match = _BOLD_LABEL.match(first)
    if match is None or "](" in match.group("label"):
        return None
    rest = first[match.end() :].strip()
    if not rest or not _is_sentence(rest):
        return None
    return _single_line(match.group("label")), _markdown_field(rest)


def _lone_lead_in(run: list[_Block]) -> bool:
    """Whether a run of lists is one item, a resource named after its lead-in."""
    items = [item for block in run for item in block.items]
    return len(items) == 1 and items[0].lead_in == "resource"


def _led_like_neighbours(made: list[_Block], index: int) -> bool:
    """Whether another list of the same section (no heading between) was read as resources
    all named after their lead-ins, as the lone item at ``index`` is."""
    for step in (-1, 1):
        position = index + step
        while 0 <= position < len(made) and made[position].kind != "heading":
            block = made[position]
            if block.kind == "resources" and block.resources and block.lead_named:
                return True
            position += step
    return False


def _task_like(item: _ListItem) -> bool:
    """Whether an item is a plain one-line bullet that reads as a task only by its first word,
    one that names a thing as often, then a plural (`_is_task` but not `_clearly_a_task`:
    `Practice problems and solutions`, `Design patterns in Go`): no task for that alone."""
    title = item.markdown
    return (
        not item.resource_like
        and item.candidate is not None
        and "\n" not in title
        and len(title) <= PLAIN_TITLE_LIMIT
        and not any(mark in title for mark in ("](", "*", ":", "`", "<", "http"))
        and _is_task(title)
        and not _clearly_a_task(title)
        and not _is_sentence(title)
        # A compound noun's second word names things (`problems`, `patterns`, `cases`); an
        # order's is what it acts on (`Use system Python3 for tests`, a changelog's line).
        and re.fullmatch(r"[a-z]+[^s]s", title.split()[1]) is not None
    )


def _task_like_topics(deciding: Sequence[_ListItem]) -> bool:
    """Whether a list's bullets that read as tasks only by their first word (`_task_like`)
    are fewer than half of it, its other bullets resources: topics whose name starts with a
    noun that is a verb too (`Practice problems and solutions` among a week's topics), not a
    list of what to do, which is all or mostly tasks (`Complete removal of the old parser`,
    `Use version sort in listings`)."""
    if not any(_task_like(item) for item in deciding):
        return False  # (the cheap test first: most lists hold no such bullet)
    weak = sum(map(_task_like, deciding))
    return 2 * weak < len(deciding) and all(
        item.resource_like or _task_like(item) for item in deciding
    )


def _topic_not_task(item: _ListItem) -> _ListItem:
    """An item read as a topic, not a task, where `_task_like`, with a warning naming its line."""
    if not _task_like(item):
        return item
    message = (
        f"bullet {item.markdown!r} starts with a word that may be a verb, but most of its list "
        "are topics: read as a topic (a resource), not a task"
    )
    return replace(item, resource_like=True, warnings=(*item.warnings, (item.line, message)))


def _kept_for_tasks(deciding: Sequence[_ListItem]) -> tuple[tuple[int, str], ...]:
    """The warning of a list kept as text because bullets of it tell the reader what to do
    (`_is_task`: `Participate in a Kaggle competition`, a capstone's steps) where its other
    bullets read as resources: naming the first such bullet's line and words, so that a list
    is never turned into text in silence. () for a list kept as text for another reason."""
    tasks = [
        item
        for item in deciding
        if not item.resource_like
        and "](" not in item.markdown.split("\n", 1)[0]  # (its nested lines may link)
        and not _announcing(item.markdown)  # a label over what follows: its own warning
        and _is_task(_single_line(item.markdown.split("\n", 1)[0]).strip())
    ]
    if not tasks or len(tasks) + sum(item.resource_like for item in deciding) < len(deciding):
        return ()
    first = _shortened(_single_line(tasks[0].markdown.split("\n", 1)[0]))
    return (
        (
            tasks[0].line,
            f"list of {len(deciding)} bullets kept as text: {len(tasks)} of them read as tasks "
            f"(what to do, {first!r}{' …' if len(tasks) > 1 else ''}), not resources",
        ),
    )


# A link to a section of a page of a GitHub repository: its front page (`github.com/o/r#x`) or
# a file or folder of it (`…/blob/main/README.md#x`, `…/tree/master/5.%20Misc#x`).
_REPOSITORY_SECTION = re.compile(
    r"https?://(?:www\.)?github\.com/(?P<repository>[^/\s#?]+/[^/\s#?]+)"
    r"(?:/(?P<page>(?:tree|blob)/[^#\s]+))?/?#(?P<fragment>[^#\s]+)",
    re.IGNORECASE,
)
# The page of `_REPOSITORY_SECTION` that is the repository's front page: a branch alone, or
# its README at the root (`blob/main/README.md`).
_FRONT_PAGE = re.compile(r"(?:tree|blob)/[^/]+/?(?:readme(?:\.\w+)?)?", re.IGNORECASE)
# The fewest links a list of a repository's sections needs to be read as its contents.
_CONTENTS_LINKS = 3


# A GitHub repository's address: a web page of it (`https://github.com/o/r/blob/main/`) or
# a remote's (`git@github.com:o/r.git`, `ssh://git@github.com/o/r.git`).
_GITHUB_REPOSITORY_ADDRESS = re.compile(
    r"(?:(?:https?|ssh|git)://(?:[^@/\s]+@)?(?:www\.)?github\.com/|git@github\.com:)"
    r"(?P<owner>[\w.-]+)/(?P<name>[\w.-]+?)(?:\.git)?(?:[/#?].*)?",
    re.IGNORECASE,
)


def github_repository(address: str) -> str:
    """The ``owner/name`` of the GitHub repository an address is in (a base URL such as
    ``https://github.com/o/r/blob/main/``, a git remote's URL), "" for any other."""
    match = _GITHUB_REPOSITORY_ADDRESS.fullmatch(address.strip())
    return "" if match is None else f"{match['owner']}/{match['name']}"


# A GitHub repository a document names: a link to it or into its pages
# (`https://github.com/o/r/blob/main/x.md#part`), or a badge of it
# (`img.shields.io/github/stars/o/r`).
_NAMED_REPOSITORY = re.compile(
    r"(?:github\.com/|img\.shields\.io/github/[\w-]+/)(?P<owner>[\w.-]+)/(?P<name>[\w.-]+?)"
    r"(?:\.git|\.svg)?(?=[/#?)\s\"'>\]]|$)",
    re.IGNORECASE,
)


def readme_repositories(text: str, known: Iterable[str], folder: str = "") -> str:
    """The GitHub repositories (``owner/name``, separated by spaces) a README is the front
    page of, as `import_markdown`'s ``repository`` takes them: the ``known`` ones (its base
    URL's or its git remotes'), and those of the same name under another owner its links
    lead into, where they name none of the known ones (a fork's README, written upstream,
    links into the repository it was forked from, never into the fork). None known: the one
    named as the ``folder`` holding it (a clone's folder is named as its repository), when
    its links name exactly one so. "" when there are none."""
    found = {repository.casefold(): repository for repository in known if repository}
    names = {repository.split("/", 1)[-1].casefold() for repository in found}
    if not names and folder:
        names = {folder.casefold()}
    named: dict[str, str] = {}
    if names and "github" in text:
        for match in _NAMED_REPOSITORY.finditer(text):
            if match["name"].casefold() in names:
                repository = f"{match['owner']}/{match['name']}"
                named.setdefault(repository.casefold(), repository)
    if named.keys() - found.keys():
        # Only one whose sections its links name as this document's own is its upstream
        # (`up/x#tools` over its own `## Tools`): links into a front page at sections this
        # document does not have are how a list points at another list of that name.
        sections = _own_sections(text)
        named = {
            key: repository
            for key, repository in named.items()
            if key in found or _leads_into_own_sections(text, key, sections)
        }
    if found:
        # A README that names its known repository is written there: another of the same
        # name is another list ('awesome', 'log' are common names), not its upstream.
        if not named.keys() & found.keys():
            found.update(named)
    elif len(named) == 1:
        found = named  # by the folder's name: one repository so named, or none (ambiguous)
    return " ".join(sorted(found.values(), key=str.casefold))


# A link in a document to a section of a page of a GitHub repository (`_REPOSITORY_SECTION`
# as written in markdown or HTML: it ends where the link does).
_LINKED_REPOSITORY_SECTION = re.compile(
    r"https?://(?:www\.)?github\.com/(?P<repository>[^/\s#?]+/[^/\s#?)\]\"'>]+)"
    r"(?:/(?P<page>(?:tree|blob)/[^#\s)\]\"'>]+))?/?#(?P<fragment>[^#\s)\]\"'>]+)",
    re.IGNORECASE,
)
# A heading's text: ATX (`## Tools`), setext (`Tools` over `---`) or HTML (`<h2>Tools</h2>`).
# A setext heading's text is the one line over its underline: a thematic break far below a
# paragraph (`---` before a list's closing words) makes no heading of all the lines between.
_HEADING_TEXT = re.compile(
    r"^ {0,3}#{1,6}[ \t]+(?P<atx>.+?)[ \t#]*$"
    r"|^ {0,3}(?P<setext>\S[^\n]*?)[ \t]*\n {0,3}(?:=+|-+)[ \t]*$"
    r"|<h[1-6]\b(?P<attributes>[^>]*)>(?P<html>.*?)</h[1-6]\s*>",
    re.IGNORECASE | re.MULTILINE | re.DOTALL,
)


# The id an HTML heading's attributes give it (`<h2 id="ml">`).
_HEADING_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def _own_sections(text: str) -> frozenset[str]:
    """The sections a document has: its headings' words as their anchors keep them
    (`_loose_words`), a link's text for the link, tags and images (a title's badge) left
    out; and the anchors its author set by hand (`<a name="cpp"></a>` over `## C++`, `<h2
    id="ml">`)."""
    sections = {_loose_words(unquote(anchor)) for anchor in _ANCHOR_ID.findall(text)}
    for match in _HEADING_TEXT.finditer(text):
        if match["attributes"] and (given := _HEADING_ID.search(match["attributes"])):
            sections.add(_loose_words(unquote(given[1])))
        heading = match["atx"] or match["setext"] or match["html"] or ""
        heading = _MARKDOWN_IMAGE.sub(" ", _HTML_TAG.sub(" ", heading))
        heading = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
        if words := _loose_words(heading):
            sections.add(words)
    return frozenset(sections - {""})


def _leads_into_own_sections(text: str, repository: str, sections: frozenset[str]) -> bool:
    """Whether the links of ``text`` into the sections of ``repository``'s pages (case
    folded) are mostly its own contents: into its front page at a section ``sections`` holds,
    or into another of its pages (an index's contents across its files)."""
    own = total = 0
    for match in _LINKED_REPOSITORY_SECTION.finditer(text):
        if match["repository"].casefold() != repository:
            continue
        total += 1
        page = match["page"]
        front = page is None or _FRONT_PAGE.fullmatch(page) is not None
        own += not front or _loose_words(unquote(match["fragment"])) in sections
    return 2 * own > total


def _link_candidates(items: Sequence[_ListItem]) -> list[_Candidate]:
    """The candidates of a list's items and of the items nested in them."""
    found: list[_Candidate] = []
    stack = [item.candidate for item in reversed(items) if item.candidate is not None]
    while stack:
        candidate = stack.pop()
        found.append(candidate)
        stack.extend(reversed(candidate.children))
    return found


def _pages_contents(items: Sequence[_ListItem], repository: str = "") -> str:
    """The repository (``owner/name``) whose pages' sections a list's links all lead to,
    each bare, most named as the section they lead to (``[TDD & 테스트](…#tdd--테스트)``):
    the list's table of contents across its pages; "" for any other list. Where the
    README's own ``repository`` is known (one, or several separated by spaces), those only,
    any of their pages: links into another
    repository's pages are how one list points at another's sections. Where it is not, none
    of the links may lead to a repository's front page: a README's own contents link its
    sections as `#x`, and links into sections of a front page (`github.com/o/awesome-x#web`)
    are how a list points at another list's sections."""
    candidates = _link_candidates(items)
    if len(candidates) < _CONTENTS_LINKS or any(item.candidate is None for item in items):
        return ""
    repositories: set[str] = set()
    named = 0
    for candidate in candidates:
        match = _REPOSITORY_SECTION.fullmatch(candidate.url)
        if match is None or candidate.description:
            return ""
        if repository:
            if match["repository"].casefold() not in repository.casefold().split():
                return ""
        elif match["page"] is None or _FRONT_PAGE.fullmatch(match["page"]):
            return ""
        repositories.add(match["repository"])
        fragment = _loose_words(unquote(match["fragment"]))
        named += bool(fragment) and fragment == _loose_words(candidate.title)
    if len({name.casefold() for name in repositories}) != 1 or 2 * named <= len(candidates):
        return ""
    return min(repositories)


def _loose_words(text: str) -> str:
    """Letters and digits only, case folded: a heading's words as its anchor keeps them."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


def _list_as_text(start: int, end: int, message: str) -> _Block:
    """A list kept as text, not resources, with one warning on its first line saying why."""
    return _Block(kind="text", start=start, end=end, warnings=((start, message),))


# The words of a contents line's link into the document (`[Books](#books)`).
_ANCHOR_TEXT = re.compile(r"\[([^\[\]]+)\]\(#[^()\s]*\)")


def _resolved_list(
    run: list[_Block], *, notes: bool = False, lone: bool = False, repository: str = ""
) -> _Block:
    """`_resolved_by_hand`, with the list as `publisher readme` wrote it (`_Block.written`)
    when every item is written so and it reads otherwise by hand."""
    block = _resolved_by_hand(run, notes=notes, lone=lone, repository=repository)
    items = [item for part in run for item in part.items]
    if not items or not all(item.shaped for item in items) or block.parts:
        return block
    written = tuple(
        candidate for item in items if (candidate := item.written or item.candidate) is not None
    )
    if len(written) == len(items) and (
        block.kind != "resources"
        or block.resources != written
        or block.by_hand is not None
        or any(item.written is not None for item in items)
    ):
        warnings = tuple(
            warning
            for item in items
            for warning in (item.written_warnings if item.written is not None else item.warnings)
        )
        return replace(
            block,
            written=_Block(
                kind="resources",
                start=block.start,
                end=block.end,
                resources=written,
                warnings=warnings,
            ),
        )
    return block


# An item's first line that is its link, then only words in parentheses: `[Title](…) (Ada
# Brook, Ivo Tern)`.
_LINK_THEN_PARENTHESES = re.compile(
    r"^\[.*\]\([^\s()]*(?:\([^\s()]*\)[^\s()]*)*\)\s*\(([^()]+)\)\s*$"
)
# A name's words: capitalised (`Ada`, `Jean-Baptiste`, `Čapek`, `O'Neil`), an initial (`H.`),
# or a particle (`de`, `van`, `von` …).
_NAME_PARTICLES = frozenset(
    {
        "al",
        "bin",
        "da",
        "de",
        "del",
        "della",
        "den",
        "der",
        "di",
        "du",
        "la",
        "le",
        "ter",
        "van",
        "von",
    }
)
_AUTHOR_NAMES_SPLIT = re.compile(r"\s*(?:,|;|/|\band\b|&|\bet\b)\s*")


def _person_names(text: str) -> tuple[list[str], bool] | None:
    """The people a note in parentheses names (`Ada Brook, Ivo Tern`, `H. G. Wells`, `A. Tern
    et al.`), each of two words to five, capitalised (initials and particles aside), and
    whether the note says so unmistakably on its own (an initial, `et al.`, several names);
    None for any other note (`Public Domain` is as well a name; `MIT`, `free`, `Python, Go`
    are none)."""
    text = text.strip()
    plural = bool(re.search(r"\bet al\.?$", text))
    text = re.sub(r",?\s*\bet al\.?$", "", text)
    names = [name for name in _AUTHOR_NAMES_SPLIT.split(text) if name]
    if not names or len(names) > 8:
        return None
    initial = False
    for name in names:
        words = name.split()
        if not 2 <= len(words) <= 5:
            return None
        for word in words:
            if re.fullmatch(r"[^\W\d_]\.(?:[^\W\d_]\.)*", word):
                initial = True
            elif word in _NAME_PARTICLES:
                continue
            elif not (
                word[0].isupper()
                and word[1:].replace("-", "").replace("'", "").replace("\u2019", "").isalpha()
                and not word.isupper()
            ):
                return None
    return names, initial or plural or len(names) > 1


# What `_read_leading_link` says of a link text read as a work's title and its authors.
_CREDIT_SAID = "read as a work's title and its authors"


def _ambiguous_credit(title: str, authors: str) -> bool:
    """Whether a link text read as a title and its author (`_credited_title`) may as well be
    a title whole: one word before "by", one stressed after it (`Teaching by *Example*`,
    `Design by *Contract*`, as `Biochemistry by *Berg*`)."""
    return len(title.split()) == 1 and len(authors.split()) == 1


def _credits_by_convention(items: list[_ListItem]) -> list[_ListItem]:
    """Items whose link text reads ambiguously as a title and its author (`_ambiguous_credit`)
    read whole, with the words of the title, unless the list credits its works so elsewhere
    (an item credited unmistakably: `[The Selfish Gene by *Richard Dawkins*](…)`)."""
    ambiguous = sum(item.uncredited is not None for item in items)
    if not ambiguous:
        return items
    credited = sum(any(_CREDIT_SAID in message for _, message in item.warnings) for item in items)
    if credited > ambiguous:
        return items
    return [
        item
        if item.uncredited is None
        else replace(
            item,
            candidate=item.uncredited,
            warnings=tuple(warning for warning in item.warnings if _CREDIT_SAID not in warning[1]),
        )
        for item in items
    ]


def _authors_in_parentheses(items: list[_ListItem]) -> list[_ListItem]:
    """Items written as their link, then the people who made it in parentheses (``[Title](…)
    (Ada Brook)``, ``[Title](…) (A. Tern, B. Gull)``) with those people as their author, not
    their description: where the list is written so (two such items at least, more than half
    of its link items), or the note names people unmistakably (`_person_names`); a warning
    on the first item's line says so. The items as they were where there are none."""
    found: dict[int, tuple[str, bool]] = {}
    for index, item in enumerate(items):
        candidate = item.candidate
        if candidate is None or candidate.author is not None or not item.link_led:
            continue
        line = item.markdown.split("\n", 1)[0].strip()
        # (the cheap test first: the pattern's first and last characters)
        match = (
            _LINK_THEN_PARENTHESES.match(line)
            if line.startswith("[") and line.endswith(")")
            else None
        )
        if match is None or candidate.description.strip() != match[1].strip():
            continue
        read = _person_names(match[1])
        if read is not None:
            found[index] = (match[1].strip(), read[1])
    linked = sum(item.link_led for item in items)
    convention = len(found) >= 2 and 2 * len(found) > linked
    taken = {index: note for index, (note, sure) in found.items() if convention or sure}
    if not taken:
        return items
    first = min(taken)
    names = ", ".join(repr(taken[index]) for index in sorted(taken)[:3])
    message = (
        f"{len(taken)} item{'s' * (len(taken) > 1)} name{'s' * (len(taken) == 1)} people in "
        f"parentheses after {'their' if len(taken) > 1 else 'its'} link ({names}"
        f"{' …' if len(taken) > 3 else ''}): read as {'their' if len(taken) > 1 else 'its'} "
        "author, not description"
    )
    result = list(items)
    for index, note in taken.items():
        item = items[index]
        assert item.candidate is not None
        result[index] = replace(
            item,
            candidate=replace(item.candidate, author=Author(name=note), description=""),
            warnings=(*item.warnings, *([(item.line, message)] if index == first else [])),
        )
    return result


def _resolved_by_hand(
    run: list[_Block], *, notes: bool = False, lone: bool = False, repository: str = ""
) -> _Block:
    """A run of lists read as text or resources; ``notes``: its notes (`_is_note`) are no
    resources (else read as `by_hand`, when there are any); ``lone``: a lone item named
    after its lead-in is a resource (its section's other lists are written so)."""
    items = [item for block in run for item in block.items]
    coded = [index for index, item in enumerate(items) if item.code_tags]
    if len(coded) == 1 and (unmarked := items[coded[0]].unmarked) is not None:
        # A code span set apart after one link alone (`- [x](…) `python` - …`) is no list's
        # way of marking languages (its other items mark none with code spans): the item's
        # own words, kept in its description.
        items[coded[0]] = replace(items[coded[0]], candidate=unmarked)
    items = _credits_by_convention(_authors_in_parentheses(items))
    start, end = run[0].start, run[-1].end
    if items and all(item.toc for item in items):
        names = tuple(
            match.group(1) for item in items if (match := _ANCHOR_TEXT.match(item.markdown))
        )
        return _Block(kind="skip", start=start, end=end, contents=True, contents_names=names)
    contents = _pages_contents(items, repository)
    if contents:
        # `- [Git](https://github.com/o/list/tree/master/5.%20Misc#git)` …: a list of links
        # each to a section of one repository's pages, named as that section: the list's own
        # contents, its entries kept in files of their own (a README that became an index).
        return _list_as_text(
            start,
            end,
            f"list of {len(_link_candidates(items))} links into sections of {contents}'s pages, "
            "each named as its section: a table of contents of those pages, not resources",
        )
    about = sum(item.about for item in items)
    # A described item says what it is (`- [Vue Land](…) - the Discord server`): never
    # dropped with its neighbours, so the list is then read item by item.
    if 2 * about > len(items) and not any(
        item.candidate is not None and item.candidate.description and not item.about
        for item in items
    ):
        # Mostly the list's own license, contributing guide, issues … ("Get Involved"): a
        # list about the list, kept as text; its other links are the same kind of thing.
        return _list_as_text(
            start,
            end,
            f"list of {len(items)} links mostly about the list itself (its license, "
            "contributing guide, issues …): not resources",
        )
    handle = _one_account(items)
    if handle:
        # `- Twitter : [@ListName](https://twitter.com/ListName)`, `- Facebook : [ListName](…)`
        # under "Follow us …": one account on each network, where to follow the list.
        return _list_as_text(
            start,
            end,
            f"list of {len(items)} links to one account ({handle!r}) on as many networks, "
            "each named before its link: where to follow, not resources",
        )
    # Calls to action ("Star this repo", "Buy me a coffee") say nothing of what the list is:
    # the others decide; a list of calls alone is prose ("Support it by:" and its bullets).
    # Nor does an empty bullet (`-` alone).
    deciding = [
        item for item in items if not item.call and not item.about and item.markdown.strip()
    ]
    if any(_empty_group(item) for item in deciding) and any(
        item.candidate is not None and item.candidate.group and _BOLD_LABEL.match(item.markdown)
        for item in deciding
    ):
        # `* **Branch & Bound** - remember the lowest-cost …` among bold labels over their
        # nested links (`* **Greedy** - choose …`): a group whose members are still to come.
        items = [_as_empty_group(item) if _empty_group(item) else item for item in items]
        deciding = [_as_empty_group(item) if _empty_group(item) else item for item in deciding]
    if _task_like_topics(deciding):
        # `Practice problems and solutions` among a week's topics: a noun first, no task.
        items = [_topic_not_task(item) for item in items]
        deciding = [_topic_not_task(item) for item in deciding]
    led = sum(item.link_led for item in deciding)
    # "Name: http://…" is a resource where the list is written so (most of its items); among
    # link bullets ("- Errata: https://…", "- Twitter: …") it says more of the one above.
    named_form = 2 * sum(item.lead_in == "named" for item in deciding) > len(deciding)
    # A label in lower case before a bare URL names its bullet in a list written as words and
    # addresses; among bullets written as links (half of them or more: `[Acme](…) - …`) it
    # says more of the one above when it leads to the same site (`- see the docs https://…`,
    # `_same_site`); to another site it is a resource of its own (`- vim cheat sheet https://…`).
    linked_form = 2 * sum("](" in item.markdown.split("\n", 1)[0] for item in deciding) >= len(
        deciding
    )
    official = _official_form(deciding)
    if (
        not deciding
        or all(item.call or item.lead_in == "call" for item in items)
        or not (
            all(item.resource_like for item in deciding)
            or (led and 2 * led >= len(deciding))
            # Each of two or more a link named in a sentence ("Read the [CLRS](…)", "Or
            # [Another Book](…)"): what to read, written as advice (one alone stays text).
            or (len(deciding) > 1 and all(_names_a_work(item) for item in deciding))
            # Each of two or more a code span then a link (`` `docker pull acme/scan` -
            # [official Acme scanner](…) ``): the command or package that gets the linked
            # thing, then the thing, whatever case its name is written in.
            or (len(deciding) > 1 and all(_code_led(item) for item in deciding))
            # Link bullets among bullets naming their resource in a sentence ("Tensor Flow
            # Tutorial on [Seq2Seq](…) Models", "Several [tutorials by R.](…) on …"): however
            # few start with their link, a list of resources, each read at its link. Every
            # bullet names one at a link: plain names without one (`man sh` in a "See also")
            # would be resources without a URL.
            or (led and all(_names_a_linked_resource(item) for item in deciding))
        )
        # A lone "Lead-in: [link]" says nothing of a list of resources around it.
        or (len(items) == 1 and items[0].lead_in == "resource" and not lone)
    ):
        # Its items are text as written (a call to action, a lone lead-in link among prose
        # too): nothing read another way, nothing to warn about.
        if any(item.kind_lead and item.candidate is not None for item in items):
            return _Block(
                kind="text", start=start, end=end, parts=_kind_led_parts(items, start, end)
            )
        # Except items that start with a link whose reference has no definition: written as
        # links, they are resources lost to a missing `[label]: URL` line.
        unread = tuple(
            (item.line, f"{_odd_bullet(item)}: kept as text")
            for item in items
            if item.candidate is None and _UNDEFINED_REFERENCE.match(item.markdown)
        )
        if _links_after_names(items):
            # `- Code Search [src](…)`, `- RE2 [src](…)`: every item a short name and a link
            # after it, read as none: a list lost whole is never lost in silence.
            first = _shortened(_single_line(items[0].markdown))
            unread += (
                (
                    start,
                    f"list of {len(items)} bullets each naming something and linking after its "
                    f"name ({first!r} …): no item reads as a resource, kept as text",
                ),
            )
        return _Block(
            kind="text",
            start=start,
            end=end,
            warnings=(*unread, *(_named_in_prose(deciding) or _kept_for_tasks(deciding))),
        )
    resources: list[_Candidate] = []
    warnings: list[tuple[int, str]] = []
    said: list[tuple[int, str]] = []  # how its items were read: `_Block.reading_warnings`
    taken = lead_named = 0  # items read as resources, and those of them named after a lead-in
    tasks = sum(map(_linkless_task, items))
    for item in items:
        warnings.extend(item.warnings)  # the item's own, as written
        if item.toc:
            said.append((item.line, "link into this document in a list of resources: skipped"))
            continue
        if item.candidate is None and _EMPTY_LINK_ITEM.match(item.markdown):
            continue  # `[Part II]()`: a link still to come, skipped (its reading said so)
        if item.call and item.candidate is not None:
            said.append(
                (item.line, f"call to action {item.candidate.title!r}: not a resource, skipped")
            )
            continue
        if item.about and item.candidate is not None:
            said.append(
                (
                    item.line,
                    f"link {item.candidate.title!r} is about the list itself: not a resource, "
                    "skipped",
                )
            )
            continue
        if _placeholder_item(item) and (led or all(map(_placeholder_item, deciding))):
            # `- TODO`, `- ...` where an entry is still to come, among link bullets or alone:
            # nothing to list yet. Among plain bullets it is the list's own words (a
            # syllabus's topics going on, `- ...`), read with them.
            assert item.candidate is not None
            title = item.candidate.title.strip()
            said.append(
                (
                    item.line,
                    f"bullet {title!r} is an aside in parentheses where entries go (no link): "
                    "skipped"
                    if _ASIDE.fullmatch(title)
                    else f"bullet {title!r} is a placeholder (no link, an entry still to come): "
                    "skipped",
                )
            )
            continue
        previous = resources[-1] if resources else None
        label = _note_label(item) if not item.resource_like else None
        if label is not None and item.candidate is not None:
            # `* **Lock-Free Programming**: This talk has two parts.` over the links of its
            # parts: the label of a subsection holding them (its words the intro), never a
            # note that takes them into the description of the resource above.
            resources.append(
                replace(item.candidate, title=label[0], description=label[1], url="", group=True)
            )
            said.append(
                (
                    item.line,
                    f"bullet {label[0]!r} over links, its words a sentence: a subsection named "
                    "by its bold label, the sentence its intro",
                )
            )
            continue
        if official and item.name_link is not None and not item.resource_like:
            resources.append(_checked_link(item.name_link, warnings))
            continue
        fits = (
            item.resource_like
            and item.candidate is not None
            and (named_form or item.lead_in != "named" or previous is None)
            and not (
                linked_form
                and item.lead_in == "label"
                and previous is not None
                and _same_site(previous.url, item.candidate.url)
            )
            and not (notes and _is_note(item, linked=2 * led >= len(deciding), tasks=tasks))
        )
        if fits and not (item.material and previous is not None):
            assert item.candidate is not None
            resources.extend(_spread(item.candidate))
            taken += 1
            if item.lead_in == "resource":
                lead_named += 1
                said.append(
                    (
                        item.line,
                        f"{item.candidate.title!r} read as a resource named after its lead-in "
                        "(the lead-in is its description)",
                    )
                )
            continue
        if item.lead_in == "call":
            said.append(
                (
                    item.line,
                    "bullet's link after its lead-in is a call to action, not a resource: "
                    + (f"kept in the description of {previous.title!r}" if previous else "skipped"),
                )
            )
            if previous is not None:
                resources[-1] = _with_description(previous, item.markdown)
            continue
        if previous is None and item.lead_in == "pointer" and item.candidate is not None:
            # "Reddit: [List …](…)" first in its list: no resource above for it to point
            # from, so it is one (its lead-in its description).
            resources.append(item.candidate)
            said.append(
                (
                    item.line,
                    f"{item.candidate.title!r} after a one-word lead-in, first in its list: "
                    "read as a resource (the lead-in is its description)",
                )
            )
            continue
        if not item.markdown.strip():
            said.append((item.line, "empty bullet: skipped"))
            continue
        if item.set_link is not None and (remark := _REMARK_LEAD.match(item.markdown)):
            # `- Tip: search for a filename on GitHub, e.g. [in:path .gitconfig](…).`: the
            # author's remark, its link an example; not a resource named in a sentence.
            said.append(
                (
                    item.line,
                    f"bullet {_shortened(_single_line(item.markdown))!r} is a remark (led by "
                    f"{remark[1]!r}), not a resource: "
                    + (f"kept in the description of {previous.title!r}" if previous else "skipped"),
                )
            )
            if previous is not None:
                resources[-1] = _with_description(previous, item.markdown)
            continue
        if (
            item.set_link is not None
            and not fits
            and (previous is None or not previous.group)
            and item.lead_in != "named"
        ):
            # `O'Reilly's [How to make mistakes in Python](…)` among link bullets: a resource
            # named in a sentence, not a note on the one above.
            resources.append(_checked_link(item.set_link, warnings))
            warnings.append(
                (
                    item.line,
                    f"bullet {_shortened(_single_line(item.markdown))!r} names its resource in "
                    f"a sentence: read as {item.set_link.title!r} at its link"
                    + (
                        " (its page: the link before it is its feed)"
                        if _past_its_feed(item)
                        else ""
                    )
                    + ", the sentence its description",
                )
            )
            continue
        if previous is None:
            said.append(
                (
                    item.line,
                    f"{_odd_bullet(item)}, and no resource above it in its list takes it as "
                    "description: skipped",
                )
            )
            continue
        what = (
            f"{item.candidate.title!r} reads as course material of {previous.title!r} (its "
            "syllabus, slides, notes …): kept in its description"
            if fits and item.candidate is not None
            else f"'Name: URL' bullet {item.candidate.title!r} in a list of link bullets: "
            f"kept in the description of {previous.title!r}"
            if item.lead_in == "named" and item.candidate is not None
            else f"{_odd_bullet(item)}: kept in the intro of the group above it, "
            f"{previous.title!r} (a label over its own list)"
            if previous.group
            else f"{_odd_bullet(item)}: kept in the description of {previous.title!r}"
        )
        said.append((item.line, what))
        resources[-1] = _with_description(previous, item.markdown)
    # A family tree, not categories: resources over their own nested resources are the list's
    # pattern (two at least, no fewer than the plain bullets over nested ones), and it nests
    # deeper than a resource's own links (forks of forks); not resources' extensions beside a
    # category (`- [Flask](…)` over its extensions, `- Build` over tools: Build stays a
    # subsection, with two such resources too).
    parents = sum(
        bool(candidate.url) and any(child.url for child in candidate.children)
        for candidate in resources
    )
    groups = sum(candidate.group for candidate in resources)
    if groups and parents >= max(2, groups) and _nested_deeper(resources):
        resources = _entries_not_groups(resources, warnings)
    by_hand = None
    if not notes and any(
        _is_note(item, linked=2 * led >= len(deciding), tasks=tasks) for item in items
    ):
        by_hand = _resolved_list(run, notes=True, repository=repository)
    return _Block(
        kind="resources",
        start=start,
        end=end,
        resources=tuple(resources),
        warnings=tuple(warnings),
        reading_warnings=tuple(said),
        by_hand=by_hand,
        lead_named=bool(taken) and lead_named == taken,
    )


def _named_in_prose(items: Sequence[_ListItem]) -> tuple[tuple[int, str], ...]:
    """The warning for a list of plain bullets (no link) kept as text though all of them but
    one read as the names of topics, that one a label ending in ":" over nothing, long
    enough to read as a sentence (`- Read these after the first three weeks:`): it made the
    list prose. Nothing for a list with more such bullets (prose: advice, a syllabus), nor
    for one with links (whose readings warn of their own)."""
    plain = [
        item
        for item in items
        if item.candidate is not None and not item.candidate.url and not item.candidate.children
    ]
    if len(plain) != len(items) or len(items) < 2:
        return ()
    odd = [item for item in plain if not item.resource_like]
    if len(odd) != 1 or not _announcing(odd[0].markdown):
        return ()
    first = odd[0]
    assert first.candidate is not None
    return (
        (
            first.line,
            f"bullet {_shortened(first.candidate.title)!r} reads as a sentence or a label, not "
            f"the name of a topic: its list of {len(items)} plain bullets kept as text",
        ),
    )


def _names_a_linked_resource(item: _ListItem) -> bool:
    """Whether an item names a resource at a link: it starts with its link, names it in a
    sentence (`_set_link`), or reads as a resource with a URL (`Name https://…`)."""
    return (
        item.link_led
        or item.set_link is not None
        or (item.resource_like and item.candidate is not None and bool(item.candidate.url))
    )


# An item's first line that is a code span, then (after a dash or a colon, or none) a link:
# `` `docker pull acme/scan` - [Acme scanner](…) ``.
_CODE_LED = re.compile(r"`[^`\n]+`[ \t]*(?:[-\u2013\u2014:][ \t]*)?\[")


def _code_led(item: _ListItem) -> bool:
    """Whether an item names its resource at a link set after a code span alone (the command
    or package that gets it: `` `docker pull acme/scan` - [official scanner](…) ``)."""
    return item.set_link is not None and _CODE_LED.match(item.markdown.lstrip()) is not None


# A repository's name as a link's text (`acme/awesome-servers`, `jo-bo/games.rs`).
_REPOSITORY_NAME = re.compile(r"[\w.-]+/[\w.-]+")


def _names_its_repository(title: str, url: str) -> bool:
    """Whether a link's text is the repository its address leads to, as `owner/name`
    (`[acme/awesome-ios](https://github.com/acme/awesome-ios)`), any case: words joined by
    a slash that the address does not name (`[input/output](…/io)`) are a topic's."""
    name = title.strip().casefold()
    if _REPOSITORY_NAME.fullmatch(name) is None:
        return False
    parts = [part for part in urlsplit(url).path.casefold().split("/") if part]
    return any(f"{owner}/{repository}" == name for owner, repository in itertools.pairwise(parts))


def _names_a_work(item: _ListItem) -> bool:
    """Whether an item names a work by a link set in a sentence (`_set_link`) the way a
    reading list does ("Read the [CLRS](…)", "Or [The Algorithm Design Manual](…)"): its
    link's text a title (a capital first) or the name of the repository it links, whatever
    its case ("Looking for iOS? Check out [owner/awesome-ios](…)", a list's other lists); no
    label before it ("Note: see [the guide](…)", "Tip: read [the FAQ](…)" are notes)."""
    link = item.set_link
    if link is None:
        return False
    if _BOLD_NAME_THEN_LINKS.match(item.markdown):
        # `**The Splice: A Show** ([xml](…), [url](…))`: a name set wholly in bold, then
        # the bracket its links open, names the work whatever its case (`**loopcast.fm**`),
        # a colon inside it part of the name, not a label before a link.
        return True
    if ":" in item.markdown.split("[", 1)[0]:
        return False
    first = link.title.lstrip()[:1]
    return (
        first.isupper()
        or first.isdigit()
        or (first.isalpha() and not first.islower())
        or _names_its_repository(link.title, link.url)
    )


# A name set wholly in bold, then a bracket its first link opens: `**Rope Talk** ([xml](…)`.
_BOLD_NAME_THEN_LINKS = re.compile(
    r"\s*(?P<mark>\*\*|__)(?:(?!(?P=mark)).)+?(?P=mark)\s*[(\uff08]\s*\["
)


def _nested_deeper(candidates: Sequence[_Candidate]) -> bool:
    """Whether a list nests three levels deep somewhere: an item under an item under one of
    ``candidates`` (a fork of a fork: `- ECMAScript RegExp` over `- JavaScript RegExp` over
    `- XRegExp`)."""
    return any(child.children for candidate in candidates for child in candidate.children)


def _entries_not_groups(
    candidates: Sequence[_Candidate], warnings: list[tuple[int, str]]
) -> list[_Candidate]:
    """A list whose resources carry resources of their own nested under them (a family tree:
    `- Go regexp [[src](…)]` over `  - binaryregexp [[src](…)]: fork of …`): a plain bullet
    over nested bullets among them is one more member without a link (`- ECMAScript RegExp`
    over `  - JavaScript RegExp` over `    - XRegExp [[src](…)]`), its nested ones after it,
    at every depth, not a subsection; each with a warning naming its line."""
    result: list[_Candidate] = []
    for candidate in candidates:
        if candidate.group:
            warnings.append(
                (
                    candidate.line,
                    f"bullet {candidate.title!r} over nested bullets, in a list whose resources "
                    "have resources nested under them: one more of them, without a link, not "
                    "a subsection",
                )
            )
            candidate = replace(candidate, group=False)
        if candidate.children:
            candidate = replace(
                candidate, children=tuple(_entries_not_groups(candidate.children, warnings))
            )
        result.append(candidate)
    return result


def _links_after_names(items: Sequence[_ListItem]) -> bool:
    """Whether every item of a list (two or more) is a short name, no sentence, with a link
    after its first words (`Code Search [src](…)`), none into this document."""
    if len(items) < 2:
        return False
    for item in items:
        line = item.markdown.split("\n", 1)[0]
        words = _LINK_TARGET.sub("]", line)
        if (
            not _has_link_destination(line)
            or "](#" in line
            or line.lstrip().startswith(("[", "<", "!"))
            or len(words) > 80
            or _is_sentence(words)
        ):
            return False
    return True


_LINK_TARGET = re.compile(r"\]\([^()\s]*(?:\([^()\s]*\))?[^()\s]*\)")


def _one_account(items: list[_ListItem]) -> str:
    """The account's name when every item of a list (two or more) is one network's name, then
    a link to the profile of the same account on that network (`Twitter: [@Acme](https://
    twitter.com/Acme)`, `Facebook: [Acme](https://facebook.com/Acme)`); "" for any other list.
    A list of people or channels to follow names each one; this names only the networks."""
    if len(items) < 2:
        return ""
    handles: set[str] = set()
    networks: set[str] = set()
    for item in items:
        candidate = item.candidate
        if candidate is None or not candidate.url or candidate.children:
            return ""
        network = _single_line(item.markdown).split("[", 1)[0]
        handle = _account_on(network, candidate.url)
        if not handle or urlsplit(candidate.url).path.strip("/").count("/"):
            return ""
        handles.add(handle.lstrip("@").casefold())
        networks.add(re.sub(r"[^\w]+", "", network).casefold())
    return next(iter(handles)) if len(handles) == 1 and len(networks) == len(items) else ""


# A remark's label opening a bullet: the author's tip or note to the reader, its links examples
# or asides ("Tip: search for a filename on GitHub, e.g. [in:path .gitconfig](…)", "Note: the
# [old site](…) is gone").
_REMARK_LEAD = re.compile(
    r"\W*((?:pro\s?)?tip|hint|note|nb|n\.\s?b\.|p\.\s?s\.|remark|提示|注意|注|팁|참고)\s*[:\uff1a]",
    re.IGNORECASE,
)


def _odd_bullet(item: _ListItem) -> str:
    """A warning's words for a bullet of a list of resources that is none: its first words
    quoted, and what it reads as."""
    text = _single_line(item.markdown)
    if item.candidate is None and text.startswith("<"):
        # `- <details><summary>More detail</summary> …`: the words it shows, not its tags.
        return f"bullet of raw HTML {_shortened(_HTML_TAG.sub(' ', text))!r}, not a resource"
    if item.lead_in == "pointer":
        return (
            f"bullet {_shortened(text)!r} (a one-word lead-in and its link) says more of the "
            "resource above, not a resource of its own"
        )
    reference = _UNDEFINED_REFERENCE.match(text)
    if reference is not None and (item.candidate is None or not item.candidate.url):
        # `- [Beta][beta] - …` with no `[beta]: URL` in the document: GitHub shows the
        # brackets as text, so a reader sees no link either; the warning says why.
        label = reference.group(2) or reference.group(1)
        return (
            f"bullet {_shortened(text)!r}: its link reference [{label}] has no definition "
            "(shown as text), not a resource"
        )
    return f"bullet {_shortened(text)!r} reads as a note, not a resource"


# An item that starts with a full or collapsed reference link left unread (`[Beta][beta]`,
# `[Beta][]`): its label has no definition in the document.
_UNDEFINED_REFERENCE = re.compile(r"^\[((?:[^\[\]\\]|\\.)+)\]\[((?:[^\[\]\\]|\\.)*)\]")


def _kind_led_parts(items: list[_ListItem], start: int, end: int) -> tuple[_Block, ...]:
    """A list read as text cut in the blocks it is made of: each item whose lead-in names a
    kind of resource (`- [ ] **Video Resource**: [Title](…)` among the tasks of a day) a
    resource, the items between them text (`_resolve_lists` puts them in the list's place)."""
    parts: list[_Block] = []
    for position, item in enumerate(items):
        first = start if position == 0 else item.line
        last = items[position + 1].line if position + 1 < len(items) else end
        if item.kind_lead and item.candidate is not None:
            parts.append(
                _Block(
                    kind="resources",
                    start=first,
                    end=last,
                    resources=_spread(item.candidate),
                    warnings=(
                        *item.warnings,
                        (
                            item.line,
                            f"{item.candidate.title!r} read as a resource: its lead-in names "
                            "what kind it is (the items around it are words)",
                        ),
                    ),
                )
            )
        elif parts and parts[-1].kind == "text":
            parts[-1] = replace(parts[-1], end=last)
        else:
            parts.append(_Block(kind="text", start=first, end=last))
    return tuple(parts)


# A list item's marker at the start of a line.
_NESTED_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]")
# More words than a topic's name has: among link bullets, a plain bullet this long is a note.
_NOTE_WORDS = 6


# A placeholder's text: a word that says an entry is to come (`PLACEHOLDER_TEXT`), or an ellipsis.
_ELLIPSIS = re.compile(r"\s*(?:\.{2,}|\u2026+)\s*")
# A bullet's whole text an aside in parentheses (`- (add yours here.)`): the editor's note where
# entries go, no entry's name.
_ASIDE = re.compile(r"[(\uff08][^()\uff08\uff09]*[^\W_][^()\uff08\uff09]*[)\uff09]")


def _placeholder_item(item: _ListItem) -> bool:
    """A plain bullet that holds a place for entries to come (`- TODO`, `- ...`, `- TBD`, an
    aside in parentheses: `- (add yours here.)`): no link, nothing nested, no words but the
    placeholder's."""
    candidate = item.candidate
    if candidate is None or candidate.url or candidate.children or candidate.description:
        return False
    title = candidate.title.strip()
    return bool(
        PLACEHOLDER_TEXT.match(title) or _ELLIPSIS.fullmatch(title) or _ASIDE.fullmatch(title)
    )


def _announcing(title: str) -> bool:
    """A plain bullet's text that announces what follows it ("Implement:", "Swap values:")."""
    return title.rstrip().endswith((":", "\uff1a"))


def _linkless_task(item: _ListItem) -> bool:
    """A task-box bullet that links nowhere and nests nothing (`- [ ] tacotron`)."""
    candidate = item.candidate
    return (
        candidate is not None
        and not candidate.url
        and not candidate.children
        and _TASK_BOX.match(item.markdown) is not None
        and _is_bare(candidate)
    )


def _is_note(item: _ListItem, *, linked: bool, tasks: int = 0) -> bool:
    """A plain bullet (no link, no nested resources) that is no resource of its list: one
    that announces what is nested under it ("Implement a max-heap:" over its steps), or, in
    a list of link bullets, one longer than a topic's name ("visualized as a tree, but is
    usually linear in storage"), or the one task of a list of linked tasks that links
    nowhere (``tasks``: how many of its list's items are such tasks): a note."""
    candidate = item.candidate
    if candidate is None or candidate.url or candidate.children:
        return False
    if _is_bare(candidate):
        if linked and tasks == 1 and _TASK_BOX.match(item.markdown):
            # `- [ ] tacotron` among a study plan's `- [x] **ResNet** … [[paper](…)]`: the one
            # task whose reading the plan has not found yet (it links nowhere), no resource.
            # Several such tasks are the list's own shape, a checklist of topics beside its
            # links (`- [ ] Arrays`, `- [ ] Linked lists`): resources without a URL, never
            # notes in the description of the linked task above them.
            return True
        # Long alone is no note: a book's title with its authors is long too. A note goes on
        # from the prose around it (it starts in lower case) or reads as a sentence.
        title = candidate.title.lstrip()
        return (
            linked
            and len(title.split()) > _NOTE_WORDS
            and (title[:1].islower() or _is_sentence(title))
        )
    # What it announces (its nested plain bullets, now its description) makes it no less a
    # note; a title ending in a colon over a quote or a metadata line is a resource's.
    below = item.markdown.partition("\n")[2].lstrip()
    return (
        _announcing(candidate.title)
        and _is_bare(replace(candidate, description=""))
        and _NESTED_ITEM.match(below) is not None
    )


def _with_description(candidate: _Candidate, markdown: str) -> _Candidate:
    """The candidate with ``markdown`` added to its description, as a bullet of its own."""
    bullet = "- " + markdown.replace("\n", "\n  ")
    before = candidate.description.rstrip()
    joint = "\n" if before.rsplit("\n", 1)[-1].lstrip().startswith("- ") else "\n\n"
    description = f"{before}{joint}{bullet}" if before else bullet
    return replace(candidate, description=_markdown_field(description))


@recent_cache(limit=65536)
def _digest_at(text: str, offset: int, header: str, definitions: Definitions) -> tuple[_Block, ...]:
    """`_digest` with line numbers moved down by ``offset`` (cached: an edit moves only the
    pieces after it, and only when it adds or removes lines). A table row is read under its
    table's ``header`` lines, which are then left out of the block's range. ``definitions``:
    the link reference definitions the pieces around it may use."""
    if not header:
        used = _used_definitions(text, definitions) if definitions.entries else definitions
        return tuple(_shift(block, offset) for block in _digest(text, used))
    above = header.count("\n") + 1
    parsed = f"{header}\n{text}"
    used = _used_definitions(parsed, definitions) if definitions.entries else definitions
    return tuple(
        _copied(block, start=max(block.start, offset))
        for block in (_shift(block, offset - above) for block in _digest(parsed, used))
    )


def _shift(block: _Block, offset: int) -> _Block:
    if not offset:
        return block
    return _copied(
        block,
        start=block.start + offset,
        end=block.end + offset,
        resources=tuple(_shift_candidate(candidate, offset) for candidate in block.resources),
        warnings=tuple((line + offset, message) for line, message in block.warnings),
        reading_warnings=tuple(
            (line + offset, message) for line, message in block.reading_warnings
        ),
        items=tuple(
            _copied(
                item,
                line=item.line + offset,
                candidate=None
                if item.candidate is None
                else _shift_candidate(item.candidate, offset),
                # The other readings it may be taken as, at the same lines.
                name_link=None
                if item.name_link is None
                else _shift_candidate(item.name_link, offset),
                set_link=None if item.set_link is None else _shift_candidate(item.set_link, offset),
                warnings=tuple((line + offset, message) for line, message in item.warnings),
                written=None if item.written is None else _shift_candidate(item.written, offset),
                unmarked=None if item.unmarked is None else _shift_candidate(item.unmarked, offset),
                uncredited=None
                if item.uncredited is None
                else _shift_candidate(item.uncredited, offset),
                written_warnings=tuple(
                    (line + offset, message) for line, message in item.written_warnings
                ),
            )
            for item in block.items
        ),
        # A card's paragraph as it reads alone (`_Block.lone`) is at the same lines.
        lone=None if block.lone is None else _shift(block.lone, offset),
        written=None if block.written is None else _shift(block.written, offset),
        parts=tuple(_shift(part, offset) for part in block.parts),
        bold_entry=None if block.bold_entry is None else _shift_candidate(block.bold_entry, offset),
    )


def _shift_candidate(candidate: _Candidate, offset: int) -> _Candidate:
    return _copied(
        candidate,
        line=candidate.line + offset,
        children=tuple(_shift_candidate(child, offset) for child in candidate.children),
        siblings=tuple(_shift_candidate(other, offset) for other in candidate.siblings)
        if candidate.siblings
        else (),
        stacked=tuple(_shift_candidate(other, offset) for other in candidate.stacked)
        if candidate.stacked
        else (),
        linked=None if candidate.linked is None else _shift_candidate(candidate.linked, offset),
        regrouped=None
        if candidate.regrouped is None
        else _shift_candidate(candidate.regrouped, offset),
    )


_Digested = TypeVar("_Digested", _Block, _ListItem, _Candidate)
_FIELDS = {
    cls: (cls.__slots__, operator.attrgetter(*cls.__slots__))
    for cls in (_Block, _ListItem, _Candidate)
}
_set_field = object.__setattr__
# Runs an iterator to its end, keeping nothing (a loop in C).
_exhaust: Callable[[Iterable[object]], None] = deque[object](maxlen=0).extend


def _copied(value: _Digested, **changes: Any) -> _Digested:
    """What ``dataclasses.replace(value, **changes)`` makes, made faster: these classes are
    frozen and slotted, with every field in ``__init__`` and no ``__post_init__``, so a copy
    of every field with ``changes`` set over it is the same object ``replace`` would build
    through ``__init__``. Moving the pieces below an edit that adds lines (their line
    numbers) copies thousands of them per version of a history, and ``replace`` was most of
    that. The fields are set by `map` (a loop in C: a `_Block` has 44 of them)."""
    cls = type(value)
    names, values = _FIELDS[cls]
    copy = object.__new__(cls)
    _exhaust(map(_set_field, itertools.repeat(copy), names, values(value)))
    for name, field_value in changes.items():
        _set_field(copy, name, field_value)
    return copy


def _text(lines: list[str], body: list[_Block], kinds: tuple[str, ...]) -> str:
    """The markdown of the blocks of ``kinds`` in ``body``: contiguous ones as written, others
    joined by a blank line."""
    pieces: list[tuple[int, int] | str] = []
    previous_kept = False
    for block in body:
        if block.kind in kinds and block.text_markdown:
            pieces.append(block.text_markdown)
            previous_kept = False
        elif block.kind in kinds:
            last = pieces[-1] if pieces else None
            if previous_kept and isinstance(last, tuple):
                pieces[-1] = (last[0], block.end)
            else:
                pieces.append((block.start, block.end))
            previous_kept = True
        else:
            previous_kept = False
    parts = [
        piece if isinstance(piece, str) else "\n".join(lines[piece[0] : piece[1]]).strip("\n")
        for piece in pieces
    ]
    return _markdown_field("\n\n".join(part for part in parts if part.strip()))


def _closing(tokens: Sequence[Token], index: int) -> int:
    """Index of the token that closes the one at ``index`` (itself when it is not an opener)."""
    if tokens[index].nesting != 1:
        return index
    depth = 0
    for position in range(index, len(tokens)):
        depth += tokens[position].nesting
        if depth == 0:
            return position
    return len(tokens) - 1


def _children(tokens: Sequence[Token], start: int, end: int) -> Iterable[tuple[int, int]]:
    """(open, close) index pairs of the direct children between ``start`` and ``end``."""
    index = start + 1
    while index < end:
        close = _closing(tokens, index)
        yield index, close
        index = close + 1


def _paragraph(inline: Sequence[Token], links: list[str], start: int, stop: int) -> _Block:
    """A paragraph that is no badge row, numbered entry or card: a paper (one resource) or
    text, with what a heading above it reads from it (its link line, its first link)."""
    said: list[tuple[int, str]] = []
    paper = _paper_paragraph(inline, start, said) if links else None
    if paper is not None:
        # A reading list written one paragraph per paper: each paragraph a resource.
        return _Block(
            kind="resources", start=start, end=stop, resources=(paper,), warnings=tuple(said)
        )
    row = len(links) >= 3 and _is_link_row(inline)
    link_line, link_line_title, link_line_alone = _link_line(inline)
    link_line_labelled = bool(link_line) and _leading_link(inline) is None
    if row and _is_navigation(inline):
        # A row of links (this README in other languages, a nav bar): no primary link.
        return _Block(kind="text", start=start, end=stop, link_row=True)
    return _Block(
        kind="text",
        start=start,
        end=stop,
        first_link=links[0] if links else "",
        link_line=link_line,
        link_line_title=link_line_title,
        link_line_alone=link_line_alone,
        link_line_labelled=link_line_labelled,
        label="" if links else _emphasis_label(inline),
        label_tail="" if links else _label_tail(inline),
        entry_title="" if links else _bold_title(inline),
        # Other rows (`[Lectures](…) | [Notes](…) | [Assignments](…)`) are a course's
        # links, unless directly under the document's title (`_units`).
        plain_row=row,
    )


def _paragraph_block(inline: Sequence[Token], start: int, stop: int, lines: list[str]) -> _Block:
    """A paragraph's block: badges, a numbered entry, cards (their links as written: see
    `_checked_cards`), a paper, or text (`_paragraph`)."""
    buttons = _linked_buttons(inline, start)
    if buttons:
        # Buttons one a line, each a badge drawing a thing's name and linked to it (a team's
        # other courses): one resource each, as courses one named link a line are.
        return _Block(kind="resources", start=start, end=stop, resources=buttons, link_lines=True)
    if _is_badges(inline):
        logo = not any(
            _is_badge(token.attrGet("src")) for token in inline if token.type == "image"
        ) and not any(token.type == "html_inline" for token in inline)
        return _Block(kind="skip", start=start, end=stop, logo=logo)
    # A bold number starts a line: cheaper to see in the lines than in the tokens.
    entry = (
        _bold_numbered_line(inline, start)
        if any(line.lstrip().startswith(("**", "__")) for line in lines[start:stop])
        else None
    )
    if entry is not None:
        at, candidate = entry
        found = _Block(kind="text", start=start + at, end=stop, bold_entry=candidate)
        if not at:
            return found
        # The lines above it end the entry before (`中文词向量大全` then `**29\\. …**`
        # with no blank line between): text, of that entry.
        note = _Block(kind="text", start=start, end=start + at)
        return _Block(kind="text", start=start, end=stop, parts=(note, found))
    numbered = _numbered_paragraph(inline, start)
    if numbered is not None:
        return _Block(kind="resources", start=start, end=stop, resources=(numbered,), numbered=True)
    links = _links(inline)
    card = _card_paragraph(inline, start) if links else None
    said = _said_cards(inline, start) if links and card is None else ()
    if len(said) > 1:
        # Cards on one line, set apart by a middle dot or a bar (`**[Kiln](…)** — a
        # build tool · **[Forge](…)** — a deploy tool`): one resource each (several: no
        # course's link line, `_Block.lone`).
        return _Block(
            kind="resources",
            start=start,
            end=stop,
            resources=said,
            link_card=True,
        )
    card = card or next(iter(said), None)
    named_card = _name_over_link_card(inline, start) if links and card is None else None
    if named_card is not None:
        # A list written as paragraphs without bullets, a bold name over its link: one
        # resource each. One alone under its heading is that section's one resource (its
        # name is its own, not a link line's label such as a course's "Link").
        return _Block(kind="resources", start=start, end=stop, resources=(named_card,))
    link_card = (
        _link_card(inline, start) or _labelled_card(inline, start)
        if links and card is None
        else None
    )
    card = card or link_card
    entries = _link_line_entries(inline, start) if links and card is None else ()
    if len(entries) > 1:
        # Several link lines in one paragraph, each over lines about it (`[Deep NLP](…)`,
        # `+lecture slides …`, `[CS 224D](…)`, `Class by …`): one resource each.
        return _Block(kind="resources", start=start, end=stop, resources=entries, link_lines=True)
    lead, listed = _link_lines_only(inline, start) if links and not entries else (0, ())
    if listed:
        # Courses one named link a line (`[Differentiation](…)`, `[Integration](…)`), a
        # list without bullets: one resource each; the lines over them a note, text.
        found = _Block(
            kind="resources",
            start=start + lead,
            end=stop,
            resources=listed,
            link_lines=True,
        )
        if not lead:
            return found
        note = _Block(kind="text", start=start, end=start + lead)
        return _Block(kind="text", start=start, end=stop, parts=(note, found))
    if entries:
        # One link line over lines about it: a card where its heading holds several (a
        # list written as paragraphs), else that heading's link line (`_Block.lone`).
        return _Block(
            kind="resources",
            start=start,
            end=stop,
            resources=entries,
            lone=_paragraph(inline, links, start, stop),
        )
    listed_said, message = (
        _listed_links_said(inline, start) if card is None and len(links) > 1 else ((), "")
    )
    if listed_said:
        # A link bullet without its bullet naming several links, then what it says of them
        # all (`[Drive A](…) | [B](…) - lecture notes`): one resource each (several: no
        # course's link line, `_Block.lone`).
        return _Block(
            kind="resources",
            start=start,
            end=stop,
            resources=listed_said,
            link_card=True,
            warnings=((start, message),),
        )
    # Named links to choose from (`[A](…) or [B](…)`): among a topic's link paragraphs one
    # resource each, as link cards are (`_quotes_under_cards`), else the paragraph.
    cards = (
        (card,) if card is not None else _link_alternatives(inline, start) if len(links) > 1 else ()
    )
    if cards:
        # A list written as paragraphs, one card each (a bold linked name, then lines);
        # a heading's only card is its link line (`_Block.lone`).
        return _Block(
            kind="resources",
            start=start,
            end=stop,
            resources=cards,
            lone=_paragraph(inline, links, start, stop),
            link_card=link_card is not None or len(cards) > 1,
        )
    return _paragraph(inline, links, start, stop)


def _block(tokens: Sequence[Token], index: int, end: int, lines: list[str]) -> _Block:
    token = tokens[index]
    start, stop = token.map or (0, 0)
    kind = token.type
    if kind == "heading_open":
        return _heading(token, tokens[index + 1], start, stop)
    if kind == "paragraph_open":
        return _checked_cards(
            _paragraph_block(tokens[index + 1].children or [], start, stop, lines)
        )
    if kind in ("bullet_list_open", "ordered_list_open"):
        items = tuple(
            _list_item(_item(tokens, open_, close, lines), tokens[open_], lines)
            for open_, close in _children(tokens, index, end)
        )
        return _Block(
            kind="list", start=start, end=stop, marker=f"{kind}{token.markup}", items=items
        )
    if kind == "table_open":
        candidates, warnings, header, facts, marks = _table(tokens, index, end)
        return _Block(
            kind="resources",
            start=start,
            end=stop,
            resources=candidates,
            warnings=warnings,
            table=header,
            facts=facts,
            marks=marks,
        )
    if kind == "blockquote_open":
        links = [
            link
            for position in range(index, end)
            if tokens[position].type == "inline"
            for link in _links(tokens[position].children or [])
        ]
        return _Block(
            kind="text", start=start, end=stop, first_link=links[0] if links else "", quoted=True
        )
    if kind == "html_block":
        address = _html_fact_address(token.content)
        if address is not None:
            label, url, fact_text = address
            return _Block(
                kind="text",
                start=start,
                end=stop,
                first_link=url,
                link_line=url,
                link_line_title=label,
                link_line_alone=True,
                link_line_labelled=True,
                text_markdown=fact_text,
                warnings=(
                    (
                        start,
                        f"HTML table of facts: its {label!r} row, {url}, read as the link of the "
                        "heading above it, the facts as text",
                    ),
                ),
            )
        resources, warnings = _html_link_lines(token.content, start)
        if not resources and _HTML_STRUCTURE.search(token.content):
            resources, warnings = _html_table_or_list(token.content, start)
        # A `<details>` in a comment (`<!-- … -->`) folds nothing away.
        content = _HTML_COMMENT.sub("", token.content) if "<!--" in token.content else token.content
        opened = len(_DETAILS_OPEN.findall(content))
        details = opened - len(_DETAILS_CLOSE.findall(content))
        first_open = _DETAILS_OPEN.search(content) if opened and details < opened else None
        closed = len(_DETAILS_CLOSE.findall(content, 0, first_open.start())) if first_open else 0
        summary = _SUMMARY.search(content) if opened else None
        title = _html_words(summary.group(1)) if summary else ""
        title_line = _html_title(content) if "<h" in content or "<H" in content else ""
        if resources:
            return _Block(
                kind="resources",
                start=start,
                end=stop,
                resources=resources,
                warnings=warnings,
                details=details,
                raw_html=True,
            )
        return _Block(
            kind="skip",
            start=start,
            end=stop,
            details=details,
            details_closed=closed,
            title=title,
            title_line=title_line,
            logo=_is_logo_html(content),
        )
    if kind == "hr":
        return _Block(kind="skip", start=start, end=stop)
    return _Block(kind="text", start=start, end=stop)  # code, fences: kept as markdown


# A word left hanging after a label, for the list under it to finish (`**Cheatsheets** by`,
# `**Talks** from:`).
_LABEL_TAIL = re.compile(r"\s+(by|from|for|on|about|with|in)\s*:?\s*", re.IGNORECASE)


def _label_tail(inline: Sequence[Token]) -> str:
    """The word a paragraph leaves hanging after a short emphasized label (`_LABEL_TAIL`:
    `**Cheatsheets** by`), or "" (a label alone, or any other paragraph)."""
    if len(inline) < 2 or inline[-1].type != "text":
        return ""
    match = _LABEL_TAIL.fullmatch(inline[-1].content)
    if match is None or not _emphasis_label(inline[:-1]):
        return ""
    return match.group(1)


def _emphasis_label(inline: Sequence[Token]) -> str:
    """The words of a paragraph that is one short emphasized phrase and nothing else
    (`_Business Intelligence_`, `**Editors:**`), or a word left hanging after it for the list
    under it to finish (`**Cheatsheets** by`: `_label_tail`); "" for any other paragraph."""
    if _label_tail(inline):
        inline = inline[:-1]
    inline = [token for token in inline if token.type != "text" or token.content]
    if len(inline) < 3 or inline[0].type not in ("em_open", "strong_open"):
        return ""
    kind = inline[0].type[: -len("_open")]
    depth = 0
    for position, token in enumerate(inline):
        if token.type in ("softbreak", "hardbreak", "link_open", "image", "html_inline"):
            return ""
        depth += (token.type == f"{kind}_open") - (token.type == f"{kind}_close")
        if depth == 0 and position < len(inline) - 1:
            return ""  # the emphasis ends before the paragraph does: a sentence goes on
    words = _plain(inline).rstrip(":").strip()
    short = 0 < len(words.split()) <= 8 and len(words) <= 60
    return words if short and not words.endswith(("!", "?")) else ""


def _bold_title(inline: Sequence[Token]) -> str:
    """The words of a paragraph that is one bold span and nothing else, of 1 to 25 words on
    one line (`**Lecture 1: The spelled-out intro to neural networks**`), or ""."""
    inline = [token for token in inline if token.type != "text" or token.content.strip()]
    if len(inline) < 3 or inline[0].type != "strong_open" or inline[-1].type != "strong_close":
        return ""
    inside = inline[1:-1]
    if any(
        token.type in ("strong_open", "strong_close", "softbreak", "hardbreak", "link_open")
        or token.type in ("image", "html_inline")
        for token in inside
    ):
        return ""
    words = _plain(inside).strip()
    return words if 0 < len(words.split()) <= 25 else ""


def _bold_entries(
    body: list[_Block],
    candidates: tuple[_Candidate, ...],
    lines: list[str],
    warnings: list[tuple[int, str]] | None = None,
) -> tuple[list[_Block], tuple[_Candidate, ...]]:
    """Entries written as a bold title paragraph, maybe paragraphs saying what it is, then a
    list of links whose first names the entry's material (`**Lecture 1: …**`, a paragraph,
    `- [YouTube video lecture](…)`, `- [Notebook](…)`, `- [micrograd repo](…)`): one resource
    each, titled by the bold text, at that first link, the paragraphs and the list its
    description. Any other bold paragraph stays text. A paper written so over the bullets of
    its pages (`- Paper: https://…`, `- Code: None`) is one resource at the page labelled as
    it; one warning (into ``warnings``) says how many were read so."""
    entries: dict[int, _Candidate] = {}  # the list block's index: the entry it makes
    papers: list[int] = []  # the lines of the papers read over their pages' bullets
    taken: set[int] = set()  # the blocks an entry takes from the intro
    lines_of = [candidate.line for candidate in candidates]
    if lines_of != sorted(lines_of):
        return body, candidates
    for index, block in enumerate(body):
        if block.kind != "text" or not block.entry_title:
            continue
        end = index + 1
        while (
            end < len(body)
            and body[end].kind == "text"
            and not body[end].entry_title
            and not body[end].label
            and not body[end].link_row
            and not body[end].link_line
        ):
            end += 1
        if end >= len(body) or body[end].kind != "resources":
            continue
        links = body[end]
        # Candidates come in the order of their lines: the list's are one slice of them.
        inside = list(
            candidates[
                bisect.bisect_left(lines_of, links.start) : bisect.bisect_left(lines_of, links.end)
            ]
        )
        if (
            len(inside) > 1
            and not _names_pages(block.entry_title)
            and all(map(_is_paper_page, inside))
            and any(_names_the_paper(other) or not other.url for other in inside)
        ):
            # A paper's pages, each a label and its address or 'None' (`- Paper: https://…`,
            # `- Code: None`, `- Homepage: …`), one labelled as the paper or said missing (a
            # lecture's `[YouTube video lecture](…)` and notebooks are read below): the paper
            # at the one labelled as it, else at its first address, without one where every
            # label says 'None'.
            lead = next((other for other in inside if _names_the_paper(other)), None)
            lead = lead or next((other for other in inside if other.url), inside[0])
            papers.append(block.start)
        else:
            # Its first link names material (`[YouTube video lecture](…). For all other links
            # see the video description.`: what follows it says no more than where to look).
            lead = inside[0] if inside else None
            if lead is None or not lead.url or lead.children or not _names_material(lead.title):
                continue
            if end == index + 1 and not all(_names_material(other.title) for other in inside[1:]):
                # Straight over its list, a bold line names a group of resources
                # (`**Videos**` over `- [YouTube playlist](…)`, `- [Khan Academy](…)`:
                # `_label_groups`); an entry says what it is first, or has links that only
                # name its material.
                continue
            if any(other.description or other.children for other in inside[1:]):
                # Links that say what they are (`- [Khan Academy](…) - every topic.`) are
                # resources of their own under a label and its words, not one entry's
                # material (`- [Jupyter notebook files](…)`, `- [makemore Github repo](…)`).
                continue
        description = "\n\n".join(
            "\n".join(lines[part.start : part.end]).strip("\n")
            for part in body[index + 1 : end + 1]
        )
        entries[end] = _Candidate(
            title=block.entry_title,
            line=block.start,
            url=lead.url,
            description=_markdown_field(description),
        )
        taken.update(range(index, end + 1))
    if not entries:
        return body, candidates
    if papers and warnings is not None:
        warnings.append(
            (
                papers[0],
                f"{len(papers)} paper{'' if len(papers) == 1 else 's'} written as a bold title "
                "over the bullets of its pages ('Paper: …', 'Code: …'): each one resource, at "
                "the page labelled as the paper (else its first), the bullets its description",
            )
        )
    kept: list[_Candidate] = []
    # Each candidate against the entries' lists in line order, one pass (not every entry for
    # every candidate: a page of 1,500 lectures took 4 s, 10x the page 20x the time).
    ranges = sorted((body[position].start, body[position].end, position) for position in entries)
    made: set[int] = set()
    at = 0
    for candidate in candidates:
        while at < len(ranges) and ranges[at][1] <= candidate.line:
            at += 1
        if at == len(ranges) or candidate.line < ranges[at][0]:
            kept.append(candidate)
        elif ranges[at][2] not in made:
            made.add(ranges[at][2])
            kept.append(entries[ranges[at][2]])
    return [block for position, block in enumerate(body) if position not in taken], tuple(kept)


# The words that label a paper's pages in a paper list (`- Paper(Oral): https://…`,
# `- Demo Video: …`, `- Dataset: …`), besides a course's material words (`MATERIAL_WORDS`).
_PAPER_PAGE_WORDS = frozenset(
    {"paper", "papers", "oral", "spotlight", "poster", "pdf", "arxiv", "demo", "dataset",
     "datasets", "project", "supplementary", "supp", "talk", "blog", "bibtex"}
)  # fmt: skip
# A page said to be missing: `Code: None`, `Paper: N/A`, `Code: TBD`, `Code: -`.
_NO_PAGE = re.compile(
    r"(?P<label>[^:\uff1a]{1,30})[:\uff1a]\s*(?:none|n/?a|tbd|todo|coming soon|-|\u2014)\.?",
    re.IGNORECASE,
)


def _is_paper_page(candidate: _Candidate) -> bool:
    """A bullet that gives one page of a paper listed above it: a label naming the page and
    its address (`- Code: https://…`, read as a link titled 'Code'), an address alone
    (`- https://…`), or a label saying there is none (`- Code: None`); nothing under it, no
    words about it."""
    if candidate.children or candidate.description:
        return False
    if not candidate.url:
        label = _NO_PAGE.fullmatch(candidate.title.strip())
        return label is not None and _labels_a_paper_page(label["label"])
    return candidate.title == candidate.url or _labels_a_paper_page(candidate.title)


def _labels_a_paper_page(label: str) -> bool:
    """Whether a label is only words naming a paper's page (`Paper(Oral)`, `Demo Video`)."""
    words = re.sub(r"[^\w\s]+", " ", label.casefold()).split()
    return bool(words) and all(
        word in MATERIAL_WORDS or word in _PAPER_PAGE_WORDS for word in words
    )


def _names_pages(title: str) -> bool:
    """Whether a bold line's words only name the kind of what follows it (`**Links**`,
    `**Resources:**`, `**Code & Materials**`, `**Papers**`): a label over its bullets, as a
    heading would be, not a paper's title over its pages (`_bold_entries`)."""
    words = re.sub(r"[^\w\s]+", " ", title.casefold()).split()
    known = _KIND_LEAD_WORDS | MATERIAL_WORDS | _PAPER_PAGE_WORDS
    return bool(words) and all(word in known or word.removesuffix("s") in known for word in words)


def _names_the_paper(candidate: _Candidate) -> bool:
    """A paper's page labelled as the paper itself (`Paper`, `Paper(Oral)`, `PDF`, `arXiv`)."""
    words = re.sub(r"[^\w\s]+", " ", candidate.title.casefold()).split()
    return bool(candidate.url) and bool(words) and words[0] in ("paper", "pdf", "arxiv")


def _shortened(text: str, words: int = 8) -> str:
    """The first ``words`` words of a text, `…` for the rest: what a warning quotes of it."""
    split = text.split()
    return " ".join(split[:words]) + (" …" if len(split) > words else "")


# The bold words that number an entry: `1. `, `10.  `, `3、`, then its name.
_BOLD_NUMBER = re.compile(r"\s*\d{1,4}\s*[.\uff0e\u3001]\s*(?=\S)")


def _bold_numbered_line(inline: Sequence[Token], start: int) -> tuple[int, _Candidate] | None:
    """(the line within the paragraph, the entry) for a paragraph with a line that starts
    with a bold number and name (`**1\\. textfilter: 敏感词过滤**  [observerss/textfilter](…)`,
    `**7\\. 抽取email的正则表达式**`): titled by the bold words without the number (and a
    colon ending them), at the first link after them on that line ("" when it has none), the
    words between them its description. None for any other paragraph; cheap when no line
    starts in bold."""
    line = 0
    at_start = True  # nothing but empty text since the line began
    for index, token in enumerate(inline):
        if token.type in ("softbreak", "hardbreak"):
            line += 1
            at_start = True
            continue
        if token.type == "text" and not token.content.strip():
            continue
        if token.type != "strong_open" or not at_start:
            at_start = False
            continue
        at_start = False
        close = next(
            (at for at in range(index + 1, len(inline)) if inline[at].type == "strong_close"), None
        )
        if close is None:
            return None
        number = _BOLD_NUMBER.match(_plain(inline[index + 1 : close]))
        if number is None:
            continue
        title = _plain(inline[index + 1 : close])[number.end() :].strip().rstrip(":\uff1a").strip()
        stop = next(
            (
                at
                for at in range(close + 1, len(inline))
                if inline[at].type in ("softbreak", "hardbreak")
            ),
            len(inline),
        )
        rest = inline[close + 1 : stop]
        link = next(((a, b) for a, b in _link_spans(rest) if _is_real_link(rest, a, b)), None)
        warnings: list[tuple[int, str]] = []
        url = (
            _checked_url(str(rest[link[0]].attrGet("href") or ""), start + line, warnings)
            if link is not None
            else ""
        )
        words = rest if link is None else [*rest[: link[0]], *rest[link[1] + 1 :]]
        about = _inline_markdown(words).strip().strip(":\uff1a").strip()
        if not title:
            return None
        return line, _Candidate(title=title, line=start + line, url=url, description=about)
    return None


def _numbered_bold_entries(blocks: list[_Block], lines: list[str]) -> list[_Block]:
    """Blocks with each paragraph numbered in bold (`_Block.bold_entry`) and the blocks under
    it, up to the next such paragraph or heading (its code, quotes, notes and links), read
    as one resource: where two or more are written so under one heading, most with a link on
    their line (numbered steps of instructions link nowhere). The entry's URL is its line's
    link, else the first link under it; what is under it is its description. Warned once a
    heading, at the first."""
    if not any(block.bold_entry is not None for block in blocks):
        return blocks
    # Counted under each heading: a history reads a changed heading's body alone (`_groups`),
    # and the document read whole must read as its pieces do.
    starts = [0, *(at for at, block in enumerate(blocks) if block.kind == "heading"), len(blocks)]
    return [
        block
        for start, end in itertools.pairwise(starts)
        for block in _numbered_bold_run(blocks[start:end], lines)
    ]


def _numbered_bold_run(blocks: list[_Block], lines: list[str]) -> list[_Block]:
    # `_numbered_bold_entries` for the blocks of one heading (the heading first, if any).
    marks = [index for index, block in enumerate(blocks) if block.bold_entry is not None]
    linked = sum(bool(entry.url) for block in blocks if (entry := block.bold_entry) is not None)
    if len(marks) < 2 or 2 * linked <= len(marks):
        return blocks
    result: list[_Block] = []
    index = 0
    first = True
    while index < len(blocks):
        block = blocks[index]
        entry = block.bold_entry
        if entry is None:
            result.append(block)
            index += 1
            continue
        end = index + 1
        while (
            end < len(blocks) and blocks[end].bold_entry is None and blocks[end].kind != "heading"
        ):
            end += 1
        if index == marks[-1] and entry.url:
            # After the last entry, a paragraph with links of its own ("[jieba](…)和[hanlp](…)
            # 就不必说了吧"): the list's closing words, not that entry's (it has its link).
            end = next(
                (
                    at
                    for at in range(index + 1, end)
                    if blocks[at].first_link or blocks[at].kind == "resources"
                ),
                end,
            )
        under = blocks[index + 1 : end]
        url = entry.url or next(
            (
                link
                for part in under
                for link in (
                    part.resources[0].url if part.kind == "resources" and part.resources else "",
                    part.first_link,
                )
                if link
            ),
            "",
        )
        warnings: list[tuple[int, str]] = []
        if url and not entry.url:
            url = _checked_url(url, entry.line, warnings)
        stop = under[-1].end if under else block.end
        about = "\n".join(lines[block.start + 1 : stop]).strip("\n")
        description = _markdown_field(
            "\n\n".join(part for part in (entry.description, about) if part)
        )
        if first:
            warnings.append(
                (
                    block.start,
                    f"{len(marks)} paragraphs numbered in bold read as entries, each with the "
                    "code and notes under it",
                )
            )
            first = False
        result.append(
            _Block(
                kind="resources",
                start=block.start,
                end=stop,
                resources=(replace(entry, url=url, description=description),),
                warnings=tuple(warnings),
            )
        )
        index = end
    return result


# A paragraph numbered with a mark that starts no list in markdown (`1` then U+3001 or
# U+FF0E: CJK enumeration), then its link: an item of a numbered list written as paragraphs.
_PARAGRAPH_NUMBER = re.compile(r"\s*\d{1,4}\s*[\u3001\uff0e]\s*")


def _numbered_paragraph(inline: Sequence[Token], start: int) -> _Candidate | None:
    """The resource of a paragraph `1\u3001[name](url)\uff1a what it is` (HelloGitHub's
    monthly), or None for any other paragraph."""
    if len(inline) < 3 or inline[0].type != "text" or inline[1].type != "link_open":
        return None
    if not _PARAGRAPH_NUMBER.fullmatch(inline[0].content):
        return None
    spans = list(_link_spans(inline))
    link_start, link_end = spans[0]
    href = str(inline[link_start].attrGet("href") or "")
    title = _plain(inline[link_start + 1 : link_end])
    if not title or href.startswith("#"):
        return None
    rest = _inline_markdown(inline[link_end + 1 :]).lstrip()
    if rest[:1] in _DESCRIPTION_SEPARATORS:
        rest = rest[1:].lstrip()
    warnings: list[tuple[int, str]] = []
    url = _checked_url(href, start, warnings)
    return _Candidate(title=title, line=start, url=url, description=rest)


# One resource a line in raw HTML: decoration (spaces, `&nbsp;`, a `:shortcode:` or emoji
# marker), `<a href="URL">Name</a>` (the name may be in `<b>`), then a separator and its
# description and/or a `<br>` ending the line. The decoration's alternatives never match the
# same character (a space or ':' has one reading) and the run is possessive: none of it can be
# a '<', so giving characters back could never let the link match, and a line of spaces,
# colons or signs that is no link line fails in linear time (an overlap was 2^n).
_HTML_LINK_LINE = re.compile(
    r"""^(?:[^\w<&:]|&(?:nbsp|ensp|emsp|#160);|:[a-z0-9_+-]+:|:)*+"""
    r"""<a\s[^>]*?href\s*=\s*["'](?P<href>[^"']+)["'][^>]*>(?P<text>.*?)</a>(?P<rest>.*)$""",
    re.IGNORECASE,
)
_HTML_BREAK = re.compile(r"<br\s*/?>$", re.IGNORECASE)
_HTML_TAG = re.compile(r"<[^>]*>")
_DETAILS_OPEN = re.compile(r"<details\b", re.IGNORECASE)
_DETAILS_CLOSE = re.compile(r"</details\s*>", re.IGNORECASE)
_DETAILS_CLOSE_LEAD = re.compile(r"^\s*</details\s*>\s*", re.IGNORECASE)
_DETAILS_TAG = re.compile(r"<(?:(/)details\s*>|details\b)", re.IGNORECASE)  # "/": a close
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_SUMMARY = re.compile(r"<summary\b[^>]*>(.*?)</summary\s*>", re.IGNORECASE | re.DOTALL)
# An HTML heading GitHub draws larger than text: `<h1>` to `<h3>` (an `<h4>` is text size, a
# tagline under a banner).
_HTML_HEADING = re.compile(r"<h([1-3])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_IMAGE_ALT = re.compile(r"""<img\b[^>]*?\balt\s*=\s*["']([^"']*)["']""", re.IGNORECASE)


def _image_alt(html: str) -> str:
    """The alt text of the first `<img>` in a piece of HTML, on one line, entities read; ""
    when it has none."""
    alt = _IMAGE_ALT.search(html)
    return _single_line(html_unescape(alt[1])) if alt else ""


def _is_logo_html(content: str) -> bool:
    """Whether a raw HTML block is images only, none a badge, no words and no link
    (`<div align=center>` `<img src="…/logo.png" width="120">` `</div>`): a logo."""
    images = _HTML_IMAGE_SOURCE.findall(content)
    return (
        bool(images)
        and not any(_is_badge(src) for src in images)
        and not _HTML_LINK_OPEN.search(content)
        and not html_unescape(_HTML_TAG.sub("", content)).strip()
    )


_HTML_IMAGE_SOURCE = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_HTML_LINK_OPEN = re.compile(r"<a\b", re.IGNORECASE)


def _html_title(content: str) -> str:
    """The words of the first `<h1>` … `<h3>` of a raw HTML block (the alt text of its
    image when it holds only one: a logo), or ""."""
    heading = _HTML_HEADING.search(content)
    if heading is None:
        return ""
    words = _html_words(heading[2])
    if not words:
        words = _image_alt(heading[2])
    return words


_HTML_LINK = re.compile(r"<a\s[^>]*>.*?</a>", re.IGNORECASE)


def _is_html_row(line: str) -> bool:
    """A line of several links and separators only (`<a …>『上一期』</a> | <a …>反馈</a>`): a
    navigation row, no resource with a description."""
    links = _HTML_LINK.findall(line)
    between = _HTML_TAG.sub("", _HTML_LINK.sub("", line))
    return len(links) > 1 and not html_unescape(between).strip(" \t|\u00b7,/-\u2013\u2014")


def _html_link_lines(
    html: str, start: int
) -> tuple[tuple[_Candidate, ...], tuple[tuple[int, str], ...]]:
    """The resources of a raw HTML block written as one link line each
    (`&nbsp;:small_orange_diamond: <a href="…"><b>GNU Bash</b></a> - is a shell.<br>`), or ()
    when it holds none: a header of badges or logos (their link text is an image, or nothing
    follows the link on its line) is no list."""
    candidates: list[_Candidate] = []
    warnings: list[tuple[int, str]] = []
    for number, line in enumerate(html.split("\n")):
        match = _HTML_LINK_LINE.match(line)
        if match is None or _is_html_row(line):
            continue
        rest, broken = _without_break_end(match.group("rest"))
        rest = _html_words(rest)
        separator, description = "", rest
        if rest[:1] in _DESCRIPTION_SEPARATORS:
            separator, description = rest[:1], rest[1:].strip()
        title = _html_words(match.group("text"))
        href = html_unescape(match.group("href"))
        if not title or href.startswith("#") or not (broken or (separator and description)):
            continue
        if not (separator and description) and (meta_heading(title) or _is_call_to_action(title)):
            # As for a bullet: a link alone that asks ('Star this repo') or leads to what is
            # about the list ('Contribute', 'License') is no resource.
            what = "about the list" if meta_heading(title) else "a call to action"
            warnings.append((start + number, f"link {title!r} is {what}: not a resource, skipped"))
            continue
        url = _checked_url(href, start + number, warnings)
        candidates.append(
            _Candidate(title=title, line=start + number, url=url, description=description)
        )
    return tuple(candidates), tuple(warnings)


_HTML_STRUCTURE = re.compile(r"<(?:table|ul|ol)\b", re.IGNORECASE)
_HTML_TABLE = re.compile(r"<table\b.*?(?:</table\s*>|\Z)", re.IGNORECASE | re.DOTALL)
# Where a row starts or ends: each `<tr>` and each `</tr>` (`_html_rows`).
_HTML_ROW_EDGE = re.compile(r"<tr\b[^>]*>|</tr\s*>", re.IGNORECASE)
# A table cell, ended by its closing tag or, left open, by the next cell or its row's end (as
# a browser ends it: `<td><a href="…">Text</a>` then `<td colspan="2">…`).
_HTML_CELL = re.compile(
    r"<(t[dh])\b[^>]*>(.*?)(?:</\1\s*>|(?=<t[dh]\b|</tr\s*>)|\Z)", re.IGNORECASE | re.DOTALL
)
_HTML_ITEM = re.compile(
    r"<li\b[^>]*>(.*?)(?=</li\s*>|<li\b|</[uo]l\s*>|<[uo]l\b|\Z)", re.IGNORECASE | re.DOTALL
)
# Its closing tag may be written without its slash (`<a href="…">Video<a>`): a browser ends
# the link there (an `<a>` never holds another), and GitHub shows "Video" linked.
_HTML_ANCHOR = re.compile(
    r"""<a\s[^>]*?href\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s"'>]+))[^>]*>"""
    r"(?P<text>.*?)</?a\s*>",
    re.IGNORECASE | re.DOTALL,
)


def _anchor_href(link: re.Match[str]) -> str:
    """The destination of an `<a href>` (`_HTML_ANCHOR`), quoted or not, entities read."""
    return html_unescape(link["dq"] or link["sq"] or link["uq"] or "").strip()


_HTML_CODE = re.compile(r"<code\b[^>]*>(.*?)</code\s*>", re.IGNORECASE | re.DOTALL)


def _html_words(html: str) -> str:
    """The words a reader sees in a piece of HTML, on one line (tags out, entities read)."""
    return _single_line(html_unescape(_HTML_TAG.sub(" ", html)))


def _html_table_or_list(
    html: str, start: int
) -> tuple[tuple[_Candidate, ...], tuple[tuple[int, str], ...]]:
    """The resources of a list written in HTML: a `<table>` whose head row names its
    columns (`<th>`) read as the markdown table it shows (`_table`: the link text of its
    link column the title, the other columns its fields); a `<table>` without one, a grid of
    cells (`<td><a href="…"><img …><br>ConfOne</a></td>`), and a `<ul>`/`<ol>` list
    (`<li><a href="…">Name</a> - what it is</li>`) read one resource per cell or item that
    starts with its link (images and markup before it aside; its words, else its image's
    alt text, the title; the words after it the description). Line numbers: the row's,
    cell's or item's, from ``start``."""
    candidates: list[_Candidate] = []
    warnings: list[tuple[int, str]] = []
    pieces: list[tuple[str, int]] = []
    names: dict[int, str] = {}  # a grid cell's column name, by where the cell starts
    # Each grid cell's row (by where the cell starts: the row's first cell's start), each
    # row's cells, and where each cell's HTML ends, to find the row of an item of a list
    # inside a cell.
    row_of: dict[int, int] = {}
    row_cells: dict[int, list[tuple[str, int]]] = {}
    cell_ends: dict[int, int] = {}
    spans: dict[int, int] = {}  # a cell's columns (`colspan`), by where it starts, if several
    for table in _HTML_TABLE.finditer(html):
        rows = []
        for at, inner, stray in _html_rows(table[0]):
            offset = table.start() + at
            matches = list(_HTML_CELL.finditer(inner))
            cells = [(cell[1].lower(), cell[2], offset + cell.start()) for cell in matches]
            line = html.count("\n", 0, cells[0][2] if stray else offset)
            if stray:
                warnings.append(
                    (
                        start + line,
                        "table cells outside a <tr> (a row opened with '</tr>', or none "
                        "opened): read as a row of their own, as a browser shows them",
                    )
                )
            if any(not re.search(r"</t[dh]\s*>$", cell[0], re.IGNORECASE) for cell in matches):
                warnings.append(
                    (
                        start + line,
                        "a table cell left open (no '</td>'): ended at the next cell, as a "
                        "browser reads it",
                    )
                )
            rows.append((line, cells))
            row_of.update((cell_at, cells[0][2]) for _, _, cell_at in cells)
            row_cells[cells[0][2]] = [
                (inner, cell_at) for kind, inner, cell_at in cells if kind == "td"
            ]
            cell_ends.update((offset + cell.start(), offset + cell.end()) for cell in matches)
            spans.update(
                (offset + cell.start(), int(span[1]))
                for cell in matches
                if (span := _HTML_COLSPAN.search(cell[0][: cell.start(2) - cell.start()]))
                and int(span[1]) > 1
            )
        if rows and all(kind == "th" for kind, _, _ in rows[0][1]):
            body = [inner for _, cells in rows[1:] for _, inner, _ in cells]
            if not any(_lone_link(inner) for inner in body) or any(
                _html_words(inner) and not _lone_link(inner) for inner in body
            ):
                found, said = _html_head_table(_spread_columns(rows, spans), start)
                candidates.extend(found)
                warnings.extend(said)
                continue
            # A head row over cells each only a link (`<th>CSS</th>` over `<td><a href=…>
            # <img …></a></td>`): a grid, each cell one resource, named by its column when
            # its link shows no words.
            head = [_html_words(inner) for _, inner, _ in rows[0][1]]
            names.update(
                (at, head[column])
                for _, cells in rows[1:]
                for column, (_, _, at) in enumerate(cells)
                if column < len(head)
            )
        pieces.extend((inner, at) for _, cells in rows for kind, inner, at in cells if kind == "td")
    items = {item.start(1) for item in _HTML_ITEM.finditer(html)}
    pieces += [(item[1], item.start(1)) for item in _HTML_ITEM.finditer(html)]
    records = _html_record_items(row_cells)
    unlinked: list[_Candidate] = []  # items that are only a name: resources of a linked list
    # Rows whose item is a cell holding only its link (`<td><a href="…">Name</a></td>`): the
    # row's other cells are its description (a link opening one, `<a href="…">Maker</a> is a
    # tool…`, is a mention), a list inside one its features.
    named: set[int] = set()
    for inner, at in sorted(pieces, key=lambda piece: piece[1]):
        row = row_of.get(at)
        if row is None and at in items:
            row = next((row_of[cell] for cell, end in cell_ends.items() if cell <= at < end), None)
            if row in named:
                continue
        elif row in named and not _lone_link(inner):
            continue
        elif (
            row in records
            and at != records[row][0]
            and _lone_link(inner)
            and _links_out(_HTML_ANCHOR.search(inner))
        ):
            # `<td><a href="…">Ada Brook</a></td>` beside `<td><a href="…">Kite</a></td>`
            # and `<td>An editor for kites.</td>`: the row is one record, the cell a field of
            # its item (kept in its description), or a logo linked before the item.
            item_at, item_title = records[row]
            shown = _html_words(inner) or _image_alt(inner)
            warnings.append(
                (
                    start + html.count("\n", 0, at),
                    (
                        f"cell linking {shown!r} in the row of {item_title!r}, whose cells "
                        "say what it is: one of its fields, kept in its description, not a "
                        "resource"
                    )
                    if at > item_at
                    else (
                        f"cell of a linked picture{f' {shown!r}' if shown else ''} before "
                        f"{item_title!r} in its row: its logo, not a resource"
                    ),
                )
            )
            continue
        link = _HTML_ANCHOR.search(inner)
        if link is None and at in items:
            # An item that is only a URL (`<li>https://…</li>`, shown as written: the
            # resource at it, titled by it, as a bare URL bullet is) or only a name
            # (`<li>Web Hacking 101</li>`, a book: a plain bullet's resource without URL).
            words = _html_words(inner)
            line = start + html.count("\n", 0, at)
            if _HTML_ITEM_URL.fullmatch(words):
                url = _checked_url(words, line, warnings)
                if url:
                    candidates.append(_Candidate(title=words, line=line, url=url))
            elif words and len(words.split()) <= 15 and not _is_sentence(words):
                unlinked.append(_Candidate(title=words, line=line))
            continue
        if link is None or _html_words(inner[: link.start()]):
            continue
        href = _anchor_href(link)
        title = _html_words(link["text"]) or names.get(at, "")
        if not title:
            title = _image_alt(link["text"])
        if not title or not _links_out(link):
            continue
        line = start + html.count("\n", 0, at)
        description = _html_words(_HTML_CODE.sub(r"`\1`", inner[link.end() :]))
        description = description.lstrip("-\u2013\u2014:|\u00b7 ").strip()
        if row is not None and row not in named and _lone_link(inner):
            named.add(row)
            later = [
                _html_cell_markdown(cell)
                if _lone_link(cell)
                else _html_words(_HTML_CODE.sub(r"`\1`", cell))
                for cell, cell_at in row_cells[row]
                if cell_at > at
                and (
                    not _lone_link(cell)
                    # (a record's fields: its links out, not one to a section, `#editors`)
                    or (row in records and _links_out(_HTML_ANCHOR.search(cell)))
                )
            ]
            description = description or " ".join(words for words in later if words)
        url = _checked_url(href, line, warnings)
        if url:
            candidates.append(_Candidate(title=title, line=line, url=url, description=description))
    if candidates:
        # Names among linked items are the list's resources too; in a list without a link
        # (features, steps) they are its text.
        candidates.extend(unlinked)
    return tuple(sorted(candidates, key=lambda candidate: candidate.line)), tuple(warnings)


def _links_out(link: re.Match[str] | None) -> bool:
    """Whether an `<a href>` (`_HTML_ANCHOR`) is one an HTML list's resource may be at: a
    link out of the document (not `#anchor`: its own section), not a badge."""
    if link is None:
        return False
    href = _anchor_href(link)
    images = _HTML_IMAGE_SOURCE.findall(link["text"])
    return bool(href) and not href.startswith("#") and not any(map(_is_badge, images))


def _html_record_items(row_cells: dict[int, list[tuple[str, int]]]) -> dict[int, tuple[int, str]]:
    """The rows of an HTML table that are one record each (a cell holding only a link, and
    a cell of words that is not only a link: what the thing is), by the row's start: where
    its item's cell starts and the item's name. The item is its first cell holding only a
    link out of the document (`_links_out`) that shows words (`<td><a href="…">Kite</a>
    </td>`), a linked picture before it its logo; a row of cells each only a link (a grid
    of logos) is none."""
    records: dict[int, tuple[int, str]] = {}
    for row, cells in row_cells.items():
        lone = [
            (inner, at)
            for inner, at in cells
            if _lone_link(inner) and _links_out(_HTML_ANCHOR.search(inner))
        ]
        if not lone or not any(_html_words(inner) and not _lone_link(inner) for inner, _ in cells):
            continue
        named = [(at, words) for inner, at in lone if (words := _html_words(inner))]
        if named:
            records[row] = named[0]
    return records


def _html_rows(table: str) -> list[tuple[int, str, bool]]:
    """The rows of an HTML table as a browser shows them: (where the row's HTML starts in
    ``table``, its HTML, whether its cells stand outside an opened `<tr>`). Each `<tr>` and
    each `</tr>` ends the row before it, so cells after a `</tr>` (a row written with
    `</tr>` for `<tr>`, or with none, or after a `<tr>` opened inside another row) are a row
    of their own, as a browser puts them in one; pieces holding no cell are no row."""
    rows: list[tuple[int, str, bool]] = []
    position, opened = 0, False
    for edge in [*_HTML_ROW_EDGE.finditer(table), None]:
        end = edge.start() if edge is not None else len(table)
        if _HTML_CELL.search(table, position, end):
            rows.append((position, table[position:end], not opened))
        if edge is not None:
            position, opened = edge.end(), not edge[0].startswith("</")
    return rows


# The labels of a fact table's rows that give an address of the thing its heading names.
_ADDRESS_LABELS = frozenset(
    {
        "github", "gitlab", "codeberg", "bitbucket", "website", "web site", "web", "site",
        "homepage", "home page", "home", "url", "link", "repository", "repo", "source",
        "source code", "code", "project page", "official site", "official website",
    }
)  # fmt: skip
# A row of a table of facts: a label cell, then its value (`<tr><th>GitHub</th><td>…</td></tr>`).
_HTML_FACT_ROW = re.compile(
    r"<tr\b[^>]*>\s*<th\b[^>]*>(.*?)</th\s*>\s*<td\b[^>]*>(.*?)</td\s*>\s*</tr\s*>",
    re.IGNORECASE | re.DOTALL,
)


def _html_fact_address(html: str) -> tuple[str, str, str] | None:
    """An HTML block that is one `<table>` of facts about one thing, a row each, its label
    in a `<th>` and its value in a `<td>` (`<th>GitHub</th><td>https://…</td>`,
    `<th>License</th><td>MIT</td>`: a showcase's card under the thing's heading): the label
    and the address of its first row whose label names one (`_ADDRESS_LABELS`) and whose
    value gives one, written out or as an `<a href>`; and the facts as one line of markdown
    (`GitHub: https://… · License: MIT`, those without a value, `-` or `N/A`, left out).
    None for any other HTML."""
    table = _HTML_TABLE.fullmatch(html.strip())
    if table is None:
        return None
    rows = _HTML_FACT_ROW.findall(table[0])
    if len(rows) < 2 or len(rows) != len(_HTML_ROW_EDGE.findall(table[0])) // 2:
        return None
    address: tuple[str, str] | None = None
    facts: list[str] = []
    for label, value in rows:
        name = _html_words(label).rstrip(":\uff1a ")
        link = _HTML_ANCHOR.search(value)
        url = _anchor_href(link) if link is not None else _html_words(value)
        # (an address written out is shown as one: `<https://…>`)
        shown = f"<{url}>" if link is None and _HTML_ITEM_URL.fullmatch(url) else ""
        shown = shown or _html_cell_markdown(value).strip()
        if shown.strip("-\u2013\u2014 ").casefold() not in ("", "n/a", "none"):
            facts.append(f"{markdown_text(name, line_start=False)}: {shown}")
        if address is None and name.casefold() in _ADDRESS_LABELS and _HTML_ITEM_URL.fullmatch(url):
            address = (name, url)
    return None if address is None else (*address, " \u00b7 ".join(facts))


# A list item's words that are one web address and nothing else.
_HTML_ITEM_URL = re.compile(r"https?://[^\s<>\"']+")


def _lone_link(inner: str) -> bool:
    """Whether a table cell's HTML is one link and nothing a reader sees around it."""
    link = _HTML_ANCHOR.search(inner)
    return (
        link is not None
        and not _html_words(inner[: link.start()])
        and not _html_words(inner[link.end() :])
    )


# The opening and closing tags of an HTML link.
_HTML_ANCHOR_TAG = re.compile(r"<(/?)a(?:\s[^>]*)?>", re.IGNORECASE)


def _open_anchor(html: str) -> bool:
    """Whether a table cell's HTML opens a link (`<a href>`) that it never closes
    (`<td><a href="lessons/14/README.md">Text</td>`)."""
    tags = _HTML_ANCHOR_TAG.findall(html)
    return bool(tags) and not tags[-1] and "href" in html[html.lower().rfind("<a") :].lower()


# A table cell's HTML that is one bold element and nothing else (`<b>Symbolic AI</b>`).
_HTML_BOLD_CELL = re.compile(r"<(b|strong)\b[^>]*>(.*)</\1\s*>", re.IGNORECASE | re.DOTALL)


def _html_cell_markdown(html: str) -> str:
    """A table cell's HTML as the inline markdown it shows: its links, code and images
    kept, other markup out (but the bold of a cell wholly bold: a part's name heading the
    rows below it, `_part_rows`), on one line, pipes escaped."""
    if _open_anchor(html):
        html += "</a>"  # ended with its cell, as a browser reads it (warned: `_html_head_table`)
    bold = _HTML_BOLD_CELL.fullmatch(html.strip())
    if bold is not None and not re.search(r"</?(?:b|strong)\b", bold.group(2), re.IGNORECASE):
        inner = _html_cell_markdown(bold.group(2))
        return f"**{inner}**" if inner else ""
    parts: list[str] = []
    position = 0

    def add_text(text: str) -> None:
        # A line break between the cell's words or links kept as one (`Convolutional Neural
        # Networks<br/>CNN Architectures`: a lesson's two parts, `_named_by_line`).
        lines = [
            markdown_text(_html_words(piece), line_start=False)
            for piece in _LINE_BREAK_TAG.split(text)
        ]
        parts.append(" <br> ".join(lines) if len(lines) > 1 and any(lines) else "".join(lines))

    for link in _HTML_ANCHOR.finditer(html):
        add_text(html[position : link.start()])
        words = _html_words(link["text"])
        if not words:
            words = _image_alt(link["text"])
        images = _HTML_IMAGE_SOURCE.findall(link["text"])
        if words and not any(map(_is_badge, images)):
            parts.append(markdown_link(words, _anchor_href(link)))
        position = link.end()
    add_text(html[position:])
    return " ".join(part for part in parts if part).replace("|", "\\|")


# A table cell's `colspan` attribute, in its opening tag.
_HTML_COLSPAN = re.compile(r"""\bcolspan\s*=\s*["']?\s*(\d{1,2})""", re.IGNORECASE)


def _spread_columns(
    rows: list[tuple[int, list[tuple[str, str, int]]]], spans: dict[int, int]
) -> list[tuple[int, list[tuple[str, str, int]]]]:
    """An HTML table's rows with a cell spanning several columns (`<td colspan="2">`) followed
    by empty cells for the columns it covers, so that each cell after it is in the column a
    browser shows it in (under its header)."""
    if not spans:
        return rows
    return [
        (
            line,
            [
                spread
                for cell in cells
                for spread in (cell, *((cell[0], "", cell[2]),) * (spans.get(cell[2], 1) - 1))
            ],
        )
        for line, cells in rows
    ]


def _html_head_table(
    rows: list[tuple[int, list[tuple[str, str, int]]]], start: int
) -> tuple[tuple[_Candidate, ...], tuple[tuple[int, str], ...]]:
    """An HTML table with a head row read as the markdown table it shows (`_table`), each
    resource and warning at its `<tr>`'s line."""
    width = len(rows[0][1])
    lines = [
        "| "
        + " | ".join(_html_cell_markdown(inner) or " " for _, inner, _ in cells[:width])
        + " |" * max(1, width - len(cells) + 1)
        for _, cells in rows
    ]
    lines.insert(1, "|" + " --- |" * width)
    tokens = parse_tokens("\n".join(lines))
    opening = next((i for i, token in enumerate(tokens) if token.type == "table_open"), None)
    if opening is None:
        return (), ()
    candidates, warnings, _, facts, _ = _table(tokens, opening, _closing(tokens, opening))
    # Raw HTML is read for its links (`--html-links`): a row without one (a table of
    # figures, `<td>VLN</td><td>92</td>`) is no resource. A row holding a link still to come
    # (`<a href="">Video</a>`) was written as a linked row: its resource without URL, as a
    # markdown table's `[Video]()` row is.
    pending = {
        index + 2: "an empty href"
        for index, (_, cells) in enumerate(rows[1:])
        if any(
            not _anchor_href(link) for _, inner, _ in cells for link in _HTML_ANCHOR.finditer(inner)
        )
    }
    pending.update(_links_to_come(rows[1:]))
    candidates = _linked_rows(candidates, set(pending))
    if facts or not candidates:
        return (), ()
    warnings = (
        *warnings,
        *(
            (
                index + 2,
                "an <a href> left open in its cell (no '</a>'): ended with the cell, as a "
                "browser reads it",
            )
            for index, (_, cells) in enumerate(rows[1:])
            if any(_open_anchor(inner) for _, inner, _ in cells[:width])
        ),
    )
    at = {index + 2: start + line for index, (line, _) in enumerate(rows[1:])}
    warnings = (
        *warnings,
        *(
            (
                candidate.line,
                f"row {candidate.title!r}: its link is still to come "
                f"({pending.get(candidate.line, 'an empty href')}): a resource without URL",
            )
            for group in candidates
            for candidate in (group.children if group.group else (group,))
            if not candidate.url
        ),
    )
    return (
        tuple(
            _shift_candidate(candidate, at.get(candidate.line, start) - candidate.line)
            for candidate in candidates
        ),
        tuple((at.get(line, start), message) for line, message in warnings),
    )


def _links_to_come(rows: list[tuple[int, list[tuple[str, str, int]]]]) -> dict[int, str]:
    """The rows of an HTML table's body (by line in its markdown, `_html_head_table`) that hold
    no link but say, in its columns of links (most rows link there), the words other rows
    link (`<td>Text</td>` where the other lessons have `<td><a href="…">Text</a></td>`), and
    nothing else there: a row whose links are still to come (a lesson not yet written), with
    what its cells say."""
    linked: dict[int, set[str]] = defaultdict(set)
    linking: Counter[int] = Counter()  # rows linking in each column
    filled: Counter[int] = Counter()  # rows saying anything in each column
    for _, cells in rows:
        for position, (_, inner, _) in enumerate(cells):
            filled[position] += bool(_html_words(inner).strip())
            links = list(_HTML_ANCHOR.finditer(inner))
            linking[position] += bool(links)
            for link in links:
                if words := _html_words(link["text"]).strip().casefold():
                    linked[position].add(words)
    columns = {position for position in linking if 2 * linking[position] > filled[position]}
    found: dict[int, str] = {}
    for index, (_, cells) in enumerate(rows):
        if any(_HTML_ANCHOR_TAG.search(inner) for _, inner, _ in cells):
            continue
        said = [
            (words, position)
            for position, (_, inner, _) in enumerate(cells)
            if position in columns and (words := _html_words(inner).strip())
        ]
        # Each cell of a column of links says what the others link there, if anything
        # (`<td>soon</td>` under `Video`: a note, no link to come).
        if said and all(words.casefold() in linked[position] for words, position in said):
            found[index + 2] = (
                f"its cells say {', '.join(repr(words) for words, _ in said)} unlinked, where "
                "other rows link them"
            )
    return found


def _linked_rows(candidates: Iterable[_Candidate], pending: set[int]) -> tuple[_Candidate, ...]:
    """An HTML table's rows that hold a link (or one still to come: a line of ``pending``),
    the parts heading them (`_part_rows`) with theirs, a part left with none out."""
    kept: list[_Candidate] = []
    for candidate in candidates:
        if candidate.group:
            rows = _linked_rows(candidate.children, pending)
            if rows:
                kept.append(replace(candidate, children=rows))
        elif candidate.url or candidate.line in pending:
            kept.append(candidate)
    return tuple(kept)


def _without_break_end(rest: str) -> tuple[str, bool]:
    """The text after a line's link without the `<br>`s (and a closing `</p>`) ending it, and
    whether there were any. Read from the end, tag by tag: a regex searching for the ending
    (`(?:\\s*<br>)+\\s*$`) tried every space of a long run as its start (quadratic)."""
    text = rest.rstrip()
    if text[-4:].lower() == "</p>":
        text = text[:-4].rstrip()
    broken = False
    while (opening := text.rfind("<")) >= 0 and _HTML_BREAK.match(text, opening):
        text, broken = text[:opening].rstrip(), True
    return (text, True) if broken else (rest, False)


def _heading(token: Token, inline_token: Token, start: int, stop: int) -> _Block:
    inline = _without_back_links(inline_token.children or [])
    anchor = ""
    marked = False
    for child in inline:
        if child.type == "html_inline" and (match := _ANCHOR_ID.search(child.content)):
            anchor = match.group(1)
            marked = _README_ANCHOR.fullmatch(child.content) is not None
        elif child.type != "html_inline" and _plain([child]).strip():
            marked = False  # words after the anchor: not where `publisher readme` puts it
    link = _leading_link(inline)
    if link is not None:
        link_start, link_end, url = link
        title = _heading_title(inline[link_start + 1 : link_end], inline_token.content) or url
        labelled = False
    else:
        title = _heading_title(inline, inline_token.content)
        # "Day01 - [初识Python](…)", "Week 3: [Trees](…)": a numbered lesson's heading, its
        # link the lesson's (a resource only when no deeper heading or list of links follows).
        url = _labelled_link(inline)
        labelled = bool(url)
    dated = _dated_link(inline) if link is None else None
    if dated is not None:
        # "2018 - [Learning Go](…) *Free*": a book's year before its link, a mark after it; a
        # resource on the same terms as a lesson's, titled by its link's words.
        url, labelled = dated[0], True
    owner = _owner_links(inline) if link is None and not labelled else None
    if owner is not None:
        title = owner[0]
    cited = _cited_heading(inline) if link is None and not labelled and owner is None else None
    citation = citation_title = ""
    if cited is not None:
        # `### 1. Downey, A. B. (2024). *[Think Python](…)* (3rd ed.). O'Reilly Media`: a
        # bibliography's entry, the work titled in italics (at its link when it has one).
        citation_title, url, citation = cited
    linked_words = ""
    if (
        link is None
        and not labelled
        and owner is None
        and cited is None
        and _real_link_spans(inline)
    ):
        linked_words = _inline_markdown(inline)
    return _Block(
        kind="heading",
        start=start,
        end=stop,
        level=int(token.tag[1]),
        title=title,
        url=url,
        url_labelled=labelled,
        citation=citation,
        citation_title=citation_title,
        link_title=dated[1] if dated is not None else "",
        owner_links=owner[1] if owner is not None else "",
        linked_words=linked_words,
        into_document=link is None and _is_anchor_link(inline),
        anchor=anchor,
        marked=marked,
    )


# What a bibliography writes before a work's title: its number at most, its authors (or the
# body that made it), the year in parentheses or "n.d." (APA's no date), and a period:
# `1. Downey, A. B. (2024). `, `Hougardy, S., & Vygen, J. (2016). `, `Google. (n.d.). `,
# `Melfi, T. (Director). (2016). `.
_CITATION_LEAD = re.compile(
    r"(?:\d{1,3}[.)]\s+)?(?P<authors>[^\W\d_][^()]*(?:\([^()]{1,20}\)[^()]*)?)\s*"
    r"\((?:\d{4}[a-z]?|n\.\s?d\.|s\.\s?f\.)\)\.?\s*"
)


def _cited_heading(inline: Sequence[Token]) -> tuple[str, str, str] | None:
    """A heading citing a work (`_CITATION_LEAD`, then its title in italics, then what a
    citation says after it: edition, publisher): (the title, the link around or inside it or
    "", the citation as markdown). None for any other heading."""
    opening = next((i for i, token in enumerate(inline) if token.type == "em_open"), None)
    if opening is None:
        return None
    closing = next(
        (i for i in range(opening + 1, len(inline)) if inline[i].type == "em_close"), None
    )
    if closing is None:
        return None
    lead = _plain(inline[:opening])
    match = _CITATION_LEAD.fullmatch(lead)
    if match is None or len(match["authors"].split()) > 12:
        return None
    authors = match["authors"].strip()
    if "," not in authors and not authors.endswith("."):
        # (a bibliography's authors end with a period, `Museo Naval.`, `Roca, M. L.`, or are
        # written surname first: `Release 2 (2024). *Breaking changes*` cites nothing)
        return None
    title = " ".join(_plain(inline[opening + 1 : closing]).split()).rstrip(".,:; ")
    if not title:
        return None
    spans = [
        (start, end)
        for start, end in _real_link_spans(inline)
        if start < closing and end > opening  # (`*[Title](…)*` or `[*Title*](…)`)
    ]
    if len(spans) > 1 or len(_real_link_spans(inline)) > len(spans):
        return None  # (a link elsewhere in it: no plain citation)
    url = str(inline[spans[0][0]].attrGet("href") or "") if spans else ""
    return title, url, _inline_markdown(inline).strip()


def _owner_links(inline: Sequence[Token]) -> tuple[str, str] | None:
    """A heading written as a name, a dash, then only links (``#### 青杨 - [GitHub](…),
    [博客](…)``, an author's pages over the author's products): the name, its title, and
    the links as markdown. None for any other heading (no link, words after the links,
    a lesson's label before its one link: `_labelled_link`)."""
    spans = _real_link_spans(inline)
    if not spans:
        return None
    name = _plain(inline[: spans[0][0]])
    stripped = name.rstrip()
    if not stripped.endswith(("-", "\u2013", "\u2014")) or not stripped[:-1].strip():
        return None
    for (_, end), (start, _) in itertools.pairwise([*spans, (len(inline), len(inline))]):
        if _plain(inline[end + 1 : start]).strip(" ,;/|\u3001\uff0c"):
            return None
    links = ", ".join(
        markdown_link(_plain(inline[start + 1 : end]), str(inline[start].attrGet("href") or ""))
        for start, end in spans
    )
    return stripped[:-1].strip(), links


def _is_anchor_link(inline: Sequence[Token]) -> bool:
    """Whether inline tokens are one link to an anchor of this document and nothing else."""
    spans = list(_link_spans(inline))
    if len(spans) != 1:
        return False
    start, end = spans[0]
    return (
        str(inline[start].attrGet("href") or "").startswith("#")
        and not _plain(inline[:start]).strip()
        and not _plain(inline[end + 1 :]).strip()
    )


def _without_back_links(inline: Sequence[Token]) -> Sequence[Token]:
    """A heading's inline tokens without its links into the document after its text
    (`#### CLI Tools [<sup>[TOC]</sup>](#table-of-contents)`: a way back, no part of the title)."""
    spans = [
        (start, end)
        for start, end in _link_spans(inline)
        if str(inline[start].attrGet("href") or "").startswith("#")
        and _plain(inline[:start]).strip()
    ]
    if not spans:
        return inline
    dropped = {position for start, end in spans for position in range(start, end + 1)}
    return [token for position, token in enumerate(inline) if position not in dropped]


def _heading_title(inline: Sequence[Token], source: str) -> str:
    """A heading's title as GitHub shows it, emoji shortcodes (`:trident:`, which GitHub draws
    as pictures) left out, so that `## :information_source: Contributing` is Contributing.
    Only shortcodes written as such in the heading's ``source`` are pictures: an escaped one
    (`\\:trident:`) is text."""
    plain = _plain(inline)
    written = set(_SHORTCODE.findall(source))
    if not written:
        return plain
    pictures = _SHORTCODE.sub(
        lambda match: " " if match.group() in written else match.group(), plain
    )
    return _single_line(pictures) or plain


def escape_shortcodes(markdown: str) -> str:
    """Inline markdown whose emoji shortcodes (`:rocket:`) are escaped, so that a heading
    holding one as text reads back with it (`_heading_title` leaves pictures out)."""
    return _SHORTCODE.sub(lambda match: "\\" + match.group(), markdown)


# --- inline helpers ------------------------------------------------------------------------


_LINE_BREAK_TAG = re.compile(r"(?i)<br\s*/?>")


# A tags cell's count of the tags it does not show (`+7`, after the first six).
_MORE_TAGS = re.compile(r"\+\d+")


def _cell_tags(cell: Sequence[Token]) -> tuple[str, ...]:
    """The tags a topic cell names: separated by commas, semicolons, bullets (``•``) or line
    breaks (``• Basics<br>• CRISP-DM``: one topic a line, not one tag of them all), or each
    in code (`` `css` `ui` `+2` ``: one tag a span, however spaced, the count of those not
    shown none). Placeholder text (``N/A``: no tags) names none."""
    if any(token.type == "code_inline" for token in cell) and all(
        token.type == "code_inline"
        or (token.type in ("text", "softbreak") and not token.content.strip(" \t,;\u2022"))
        for token in cell
    ):
        spans = (token.content.strip() for token in cell if token.type == "code_inline")
        return tuple(tag for tag in spans if tag and not _MORE_TAGS.fullmatch(tag))
    lines: list[list[Token]] = [[]]
    for token in cell:
        if token.type == "html_inline" and _LINE_BREAK_TAG.fullmatch(token.content.strip()):
            lines.append([])
        else:
            lines[-1].append(token)
    return tuple(
        tag.strip()
        for line in lines
        for tag in re.split(r"[,;\u2022]", _plain(line))
        if tag.strip() and not PLACEHOLDER_TEXT.match(tag)
    )


def _plain(inline: Sequence[Token]) -> str:
    """The text a reader sees, on one line: markup, images and raw HTML left out."""
    parts: list[str] = []
    for token in inline:
        if token.type in ("text", "text_special", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    text = "".join(parts)
    if "[^" in text:
        text = _FOOTNOTE_REFERENCE.sub("", text)
    return _single_line(text)


def _single_line(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def _inline_markdown(inline: Sequence[Token]) -> str:
    """Inline tokens written back as markdown (close to the source: escapes are kept; a hard
    break a line break, one ending the words nothing)."""
    parts: list[str] = []
    for token in inline:
        kind = token.type
        if kind == "text" or kind == "html_inline":
            parts.append(token.content)
        elif kind == "text_special":
            parts.append(token.markup)
        elif kind == "softbreak":
            parts.append("\n")
        elif kind == "hardbreak":
            # A line ended by a backslash or two spaces: a line break in the words read, never
            # a backslash in them (nor spaces that would write the break again).
            if parts:
                parts[-1] = parts[-1].rstrip(" \t")
            parts.append("\n")
        elif kind == "code_inline":
            parts.append(f"{token.markup}{token.content}{token.markup}")
        elif kind in ("em_open", "em_close", "strong_open", "strong_close"):
            parts.append(token.markup)
        elif kind == "link_open":
            if token.markup == "autolink":
                parts.append("<")
            elif token.markup != "linkify":
                parts.append("[")
        elif kind == "link_close":
            opener = _opener_of(inline, token)
            if opener is None or opener.markup == "linkify":
                continue
            if opener.markup == "autolink":
                parts.append(">")
            else:
                title = opener.attrGet("title")
                suffix = f' "{title}"' if title else ""
                parts.append(f"]({opener.attrGet('href')}{suffix})")
        elif kind == "image":
            parts.append(f"![{token.content}]({token.attrGet('src')})")
    if inline and inline[-1].type == "text" and _ENDING_BREAK.search(inline[-1].content):
        # The last line ended by a backslash too, as the lines above it (`Playlists: … \`):
        # a hard break with no line after it, nothing to keep (markdown would show it).
        parts[-1] = _ENDING_BREAK.sub("", parts[-1])
    return "".join(parts).strip()


# A backslash ending a paragraph's words: a hard break written out of habit on its last line
# too (an escaped backslash, `\\`, is no text token's but a `text_special`).
_ENDING_BREAK = re.compile(r"(?<!\\)\\\s*$")


def _opener_of(inline: Sequence[Token], close: Token) -> Token | None:
    depth = 0
    for token in reversed(inline[: _index_of(inline, close)]):
        if token.type == "link_close":
            depth += 1
        elif token.type == "link_open":
            if depth == 0:
                return token
            depth -= 1
    return None


def _index_of(inline: Sequence[Token], token: Token) -> int:
    for position, candidate in enumerate(inline):
        if candidate is token:
            return position
    return len(inline)


def _link_spans(inline: Sequence[Token]) -> Iterable[tuple[int, int]]:
    """(link_open, link_close) index pairs of the top-level links."""
    position = 0
    while position < len(inline):
        if inline[position].type == "link_open":
            depth = 0
            for close in range(position, len(inline)):
                depth += inline[close].nesting
                if depth == 0:
                    break
            yield position, close
            position = close + 1
        else:
            position += 1


def _is_real_link(inline: Sequence[Token], start: int, end: int) -> bool:
    """A link that points somewhere else and shows text: not an #anchor, not a badge."""
    href = str(inline[start].attrGet("href") or "")
    if not href or href.startswith("#"):
        return False
    return any(
        token.type in ("text", "text_special", "code_inline") and token.content.strip()
        for token in inline[start + 1 : end]
    )


def _real_link_spans(inline: Sequence[Token]) -> list[tuple[int, int]]:
    """The (link_open, link_close) pairs of the top-level links that are real (`_is_real_link`)."""
    return [span for span in _link_spans(inline) if _is_real_link(inline, *span)]


def _links(inline: Sequence[Token]) -> list[str]:
    return [
        str(inline[start].attrGet("href"))
        for start, end in _link_spans(inline)
        if _is_real_link(inline, start, end)
    ]


_HTML_IMAGE = re.compile(r"<img\b", re.IGNORECASE)


def _is_badges(inline: Sequence[Token]) -> bool:
    """A paragraph of images only (badges, logos), possibly linked."""
    has_image = False
    for token in inline:
        if token.type == "image" or (
            # an image written in HTML (`[<img src="avatar.png"/>](…)`, a channel's avatar)
            token.type == "html_inline" and _HTML_IMAGE.match(token.content)
        ):
            has_image = True
        elif token.type == "code_inline" or (
            token.type in ("text", "text_special") and token.content.strip()
        ):
            return False
    return has_image


def _emoji_prefix(text: str) -> tuple[str, str]:
    """(kind from a leading emoji or "", whether the text was only emoji and space → rest).
    A GitHub emoji shortcode (`:book:`, `:movie_camera:`) is the icon GitHub draws for it
    (📖, 🎥) and marks the same kind (`SHORTCODE_EMOJI`)."""
    stripped = _VARIATION.sub("", text).strip()
    kind = ""
    while (shortcode := _LEADING_SHORTCODE.match(stripped)) is not None:
        emoji = SHORTCODE_EMOJI.get(shortcode.group().strip().strip(":"), "")
        kind = kind or EMOJI_KINDS.get(emoji, "")
        stripped = stripped[shortcode.end() :]
    for character in stripped:
        if character.isspace():
            continue
        if character in EMOJI_KINDS:
            kind = kind or EMOJI_KINDS[character]
            continue
        if ord(character) < 0x2000 or character.isalnum():
            return kind, stripped
    return kind, ""


# Link texts of a row of translations: language names, in English or their own, and where
# translations are kept (``translations/ar/README.md``, ``README.zh-CN.md``, ``README_es.md``).
_LANGUAGE_NAMES = frozenset(
    {
        "arabic", "bengali", "bulgarian", "burmese", "catalan", "chinese", "croatian", "czech",
        "danish", "dutch", "english", "estonian", "farsi", "persian", "finnish", "french",
        "german", "greek", "hebrew", "hindi", "hungarian", "indonesian", "italian", "japanese",
        "korean", "lithuanian", "malay", "marathi", "nepali", "norwegian", "polish",
        "portuguese", "punjabi", "romanian", "russian", "serbian", "slovak", "slovenian",
        "spanish", "swahili", "swedish", "tagalog", "filipino", "tamil", "telugu", "thai",
        "turkish", "ukrainian", "urdu", "vietnamese", "中文", "简体中文", "繁體中文", "繁体中文",
        "日本語", "한국어", "español", "français", "deutsch", "português", "русский", "italiano",
        "polski", "türkçe", "tiếng", "العربية", "فارسی", "हिन्दी", "bahasa", "nederlands",
        "українська", "עברית", "ελληνικά", "català", "čeština", "magyar", "svenska", "ไทย",
    }
)  # fmt: skip
_TRANSLATION_HREF = re.compile(
    r"(?:^|/)(?:translations?|i18n|lang|locales?)/|README[._-][a-z]{2}(?:[-_][A-Za-z]{2,4})?\.md",
    re.IGNORECASE,
)


def _is_navigation(inline: Sequence[Token]) -> bool:
    """Whether a row of links leads elsewhere than to resources: most of its links are to this
    document's anchors (``#…``) or to its translations (named by a language or kept where
    translations are)."""
    spans = list(_link_spans(inline))
    navigating = 0
    for start, end in spans:
        href = str(inline[start].attrGet("href") or "")
        words = re.sub(r"\([^)]*\)", " ", _plain(inline[start + 1 : end])).casefold().split()
        if (
            href.startswith("#")
            or _TRANSLATION_HREF.search(href)
            or (words and words[0].strip("[]") in _LANGUAGE_NAMES)
        ):
            navigating += 1
    return bool(spans) and 2 * navigating > len(spans)


def _is_link_row(inline: Sequence[Token]) -> bool:
    """A paragraph of links and nothing else but separators (``|``, ``·``, commas)."""
    spans = list(_link_spans(inline))
    inside = {position for start, end in spans for position in range(start, end + 1)}
    rest = "".join(token.content for position, token in enumerate(inline) if position not in inside)
    return not rest.strip(" \t\n|,\u00b7\u2022/-")


def _asks(title: str) -> bool:
    """Whether a heading is written as a question (`What is MCP?`)."""
    return title.rstrip().endswith(("?", "\uff1f"))


def _link_line(inline: Sequence[Token]) -> tuple[str, str, bool]:
    """The link a paragraph starts with (after emoji, emphasis or a short label such as
    ``Link:``), its text, and whether nothing is said after it (the paragraph is the link
    alone); ("", "", False) when it starts with words."""
    link = _leading_link(inline)
    if link is not None:
        return (
            link[2],
            _plain(inline[link[0] + 1 : link[1]]).strip(),
            _says_nothing(inline[link[1] + 1 :]),
        )
    for start, end in _link_spans(inline):
        if not _is_real_link(inline, start, end):
            continue
        label = _plain(inline[:start])
        if label.endswith(":") and len(label.split()) <= 3:
            href = str(inline[start].attrGet("href") or "")
            return href, _plain(inline[start + 1 : end]).strip(), _says_nothing(inline[end + 1 :])
        return "", "", False
    return "", "", False


def _says_nothing(inline: Sequence[Token]) -> bool:
    """Whether inline tokens hold no word (closing emphasis, punctuation, spaces at most)."""
    return not any(character.isalnum() for character in _plain(inline))


@functools.lru_cache(maxsize=16384)
def meta_heading(title: str) -> bool:
    """Whether a heading names a meta section (contributing, license, sponsors, table of
    contents …): about the list, not part of it."""
    words = " ".join(re.sub(r"[^\w\s]+", " ", title.casefold()).split())
    return words in META_HEADINGS or bool(_META_PHRASE.match(words)) or _meta_words(words)


# Words that join meta headings into one ("Sponsors and backers", "Thank you, contributors").
_META_JOINS = frozenset({"and", "or", "our", "all", "the", "to", "und", "et", "y", "e"})
_META_LONGEST = max(len(heading.split()) for heading in META_HEADINGS)


def _meta_words(words: str) -> bool:
    """Whether a heading's words are meta headings one after another, maybe joined by "and"
    (``thank you contributors``, ``sponsors and backers``, ``license and contributing``): a meta
    section too. Any other word makes it the list's own (``contributors of deep learning``)."""
    parts = words.split()
    # reach[i]: the first i words are meta headings and the joins between them.
    reach = [True] + [False] * len(parts)
    for end in range(1, len(parts) + 1):
        for size in range(1, min(end, _META_LONGEST) + 1):
            if not reach[end - size]:
                continue
            if " ".join(parts[end - size : end]) in META_HEADINGS:
                reach[end] = True
                break
            if size == 1 and end < len(parts) and end > 1 and parts[end - 1] in _META_JOINS:
                reach[end] = True
                break
    return len(parts) > 1 and reach[-1] and parts[-1] not in _META_JOINS


def contents_heading(title: str) -> bool:
    """Whether a heading's words may name a table of contents (Contents, 目录, Index …): it
    is one only over no resources of its own (see `_is_contents`)."""
    words = heading_key(title)
    return words in CONTENTS_HEADINGS or words in INDEX_HEADINGS


def _leading_link(inline: Sequence[Token]) -> tuple[int, int, str] | None:
    """The first real link when only emoji, badges and emphasis come before it. A link
    showing only an emoji right before another link (`[:scroll:](paper.pdf) [Title](…)`, a
    copy of the paper) is an icon: the titled link after it is the item's (`_icon_link`)."""
    # Lazily: most items stop at their first real link and need only the one after it, not
    # all the links of their description (every item of every version of a history).
    spans = iter(_link_spans(inline))
    span = next(spans, None)
    while span is not None:
        start, end = span
        before = inline[:start]
        if not all(
            _is_lead(token) for token in before[_code_marks_end(before) :]
        ) and not _bold_label_before(before):
            return None
        if not _is_real_link(inline, start, end):
            if str(inline[start].attrGet("href") or "").startswith("#"):
                return None
            span = next(spans, None)
            continue  # a badge before the resource's own link
        following = next(spans, None)
        if following is not None and _icon_link(inline, span, following):
            span = following
            continue
        return start, end, str(inline[start].attrGet("href"))
    return None


# A bold label naming what the link after it is: a word or three and a colon (`Paper:`).
_LINK_KIND_LABEL = re.compile(r"[^\W\d_][\w'\u2019-]*(?: [\w'\u2019-]+){0,2}\s*[:\uff1a]")


def _bold_label_before(before: Sequence[Token]) -> bool:
    """Whether the tokens before a link are a bold label saying what it is, after emoji at
    most (``**Paper:** [Title](…)``, ``**Book:** [Title](…)``): the link's text is the
    title, not the label's words."""
    tokens = [token for token in before if token.type != "text" or token.content.strip()]
    opening = next((at for at, token in enumerate(tokens) if token.type == "strong_open"), None)
    if opening is None or not all(_is_lead(token) for token in tokens[:opening]):
        return False
    rest = tokens[opening:]
    return (
        len(rest) == 3
        and rest[1].type == "text"
        and rest[2].type == "strong_close"
        and _LINK_KIND_LABEL.fullmatch(rest[1].content.strip()) is not None
    )


# A separator between a label and the link it labels: a dash or a colon, or nothing.
_LABEL_LINK_SEPARATOR = re.compile(r"\s*(?:[-\u2013\u2014:\uff1a]\s*)?")
# A label's words: one to three, the first starting with a letter (`Video`, `Blog post`).
_LABEL_WORDS = re.compile(r"[^\W\d_][\w'\u2019-]*(?: [\w'\u2019-]+){0,2}")


def _label_before_link(before: Sequence[Token]) -> str:
    """The label of the tokens before a link written as a kind or a word or three in
    emphasis, then a dash, a colon or nothing, after emoji at most (``*Video* - [Title](…)``,
    ``**Book** [Title](…)``, ``_Slides_: [Title](…)``): its words; "" for anything else (a
    sentence, words outside the emphasis)."""
    tokens = [token for token in before if token.type != "text" or token.content.strip()]
    opening = next(
        (at for at, token in enumerate(tokens) if token.type in ("em_open", "strong_open")), None
    )
    if opening is None or not all(_is_lead(token) for token in tokens[:opening]):
        return ""
    rest = tokens[opening:]
    closing = "em_close" if rest[0].type == "em_open" else "strong_close"
    if len(rest) not in (3, 4) or rest[1].type != "text" or rest[2].type != closing:
        return ""
    if len(rest) == 4 and (
        rest[3].type != "text" or not _LABEL_LINK_SEPARATOR.fullmatch(rest[3].content)
    ):
        return ""
    words = rest[1].content.strip().rstrip(":\uff1a").strip()
    return words if _LABEL_WORDS.fullmatch(words) else ""


def _names_itself(inline: Sequence[Token], start: int, end: int) -> bool:
    """Whether a link's words name what it leads to (`[The Ashley Book of Knots](…)`), not
    only where it leads (`[GitHub](…)`, `[Website](…)`) or a material (`[Slides](…)`): a
    label before the first kind says what it is; before the second, the label is its name."""
    title = _plain(inline[start + 1 : end]).strip()
    return bool(title) and not (
        _WHERE_LABEL.fullmatch(title) or _LINK_LABEL.fullmatch(title) or _is_material(title)
    )


def _icon_link(inline: Sequence[Token], link: tuple[int, int], after: tuple[int, int]) -> bool:
    """Whether ``link`` shows only an emoji (`[:scroll:](…)`, `[📄](…)`) and ``after``, a link
    with words of its own, follows it with only spaces between: an icon for another copy of
    what the titled link names, not its title."""
    start, end = link
    following, following_end = after
    return (
        not _emoji_prefix(_plain(inline[start + 1 : end]))[1]
        and not _plain(inline[end + 1 : following]).strip()
        and _is_real_link(inline, following, following_end)
        and bool(_emoji_prefix(_plain(inline[following + 1 : following_end]))[1])
    )


# The label of a numbered lesson before its link: "Day01 -", "Week 3:", "Lecture 2 -",
# "第91天" and a full-width colon, "Day01~15 -", "Part II.".
_LESSON_LABEL = re.compile(
    r"^\W*(?:(?:day|week|lecture|lesson|module|unit|chapter|part|session|class|step|stage|"
    r"level)\s*[\dIVX]+(?:\s*[~\-\u2013]\s*(?:day|week)?\s*\d+)?|\d+(?:\.\d+)*|"
    r"\u7b2c\s*\d+\s*[\u5929\u5468\u8bfe\u7ae0\u8bb2])\s*[-:.\u2013\u2014\uff1a|]?\s*$",
    re.IGNORECASE,
)


# A year before a heading's one link, with at most two words after it (a language, an
# edition), each part ended by a dash, colon or bar: "2018 -", "2023 - Persian -", "(2019):".
_YEAR_LABEL = re.compile(
    r"^\W*(?:19|20)\d{2}\W*?\s*[-:\u2013\u2014|]\s*"
    r"(?:[^\W\d_][\w.]*(?:\s+[^\W\d_][\w.]*)?\s*[-:\u2013\u2014|]\s*)?$"
)
# A mark after a heading's link, in parentheses or brackets: "(free)", "[PDF]".
_BRACKETED_MARK = re.compile(r"^[(\[][^()\[\]]*[)\]]$")


def _dated_link(inline: Sequence[Token]) -> tuple[str, str] | None:
    """The link and its words of a heading written as a year, then one link, then at most a
    short mark (``### 2018 - [Learning Go](…) *Free*``, ``### 2023 - Persian - [Go
    Programming Language](…)``): a book or paper dated by its year, named by its link; the
    year is when it came out, the mark (one or two words in emphasis, parentheses or
    brackets) what it costs or is, neither its name. None for any other heading."""
    spans = _real_link_spans(inline)
    if len(spans) != 1:
        return None
    start, end = spans[0]
    if not _YEAR_LABEL.match(_plain(inline[:start])):
        return None
    after = inline[end + 1 :]
    mark = _plain(after).strip()
    if mark and (
        len(mark.split()) > 2
        or not (
            _BRACKETED_MARK.match(mark)
            or any(token.type in ("em_open", "strong_open") for token in after)
        )
    ):
        return None
    words = _plain(inline[start + 1 : end]).strip()
    if not words:
        return None
    return str(inline[start].attrGet("href") or ""), words


def _labelled_link(inline: Sequence[Token]) -> str:
    """The link of a heading written as a lesson's label then its one link, nothing after
    it (``Day01 - [初识Python](…)``); "" for any other heading."""
    spans = _real_link_spans(inline)
    if len(spans) != 1:
        return ""
    start, end = spans[0]
    if _plain(inline[end + 1 :]).strip(" .;,") or not _LESSON_LABEL.match(_plain(inline[:start])):
        return ""
    return str(inline[start].attrGet("href") or "")


# A link's text that only numbers it among others: "#1", "2", "Part 3", "Vol. II", "(1)".
_NUMBER_LINK_TEXT = re.compile(
    r"^[(\[]?(?:(?:part|vol\.?|volume|no\.?|#)\s*)?(?:\d{1,3}|[ivx]{1,4})[)\]]?$", re.IGNORECASE
)
# What stands between such links: "&", "and", commas, slashes, bars.
_NUMBER_LINK_SEPARATOR = re.compile(r"^(?:\s*(?:&|and|,|/|\|)\s*)*$", re.IGNORECASE)


def _numbered_links(
    inline: Sequence[Token],
) -> tuple[str, list[tuple[int, int, str]], int] | None:
    """A bullet naming a subject in words and a colon, then two links at least whose texts
    only number them (`Falsehoods About Gender: [#1](…) & [#2](…) - …`, `Intro: [Part 1](…),
    [Part 2](…)`): the subject, each link's (start, end, href), and where the words after the
    last link start. None for any other item."""
    spans = _real_link_spans(inline)
    if len(spans) < 2:
        return None
    label = _plain(inline[: spans[0][0]]).strip()
    if not label.endswith((":", "\uff1a")) or any(_link_spans(inline[: spans[0][0]])):
        return None
    label = label[:-1].strip()
    if not label or len(label.split()) > 8:
        return None
    listed: list[tuple[int, int, str]] = []
    for index, (start, end) in enumerate(spans):
        if not _NUMBER_LINK_TEXT.match(_plain(inline[start + 1 : end]).strip()):
            if index < 2:
                return None
            break  # a link in the words after them
        if listed and not _NUMBER_LINK_SEPARATOR.match(_plain(inline[listed[-1][1] + 1 : start])):
            break
        listed.append((start, end, str(inline[start].attrGet("href") or "")))
    if len(listed) < 2:
        return None
    return label, listed, listed[-1][1] + 1


def _labelled_links(
    inline: Sequence[Token],
) -> tuple[str, list[tuple[str, str, list[str]]]] | None:
    """A bullet naming a topic in bold, a colon, then only its links, separated by commas
    (`**HTML & CSS**: [MDN Web Docs](…), [CSS-Tricks](…)`): the topic and each link's (title,
    URL, the links after it in parentheses or brackets as written: `[(course)](…)`,
    `[(archive)](…)`, other pages of it). None for any other item."""
    tokens = [token for token in inline if token.type != "text" or token.content.strip()]
    if len(tokens) < 6 or tokens[0].type != "strong_open":
        return None
    close = next((index for index, token in enumerate(tokens) if token.type == "strong_close"), 0)
    label = _plain(tokens[1:close]).strip()
    rest = tokens[close + 1 :]
    if label.endswith((":", "\uff1a")):
        label = label[:-1].strip()
    elif rest and rest[0].type == "text" and rest[0].content.strip().startswith((":", "\uff1a")):
        rest = [_text_token(rest[0].content.strip()[1:]), *rest[1:]]
    else:
        return None
    words = re.sub(r"[^\w\s]+", " ", label.casefold()).split()
    if not label or len(words) > 5:
        return None
    links: list[tuple[str, str, list[str]]] = []
    position = 0
    while position < len(rest):
        token = rest[position]
        if token.type == "text" and not token.content.strip(" ,;/|"):
            position += 1
            continue
        if token.type != "link_open":
            return None
        end = _closing_link(rest, position)
        href = str(token.attrGet("href") or "")
        title = _plain(rest[position + 1 : end]).strip()
        if not href or href.startswith("#") or not title or title == href:
            # A link written as its URL (`**Website:** https://…`) is a field named by the
            # label ("Name: URL", `_url_named`), not a topic's link.
            return None
        if links and _ASIDE_LINK_TEXT.fullmatch(title):
            # `[Papers on X](…) [(course)](…) [(archive)](…)`: a word in parentheses names
            # another page of the link before it (its course, a copy), no resource of its own.
            links[-1][2].append(_inline_markdown(rest[position : end + 1]))
        else:
            links.append((title, href, []))
        position = end + 1
    return (label, links) if links else None


# A link's text that is a word or two in parentheses or brackets (`(course)`, `[archive]`),
# and a link as written, its text taken out.
_LINK_TEXT = re.compile(r"^\[(.*)\]\([^()]*\)$", re.DOTALL)
_ASIDE_LINK_TEXT = re.compile(r"\(\s*[^()\[\]]{1,30}\)|\[\s*[^()\[\]]{1,30}\]")


def _names_kind(lead_in: str) -> bool:
    """Whether a lead-in's words all name a kind of resource (`Video Resource:`, `Book`)."""
    words = re.sub(r"[^\w\s]+", " ", lead_in.casefold()).split()
    return bool(words) and all(word in _KIND_LEAD_WORDS for word in words)


def _first_link(inline: Sequence[Token]) -> int:
    """The index of the first `link_open` of ``inline`` (its length when there is none)."""
    return next(
        (index for index, token in enumerate(inline) if token.type == "link_open"), len(inline)
    )


def _closing_link(tokens: Sequence[Token], start: int) -> int:
    """The index of the `link_close` of the link opened at ``start`` (the last token when
    it is not closed)."""
    return next(
        (index for index in range(start, len(tokens)) if tokens[index].type == "link_close"),
        len(tokens) - 1,
    )


def _trailing_link(inline: Sequence[Token]) -> tuple[int, int, str] | None:
    """The one link of an item that names it after a lead-in ending with a colon, nothing but
    punctuation after it: ``**Required** to learn about monads: [Learn You a Haskell](…)``
    (OSSU's readings); the caller keeps the lead-in as its description."""
    spans = _real_link_spans(inline)
    if len(spans) != 1:
        return None
    start, end = spans[0]
    after = _plain(inline[end + 1 :])
    before = _plain(inline[:start]).rstrip()
    # A name before its URL may be one word ("Website: http://…" is read as a name); a lead-in
    # before a named link needs two ("See: [Delta](…)" is a pointer, no resource).
    needed = 1 if _url_named(inline, start, end) else 2
    note = _PARENTHESIZED.fullmatch(after.strip(" .;,"))  # "(Right-click to open in a new tab)"
    if (
        (after.strip(" .;,") and note is None)
        or not before.endswith((":", "\uff1a"))
        or len(before.split()) < needed
    ):
        return None
    return start, end, str(inline[start].attrGet("href"))


# A name set off from what it is before a bare URL: "Awesome OCR - список …", or by a
# full-width colon (Chinese, Japanese).
_NAME_SEPARATOR = re.compile(r"\s+[-\u2013\u2014]\s+|\s*\uff1a\s*")
# A quoted name near the start of an item's words: `Проект "Awesome GPT" представляет …`.
_QUOTED_NAME = re.compile(
    r"^(?:\S+\s+)?[\"\u201c\u00ab\u201e]([^\"\u201c\u201d\u00ab\u00bb]{2,80})[\"\u201d\u00bb]"
)


def _named_bare_url(inline: Sequence[Token]) -> tuple[int, int, str, str, str] | None:
    """An item written as words then its one link, a bare URL, nothing after it:
    (link start, link end, URL, name, description) when the words name it: a name set off
    by a dash or a full-width colon ("Awesome OCR - список …"), a quoted name near the start
    (`Проект "Awesome GPT" представляет …`: the words are its description), or a short name
    in capitals ("Consistency Models"). None for words that name nothing ("see
    https://…", a sentence without a name) and any other item."""
    spans = _real_link_spans(inline)
    if len(spans) != 1:
        return None
    start, end = spans[0]
    if not _url_named(inline, start, end):
        return None
    after = _plain(inline[end + 1 :]).strip(" .;,")
    before = _plain(inline[:start]).strip()
    if after == ")" and before.endswith("](") and before[:-2].strip():
        # "Apprendre et Maitriser Vagrant](http://…)": a link whose "[" was lost (GitHub shows
        # the words, then the URL linked): the link its author wrote, named by the words.
        return start, end, str(inline[start].attrGet("href")), before[:-2].strip(), ""
    if after == ")" and before.endswith("("):
        # "Emacs — an editor (https://…)": the URL in parentheses after the words naming it.
        before, after = before[:-1].rstrip(), ""
    if after:
        return None
    # (a dash before the URL sets it off from the words: "Nano - an editor - https://…")
    words = before.rstrip(".,;").rstrip("-\u2013\u2014").rstrip()
    if not words or words.endswith((":", "\uff1a")) or _lead_in_calls(inline, start):
        return None
    href = str(inline[start].attrGet("href"))
    if cited := _cited_title(inline[:start]):
        # `Myers, E. W. (2002). **On the sequencing …** Proceedings …, 99(7). https://doi.org/…`:
        # a citation, titled by its bold title, the citation its description.
        return start, end, href, cited, _inline_markdown(inline[:start]).strip()
    if _titled_parts(words):
        # "CSC - IT Center For Science - Cloud Team https://…": a name of parts in title case
        # (what a dash sets off as a description is said in lower case: "Vim — an editor").
        return start, end, href, words, ""
    name, described = _name_and_words(words)
    if described:
        return start, end, href, name, _markdown_after_name(inline[:start], described)
    quoted = _QUOTED_NAME.match(words)
    if quoted is not None:
        return start, end, href, quoted.group(1).strip(), _inline_markdown(inline[:start]).strip()
    names = words.split()
    # Words of a name each start with a capital or a digit ("Consistency Models"), but the
    # small words of a title in title case ("Semantic Image Synthesis with Spatially-Adaptive
    # Normalization", a paper's; "Philosophie für Neulinge", "Logik und Argumentation" in
    # another language's).
    if (
        (len(names) <= 6 and all(_capitalized(word) for word in names))
        or _is_title_phrase(words)
        or _is_title_phrase(words, _FOREIGN_SMALL_WORDS)
        or _lower_case_label(words)
    ):
        return start, end, href, words, ""
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class _NameOverURLs:
    """An item written a line each (`_name_over_bare_urls`): its name, then its bare URLs."""

    name: str
    urls: tuple[tuple[int, int, str], ...]  # (link start, link end, URL) of each URL line
    rest: int  # where the words after the URL lines start


# A name on a line of its own is short: a title, not a paragraph.
_LINED_NAME_WORDS = 20


def _name_over_bare_urls(inline: Sequence[Token]) -> _NameOverURLs | None:
    """An item written a line each, its first line a name without a link, each next line one
    bare URL and nothing else, then (optionally) what it is: `**Name**  ⏎ https://…  ⏎ …`
    (hard breaks) or the same over soft breaks. None for any other item, and for a first
    line that leads into its address (ending with a colon, or with a word pointing at it:
    `_POINTING_WORDS`, "The slides are here") or reads as a sentence."""
    cuts = [index for index, token in enumerate(inline) if token.type in _BREAKS]
    if not cuts:
        return None
    bounds = list(zip([-1, *cuts], [*cuts, len(inline)], strict=True))
    first = inline[: bounds[0][1]]
    if any(token.type == "link_open" for token in first):
        return None
    name = _plain(first).strip()
    if (
        not name
        or name.endswith((":", "\uff1a"))
        # (a line of words pointing at the address below it, "The slides are here", "More
        # at"; a bold name is a title whatever its last word, `**Implementation details**`)
        or (name.split()[-1].casefold() in _POINTING_WORDS and not _bold_title(first))
        or len(name.split()) > _LINED_NAME_WORDS
        or (name.endswith(".") and _is_sentence(name))
    ):
        return None
    urls: list[tuple[int, int, str]] = []
    rest = len(inline)
    for before, after in bounds[1:]:
        start, stop = before + 1, after
        while start < stop and _blank_text(inline[start]):
            start += 1
        while stop > start and _blank_text(inline[stop - 1]):
            stop -= 1
        spans = list(_link_spans(inline[start:stop]))
        if len(spans) != 1 or spans[0] != (0, stop - start - 1):
            rest = before + 1
            break
        if not _url_named(inline, start, stop - 1):
            rest = before + 1
            break
        urls.append((start, stop - 1, str(inline[start].attrGet("href") or "")))
    if not urls:
        return None
    return _NameOverURLs(name=name, urls=tuple(urls), rest=rest)


_BREAKS = frozenset({"softbreak", "hardbreak"})


def _blank_text(token: Token) -> bool:
    return token.type == "text" and not token.content.strip()


def _read_name_over_bare_urls(
    reading: _ItemReading, inline: Sequence[Token], lined: _NameOverURLs
) -> None:
    """Read an item written a line each (`_name_over_bare_urls`): titled by its first line, at
    its first URL, described by the lines after the URLs; other URLs (a series' next parts,
    another copy) kept after its description, with a warning."""
    start, end, href = lined.urls[0]
    words = list(inline[lined.rest :])
    while words and (words[0].type in _BREAKS or _blank_text(words[0])):
        words.pop(0)
    _read_leading_link(reading, [*inline[start : end + 1], *words], 0, end - start, href)
    reading.fields["title"] = lined.name
    if reading.description:
        reading.described = True
    others = [url for _, _, url in lined.urls[1:]]
    if others:
        reading.description.append(" ".join(f"<{url}>" for url in others))
        reading.warnings.append(
            (
                reading.line,
                f"{lined.name!r} gives {len(lined.urls)} addresses, one a line: read at the "
                f"first, {', '.join(others)} kept in its description",
            )
        )


def _lower_case_label(words: str) -> bool:
    """Whether words before a bare URL are a short label in lower case naming what is there
    (`free Book Introduction https://…`, `modern books from philosophers http://…`): two to
    five words, no punctuation of a sentence, not ending in a small word that leads on to
    the URL (`more examples at https://…`), not words naming material (`slides and video`:
    another page of what is above), and no sentence."""
    names = words.split()
    return (
        2 <= len(names) <= 5
        and names[0][:1].islower()
        and not re.search(r"[,;:!?()\[\]\"]|\.$", words)
        and names[-1].casefold() not in _FOREIGN_SMALL_WORDS
        and names[-1].casefold() not in ("here", "hier", "ici", "aquí", "aqui", "qui")
        and not _names_material(words)
        and not _is_sentence(words)
    )


def _titled_parts(words: str) -> bool:
    """Whether words are a name of two parts or more set off by dashes, each after the first
    a few words in title case (`CSC - IT Center For Science - Cloud Team`; one word after a
    dash, `Nano - Editor`, may as well say what it is)."""
    first, *parts = _NAME_SEPARATOR.split(words)
    return (
        bool(parts)
        and len(words.split()) <= _TITLE_PHRASE_WORDS
        and (_is_title_phrase(first) or (len(first.split()) == 1 and _capitalized(first)))
        and all(_is_title_phrase(part) for part in parts)
    )


def _bare_url_by_author(
    inline: Sequence[Token],
) -> tuple[int, int, str, tuple[str, str, str]] | None:
    """An item written as a work's title and author (`_title_by_author`), then its one link,
    a bare URL, nothing after it: (link start, link end, URL, (title, author, note))."""
    spans = _real_link_spans(inline)
    if len(spans) != 1:
        return None
    start, end = spans[0]
    if not _url_named(inline, start, end) or _plain(inline[end + 1 :]).strip(" .;,"):
        return None
    written = _inline_markdown(inline[:start]).strip().rstrip("-\u2013\u2014:\uff1a").rstrip()
    by = _title_by_author(written)
    if by is None:
        return None
    return start, end, str(inline[start].attrGet("href")), by


def _name_and_words(words: str) -> tuple[str, str]:
    """Words written before a URL they name, cut into the name and what it is where a dash
    sets a short name off ("Vim — a modal editor"): (name, description); (words, "") when
    nothing does (a name alone, or a sentence before its dash)."""
    words = words.strip()
    separator = _NAME_SEPARATOR.search(words)
    if separator is None:
        return words, ""
    name, rest = words[: separator.start()].strip(), words[separator.end() :].strip()
    if not rest or not 0 < len(name.split()) <= 6 or _is_sentence(name):
        return words, ""
    return name, rest


def _markdown_after_name(inline: Sequence[Token], described: str) -> str:
    """The markdown of what the words before a bare URL say after the name they open with
    (`_name_and_words`), without the dash or parenthesis that sets the URL off; the plain
    ``described`` when the markdown has no dash of its own."""
    written = _inline_markdown(inline).strip()
    separator = _NAME_SEPARATOR.search(written)
    if separator is None:
        return described
    return (
        written[separator.end() :].rstrip().rstrip("(").rstrip().rstrip("-\u2013\u2014").rstrip()
        or described
    )


# A work's title set off by quotes or emphasis, then "by" and who made it, a note in
# parentheses at most: `"Simple Made Easy" by Rich Hickey (Strange Loop 2011)`,
# `*The Mess We're In* by Joe Armstrong`.
_TITLE_BY_AUTHOR = re.compile(
    r'^\s*(?:"(?P<quoted>[^"]+)"|\u201c(?P<curly>[^\u201d]+)\u201d|\*(?P<starred>[^*]+)\*'
    r"|_(?P<underlined>[^_]+)_)\s*,?\s+by\s+(?P<author>[^()]+?)\s*"
    r"(?:\((?P<note>[^()]*)\))?\s*[.,;]?\s*$"
)


# The sites whose pages are titled "… - Site" and host talks (a pasted page title names its
# site last: `Rich Hickey - Inside Transducers - YouTube`).
_VIDEO_SITES = frozenset({"youtube", "vimeo", "infoq", "slideshare", "speaker deck", "speakerdeck"})
# A person's name as a video's page puts it before or after the talk's title: two to four
# capitalised words of letters (`Rich Hickey`, `Juan Pedro Bolívar Puente`, `Guy L. Steele`).
_PERSON_NAME = re.compile(r"[^\W\d_][\w.'\u2019-]*(?: [^\W\d_][\w.'\u2019-]*){1,3}")
# A title in quotes at the end of a page title, after the speaker or venue (`CppCon 2015: Ann
# Lee "Transducers: from Clojure to C++"`); the quotes may be mixed as people type them.
_QUOTED_LAST = re.compile(r'^(?P<before>.*\S)\s*[\u201c"](?P<title>[^\u201c\u201d"]+)[\u201d"]$')


def _video_page_title(text: str) -> tuple[str, str, str] | None:
    """A link text that is a video site's page title pasted (`NAME - TITLE - YouTube`,
    `TITLE - Vimeo`, `Venue: Speaker "TITLE" - YouTube`): (title, speaker or "", the note for the
    description: the site, after the venue when there is one). None for any other text, and
    where which part is the title is not clear (`Altium 19 - USB Routing - YouTube`)."""
    head, dash, site = text.rpartition(" - ")
    if not dash or site.strip().casefold() not in _VIDEO_SITES or not head.strip():
        return None
    site, head = site.strip(), head.strip()
    quoted = _QUOTED_LAST.match(head)
    if quoted is not None:
        return quoted["title"].strip(), "", f"{quoted['before'].rstrip(' :-')}, {site}"
    parts = [part.strip() for part in head.split(" - ")]
    if len(parts) == 1:
        return parts[0], "", site
    if len(parts) != 2:
        return None
    first, second = (
        _PERSON_NAME.fullmatch(part) is not None
        and all(w[0].isupper() and not (len(w) > 1 and w.isupper()) for w in part.split())
        for part in parts
    )  # (an acronym is no name: `USB Impedance Routing`)
    if first:
        # (two names either way round: the speaker first, as talks' uploads are titled)
        return parts[1], parts[0], site
    if second:
        return parts[0], parts[1], site
    return None


# A title in quotes, straight or curly, and nothing else.
_WHOLLY_QUOTED = re.compile(r'^\s*(?:"([^"]+)"|\u201c([^\u201c\u201d]+)\u201d)\s*$')


def _title_by_author(written: str) -> tuple[str, str, str] | None:
    """A talk's, paper's or book's words written as its title in quotes or emphasis, "by",
    its author (``"Simple Made Easy" by Rich Hickey (Strange Loop 2011)``): (title, author,
    the note in parentheses or ""). None for any other words, and for an "author" of more
    than eight words (a sentence going on after "by")."""
    match = _TITLE_BY_AUTHOR.match(written)
    if match is None:
        return None
    title = next(
        group
        for group in (match["quoted"], match["curly"], match["starred"], match["underlined"])
        if group is not None
    ).strip()
    author, separator, where = _split_separator(match["author"].strip())
    if separator not in (" - ", " \u2013 ", " \u2014 ", " | "):
        author, where = match["author"].strip(), ""  # ", " and ": " are part of a name list
    if not title or not 0 < len(author.split()) <= 8 or _is_sentence(author):
        return None
    # (`"Transducers" by Rich Hickey - YouTube`: where it is said after a dash)
    note = ", ".join(part for part in (where.strip(), (match["note"] or "").strip()) if part)
    return title, author.strip(), note


# A link text that credits its work's authors after "by", written so that the credit cannot
# be part of the title: each author in emphasis (`The Selfish Gene by *Richard Dawkins*`,
# `… by *Hartl* and *Clark*`, `… by *Jobling* et al`), or in a title written in a script
# without spaces between words, where the English "by" is a credit line, glued to the title's
# full-width punctuation or not (`心流… by Mihaly Csikszentmihalyi`, `…自傳》by Linus
# Torvalds, David Diamond`, `… by 許皓宜`). An English title with a plain name after "by" is
# left whole: the words may be the title's own (`Cell Biology by The Numbers`, `Query
# Optimization by Simulated Annealing`).
_CREDITED = re.compile(
    r"^(?P<title>.*?\S)(?:\s+|(?<=[\u3000-\u303f\uff01-\uff1f]))by\s+(?P<by>.+)$"
)
# One author in emphasis: a name, with a capital (`*doing*` in `Learning by *doing*` is the
# title's own word, stressed).
_EMPHASIZED_NAME = re.compile(r"\*([^*]+)\*|_([^_]+)_")
_EMPHASIZED_AUTHORS = re.compile(
    r"^(?:\*[^*]+\*|_[^_]+_)(?:\s*(?:,|\band\b|&)\s*(?:\*[^*]+\*|_[^_]+_))*(?:\s+et al\.?)?$"
)
# One author of a credit line in a spaceless script's title: a name in that script (`許皓宜`,
# `財團法人車輛研究測試中心`), or two capitalised words or more and initials (`Robert H. Frank`,
# `Dr. David B. Agus`, `Tim O'Reilly`; one word may be the title's own: `入門 by Example`), a
# name in the other script after it at most (`游舒帆 Gipi`).
_CREDITED_NAME = re.compile(
    r"(?:[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u00b7\u2027\u30fb]{2,16}"
    r"|[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){1,4})"
    r"(?: [A-Z][\w.'\u2019-]*)?"
)
_CREDIT_SEPARATOR = re.compile(r"\s*(?:,|\u3001|\uff0c|\band\b|&)\s*")


def _credited_title(written: str) -> tuple[str, str] | None:
    """A link text written as its work's title, "by", then its authors, where the credit is
    plainly no part of the title (`_CREDITED`): (title, authors); None for any other text."""
    match = _CREDITED.match(written.strip())
    if match is None:
        return None
    title, by = match["title"].strip(), match["by"].strip()
    if _EMPHASIZED_AUTHORS.match(by):
        if not all(
            (name[1] or name[2]).lstrip()[:1].isupper() for name in _EMPHASIZED_NAME.finditer(by)
        ):
            return None
        return title, re.sub(r"[*_]", "", by)
    if not _UNSPACED_LETTER.search(title + by):
        return None
    names = [name for name in _CREDIT_SEPARATOR.split(by) if name]
    if not 0 < len(names) <= 8 or not all(_CREDITED_NAME.fullmatch(name) for name in names):
        return None
    if title.endswith(("\u300b", "\u3009")) and not re.search("[\u300a\u3008]", title):
        title = title[:-1]  # (`…自傳》by …`: the closing mark of a title opened nowhere)
    return title.rstrip("\u3002 "), ", ".join(names)


def _one_word_lead_in(inline: Sequence[Token]) -> tuple[int, int, str] | None:
    """The one link of an item written as one word, a colon, then a named link and nothing
    after it (``See: [Delta](…)``, ``Reddit: [List …](…)``): (start, end, URL); None for
    any other item (two words or more are `_trailing_link`'s)."""
    spans = _real_link_spans(inline)
    if len(spans) != 1:
        return None
    start, end = spans[0]
    before = _plain(inline[:start]).rstrip()
    if (
        _plain(inline[end + 1 :]).strip(" .;,")
        or not before.endswith((":", "\uff1a"))
        or len(before.split()) != 1
        or _url_named(inline, start, end)
    ):
        return None
    return start, end, str(inline[start].attrGet("href"))


def _labelled_lead_link(inline: Sequence[Token]) -> tuple[int, int, str] | None:
    """The first link of an item written as a label of one or two words, the link, then a
    description set off by a dash (``cli-tool [ncdu](…) - Ncdu is …``, ``t3n.de: [Tool-Check
    …](…) - german article``): (start, end, URL). None for any other item: a label and a
    link alone (``See: [Delta](…)``, a pointer) or words that go on as a sentence."""
    spans = _real_link_spans(inline)
    if not spans:
        return None
    start, end = spans[0]
    if any(token.type not in ("text", "softbreak") for token in inline[:start]):
        return None
    written = _plain(inline[:start]).strip()
    label = written.rstrip(":\uff1a").strip()
    after = _plain(inline[end + 1 :]).strip()
    if not 0 < len(label.split()) <= 2 or _lead_in_calls(inline, start):
        return None
    dash = next((mark for mark in ("-", "\u2013", "\u2014") if after.startswith(mark)), "")
    if dash and after[len(dash) :].strip():
        return start, end, str(inline[start].attrGet("href"))
    named = _plain(inline[start + 1 : end]).strip()
    if (
        _QUALIFIER_LABEL.fullmatch(written)
        and (not after or after.startswith(","))
        # (`Code Search [src](…)`: a link named by where it leads is the name's own link)
        and not (_WHERE_LABEL.fullmatch(named) or re.fullmatch(r"[a-z]+", named))
    ):
        # `1979, [Access Path Selection …](…), SIGMOD`, `CMU [Database Systems](…), thanks to
        # [A. Pavlo](…)`: the year a paper came out, the school a course is taught at, before
        # the work's link; where or by whom after it.
        return start, end, str(inline[start].attrGet("href"))
    return None


# The year a paper came out, written before its link (`1979, [Title](…), SIGMOD`).
_PAPER_YEAR = re.compile(r"(?:1[89]|20)\d\d[,.]?")
# The words before a work's link that say when or where it is from: a year (`1979,`), or a
# name of one or two capitalised words (`CMU`, `UC Berkeley`), no colon (`See:` points).
_QUALIFIER_LABEL = re.compile(
    rf"{_PAPER_YEAR.pattern}|(?!(?:Or|And|See|Also|Read|Try|Watch|The|A|An)\b)"
    r"[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*)?"
)


def _capitalized(word: str) -> bool:
    """Whether a word is written as a name's: a capital or a digit first, or a brand's capital
    later (`jOOQ`, `eFounders`, `.NET`)."""
    word = word.lstrip("\"'([\u201c\u00ab.")
    return word[:1].isupper() or word[:1].isdigit() or any(c.isupper() for c in word[1:])


_STRUCK = re.compile(r"~~(?=\S)(.+?)~~")
_PARENTHESIZED = re.compile(r"\([^()]*\)")
# Words of a lead-in that names what kind of resource its link is (`Video Resource:`).
_KIND_LEAD_WORDS = frozenset(
    {*KIND_WORDS, "resource", "resources", "reading", "recommended", "site", "sites", "website"}
    | {"websites"}
)
# An outline number opening a heading ("3.2.4. Sites", "2.1 Linux").
_OUTLINE_NUMBER = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})*\.?\s+")


# Code hosts whose first two path parts name a repository (owner and name).
_CODE_HOSTS = frozenset({"github.com", "gitlab.com", "bitbucket.org", "codeberg.org"})


def _home(url: str) -> tuple[str, tuple[str, ...]]:
    """Where a link's page lives: its host (without `www.`) and its path's parts; on a code
    host, the repository (owner and name), its `owner.github.io/name` pages the same one."""
    parts = urlsplit(url)
    host = (parts.hostname or "").casefold().removeprefix("www.")
    path = tuple(part for part in parts.path.casefold().split("/") if part)
    if host.endswith(".github.io"):
        return "github.com", (host.removesuffix(".github.io"), *path[:1])
    if host in _CODE_HOSTS:
        return host, path[:2]
    return host, path


# Domains that host anyone's pages, each name under them a site of its own to a reader
# (`kelp.netlify.app`, `tern.netlify.app`): the registrable domain is one label below them.
_SHARED_HOST_DOMAINS = frozenset(
    {
        "appspot.com", "azurewebsites.net", "blogspot.com", "firebaseapp.com", "gitbook.io",
        "github.io", "gitlab.io", "glitch.me", "herokuapp.com", "itch.io", "neocities.org",
        "netlify.app", "notion.site", "pages.dev", "readthedocs.io", "substack.com",
        "tumblr.com", "vercel.app", "web.app", "wordpress.com",
    }
)  # fmt: skip
# Second-level names that countries' registries keep for everyone (`acme.co.uk`,
# `acme.com.au`, `acme.ac.jp`): the registrable domain is one label below them.
_COUNTRY_SECOND_LEVELS = frozenset(
    {"ac", "co", "com", "edu", "go", "gov", "ne", "net", "or", "org"}
)


def _registrable_domain(host: str) -> str:
    """The part of a host name one owner registers, as a reader tells sites apart: its last
    two labels (`docs.acme.dev` → `acme.dev`), three under a country's shared second level
    (`shop.acme.co.uk` → `acme.co.uk`) or one below a domain that hosts anyone's pages
    (`kelp.netlify.app`); an address (`127.0.0.1`) as it is."""
    labels = host.split(".")
    if len(labels) < 3 or host.replace(".", "").isdigit():
        return host
    if ".".join(labels[-2:]) in _SHARED_HOST_DOMAINS:
        return ".".join(labels[-3:])
    if len(labels[-1]) == 2 and labels[-2] in _COUNTRY_SECOND_LEVELS:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _same_site(url: str, link: str) -> bool:
    """Whether two links lead to one site: on a code host, one repository (`_home`); else
    hosts of one registrable domain (`_registrable_domain`: `acme.dev`, `docs.acme.dev` and
    `blog.acme.dev` are one site, `kelp.netlify.app` and `tern.netlify.app` two), or one
    name but for their last part (`zed.example.org`, its mirror `zed.example.cn`)."""
    host, path = _home(url)
    linked_host, linked_path = _home(link)
    if not host or not linked_host:
        return False
    if host in _CODE_HOSTS or linked_host in _CODE_HOSTS:
        return (host, path) == (linked_host, linked_path)
    name, linked_name = (
        host.rpartition(".")[0] or host,
        linked_host.rpartition(".")[0] or linked_host,
    )
    return name == linked_name or _registrable_domain(host) == _registrable_domain(linked_host)


def _leads_into(url: str, link: str) -> bool:
    """Whether ``link`` is a page of what ``url`` is: on its host (or a subdomain of it), at
    or under its path; on a code host, in its repository (`/tree/…`, its pages)."""
    host, path = _home(url)
    linked_host, linked_path = _home(link)
    return (
        bool(host)
        and (linked_host == host or linked_host.endswith("." + host))
        and linked_path[: len(path)] == path
    )


def _own_facets(url: str, candidates: Sequence[_Candidate]) -> bool:
    """Whether the links listed under a heading that is a link are that resource's own facets
    (`### [Foo](github.com/acme/foo)` over `- [Docs](acme.github.io/foo)`, `- [Source](…)`),
    not resources of their own: each a bare link (nothing said after it, nothing under it)
    with a short text (three words at most), and at least half of them pages of the heading's
    own resource (`_leads_into`). Links to other pages of a site, named at more length or
    described, are what a category heading lists (`#### [Audiovisual](…/term/20)` over
    `* [Digital Signage](…/av/signage)`)."""
    if not candidates or not all(
        candidate.url
        and not candidate.description
        and not candidate.children
        and len(candidate.title.split()) <= 3
        for candidate in candidates
    ):
        return False
    if all(_names_material(candidate.title) for candidate in candidates):
        # `[Code](…)`, `[Website](…)` under a paper or a course: its material wherever it
        # is kept (a repository, a video site), never resources of their own.
        return True
    host, path = _home(url)
    if host in _CODE_HOSTS and len(path) < 2:
        # A heading naming an owner (`[Acme](github.com/acme)`) over its repositories: a
        # catalog of things, not one thing's pages.
        return False
    inside = [candidate.url for candidate in candidates if _leads_into(url, candidate.url)]
    if _parallel_pages(inside):
        return False
    return 2 * len(inside) >= len(candidates)


def _parallel_pages(links: Sequence[str]) -> bool:
    """Whether two of ``links`` are side by side in one folder of one site
    (`ocw.mit.edu/courses/18-06`, `…/courses/18-01`): entries of a site's catalog, listed
    under the site's heading, not facets of one resource (its docs, its source, a talk)."""
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for link in links:
        host, path = _home(link)
        if host in _CODE_HOSTS or not path:
            continue
        folder = (host, path[:-1])
        if folder in seen:
            return True
        seen.add(folder)
    return False


def _why_a_section(unit: _Unit) -> str:
    """What makes a heading that is a link a section, as its warning says it: the headings
    under it (it would stand for its link otherwise), or the resources listed under it."""
    if unit.heading_resource is not None:
        return "the headings under it make it a section"
    if unit.candidates:
        count = len(unit.candidates)
        listed = f"{count} resource{'s' if count != 1 else ''}"
        return f"the list of links under it ({listed}) makes it a section"
    if unit.contents:
        return "the list of links into this document under it (contents) makes it a section"
    if unit.heading is not None and unit.heading.marked:
        return "its anchor (written by `publisher readme`) marks it a section"
    return "its title names a section of the list, not a resource"


# At least this many words of prose over a lone link bullet describe what the heading names.
_DESCRIPTION_WORDS = 12


def _described_over_one_link(unit: _Unit, title: str) -> bool:
    """Whether a heading's body is prose about one thing (a paragraph of words, no link in
    it), then one bullet that is only a link naming what the heading names (`_same_name`):
    that thing, at that link. A second bullet (another offering of a course) makes it a
    section of those links, and so does a link to something else (`### Introduction to
    Programming` over its one course, `Python for Everybody`)."""
    if len(unit.candidates) != 1 or unit.first_link or unit.link_line:
        return False
    only = unit.candidates[0]
    return (
        bool(only.url)
        and not only.description
        and not only.children
        and not only.siblings
        and not only.group
        and len(unit.intro.split()) >= _DESCRIPTION_WORDS
        and _same_name(title, only.title)
    )


def _card_named_apart(heading: _Block | None, body: list[_Block]) -> bool:
    """Whether the one card under a heading (level 2 or deeper) names something else than the
    heading does, by a name of its own, and nothing but text beside it (`## Editors` over
    `[**Vim**](…)` and a line on it): a section holding one resource, as awesome lists have
    many, not the heading's link line (`## Course` over `🔗 [**Link to Course**](…)`,
    `[**Course**](…)`, a link over its syllabus)."""
    if heading is None or heading.level < 2 or heading.url:
        return False
    card = next(block for block in body if block.lone is not None)
    if len(card.resources) != 1 or any(
        block is not card and block.kind not in ("text", "skip")
        for block in _unfolded(body, heading)
    ):
        return False  # a list after it: a course's syllabus under its link line
    title = card.resources[0].title
    return not (
        _same_name(heading.title, title)
        or _LINK_LABEL.fullmatch(title)
        or _WHERE_LABEL.fullmatch(title)
        or _is_material(title)
        or re.match(r"link\b", title, re.IGNORECASE)
        or _CALL_LABEL.match(title)
    )


def _unfolded(body: list[_Block], heading: _Block | None) -> list[_Block]:
    """The blocks of a heading's body outside any `<details>` whose `<summary>` names what it
    folds (`<details><summary><b>ICRA</b></summary>` over a list: a subsection of its own,
    `_nested_details`), in order."""
    kept: list[_Block] = []
    depth = 0  # `<details>` open, the outermost naming what it folds
    for block in body:
        if block.kind == "skip" and block.details:
            if depth:
                depth = max(depth + block.details, 0)
            elif block.details > 0 and block.title and _names_folded(block.title, heading):
                depth = block.details
            continue
        if not depth:
            kept.append(block)
    return kept


# A link text that tells the reader to follow it ("Open the course", "Watch the lectures",
# "Enroll here"): the heading's link line, however the rest of it reads.
_CALL_LABEL = re.compile(
    r"(?i)(?:open|view|watch|visit|read|download|start|try|see|click|access|join|enrol+|"
    r"register|sign\s+up|go\s+to|get\s+started)\b"
)


def _same_name(heading: str, link: str) -> bool:
    """Whether a link's text names what a heading names: its words are the heading's
    (`NYU Tandon's OSIRIS Lab's Hack Night` under `NYU Tandon School of Engineering - OSIRIS
    Lab's Hack Night`), or one part of the heading between dashes is all in it (`CSCI 4976 -
    Fall '15 Malware Analysis` under `Rensselaer Polytechnic Institute - Malware Analysis`).
    A word matches a word it starts (`MOBISEC` and `MOBISEC2018`)."""

    def words(text: str) -> list[str]:
        return re.findall(r"\w+", text.casefold())

    def within(some: list[str], others: list[str]) -> bool:
        return bool(some) and all(
            any(
                word == other
                or (min(len(word), len(other)) >= 4 and word.startswith(other))
                or (min(len(word), len(other)) >= 4 and other.startswith(word))
                for other in others
            )
            for word in some
        )

    linked = words(link)
    return within(linked, words(heading)) or any(
        within(words(part), linked) for part in re.split(r"\s[-\u2013\u2014]\s", heading)
    )


def _names_category(heading: _Block, unit: _Unit) -> bool:
    """Whether a heading without a link names a kind of resource (`#### 4.1.3. MOOC`, `Sites`,
    `## Books`) over a link line: a category holding that resource, not a course the heading
    names (what a course heading over its link line is). Over a list of links too when the
    link line is the link alone, no label before it: one more of the category's resources,
    so adding a bullet under it keeps it one (it would otherwise fall back into the intro).
    A labelled link over a list (`Source: [awesome-x](…)`, `See also: …`) says where the
    list comes from or what else to read: the section's intro, as any words over a list."""
    return (
        not heading.url
        and bool(unit.link_line_title)
        and (not unit.has_link_resources or (unit.link_line_alone and not unit.link_line_labelled))
        and _names_kind(_OUTLINE_NUMBER.sub("", heading.title))
    )


def _names_own_page(heading: _Block, unit: _Unit) -> bool:
    """Whether a heading without a link that names a thing, not a kind (`### CS25:
    Transformers United`, not `## Books`), stands over a list of links and a link line with
    no label before it whose words only say what the link is (`[Website](…) | Instructor:
    …`, `[Lectures](…)`: `_OWN_PAGE_WORDS`): that thing's own page, the first resource of
    the section the list makes. A labelled link (`Source: [x](…)`) or one named otherwise
    stays the intro's."""
    return (
        not heading.url
        and not heading.marked  # (`publisher readme` writes a section's intro as it was)
        and bool(unit.link_line)
        and unit.has_link_resources
        and not unit.link_line_labelled
        and " ".join(re.sub(r"[^\w\s]+", " ", unit.link_line_title.casefold()).split())
        in _OWN_PAGE_WORDS
        and not _names_kind(_OUTLINE_NUMBER.sub("", heading.title))
    )


def _without_leading_link(intro: str, title: str, url: str) -> str:
    """An intro without the link ``[title](url)`` that starts one of its lines, nor the bar,
    dash or colon after it (`[Website](…) | Instructor: Ada` → `Instructor: Ada`)."""
    pattern = re.compile(
        r"^[ \t]*\[" + re.escape(title) + r"\]\(<?" + re.escape(url) + r">?\)"
        r"[ \t]*(?:[|\-\u2013\u2014:\u00b7][ \t]*)?",
        re.MULTILINE,
    )
    return pattern.sub("", intro, count=1)


# A link's words that name the page of what a heading names (a course's, a project's site),
# not a code host's (`[GitHub](…)` under a person's name is their profile, their projects
# listed under it).
_OWN_PAGE_WORDS = frozenset(
    {
        "website", "web site", "homepage", "home page", "site", "official site",
        "official website", "course page", "course website", "lectures",
    }
)  # fmt: skip


_NAMED_URL_REST = re.compile(r"\s*[:\uff1a]\s*(?:\S*://|\[|<)\S*\s*$")


def _struck_out(inline: Sequence[Token]) -> bool:
    """Whether an item strikes out what names it: its leading link (`~~[Name](url)~~ - …`), or
    the URL or name of a `Name: URL` item (`Name: ~~`url`~~`, `~~Name~~: url`). A strikethrough
    further on (`[Foo](…) - A library. ~~Old home: [x](…)~~`, `was ~~http://old~~`) is part of
    the description: the resource stands."""
    written = _inline_markdown(inline)
    if "~~" not in written:
        return False
    for match in _STRUCK.finditer(written):
        struck, before, after = match.group(1), written[: match.start()], written[match.end() :]
        linked = "](" in struck or "://" in struck
        if not any(character.isalnum() for character in before):
            # At the item's start (after emoji or emphasis): its link, or a name before its URL.
            return linked or bool(_NAMED_URL_REST.match(after))
        # "Name: ~~URL~~" with nothing after it; any other strikethrough is description.
        return (
            linked
            and before.rstrip().endswith((":", "\uff1a"))
            and "](" not in before
            and "://" not in before
            and not after.strip(" .;,*_`")
        )
    return False


def _url_named(inline: Sequence[Token], start: int, end: int) -> bool:
    """Whether a link's text is only its URL (`[http://appshopper.com/](http://appshopper.com/)`,
    a bare URL): then the words before it, up to a colon (ASCII or full-width), are its name."""
    text = _plain(inline[start + 1 : end]).strip().rstrip("/").casefold()
    href = str(inline[start].attrGet("href") or "").strip().rstrip("/").casefold()
    return bool(text) and text.split("://")[-1] == href.split("://")[-1]


# A lead-in that asks something of the reader or speaks of the list itself ("Follow the author
# on Mastodon:", "Sponsored by:", "Read this list in Chinese:", "Released under the license:"):
# its link is no resource; nor is it after "I" as a pronoun ("I would love a star:"), never
# "Part I:" ("me", "us", "my" lead into resources too: "My favourite intro to Haskell:").
_CALL_TO_ACTION = re.compile(
    r"\b(?:follow|join|sponsor\w*|support\w*|donat\w*|patreon|subscribe\w*|licen[cs]\w*|"
    r"translat\w*|read (?:this|it)(?: \w+)? in|versions? in|star\w*|fork\w*|discuss\w*|chat|"
    r"contact|e-?mail|hire|tip|buy me|share)\b",
    re.IGNORECASE,
)
_AUTHOR_WORDS = re.compile(r"\bI(?:'\w+)?\s+[a-z]")
# A bullet that is itself a call to action: a verb of asking first, then the author or the list
# as its object ("Star this repo", "Follow me on Twitter", "Buy me a coffee", "Join our
# Discord", "Give it a star"). An object is required: "Support Vector Machines", "Follow the
# Data" and "Share Your Models with the Hub" are resources.
_CALL_ITEM = re.compile(
    r"^\W*(?:please\s+|(?:do(?:n'?t| not) forget|feel free|remember) to\s+|consider\s+)?(?:"
    r"(?:star|follow|share|sponsor|support|donat|subscrib|join|fork|like|tip|hire|contact|add|"
    r"tweet|retweet|upvote)(?:e|es|s|ed|d|ing|red|ring|ped|ping|ting)?\s+(?:(?:to|on|in|with|for)\s+)?"
    r"(?:me|my|us|our|it|this\s+(?:repo|repository|project|list|road\s?map|roadmap))\b"
    r"|buy\s+(?:me|us)\b"
    r"|(?:give|leave|drop)\s+(?:(?:it|this(?:\s+\w+)?|us|me)\s+)?an?\s+(?:\W\s*)?star\b)",
    re.IGNORECASE,
)


def _is_call_to_action(title: str) -> bool:
    """Whether a bullet's title asks something of the reader for the author or the list
    ("Star this repo", "Buy me a coffee"): no resource."""
    return _CALL_ITEM.match(title) is not None


def _lead_in_calls(inline: Sequence[Token], start: int) -> bool:
    """Whether the words before an item's trailing link are a call to action or the
    author's own ask, not what the link is for."""
    # Words in quotation marks are someone's quoted (`“I'm going to a commune …” - the note
    # left by an engineer. Source: [The Soul of a New Machine](…)`), never the author's ask.
    before = _QUOTED_WORDS.sub(" ", _plain(inline[:start]))
    return bool(_CALL_TO_ACTION.search(before) or _AUTHOR_WORDS.search(before))


# A quotation in typographic or straight double quotes, or in guillemets.
_QUOTED_WORDS = re.compile(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"|\u00ab[^\u00bb]*\u00bb")


# A code span that marks an item before its link (`` `B` [Queue](…) ``, its level; `` `new` ``,
# `` `PDF` ``): one short word, as the code spans after a link read as tags are. A command
# (`` `brew install x` - [x](…) ``) has spaces, and a dash before the link: `_code_led`.
_CODE_MARK = re.compile(r"[^\s`]{1,12}")


def _code_marks_end(before: Sequence[Token]) -> int:
    """Where the code spans that mark an item end among the tokens before its link: each
    one short word (`_CODE_MARK`), only spaces between them and after the last, the link
    right after (``- `B` [Queue](…)``: its level). 0 when none lead the item."""
    position = end = 0
    while position < len(before):
        token = before[position]
        if token.type == "code_inline" and _CODE_MARK.fullmatch(token.content.strip()):
            end = position + 1
        elif token.type != "text" or token.content.strip():
            break
        position += 1
    return (
        end
        if end and all(token.type == "text" and not token.content.strip() for token in before[end:])
        else 0
    )


def _is_lead(token: Token) -> bool:
    if token.type in ("strong_open", "em_open", "image", "link_open", "link_close", "softbreak"):
        return True
    if token.type == "html_inline":
        # A named anchor (`<a name="opencode"></a>[**opencode**](…)`, the best-of tables'
        # rows): a place to jump to, nothing a reader sees. Not `<a href>`: a link of its own.
        return _EMPTY_ANCHOR.match(token.content) is not None
    if token.type in ("text", "text_special"):
        return not _emoji_prefix(token.content)[1]
    return False


def _leading_kind(inline: Sequence[Token], link_start: int) -> str:
    for token in inline[:link_start]:
        if token.type == "text":
            kind = _emoji_prefix(token.content)[0]
            if kind:
                return kind
    return ""


# --- list items ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    candidate: _Candidate | None
    resource_like: bool
    toc: bool = False
    warnings: list[tuple[int, str]] = field(default_factory=list)
    link_led: bool = False
    lead_in: str = ""
    # Its lead-in names a kind of resource (`**Video Resource**: [Title](…)`): a resource
    # whatever its neighbours are (the tasks of a study plan around it).
    kind_lead: bool = False
    described: bool = False  # see `_ItemReading.described`
    name_link: _Candidate | None = None  # see `_ListItem.name_link`
    set_link: _Candidate | None = None  # see `_ListItem.set_link`
    # It starts with a link whose destination is empty (`[Part II]()`): a link still to come.
    empty_link: bool = False
    # Code spans after its link read as tags (`_ItemReading.marks`): the item read without
    # that, for a list where it alone is written so.
    unmarked: _Candidate | None = None
    # Its link's text read whole, where its reading credits it ambiguously (see
    # `_ListItem.uncredited`).
    uncredited: _Candidate | None = None
    code_tags: bool = False  # see `_ItemReading.code_tags`
    shaped: bool = False  # see `_ListItem.shaped`
    written: _Candidate | None = None  # see `_ListItem.written`
    written_warnings: tuple[tuple[int, str], ...] = ()


def _item_markdown(lines: list[str], start: int, stop: int) -> str:
    """A list item's content as written (lines ``start`` to ``stop``), without its marker and
    its indent."""
    indent = _content_indent(lines[start] if start < len(lines) else "")
    first = lines[start][indent:] if start < len(lines) else ""
    rest = _dedented(lines, start + 1, stop, indent)
    return "\n".join(part for part in (first.strip(), rest) if part).strip()


def _list_item(item: _Item, token: Token, lines: list[str]) -> _ListItem:
    """What `_resolve_lists` needs of one item: its reading and its markdown."""
    start, stop = token.map or (0, 0)
    markdown = _item_markdown(lines, start, stop)
    candidate = item.candidate
    if (
        candidate is not None
        and not candidate.url
        and not candidate.children
        and _UNDEFINED_REFERENCE.match(markdown)
    ):
        # `- [Beta][beta] - …` whose `[beta]: URL` is missing (a typo, or the definitions
        # moved away in one version): its brackets are no title of a resource without a URL.
        candidate = None
        item = replace(item, resource_like=False)
    return _ListItem(
        candidate=candidate,
        line=start,
        markdown=markdown,
        resource_like=item.resource_like,
        link_led=item.link_led,
        # A link named like a course's material ("Notes", "Slides") that says what it is
        # ("[Notes](…) - Clean, simple note-taking app.") is a resource of that name, as a
        # linked item named like a call to action is (below).
        material=item.link_led
        and candidate is not None
        and _is_material(candidate.title)
        and not _has_own_fields(candidate)
        and not (candidate.url and item.described),
        toc=item.toc,
        # A linked item that says what it is ("[Buy Me a Coffee](…) - Accept support from
        # fans.") is a resource named like an ask (a service, a widget); the ask itself is
        # its text alone, or goes on as a sentence ("[Following me on X](…) so I can …").
        call=candidate is not None
        and not candidate.children
        and not (candidate.url and item.described)
        and _is_call_to_action(candidate.title),
        warnings=tuple(item.warnings),
        lead_in=item.lead_in,
        kind_lead=item.kind_lead,
        name_link=item.name_link,
        set_link=item.set_link,
        about=candidate is not None
        and not candidate.children
        and not item.described
        and _is_about_the_list(candidate),
        unmarked=item.unmarked,
        uncredited=item.uncredited,
        code_tags=item.code_tags,
        shaped=item.shaped,
        written=item.written,
        written_warnings=item.written_warnings,
    )


# A repository's own pages of work on it (not a resource of a list: the list's way in).
_PROJECT_PAGE = re.compile(
    r"https?://(?:www\.)?github\.com/[^/\s]+/[^/\s]+/"
    r"(?:issues|pulls|discussions|graphs/contributors)/?",
    re.IGNORECASE,
)


# What a link to a repository's pages of work is titled when it is the list's way in
# ("* [Issues](…/issues)" in a "Get Involved" block); "Issue tracker", "GitHub Discussions",
# "Good first issues" name a project's community, a resource of a list about it.
_PROJECT_PAGE_TITLES = frozenset({"issues", "pull requests", "pull request", "pulls"})


def _is_about_the_list(candidate: _Candidate) -> bool:
    """A link bullet that leads to the list's own files or pages, saying so: a license or
    contributing guide beside the README (a relative link with a meta title), a repository's
    issues or pull requests titled only so (any other page of a repository is a resource)."""
    url = candidate.url
    if not url:
        return False
    if is_relative_link(url):
        return meta_heading(candidate.title)
    return _PROJECT_PAGE.fullmatch(url) is not None and (
        heading_key(candidate.title) in _PROJECT_PAGE_TITLES or meta_heading(candidate.title)
    )


def _has_own_fields(candidate: _Candidate) -> bool:
    """A resource's own fields (an ``ID:``, tags, an author …): a link that carries them is a
    resource of its own, whatever its text ("labs" with its own metadata line)."""
    return bool(
        candidate.id
        or candidate.kind
        or candidate.author
        or candidate.tags
        or candidate.cost
        or candidate.time
        or candidate.level
        or candidate.prerequisites
    )


# Words that name what a course or lecture comes with (its page, videos, notes, code), as a
# link's whole text is made of them: `Lecture series, YouTube`, `GitHub notebooks`, `Website`.
# A word list on purpose: `[Website](…)` under a course and `[Black](…)` under `### Tools`
# have the same shape (a bare link bullet, nothing after it); only the words say that one
# names a kind of material, not a thing. (Siblings read as courses by their link lines would
# decide for ai-curriculum's, but would make `### Tools` over `[Website]` a course too.)
MATERIAL_WORDS = frozenset(
    {
        "lecture", "lectures", "series", "video", "videos", "youtube", "playlist", "website",
        "homepage", "course", "page", "notes", "slides", "notebook", "notebooks", "jupyter",
        "files", "github", "repo", "repository", "code", "exercises", "assignments", "readings",
        "syllabus", "recordings", "transcript", "transcripts", "materials", "official", "and",
        "the", "of", "site", "link",
    }
)  # fmt: skip


def _names_material(title: str) -> bool:
    """A link text made only of words naming a course's material (`YouTube video lecture`,
    `Lecture series, YouTube`): the link of what it is under, not a resource of its own."""
    words = re.sub(r"[^\w\s]+", " ", title.casefold()).split()
    return _is_material(title) or (bool(words) and all(word in MATERIAL_WORDS for word in words))


def _is_material_link(candidate: _Candidate) -> bool:
    """A resource read from a bare material link (`- [Website](…)`): a link named like
    material (`_names_material`), nothing said after it, nothing under it."""
    return (
        bool(candidate.url)
        and not candidate.description
        and not candidate.children
        and _names_material(candidate.title)
    )


def _is_material(title: str) -> bool:
    """A link text that names a course's material, not a resource of its own."""
    return " ".join(re.sub(r"[^\w\s&]+", " ", title.casefold()).split()) in MATERIAL_LABELS


@dataclass(slots=True)
class _ItemReading:
    """What one list item has given so far, filled in step by step by `_item`'s helpers."""

    line: int  # 0-based line of the item's marker
    fields: dict[str, Any] = field(default_factory=dict)  # the candidate's fields
    description: list[str] = field(default_factory=list)  # markdown parts, joined at the end
    nested: list[_Candidate] = field(default_factory=list)  # nested bullets read as resources
    warnings: list[tuple[int, str]] = field(default_factory=list)
    resource_like: bool = False
    link_led: bool = False  # it starts with its link (or is a paper-list item)
    leading_link: bool = False  # it starts with its link (a paper-list item does not)
    # It names a paper as a paper list does (`**Title.** Venue [[pdf]](…)`, `_paper_item`),
    # or in bold before its links in brackets (`**AutoEncoder** [[science](…)]`).
    paper: bool = False
    # "Lead-in: [link]": "resource" (read as one), "call" (a call to action, read as words),
    # "named" ("Name: http://…", the link's text its URL), "label" ("free Book Introduction
    # https://…", a label in lower case before a bare URL), "official" ("Name: … [官网](…)",
    # `_read_official_site_item`), "pointer" (see `pointer`).
    lead_in: str = ""
    # Its lead-in names a kind of resource (`**Video Resource**: [Title](…)`): a resource
    # whatever its neighbours are (the tasks of a study plan around it).
    kind_lead: bool = False
    siblings: tuple[_Candidate, ...] = ()  # see `_Candidate.siblings`
    # "Name: … [a link] …" read as Name at that link (`_name_link`): the item's reading only
    # in a list written the official way.
    name_link: _Candidate | None = None
    set_link: _Candidate | None = None  # see `_ListItem.set_link`
    # "Reddit: [List of OS X tools](…)", a one-word lead-in and a link: the link's address
    # (as written) and the lead-in, kept out of the item's fields. Over nested resources the
    # item is a group's label and its first link (`_group_label`); otherwise it points at
    # that link, and its list says whether that is a resource or says more of the one above
    # (`_item_result`, `_resolved_list`).
    pointer: tuple[str, str] | None = None
    # It says what it is: a description set off from its link (" - …", ": …", "by X - …") or
    # in a block of its own, not words that go on from the link as one sentence.
    described: bool = False
    # Code spans set apart between its link and its description were read as tags
    # (`_leading_code_tags`); ``unmarked``: read without that (they stay its description's).
    marks: bool = False
    unmarked: bool = False
    # Its link's text credited to one author on a word of its own (`_ambiguous_credit`:
    # `Teaching by *Example*`); ``uncredited``: read with that text whole.
    ambiguous_credit: bool = False
    uncredited: bool = False
    code_tags: bool = False  # code spans after its link read as tags, set apart or at its end
    # A link bullet over label groups in a tree of label bullets (`_names_a_branch`): a
    # subsection named by its link's text, its link the subsection's first resource.
    branch: bool = False


def _item(tokens: Sequence[Token], index: int, end: int, lines: list[str]) -> _Item:
    """One list item (``tokens[index:end]``) read as a resource candidate, in three steps:
    its first paragraph (`_read_lead`), the blocks under it (`_read_body`), and the candidate
    they make together (`_item_result`)."""
    item_start, item_stop = tokens[index].map or (0, 0)
    indent = _content_indent(lines[item_start] if item_start < len(lines) else "")
    children = list(_children(tokens, index, end))
    doubled = _doubled_item(tokens, children, item_start, lines)
    if doubled is not None:
        return doubled
    if not children or tokens[children[0][0]].type != "paragraph_open":
        return _Item(candidate=None, resource_like=False)
    first_inline = _without_task_box(tokens[children[0][0] + 1].children or [])
    reading = _ItemReading(line=item_start)
    first_inline = _without_legend_marks(_without_loose_mark(first_inline, reading), reading)
    if not _read_lead(reading, first_inline):
        return _Item(candidate=None, resource_like=False, toc=True)
    _read_body(reading, tokens, children[1:], lines, indent, item_stop)
    result = _item_result(reading, first_inline)
    if reading.marks:
        plain = _ItemReading(line=item_start, unmarked=True)
        _read_lead(plain, first_inline)
        _read_body(plain, tokens, children[1:], lines, indent, item_stop)
        result.unmarked = _item_result(plain, first_inline).candidate
    if reading.ambiguous_credit:
        whole = _ItemReading(line=item_start, uncredited=True)
        _read_lead(whole, first_inline)
        _read_body(whole, tokens, children[1:], lines, indent, item_stop)
        result.uncredited = _item_result(whole, first_inline).candidate
    result.code_tags = reading.code_tags
    lead = _written_lead(first_inline)
    if lead is None:
        return result
    result.shaped = True
    if _titled_as_written(result.candidate, lead) and _kept_by_hand(result):
        return result
    # Read again as `publisher readme` writes an item: the whole link's text (or the words)
    # its title, what is under it as usual (its metadata line, its description quoted).
    again = _ItemReading(line=item_start)
    title, href = lead
    again.fields["title"] = title
    if href:
        again.fields["url"] = _checked_url(href, item_start, again.warnings)
    again.resource_like = True
    _read_body(again, tokens, children[1:], lines, indent, item_stop)
    written = _item_result(again, first_inline)
    if (
        again.nested
        or written.candidate is None
        or (written.candidate == result.candidate and _kept_by_hand(result))
    ):
        return result
    result.written, result.written_warnings = written.candidate, tuple(written.warnings)
    return result


def _written_lead(inline: Sequence[Token]) -> tuple[str, str] | None:
    """(title, URL) of an item's first line written as `publisher readme` writes a resource's:
    one link and nothing around it (`[Title](…)`), or words without a link, markup or a
    break (`Title`, its URL ""); None for any other line."""
    start, end = 0, len(inline)
    while start < end and inline[start].type == "text" and not inline[start].content.strip():
        start += 1
    while end > start and inline[end - 1].type == "text" and not inline[end - 1].content.strip():
        end -= 1
    tokens = inline[start:end]
    if not tokens:
        return None
    if tokens[0].type == "link_open":
        if tokens[-1].type != "link_close" or any(
            token.type in _NOT_WRITTEN_TITLE for token in tokens[1:-1]
        ):
            return None
        return _plain(tokens[1:-1]), str(tokens[0].attrGet("href") or "")
    if any(token.type in _NOT_WRITTEN_TITLE for token in tokens):
        return None
    return _plain(tokens), ""


# What `publisher readme` never writes in a resource's line (`markdown_text` escapes markup).
_NOT_WRITTEN_TITLE = frozenset(
    {
        "link_open",
        "link_close",
        "image",
        "html_inline",
        "softbreak",
        "hardbreak",
        "strong_open",
        "em_open",
        "s_open",
        "code_inline",
    }
)


def _titled_as_written(candidate: _Candidate | None, lead: tuple[str, str]) -> bool:
    """Whether an item whose first line is ``lead`` (`_written_lead`) is read, by hand, as
    the resource that line names: its title the line's words (its link's), at its link, no
    author read from it."""
    return (
        candidate is not None
        and candidate.title == lead[0]
        and bool(candidate.url) == bool(lead[1])
        and not candidate.children
        and candidate.author is None
    )


def _kept_by_hand(item: _Item) -> bool:
    """Whether an item reads by hand as a resource that its list keeps as one, nothing in it
    reinterpreted: not a sentence, a call to action or a course's material."""
    return (
        item.candidate is not None
        and item.resource_like
        and not item.warnings
        and not _is_call_to_action(item.candidate.title)
        and not _is_material(item.candidate.title)
    )


# A GitHub task list's box at the start of an item: `- [ ] [Stacks (video)](…)`, `- [x] Done`.
_TASK_BOX = re.compile(r"\[[ xX]\][ \t]+")


def _without_task_box(inline: Sequence[Token]) -> Sequence[Token]:
    """An item's first line without its task box (the box says whether the reader has done
    it, not what it is)."""
    if not inline or inline[0].type != "text":
        return inline
    match = _TASK_BOX.match(inline[0].content)
    if match is None:
        return inline
    rest = inline[0].content[match.end() :]
    return [_text_token(rest), *inline[1:]] if rest else list(inline[1:])


# A mark written as an emoji shortcode that is none (`:Ai Affiliate List:`: words, capitals),
# alone before an item's link: GitHub shows it as typed, but it stands where the list's
# items write their status mark (`:white_check_mark:`), not words about the link.
_LOOSE_MARK = re.compile(r":[^\s:\[\]()`*_][^:\[\]()`*_\n]{0,40}:[ \t]+")


def _without_loose_mark(inline: Sequence[Token], reading: _ItemReading) -> Sequence[Token]:
    """An item's first line without a loose mark before its link (`_LOOSE_MARK`), with a
    warning; the line as it is otherwise."""
    if (
        len(inline) < 2
        or inline[0].type != "text"
        or inline[1].type != "link_open"
        or not inline[0].content.startswith(":")
        or _LOOSE_MARK.fullmatch(inline[0].content) is None
        or _LEADING_SHORTCODE.fullmatch(inline[0].content) is not None
    ):
        return inline
    mark = inline[0].content.strip()
    reading.warnings.append(
        (
            reading.line,
            f"{mark!r} before the item's link read as a status mark (written as an emoji "
            "shortcode), not as words about the link",
        )
    )
    return inline[1:]


def _without_legend_marks(inline: Sequence[Token], reading: _ItemReading) -> Sequence[Token]:
    """An item's first line with the icons linked into the document before its link (`[🤖](#icons)
    [Aegis](…)`: a mark the document's legend explains) written as bare icons (`🤖 [Aegis](…)`,
    read as such: a kind, or nothing), with a warning; the line as it is otherwise."""
    position = 0
    icons: list[str] = []
    written: list[str] = []
    while (
        position + 2 < len(inline)
        and inline[position].type == "link_open"
        and str(inline[position].attrGet("href") or "").startswith("#")
        and inline[position + 1].type == "text"
        and inline[position + 2].type == "link_close"
        and (icon := inline[position + 1].content.strip())
        and not _emoji_prefix(icon)[1]
    ):
        icons.append(icon)
        written.append(f"[{icon}]({inline[position].attrGet('href')})")
        position += 3
        if (
            position < len(inline)
            and inline[position].type == "text"
            and not inline[position].content.strip()
        ):
            position += 1
    if (
        not icons
        or position >= len(inline)
        or inline[position].type != "link_open"
        or str(inline[position].attrGet("href") or "").startswith("#")
    ):
        return inline
    reading.warnings.append(
        (
            reading.line,
            f"{' '.join(written)!r} before the item's link read as a mark of the document's "
            "legend (an icon linked to where it is explained), not words about the link",
        )
    )
    return [_text_token(" ".join(icons) + " "), *inline[position:]]


def _doubled_item(
    tokens: Sequence[Token], children: list[tuple[int, int]], line: int, lines: list[str]
) -> _Item | None:
    """An item that is only another item (``- - [x](…)``, a doubled marker): the inner item
    read as this one, with a warning. None for any other item."""
    if (
        len(children) == 1
        and tokens[children[0][0]].type == "bullet_list_open"
        and len(inner := list(_children(tokens, *children[0]))) == 1
    ):
        doubled = _item(tokens, *inner[0], lines)
        doubled.warnings.insert(0, (line, "doubled bullet marker: read as one item"))
        return doubled
    return None


# What a link whose destination garbles the address it shows (`_garbled_address`) is told.
_GARBLED_SAID = (
    "a destination garbling the address the link shows (cut to its path, or written twice): "
    "the address it shows"
)


# What a link whose destination is written as a link (`_NESTED_LINK_DESTINATION`) is told.
_NESTED_SAID = "a destination written as a link itself: the address that link leads to"


def _warn_mended_links(reading: _ItemReading, inline: Sequence[Token]) -> None:
    """The warnings for the links of an item's first line that `_mend_slipped_links` read
    another way than CommonMark: `[Name] [3]` (old Markdown's reference with a space) and
    `[Name] (https://…)` (a space before the address)."""
    for key, said in (
        ("spaced_reference", "old Markdown's space between a link's text and its reference"),
        (
            "spaced_link",
            "a space between a link's text and its address (GitHub shows the brackets)",
        ),
        ("bracketed_url", "an address in brackets with no link (GitHub links the address)"),
        (
            "anchored_url",
            "an address after '#' (an anchor in the page on GitHub, leading nowhere)",
        ),
        ("garbled_url", _GARBLED_SAID),
        ("nested_url", _NESTED_SAID),
    ):
        written = [token.meta[key] for token in inline if token.meta and key in token.meta]
        if written:
            many = "one link" if len(written) == 1 else "links"
            reading.warnings.append((reading.line, f"{', '.join(written)}: {said}, read as {many}"))


def _read_lead(reading: _ItemReading, inline: Sequence[Token]) -> bool:
    """Read an item's first paragraph: a leading link (the resource's title and URL, then
    its author and description), a paper-list item, or plain words (a title, a resource
    when it reads as the short name of a topic). False when it only links into this document
    (an item of a table of contents)."""
    if _struck_out(inline):
        # `~~[Store](…)~~ - …`, `Site: ~~`http://…`~~`: withdrawn by the list's author (a
        # dead project, a blacklist): words of the list, no resource.
        reading.fields["title"] = _plain(inline)
        reading.warnings.append((reading.line, "struck-out link: withdrawn, not a resource"))
        return True
    if _read_official_site_item(reading, inline):
        return True
    if any(token.meta for token in inline):  # (a mended link's: rarely any)
        _warn_mended_links(reading, inline)
    link = _leading_link(inline)
    enumerated = _enumerated_links(inline, link[0], link[1]) if link is not None else None
    if link is not None and enumerated is not None and enumerated.found:
        # `[Dr. A](…), [Dr. B](…), and [Dr. C](…) - Course materials`: each named link a
        # resource, the words after the last one said of them all.
        listed = enumerated.found
        _read_leading_link(reading, [*inline[: link[1] + 1], *inline[enumerated.rest :]], *link)
        said = reading.description[-1].rstrip("\n") if reading.description else ""
        pages = [
            [page for owner, page in enumerated.pages if owner == number]
            for number in range(len(listed) + 1)
        ]
        if pages[0]:
            if said:
                reading.description[-1] = " / ".join([said, *pages[0]])
            else:
                reading.description.append(" / ".join(pages[0]))
        leading = str(reading.fields["title"])
        reading.siblings = tuple(
            _Candidate(
                title=_sequel_title(leading, title),
                line=reading.line,
                url=_checked_url(href, reading.line, reading.warnings),
                description=_markdown_field(" / ".join([*([said] if said else []), *own])),
            )
            for (title, href), own in zip(listed, pages[1:], strict=True)
        )
        names = [leading, *(title for title, _ in listed)]
        renamed = [
            f"{title!r}" if title == sibling.title else f"{title!r} as {sibling.title!r}"
            for (title, _), sibling in zip(listed, reading.siblings, strict=True)
        ]
        reading.warnings.append(
            (
                reading.line,
                f"bullet names {len(listed) + 1} links before what it says of them "
                f"({', '.join([repr(leading), *renamed])}): read as one resource each",
            )
        )
        _warn_page_links(reading, enumerated, names)
        return True
    numbered = _numbered_links(inline) if link is None else None
    if numbered is not None:
        # `Falsehoods About Gender: [#1](…) & [#2](…) - …`: a subject's articles, numbered;
        # each a resource named by the subject and its number, the words after them said of
        # them all.
        label, spans, rest = numbered
        (first_start, first_end, first_href), *numbered_others = spans
        _read_leading_link(
            reading,
            [*inline[first_start : first_end + 1], *inline[rest:]],
            0,
            first_end - first_start,
            first_href,
        )
        said = reading.description[-1] if reading.description else ""
        titles = [f"{label} {_plain(inline[start + 1 : end]).strip()}" for start, end, _ in spans]
        reading.fields["title"] = titles[0]
        reading.siblings = tuple(
            _Candidate(
                title=title,
                line=reading.line,
                url=_checked_url(href, reading.line, reading.warnings),
                description=_markdown_field(said) if said else "",
            )
            for title, (_, _, href) in zip(titles[1:], numbered_others, strict=True)
        )
        reading.warnings.append(
            (
                reading.line,
                f"bullet {label!r} over {len(spans)} numbered links: read as one resource "
                f"each ({', '.join(repr(title) for title in titles)})",
            )
        )
        reading.resource_like = reading.link_led = True
        return True
    if link is not None:
        if enumerated is not None:
            # `[Tool](…) / [Web Version](…) - A tool`: its other pages after a slash, then
            # what it is; read without them, kept after its description.
            _read_leading_link(reading, [*inline[: link[1] + 1], *inline[enumerated.rest :]], *link)
            slashed = [page for _, page in enumerated.pages]
            if reading.description:
                reading.description[-1] = " / ".join([reading.description[-1].rstrip(), *slashed])
            else:
                reading.description.append(" / ".join(slashed))
            _warn_page_links(reading, enumerated, [str(reading.fields["title"])])
        else:
            _read_leading_link(reading, inline, *link)
        icons = [
            _plain(inline[start + 1 : end]).strip()
            for start, end in _link_spans(inline[: link[0]])
            if _is_real_link(inline, start, end)
        ]
        if icons:
            # `[:scroll:](paper.pdf) [Title](…)`: the icon links another copy (the list's own).
            reading.warnings.append(
                (
                    reading.line,
                    f"link {icons[-1]!r} (only an emoji) before {reading.fields['title']!r}: "
                    "the titled link is the resource, the icon's link left out",
                )
            )
        if reading.description and reading.description[-1].startswith((",", "\uff0c")):
            _read_version_link(reading)
        return True
    labelled = _labelled_links(inline)
    if labelled is not None:
        label, topic_links = labelled
        # A label naming a kind of resource (`**Video**: [Intro](…)`) is a lead-in (kept as
        # the description, `kind_lead`); any other names the links' topic (their tag).
        kind = _names_kind(label)
        lead = _inline_markdown(inline[: _first_link(inline)]).rstrip().rstrip(":\uff1a")
        for title, _href, asides in topic_links:
            if asides:
                shown = ", ".join(repr(_LINK_TEXT.sub(r"\1", aside)) for aside in asides)
                reading.warnings.append(
                    (
                        reading.line,
                        f"{shown} after the link {title!r}: another page of it (a word in "
                        "parentheses), kept in its description",
                    )
                )
        first, *others = (
            _Candidate(
                title=title,
                line=reading.line,
                url=_checked_url(href, reading.line, reading.warnings),
                tags=() if kind else (label,),
                description=_markdown_field(" ".join([*([lead] if kind else []), *asides])),
            )
            for title, href, asides in topic_links
        )
        reading.fields.update(title=first.title, url=first.url, tags=first.tags)
        if kind:
            reading.description.insert(0, lead)
            reading.lead_in, reading.kind_lead = "resource", True
        if topic_links[0][2]:
            reading.description.append(" ".join(topic_links[0][2]))
        reading.siblings = tuple(others)
        reading.resource_like = reading.link_led = True
        return True
    link = _trailing_link(inline)
    if link is not None and _lead_in_calls(inline, link[0]):
        reading.lead_in = "call"  # read on as words; `_resolved_list` says what became of it
    elif link is not None and _url_named(inline, link[0], link[1]):
        # "Name: http://…" (a full-width colon too, U+FF1A): the name, then its site.
        _read_leading_link(reading, inline, *link)
        name, described = _name_and_words(_plain(inline[: link[0]]).rstrip().rstrip(":\uff1a"))
        reading.fields["title"] = name
        by = _title_by_author(_inline_markdown(inline[: link[0]]).rstrip().rstrip(":\uff1a"))
        if by is not None:
            # `"Simple Made Easy" by Rich Hickey (Strange Loop 2011): https://…`
            reading.fields.update(title=by[0], author=Author(name=by[1]))
            described = by[2]
        if described:
            # "Vim — a modal editor: https://…": the name, then what it is, then its site.
            reading.description.insert(0, described)
            reading.described = True
        reading.lead_in = "named"  # a resource where its list is written so (`_resolved_list`)
        return True
    elif link is None and (by_bare := _bare_url_by_author(inline)) is not None:
        # `*The Mess We're In* by Joe Armstrong https://…`: a work, its author, its URL bare.
        start, end, href, (title, author, note) = by_bare
        _read_leading_link(reading, inline, start, end, href)
        reading.fields.update(title=title, author=Author(name=author))
        if note:
            reading.description.insert(0, note)
            reading.described = True
        return True
    elif link is None and (named := _named_bare_url(inline)) is not None:
        # "Awesome OCR - список … https://…", "Consistency Models https://…": a name and
        # what it is, then the URL written bare: the resource, named by the words before.
        start, end, href, title, description = named
        # (the ")" closing a link whose "[" was lost is the link's, not words about it)
        after = inline[: end + 1] if _plain(inline[end + 1 :]).strip() == ")" else inline
        _read_leading_link(reading, after, start, end, href)
        reading.fields["title"] = title
        if title[:1].islower() and _lower_case_label(title):
            reading.lead_in = "label"  # a resource where its list is written so (`_resolved_list`)
        if description:
            reading.description.insert(0, description)
            reading.described = True
        return True
    elif link is None and (pointer := _one_word_lead_in(inline)) is not None:
        # "Reddit: [List of OS X tools](…)": after a resource, a pointer saying more of it;
        # first in a list of resources, the resource (`_resolved_list`); over nested
        # resources, a group's label and first link. Read as words for what decides the
        # list, its link not the item's URL (`_ItemReading.pointer`, `_item_result`).
        _read_leading_link(reading, inline, *pointer, url=False)
        reading.pointer = (
            pointer[2],
            _inline_markdown(inline[: pointer[0]]).rstrip().rstrip(":\uff1a"),
        )
        reading.resource_like = reading.link_led = reading.leading_link = False
        return True
    elif link is None and (led_link := _labelled_lead_link(inline)) is not None:
        # "cli-tool [ncdu](…) - what it is", "t3n.de: [Tool-Check](…) - an article": a
        # word or two of label (kind, source), then the resource as a link bullet writes it.
        _read_leading_link(reading, inline, *led_link)
        lead = _inline_markdown(inline[: led_link[0]]).strip()
        said = reading.description[0] if reading.description else ""
        if said.startswith(","):
            # `1979, [Title](…), SIGMOD`, `CMU [Course](…), thanks to …`: one line as written,
            # the link taken out.
            reading.description[0] = lead.rstrip(",") + said
        else:
            reading.description.insert(0, lead.rstrip(",") if said or lead[:1].isdigit() else lead)
        if not said.startswith(("-", "\u2013", "\u2014")):
            reading.warnings.append(
                (
                    reading.line,
                    f"{lead.rstrip(',')!r} before the link of {reading.fields['title']!r} read "
                    "as when or where the work is from: kept in its description",
                )
            )
        return True
    elif link is not None:
        # "Lead-in: [Title](url)": the words before the link say what it is for (when its
        # list reads as resources: `_resolved_list`).
        _read_leading_link(reading, inline, *link)
        lead = _inline_markdown(inline[: link[0]]).rstrip().rstrip(":\uff1a")
        # The full stop ending the line after the link (`… Source: [Book](…).`) ends the
        # lead-in's sentence: no paragraph of its own.
        reading.description[:] = [part for part in reading.description if part.strip(" .;,\u3002")]
        reading.description.insert(0, lead)
        reading.lead_in = "resource"
        reading.kind_lead = _names_kind(_plain(inline[: link[0]]))
        return True
    if (lined := _name_over_bare_urls(inline)) is not None:
        # "**Name**  ⏎ https://…  ⏎ What it is": the name on its own line, its address bare
        # on the next, then what it is.
        _read_name_over_bare_urls(reading, inline, lined)
        return True
    links = _links(inline)
    anchors = any(
        str(token.attrGet("href") or "").startswith("#")
        for token in inline
        if token.type == "link_open"
    )
    title = _plain(inline)
    if anchors and not links:
        return False
    paper = _paper_item(inline, reading.line, reading.warnings) if links else None
    # (a paper's entry: what is nested under it says more of the paper, `_read_nested`)
    reading.paper = paper is not None
    if paper is None and links:
        paper = _bracketed_links_item(inline, reading.line, reading.warnings)
        # `**AutoEncoder** [[science](…)]`: named in bold as a paper list names its papers
        # (`Java regex [docs …]` over `- Scala.js`, its descendants, is named in words).
        reading.paper = paper is not None and bool(_first_strong(inline))
    if paper is None and links and not reading.lead_in:
        reading.name_link = _name_link(inline, reading.line)
        set_link = _set_link(inline, reading.line)
        # A sentence linking the list's own page of work (`And awesome [contributors](…/graphs/
        # contributors)`) names no resource of the list.
        reading.set_link = None if set_link is None or _is_about_the_list(set_link) else set_link
    if paper is not None:
        # "**Title.** Venue [[paper]](…) [[code]](…)": the title first, then its links; a
        # name written before its labelled links keeps only its source tags as description.
        tags_lead = paper.pop("lead") if "lead" in paper else None
        if "author" in paper:
            reading.fields["author"] = Author(name=paper.pop("author"))
        reading.fields.update(paper)
        reading.description.append(_inline_markdown(inline) if tags_lead is None else tags_lead)
        reading.resource_like = reading.link_led = True
    else:
        reading.fields["title"] = title
    single_line = not any(token.type == "softbreak" for token in inline)
    reading.resource_like = reading.resource_like or (
        bool(title)
        and not links
        and single_line
        and len(title) <= PLAIN_TITLE_LIMIT
        and not _is_sentence(title)
        and not _is_task(title)
        and not _is_definition(inline)
    )
    return True


# A plain bullet that tells the reader what to do (`Participate in a Kaggle competition`,
# `List down other ideas`, a capstone's steps): a verb first, then at least two words, the
# first of them in lower case, as a sentence is written. A name capitalises its words (`Build
# Your Own Lisp`) or is short (`Make`): a resource.
_TASK = re.compile(
    r"(?i:participate|list|build|write|create|implement|complete|make|solve|practi[cs]e|"
    r"submit|design|deploy|finish|explore|attend|publish|share|pick|choose|take|do|try|read|"
    r"watch|learn|study|review|find|join|use)\s+[a-z]\S*\s+\S"
)


def _is_task(title: str) -> bool:
    """Whether a plain bullet tells the reader what to do (`_TASK`): a verb, then words written
    as a sentence. Words after the verb all capitalised but the small ones are a name in title
    case (`Build a Large Language Model (From Scratch)`, `Read the Docs`), not a task; one
    before "of" is a noun, a topic (`Review of linear algebra`, `Use of pointers`)."""
    if _TASK.match(title) is None:
        return False
    words = [word.strip("()[]{}\"'.,:;!?") for word in title.split()[1:]]
    return words[0] != "of" and not all(
        not word or word[:1].isupper() or word[:1].isdigit() or word in _TITLE_SMALL_WORDS
        for word in words
    )


def _clearly_a_task(title: str) -> bool:
    """Whether a task (`_is_task`) shows it by itself: its first word is a verb only (`Participate
    in …`, `Solve …`), or one that names a thing as often (`_NOUN_OR_VERB`: `Practice problems
    and solutions`, `Design patterns in Go`, `Use cases of graphs`) followed by a word a verb
    takes and a noun does not (an article, a pronoun, a particle: `Build a shell`, `Read the
    paper`, `List down other ideas`). Else it is a task only among tasks (`_resolved_by_hand`)."""
    first = title.split()[0].casefold()
    if first not in _NOUN_OR_VERB:
        return True
    second = title.split()[1].strip("()[]{}\"'.,:;!?").casefold()
    return second in _AFTER_A_VERB or second[:1].isdigit()


# The first words of `_TASK` that name a thing as often as they tell what to do (`Practice
# problems`, `Design patterns`, `Build systems`, `Read replicas`, `Use cases`, `Join tables`).
_NOUN_OR_VERB = frozenset(
    {
        "list", "build", "write", "complete", "make", "practice", "practise", "design",
        "share", "take", "do", "try", "read", "watch", "study", "review", "find", "join",
        "use", "pick", "finish", "publish",
    }
)  # fmt: skip
# Words that follow a verb and never a noun used as a modifier: articles, determiners,
# pronouns, particles and the prepositions a task's verb takes (`Take on a project`).
_AFTER_A_VERB = frozenset(
    {
        "a", "an", "the", "your", "my", "our", "their", "his", "her", "its", "this", "that",
        "these", "those", "some", "any", "all", "each", "every", "another", "other", "one",
        "two", "three", "four", "five", "ten", "it", "them", "yourself", "something", "up",
        "down", "out", "on", "in", "at", "to", "through", "over", "with", "about", "more",
        "as", "what", "how", "why", "which", "who",
    }
)  # fmt: skip


# Link texts that say "the official site" of the item they end (`pyenv` and a full-width colon,
# `简单的版本管理工具。[官网](https://github.com/yyuu/pyenv)`): that link is the resource's.
OFFICIAL_SITE_LABELS = frozenset(
    {
        "官网", "官方网站", "官方网址", "官网地址", "主页", "项目主页", "官網", "官方網站",
        "公式サイト", "official site", "official website", "homepage", "home page",
    }
)  # fmt: skip
# Over a linked name only the Chinese and Japanese labels: those lists link a name to their own
# write-up and the project last (`[bpython](…)`, a full-width colon, `… [官网](…)`), while in
# `[Foo](…): A tool. [Homepage](…)` the name's link is the resource's, the homepage one more.
_OVER_LINKED_NAME = frozenset(label for label in OFFICIAL_SITE_LABELS if not label.isascii())
# What may stand between links after an item's official site: spaces, commas, slashes.
_LINK_SEPARATORS = " \t\n,\uff0c\u3001/|\u00b7;\uff1b"
# What ends a sentence (or a name's colon) before an official-site label that words follow.
_SENTENCE_ENDS = (
    ".",
    "\u3002",
    "!",
    "\uff01",
    "?",
    "\uff1f",
    ":",
    "\uff1a",
    ";",
    "\uff1b",
    ")",
    "\uff09",
)
# The name an item starts with is short: a project's name, not a sentence.
_NAME_WORDS = 6
_NAME_MARKUP = frozenset({"strong_open", "strong_close", "em_open", "em_close", "code_inline"})
_NAME_LENGTH = 60


def _read_official_site_item(reading: _ItemReading, inline: Sequence[Token]) -> bool:
    """Read ``NAME: DESCRIPTION [官网](URL)`` (a colon, ASCII or full-width, after a short name,
    plain or linked; a link labelled as the official site further on, `OFFICIAL_SITE_LABELS`):
    the name is the title, the official site the URL, the words between them the description.
    The item's other links that are not part of its words, a linked name's (the list's own
    write-up, the code) and the ones after the official site (`、[GitHub](…)`, `/ [xlrd](…)`),
    end the description as bare URLs, in that order: where the author put them and what they
    are labelled is not news (`simplejson: … [官网](…)、[GitHub](…)` → `[simplejson](…): …
    [官网](…)` is the same entry), a link given or taken is. False, reading nothing, for any
    other item."""
    spans = list(_link_spans(inline))
    official = next(
        (
            (start, end)
            for start, end in spans
            if " ".join(_plain(inline[start + 1 : end]).casefold().split()) in OFFICIAL_SITE_LABELS
        ),
        None,
    )
    if official is None:
        return False
    split = _name_split(inline, spans)
    if split is None or split[0] >= official[0]:
        return False
    position, rest, title = split
    label = " ".join(_plain(inline[official[0] + 1 : official[1]]).casefold().split())
    if any(start < position for start, _ in spans) and label not in _OVER_LINKED_NAME:
        return False
    words = [*([_text_token(rest)] if rest else []), *inline[position + 1 : official[0]]]
    trailing = inline[official[1] + 1 :]
    trailing_spans = list(_link_spans(trailing))
    inside = {at for start, end in trailing_spans for at in range(start, end + 1)}
    loose = "".join(token.content for at, token in enumerate(trailing) if at not in inside)
    others = [str(inline[start].attrGet("href") or "") for start, _ in spans if start < position]
    if loose.strip(_LINK_SEPARATORS):
        # Words after the label: the description's own when the label stands after a
        # sentence (`读写 Excel 文件。[官网](…) 另见文档。`); inside one (`a theme for your
        # [homepage](…) and blog`) it is a word of the description, no official site.
        before = inline[official[0] - 1] if official[0] else None
        if (
            before is None
            or before.type != "text"
            or not before.content.rstrip().endswith(_SENTENCE_ENDS)
        ):
            return False
        words = [*words, *trailing]
    else:
        others += [str(trailing[start].attrGet("href") or "") for start, _ in trailing_spans]
    reading.fields.update(
        title=title,
        kind=_leading_kind(inline, position),
        url=_checked_url(
            str(inline[official[0]].attrGet("href") or ""), reading.line, reading.warnings
        ),
    )
    description = _inline_markdown(words).strip()
    bare = " ".join(f"<{href}>" for href in others if href and "://" in href)
    description = f"{description}\n\n{bare}".strip() if bare else description
    if description:
        reading.description.append(description)
        reading.described = True
    reading.resource_like = reading.link_led = reading.leading_link = True
    reading.lead_in = "official"
    return True


def _name_link(inline: Sequence[Token], line: int) -> _Candidate | None:
    """``NAME: DESCRIPTION`` whose description holds one link (`yfiglet-figlet: [pyfiglet
    -figlet](…) 的 Python 实现。`) read as NAME at that link, the words after the colon its
    description: the item's reading among items written `NAME: … [官网](…)`
    (`_official_form`) only; elsewhere it reads as before (words, a lead-in, a group's label).
    Its link as written, checked where the reading is taken (`_checked_link`). None for any
    other item."""
    spans = _real_link_spans(inline)
    split = _name_split(inline, spans)
    if split is None or len(spans) != 1 or spans[0][0] < split[0]:
        return None
    position, rest, title = split
    after = [*([_text_token(rest)] if rest else []), *inline[position + 1 :]]
    return _Candidate(
        title=title,
        line=line,
        url=str(inline[spans[0][0]].attrGet("href") or ""),
        description=_markdown_field(_inline_markdown(after).strip()),
    )


def _checked_link(candidate: _Candidate, warnings: list[tuple[int, str]]) -> _Candidate:
    """An item's other reading (`_name_link`, `_set_link`: its link as written) where it is
    taken as the resource: its link checked as any resource's is (`_checked_url`: a link that
    may not be a URL left out, a mistyped scheme mended), with a warning naming its line in
    ``warnings``; once, and only for a reading taken."""
    url = _checked_url(candidate.url, candidate.line, warnings)
    return candidate if url == candidate.url else replace(candidate, url=url)


# At most this many words before the link a sentence names its resource by: "O'Reilly's
# [Book](…)", "If you're working on data, Edward Tufte's [Book](…) is a classic".
SET_LINK_WORDS = 8
# At most this many words in a work's name before a bracket its first link opens (authors and
# a title: `MacLean, Dave, Komatineni, Satya — Pro Android 5 ([англ (2015)](…))`).
BRACKETED_NAME_WORDS = 16


def _set_link(inline: Sequence[Token], line: int) -> _Candidate | None:
    """An item that names its resource by a link set in a sentence, a few words before it
    (`SourceMaking's [Design Patterns](…) seems good too`, `Bram Moolenaar, [Seven habits
    …](…) ([slides](…))`): the resource at that first link, titled by its text, the whole
    sentence its description; titled by the words before a bracket the link opens
    (`Material Design ([v1](…) [v2](…))`). Its link as written, checked where the reading is
    taken (`_checked_link`). None when its first link comes later, or it has none."""
    spans = _real_link_spans(inline)
    if not spans:
        return None
    start, end = spans[0]
    words = _plain(inline[:start]).split()
    title = _plain(inline[start + 1 : end]).strip()
    href = str(inline[start].attrGet("href") or "")
    bare = title == href or title.startswith(("http://", "https://", "www."))
    # A work's name before a bracket its first link opens (`Herbert Schildt — Java: The
    # Complete Reference ([англ](…)) ([код](…))`: its copies) may be longer than a sentence's
    # lead to a link: its authors and its title, ended by no full stop.
    lead = " ".join(words[:-1])
    limit = (
        BRACKETED_NAME_WORDS
        if words[-1:] in (["("], ["\uff08"]) and lead and not lead.endswith((".", "!", "?"))
        else SET_LINK_WORDS
    )
    if not words or len(words) > limit or not title or bare:
        return None  # (a URL written bare names nothing: "see the docs at https://…")
    named = title.casefold().split()
    label = named[0] in _ACTION_LABELS
    while named and named[0] in _POINTING_WORDS:
        named = named[1:]
    before = _plain(inline[:start]).rstrip()
    author = None
    if label or not named or _WHERE_LABEL.fullmatch(" ".join(named)):
        # "Follow [this link](…) for more": a pointer, no name; after a name in bold
        # ("**Alpha Book** by A. Author [Read online](…)"), the link of that name.
        bold = _leading_bold(inline[:start])
        if not bold:
            return None
        title = bold
    elif (
        (after := _plain(inline[end + 1 :]).strip())
        and words[0].casefold() not in _ACTION_LABELS | _POINTING_WORDS
        and _is_title_phrase(whole := " ".join(f"{before} {title} {after}".split()))
    ):
        # `Tensor Flow Tutorial on [Seq2Seq](…) Models`: the link is set inside the work's
        # name, in title case from end to end (no sentence around it, no "Read the …" asking
        # the reader): the name is the title,
        # and who made it after "by" its author (`… [Lecture Note](…) by Cho`).
        title = whole
        if " by " in f" {after}":
            title, _, name = whole.rpartition(" by ")
            author = Author(name=name)
    elif before.endswith(("(", "\uff08")) and before[:-1].strip():
        # `Material Design ([version one](…) [version two](…))`: the name is the words before
        # the bracket, its links the forms it comes in.
        title = before[:-1].strip()
    href = _page_past_feed(inline, spans, href)
    return _Candidate(
        title=title,
        line=line,
        url=href,
        author=author,
        description=_markdown_field(_inline_markdown(inline).strip()),
    )


# Link texts that say a link is a feed to subscribe to, not a page to read (`[xml]`, `[RSS]`).
_FEED_LABEL = re.compile(r"(?:rss|xml|atom|(?:rss\s+|podcast\s+)?feed)", re.IGNORECASE)


def _page_past_feed(inline: Sequence[Token], spans: Sequence[tuple[int, int]], href: str) -> str:
    """Where an item's first link is its feed (`**Rope Talk** ([xml](…), [url](…))`, a
    podcast's or a blog's RSS), the first link after it in the same run of links that is
    not one: the page of what the item names; ``href`` (the first link's) otherwise."""
    start, end = spans[0]
    if not _FEED_LABEL.fullmatch(_plain(inline[start + 1 : end]).strip()):
        return href
    previous = end
    for start, end in spans[1:]:
        if _plain(inline[previous + 1 : start]).strip(_LINK_SEPARATORS + "()\uff08\uff09\u2022"):
            break  # words between: no longer the links of the name
        if not _FEED_LABEL.fullmatch(_plain(inline[start + 1 : end]).strip()):
            return str(inline[start].attrGet("href") or "") or href
        previous = end
    return href


def _past_its_feed(item: _ListItem) -> bool:
    """Whether an item's reading at a link set in its words (`_set_link`) is at its page,
    past the feed its first link is (`_page_past_feed`)."""
    first = re.search(r"\]\(\s*<?([^)\s>]+)", item.markdown)
    return item.set_link is not None and first is not None and first[1] != item.set_link.url


# Words a title in title case leaves in lower case ("Tutorial on Seq2Seq Models").
_TITLE_SMALL_WORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "nor", "but", "for", "of", "on", "in", "to", "at", "by",
        "with", "from", "via", "vs", "per", "into", "over", "under", "as",
    }
)  # fmt: skip
# The same in the other languages of the Latin script that lists are written in (German,
# French, Spanish, Portuguese, Italian, Dutch): articles, prepositions, conjunctions, which a
# title in title case leaves in lower case ("Philosophie für Neulinge", "Logik und
# Argumentation", "Textformen in der Philosophie", "Introdução à Programação").
_FOREIGN_SMALL_WORDS = _TITLE_SMALL_WORDS | frozenset(
    {
        "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "und", "oder", "für",
        "mit", "von", "vom", "zu", "zum", "zur", "im", "auf", "aus", "bei", "nach", "über",
        "de", "du", "la", "le", "les", "et", "pour", "en", "à", "au", "aux", "avec", "sur",
        "del", "el", "los", "las", "y", "para", "con", "por", "do", "da", "dos", "e",
        "em", "com", "no", "na", "di", "della", "dei", "il", "lo", "gli", "per", "van", "het",
        "een", "voor",
    }
)  # fmt: skip
# At most this many words in a name written in title case around a link (longer is prose).
_TITLE_PHRASE_WORDS = 14


def _is_title_phrase(text: str, small: frozenset[str] = _TITLE_SMALL_WORDS) -> bool:
    """Whether words read as one title in title case (`Tensor Flow Tutorial on Seq2Seq Models`):
    a few words, each capitalised (or a number) but the small ones (``small``: English's, or
    another language's), and no punctuation of a sentence or a list (commas, colons,
    brackets, a dash between words, an end)."""
    words = text.split()
    if not 2 <= len(words) <= _TITLE_PHRASE_WORDS or any(
        mark in text
        for mark in (",", ";", ":", "(", ")", "[", "]", "!", "?", '"', " - ", " \u2013 ")
    ):
        return False
    return not text.endswith(".") and all(
        word[:1].isupper() or word[:1].isdigit() or word in small for word in words
    )


# The first words of a link's text that say what to do with it, not what it is ("Read online",
# "Download the PDF", "Watch on YouTube").
_ACTION_LABELS = frozenset(
    {"read", "watch", "listen", "download", "view", "visit", "get", "buy", "open", "see"}
)


def _leading_bold(inline: Sequence[Token]) -> str:
    """The text of the bold span an item's words open with (after emoji), "" when they open
    otherwise."""
    position = 0
    while (
        position < len(inline)
        and inline[position].type == "text"
        and not _emoji_prefix(inline[position].content)[1]
    ):
        position += 1
    return _plain(_first_strong(inline[position:])).strip().rstrip(":\uff1a").strip()


def _official_form(items: Sequence[_Item] | Sequence[_ListItem]) -> bool:
    """Whether most of a list's items are written `NAME: … [官网](…)`: then an item written
    `NAME: … [link] …` is a resource at its one link too."""
    return 2 * sum(item.lead_in == "official" for item in items) > len(items)


def _name_split(
    inline: Sequence[Token], spans: Sequence[tuple[int, int]]
) -> tuple[int, str, str] | None:
    """Where an item's short leading name ends at a colon: (index of the text token holding
    the colon, the text after the colon, the name); None when the item does not start so."""
    name: list[str] = []
    linked = dict(spans)
    position = 0
    while position < len(inline):
        token = inline[position]
        if token.type == "link_open":
            if (name and "".join(name).strip()) or position not in linked:
                return None
            name.append(_plain(inline[position + 1 : linked[position]]))
            position = linked[position] + 1
            continue
        if token.type == "text":
            colon = min(
                (at for at in (token.content.find(":"), token.content.find("\uff1a")) if at >= 0),
                default=-1,
            )
            if colon >= 0:
                title = ("".join(name) + token.content[:colon]).strip()
                if not title or len(title) > _NAME_LENGTH or len(title.split()) > _NAME_WORDS:
                    return None
                return position, token.content[colon + 1 :].lstrip(), title
            name.append(token.content)
        elif token.type not in _NAME_MARKUP:
            return None
        else:
            name.append(token.content if token.type == "code_inline" else "")
        position += 1
    return None


def _is_definition(inline: Sequence[Token]) -> bool:
    """A plain bullet that defines a term (``**2015** : +200 citations``, ``**Term:** what it
    means``): a legend or criteria line, not the name of a topic."""
    strong = _first_strong(inline)
    if not strong:
        return False
    if _plain(strong).rstrip().endswith(":"):
        return True
    close = next(
        (i for i, token in enumerate(inline) if token.type == "strong_close"), len(inline) - 1
    )
    after = _plain(inline[close + 1 :]).lstrip()
    return after.startswith(":") and bool(after[1:].strip())


def _read_leading_link(
    reading: _ItemReading,
    inline: Sequence[Token],
    link_start: int,
    link_end: int,
    href: str,
    *,
    url: bool = True,
) -> None:
    """``[Title](url) by Author - description``: the link's text is the title, the emoji
    before it the kind. ``url``: False leaves the URL to the caller (a pointer's link)."""
    label, titled = _labelled_title(inline[link_start + 1 : link_end])
    if not titled and (small := _small_label(inline[link_start + 1 : link_end])) is not None:
        # `[MDN Docs <sub>KR</sub>](…)`: a mark in small print after the name (its language,
        # free or paid, as the list's legend says), no part of the name: its tags.
        label, titled = small
        reading.warnings.append(
            (
                reading.line,
                f"link text {_plain(inline[link_start + 1 : link_end])!r}: the small-print "
                f"label after {titled!r} read as tags ({', '.join(label)}), not as its title's",
            )
        )
    title = titled or _without_star_count(_plain(inline[link_start + 1 : link_end])) or href
    by = None if titled else _title_by_author(_inline_markdown(inline[link_start + 1 : link_end]))
    if (
        by is None
        and not titled
        and (credited := _credited_title(_inline_markdown(inline[link_start + 1 : link_end])))
        and not (reading.uncredited and _ambiguous_credit(*credited))
    ):
        reading.ambiguous_credit = _ambiguous_credit(*credited)
        # `[The Selfish Gene by *Richard Dawkins*](…)`, `[心流… by Mihaly Csikszentmihalyi](…)`:
        # the work's title, then who wrote it, inside one link.
        by = (*credited, "")
        written = _shortened(_plain(inline[link_start + 1 : link_end]), 12)
        reading.warnings.append(
            (
                reading.line,
                f"link text {written!r} read as a work's title and its authors: "
                f"{credited[0]!r} by {credited[1]!r}",
            )
        )
    if by is not None:
        # `["Out of the Tar Pit" by Moseley and Marks (2006)](…)`: the work, then its author.
        title = by[0]
        reading.fields["author"] = Author(name=by[1])
        if by[2]:
            reading.description.append(by[2])
    elif not titled and (page := _video_page_title(title)) is not None:
        # `[Rich Hickey - Inside Transducers - YouTube](…)`: a video page's title pasted.
        title, speaker, note = page
        if speaker:
            reading.fields["author"] = Author(name=speaker)
        reading.description.append(note)
        written = _shortened(_plain(inline[link_start + 1 : link_end]), 12)
        by_whom = f" by {speaker}" if speaker else ""
        reading.warnings.append(
            (
                reading.line,
                f"link text {written!r} read as a video page's title: {title!r}{by_whom}",
            )
        )
    reading.fields.update(title=title, kind=_leading_kind(inline, link_start))
    if url:
        reading.fields["url"] = _checked_url(href, reading.line, reading.warnings)
    after, tags = _trailing_code_tags(
        _without_trailing_badges(_without_star_group(inline[link_end + 1 :]))
    )
    described, marks = (after, ()) if reading.unmarked else _leading_code_tags(after)
    # `` `B` [Queue](…) ``: the code spans before the link mark it (its level), tags too.
    leading = tuple(
        token.content.strip()
        for token in inline[: _code_marks_end(inline[:link_start])]
        if token.type == "code_inline"
    )
    reading.marks, reading.code_tags = bool(marks), bool(marks or tags)
    if label or leading or marks or tags:
        reading.fields["tags"] = (*label, *leading, *marks, *tags)
    duration = _duration_before_credit(described)
    if duration is not None:
        # `[Talk](…) [00:51:27] by **Ada Brook**`: the talk's length, then its speaker.
        reading.fields["time"], described = duration
    author, remainder = _author_and_rest(described, reading.line, reading.warnings)
    if author is not None:
        reading.fields["author"] = author
        if (quoted := _WHOLLY_QUOTED.match(title)) is not None:
            # `["Hammock Driven Development"](…) by Rich Hickey`: the quotes mark a work's
            # title, as in `"Simple Made Easy" by Rich Hickey ([video](…))`, not part of it.
            reading.fields["title"] = (quoted[1] or quoted[2]).strip()
    cites = tuple(_links(after))
    if cites:
        reading.fields["cites"] = cites
    if remainder:
        reading.description.append(remainder)
        written = _inline_markdown(after).strip().lstrip("*_ ")
        reading.described = author is not None or written.startswith(_DESCRIPTION_SEPARATORS)
    reading.resource_like = reading.link_led = reading.leading_link = True


# What joins named links listed in a row: `, `, ` and `, `, and `, ` & `, ` or `, `, or `
# (alternatives: `[Sentry](…) or [Darkly](…) - Error tracking`); a list mark set apart
# between two (` • `, ` · `, ` / `: `[Westlaw](…) • [Lexis+](…) — …`).
_ENUMERATION_JOIN = re.compile(
    r"\s*(?:,\s*(?:(?:and|&|or)\s+)?|\s(?:and|&|or)\s+)|\s+[\u2022\u00b7/|]\s+"
)
# A short note in parentheses after an item's links, alone or before its description
# (`[Bar](…) / [GitHub](…) (MIT)`, `… (free) - what it is`): what the item is, no sentence.
# A year alone is no such note: `[Paper](…), [Ada Brook et al.](…) (2017)` cites a work, its
# title and its authors, no list of things.
_NOTE_AFTER_LINKS = re.compile(
    r"\((?!\s*(?:1[89]|20)\d\d\s*\))[^()]{1,30}\)(?:$|\s+[-\u2013\u2014:]\s)"
)
# A join that names alternatives (` or `): each link a thing of its own, as after a comma.
_ALTERNATIVE_JOIN = re.compile(r"\s*,?\s*or\s+")


@dataclass(frozen=True, slots=True, kw_only=True)
class _Enumeration:
    """The named links listed after an item's leading link (`_enumerated_links`)."""

    found: tuple[tuple[str, str], ...]  # (title, URL) of each link after the first
    pages: tuple[tuple[int, str], ...]  # a page after '/': its owner (0: the first), markdown
    rest: int  # where what follows the links starts
    barred: bool = False  # the pages came after a bar ('|'), not a slash


def _enumerated_links(
    inline: Sequence[Token], first_start: int, first_end: int
) -> _Enumeration | None:
    """The named links listed after an item's leading link (``first_start``, ``first_end``),
    joined by commas or "and" (`[Dr. A](…), [Dr. B](…), and [Dr. C](…) - what they are`):
    their (title, URL), the links after a slash that are other pages of the one before them
    (`[Tool](…) / [GitHub](…)`), and where what follows them starts (a description
    separator, or nothing); ``found`` is empty when only pages follow it. None when no link
    follows the first that way, or one of them (the first too) is named by where it leads
    (`[Site](…), [GitHub](…)`: one resource's pages)."""
    position, comma, listed, barred = first_end + 1, False, False, False
    found: list[tuple[str, str]] = []
    pages: list[tuple[int, str]] = []
    # The first link set in bold (`**[DevDocs](…)** / [GitHub](…) or [ZealDocs](…)`, a
    # recommended entry): its closing mark is no word between the links.
    if position < len(inline) and inline[position].type in ("strong_close", "em_close"):
        position += 1
    while position < len(inline):
        if inline[position].type == "link_open":
            # `[Academy A](…)[Mahmoud B](…)`: two links written with nothing between them (a
            # comma lost), each named, two entries as a comma makes them.
            join, opener, comma = _text_token(""), inline[position], True
            position -= 1
        elif position + 1 < len(inline):
            join, opener = inline[position], inline[position + 1]
        else:
            break
        # `**[LaTeX](…)** / **[Overleaf](…)**`: each link set in bold, the marks no words.
        wrapped = (
            opener.type in ("strong_open", "em_open")
            and position + 2 < len(inline)
            and inline[position + 2].type == "link_open"
        )
        if wrapped:
            opener = inline[position + 2]
        if join.type != "text" or opener.type != "link_open":
            break
        if join.content and not _ENUMERATION_JOIN.fullmatch(join.content):
            break
        marked = join.content.strip() in ("\u2022", "\u00b7", "/", "|")
        listed = listed if found else marked  # (the join before the second link)
        comma = (
            comma
            or "," in join.content
            or marked
            or _ALTERNATIVE_JOIN.fullmatch(join.content) is not None
        )
        link = position + 1 + wrapped
        close = _closing_link(inline, link)
        if not _is_real_link(inline, link, close):
            return None
        title = _plain(inline[link + 1 : close]).strip()
        position = close + 1
        if (
            wrapped
            and position < len(inline)
            and inline[position].type in ("strong_close", "em_close")
        ):
            position += 1
        if join.content.strip() in ("/", "|") and _is_page_label(title):
            # `[DevDocs](…) / [GitHub](…) or [ZealDocs](…)`: after a slash, a link named by
            # where it leads is another page of the thing before it, no thing of its own:
            # kept with it.
            pages.append((len(found), _inline_markdown(inline[link:position]).strip()))
            barred = barred or join.content.strip() == "|"
            continue
        found.append((title, str(opener.attrGet("href") or "")))
    if not (found or pages) or not comma:
        return None  # (`[A](…) and [B](…)` alone may be one thing's two pages: no list)
    first = _plain(inline[first_start + 1 : first_end]).strip()
    first_url = str(inline[first_start].attrGet("href") or "")
    if (
        len(found) == 1
        and not listed
        # (`[Sharevb IT Tools](…) / [GitHub](…) or [IT Tools](…) / [GitHub](…)`: a link with
        # pages of its own after it is a thing of its own, whatever its name shares)
        and not any(owner == 1 for owner, _ in pages)
        and _version_name(first, found[0][0], first_url, found[0][1])
    ):
        return None  # (`[PHP the right way](…), [Bản dịch](…)`: the guide and its translation)
    rest = _plain(inline[position:]).strip()
    if (
        rest
        and not rest.startswith(("- ", "\u2013 ", "\u2014 ", ": "))
        and not _NOTE_AFTER_LINKS.match(rest)
    ):
        return None  # words going on after the links: a sentence naming them
    names = [first, *(title for title, _ in found)]
    if any(
        not name
        or _written_as_address(name)  # a URL for a name: an address, no list
        or _WHERE_LABEL.fullmatch(name)
        or _is_material(name)
        or _PAPER_LINK.search(name.casefold())
        for name in names
    ):
        return None
    return _Enumeration(found=tuple(found), pages=tuple(pages), rest=position, barred=barred)


def _written_as_address(name: str) -> bool:
    """Whether a link's text is an address (`example.org`, `github.com/owner/tool`,
    `www.example.org`), not a name: a name written with its domain in capitals (`HexEd.it`,
    `Draw.io`, `Vue.js`) is a product's name."""
    if re.fullmatch(r"\S+[./]\S+", name) is None:
        return False
    return name == name.casefold() or "/" in name or name.casefold().startswith("www.")


# Link texts naming another page of the thing before them, after a slash: where it leads
# (`_WHERE_LABEL`: `GitHub`, `Site`, `Docs`) or the form it comes in (`Web Version`,
# `Discord`, `App`).
_PAGE_LABEL = re.compile(
    r"(?:web|online|desktop|mobile|ios|android|cli)?\s*(?:version|app|client|extension)|"
    r"discord|matrix|telegram|reddit|forum|subreddit|mirror",
    re.IGNORECASE,
)


def _warn_page_links(reading: _ItemReading, enumerated: _Enumeration, names: Sequence[str]) -> None:
    """The warning for the links after a slash (or a bar) kept as other pages of the resource
    before them (`_enumerated_links`): one per resource that has some."""
    mark = "a bar" if enumerated.barred else "a slash"
    for number, name in enumerate(names):
        own = [_LINK_TEXT.sub(r"\1", page) for owner, page in enumerated.pages if owner == number]
        if own:
            reading.warnings.append(
                (
                    reading.line,
                    f"{', '.join(map(repr, own))} after {name!r} and {mark}: "
                    f"{'another page' if len(own) == 1 else 'other pages'} of it, "
                    "kept in its description",
                )
            )


def _is_page_label(title: str) -> bool:
    """Whether a link's text names another page of the thing before it (`_PAGE_LABEL`)."""
    return bool(_WHERE_LABEL.fullmatch(title) or _PAGE_LABEL.fullmatch(title.strip()))


def _read_version_link(reading: _ItemReading) -> None:
    """A resource's description that starts with a comma then a link named as another
    version of it (`_version_name`): the link stays its description, without the comma, and
    a warning names the line. Any other description is left as it is."""
    said = reading.description[-1]
    version = _LEADING_LINK_TEXT.match(said[1:].lstrip())
    if version is None or not _version_name(
        str(reading.fields["title"]), version[1], str(reading.fields.get("url") or ""), version[2]
    ):
        return
    reading.description[-1] = said[1:].lstrip()
    reading.warnings.append(
        (
            reading.line,
            f"link {version[1]!r} right after {reading.fields['title']!r} read as another "
            "version of it (a translation, a mirror, an edition): kept in its description",
        )
    )


# The text and address of a markdown link at the start of a description (`[Bản dịch](…)…`).
_LEADING_LINK_TEXT = re.compile(r"\[([^\[\]]+)\]\(<?([^\s)>]*)")
# Words that name a form or copy of a work, not another work: a file format, a mirror, a
# translation or an edition, a version number (`[PDF]`, `[Mirror]`, `[v2]`, `[英文版]`).
_VERSION_WORD = re.compile(
    r"\b(?:pdf|epub|mobi|html|mirror|translation|translated|edition|version|v\d[\w.]*|"
    r"online|print|archived?|backup)\b|[\u7248\u8bd1\u8b6f]|\u4e2d\u6587|\u82f1\u6587",
    re.IGNORECASE,
)


def _version_name(first: str, second: str, first_url: str, second_url: str) -> bool:
    """Whether a link's text right after a resource's link names another version of it (a
    translation, a mirror, an edition: `[PHP the right way - Best practices](…), [Bản dịch](…)`,
    `[深入理解计算机系统](…), [英文版](…)`) rather than a second resource. The shape: a word
    or two, half the first's length at most, after a title of three words or more (or one
    written without spaces, as Chinese and Japanese are); names listed as peers are alike
    (`[Dr. A](…), [Dr. B](…)`), and a one-word tool's name after another's (`[ripgrep](…),
    [fd](…)`) is no title with versions. And a sign that it is the same work: its link leads
    into the first's pages (`_leads_into`), it is named as the work's material or by where it
    leads (`[Lectures](…)`, `[Notebooks](…)`: `_names_material`, `_WHERE_LABEL`), it repeats
    the first's name (`[Judilibre (Cour de cassation)](…), [Judilibre API](…)`), it names a
    form or a language (`_VERSION_WORD`, `_LANGUAGE_NAMES`), or it is written in another
    script (a translation named in its language: `[Bản dịch]`, `[中文翻译]` after an English
    title; not a plain name after a title with accents, `[Introdução à Programação](…),
    [Scratch](…)`). A short name of another product on another site (`[The Rust Programming
    Language](…), [Rustlings](…)`) is a second resource."""
    if not second or len(second.split()) > 2 or 2 * len(second) > len(first):
        return False
    if not (len(first.split()) >= 3 or (" " not in first and not first.isascii())):
        return False
    named = re.findall(r"\w+", second.casefold())
    words, title = set(named), re.findall(r"\w+", first.casefold())
    return (
        (bool(first_url) and bool(second_url) and _leads_into(first_url, second_url))
        # Named as the work's material or by where it leads (`[Lectures](…)`, `[Notebooks]
        # (…)`, `[Slides](…)`): another page of the same work, no work of its own.
        or _names_material(second)
        or _WHERE_LABEL.fullmatch(second.strip()) is not None
        # It repeats the work's name: all its words are the first's (`Almanac` after `The
        # Teapot Makers Almanac`), or it starts with the first's first word (`Judilibre API`
        # after `Judilibre (Cour de cassation)`, a word of four letters or more: not `The`);
        # a word of the topic shared with another work's name is no sign (`[… Tea in
        # Python](…), [Python Koans](…)`).
        or (bool(words) and words <= set(title))
        or (bool(named) and bool(title) and named[0] == title[0] and len(named[0]) >= 4)
        or bool(words & _LANGUAGE_NAMES)
        or _VERSION_WORD.search(second) is not None
        or (_letters_ascii(first) and not _letters_ascii(second))
    )


def _letters_ascii(text: str) -> bool:
    """Whether every letter of a text is an ASCII one (English, or a romanized name)."""
    return all(character.isascii() for character in text if character.isalpha())


def _labelled_title(text: Sequence[Token]) -> tuple[tuple[str, ...], str]:
    """A link text written as a bold label, a colon and an emphasized title
    (`[**C# / Go**: _Build your own Redis_](…)`): the label's parts (the languages it is in)
    and the title; ((), "") for any other link text."""
    text = [token for token in text if token.type != "text" or token.content]
    if len(text) < 6 or text[0].type != "strong_open" or text[-1].type != "em_close":
        return (), ""
    close = next((index for index, token in enumerate(text) if token.type == "strong_close"), 0)
    colon = text[close + 1] if close + 1 < len(text) else None
    if (
        colon is None
        or colon.type != "text"
        or colon.content.strip() != ":"
        or close + 2 >= len(text)
        or text[close + 2].type != "em_open"
        or any(token.type == "em_open" for token in text[close + 3 :])
    ):
        return (), ""
    label = tuple(part.strip() for part in _plain(text[1:close]).split("/") if part.strip())
    title = _plain(text[close + 3 : -1])
    return (label, title) if label and title else ((), "")


# Small print written onto a word that is part of it: an exponent, an index or an ordinal's
# ending (`CO<sub>2</sub>`, `x<sup>n</sup>`, `1<sup>st</sup>`), not a list's marks (`$, EN`).
_EXPONENT = re.compile(r"[-+\u2212]?[0-9a-z]{1,3}")


def _small_label(text: Sequence[Token]) -> tuple[tuple[str, ...], str] | None:
    """A link text that ends with a label in ``<sub>`` or ``<sup>`` (`MDN Docs <sub>KR</sub>`,
    `ChatGPT <sub>F, $</sub>`): the label's parts (split at commas) and the words before it.
    None for any other link text (a label in the middle, `x<sup>2</sup> + y`, stays; an
    exponent written onto the word before it is that word's, `CO<sub>2</sub>`)."""
    if len(text) < 4 or text[-1].type != "html_inline":
        return None
    closing = text[-1].content.strip().lower()
    if closing not in ("</sub>", "</sup>"):
        return None
    opening = next(
        (
            index
            for index in range(len(text) - 2, -1, -1)
            if text[index].type == "html_inline"
            and text[index].content.strip().lower() == "<" + closing[2:]
        ),
        None,
    )
    if not opening:
        return None
    small = _plain(text[opening + 1 : -1]).strip()
    if (
        text[opening - 1].type == "text"
        and not text[opening - 1].content[-1:].isspace()
        and _EXPONENT.fullmatch(small)
    ):
        return None
    parts = tuple(part.strip() for part in small.split(",") if part.strip())
    title = _plain(text[:opening]).strip()
    return (parts, title) if parts and title else None


def _trailing_code_tags(after: Sequence[Token]) -> tuple[Sequence[Token], tuple[str, ...]]:
    """The text after an item's link without the run of code spans it ends with, and those
    spans as tags (`… ([Source Code](…)) `GPL-3.0` `Python``: its license and language). A
    run of two or more only: one code span at the end is the description's own (`install
    with `pip``)."""
    cut = len(after)
    tags: list[str] = []
    while cut and (
        after[cut - 1].type == "code_inline"
        or (after[cut - 1].type == "text" and not after[cut - 1].content.strip())
    ):
        cut -= 1
        if after[cut].type == "code_inline":
            tags.insert(0, after[cut].content.strip())
    if len(tags) < 2 or not all(0 < len(tag) <= 40 for tag in tags):
        return after, ()
    return after[:cut], tuple(tags)


# The separator before a run of code spans right after an item's link, and the one after it.
_MARKS_BEFORE = re.compile(r"\s*(?:[-\u2013\u2014|\u00b7]\s*)?")
_MARKS_AFTER = re.compile(r"\s*[-\u2013\u2014|\u00b7]\s+(?=\S)")


def _leading_code_tags(after: Sequence[Token]) -> tuple[Sequence[Token], tuple[str, ...]]:
    """The text after an item's link without the code spans set apart between the link and
    its description (`[numpy](…) - `Python` - NumPy is …`, `- `Python` `MCP` - …`: its
    languages), and those spans as tags; (after, ()) for any other text (a code span that
    starts the description, `- `pip install x` installs it`, stays its own)."""
    if len(after) < 3 or after[0].type != "text" or after[1].type != "code_inline":
        return after, ()
    if not _MARKS_BEFORE.fullmatch(after[0].content):
        return after, ()
    position, tags = 1, []
    while position < len(after) and (
        after[position].type == "code_inline"
        or (after[position].type == "text" and not after[position].content.strip())
    ):
        if after[position].type == "code_inline":
            tags.append(after[position].content.strip())
        position += 1
    if position >= len(after) or after[position].type != "text":
        return after, ()
    separator = _MARKS_AFTER.match(after[position].content)
    if separator is None or not all(0 < len(tag) <= 40 and len(tag.split()) <= 3 for tag in tags):
        return after, ()
    rest = after[position].content[separator.end() :]
    return [_text_token(" - " + rest), *after[position + 1 :]], tuple(tags)


# A star count a tracker writes into a link's text (`[QSV (⭐2.6k)](…)`, `[x ★ 1,204](…)`): it
# changes every week, so it is no part of the title (else every count is an update).
# Without parentheses a count is only one written as one (`22k`, `1.2M`, `1,204`): a bare
# number after a star is the title's own ("Star Wars ⭐ 2", "Top 10 ★ 2024").
_STAR_COUNT = re.compile(
    r"\s*(?:\(\s*(?:\u2b50|\u2605|\U0001f31f)\ufe0f?\s*[\d.,]+\s*[kKmM]?\s*\)"
    r"|(?:\u2b50|\u2605|\U0001f31f)\ufe0f?\s*(?:[\d.,]*\d\s*[kKmM]|\d{1,3}(?:,\d{3})+))\s*$"
)


# The same counts in parentheses right after an item's link, alone or with the tracker's other
# live figures (`[logrus](…) (★ 15k)`, `[skrub](…) (🥇29 · ⭐ 1.4K) - …`, `(★ - new)`): a
# star mark, then a count or a dash, inside the first brackets after the link.
_STAR_GROUP = re.compile(
    r"\s*\((?=[^()]*(?:\u2b50|\u2605|\U0001f31f)\ufe0f?\s*(?:\d|-))[^()]{0,80}\)"
)


def _without_star_group(after: Sequence[Token]) -> Sequence[Token]:
    """The tokens after an item's link without the star-count group they open with
    (`_STAR_GROUP`): a count that changes every week is no part of the description (it was
    left at its start, `(★ 15k) - …`, and made every refreshed count an update)."""
    if not after or after[0].type != "text" or "(" not in after[0].content[:3]:
        return after  # (the cheap test first: most descriptions open otherwise)
    match = _STAR_GROUP.match(after[0].content)
    if match is None:
        return after
    rest = after[0].content[match.end() :]
    return [_text_token(rest), *after[1:]] if rest else after[1:]


# What may close a description after the badges it ends with (`… in 2021 [<img …>](…).`).
_AFTER_BADGES = frozenset({".", ",", ";", "!", "\u3002"})


def _without_trailing_badges(after: Sequence[Token]) -> Sequence[Token]:
    """The tokens after an item's link without the status badges they end with (shields.io
    and the like, `_is_badge`: `- [Quill](…) - A note editor. [![stars](…/stars/q.svg)](…)`,
    `![build](https://travis-ci.org/…)`, `[<img src="…/badge/Roadmap-2021-green.svg">](…)`):
    figures the project's services redraw (stars, version, build), no words of the description;
    kept, a bumped badge made the resource an update in every feed. A closing period after
    them stays; a badge amid the words, or any other image, stays, and so does a store's badge
    (`_STORE_PAGE`: the link to where the thing is got)."""
    if not after or after[-1].type not in ("link_close", "image", "text", "html_inline"):
        return after  # (the cheap test first: most descriptions end with words)
    cut, badges, closing = len(after), 0, ""
    if after[-1].type == "text" and after[-1].content.strip() in _AFTER_BADGES:
        closing = after[-1].content.strip()
        cut -= 1
    while cut:
        token = after[cut - 1]
        if token.type == "softbreak" or (token.type == "text" and not token.content.strip()):
            cut -= 1
        elif _is_badge_token(token):
            cut, badges = cut - 1, badges + 1
        elif token.type == "link_close":
            start = cut - 1
            while start and after[start].type != "link_open":
                start -= 1
            inside = after[start + 1 : cut - 1]
            if after[start].type != "link_open" or not inside:
                break
            if not all(_is_badge_token(part) for part in inside):
                break
            if _STORE_PAGE.search(str(after[start].attrGet("href") or "")):
                break  # a store's badge: the link to where the thing is got, no figure
            cut, badges = start, badges + 1
        else:
            break
    if not badges:
        return after
    kept = list(after[:cut])
    if kept and kept[-1].type == "text":
        kept[-1] = _text_token(kept[-1].content.rstrip())
    return [*kept, _text_token(closing)] if closing and kept else kept


# Where an app or add-on is got (a store, a gallery): a badge linking there (`Get it on
# Google Play`, `Download on the App Store`) is that link, no status figure.
_STORE_PAGE = re.compile(
    r"//(?:play\.google\.com/store|apps\.apple\.com|itunes\.apple\.com|(?:www\.)?f-droid\.org|"
    r"apps\.microsoft\.com|(?:www\.)?microsoft\.com/[^?#]*store|chromewebstore\.google\.com|"
    r"chrome\.google\.com/webstore|addons\.mozilla\.org|(?:www\.)?flathub\.org|snapcraft\.io|"
    r"(?:www\.)?amazon\.[a-z.]+/[^?#]*(?:app|dp)/|appgallery\.huawei\.com|galaxystore\.samsung)",
    re.IGNORECASE,
)


def _is_badge_token(token: Token) -> bool:
    """An image token, or an inline `<img>`, whose source is a status badge's."""
    if token.type == "image":
        return _is_badge(token.attrGet("src"))
    if token.type == "html_inline" and token.content.lstrip().lower().startswith("<img"):
        return _is_badge(next(iter(_HTML_SRC.findall(token.content)), ""))
    return False


def _without_star_count(title: str) -> str:
    """A link text without the star count at its end (`QSV (⭐2.6k)` → `QSV`)."""
    return _STAR_COUNT.sub("", title) or title


def _read_body(
    reading: _ItemReading,
    tokens: Sequence[Token],
    blocks: Sequence[tuple[int, int]],
    lines: list[str],
    indent: int,
    item_stop: int,
) -> None:
    """Read the blocks under an item's first paragraph: metadata lines (`_meta`), nested
    resources, and everything else as description, written as it stands (without the
    item's indent)."""
    for open_, close in blocks:
        token = tokens[open_]
        start, stop = token.map or (reading.line, item_stop)
        if token.type == "paragraph_open":
            meta = _meta(tokens[open_ + 1].children or [], start, reading.warnings)
            if meta is not None:
                reading.fields.update(meta)
                reading.resource_like = True
                continue
            inline = tokens[open_ + 1].children or []
            if inline and not _without_trailing_badges(inline):
                # A paragraph of status badges under the item (`  ![Last updated](…)`): the
                # figures a service redraws, no words of its description, as the badges
                # that end its first line are not (`_without_trailing_badges`).
                continue
            reading.description.append(_dedented(lines, start, stop, indent))
            reading.described = True
        elif (
            token.type == "blockquote_open"
            and reading.nested
            and "url" not in reading.fields
            and 0 < start <= len(lines)
            and lines[start - 1].strip()
        ):
            # A quote on the line right under a label's last item (`* J2SE` over `  * [A](…)`,
            # `  * [B](…)`, then `  > what B says`, no blank line): a note on the item right
            # above it, as a quote written under any item is. After a blank line, at the
            # label's indent, it is the label's own: what it says of the group (below).
            quote = _quote_text(lines, start, stop, indent)
            last = reading.nested[-1]
            reading.nested[-1] = replace(last, description=_with_quote(last.description, quote))
        elif token.type == "blockquote_open":
            reading.description.append(_quote_text(lines, start, stop, indent))
            reading.described = True
            reading.resource_like = reading.resource_like or bool(reading.fields.get("title"))
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            facts = (
                _facts_under_name(_dedented(lines, start, stop, indent))
                if "url" not in reading.fields and reading.fields.get("title")
                else None
            )
            if facts is not None:
                # `* ChatGLM:` over `* 地址: https://…` and `* 简介: …` (full-width colons):
                # the name's resource at the address its facts give, the other facts its
                # description.
                reading.fields["url"] = _checked_url(facts[0], start, reading.warnings)
                # The colon that led into the facts is no part of the name.
                reading.fields["title"] = str(reading.fields["title"]).rstrip(":\uff1a ").strip()
                reading.description.append(facts[1])
                reading.resource_like = reading.described = True
            elif not _read_nested(reading, tokens, open_, close, lines):
                reading.description.append(_dedented(lines, start, stop, indent))
        elif token.type != "html_block":
            reading.description.append(_dedented(lines, start, stop, indent))


# A thread of a discussion site: a Hacker News item, a Reddit post's comments, a Lobsters story.
_DISCUSSION_THREAD = re.compile(
    r"https?://(?:news\.ycombinator\.com/item\?|(?:(?:www|old)\.)?reddit\.com/r/[^/]+/comments/|"
    r"lobste\.rs/s/)",
    re.IGNORECASE,
)


def _read_nested(
    reading: _ItemReading, tokens: Sequence[Token], open_: int, close: int, lines: list[str]
) -> bool:
    """Take a nested list's items as the item's children when all read as resources (and
    not all as a course's material links); False, taking nothing, otherwise."""
    items = [_item(tokens, o, c, lines) for o, c in _children(tokens, open_, close)]
    if (reading.leading_link or reading.paper) and not any(
        token.type == "inline" and _links(token.children or []) for token in tokens[open_:close]
    ):
        # Plain bullets under a link: what it covers (a syllabus), its description; under an
        # entry named before its labelled links (`**ResNet** (2015) [[paper](…)]` over `He et
        # al. "Deep Residual Learning…"`), what it is (its authors and title, a note), too.
        return False
    if (
        "url" not in reading.fields
        and _announcing(str(reading.fields.get("title", "")))
        and all(item.candidate is None or _is_bare(item.candidate) for item in items)
    ):
        # "Implement:" over plain bullets (a task and its steps): what it announces, words.
        return False
    if any(
        item.lead_in == "named"
        and item.candidate is not None
        and len(item.candidate.title.split()) == 1
        for item in items
    ):
        # "  - Website: https://…", "  - Source: …" under a resource: a one-word label on a
        # nested bullet names a field of its parent (its description), not a resource.
        return False
    materials = all(
        item.link_led
        and item.candidate is not None
        and all(_is_material(link.title) for link in _spread(item.candidate))
        for item in items
    ) or ("url" in reading.fields and all(map(_material_link_item, items)))
    title = str(reading.fields.get("title", ""))
    url = str(reading.fields.get("url", ""))
    if (
        items
        and "url" in reading.fields
        and not materials
        and all(_material_link_item(item) or _companion_item(item, title, url) for item in items)
    ):
        # `- [Learning from Data](…)` over `  - [Online tutorials](…)`, a review of it, slides
        # under `  - Teaching material`: what it comes with, named in words of their own (as
        # its `[GitHub repository](…)` is by where it leads): its description, each said.
        for (start, _end), item in zip(_children(tokens, open_, close), items, strict=True):
            if _companion_item(item, title, url):
                _warn_material(reading, tokens, start, lines, title)
        return False
    # Links to discussion threads of the item (`- [Discussion on HN #1](news.ycombinator.com/
    # item?id=…)` under it): what was said about it, part of its description. Only under a
    # resource: under a plain label (`- Hacker News` over its threads) they are the resources.
    threads = "url" in reading.fields and all(
        item.candidate is not None and _DISCUSSION_THREAD.match(item.candidate.url)
        for item in items
    )
    if not items or materials or threads:
        return False
    if "url" in reading.fields and all(_only_an_address(item) for item in items):
        # `* [user/list](https://github.com/…) - a list` over `  * http://user.github.io/list/`:
        # the same resource's other address (its site), said of it, no resource of its own.
        title = str(reading.fields.get("title", ""))
        for item in items:
            assert item.candidate is not None
            reading.warnings.append(
                (
                    item.candidate.line,
                    f"bullet {item.candidate.url!r} under the resource {title!r} is only an "
                    "address: another address of it, kept in its description",
                )
            )
        return False
    if "url" in reading.fields and _announces_versions(reading.description):
        # `- [The Book](…)` … `Other translations:` over `  - [book-zh](…)`: the work's
        # translations or mirrors, listed under it as its words announce them, said of it,
        # no resources of their own (as `[The Book](…), [中文版](…)` on one line).
        title = str(reading.fields.get("title", ""))
        for item in items:
            if item.candidate is not None:
                reading.warnings.append(
                    (
                        item.candidate.line,
                        f"bullet {item.candidate.title!r} under {title!r}, after words "
                        "announcing its translations or mirrors: another version of it, kept "
                        "in its description",
                    )
                )
        return False
    if "url" in reading.fields and _names_a_branch(tokens, open_, items):
        return _read_branch(reading, tokens, open_, close, lines, items)
    if "url" in reading.fields:
        items = _under_resource(reading, tokens, open_, close, lines, items)
    if not all(item.resource_like or item.empty_link for item in items):
        return _read_nested_group(reading, tokens, open_, close, lines, items)
    taken = [candidate for item in items if item.candidate for candidate in _spread(item.candidate)]
    if "url" in reading.fields:
        taken = _ungrouped(taken, str(reading.fields.get("title", "")), reading.warnings)
    reading.nested.extend(taken)
    for item in items:
        reading.warnings.extend(item.warnings)
    return any(item.candidate for item in items)


# Words naming a work's other versions: translations (译文, 翻译, 譯本, 翻訳, 번역, traducción,
# Übersetzung, перевод) and mirrors (镜像).
_VERSIONS_WORDS = re.compile(
    r"translat|traduc|[uü]bersetz|перевод|\u8bd1|\u8b6f|\u7ffb\u8a33|\ubc88\uc5ed|mirror|"
    r"\u955c\u50cf|\u93e1\u50cf",
    re.IGNORECASE,
)


def _announces_versions(description: Sequence[str]) -> bool:
    """Whether a resource's words end announcing its other versions, right over a nested list
    (`其他已有的还在积极更新的优秀译文:`, `Translations:`): a short paragraph ending with a
    colon that names translations or mirrors."""
    if not description:
        return False
    last = description[-1].strip()
    return (
        _announcing(last)
        and "\n" not in last
        and len(last) <= 80
        and _VERSIONS_WORDS.search(last) is not None
    )


def _only_an_address(item: _Item) -> bool:
    """Whether a bullet is a bare address and nothing else (`- http://user.github.io/list/`):
    named by its URL, nothing said of it, nothing under it."""
    candidate = item.candidate
    if candidate is None or not candidate.url or candidate.description or candidate.children:
        return False
    shown = candidate.title.strip().rstrip("/")
    url = candidate.url.rstrip("/")
    return shown == url or shown == url.split("://", 1)[-1]


def _under_resource(
    reading: _ItemReading,
    tokens: Sequence[Token],
    open_: int,
    close: int,
    lines: list[str],
    items: list[_Item],
) -> list[_Item]:
    """The items of a list nested under a resource, read as the resource's own: a bullet
    giving a label then a named link elsewhere (`_labelled_sub_resource`) a resource of its
    own; where some of them are resources, a bullet that is none a note on the resource
    (`- [Django](…)` over `  - Note: batteries included.`, `  - Source: [GitHub](…)` and
    `  - [Django docs](…)`: the first two kept in its description),
    each with a warning naming its line. Only when what is left all reads as resources, none
    a course's material (`[Lecture Videos](…)`, `[Old Exams](…)` under a course's description
    bullet: what the course gives, its description, as before); else the items unchanged."""
    title = str(reading.fields.get("title", ""))
    read = [_labelled_sub_resource(reading, item) for item in items]
    taken = [item for item, _ in read]
    warnings = [warning for _, warning in read if warning is not None]
    starts = [start for start, _end in _children(tokens, open_, close)]
    url = str(reading.fields.get("url", ""))
    material = [_material_link_item(item) or _companion_item(item, title, url) for item in taken]
    materials: list[tuple[int, str]] = []
    if any(material) and not all(material) and all(item.link_led for item in taken):
        # `- [Bowline](…)` over `  - [GitHub](…)`, `  - [Video](…) + [Slides](…)` and
        # `  - [The Bowline at Sea](…)`: the first two only name its copies or material (its
        # description, as a course's `[Lecture Videos](…)` are), the last a resource. (Under
        # a course, words among its links say what it covers: its links stay as before.)
        for start, is_material in zip(starts, material, strict=True):
            if is_material:
                line, stop = tokens[start].map or (reading.line, reading.line + 1)
                markdown = _item_markdown(lines, line, stop)
                if markdown:
                    materials.append((line, markdown))
        taken = [item for item, is_material in zip(taken, material, strict=True) if not is_material]
        starts = [
            start for start, is_material in zip(starts, material, strict=True) if not is_material
        ]
    linked = [
        item.candidate is not None
        and item.resource_like
        and bool(item.candidate.url or item.candidate.children)
        for item in taken
    ]
    notes: list[tuple[int, str]] = []
    if any(linked) and not all(linked):
        kept: list[_Item] = []
        for start, item, is_linked in zip(starts, taken, linked, strict=True):
            if is_linked or item.empty_link:
                kept.append(item)
                continue
            line, stop = tokens[start].map or (reading.line, reading.line + 1)
            markdown = _item_markdown(lines, line, stop)
            if markdown:
                notes.append((line, markdown))
        taken = kept
    if (
        not taken
        or not all(item.resource_like or item.empty_link for item in taken)
        or any(
            item.candidate is not None
            and any(_is_material(link.title) for link in _spread(item.candidate))
            for item in taken
        )
    ):
        return items
    kept_in_description = (
        (materials, "only names a copy or material of it: kept in its description"),
        (notes, "names no resource of its own: a note on it, kept in its description"),
    )
    for bullets, why in kept_in_description:
        for line, markdown in bullets:
            reading.description.append(f"- {markdown}")
            reading.described = True
            warnings.append(
                (
                    line,
                    f"bullet {_shortened(_single_line(markdown))!r} under the resource "
                    f"{title!r} {why}",
                )
            )
    reading.warnings.extend(sorted(warnings))
    return taken


def _names_a_branch(tokens: Sequence[Token], open_: int, items: Sequence[_Item]) -> bool:
    """Whether a link bullet's nested list (at ``open_``) makes it a branch of a tree of
    bullets: its nested bullets, but for links that only name its copies or material
    (`_material_link_item`), are all label groups (`+ Learning` over links), and every bullet
    it is nested in, up to its list's top, is a label of words without a link (`+ Frameworks`
    > `+ JavaScript` > `+ [Angular](…)`): where the list's labels are its sections, a link
    over groups names one too. A link bullet at its list's top (the document's sections are
    its headings: `- [regex](…)` over `  - Web` over links) or over links of its own beside a
    label keeps its groups as its own, tags (`_ungrouped`)."""
    groups = [item for item in items if not _material_link_item(item)]
    if not groups or not all(
        item.candidate is not None
        and item.candidate.group
        and not item.candidate.url
        and item.candidate.children
        for item in groups
    ):
        return False
    return _labels_above(tokens, open_)


def _labels_above(tokens: Sequence[Token], open_: int) -> bool:
    """Whether the list item holding the nested list at ``open_`` is nested in list items
    only, one at least, each a label: a first paragraph of words, no link in it. Only the
    list's own items count: a list item's tokens hold all of its nested items, so a list
    read in pieces (a piece per top-level item) gives the same answer."""
    level = tokens[open_].level - 1  # the item holding the nested list
    index = open_
    found = False
    while level >= 2:
        level -= 2  # the item holding that item's list
        index -= 1
        while index >= 0 and not (
            tokens[index].type == "list_item_open" and tokens[index].level == level
        ):
            if tokens[index].level < level:
                return found  # the list is inside something else (a quote): its top
            index -= 1
        if index < 0:
            return found
        if (
            index + 2 >= len(tokens)
            or tokens[index + 1].type != "paragraph_open"
            or tokens[index + 2].type != "inline"
        ):
            return False
        inline = tokens[index + 2].children or []
        if any(token.type == "link_open" for token in inline) or not _plain(inline).strip():
            return False
        found = True
    return found


def _read_branch(
    reading: _ItemReading,
    tokens: Sequence[Token],
    open_: int,
    close: int,
    lines: list[str],
    items: list[_Item],
) -> bool:
    """A link bullet's nested label groups read as its subsections (`_names_a_branch`): the
    groups its nested candidates, the links naming its copies or material kept in its
    description with a warning each; `_item_result` makes it the subsection."""
    title = str(reading.fields.get("title", ""))
    for (start, _end), item in zip(_children(tokens, open_, close), items, strict=True):
        if _material_link_item(item):
            line, stop = tokens[start].map or (reading.line, reading.line + 1)
            markdown = _item_markdown(lines, line, stop)
            reading.description.append(f"- {markdown}")
            reading.described = True
            reading.warnings.append(
                (
                    line,
                    f"bullet {_shortened(_single_line(markdown))!r} under the resource "
                    f"{title!r} only names a copy or material of it: kept in its description",
                )
            )
            continue
        assert item.candidate is not None
        reading.warnings.extend(item.warnings)
        reading.nested.append(item.candidate)
    reading.branch = True
    return True


def _warn_material(
    reading: _ItemReading, tokens: Sequence[Token], start: int, lines: list[str], title: str
) -> None:
    """Say that the nested bullet at ``start`` only names a material of the resource
    ``title``, kept in its description."""
    line, stop = tokens[start].map or (reading.line, reading.line + 1)
    markdown = _item_markdown(lines, line, stop)
    reading.warnings.append(
        (
            line,
            f"bullet {_shortened(_single_line(markdown))!r} under the resource {title!r} "
            "only names a copy or material of it: kept in its description",
        )
    )


# Words that name a kind of thing a work comes with, beside `MATERIAL_WORDS` (its code, its
# videos, its page): its tutorials, a review of it, its errata, the slides for its chapters
# as files. A link under a resource named by such words only, or by the resource's title and
# such words (`[The Book review](…)`), names no thing of its own (`_names_companion`). Only
# under a resource with a link (`_companion_item`): the course rules keep `MATERIAL_WORDS`.
COMPANION_WORDS = frozenset(
    {
        "resource", "resources", "tutorial", "tutorials", "online", "review", "reviews",
        "errata", "erratum", "solution", "solutions", "answers", "chapter", "chapters", "part",
        "parts", "for", "companion", "teaching", "material", "supplementary", "supplement",
        "additional", "extra", "sample", "samples", "download", "downloads", "pdf", "zip",
        "ebook", "free", "all", "examples", "source",
    }
)  # fmt: skip


def _names_companion(text: str, title: str) -> bool:
    """Whether a link's or a label's text names only a kind of material of the resource
    ``title`` (`Online tutorials`, `Resource repository`, `Slides for Chapters 1-5 (zip)`,
    `<title> review`): once that title's words are left out, a qualifier in parentheses and
    ranges of numbers aside, words of `MATERIAL_WORDS` or `COMPANION_WORDS` only. A number
    alone names one part (`Lecture 1`): no material of that kind."""
    bare = _NUMBER_RANGE.sub(" ", _PARENTHESIZED.sub(" ", text))
    words = re.sub(r"[^\w\s]+", " ", bare.casefold()).split()
    own = re.sub(r"[^\w\s]+", " ", _NUMBER_RANGE.sub(" ", title).casefold()).split()
    if own:
        for at in range(len(words) - len(own) + 1):
            if words[at : at + len(own)] == own:
                words = words[:at] + words[at + len(own) :]
                break
    if any(character.isdigit() for word in words for character in word):
        return False  # `Lecture 1`, `Part 2`: a part named by its number, a resource
    return (
        bool(words)
        and all(word in MATERIAL_WORDS or word in COMPANION_WORDS for word in words)
        and any(word not in _FUNCTION_WORDS for word in words)
    )


# A range of numbers (`1-5`, `6-8` or an en dash): what a file of several chapters or parts covers.
_NUMBER_RANGE = re.compile(r"\d+\s*[-\u2013]\s*\d+")
# Words that name nothing alone (`for`, `and`, `the`, `of`, `all`).
_FUNCTION_WORDS = frozenset({"for", "and", "the", "of", "all"})


def _companion_item(item: _Item, title: str, url: str) -> bool:
    """Whether a bullet under the resource ``title`` (at ``url``) only names what it comes
    with, in words of its own (`_names_companion`), nothing said of it: a bare link
    (`[Online tutorials](…)`, `[<title> review](…)`), or a label naming such material over
    bare links that do (`Teaching material` over `[Slides for Chapters 1-5 (zip)](…)`). Not a
    link into a repository on a code host other than the resource's own: a project of its own
    (`- [Machine Learning](…)` over `  - [Tutorials](github.com/other/ml-tutorials)`, a list
    of lists' sub-list), whatever its words."""
    candidate = item.candidate
    if candidate is None or candidate.description or candidate.siblings:
        return False
    if candidate.group:
        return (
            not candidate.url
            and _names_companion(candidate.title, title)
            and bool(candidate.children)
            and all(
                _companion_link(child, title, url)
                or (
                    bool(child.url)
                    and not child.description
                    and not child.children
                    and not child.siblings
                    and _names_only_material(child.title)
                )
                for child in candidate.children
            )
        )
    return item.link_led and _companion_link(candidate, title, url)


def _companion_link(candidate: _Candidate, title: str, url: str) -> bool:
    """A bare link naming a material of the resource ``title`` at ``url`` in words of its own
    (see `_companion_item`)."""
    return (
        bool(candidate.url)
        and not candidate.description
        and not candidate.children
        and not candidate.siblings
        and _names_companion(candidate.title, title)
        and (_home(candidate.url)[0] not in _CODE_HOSTS or _leads_into(url, candidate.url))
    )


def _names_only_material(title: str) -> bool:
    """A link text naming only a copy or material of what it is under, a qualifier in
    parentheses aside (`GitHub`, `Video`, `Slides`, `GitHub repository(R)`, `Videos`):
    `_names_material`'s words, or where a link leads (`_WHERE_LABEL`)."""
    bare = _PARENTHESIZED.sub(" ", title).strip()
    return bool(bare) and (_names_material(bare) or _WHERE_LABEL.fullmatch(bare) is not None)


def _material_link_item(item: _Item) -> bool:
    """Whether a bullet under a resource is only a link to a copy or material of it: a link
    named so (`_names_only_material`), nothing said of it but other such links (`[Video](…)
    + [Slides](…)`), nothing under it."""
    candidate = item.candidate
    if candidate is None or not item.link_led or not candidate.url or candidate.children:
        return False
    return (
        all(_names_only_material(link.title) for link in _spread(candidate))
        and all(
            _names_only_material(text)
            for text in re.findall(r"\[([^\]]*)\]\(", candidate.description)
        )
        and not re.sub(r"\[[^\]]*\]\([^)]*\)|[\s+&,|/]", "", candidate.description)
    )


def _labelled_sub_resource(
    reading: _ItemReading, item: _Item
) -> tuple[_Item, tuple[int, str] | None]:
    """A bullet under a resource that gives a label then a named link to elsewhere (`- [PCRE2](…)`
    over `  - Rust: [pcre2: Rust bindings to PCRE2](…)`, `- [regex](…)` over `  - Web:
    [Rustexp](…)`) read as a resource of its own after it, tagged by the label, as the same
    links under a label bullet (`  - Web` over `    - [Rustexp](…)`) are; with the warning
    naming its line. A link named by where it leads (`- Source: [GitHub](…)`, `- Slides:
    [Slides](…)`), labelled so (`- Docs: [Django documentation](…)`, `- Paper: [Attention
    is all you need](…)`: the resource's own page, whatever its text) or to the resource's
    own address says more of it: unchanged, its description."""
    candidate = item.candidate
    if item.lead_in != "pointer" or candidate is None or not candidate.url:
        return item, None
    label = candidate.description.strip().removesuffix(":").strip()
    title = candidate.title
    if (
        not label
        or "\n" in label
        or _is_material(title)
        or _WHERE_LABEL.fullmatch(title)
        or _is_material(label)
        or _WHERE_LABEL.fullmatch(label)
        or normalize_url(candidate.url) == normalize_url(str(reading.fields.get("url", "")))
    ):
        return item, None
    warning = (
        candidate.line,
        f"bullet '{label}: {title}' under the resource {reading.fields.get('title', '')!r} "
        f"names a resource of its own: read after it, tagged {label!r}",
    )
    item = replace(
        item,
        candidate=replace(candidate, description="", tags=(*candidate.tags, label)),
        resource_like=True,
        link_led=True,
    )
    return item, warning


def _ungrouped(
    candidates: list[_Candidate], title: str, warnings: list[tuple[int, str]]
) -> list[_Candidate]:
    """The resources nested under a resource, each label over links among them (`- [regex](…)`
    over `  - Web` over `    - [Rustexp](…)`) read as the resource's own group: its links
    resources after it in the same section, tagged by the label, with a warning naming the
    label's line; a subsection only where the label is a list's own item, not a resource's."""
    result: list[_Candidate] = []
    for candidate in candidates:
        if not candidate.group:
            result.append(candidate)
            continue
        warnings.append(
            (
                candidate.line,
                f"label {candidate.title!r} under the resource {title!r} groups links of that "
                f"resource: read as resources after it, tagged {candidate.title!r}, not a "
                "subsection",
            )
        )
        for child in _ungrouped(list(candidate.children), title, warnings):
            tags = child.tags if candidate.title in child.tags else (*child.tags, candidate.title)
            result.append(replace(child, tags=tags))
    return result


def _spread(candidate: _Candidate) -> tuple[_Candidate, ...]:
    """A candidate and the other links of its bullet (`- **CI/CD**: [A](…), [B](…)`,
    `_Candidate.siblings`), each a resource: wherever a bullet's candidate is taken, all
    its links are (a nested list kept only the first)."""
    if not candidate.siblings:
        return (candidate,)
    return (replace(candidate, siblings=()), *candidate.siblings)


def _read_nested_group(
    reading: _ItemReading,
    tokens: Sequence[Token],
    open_: int,
    close: int,
    lines: list[str],
    items: list[_Item],
) -> bool:
    """A group's nested list (under a plain label, `- 通用` over its libraries) where one item
    does not read as a resource: it never changes how its neighbours are read (issue 13).
    When most items start with their link, the list is resources and each odd item is kept in
    the description of the resource above it (skipped when it comes first), with a warning;
    False, taking nothing, otherwise (the list is the label's description)."""
    if "url" in reading.fields or reading.leading_link:
        return False
    named = 2 * sum(item.resource_like and item.candidate is not None for item in items) > len(
        items
    ) and any(item.name_link is not None and not item.resource_like for item in items)
    if 2 * sum(item.link_led and item.resource_like for item in items) <= len(items) and not named:
        return False
    taken: list[_Candidate] = []
    official = _official_form(items)
    for (start, _end), item in zip(_children(tokens, open_, close), items, strict=True):
        reading.warnings.extend(item.warnings)
        line = (tokens[start].map or (reading.line, reading.line))[0]
        if item.empty_link:
            continue  # skipped, and said so (its warning)
        if official and item.name_link is not None and not item.resource_like:
            taken.append(_checked_link(item.name_link, reading.warnings))
            continue
        if named and item.name_link is not None and not item.resource_like:
            # Among names (`- avmplus`, `- Shumway`), `- Ruffle: its support is tracked in
            # [issue #14651](…)`: one more name, at the link its words give.
            name_link = _checked_link(item.name_link, reading.warnings)
            reading.warnings.append(
                (
                    line,
                    f"bullet 'Name: words [link]' among plain names: read as "
                    f"{name_link.title!r} at its link {name_link.url!r}",
                )
            )
            taken.append(name_link)
            continue
        if item.resource_like and item.candidate is not None:
            taken.extend(_spread(item.candidate))
            continue
        if not taken:
            reading.warnings.append((line, "bullet does not read as a resource: skipped"))
            continue
        stop = (tokens[start].map or (line, line + 1))[1]
        markdown = _item_markdown(lines, line, stop)
        reading.warnings.append(
            (
                line,
                "bullet does not read as a resource among its group's link bullets: kept in "
                f"the description of {taken[-1].title!r}",
            )
        )
        taken[-1] = _with_description(taken[-1], markdown)
    reading.nested.extend(taken)
    return bool(taken)


def _item_result(reading: _ItemReading, first_inline: Sequence[Token]) -> _Item:
    """The candidate an item's reading makes (none without a title): its description joined,
    an ``Email:`` given to its author, and a plain bullet over resource bullets made a group
    (a subsection)."""
    fields = reading.fields
    if not fields.get("title"):
        return _Item(candidate=None, resource_like=False)
    lead = next(
        (
            index
            for index, token in enumerate(first_inline)
            if token.type != "text" or token.content.strip()
        ),
        None,
    )
    if (
        lead is not None
        and lead + 1 < len(first_inline)
        and first_inline[lead].type == "text"
        and _PAPER_YEAR.fullmatch(first_inline[lead].content.strip())
    ):
        lead += 1  # `1996, [Modelling Costs …](), in …`: the year the paper came out first
    if (
        lead is not None
        and first_inline[lead].type == "link_open"
        and not str(first_inline[lead].attrGet("href") or "").strip()
        and not reading.nested
    ):
        close = next(
            (
                index
                for index in range(lead, len(first_inline))
                if first_inline[index].type == "link_close"
            ),
            len(first_inline),
        )
        text = _plain(first_inline[lead + 1 : close]) or fields["title"]
        # `[Part II]() by **H**`: its author has not written the link yet (the table rule's
        # `[lesson]()`), no topic named by the words around it.
        return _Item(
            candidate=None,
            resource_like=False,
            empty_link=True,
            warnings=[
                *reading.warnings,
                (
                    reading.line,
                    f"link {text!r} has no destination (a link still to come): skipped",
                ),
            ],
        )
    group = "url" not in fields and bool(reading.nested) and not reading.leading_link
    if group and all(map(_is_bare_reference, reading.nested)):
        # `* Improve formatting of errors` over `  - [#112](…/pull/112)`: a changelog's entry
        # over the issues or pull requests it refers to, by number: no group of resources.
        references = [markdown_link(child.title, child.url) for child in reading.nested]
        reading.description.append(", ".join(references))
        numbers = ", ".join(repr(child.title) for child in reading.nested)
        reading.warnings.append(
            (
                reading.line,
                f"nested links {numbers} only number issues or pull requests: the references "
                f"of {fields['title']!r}, kept in its description, not resources",
            )
        )
        reading.nested, group = [], False
    if reading.pointer is not None and not group:
        # "Reddit: [List …](…)" alone: the item points at its link, the lead-in first in
        # its description (over nested resources it is a group: below).
        fields["url"] = _checked_url(reading.pointer[0], reading.line, reading.warnings)
        reading.description.insert(0, reading.pointer[1])
        reading.lead_in = "pointer"
    description = _markdown_field("\n\n".join(part for part in reading.description if part))
    author_email = fields.pop("author_email", "")
    if author_email:
        author = fields.get("author") or Author(name=author_email)
        fields["author"] = replace(author, email=author_email)
    if group and not reading.resource_like and _is_group_label(first_inline):
        # "- MySQL - [awesome-mysql](…)" over link bullets: a subsection named by the label,
        # its link the subsection's first resource.
        label, first = _group_label(first_inline, reading.line, reading.warnings)
        fields["title"] = label or fields["title"]
        if first is not None:
            reading.nested.insert(0, first)
        reading.warnings.append(
            (reading.line, f"group bullet read as the subsection {fields['title']!r}")
        )
        reading.resource_like = True
    if (
        group
        and any(child.url for child in reading.nested)
        and (labelled := _bold_label_and_words(first_inline)) is not None
    ):
        # `* **Greedy** - choose the best option …` over link bullets: the group's name in
        # bold, then what its members share: a subsection named by the label, the words its
        # intro.
        fields["title"], description = labelled[0], _markdown_field(labelled[1])
        reading.warnings.append(
            (
                reading.line,
                # (worded as `_note_label`'s reading, which took such a sentence before)
                f"bullet {labelled[0]!r} over links, its words a sentence: a subsection named "
                "by its bold label, the sentence its intro"
                if _is_sentence(labelled[1])
                else f"bullet {labelled[0]!r} over nested links, words after its bold label: "
                "read as the subsection named by the label, the words its intro",
            )
        )
        reading.resource_like = True
    if group and not reading.resource_like and _task_over_links(first_inline):
        # `- Write a C compiler` over `  - [Part 1: Integers, …](…)`, its parts: words
        # written as a task, but over resources of their own they name their group.
        reading.warnings.append(
            (
                reading.line,
                f"bullet {fields['title']!r} reads like a task, but over nested resources it "
                "names their group: read as the subsection",
            )
        )
        reading.resource_like = True
    if group:
        # "- Amazon :moneybag:" over its links: GitHub draws the shortcode as a picture, no
        # part of the name (as `_heading_title` leaves it out of a heading's).
        label = _single_line(_SHORTCODE.sub(" ", fields["title"])) or fields["title"]
        # "- C/C++:" over its links: the colon introduces the list, no part of the name.
        fields["title"] = label.rstrip().removesuffix(":").removesuffix("\uff1a").rstrip() or label
    work = _work_over_its_sites(fields["title"], reading.nested) if group else None
    if work is not None:
        # "Java for Complete Beginners by John Purcell" over [Udemy](…), [Youtube](…): one
        # course, each link one of the sites it is on, not a subsection of sites.
        title, author, first, others = work
        fields.update(title=title, author=Author(name=author), url=first.url)
        description = _markdown_field(
            "\n\n".join(
                part
                for part in (
                    description,
                    "Also on: " + ", ".join(markdown_link(o.title, o.url) for o in others),
                )
                if part.strip()
            )
        )
        reading.nested, group = [], False
        reading.warnings.append(
            (
                reading.line,
                f"bullet {title!r} by {author} over links to the sites it is on read as one "
                f"resource at its first link ({first.title!r}), the others in its description",
            )
        )
    copies = (
        reading.nested
        if group
        and work is None
        and reading.nested
        and all(
            child.url and not child.children and _names_only_material(child.title)
            for child in reading.nested
        )
        else None
    )
    if copies:
        # "How to become a Data Scientist in 6 months" over [Video](…) and [Slide](…): one
        # talk, its links its copies, not a subsection of resources named "Video", "Slide".
        original, copies_after = copies[0], copies[1:]
        fields.update(url=original.url)
        description = _markdown_field(
            "\n\n".join(
                part
                for part in (
                    description,
                    ", ".join(markdown_link(other.title, other.url) for other in copies_after),
                )
                if part.strip()
            )
        )
        reading.nested, group = [], False
        reading.warnings.append(
            (
                reading.line,
                f"bullet {fields['title']!r} over links that only name its copies ("
                + ", ".join(repr(child.title) for child in copies)
                + f"): read as one resource at its first link ({original.title!r}), the others "
                "in its description",
            )
        )
    entry = _entry_after_reference(fields, description) if not group else None
    if entry is not None:
        # `- [#27](…/pull/27) Added a dark theme`: a changelog's entry led by the issue or
        # pull request it came from: the words are the entry, the number its reference (as
        # under an entry: `_is_bare_reference`). The issue or pull request is still where
        # the entry is told of (`- [#1234](…/issues/1234) The long thread on removing the
        # GIL`, a list of notable discussions): its URL, as no other link says where it is.
        reference = markdown_link(str(fields["title"]), str(fields.get("url") or ""))
        reading.warnings.append(
            (
                reading.line,
                f"link {fields['title']!r} only numbers an issue or pull request: the "
                f"reference of the entry {entry!r} after it, kept in its description, not "
                "its title",
            )
        )
        fields.update(title=entry)
        description = _markdown_field(reference)
    if reading.branch and not group:
        # `+ [Angular](…)` over `+ Learning`, `+ Integration` in a tree of label bullets: the
        # subsection named by its link's text, the link its first resource (as a group
        # bullet's label and link are), its groups the subsections under it.
        first = _Candidate(line=reading.line, description=description, **fields)
        reading.nested.insert(0, first)
        reading.warnings.append(
            (
                reading.line,
                f"link bullet {first.title!r} over label groups, in a list whose labels are "
                f"its sections: read as the subsection {first.title!r}, its link the "
                "subsection's first resource",
            )
        )
        fields, description, group = {"title": first.title}, "", True
    candidate = _Candidate(
        line=reading.line,
        description=description,
        children=tuple(reading.nested),
        group=group,
        **fields,
    )
    if candidate is not None and reading.siblings:
        candidate = replace(candidate, siblings=reading.siblings)
    return _Item(
        candidate=candidate,
        resource_like=reading.resource_like,
        warnings=reading.warnings,
        link_led=reading.link_led,
        lead_in=reading.lead_in,
        kind_lead=reading.kind_lead,
        described=reading.described,
        name_link=None if reading.nested else reading.name_link,
        set_link=None if reading.nested else reading.set_link,
    )


# A link's text that only numbers an issue, a pull or merge request (`#112`, `!45`, `GH-7`,
# `PR #112`), the number its address ends with. The mark or the word is what makes it a
# reference: a number alone names a page (`[1](…/psets/1)`, a course's problem sets).
_REFERENCE_NUMBER = re.compile(
    r"(?:(?:pr|mr|gh|pull|issue|bug)[\s-]*[#!]?|[#!])(\d{1,7})", re.IGNORECASE
)


def _is_bare_reference(candidate: _Candidate) -> bool:
    """Whether a nested resource is only a reference to an issue or pull request by its number
    (`[#112](https://github.com/o/r/pull/112)`, nothing said of it): no resource of its own."""
    number = _REFERENCE_NUMBER.fullmatch(candidate.title.strip())
    return (
        number is not None
        and not candidate.description
        and not candidate.children
        and urlsplit(candidate.url).path.rstrip("/").rsplit("/", 1)[-1] == number.group(1)
    )


def _entry_after_reference(fields: Mapping[str, Any], description: str) -> str | None:
    """The words of an item led by a link that only numbers an issue or pull request
    (`[#27](…/pull/27) Added a dark theme`, `[GH-12](…) - Fix it`), as its title; None for
    any other item (a link named otherwise, words that link or go on over several lines)."""
    title, url = str(fields.get("title") or ""), str(fields.get("url") or "")
    number = _REFERENCE_NUMBER.fullmatch(title.strip())
    if (
        number is None
        or not url
        or urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] != number.group(1)
        or not description.strip()
        or "\n" in description.strip()
    ):
        return None
    inline = next((token for token in parse_tokens(description) if token.type == "inline"), None)
    if inline is None or _links(inline.children or []):
        return None
    return _single_line(_plain(inline.children or [])) or None


def _quoted_title(text: str) -> tuple[int, str] | None:
    """The first quoted title in ``text`` (`"Title."`, curly quotes too): where its quote
    opens and its words, without the spaces, periods and commas around them; None when no
    quotes hold any words."""
    for match in _QUOTED_TITLE.finditer(text):
        words = match.group(1).strip().rstrip(" \t\n.,")
        if words:
            return match.start(), words
    return None


def _names_then_quotes(name: str, lead: str) -> bool:
    """Whether the words before a quoted title (``lead``) are the bold ``name`` and a colon
    only (`**ViT**: "An Image is …"`): a short name given to the work the quotes title."""
    lead, name = lead.strip(), name.strip().rstrip(":\uff1a").rstrip()
    return lead.endswith((":", "\uff1a")) and lead[:-1].rstrip(":\uff1a").strip() == name != ""


def _paper_item(
    inline: Sequence[Token], line: int, warnings: list[tuple[int, str]]
) -> dict[str, str] | None:
    """Title and URL of a paper-list item (``**Title.** Venue [[paper]](…) [[code]](…)``): a
    title, then only links named for what they lead to (paper, pdf, code, slides, video …).
    The paper's own link is the URL (else the first). None for any other shape."""
    spans = _real_link_spans(inline)
    if not spans:
        return None
    labels = [
        " ".join(_plain(inline[start + 1 : end]).strip("[]() ").casefold().split())
        for start, end in spans
    ]
    before = inline[: spans[0][0]]
    cited = _cited_title(before)
    if not all(
        _PAPER_LINK.search(label) or (cited and _ABSOLUTE_WEB.match(label)) for label in labels
    ):
        return _named_item(inline, spans, labels, line, warnings)
    # `[2023/07] **Title.** *Authors.* [[paper](…)]`: the date (or source) tags before the
    # bold title are no part of it (the description keeps them, with the whole item). Only
    # before links in brackets of their own, as a paper list sets them: before a link named
    # for where it leads (`[2023-02-16][知乎] **Title** [Link](…)`), the tags are the lead of
    # a named entry (`_named_before_labels`).
    bracketed = all(_is_bracketed_link(inline, start, end) for start, end in spans)
    strong = _first_strong(before[_after_source_tags(before) if bracketed else 0 :])
    text = _plain(strong) if strong else _plain(before)
    authored = "" if strong else _title_before_authors(before)
    quoted = _quoted_title(_plain(before))
    if strong and quoted is not None and _names_then_quotes(text, _plain(before)[: quoted[0]]):
        # '**ViT**: "An Image is Worth 16x16 Words", ICLR, 2021': the bold word is the
        # method's short name, the quoted words the paper's title.
        text = quoted[1]
    elif cited:
        # 'Myers, E. W. (2002). **On the sequencing …** Proceedings …, 99(7).
        # [http://www.pnas.org/…](http://dx.doi.org/…)': a citation, its title in bold.
        text = cited
    elif _CITATION_NUMBER.match(text):
        # "[4] Authors. "Title." Venue": the quoted title after the reference number.
        if quoted is None:
            return None
        text = quoted[1]
    elif not strong and quoted is not None and text[: quoted[0]].rstrip().endswith((":", ".")):
        # 'Authors: "*Title.*" Venue (2022)': the authors, then the title in quotes.
        text = quoted[1]
    elif authored:
        # '[2023/02] Title. *A. Author et al. arXiv.* [[paper](…)]': the title in plain words,
        # then its authors and venue in italics.
        text = authored
    # A bold title, or a title sentence ("Title. Venue 2020."), never a phrase before a link.
    elif not strong and not (text.rstrip().endswith(".") and len(text.split()) >= 3):
        return _named_item(inline, spans, labels, line, warnings)
    title = text.strip().rstrip(".,:;-\u2013\u2014 ")
    if (tags := _SOURCE_TAGS.match(title)) is not None and title[tags.end() :].strip():
        # `[Andrej Karpathy] Let's build GPT. [Video](…)|[Code](…)`: the source tags before
        # the title are no part of it (the description keeps them), as before a named entry.
        title = title[tags.end() :].strip()
    if not title:
        return None
    pairs = list(zip(spans, labels, strict=True))
    paper = next(
        itertools.chain(
            (start for (start, _), label in pairs if label == _ENTRY_OWN),
            (start for (start, _), label in pairs if _PAPER_OWN.match(label)),
        ),
        spans[0][0],
    )
    return {
        "title": title,
        "url": _checked_url(str(inline[paper].attrGet("href") or ""), line, warnings),
    }


def _after_source_tags(before: Sequence[Token]) -> int:
    """Where the words before an item's links begin after the source and date tags written
    before them and nothing else (`[2023/07] **Title.** …`, `[ICML 2022] **Title** …`): the
    position of the first token after those tags; 0 when the leading text is not tags only, or
    is a task's box (`[x] **AlexNet** …`, `_TASK_BOX`)."""
    position = 0
    while position < len(before) and before[position].type in ("text", "text_special"):
        position += 1
    leading = "".join(token.content for token in before[:position])
    if (
        not leading.strip()
        or _SOURCE_TAGS.fullmatch(leading) is None
        or _TASK_BOX.match(leading.lstrip()) is not None
    ):
        return 0
    return position


# An author list: its "et al." (`Timo Schick et al. arXiv.`, `Dhruv Shahet al. CoRL` as
# written, the space before it left out).
_ET_AL = re.compile(r"\bet\s+al\b|et\s+al\.", re.IGNORECASE)


def _title_before_authors(before: Sequence[Token]) -> str:
    """The title of a paper written in plain words before its authors and venue in italics,
    its links right after them (`[2023/02] Title. *A. Author et al. arXiv.* [[paper](…)]`,
    `Title *A. Author et al. IEEE(RAL)* [[paper](…)]`): the words before the italics, the
    source and date tags before them kept (`_paper_item` takes them off). The italics must
    name authors ("et al."): words before an italic title are its authors
    (`A. Author: *Title.* [pdf]`). "" for any other item."""
    close = next(
        (
            position
            for position in range(len(before) - 1, -1, -1)
            if before[position].type == "em_close"
        ),
        None,
    )
    if close is None or _plain(before[close + 1 :]).strip(" \t[("):
        return ""
    opened = next(
        (position for position in range(close - 1, -1, -1) if before[position].type == "em_open"),
        None,
    )
    if opened is None or _ET_AL.search(_plain(before[opened + 1 : close])) is None:
        return ""
    words = " ".join(_plain(before[:opened]).split())
    tags = _SOURCE_TAGS.match(words)
    return words if words[tags.end() if tags else 0 :].strip(" .,;:") else ""


# A citation's authors before its bold title: names and initials, ending with an initial or
# the year in parentheses (`Waterston, R. H. (2002). `, `Wang, Z., Gerstein, M. & Snyder, M. `).
_CITED_AUTHORS = re.compile(r"[^\W\d][^*]*(?:\b[A-Z]\.|\((?:1[6-9]|20)\d\d[a-z]?\)\.)\s*")
_CITED_YEAR = re.compile(r"\b(?:1[6-9]|20)\d\d\b")


def _cited_title(before: Sequence[Token]) -> str:
    """The title of a citation written with it in bold after its authors and before the
    journal, a year in it (`Myers, E. W. (2002). **On the sequencing …** Proceedings of …,
    99(7)`, `Wang, Z., Gerstein, M. & Snyder, M. **RNA-Seq: …**. Nat. Rev. Genet. 10
    (2009).`): the bold words; "" for words written otherwise (a bold name first, a bold
    word in a sentence)."""
    position = next((i for i, token in enumerate(before) if token.type == "strong_open"), None)
    if position is None or position == 0:
        return ""
    close = next(
        (i for i in range(position + 1, len(before)) if before[i].type == "strong_close"), None
    )
    if close is None:
        return ""
    authors = _plain(before[:position])
    if "," not in authors or _CITED_AUTHORS.fullmatch(authors.lstrip()) is None:
        return ""
    if _CITED_YEAR.search(_plain(before)) is None:
        return ""
    return " ".join(_plain(before[position + 1 : close]).split()).rstrip(".,:; ")


# An entry named by its words, its links after the name in brackets, each group a label at
# most and its links (`Go regexp [[src](…)] [[docs](…)]`, `Java regex [docs [8](…), [9](…)]`),
# then what it is after a separator (`: simple fork of …`) or nothing: link positions are
# "\x00" in the item's words (`_link_skeleton`).
_BRACKETED_LINKS = re.compile(
    r"(?P<name>[^\[\]\x00]*[^\[\]\x00\s:\uff1a])\s*"
    r"(?P<groups>(?:\[[^\[\]\x00]{0,30}\x00(?:[\s,;|/]*\x00)*\s*\]\s*)+)"
    r"(?:[:\uff1a\-\u2013\u2014]\s*(?P<rest>[^\x00]*))?",
    re.DOTALL,
)


def _link_skeleton(inline: Sequence[Token]) -> str:
    """An item's words as a reader sees them, each real link one "\x00" (its words left out)."""
    spans = dict(_real_link_spans(inline))
    parts: list[str] = []
    position = 0
    while position < len(inline):
        token = inline[position]
        if position in spans:
            parts.append("\x00")
            position = spans[position] + 1
            continue
        if token.type in ("text", "text_special", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.type == "link_open":
            parts.append("\x01")  # an anchor, an empty link: no name goes across it
        position += 1
    return "".join(parts)


def _bracketed_links_item(
    inline: Sequence[Token], line: int, warnings: list[tuple[int, str]]
) -> dict[str, str] | None:
    """Title, URL and description of an item named by its words with its links after it in
    brackets (`_BRACKETED_LINKS`: ``Code Search [[src](…)]``, ``XRegExp [[src](…)]: extended
    parsing``, ``Java `java.util.regex` [docs [1.4.2][java-1.4.2], [5.0][java-5.0]]``): the
    name, the first link, the words after the links. None for any other item."""
    match = _BRACKETED_LINKS.fullmatch(_link_skeleton(inline).strip())
    if match is None or "\x01" in match.group(0):
        return None
    name = " ".join(match.group("name").split())
    if not name or name.split()[-1].casefold() in _POINTING_WORDS:
        return None
    first = _real_link_spans(inline)[0][0]
    href = str(inline[first].attrGet("href") or "")
    rest = " ".join((match.group("rest") or "").split())
    return {
        "title": name,
        "url": _checked_url(href, line, warnings),
        "lead": _markdown_field(markdown_text(rest)) if rest else "",
    }


# Source and date tags before an entry's name: `[ICML 2022] `, `\[2023-02-16][知乎][张家俊]`.
_SOURCE_TAGS = re.compile(r"^\s*(?:\\?\[[^\[\]]{1,40}\\?\]\s*)+")
# Words that end a phrase pointing at a link, never an entry's name ("Read the [docs](…)",
# "More information [here](…)", "Slides from the talk are [here](…)").
_POINTING_WORDS = frozenset(
    {
        "the", "a", "an", "this", "that", "these", "our", "my", "its", "their", "his", "her",
        "see", "at", "in", "on", "of", "to", "for", "from", "via", "by", "and", "or", "with",
        "is", "are", "was", "here", "more", "also", "information", "info", "details", "check",
        "visit", "read", "watch", "find",
    }
)  # fmt: skip


# What may follow a link labelled by where it leads, said of it: its length or size
# (`([Video](…) 39min)`, `[PDF](…) 2.7 MB`).
_LINK_NOTE = re.compile(
    r"\d+(?:[.,]\d+)?\s*(?:min|mins|minutes|h|hrs?|hours?|sec|pages?|[kKMG]B)", re.IGNORECASE
)
# A name that is a title in quotes, then what is said of it after a dash, a comma or a colon.
_QUOTED_TALK = re.compile(
    r'^["\u201c](?P<title>[^"\u201c\u201d]+)["\u201d]\s*(?:[-\u2013\u2014,:]\s*(?P<rest>.*))?$'
)
# A link named for the part of a series it is (`[Part 1](…) & [Part 2](…)`, `[Episode 3]`):
# after the entry's name, like a link named by where it leads (`_WHERE_LABEL`).
_PART_LABEL = re.compile(r"(?:part|pt\.?|episode|ep\.?|vol\.?|volume)\s*\d{1,3}", re.IGNORECASE)
# A link's words naming the part of a series it is, first (`Part 1: …`, `Episode 3 - …`,
# `Vol. 2`), as `_PART_LABEL` names a link after an entry's name.
_SERIES_PART = re.compile(r"\W*(?:" + _PART_LABEL.pattern + r")(?!\w)", re.IGNORECASE)


def _parts_of_a_series(candidates: Sequence[_Candidate]) -> bool:
    """Whether a heading's list holds the parts of one series: two links at least, each
    named first as a part of it (`_SERIES_PART`), and nothing else."""
    return len(candidates) >= 2 and all(
        candidate.url and not candidate.children and _SERIES_PART.match(candidate.title)
        for candidate in candidates
    )


# "and" between the links after an entry's name (`[video](…) and [slides](…)`).
_LINK_JOIN_WORDS = re.compile(r"(?:^|\s)and(?=\s|$)", re.IGNORECASE)


def _says_where(label: str, *, bracketed: bool) -> bool:
    """A link text saying where its link leads (`_WHERE_LABEL`, `Part 2`); set in brackets of
    its own (``[[Link1](…)]``), also numbered or after a word saying what is there (`Link1`,
    `Thesis-Link`, `Blog-Link`, `Link: PDF`). Not bare: `[Acme Engineering Blog](…)` after
    words names the blog itself, as `[Ocean Docs](…)` names those docs."""
    if _WHERE_LABEL.fullmatch(label) or _PART_LABEL.fullmatch(label):
        return True
    if not bracketed:
        return False
    words = [word for word in re.split(r"[\W_]+", label) if word]
    last = words[-1].rstrip("0123456789") if words else ""
    return len(words) <= 3 and bool(last) and _WHERE_LABEL.fullmatch(last) is not None


def _named_before_labels(
    inline: Sequence[Token], spans: list[tuple[int, int]], labels: list[str]
) -> tuple[str, str] | None:
    """``NAME [Link](…)``, ``[Stanford] NAME [Homepage](…)``, ``NAME [Video](…)|[Code](…)``:
    an entry named by its words, then only links labelled by where they lead (`_WHERE_LABEL`),
    nothing else after them. (title, lead): the name, without the source and date tags before
    it (`[ICML 2022]`), which are the lead (markdown). None for any other item: words that
    point at a link ("Read the [docs](…)"), a lead-in ending with a colon (`_trailing_link`)."""
    if not all(
        _says_where(label, bracketed=_is_bracketed_link(inline, start, end))
        for (start, end), label in zip(spans, labels, strict=True)
    ):
        return None
    # After the first link: the other links and what separates them only ("and" too:
    # `Talk - [video](…) and [slides](…)`, `Podcast - [Part 1](…) & [Part 2](…)`).
    between = [
        token
        for position, token in enumerate(inline[spans[0][0] :], start=spans[0][0])
        if not any(start <= position <= end for start, end in spans)
    ]
    leftover = _LINK_JOIN_WORDS.sub(" ", _plain(between)).strip(_LINK_SEPARATORS + "()[]&")
    if leftover and not _LINK_NOTE.fullmatch(leftover):
        return None  # (a length after the link, `([Video](…) 39min)`, is said of it)
    words = _plain(inline[: spans[0][0]])
    tags = _SOURCE_TAGS.match(words)
    name = words[tags.end() :] if tags else words
    name = " ".join(name.split()).rstrip(" -\u2013\u2014|,;[(")
    if name.endswith((":", "\uff1a")) and all(
        _is_bracketed_link(inline, start, end) for start, end in spans
    ):
        # `Benjamin Katz, blog: [[Link1](…)] [[Link2](…)]`, `MJbots blog: [[Link](…)]`: its
        # links, each in brackets of its own, only say where they lead, so the words before
        # the colon name it (a lead-in's colon before a named link is `_trailing_link`'s; a
        # call before a plain `[GitHub](…)`, "I would love a star:", names nothing).
        name = name[:-1].rstrip()
    last = name.split()[-1].casefold() if name.split() else ""
    if not name or name.endswith((":", "\uff1a")) or last in _POINTING_WORDS:
        return None
    if name.count('"') % 2 or name.count("\u201c") != name.count("\u201d"):
        return None  # a quote left open: a citation whose title is lost, no name
    lead = ""
    if tags:
        # The tags as written (escaped brackets stay escaped): the same text a linked name
        # followed by them gives (`[NAME](…) \[2023-02-16][知乎]`).
        lead = _markdown_field(" ".join(tags.group(0).split()).replace("[", "\\["))
    return name, lead


def _named_item(
    inline: Sequence[Token],
    spans: list[tuple[int, int]],
    labels: list[str],
    line: int,
    warnings: list[tuple[int, str]],
) -> dict[str, str] | None:
    """`_paper_item`'s reading of an item named by its words before labelled links
    (`_named_before_labels`): title, URL (the first link) and lead; None for any other."""
    named = _named_before_labels(inline, spans, labels)
    if named is None:
        return None
    title, lead = named
    href = str(inline[spans[0][0]].attrGet("href") or "")
    if title[:1] in ('"', "\u201c") and (quoted := _QUOTED_TALK.match(title)) is not None:
        # `_"Using TPMs at Scale"_ - Open Source Summit - September 2019 - ([Video](…))`: a
        # talk's title in quotes, then where and when it was given (its description).
        title = quoted["title"].strip()
        lead = lead or _markdown_field(quoted["rest"] or "")
    read = {"title": title, "url": _checked_url(href, line, warnings), "lead": lead}
    if " by " in title and (by := _title_by_author(title)) is not None:
        # `"Simple Made Easy" by Rich Hickey ([video](…))`: a work, then its author, read as
        # `["Simple Made Easy"](…) by Rich Hickey` is, so that a talk has one title.
        read.update(title=by[0], author=by[1])
    return read


def _paper_paragraph(
    inline: Sequence[Token], line: int, warnings: list[tuple[int, str]]
) -> _Candidate | None:
    """A paragraph that cites one paper, as reading lists written without bullets do:
    ``**[4]** Authors. "**Title**." Venue (2012). [[pdf]](…) **(note)**``. The paper-list
    shape (`_paper_item`), written as a citation: a leading reference number, or link labels
    in brackets (``[[pdf]]``). None for any other paragraph (prose citing a [paper](…) stays
    prose). What reading it says goes to ``warnings``, when it is one."""
    spans = _real_link_spans(inline)
    if not spans:
        return None
    bracketed = all(_plain(inline[start + 1 : end]).strip().startswith("[") for start, end in spans)
    numbered = _CITATION_NUMBER.match(_plain(_first_strong(inline)) or _plain(inline))
    if not (bracketed or numbered):
        return None
    said: list[tuple[int, str]] = []
    paper = _paper_item(inline, line, said)
    if paper is None:
        return None
    warnings.extend(said)
    return _Candidate(
        title=paper["title"], url=paper["url"], line=line, description=_inline_markdown(inline)
    )


def _link_card(inline: Sequence[Token], line: int) -> _Candidate | None:
    """A paragraph that is one named link alone, after an icon at most (``🦜️🔗
    [LangChain](…)``, ``👋 [wechat-chatgpt](…)``), a quote under it saying what it is: read as
    a card (`_card_paragraph`), so that several under one heading are its resources, each
    with its quote (`_quotes_under_cards`), where one alone stays the heading's link line. None
    for a link named by where it leads (``🔗 [Link to Course](…)``, ``[Slides](…)``) or with
    words around it."""
    link = _leading_link(inline)
    if link is None:
        return None
    start, end, href = link
    if any(character.isalnum() for character in _plain(inline[:start])):
        return None  # a label or words before the link ("Link: …", "See [x](…)"); icons pass
    if _plain(inline[end + 1 :]).strip(" \t\n*_"):
        return None  # words after it: a sentence, not a card
    title = _without_leading_emoji(_plain(inline[start + 1 : end])).strip()
    if (
        not title
        or _LINK_LABEL.fullmatch(title)
        or _WHERE_LABEL.fullmatch(title)
        or _is_material(title)
        or re.fullmatch(r"\S+[./]\S+", title)
        or re.match(r"link\b", title, re.IGNORECASE)  # "Link to Course"
    ):
        return None
    return _card_candidate(title, href, line, "")


def _labelled_card(inline: Sequence[Token], line: int) -> _Candidate | None:
    """A paragraph written as a link bullet without its bullet, its link after a label in
    emphasis saying what it is (``*Video* - [Tying the Bowline][]``, ``**Book:** [Title](…)``;
    `_label_before_link`, `_bold_label_before`), a short note after it at most (``*(Not
    free!)*``): a card, its kind the label's where the label names one (`KIND_WORDS`), the
    note its description. None for any other paragraph (words after the link: a sentence)."""
    spans = _real_link_spans(inline)
    if not spans:
        return None
    start, end = spans[0]
    href = str(inline[start].attrGet("href") or "")
    before = inline[:start]
    label = _label_before_link(before)
    if not label and _bold_label_before(before):
        label = _plain(before).strip().rstrip(":\uff1a").strip()
    if not label or not _names_itself(inline, start, end):
        return None
    after = inline[end + 1 :]
    if any(token.type in ("link_open", "softbreak", "hardbreak") for token in after):
        return None
    note = _plain(after).strip(" \t*_")
    if note and (len(note.split()) > 4 or not _BRACKETED_MARK.match(note)):
        return None
    title = _plain(inline[start + 1 : end]).strip()
    card = _card_candidate(title, href, line, _inline_markdown(after).strip() if note else "")
    kind = KIND_WORDS.get(" ".join(_emoji_prefix(label)[1].casefold().split()), "")
    return replace(card, kind=kind) if kind else card


def _card_candidate(title: str, href: str, line: int, about: str) -> _Candidate:
    """The resource of a card paragraph (`_link_card`, `_card_paragraph`, `_said_card`,
    `_name_over_link_card` …): its name, its link as written, what is said about it (markdown)
    its description. The link is checked where the paragraph's block is made
    (`_checked_cards`), so that a link no resource may have is warned about once, and only
    when the card is read as a resource."""
    return _Candidate(
        title=title, url=href, line=line, description=_markdown_field(about) if about else ""
    )


def _checked_cards(block: _Block) -> _Block:
    """A paragraph's block with its cards' links checked as any resource's link is
    (`_checked_url`: a link that may not be a URL left out, a mistyped scheme mended), each
    with a warning naming its line, in the block's warnings; its parts likewise."""
    if block.parts:
        return replace(block, parts=tuple(map(_checked_cards, block.parts)))
    if block.kind != "resources":
        return block
    warnings: list[tuple[int, str]] = []
    resources = tuple(
        replace(card, url=url)
        if (url := _checked_url(card.url, card.line, warnings)) != card.url
        else card
        for card in block.resources
    )
    if not warnings and resources == block.resources:
        return block
    return replace(block, resources=resources, warnings=(*block.warnings, *warnings))


def _inline_lines(inline: Sequence[Token], *, html_breaks: bool = False) -> list[list[Token]]:
    """A paragraph's inline tokens cut into its lines at each line break (and at each
    ``<br>`` with ``html_breaks``), the breaks left out."""
    lines: list[list[Token]] = [[]]
    for token in inline:
        if token.type in ("softbreak", "hardbreak") or (
            html_breaks
            and token.type == "html_inline"
            and _LINE_BREAK_TAG.fullmatch(token.content.strip())
        ):
            lines.append([])
        else:
            lines[-1].append(token)
    return lines


def _link_line_entries(inline: Sequence[Token], line: int) -> tuple[_Candidate, ...]:
    """A paragraph written as entries, each a line that is one named link alone (as
    `_link_card` reads one) over lines saying what it is: the resources, those lines their
    descriptions. () when its first line is no such link, a link line has no line about it, or
    a link runs over a line's end."""
    lines = _inline_lines(inline)
    entries: list[tuple[_Candidate, list[str]]] = []
    for number, tokens in enumerate(lines):
        opened = sum(token.type == "link_open" for token in tokens)
        if opened != sum(token.type == "link_close" for token in tokens):
            return ()
        card = _link_card(tokens, line + number) if opened else None
        if card is not None:
            entries.append((card, []))
        elif not entries:
            return ()
        else:
            entries[-1][1].append(_inline_markdown(tokens))
    if any(not about for _, about in entries):
        return ()
    return tuple(
        replace(card, description=_markdown_field("\n".join(about))) for card, about in entries
    )


def _link_alternatives(inline: Sequence[Token], line: int) -> tuple[_Candidate, ...]:
    """A paragraph of named links to choose from (`[A](…) or [B](…)`), each followed at most
    by its own links in parentheses (`([Textbook](…))`, its description): one resource each,
    where the paragraph stands among a topic's link paragraphs (`_quotes_under_cards`). ()
    for any other paragraph: words before the first link or after the last, other words
    between them than "or" / "and", a link named for where it leads."""
    if _leading_link(inline) is None:
        return ()
    entries: list[tuple[_Candidate, list[str]]] = []
    depth = 0  # inside parentheses: the links of the entry before
    between = ""  # the words at depth 0 since the last entry
    position = 0
    while position < len(inline):
        token = inline[position]
        if token.type == "link_open":
            close = _closing_link(inline, position)
            if depth > 0 and entries:
                entries[-1][1].append(_inline_markdown(inline[position : close + 1]))
            elif not _is_real_link(inline, position, close):
                return ()
            else:
                card = _link_card(inline[position : close + 1], line)
                if card is None or (
                    entries and between.strip(" ,;/").casefold() not in ("or", "and")
                ):
                    return ()
                entries.append((card, []))
                between = ""
            position = close + 1
            continue
        if token.type in ("softbreak", "hardbreak"):
            return ()  # one line only
        text = token.content if token.type == "text" else ""
        for character in text:
            if character == "(":
                depth += 1
            elif character == ")":
                depth = max(depth - 1, 0)
            elif depth == 0 and entries and character not in "()":
                between += character
        position += 1
    if len(entries) < 2 or between.strip(" .,;"):
        return ()
    return tuple(
        replace(card, description=_markdown_field(", ".join(material))) if material else card
        for card, material in entries
    )


def _listed_links_said(inline: Sequence[Token], line: int) -> tuple[tuple[_Candidate, ...], str]:
    """A paragraph of one line written as a link bullet is, without its bullet, naming two
    links or more, then what it says of them all after a dash or a colon (``[Drive A](…) |
    [B](…) - lecture notes``, ``[Tide Tables](…), [Buoys](…): data``; `_enumerated_links`):
    one resource each, those words each one's description; a link named only by what sets it
    apart from the first (``B`` after ``Drive A``) named as a reader names it
    (`_sequel_title`); and the warning saying so. ((), "") for any other paragraph: a row of
    links saying nothing of them (a nav bar, a course's pages), words before the first link,
    pages of one thing."""
    if any(token.type in ("softbreak", "hardbreak") for token in inline):
        return (), ""
    link = _leading_link(inline)
    if link is None:
        return (), ""
    start, end, href = link
    enumerated = _enumerated_links(inline, start, end)
    if enumerated is None or not enumerated.found or enumerated.pages:
        return (), ""
    rest = _inline_markdown(inline[enumerated.rest :]).strip()
    if not rest.startswith(("- ", "\u2013 ", "\u2014 ", ": ")):
        return (), ""
    said = _strip_separator(rest)
    first = _plain(inline[start + 1 : end]).strip()
    names = [
        (first, first),
        *((title, _sequel_title(first, title)) for title, _ in enumerated.found),
    ]
    message = (
        f"paragraph names {len(names)} links before what it says of them ("
        + ", ".join(
            f"{title!r}" if title == written else f"{written!r} as {title!r}"
            for written, title in names
        )
        + "): read as one resource each"
    )
    urls = [href, *(url for _, url in enumerated.found)]
    return tuple(
        _card_candidate(title, url, line, said) for (_, title), url in zip(names, urls, strict=True)
    ), message


# A name's last word that sets it apart in a sequence: a capital letter, a number, a roman
# numeral (`Drive A`, `Mirror 2`, `Part IV`).
_SEQUENCE_MARK = re.compile(r"[A-Z]|\d{1,3}|[IVX]{1,4}|[ivx]{1,4}")


def _sequel_title(first: str, title: str) -> str:
    """A link's name after a first one (``B`` after ``Drive A``): the first's words with its
    mark of sequence (`_SEQUENCE_MARK`) for its own, where it is only such a mark and the
    first name ends with one of the same kind; else as written."""
    words = first.split()
    if (
        len(words) < 2
        or not _SEQUENCE_MARK.fullmatch(title)
        or not _SEQUENCE_MARK.fullmatch(words[-1])
        or title.isdigit() != words[-1].isdigit()
    ):
        return title
    return " ".join([*words[:-1], title])


def _link_lines_only(inline: Sequence[Token], line: int) -> tuple[int, tuple[_Candidate, ...]]:
    """A paragraph written as a list without bullets, one named link alone a line (as
    `_link_card` reads one), at least two, after lines without a link at most (a note on
    them: ``Students who can program may skip the first course`` over ``[Python for
    Everybody](…)``, ``[Intro to CS](…)``): how many note lines lead, and the links'
    resources. (0, ()) for any other paragraph (a link line with lines about it is
    `_link_line_entries`', a row of links on one line a course's or a nav bar)."""
    if not any(token.type in ("softbreak", "hardbreak") for token in inline):
        return 0, ()  # one line: no list
    lines = _inline_lines(inline)
    lead = 0
    while lead < len(lines) and not any(token.type == "link_open" for token in lines[lead]):
        lead += 1
    cards = []
    for number, tokens in enumerate(lines[lead:], start=lead):
        card = _link_card(tokens, line + number)
        if card is None:
            return 0, ()
        cards.append(card)
    return (lead, tuple(cards)) if len(cards) > 1 else (0, ())


def _card_paragraph(inline: Sequence[Token], line: int) -> _Candidate | None:
    """A paragraph laid out as an entry card: a first line that is only a link around a bold
    name (badge images linked after it aside), a hard line break (a backslash or two spaces),
    then lines about it (``[**Curso em Vídeo**](…) [<img …>](badges/…) \\`` over
    ``Conteúdo sobre: …``): the resource named so, the lines its description. None for any
    other paragraph (prose that starts with a link, a link line over its course)."""
    link = _leading_link(inline)
    if link is None:
        return None
    start, end, href = link
    label = [
        token for token in inline[start + 1 : end] if token.type != "text" or token.content.strip()
    ]
    if not (
        len(label) >= 3 and label[0].type == "strong_open" and label[-1].type == "strong_close"
    ):
        return None
    position = end + 1
    while position < len(inline) and inline[position].type != "hardbreak":
        token = inline[position]
        if token.type == "link_open":
            close = _closing_link(inline, position)
            if _is_real_link(inline, position, close):
                return None  # another named link on the line: not one entry's name
            position = close + 1
            continue
        if token.type != "text" or token.content.strip():
            return None  # words after the name (a sentence), or no hard break ending it
        position += 1
    rest = inline[position + 1 :]
    if position >= len(inline) or not _plain(rest).strip():
        return None
    return _card_candidate(
        _plain(inline[start + 1 : end]).strip(), href, line, _inline_markdown(rest).strip()
    )


# What separates a card's name from what it is said to be on its line: a colon, a dash.
_CARD_SAYS = re.compile(r"\s*(?:[:\uff1a]|\s[-\u2013\u2014])\s*(?=\S)")


def _said_card(inline: Sequence[Token], line: int) -> _Candidate | None:
    """A paragraph laid out as a card on one line: a link in bold, then a colon or a dash and
    what it is (``**[Paper Copilot](…)**: A centralized tool …``, ``**[Tool](…)** - does
    x``), the way a link bullet is written without its bullet: the resource named so, those
    words its description. None for any other paragraph (a link in a sentence, a bold link
    alone: `_link_card`'s)."""
    link = _leading_link(inline)
    if link is None:
        return None
    start, end, href = link
    inside = [t for t in inline[start + 1 : end] if t.type != "text" or t.content.strip()]
    before = [t for t in inline[:start] if t.type != "text" or t.content.strip()]
    after = end + 1
    if inside and inside[0].type == "strong_open" and inside[-1].type == "strong_close":
        pass  # `[**Name**](…)`
    elif before and before[-1].type == "strong_open" and after < len(inline):
        if inline[after].type != "strong_close":
            return None
        after += 1  # `**[Name](…)**`
    else:
        return None
    rest = inline[after:]
    if not rest or rest[0].type != "text":
        return None
    if _CARD_SAYS.match(rest[0].content) is None or any(
        token.type in ("softbreak", "hardbreak") for token in rest
    ):
        return None  # nothing said after it, or lines under it (`_card_paragraph`'s)
    title = _plain(inline[start + 1 : end]).strip()
    if not title or _WHERE_LABEL.fullmatch(title) or _is_material(title):
        return None
    return _card_candidate(title, href, line, _strip_separator(_inline_markdown(rest)))


# What sets cards apart on one line: a middle dot, a bullet or a bar between spaces.
_CARD_SETTING_APART = re.compile(r"\s+[\u00b7\u2022|]\s+")


def _said_cards(inline: Sequence[Token], line: int) -> tuple[_Candidate, ...]:
    """The cards of a paragraph (`_said_card`): one, or several on its line set apart by a
    middle dot or a bar (``**[Kiln](…)** — a build tool · **[Forge](…)** — a deploy tool``,
    a line of contributors), each a card of its own; () for any other paragraph."""
    pieces: list[list[Token]] = [[]]
    depth = 0  # inside a link or bold: a dot there is the name's
    for token in inline:
        if token.type in ("link_open", "strong_open", "em_open"):
            depth += 1
        elif token.type in ("link_close", "strong_close", "em_close"):
            depth -= 1
        if token.type != "text" or depth or not _CARD_SETTING_APART.search(token.content):
            pieces[-1].append(token)
            continue
        first, *others = _CARD_SETTING_APART.split(token.content)
        if first.strip():
            pieces[-1].append(_text_token(first))
        for other in others:
            pieces.append([_text_token(other)] if other.strip() else [])
    if len(pieces) > 1:
        cards = [_said_card(piece, line) for piece in pieces]
        if all(card is not None for card in cards):
            return tuple(card for card in cards if card is not None)
    card = _said_card(inline, line)
    return (card,) if card is not None else ()


def _name_over_link_card(inline: Sequence[Token], line: int) -> _Candidate | None:
    """A paragraph laid out as a card without bullets: a first line that is only a bold name,
    a line break (a newline, two spaces, a backslash or ``<br>``), then a line that is only
    its link (``**Vim**  `` over ``[vim.org](…)``, ``**Emacs**<br>https://…``), lines about
    it after that: the resource named so, those lines its description. None for any other
    paragraph (a bold label over prose, a link with words around it)."""
    lines = _inline_lines(inline, html_breaks=True)
    if len(lines) < 2:
        return None
    name_line = [t for t in lines[0] if t.type != "text" or t.content.strip()]
    if not (
        len(name_line) >= 3
        and name_line[0].type == "strong_open"
        and name_line[-1].type == "strong_close"
        and all(
            token.type in ("text", "code_inline", "em_open", "em_close")
            for token in name_line[1:-1]
        )
    ):
        return None
    title = _plain(name_line[1:-1]).strip().rstrip(":\uff1a").strip()
    link = _leading_link(lines[1])
    if not title or _WHERE_LABEL.fullmatch(title) or _is_material(title):
        return None  # no name, or a label saying where the link leads ("**Link**", "**Slides**")
    if link is None:
        # Its lines about it first, its links after them (an author line, then the venue and
        # `[[Paper](…)] [[Github](…)]`): the entry where each of its links is so bracketed.
        return _labelled_links_card(lines, title, _plain(name_line[1:-1]).strip(), line)
    start, end, href = link
    said = _inline_markdown(lines[1][end + 1 :]).strip()
    if _plain(lines[1][:start]).strip() or (said and not said.startswith(_DESCRIPTION_SEPARATORS)):
        return None  # words around the link: prose under a bold label
    # (`[vim.org](…) - A modal editor.`: what it is after a dash, as a link bullet says it)
    about = "\n".join(
        [_strip_separator(said)] * bool(said)
        + [_inline_markdown(tokens).strip() for tokens in lines[2:]]
    ).strip()
    return _card_candidate(title, href, line, about)


def _is_bracketed_link(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Whether a link is set in brackets of its own as one of an entry's pages
    (``[[Paper](…)]``, ``[[Website-Part 1](…)]``), its words naming a page, not a citation's
    number (``[[1](…)]``)."""
    before = tokens[start - 1] if start > 0 else None
    after = tokens[end + 1] if end + 1 < len(tokens) else None
    return (
        before is not None
        and before.type == "text"
        and before.content.endswith("[")
        and after is not None
        and after.type == "text"
        and after.content.startswith("]")
        and any(character.isalpha() for character in _plain(tokens[start + 1 : end]))
    )


def _labelled_links_card(
    lines: list[list[Token]], title: str, written: str, line: int
) -> _Candidate | None:
    """`_name_over_link_card`'s card whose lines about its bold name come before its links
    (``**Title** \\`` over ``*Authors* \\`` and ``arXiv 2022. [[Paper](…)] [[Github](…)] \\``):
    the resource so named, at its first link, the lines under the name its description, when
    every link under the name is set in brackets as one of its pages (`_is_bracketed_link`)
    and the line right under the name is about it (no link). None for a bold label over prose
    (``**Note**`` over ``see [the docs](…)``), a name written as a label (ending with a
    colon), lines without a link."""
    if written.endswith((":", "\uff1a")):
        return None
    if any(_is_real_link(lines[1], start, end) for start, end in _link_spans(lines[1])):
        # Its links right under the name, no line about it before them: a bold label over
        # what it labels (`**Maintainer**` over `Jane Doe [[GitHub](…)]`, `**Note**` over a
        # sentence and `[[details](…)]`), not an entry's authors, then its venue and pages.
        return None
    first = ""
    for tokens in lines[1:]:
        spans = list(_link_spans(tokens))
        for start, end in spans:
            if not _is_real_link(tokens, start, end):
                continue
            if not _is_bracketed_link(tokens, start, end):
                return None  # a link in a sentence under it: prose, or a resource of its own
            first = first or str(tokens[start].attrGet("href") or "")
    if not first:
        return None
    about = "\n".join(_inline_markdown(tokens).strip() for tokens in lines[1:]).strip()
    return _card_candidate(title, first, line, about)


def _first_strong(inline: Sequence[Token]) -> Sequence[Token]:
    """The tokens inside the first bold span, when the inline text starts with it."""
    position = 0
    while (
        position < len(inline)
        and inline[position].type == "text"
        and not inline[position].content.strip()
    ):
        position += 1
    if position >= len(inline) or inline[position].type != "strong_open":
        return ()
    for end in range(position + 1, len(inline)):
        if inline[end].type == "strong_close":
            return inline[position + 1 : end]
    return ()


# Punctuation standing alone between spaces: French sets `:`, `;`, `!`, `?` (and its
# quotes) off so.
_LONE_MARK = re.compile(r"[:;!?\u00ab\u00bb]")


def _is_sentence(text: str) -> bool:
    """Text that reads as a sentence (advice), not as the name of a topic."""
    text = text.rstrip()
    if _CJK_CLAUSE.search(text):
        return True  # clause punctuation: a sentence or an enumeration
    # Chinese and Japanese put no spaces between words: about two characters a word, and a
    # topic's name is a few of them ("机器学习"), a phrase many ("会编程的可以贡献代码").
    unspaced = len(_UNSPACED_LETTER.findall(text))
    # (a mark set off by a space, as French writes `Série sur le nucléaire :`, is no word)
    words = sum(not _LONE_MARK.fullmatch(word) for word in text.split()) + unspaced // 2
    return (
        (
            text.endswith((".", "!", "?", ":", "\u3002", "\uff01", "\uff1f", "\uff1a", "\uff1b"))
            and words > 4
        )
        or unspaced > 12
        or (words > 6 and bool(_SENTENCE_BREAK.search(text)))
    )


# A work's label: its title, "by", its author's name in capitals (`Java for Complete Beginners
# by John Purcell`, a word after it at most: `… Purcell free`).
_WORK_BY_AUTHOR = re.compile(
    r"(?P<title>\S.*?)\s+by\s+(?P<author>[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3})(?:\s+\w+)?"
)


def _work_over_its_sites(
    label: str, nested: Sequence[_Candidate]
) -> tuple[str, str, _Candidate, tuple[_Candidate, ...]] | None:
    """A group bullet's label naming a work and its author over two or more links each named
    after the site it leads to (`[Udemy](https://www.udemy.com/…)`, `[CaveOfProgramming link
    - John Purcell's site](https://courses.caveofprogramming.com/…)`): (title, author, the
    first link, the others). None for any other group (`MOOCs:` over sites is a group)."""
    match = _WORK_BY_AUTHOR.fullmatch(label.strip())
    if (
        match is None
        or len(nested) < 2
        or not all(child.url and not child.children and _names_its_site(child) for child in nested)
    ):
        return None
    return match["title"], match["author"], nested[0], tuple(nested[1:])


def _names_its_site(candidate: _Candidate) -> bool:
    """Whether a link's title names the site its URL is on (`Udemy` at udemy.com), leading to
    a page there (a course, a playlist): a link to a site's home page named like it is that
    site's own (`[PyTorch](https://pytorch.org)`, a product), no page of a work on it."""
    parts = urlsplit(candidate.url)
    if not parts.path.strip("/") and not parts.query:
        return False
    host = (parts.hostname or "").casefold()
    letters = re.sub(r"[\W_]+", "", candidate.title.casefold())
    return any(len(part) >= 4 and part in letters for part in host.split(".")[:-1])


def _task_over_links(inline: Sequence[Token]) -> bool:
    """Whether a bullet's one line is a short plain title that reads as a resource but for
    its first word, a verb (`_is_task`: `Write a C compiler`): over nested resources, the
    name of their group. A sentence, a line announcing its list with a colon, a definition,
    or words with a link stay what they were."""
    title = _plain(inline).strip()
    return (
        bool(title)
        and not _links(inline)
        and not any(token.type == "softbreak" for token in inline)
        and len(title) <= PLAIN_TITLE_LIMIT
        and _is_task(title)
        and not _is_sentence(title)
        and not _announcing(title)
        and not _is_definition(inline)
    )


# At most this many words in a bold label that names a group before what its members share.
_BOLD_GROUP_WORDS = 6
# What sets the words apart from a bold label: a dash or a colon (`**Greedy** - …`).
_LABEL_SEPARATOR = re.compile(r"\s*[:\-\u2013\u2014]\s+")


def _bold_label_and_words(inline: Sequence[Token]) -> tuple[str, str] | None:
    """(label, words) of a first line that is a short label in bold, a dash or a colon, then
    words without a link (`**Greedy** - choose the best option at the current time`); None
    for any other line (a label and a link: `_group_label`)."""
    inline = [
        *itertools.dropwhile(
            lambda token: token.type == "text" and not token.content.strip(), inline
        )
    ]
    if len(inline) < 4 or inline[0].type != "strong_open":
        return None
    close = next((index for index, token in enumerate(inline) if token.type == "strong_close"), 0)
    label = _plain(inline[1:close]).strip()
    after = inline[close + 1 :]
    if (
        not close
        or not label
        or len(label.split()) > _BOLD_GROUP_WORDS
        or any(token.type in ("link_open", "strong_open", "image") for token in inline[1:close])
        or any(token.type in ("link_open", "image", "html_inline") for token in after)
        or not after
        or after[0].type != "text"
        or (separator := _LABEL_SEPARATOR.match(after[0].content)) is None
    ):
        return None
    words = _inline_markdown([_text_token(after[0].content[separator.end() :]), *after[1:]])
    return (label, words.strip()) if words.strip() else None


def _is_group_label(inline: Sequence[Token]) -> bool:
    """A one-line bullet of a short label and a link (``MySQL - [awesome-mysql](…)``)."""
    spans = _real_link_spans(inline)
    if not spans or any(token.type == "softbreak" for token in inline):
        return False
    label = _plain(inline[: spans[0][0]])
    return 0 < len(label.split()) <= 5 and not _is_sentence(label)


def _group_label(
    inline: Sequence[Token], line: int, warnings: list[tuple[int, str]]
) -> tuple[str, _Candidate | None]:
    """A group bullet's label (its text before its first link) and that link as a resource."""
    for start, end in _link_spans(inline):
        if not _is_real_link(inline, start, end):
            continue
        label = _GROUP_LABEL_TAIL.sub("", _plain(inline[:start]))
        href = str(inline[start].attrGet("href") or "")
        first = _Candidate(
            title=_plain(inline[start + 1 : end]) or href,
            line=line,
            url=_checked_url(href, line, warnings),
            description=_markdown_field(_strip_separator(_inline_markdown(inline[end + 1 :]))),
        )
        return label, first
    return _plain(inline), None


def _content_indent(line: str) -> int:
    """The column where a list item's content starts, from its first line."""
    stripped = line.lstrip(" ")
    position = len(line) - len(stripped)
    marker = 0
    while marker < len(stripped) and stripped[marker].isdigit():
        marker += 1
    marker = marker + 1 if marker else 1  # "12." / "1)" or "-", "*", "+"
    after = stripped[marker:]
    spaces = len(after) - len(after.lstrip(" "))
    if spaces == 0 or spaces > 4 or not after.strip():
        spaces = 1
    return position + marker + spaces


def _dedented(lines: list[str], start: int, stop: int, indent: int) -> str:
    out = []
    for line in lines[start:stop]:
        spaces = len(line) - len(line.lstrip(" "))
        out.append(line[min(spaces, indent) :])
    return "\n".join(out).strip("\n")


def _quote_text(lines: list[str], start: int, stop: int, indent: int) -> str:
    """The markdown inside a blockquote: each line without its indent and its '>' marker."""
    out = []
    for line in _dedented(lines, start, stop, indent).split("\n"):
        stripped = line.lstrip(" ")
        if stripped.startswith(">") and len(line) - len(stripped) <= 3:
            stripped = stripped[1:]
            out.append(stripped[1:] if stripped.startswith(" ") else stripped)
        else:
            out.append(line)
    return "\n".join(out).strip("\n")


def _markdown_field(text: str) -> str:
    """A markdown field as stored: no blank lines around it (nor lines of spaces, blank to
    markdown too), one final newline."""
    text = _CONTROL.sub("", text.replace("\t", "    ")).strip("\n")
    if text.startswith(" ") or text.endswith(" "):
        lines = text.split("\n")
        start, end = 0, len(lines)
        while start < end and not lines[start].strip(" "):
            start += 1
        while end > start and not lines[end - 1].strip(" "):
            end -= 1
        text = "\n".join(lines[start:end])
    return f"{text}\n" if text.strip() else ""


# A web address whose scheme is mistyped, a letter doubled or dropped, the colon or a slash
# missing ("hhttps://amzn.to/…", "htps://…", "https//devtooljobs.com/", "http:/host/…"),
# before a host with a dot in it. The colon or two slashes stay: without both it is a path
# into a folder named so (`http/server.go`), a file beside the README.
_MISTYPED_WEB_SCHEME = re.compile(
    r"^(?i:h{1,2}t{1,3}p{1,2}(s{0,2}))(?::/{1,3}|/{2,3})(?=[\w-]+(?:\.[\w-]+)+(?:[/?#:]|$))"
)


def _mended_scheme(href: str) -> str:
    """The web address ``href`` means when its scheme is mistyped (`_MISTYPED_WEB_SCHEME`),
    or "" for any other link."""
    match = _MISTYPED_WEB_SCHEME.match(href)
    if match is None:
        return ""
    mended = ("https://" if match.group(1) else "http://") + href[match.end() :]
    return mended if mended != href and not url_problem(mended) else ""


def _checked_url(href: str, line: int, warnings: list[tuple[int, str]]) -> str:
    """``href`` when it may be a resource's URL, or "" (warned about when it is a link
    somewhere, not an anchor). Relative links are kept as written: the assembler resolves
    them against the base URL, or leaves them out with a warning. A web address with a
    mistyped scheme (`hhttps://…`, `https//…`: a link nowhere on GitHub, or to a file of the
    repository) is the address its author meant, with a warning. Spaces (a link written in
    angle brackets) are percent-encoded, as a browser follows it (`_spaces_encoded`)."""
    href = _spaces_encoded(href)
    problem = url_problem(href)
    if problem and (mended := _mended_scheme(href)):
        warnings.append((line, f"link {href!r}: a mistyped scheme, read as {mended!r}"))
        return mended
    if not problem or is_relative_link(href):
        return href
    if "://" in href or href.lower().startswith(("javascript:", "data:", "vbscript:")):
        warnings.append((line, f"link {href!r} skipped: {problem}"))
    return ""


# A URL's scheme and host, up to its path (`https://example.org`): a space there is no address.
_SCHEME_AND_HOST = re.compile(r"[A-Za-z][\w+.-]*://[^/?#\s]*(?=[/?#]|$)")


def _spaces_encoded(href: str) -> str:
    """A link written with spaces in it (in angle brackets, `[Guide](<docs/my guide.md>)`, or
    an HTML attribute) as a browser follows it: each space after its host percent-encoded
    (`docs/my%20guide.md`); as written when it has none, or one in its host (no address)."""
    if " " not in href:
        return href  # (the cheap test first: spaces are rare)
    href = href.strip(" ")
    head = _SCHEME_AND_HOST.match(href)
    if head is None and "://" in href:
        return href
    start = head.end() if head is not None else 0
    return href[:start] + href[start:].replace(" ", "%20")


def is_relative_link(href: str) -> bool:
    """A link to a file beside the README (``CONTRIBUTING.md``, ``docs/a.md``), not an anchor."""
    if not href or href.startswith(("#", "https://", "http://", "mailto:")):
        return False  # the common cases, without parsing
    parts = urlsplit(href)
    return not parts.scheme and not href.startswith("//") and bool(parts.path)


# A period that ends the sentence a name is in (`by Julia Ferraioli. I love…`): after a word of
# three letters or more, that is no abbreviation (`Dr.`, `J. R. R.` and `et al.` are shorter).
_NAME_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{3})\.(?=\s|$)")
_NAME_ABBREVIATIONS = frozenset({"mrs", "prof", "inc", "ltd", "corp", "bros", "etc"})


def _name_ended(name: str) -> int | None:
    """Where the sentence holding a name written after "by" ends (its period), or None."""
    if "." not in name:
        return None  # (the cheap test first)
    for match in _NAME_SENTENCE_END.finditer(name):
        word = name[: match.start()].split()[-1]
        if word.casefold() not in _NAME_ABBREVIATIONS:
            return match.start()
    return None


# A talk's or video's length in brackets before its credit (`[00:51:27] by …`, `(34:10) by …`).
_DURATION_BEFORE_CREDIT = re.compile(
    r"\s*[\[(](\d{1,2}(?::[0-5]\d){1,2})[\])]\s+(?=by\s)", re.IGNORECASE
)


def _duration_before_credit(tokens: Sequence[Token]) -> tuple[str, list[Token]] | None:
    """The length written in brackets between an item's link and its credit (`[Talk](…)
    [00:51:27] by **Ada Brook**`) and the tokens after it; None when there is none."""
    if not tokens or tokens[0].type != "text":
        return None
    match = _DURATION_BEFORE_CREDIT.match(tokens[0].content)
    if match is None:
        return None
    return match[1], [_text_token(tokens[0].content[match.end() :]), *tokens[1:]]


def _credited_name(words: str) -> tuple[str, str, str]:
    """The words after "by" cut into (name, separator, what follows) (`_split_separator`), a
    note in parentheses right after people's names (`Ada Brook (Note: …)`, `Ivo Tern (2nd
    edition)`) what follows them, not part of the name, whatever separator is inside it."""
    paren = words.find(" (")
    if paren > 0 and not _split_separator(words[:paren])[1] and _names_people(words[:paren]):
        return words[:paren], " ", words[paren + 1 :]
    return _split_separator(words)


def _author_and_rest(
    inline: Sequence[Token], line: int, warnings: list[tuple[int, str]]
) -> tuple[Author | None, str]:
    """After a bullet's link: ``by [Author](url)`` or ``by Name``, then ``- description``."""
    tokens = list(inline)
    while tokens and tokens[0].type in ("strong_close", "em_close"):
        tokens.pop(0)
    tokens = _without_badges_before_separator(tokens)
    author = None
    if tokens and tokens[0].type == "text":
        lead = tokens[0].content.lstrip()
        credit = _CREDIT_AFTER_MARK.match(lead)
        if credit is not None and _credits_people(lead[credit.end() :], tokens[1:]):
            # `[Title](…), by D. Author`, `— by A. Author`: the comma or dash that joined the
            # credit to the link, then the credit as `by Name` reads it.
            lead = lead[credit.end() :]
        if lead.lower().startswith("by ") or lead.lower() == "by":
            rest = lead[2:].lstrip()
            if rest:
                name, separator, after = _credited_name(rest)
                ended = _name_ended(name)
                if ended is not None:
                    # `by Julia Ferraioli. I love this talk.`: the name ends with its sentence.
                    name, separator, after = (
                        name[:ended],
                        ". ",
                        f"{name[ended + 1 :].strip()}{separator}{after}".strip(),
                    )
                author = Author(name=_single_line(name)) if name.strip() else None
                tail = _inline_markdown(tokens[1:])
                remainder = f"{after} {tail}".strip() if separator else tail
                if not separator and author is not None and tail:
                    remainder = tail
                return author, _strip_separator(remainder)
            spans = list(_link_spans(tokens))
            if spans and spans[0][0] == 1:
                start, end = spans[0]
                href = _checked_url(str(tokens[start].attrGet("href") or ""), line, warnings)
                name = _plain(tokens[start + 1 : end])
                if name:
                    author = Author(name=name, url=href)
                rest = _strip_separator(_inline_markdown(tokens[end + 1 :]))
                # `by [Ada Brook](…).`: the period that ends the credit's sentence says nothing.
                return author, "" if rest in (".", "\u3002") else rest
            emphasized = _emphasized_name(tokens, 1)
            if emphasized is not None:
                # `by **Ada Brook**`: the name set in bold or italics.
                name, end = emphasized
                rest = _strip_separator(_inline_markdown(tokens[end + 1 :]))
                return Author(name=name), "" if rest in (".", "\u3002") else rest
    return author, _strip_separator(_inline_markdown(tokens))


def _emphasized_name(tokens: Sequence[Token], start: int) -> tuple[str, int] | None:
    """The words set in bold or italics from ``tokens[start]`` on (``by **Ada Brook**``) and
    the index of the emphasis's last closing token, or None (no emphasis there, or one with
    more than words in it: a link, code)."""
    if start >= len(tokens) or tokens[start].type not in ("strong_open", "em_open"):
        return None
    depth = 0
    for index in range(start, len(tokens)):
        kind = tokens[index].type
        if kind in ("strong_open", "em_open"):
            depth += 1
        elif kind in ("strong_close", "em_close"):
            depth -= 1
            if depth == 0:
                name = _single_line(_plain(tokens[start + 1 : index])).strip()
                return (name, index) if name else None
        elif kind not in ("text", "softbreak"):
            return None
    return None


# The mark that joins a credit to the link before it: a comma or semicolon (`[Title](…), by
# D. Author`), a dash or a colon (`— by A. Author`), ASCII or full-width (U+FF0C, U+FF1B,
# U+FF1A; the Chinese dash `——`), before `by`.
_CREDIT_AFTER_MARK = re.compile(
    r"(?:[,;:\uff0c\uff1b\uff1a]|--?|[\u2013\u2014]{1,2})\s*(?=by\s)", re.IGNORECASE
)


def _credits_people(credit: str, rest: Sequence[Token]) -> bool:
    """Whether ``credit`` (`by …`, a mark joined it to the link before it) names the people
    who made the resource: a link (`by [Ada Brook](…)`) or people's names (`_person_names`:
    `by D. Author`, `by Ada Brook and Ivo Tern`), before its sentence ends or a separator; not
    words that only start with "by" (`by far the best guide`, `by example`)."""
    words = credit[2:].strip()
    if not words:
        if rest and rest[0].type == "link_open":
            return True
        emphasized = _emphasized_name(rest, 0)
        return emphasized is not None and _names_people(emphasized[0])
    name = _credited_name(words)[0]
    ended = _name_ended(name)
    return _names_people(name if ended is None else name[:ended])


# A name written in a script without capitals: a Chinese one of two to four characters
# (`吴恩达`, `欧阳修`), a Korean one of two to four syllables (`홍길동`), a Japanese one with
# kana in it up to six (`山田たろう`) or in two parts (`山田 太郎`), a transliterated one in
# parts joined by a middle dot (`约翰·史密斯`, `ジョン・スミス`). A longer run is words
# (`by 机器学习入门教程`: 'an introductory machine-learning tutorial'), not a name.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_KANA = "\u3040-\u30fa\u30fc-\u30ff"
_UNCASED_NAME = re.compile(
    rf"[{_HAN}]{{2,4}}|[\uac00-\ud7af]{{2,4}}"
    rf"|(?=[{_HAN}]*[{_KANA}])[{_HAN}{_KANA}]{{2,6}}"
    rf"|[{_HAN}{_KANA}]{{1,3}} [{_HAN}{_KANA}]{{1,4}}"
    rf"|[{_HAN}{_KANA}]{{1,6}}(?:[\u00b7\u30fb][{_HAN}{_KANA}]{{1,6}}){{1,3}}"
)


def _names_people(text: str) -> bool:
    """Whether ``text`` is people's names: capitalised words (`_person_names`) or, in a
    script without capitals, one short run of its letters."""
    return _person_names(text) is not None or _UNCASED_NAME.fullmatch(text.strip()) is not None


def _without_badges_before_separator(tokens: list[Token]) -> list[Token]:
    """The tokens after a bullet's link without the images that come right after it when a
    separator follows them (`[conda](…) ![](…/stars/conda/conda.svg) - OS-agnostic …`): a
    stars badge or a logo beside the name, not the description (the same list later written
    as a table keeps the badge in a column of its own and the description alone)."""
    position = 0
    images = 0
    while position < len(tokens):
        token = tokens[position]
        if token.type == "image":
            images += 1
        elif not (token.type in ("text", "softbreak") and not token.content.strip()):
            break
        position += 1
    if not images or position == len(tokens) or tokens[position].type != "text":
        return tokens
    rest = tokens[position].content.lstrip()
    if not rest.startswith(_DESCRIPTION_SEPARATORS):
        return tokens
    return tokens[position:]


def _split_separator(text: str) -> tuple[str, str, str]:
    for separator in (" - ", " \u2013 ", " \u2014 ", ": ", ", ", " | ", "\uff0c", "\uff1a"):
        name, found, after = text.partition(separator)
        if found:
            return name, found, after
    return text, "", ""


# The punctuation that joins words to the link before them (`[Title](…), *A. Author*, 2020`,
# `[Title](…); a book on sand`), ASCII or full-width.
_JOINING_MARK = re.compile(r"[,;\uff0c\uff1b\u3001]+\s*")


def _without_joining_mark(part: str) -> str:
    """A description without the comma or semicolon that joined it to the link before it
    (`[Title](…), *A. Author*, 2020`): a resource's description never starts with one."""
    mark = _JOINING_MARK.match(part)
    return part if mark is None else part[mark.end() :]


# A fence opening or closing a code block, under quote markers too.
_QUOTED_FENCE = re.compile(r"[ \t]*(?:>[ \t]*)*(`{3,}|~{3,})")


def _without_hard_break_marks(text: str) -> str:
    """Markdown kept as the source's lines without the marks of a hard break (a line ended by
    a backslash or two spaces): a break inside the text is a line break, one ending it (or a
    paragraph) nothing; a line that was the mark alone goes. Code blocks are kept as written."""
    if "\\" not in text and "  " not in text and "\t" not in text:
        return text
    kept: list[str] = []
    fence = ""
    for line in text.split("\n"):
        marker = _QUOTED_FENCE.match(line)
        if fence:
            if marker is not None and marker.group(1).startswith(fence):
                fence = ""
            kept.append(line)
            continue
        if marker is not None:
            fence = marker.group(1)
            kept.append(line)
            continue
        bare = line.rstrip(" \t")
        backslashes = len(bare) - len(bare.rstrip("\\"))
        if backslashes % 2:
            bare = bare[:-1].rstrip(" \t")  # a backslash break, not an escaped backslash
        elif len(line) - len(bare) < 2:
            bare = line  # one space (or tab) ending a line is no break: the line as written
        if bare.lstrip(" \t>") or not line.lstrip(" \t>").strip():
            kept.append(bare)  # a line of a lone backslash was the break only: it goes
    return "\n".join(kept)


def _strip_separator(text: str) -> str:
    text = text.strip()
    if _SHORTCODE_FIRST.match(text):
        return text  # `:worried:` after the link is an emoji marker, its colon no separator
    for separator in _DESCRIPTION_SEPARATORS:
        if text.startswith(separator):
            rest = text[len(separator) :]
            if separator in "-\u2014" and rest.startswith(separator):
                rest = rest[1:]  # a doubled dash: `--` typed for a dash, the Chinese `——`
            return rest.strip()
    if text.startswith("(") and text.endswith(")"):
        return text[1:-1].strip()
    return text


def _meta(
    inline: Sequence[Token], line: int, warnings: list[tuple[int, str]]
) -> dict[str, Any] | None:
    """Fields from a `publisher readme` metadata line (``*Tags:* `a` · *Level:* beginner``),
    or None when ``inline`` is not one."""
    segments = _meta_segments(inline)
    if not segments:
        return None
    fields: dict[str, Any] = {}
    for key, tokens in segments:
        _meta_field(fields, key, _without_meta_separator(tokens), line, warnings)
    return fields


def _meta_segments(inline: Sequence[Token]) -> list[tuple[str, list[Token]]]:
    """A metadata line cut into (key, the tokens of its value); empty when the line does not
    start with a known ``*Key:*``."""
    segments: list[tuple[str, list[Token]]] = []
    position = 0
    while position < len(inline):
        key = _meta_key(inline, position)
        if key is not None:
            segments.append((key, []))
            position += 3
            continue
        if not segments:
            return []
        segments[-1][1].append(inline[position])
        position += 1
    return segments


def _without_meta_separator(tokens: list[Token]) -> list[Token]:
    """A value's tokens without the " · " that separates it from the next key."""
    if tokens and tokens[-1].type == "text":
        content = tokens[-1].content.rstrip()
        if content.endswith(META_SEPARATOR.strip()):
            content = content[: -len(META_SEPARATOR.strip())]
            return [*tokens[:-1], _text_token(content)]
    return tokens


def _meta_field(
    fields: dict[str, Any],
    key: str,
    tokens: list[Token],
    line: int,
    warnings: list[tuple[int, str]],
) -> None:
    """Set the field a metadata key names from its value: code spans for lists (and the id),
    a link or a name for the author, a known word for kind, cost and level (else a warning),
    plain text for the rest."""
    name = META_KEYS[key]
    written = _plain(tokens).strip()
    # An escaped mark (`\_`, as `publisher readme` writes a value '_') is the value itself.
    if (
        written
        and not written.strip("*_ \t")
        and not any(token.type == "text_special" for token in tokens)
    ):
        # `*Authors:* ****`: emphasis around nothing (a template's blank left unfilled),
        # no value, not its marks.
        warnings.append((line, f"{key} {written!r}: emphasis around no words, left out"))
        return
    if name in ("tags", "prerequisites", "id"):
        codes = tuple(
            token.content.strip()
            for token in tokens
            if token.type == "code_inline" and token.content.strip()
        )
        fields[name] = codes if name != "id" else (codes[0] if codes else "")
    elif name == "author":
        spans = list(_link_spans(tokens))
        if spans:
            start, end = spans[0]
            href = _checked_url(str(tokens[start].attrGet("href") or ""), line, warnings)
            fields["author"] = Author(name=_plain(tokens[start + 1 : end]), url=href)
        else:
            fields["author"] = Author(name=_plain(tokens))
    elif name in ("kind", "cost", "level"):
        value = _plain(tokens).lower()
        allowed = {"kind": KINDS, "cost": COSTS, "level": LEVELS}[name]
        if value in allowed:
            fields[name] = value
        else:
            warnings.append((line, f"{key} {value!r} is not one of {', '.join(sorted(allowed))}"))
    else:
        fields[name] = _plain(tokens)


def _meta_key(inline: Sequence[Token], position: int) -> str | None:
    if position + 2 >= len(inline) or inline[position].type != "em_open":
        return None
    text, close = inline[position + 1], inline[position + 2]
    if text.type != "text" or close.type != "em_close" or not text.content.endswith(":"):
        return None
    key = text.content[:-1].strip().lower()
    return key if key in META_KEYS else None


def _text_token(content: str) -> Token:
    return Token("text", "", 0, content=content)


# --- tables --------------------------------------------------------------------------------


def _table(
    tokens: Sequence[Token], index: int, end: int
) -> tuple[tuple[_Candidate, ...], tuple[tuple[int, str], ...], tuple[str, ...], bool, bool]:
    """Resources from a table, one per body row, columns mapped by their header names; its
    header's names; whether no column names a resource's field and no row links
    anywhere: a table of facts (`| Feature | Self-Paced | Live Cohort |`) when all its rows
    are so (they are read one piece at a time: `_facts_as_text` decides); and whether every
    row names a thing and says only marks of it (`_mark_row`: a feature matrix)."""
    rows: list[tuple[int, list[list[Token]]]] = []
    for position in range(index, end):
        token = tokens[position]
        if token.type == "tr_open":
            rows.append(((token.map or (0, 0))[0], []))
        elif token.type == "inline" and rows:
            rows[-1][1].append(list(token.children or []))
    if not rows:
        return (), (), (), False, False
    if _links_into_the_document(cell for _, cells in rows for cell in cells) and not all(
        str(cell[start].attrGet("href") or "") == "#"
        and _says_what_links_are(_plain(cell[start + 1 : end]))
        for _, cells in rows
        for cell in cells
        for start, end in _link_spans(cell)
    ):
        # A grid of `[🔧 AutoML](#automl)` cells: a table of contents laid out as a table. Links
        # to `#` alone, each saying only what it is, lead nowhere yet (`[📊 Slides](#)`, a
        # schedule's material not out, or its rows read one at a time): the rows say what
        # they are. Links to `#` named otherwise (`[Books](#)`, a nav bar's; `[Sled plan](#)`
        # over 'coming soon') lead nowhere, as a table of contents' do.
        return (), (), (), False, False
    if (
        len(rows[0][1]) == 1
        and _is_figure_cell(rows[0][1][0])
        and not any(_leading_link(cells[0]) for _, cells in rows[1:] if cells)
    ):
        # `|![Roadmap](roadmap.png)|` over `| The road map - _Sketchnote by [@ann](…)_ |`: an
        # image set in a table of one cell to center it, its caption (and its credit) below:
        # a figure, no list of resources. A row that opens with its link (`| [Flask](…) - a
        # micro framework |` under `| ![Python](…) |`) is an item of a list set under its
        # logo, read as any table's row is.
        said = (
            "a table of one column whose head is an image (a figure) read as its caption: "
            "no resource"
        )
        return (
            (),
            tuple((line, said) for line, cells in rows[1:] if _plain(cells[0])),
            (),
            False,
            False,
        )
    header = [_plain(cell).lower().rstrip(":") for cell in rows[0][1]]
    columns = {position: _column_field(name) for position, name in enumerate(header)}
    body_cells = [cells for _, cells in rows[1:]]
    columns.update(
        (position, "")
        for position, field in columns.items()
        if field == "time" and _measures_another_thing(header[position], body_cells, position)
    )
    if any(name in _LANGUAGE_HEADERS for name in header) and (
        not any(_cell_links(cell) for _, cells in rows[1:] for cell in cells)
        or not any(
            field == "title" or (not field and header[position] not in _NUMBERING)
            for position, field in columns.items()
        )
    ):
        # A Language column tags the linked resources a table lists (`| Project Name | … |
        # Language |`); in a table of no links (`| kind | languages | for |`), or where no
        # other column may name the rows (`| Language | Link |` over `| Python | [Docs](…) |`),
        # it may be what names them, read as before.
        columns.update(
            (position, "") for position, name in enumerate(header) if name in _LANGUAGE_HEADERS
        )
    facts = not any(columns.values()) and not any(
        _cell_links(cell) for _, cells in rows[1:] for cell in cells
    )
    linked: int | None = None
    relinked: dict[int, str] = {}
    body = [cells for _, cells in rows[1:]]
    numbering = {
        position
        for position, name in enumerate(header)
        if (name in _NUMBERING and not (not name and _is_link_column(body, position)))
        or _is_numbering_column(name, body, position)
        or (not columns[position] and _is_date_column(body, position))
    }
    thing = _thing_column(header, columns, body, numbering)
    if thing is not None:
        columns[thing] = "thing"
    warnings: list[tuple[int, str]] = []
    scheduled_said = ""
    labelled: tuple[int, ...] = ()
    aside: tuple[int, ...] = ()
    scheduled = _topic_names_rows(header, columns, body, numbering)
    if scheduled is not None:
        # A schedule (`| Week | Topic | Slides | Recording |`): each row a lecture named by its
        # Topic alone, at its first material link (its Slides'), never titled by a link's
        # label (`Slides`, `HTML`) nor by its date; the columns saying when or which it is
        # are its numbering.
        topic, labelled, covers, aside = scheduled
        columns[topic] = "title"
        columns.update((position, "material") for position in labelled)
        columns.update((position, "description") for position in covers)
        # (what is handed out or due that day: kept in the description, never the row's link)
        columns.update((position, "generic") for position in aside)
        numbering |= {
            position for position, field in columns.items() if not field and position != topic
        }
        scheduled_said = (
            f"titled by its {header[topic]!r} column, the only words naming it (its links are "
            "named only by what they are), at its first link; the topic no tag"
        )
    if "title" not in columns.values():
        # The first column of no known kind names the resource (one before the link column,
        # when there is one: a column after it holds more material); without one, the link
        # text of the link column does (a Topic column never does: it becomes tags, nor a
        # numbering column: "#", "No.", or no header at all).
        link_column = next(
            (position for position, name in columns.items() if name == "url"), len(columns)
        )
        untyped = [
            position
            for position, name in columns.items()
            if not name and position < link_column and position not in numbering
        ]
        if untyped:
            columns[untyped[0]] = "title"
        elif "url" not in columns.values():
            # Else the first column, unless the table's notes column turns out to hold its
            # resources (`_relinked`: `| Topic | Notes |` over `| Pandas | [Pandas docs](…) |`
            # and `| Python basics | N/A |`): its link text then the title, the topic tags.
            first_kind = columns.get(0, "")
            columns[0] = "title"
            linked = next(
                (
                    position
                    for position, name in columns.items()
                    if position and name in ("description", "")
                ),
                None,
            )
            if linked is not None:
                relinked = {**columns, 0: first_kind, linked: "url"}
    # A column whose every row holds the same link ("Learn More" → the course's home page)
    # says nothing of any one row: its links are never a row's resource.
    for position in range(len(header)):
        found = {
            tuple(_cell_links(cells[position])) for _, cells in rows[1:] if position < len(cells)
        }
        if len(rows) > 2 and len(found) == 1 and next(iter(found)) and not columns[position]:
            columns[position] = "generic"
    # The next column of no known kind: the title when the first one turns out to group the
    # rows (empty on continuation rows, see `_regrouped`).
    untitled = [
        position
        for position, name in columns.items()
        if not name
        and position > min((p for p, n in columns.items() if n == "title"), default=len(columns))
        and position not in numbering
    ]
    warnings += [
        (line, f"{token.meta[key]}: {said}, read as one link")
        for line, cells in rows[1:]
        for cell in cells
        for token in cell
        if token.meta
        for key, said in (("garbled_url", _GARBLED_SAID), ("nested_url", _NESTED_SAID))
        if key in token.meta
    ]
    parts = _part_rows(body, numbering)
    candidates: list[_Candidate] = []
    part: _Candidate | None = None  # the part over the rows being read, and its rows
    rows_of_part: list[_Candidate] = []
    for number, (line, cells) in enumerate(rows[1:]):
        if number in parts:
            if part is not None:
                candidates.append(_part_with_rows(part, rows_of_part, warnings))
            part, rows_of_part = _part_heading(parts[number], cells, line, warnings), []
            continue
        if linked is None:
            row_columns = _row_columns(columns, header, cells, numbering)
            second = untitled[0] if untitled and row_columns is columns else None
            candidate = _table_row(row_columns, cells, line, warnings, second, header)
        else:
            candidate = _linked_row(columns, relinked, cells, line, linked, header)
        continued = (
            _continues_lecture(cells, topic, labelled)
            if scheduled_said and candidate is None
            else 0
        )
        if continued:
            # `| | [Slides](…) |` under a lecture: its Topic left empty, as a continuation row's
            # first cell is, the lecture above goes on (its second meeting, more slides):
            # titled by it (`_with_topics`), read alone by its first link's label.
            label = _plain(cells[continued][slice(*_real_link_spans(cells[continued])[0])][1:])
            cells = [*cells[:topic], [_text_token(label.strip())], *cells[topic + 1 :]]
            candidate = _table_row(columns, cells, line, warnings, None, header)
            if candidate is not None:
                candidate = replace(candidate, titled_above=True)
        if scheduled_said and (candidate is None or not candidate.url):
            # (a row whose links lead nowhere yet, `[📊 Slides](#)`, is no resource either way)
            named = candidate.title if candidate else _plain(cells[topic]).strip()
            if named:
                warnings.append(
                    (
                        line,
                        f"row {named!r} of a schedule links no material (no slides, no "
                        "recording out yet): no lecture to list, skipped",
                    )
                )
            elif any(_plain(cell).strip() for cell in cells):
                warnings.append(
                    (
                        line,
                        "row of a schedule naming no lecture (its Topic empty: a due date, a "
                        "handout): skipped",
                    )
                )
            continue
        if candidate is not None and scheduled_said:
            candidate = replace(candidate, schedule="|".join(header))
            if not continued:
                warnings.append((line, f"row {candidate.title!r}: {scheduled_said}"))
            material = _other_material(rows[0][1], cells, (*labelled, *aside), candidate.url)
            if material:
                kept = (candidate.description.strip("\n"), material.strip("\n"))
                candidate = replace(
                    candidate,
                    description=_markdown_field("\n\n".join(said for said in kept if said)),
                )
        if candidate is not None:
            (candidates if part is None else rows_of_part).append(
                _with_stacked(candidate, cells, line, warnings)
            )
    if part is not None:
        candidates.append(_part_with_rows(part, rows_of_part, warnings))
    marks = len(rows) > 1 and all(_mark_row(columns, cells) for _, cells in rows[1:])
    return tuple(candidates), tuple(warnings), tuple(header), facts, marks


# A table cell that only marks a feature as there or not (`✅`, `❌`, `✔️`, a heavy minus,
# `:white_check_mark:`), in a feature matrix.
_MARK_CELL = re.compile(
    r"(?:[\u2705\u274c\u274e\u2714\u2713\u2716\u2715\u2717\u2718\u2796\u2795\u2611\u26a0"
    r"\u2b55\U0001f7e2\U0001f7e1\U0001f7e0\U0001f534]\ufe0f?"
    r"|:(?:white_check_mark|heavy_check_mark|x|negative_squared_cross_mark|heavy_minus_sign"
    r"|heavy_plus_sign|warning|o):|\s)+"
)


def _mark_row(columns: dict[int, str], cells: list[list[Token]]) -> bool:
    """Whether a table row says only marks (`_MARK_CELL`) of the thing it names: every cell
    but its name's and link's is a mark or empty, one at least a mark."""
    said = [
        _plain(cell)
        for position, cell in enumerate(cells)
        if columns.get(position) not in ("title", "url")
    ]
    return any(said) and all(not text or _MARK_CELL.fullmatch(text) for text in said)


# Header words of a column that links to the thing a row names, not to something about it:
# its checkpoints, its weights, the model or the data set itself, its download.
_THING_HEADER_WORDS = frozenset(
    {"checkpoint", "checkpoints", "weights", "model", "models", "dataset", "datasets"}
    | {"download", "downloads"}
)


# Link texts saying a link is the row's own page (`[Site](…)`, `[Homepage](…)`, `[官网](…)`):
# what a row is at, before any column of what it uses.
_OWN_PAGE_LABEL = re.compile(
    r"(?:official\s+)?(?:web\s?site|site|home\s?page|home|(?:project\s+)?page|app|"
    r"\u4e3b\u9875|\u5b98\u7f51)",
    re.IGNORECASE,
)


def _thing_column(
    header: list[str], columns: dict[int, str], body: list[list[list[Token]]], numbering: set[int]
) -> int | None:
    """The column that links to the thing each row names in plain text (`| Name | Paper/Blog |
    Dataset |` over `| Kelp-1k | [A paper on kelp](…) | [kelp-1k](…) |`): headed by such a
    word (`_THING_HEADER_WORDS`: Checkpoints, Weights, Model, Dataset, Download), after the
    column naming the rows (its title column, else its first column of no known kind), whose
    cells hold no link; the row is the thing, titled by its name, at that column's link, not
    at the first link of the row (its paper, its blog post). None where a column says where
    the row's resource is (Link, URL), or the rows' names are links themselves."""
    if "url" in columns.values():
        return None
    name = next((position for position, field in columns.items() if field == "title"), None)
    if name is None:
        name = next(
            (
                position
                for position, field in columns.items()
                if not field and position not in numbering
            ),
            None,
        )
    if name is None or any(name < len(cells) and _links(cells[name]) for cells in body):
        return None
    for position in range(name + 1, len(header)):
        words = set(re.findall(r"[^\W\d_]+", header[position]))
        cells = [cells[position] for cells in body if position < len(cells)]
        if (
            not columns[position]
            and position not in numbering
            and words & _THING_HEADER_WORDS
            and any(_links(cell) for cell in cells)
        ):
            return position
    return None


# The forms a course's material comes in, as a schedule's link cells name its links (`[HTML]
# (…) / [PDF](…)`, `[pptx](…)`, `[mp4](…)`): what a link is, like `_WHERE_LABEL`'s words.
_FORM_LABEL = re.compile(r"html|pdf|pptx?|key(?:note)?|mp4|epub|tex|latex", re.IGNORECASE)
# A schedule's date (`Jan 13`, `Mon 9/28`, `Tu 1/28 (*E*)`, `02/23`, `March 3rd`): when a
# lecture is, never its name.
_SCHEDULE_DATE = re.compile(
    r"(?:(?:mon|tues?|tu|wed|w|thu(?:rs)?|th|fri|f|sat|sun|m)\.?,?\s+)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}/\d{1,2}(?:/\d{2,4})?)"
    r"(?:\s*\([^()]*\))?",
    re.IGNORECASE,
)
# The words a schedule numbers its rows after (`Lecture 1`, `Week 3`, `Lec. 12`, `L4`); a
# name written with a figure (`Web3`, `Python3`) is a name, read a row at a time as well.
_NUMBERED_WORD = re.compile(
    r"(?:lecture|lec|week|wk|session|class|day|lesson|module|unit|part|chapter|ch|seminar|"
    r"meeting|talk|lab|l|w)\.?\s*\d{1,3}[a-z]?",
    re.IGNORECASE,
)


def _names_no_row(rows: list[list[list[Token]]], position: int) -> bool:
    """A column that says when or which a row is, never what: every cell that says anything
    a number (`1`, a week's later rows left empty), a date (`_DATE_CELL`, `_SCHEDULE_DATE`)
    or a word and a number (`Lecture 1`), one at least, and no link."""
    texts = [_plain(cells[position]).strip() for cells in rows if position < len(cells)]
    texts = [text for text in texts if text]
    return (
        bool(texts)
        and all(
            re.fullmatch(r"\d{1,3}[.)]?", text)
            or _DATE_CELL.fullmatch(text)
            or _SCHEDULE_DATE.fullmatch(text)
            or _NUMBERED_WORD.fullmatch(text)
            for text in texts
        )
        and not any(position < len(cells) and _links(cells[position]) for cells in rows)
    )


def _says_what_links_are(text: str) -> bool:
    """A link text naming only what its link is: where it leads or what part of a course
    (`Slides`, `Recording`, `Readings`, `Colab`: `_WHERE_LABEL`, `_is_material`), or the form
    it comes in (`HTML`, `PDF`: `_FORM_LABEL`), an icon before it at most (`📊 Slides`)."""
    text = _without_leading_emoji(text).strip()
    if _PART_LABEL.fullmatch(text):
        return True  # (`Part 2`)
    # Numbered as the rows are (`Lab 01`, `Homework 3`): still only what the link is.
    text = re.sub(r"\s*#?\d{1,3}[a-z]?$", "", text) or text
    return bool(text) and bool(
        _WHERE_LABEL.fullmatch(text)
        or _FORM_LABEL.fullmatch(text)
        or _is_material(text)
        or (text.casefold().rstrip("s") in ("recording", "reading", "tutorial", "lecture"))
    )


def _labels_links_only(rows: list[list[list[Token]]], position: int, header: str) -> bool:
    """A column of material links named only by what they are: every cell that says anything
    leads with such a link (`[Slides](…), [Readings](…)`, `[HTML](…) / [PDF](…)`) or holds
    no link and only a mark of none (`-`, `—`, `x`, `TBD`); one link at least, unless its
    header says so too (`Slides`, `Recording`: a row read alone may have none yet)."""
    linked = _says_what_links_are(header.split("/")[0])
    for cells in rows:
        if position >= len(cells):
            continue
        cell = cells[position]
        text = _plain(cell).strip()
        if not text:
            continue
        lead = _leading_link(cell)
        spans = list(_link_spans(cell))
        if lead is None and spans and not _links(cell):
            # `[🎥 Recording](#)`: its material not out yet, the link leads nowhere (the page's
            # own top), named as the others are.
            if all(
                str(cell[start].attrGet("href") or "") in ("", "#")
                and _says_what_links_are(_plain(cell[start + 1 : end]))
                for start, end in spans
            ):
                continue
            return False
        if lead is None:
            if _links(cell) or not (
                re.fullmatch(r"[-\u2013\u2014x?]", text, re.IGNORECASE)
                or PLACEHOLDER_TEXT.match(text)
            ):
                return False
            continue
        if not _says_what_links_are(_plain(cell[lead[0] + 1 : lead[1]])):
            return False
        linked = True
    return linked


def _marks_none(rows: list[list[list[Token]]], position: int) -> bool:
    """A column whose cells are empty or mark that there is nothing (`-`, `—`): in a table
    read a row at a time, a week's later lecture (its Week cell left empty), or a row without
    a tutorial."""
    return all(
        position >= len(cells)
        or not (text := _plain(cells[position]).strip())
        or (not _links(cells[position]) and re.fullmatch(r"[-\u2013\u2014]", text) is not None)
        for cells in rows
    )


def _continues_lecture(cells: list[list[Token]], topic: int, labelled: tuple[int, ...]) -> int:
    """The first material column (of ``labelled``) a schedule's row links out from when its
    Topic is empty (`| 3 | | [Slides](…) |`); 0 when its Topic says something or it links no
    material (a due date alone: its links in a column of what is handed out)."""
    if topic < len(cells) and _plain(cells[topic]).strip():
        return 0
    return next(
        (
            position
            for position in labelled
            if position < len(cells)
            and _links(cells[position])
            and _real_link_spans(cells[position])
        ),
        0,
    )


def _other_material(
    head: list[list[Token]], cells: list[list[Token]], labelled: tuple[int, ...], url: str
) -> str:
    """A schedule row's links but its resource's own (``url``), each as written, after the
    header of its column (`Slides: [Readings](…)`, `Tutorial: [Colab](…)`, `Slides: [PDF]
    (…)`): the lecture's other material, kept where readers find it; "" when there is none."""
    parts = []
    for position in labelled:
        if position >= len(cells):
            continue
        cell = cells[position]
        links = _markdown_links(
            (words, href)
            for words, href in _cell_link_pairs(cell, _real_link_spans(cell))
            if href != url
        )
        if links:
            name = _plain(head[position]).strip() if position < len(head) else ""
            parts.append(f"{name}: {links}" if name else links)
    return _markdown_field("\n".join(parts)) if parts else ""


# Header words of a schedule's column saying what a lecture covers (`Key Concepts`,
# `Learning Objectives`, `Summary`): its description, never its name.
_COVERS_HEADER_WORDS = frozenset(
    {"concepts", "concept", "objectives", "objective", "summary", "overview", "outline"}
    | {"covered", "covers", "highlights", "contents"}
)


# Header words of a schedule's column saying what else happens at a meeting (`Out`, `Due`,
# `Reading (EaC 3e)`, `Homework`): an assignment handed out or due, a chapter to read; its
# links (`[PA0](…)`) are that, never the lecture's own material nor its name.
_ASIDE_HEADER_WORDS = frozenset(
    {"out", "due", "assigned", "released", "deadline", "deadlines", "reading", "readings"}
    | {"homework", "hw", "assignment", "assignments", "handout", "handouts", "exercises"}
)


def _topic_names_rows(
    header: list[str], columns: dict[int, str], body: list[list[list[Token]]], numbering: set[int]
) -> tuple[int, tuple[int, ...], tuple[int, ...], tuple[int, ...]] | None:
    """(the Topic column, the link columns) of a schedule whose rows only their Topic names
    (`| Week | Topic | Slides | Recording |` over `| 1 | Choosing a kite | [Slides](…) |
    [Recording](…) |`): no column says what a row is but a topic's (`tags`), every other
    column of no known kind says when or which it is (`_names_no_row`: a week, a date,
    `Lecture 1`) or holds links named only by what they are (`_labels_links_only`), one such
    column at least. The topic is then the lecture's name, not its tag. None for any other
    table (a Name or a linked title beside the Topic: the topic tags the rows, as before)."""
    if any(kind in ("title", "url", "thing") for kind in columns.values()):
        return None
    topics = [
        position
        for position, kind in columns.items()
        if kind == "tags" and header[position] not in _LANGUAGE_HEADERS
    ]
    if len(topics) != 1:
        return None
    topic = topics[0]
    if any(topic < len(cells) and _links(cells[topic]) for cells in body):
        return None
    labelled: list[int] = []
    covers: list[int] = []
    aside: list[int] = []
    for position, kind in columns.items():
        if kind or position == topic:
            continue
        if _labels_links_only(body, position, header[position]):
            labelled.append(position)
        elif set(header[position].split()) & _COVERS_HEADER_WORDS:
            covers.append(position)
        elif set(re.findall(r"\w+", header[position])[:1]) & _ASIDE_HEADER_WORDS:
            aside.append(position)
        elif not (
            position in numbering or _names_no_row(body, position) or _marks_none(body, position)
        ):
            return None
    return (topic, tuple(labelled), tuple(covers), tuple(aside)) if labelled else None


def _part_with_rows(
    part: _Candidate, rows: list[_Candidate], warnings: list[tuple[int, str]]
) -> _Candidate:
    """A part's section (`_part_heading`) holding its own links, then the rows under it (read
    as a table's rows are: `_with_topics`)."""
    return replace(part, children=(*part.children, *_with_topics(rows, warnings)))


# A part's number in a course's table: a Roman numeral (`| IV | **Computer Vision** |`).
_ROMAN_NUMBER = re.compile(r"[IVXLC]+\.?", re.IGNORECASE)


def _part_rows(body: list[list[list[Token]]], numbering: set[int]) -> dict[int, str]:
    """The rows of a table that head the rows below them, by their index in ``body``, with
    the names they give: a row whose numbering cell (the first column) holds a Roman numeral
    or nothing and whose next cell is a name in bold and nothing else, a link around it at
    most (`| IV | [**Computer Vision**](…) | … |`, `| | **Extras** |`), where other rows are
    numbered and named otherwise (the lessons: `| 06 | [Intro to Computer Vision](…) |`). At
    least two such rows, else none: a table whose every row names its item in bold, or one
    bold row among others, keeps its rows as they are."""
    if 0 not in numbering:
        return {}
    parts: dict[int, str] = {}
    others = 0
    for number, cells in enumerate(body):
        name = _bold_name(cells[1]) if len(cells) > 1 else ""
        if name and (not _plain(cells[0]) or _ROMAN_NUMBER.fullmatch(_plain(cells[0]))):
            parts[number] = name
        elif len(cells) > 1 and _plain(cells[1]):
            if name:
                return {}  # a row's item named in bold too: bold names no part here
            others += 1
    return parts if len(parts) > 1 and others else {}


def _bold_name(cell: Sequence[Token]) -> str:
    """The words of a cell that is only a name in bold, a link around it or inside it at
    most (`**Symbolic AI**`, `[**Computer Vision**](…)`, `**[Computer Vision](…)**`); ""."""
    shown = [token for token in cell if token.type != "text" or token.content.strip()]
    if len(shown) >= 2 and shown[0].type == "link_open" and shown[-1].type == "link_close":
        shown = shown[1:-1]
    if len(shown) < 3 or shown[0].type != "strong_open" or shown[-1].type != "strong_close":
        return ""
    inside = shown[1:-1]
    if len(inside) >= 2 and inside[0].type == "link_open" and inside[-1].type == "link_close":
        inside = inside[1:-1]
    if any(token.type not in ("text", "text_special") for token in inside):
        return ""
    return _plain(inside).strip()


def _part_heading(
    name: str, cells: list[list[Token]], line: int, warnings: list[tuple[int, str]]
) -> _Candidate:
    """A table's part row (`_part_rows`) as the section it heads: named by its bold name,
    holding the links of its other cells (a part's learning path, its modules: `[PyTorch](…)
    / [TensorFlow](…)`), each titled by its cell's words, at the cell's first link, the
    cell's other links kept in its description (as a row's links named by their column
    are). Its own link is the part's page: no resource. Warned, naming its line."""
    warnings.append(
        (
            line,
            f"a table row of a part's number and its name in bold ({name!r}): read as the "
            "heading of the rows below it, a section (its own link the part's page, no "
            "resource)",
        )
    )
    own: list[_Candidate] = []
    for cell in cells[2:]:
        links = _cell_links(cell)
        words = _plain(cell).strip()
        if links and words:
            others = _markdown_links(
                (words, href)
                for words, href in _cell_link_pairs(cell, _real_link_spans(cell)[1:])
                if not _LIVE_FIGURE.fullmatch(words)
            )
            own.append(
                _Candidate(
                    title=words,
                    line=line,
                    url=_checked_url(links[0], line, warnings),
                    description=_markdown_field(others) if others else "",
                )
            )
    return _Candidate(title=name, line=line, group=True, children=tuple(own))


# A duration as a time column writes it: a figure and its unit (`3 weeks`, `10h`, `2-3 hours`,
# `90 min`, `2 小时`), or a clock's (`01:20:59`).
_DURATION = re.compile(
    r"\d\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|months?|"
    r"y|yrs?|years?|semesters?|terms?|sessions?|lessons?|lectures?|classes|units?)\b|"
    r"\d:\d\d|\d\s*(?:\u5206\u949f|\u5c0f\u65f6|\u5929|\u5468|\u4e2a\u6708|\u6642\u9593|\u9031)|\bweeks?\b",
    re.IGNORECASE,
)


def _measures_another_thing(name: str, body: list[list[list[Token]]], position: int) -> bool:
    """Whether a column a compound header maps to the time a resource takes measures another
    thing (`| Context Length |` over `2048`, `84k (ALiBi)`: a model's context, in tokens):
    its header names the time only with another word before it, and none of its cells is a
    duration (`_DURATION`). A header that is a time word alone ("Duration", "Length") keeps
    its cells, whatever they say."""
    name = " ".join(name.split())
    if COLUMN_FIELDS.get(name) or COLUMN_FIELDS.get(name[:-1] if name.endswith("s") else ""):
        return False
    cells = [_plain(cells[position]).strip() for cells in body if position < len(cells)]
    return not any(_DURATION.search(text) for text in cells if text)


def _is_figure_cell(cell: Sequence[Token]) -> bool:
    """Whether a table cell shows one image and nothing else (no words, no link around it)."""
    images = [token for token in cell if token.type == "image"]
    return len(images) == 1 and all(
        token.type == "image" or (token.type == "text" and not token.content.strip())
        for token in cell
    )


def _with_stacked(
    candidate: _Candidate, cells: list[list[Token]], line: int, warnings: list[tuple[int, str]]
) -> _Candidate:
    """A row's resource with the other links of its cell that holds several one under
    another (`_stacked_links`), and so its reading by the next column (`regrouped`)."""
    if not any(token.type == "html_inline" for cell in cells for token in cell):
        return candidate  # (no `<br>` in the row: nothing stacked; the usual row)
    stacked = _stacked_links(candidate, cells, line, warnings)
    regrouped = candidate.regrouped
    if regrouped is not None:
        regrouped = replace(regrouped, stacked=tuple(_stacked_links(regrouped, cells, line, [])))
    if not stacked and regrouped is candidate.regrouped:
        return candidate
    return replace(candidate, stacked=tuple(stacked), regrouped=regrouped)


def _stacked_links(
    candidate: _Candidate, cells: list[list[Token]], line: int, warnings: list[tuple[int, str]]
) -> list[_Candidate]:
    """The other resources of a row whose link cell holds several links one under another
    (joined by `<br>`: `| Twitter | [Timelines at scale](…)<br/>[Big and small data](…) |`):
    each link a resource of its own, titled by its words where the row's resource is titled
    by its link's (else by the row's title: links named by their site, `[quora.com](…)`
    beside the question they answer), with a warning naming the line. None for any other
    row."""
    if not candidate.url:
        return []
    for cell in cells:
        links = _stacked(cell)
        if len(links) < 2 or links[0][1] != candidate.url:
            continue
        own = _words_of(candidate.title) == _words_of(links[0][0])
        others = [
            replace(
                candidate,
                title=title if own else candidate.title,
                url=_checked_url(href, line, warnings),
                id="",
                lead_empty=False,
                regrouped=None,
                regrouped_skip="",
                stacked=(),
            )
            for title, href in links[1:]
        ]
        warnings.append(
            (
                line,
                f"row {candidate.title!r}: its cell holds {len(links)} links one under another: "
                "read as one resource each",
            )
        )
        return others
    return []


# What may stand between links set one under another in a table cell: line breaks.
_CELL_BREAK = re.compile(r"\s*(?:<br\s*/?>\s*)+", re.IGNORECASE)


def _stacked(cell: Sequence[Token]) -> list[tuple[str, str]]:
    """(words, URL) of each link of a cell made only of real links set one under another
    (`[A](…)<br/>[B](…)`); [] when the cell holds anything else (words around its links)."""
    if not any(token.type == "html_inline" for token in cell):
        return []  # (no `<br>`: not stacked; cheap for the usual one-link cell)
    spans = _real_link_spans(cell)
    if len(spans) < 2:
        return []
    found: list[tuple[str, str]] = []
    position = 0
    for start, end in spans:
        between = "".join(
            token.content if token.type in ("text", "html_inline") else "\n"
            for token in cell[position:start]
            if token.type in ("text", "html_inline", "softbreak")
        )
        if (
            any(
                token.type not in ("text", "html_inline", "softbreak")
                for token in cell[position:start]
            )
            or (found and not _CELL_BREAK.fullmatch(between))
            or (not found and between.strip())
        ):
            return []
        found.append(
            (_plain(cell[start + 1 : end]).strip(), str(cell[start].attrGet("href") or ""))
        )
        position = end + 1
    if any(token.type != "text" or token.content.strip() for token in cell[position:]):
        return []
    return found


def _row_columns(
    columns: dict[int, str], header: list[str], cells: list[list[Token]], numbering: set[int]
) -> dict[int, str]:
    """``columns`` for one row, or, where the headers do not say which column holds the
    resource (no title or link column: the first column of no known kind is the title), the
    column holding its link: when the title cell has text and no link, and a later column of
    no known kind, or one without a header, holds a named link (`| Language | Material |` over
    `| Python | [Automate the Boring Stuff](…) |`, `| Language | |` likewise): the link text
    the title, the first cell a tag. Decided row by row, as a history reads a table (one row
    a piece)."""
    title = next((position for position, name in columns.items() if name == "title"), None)
    if (
        title is None
        or title >= len(cells)
        or "url" in columns.values()
        or "thing" in columns.values()  # (`_thing_column`: the row's own link is there)
        or _column_field(header[title]) == "title"  # the header says so
        or not _plain(cells[title])
        or _links(cells[title])
    ):
        return columns
    linked = next(
        (
            position
            for position, name in columns.items()
            if not name
            and title < position < len(cells)
            # A column without a header counts as numbering; a named link says it is not.
            and (position not in numbering or not header[position])
            and _links(cells[position])
        ),
        None,
    )
    if (
        linked is None
        or not _named_link(cells[linked])
        # A link named by its column (`[PyTorch](…)` under `PyTorch`) says which it is.
        or _plain(cells[linked]).strip().casefold() == header[linked]
    ):
        # The row's first link after its title says what part of it it is (`| Perceptron |
        # [Text](…) | [PyTorch](…) |`: its text, then its notebooks): the title names it.
        return columns
    return {**columns, linked: "title", title: "" if "tags" in columns.values() else "tags"}


def _named_link(cell: Sequence[Token]) -> bool:
    """Whether a cell holds a link whose text names something: words, not only an icon, a
    web address (`djangoproject.com`, `owner/repo`), nor a label of where it leads (`here`,
    `Docs`, `Slides`, a platform: `Hugging Face`, `YouTube`), nor several such labels, one a
    link (`[Text](…)<br/>[Text](…)`: a lesson's two texts)."""
    text = _without_leading_emoji(_plain(cell))
    labels = [
        _without_leading_emoji(_plain(cell[start + 1 : end])).strip()
        for start, end in _link_spans(cell)
    ]
    if (
        len(labels) > 1
        and "".join(labels).replace(" ", "") == text.replace(" ", "")
        and all(_WHERE_LABEL.fullmatch(label) for label in labels)
    ):
        return False
    return (
        bool(_links(cell))
        and bool(text)
        and not re.fullmatch(r"\S+[./]\S+", text)
        and not _LINK_LABEL.fullmatch(text)
        and not _WHERE_LABEL.fullmatch(text.strip())
        and not _is_material(text)
    )


# Link texts that say where a link leads, not what it is.
_LINK_LABEL = re.compile(
    r"(?:click\s+)?here|links?|docs?|documentation|web\s?site|site|home\s?page|page|read|"
    r"read\s+more|learn\s+more|more|details|info|source|source\s+code|src|code|repo|repository|"
    r"github|download|view|watch|visit|open|go|url|pdf|paper|article|blog|demo|try\s+it|"
    r"start|official|\W*",
    re.IGNORECASE,
)
# Link texts that only say what a link leads to, after an entry's name: `[Link]`, `[Video]`,
# `[Slides]`, `[Homepage]`, `[Code]`, a platform (`[Bilibili]`, `[Youtube]`, a model hub's
# `[Hugging Face]`, a code host's `[GitLab]`), `[主页]`.
_WHERE_LABEL = re.compile(
    r"(?:" + _LINK_LABEL.pattern + r"|youtube|bilibili|b\u7ad9|videos?|slides?|homepage|gitlab|"
    r"bitbucket|kaggle|colab|hugging\s?face(?:\s+(?:space|hub|model)s?)?|"
    # What part of a lesson a link is, in a course's table (`| Perceptron | [Text](…) |
    # [Notebook](…) |`): its text to read, its notebook to run.
    r"text|notebooks?|"
    r"\u4e3b\u9875|\u89c6\u9891|\u94fe\u63a5|\u5b98\u7f51)",
    re.IGNORECASE,
)


# What splits a header naming several columns' worth of links (`Keras/TensorFlow`, `PyTorch,
# TensorFlow`, `Code & Data`): each part is a name its links may bear.
_HEADER_PARTS = re.compile(r"\s*(?:[/,&|+]|\band\b|\bor\b)\s*", re.IGNORECASE)


def _named_by_column(words: str, header: str) -> bool:
    """Whether a link's words are its column's header, or one of the things the header
    names (`[PyTorch](…)` under `PyTorch`, `[Keras](…)` under `Keras/TensorFlow`, `[Lab](…)`
    under `Labs`): like a label of where it leads (`_WHERE_LABEL`), they say which of the
    row's links it is, not what else it is (a star count, a licence)."""
    name = _without_leading_emoji(words).strip().casefold()
    header = _without_leading_emoji(header).strip().casefold()
    if not name or not header:
        return False
    parts = {header, *(part for part in _HEADER_PARTS.split(header) if part)}
    return any(name in (part, part.removesuffix("s")) or f"{name}s" == part for part in parts)


def _named_by_line(
    labelled: list[tuple[str, str]], title_lines: list[str]
) -> list[tuple[str, str]]:
    """A cell's links (words, href), each named by its line of the title cell where the cell
    holds one link for each of its lines, all only saying what kind of link they are
    (`[Text](…)<br/>[Text](…)` beside `Convolutional Neural Networks<br/>CNN Architectures`:
    each part's text); otherwise as they are."""
    if (
        len(title_lines) < 2
        or len(labelled) != len(title_lines)
        or not all(title_lines)
        or not all(_WHERE_LABEL.fullmatch(words) for words, _ in labelled)
    ):
        return labelled
    return [(name, href) for name, (_, href) in zip(title_lines, labelled, strict=True)]


def _links_into_the_document(cells: Iterable[Sequence[Token]]) -> bool:
    """Whether the cells hold links and every one is an `#anchor` into this document."""
    hrefs = [
        str(cell[start].attrGet("href") or "") for cell in cells for start, _ in _link_spans(cell)
    ]
    return bool(hrefs) and all(href.startswith("#") for href in hrefs)


def _linked_row(
    columns: dict[int, str],
    relinked: dict[int, str],
    cells: list[list[Token]],
    line: int,
    linked: int,
    header: Sequence[str] = (),
) -> _Candidate:
    """A row read by ``columns`` (titled by its first column), carrying its reading by
    ``relinked``, where the notes column ``linked`` is the resource column: `_relinked`
    chooses one for the whole table."""
    text = _plain(cells[linked]).strip() if linked < len(cells) else ""
    unlinked_warnings: list[tuple[int, str]] = []
    candidate = _table_row(columns, cells, line, unlinked_warnings, header=header)
    linked_warnings: list[tuple[int, str]] = []
    alternative = _table_row(relinked, cells, line, linked_warnings, header=header)
    return replace(
        candidate or _Candidate(title="", line=line),
        relinkable=True,
        linked=alternative,
        linked_warnings=tuple(message for _, message in linked_warnings),
        unlinked_warnings=tuple(message for _, message in unlinked_warnings),
        linked_led=linked < len(cells) and _leading_link(cells[linked]) is not None,
        linked_counts=bool(text) and not PLACEHOLDER_TEXT.match(text),
        linked_only=candidate is None,
    )


def _is_link_column(rows: list[list[list[Token]]], position: int) -> bool:
    """A column whose every cell that says anything starts with its link (``| [京大BERT](…) |``
    under an empty header): it names the rows, their resources, whatever its header."""
    cells = [cells[position] for cells in rows if position < len(cells) and _plain(cells[position])]
    return bool(cells) and all(_leading_link(cell) is not None for cell in cells)


def _is_numbering_column(name: str, rows: list[list[list[Token]]], position: int) -> bool:
    """A column that numbers the rows: its header says so ("Lesson Number", "Lesson No.")
    or every cell of it is a number (``01``, ``2.``): never a row's title."""
    words = name.replace(".", " ").split()
    if words and words[-1] in ("number", "no", "nr", "num", "#"):
        return True
    texts = [_plain(cells[position]).strip() for cells in rows if position < len(cells)]
    return bool(texts) and all(re.fullmatch(r"\d{1,3}[.)]?", text) for text in texts)


# A cell that only dates its row: a year, a year and month, a day (`2017`, `2023-02`,
# `2023.02.16`, `2017/06`).
_DATE_CELL = re.compile(
    r"(?:19|20)\d\d(?:[-./](?:0?[1-9]|1[0-2])(?:[-./](?:0?[1-9]|[12]\d|3[01]))?)?"
)


def _is_date_column(rows: list[list[list[Token]]], position: int) -> bool:
    """A column that dates the rows (`| Year |` or `| Date |` over `2017`, `2017-06`): when a
    paper was published, never the row's title nor a topic; a table that writes its dates
    more precisely (`2017` → `2017-06`) changes no resource."""
    texts = [_plain(cells[position]).strip() for cells in rows if position < len(cells)]
    texts = [text for text in texts if text]
    return bool(texts) and all(_DATE_CELL.fullmatch(text) for text in texts)


# Table headers of a Language column (`_column_field`: tags).
_LANGUAGE_HEADERS = frozenset({"language", "languages"})
# Words after a language in a header that say which languages the rows take, not what kind of
# thing they are ("Language Support", "Languages Supported", "Languages Used").
_LANGUAGE_QUALIFIERS = frozenset({"support", "supported", "used", "available", "spoken"})


def _column_field(name: str) -> str:
    """The resource field a table column holds, from its header ("Courses" as "course")."""
    name = " ".join(name.split())
    field_name = COLUMN_FIELDS.get(name) or (
        COLUMN_FIELDS.get(name[:-1], "") if name.endswith("s") else ""
    )
    if not field_name and " " in name:
        # "Lesson Link", "Course Name", "Paper Title": the first word that names a field; a
        # language only as the last word ("Programming Language"), or before words saying
        # which languages a thing takes ("Language Support", "Languages Supported"): before
        # another it says what kind of thing the column names ("Language Model": the rows'
        # names), no tag.
        words = name.split()
        return next(
            (
                found
                for position, word in enumerate(words)
                if (found := _column_field(word))
                and (
                    word not in _LANGUAGE_HEADERS
                    or set(words[position + 1 :]) <= _LANGUAGE_QUALIFIERS
                )
            ),
            "",
        )
    return field_name


def _names_own_link(text: str, title: str) -> bool:
    """Whether a table row's link-column link names the row (`[A deeper dive into IoT](…)`),
    not where it leads (`[lesson](…)`, `[Link](…)`, a URL: one word in lower case is such a
    label) nor the title column's words."""
    return (
        bool(text)
        and not (len(text.split()) == 1 and text.islower())
        and _words_of(text) != _words_of(title)
        and not _WHERE_LABEL.fullmatch(text)
        and not _LINK_LABEL.fullmatch(text)
        and not _is_material(text)
        and not re.fullmatch(r"\S+[./]\S+", text)
    )


def _words_of(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]+", " ", text.casefold()).split())


def _cell_link_pairs(
    cell: Sequence[Token], spans: Iterable[tuple[int, int]]
) -> list[tuple[str, str]]:
    """(words, address) of a table cell's links at ``spans`` (`_real_link_spans`)."""
    return [
        (_plain(cell[start + 1 : end]).strip(), str(cell[start].attrGet("href") or ""))
        for start, end in spans
    ]


def _markdown_links(links: Iterable[tuple[str, str]]) -> str:
    """Links (words, address) as a row's description keeps them: `[API](…), [Paper](…)`."""
    return ", ".join(f"[{words}]({href})" for words, href in links)


def _describe_further(fields: dict[str, Any], more: str) -> None:
    """Add ``more`` (a row's other links, what it uses) to a row's description, a paragraph
    after what it says."""
    description = str(fields.get("description", "")).strip()
    fields["description"] = _markdown_field(f"{description}\n\n{more}" if description else more)


def _without_live_figures(
    links: list[tuple[str, str]], line: int, warnings: list[tuple[int, str]], where: str
) -> list[tuple[str, str]]:
    """A row's (words, URL) links to keep in its description: all but those whose words are
    only a figure that changes as the project goes (`_LIVE_FIGURE`: a star count `[1.2k](…)`,
    a version, a date), which would make an update at every release; one warning names them
    (``where`` places their words: `"link cell's {}"`)."""
    live = [words for words, _ in links if _LIVE_FIGURE.fullmatch(words)]
    if live:
        shown = where.format(", ".join(map(repr, live)))
        warnings.append(
            (
                line,
                f"{shown}: only a figure that changes as the project goes (a star count, a "
                "version, a date), not kept in the row's description",
            )
        )
    return [pair for pair in links if not _LIVE_FIGURE.fullmatch(pair[0])]


def _table_row(
    columns: dict[int, str],
    cells: list[list[Token]],
    line: int,
    warnings: list[tuple[int, str]],
    second: int | None = None,
    header: Sequence[str] = (),
) -> _Candidate | None:
    """One table row's resource; with ``second``, also its reading titled by that column
    (``regrouped``), which `_regrouped` takes for the whole table when the title column is
    empty on a row where ``second`` is not. ``header``: the table's headers, lowercased (a
    link named by its column's header is the row's material, `_named_by_column`)."""
    regrouped = lead_empty = None
    if second is not None:
        title_column = next(position for position, name in columns.items() if name == "title")
        alternative = {**columns, title_column: "", second: "title"}
        regrouped = _table_row(alternative, cells, line, [], header=header)
        lead_empty = (
            regrouped is not None and title_column < len(cells) and not _plain(cells[title_column])
        )
        if lead_empty:
            return _Candidate(title="", line=line, regrouped=regrouped, lead_empty=True)
    fields: dict[str, Any] = {}
    first_link = fallback_link = thing_link = ""
    empty_link = title_linked = own_link = False
    own_page = False  # the first link says it is the row's own page (`[Site](…)`)
    thing_said = ""  # the cell of the column headed by what the row is, as written
    own_text = ""  # the words of the link column's link (`[Introduction to IoT](…/1-intro/)`)
    type_tags: tuple[str, ...] = ()  # a type column's words that name no kind (`_cell_tags`)
    title_rest: list[Token] = []  # what the title cell says after its leading link
    more_links = ""  # the link column's links after the row's own (`[API](…)`)
    unnamed: list[tuple[str, str]] = []  # where-labelled links in columns of no field
    # The title cell's lines, where it has several (`Convolutional Neural Networks<br/>CNN
    # Architectures`): a lesson of parts, each line one's name (`_named_by_line`).
    title_lines = next(
        (
            [" ".join(_plain(part).split()) for part in _inline_lines(cells[at], html_breaks=True)]
            for at, name in columns.items()
            if name == "title" and at < len(cells) and not _links(cells[at])
        ),
        [],
    )
    for position, cell in enumerate(cells):
        name = columns.get(position, "")
        if name == "generic":
            continue
        links = _links(cell)
        if not name and links:
            labelled = _cell_link_pairs(cell, _real_link_spans(cell))
            column = header[position] if position < len(header) else ""
            if any(
                _WHERE_LABEL.fullmatch(words) or _named_by_column(words, column)
                for words, _ in labelled
            ):
                # A cell of the row's material (`[TensorFlow](…)<br/>[Adversarial Cat](…)`
                # under `Keras/TensorFlow`): its other links are more of it (a notebook's
                # variants), kept with it; but a figure that changes with each release (a
                # star count `[1.2k](…)`: `_LIVE_FIGURE`), as in the link column.
                material = _without_live_figures(
                    labelled, line, warnings, "{} beside the row's material"
                )
                unnamed.extend(_named_by_line(material, title_lines))
        if links and not first_link and name != "author":
            first_link = links[0]
            spans = _real_link_spans(cell)
            own_page = bool(spans) and bool(
                _OWN_PAGE_LABEL.fullmatch(_plain(cell[spans[0][0] + 1 : spans[0][1]]).strip())
            )
        if not fallback_link and name != "author":
            fallback_link = next(iter(_cell_links(cell)), "")
        if name == "title":
            fields["title"] = _without_leading_emoji(_plain(cell))
            card = _name_over_link_card(cell, line) if links else None
            if card is not None:
                # "**Husky**<br>https://…": a bold name over its link, as a card is written
                # (its title ran into the URL, a cell's <br> being no space).
                fields.update(title=card.title, url=card.url)
                if card.description:
                    fields.setdefault("description", card.description)
            elif links:
                fields.setdefault("url", links[0])
                title_linked = True
            else:
                _title_from_bold(fields, cell)
                _title_from_empty_link(fields, cell, line, warnings)
            _title_from_link(fields, cell, replace_title=True)
            if card is None and _joined_links(cell):
                more_links = _markdown_links(_cell_link_pairs(cell, _real_link_spans(cell)[1:]))
            elif card is None and (lead := _leading_link(cell)) is not None:
                title_rest = list(cell[lead[1] + 1 :])
        elif name == "url":
            if links:
                fields["url"] = links[0]
                own_link = True
                spans = _real_link_spans(cell)
                own_text = _plain(cell[spans[0][0] + 1 : spans[0][1]]).strip() if spans else ""
                if len(spans) > 1 and not _stacked(cell):
                    # `1. [URL](…)<br>2. [API](…)`, `[Leaderboard](…) [Paper](…)`: the row's
                    # other links of its link cell are facets of it (its API, its paper), kept
                    # in its description as the reader sees them; stacked links (`_stacked`,
                    # links only, one a line) are resources of their own instead.
                    # A link that says only a figure that changes with each release (a star
                    # count `[1.2k](…/stargazers)`, a version `[v2.3.1](…)`, a date: `_LIVE_
                    # FIGURE`) is no facet: kept, it would make every release an update.
                    more_links = _markdown_links(
                        _without_live_figures(
                            _cell_link_pairs(cell, spans[1:]), line, warnings, "link cell's {}"
                        )
                    )
            elif _has_empty_link(cell):
                empty_link = True  # whatever link the title cell has (a group's page)
            if _plain(cell) and not _has_empty_link(cell):
                fields.setdefault("title", _plain(cell))
                _title_from_link(fields, cell, replace_title=fields["title"] == _plain(cell))
        elif name == "thing":
            # (`_thing_column`: the link to what the row names, its address; the cell's other
            # links, its other checkpoints, kept in its description)
            thing_link = next(iter(links), "")
            thing_said = _inline_markdown(cell).strip()
            lead = _leading_link(cell) if len(links) > 1 else None
            rest = _strip_separator(_inline_markdown(cell[lead[1] + 1 :])) if lead else ""
            if rest:
                fields.setdefault("description", _markdown_field(rest))
        elif name == "author" and _plain(cell):
            spans = _real_link_spans(cell)
            href = str(cell[spans[0][0]].attrGet("href")) if spans else ""
            fields["author"] = Author(name=_plain(cell), url=_checked_url(href, line, warnings))
        elif name == "kind":
            word = _plain(cell).lower()
            kind = KIND_WORDS.get(word, "")
            if kind:
                fields["kind"] = kind
            elif type_tags := _cell_tags(cell):
                # `| Data store | **Bigtable** - … |`: a type of the list's own, no kind of
                # resource this format knows: what it says of the row, as a topic says.
                shown = ", ".join(map(repr, type_tags))
                warnings.append(
                    (
                        line,
                        f"type {shown} is not a known kind: kept as a tag"
                        if len(type_tags) == 1
                        else f"types {shown} are not known kinds: kept as tags",
                    )
                )
        elif name == "tags":
            fields["tags"] = _cell_tags(cell)
        elif name == "description":
            fields["description"] = _markdown_field(_inline_markdown(cell))
        elif name == "cost":
            fields["cost"] = _cost(_plain(cell))
        elif name == "time":
            fields["time"] = _plain(cell)
        elif name == "level":
            level = _plain(cell).lower()
            fields["level"] = level if level in LEVELS else ""
    # Links named by what they are (`[Video](…)`, `[Notebook](…)`) in columns of no field: the
    # row's material a reader finds beside it, kept with its link cell's others; links named
    # otherwise there (a star count, a licence, a prerequisite) are not the row's own material.
    own = fields.get("url") or first_link
    if kept := _markdown_links((words, href) for words, href in unnamed if href != own):
        more_links = f"{more_links}, {kept}" if more_links else kept
    if more_links:
        _describe_further(fields, more_links)
    if title_rest and fields.get("title"):
        _keep_title_cell_rest(fields, title_rest, columns, line, warnings)
    continuation = bool(cells) and not _plain(cells[0]) and not fields.get("tags")
    if type_tags:
        topics = fields.get("tags", ())
        fields["typed"] = tuple(tag for tag in type_tags if tag not in topics)
        fields["tags"] = (*topics, *fields["typed"])
    if title_linked and own_link and _names_own_link(own_text, str(fields.get("title", ""))):
        # `| [Getting started](…/1-getting-started/) | … | [A deeper dive into IoT](…/2-deeper-
        # dive/) |`: the title column links the lesson's group, the link column the lesson
        # by its name: the row is what its own link names.
        group = fields["title"]
        fields["title"] = own_text
        warnings.append(
            (
                line,
                f"row {own_text!r}: its title column links {group!r}, a group of rows (the "
                "row's own link, in its link column, names it): titled by that link",
            )
        )
    elif (
        title_linked
        and own_link
        and second is not None
        and second < len(cells)
        and _is_title_phrase(_without_leading_emoji(_plain(cells[second]).strip()))
        and not _links(cells[second])
    ):
        # `| [Introduction](Introduction/) | Introduction to ML | … | [lesson](…/1-intro/) |`:
        # the title column links the lesson's group (its own link is in the link column), and
        # the next column names the lesson (in title case: a name, not an objective), as the
        # title column does on rows without such a link.
        group = fields["title"]
        fields["title"] = _without_leading_emoji(_plain(cells[second]).strip())
        warnings.append(
            (
                line,
                f"row {fields['title']!r}: its title column links {group!r}, a group of rows "
                "(the row's own link is in its link column): titled by the next column",
            )
        )
    if not fields.get("title"):
        return None
    skipped = f"row {fields['title']!r} is a placeholder (no link): skipped"
    if empty_link:
        # `[lesson]()` in the link column: the lesson's link is not there yet (a link in
        # another column, the lesson's group page, is not its own).
        warnings.append((line, f"row {fields['title']!r} is a placeholder (empty link): skipped"))
        return None
    if thing_link and own_page and first_link != thing_link:
        # `| KiteChat | [Site](…) | [GPT-4](…) |` under `| App | Site | Model |`: the row's
        # first link says it is its own page, so the Model column says what it uses, not
        # what it is: the row at its page, that cell kept in its description.
        thing_header = next(position for position, name in columns.items() if name == "thing")
        _describe_further(fields, thing_said)
        warnings.append(
            (
                line,
                f"row {fields['title']!r}: at its own page (its first link), not at its link in "
                f"column {thing_header + 1} (what it uses, kept in its description)",
            )
        )
        thing_link = ""
    url = fields.pop("url", "") or thing_link or first_link or fallback_link
    if thing_link and url == thing_link and first_link != thing_link:
        thing_header = next(position for position, name in columns.items() if name == "thing")
        warnings.append(
            (
                line,
                f"row {fields['title']!r}: at its link in column {thing_header + 1} (headed by "
                "what the row is: its checkpoints, weights, data set), not at its first link",
            )
        )
    if not url and _placeholder_row(columns, cells):
        warnings.append((line, skipped))
        return None
    if not url and _no_name(str(fields["title"])):
        # `| **864+** | **31** | **700+** |` (a list's counts), `| :baby: | beginner |` (the
        # legend of its marks): a row with no link titled by no name is no resource.
        warnings.append(
            (
                line,
                f"row {fields['title']!r} has no link and its title no name (a figure or "
                "marks only): skipped",
            )
        )
        return None
    if not url and any(_anchor_only(cell) for cell in cells):
        # `| | Add an architecture | [Contribute](#contributing) |`: a row whose only link
        # leads into this document (its contributing section), no resource of the table;
        # skipped without a word, as a grid of such links is (`_links_into_the_document`),
        # which is what this row is when read alone under its header, in pieces.
        return None
    placeholder_next = (
        not url
        and second is not None
        and second < len(cells)
        and PLACEHOLDER_TEXT.match(_plain(cells[second])) is not None
    )
    return _Candidate(
        line=line,
        url=_checked_url(url, line, warnings) if url else "",
        continuation=continuation and "tags" in columns.values(),
        regrouped=regrouped,
        regrouped_skip=skipped if placeholder_next else "",
        **fields,
    )


def _keep_title_cell_rest(
    fields: dict[str, Any],
    rest: list[Token],
    columns: dict[int, str],
    line: int,
    warnings: list[tuple[int, str]],
) -> None:
    """What a title cell says after its leading link, in a row that has a description column
    (`| [E-Maxx](…), [(English)](…) | A tutorial site … |`, `| [CodeLibrary](…), by Andrey
    Naumenko | … |`): a credit alone (``by Name``, ``by [Name](…)``) is the author (unless an
    author column says who), anything else is kept after the description, with a warning. It
    was lost: the description column's text replaced it (`_title_from_link`). Without a
    description column the rest is the description already, a credit alone the author."""
    described = "description" in columns.values()
    # Status badges and a star count beside the name (`[Baz](…) [![npm](…/npm/v/baz.svg)](…)`,
    # `⭐ 12k`): figures its services redraw, nothing said of it, as after a bullet's link.
    rest = list(_without_trailing_badges(rest))
    if not rest or _STAR_COUNT.fullmatch(_plain(rest)):
        return
    credit = _cell_credit(rest, line, warnings)
    if credit is not None and "author" not in columns.values():
        fields["author"] = credit
        if not described:
            fields.pop("description", None)  # (the credit, set by `_title_from_link`)
        return
    if not described:
        return
    words = _inline_markdown(rest).strip().lstrip(",;").strip()
    if not any(True for _ in _link_spans(rest)) and not re.search(r"[^\W_]", _plain(rest)):
        # `**[Baklava UI](…)**` (the bold's closing marks), `[opencode](…)&#8202;★` (a mark
        # beside the name): no words, no link, nothing said of the resource.
        return
    kept = str(fields.get("description", "")).rstrip("\n")
    fields["description"] = _markdown_field(f"{kept}\n\n{words}" if kept else words)
    warnings.append(
        (
            line,
            f"row {fields['title']!r}: {words!r} after its link in the title column kept in its "
            "description",
        )
    )


def _cell_credit(
    rest: Sequence[Token], line: int, warnings: list[tuple[int, str]]
) -> Author | None:
    """The author a title cell credits after its link and nothing else (``, by Jane Roe``,
    ``by [Jane Roe](…)``), or None."""
    tokens = [token for token in rest if not (token.type == "text" and not token.content.strip())]
    if not tokens or tokens[0].type != "text":
        return None
    lead = tokens[0].content.lstrip(" ,;")
    if not lead.lower().startswith("by "):
        return None
    if all(token.type in ("text", "softbreak") for token in tokens):
        name = _single_line(lead[3:] + "".join(token.content for token in tokens[1:])).strip()
        return Author(name=name) if name else None
    spans = list(_link_spans(tokens))
    if lead[3:].strip() or len(spans) != 1 or spans[0] != (1, len(tokens) - 1):
        return None
    name = _plain(tokens[2:-1]).strip()
    href = _checked_url(str(tokens[1].attrGet("href") or ""), line, warnings)
    return Author(name=name, url=href) if name else None


# An entry's number written before it in a cell: "1) ", "12. ", "#3 ".
_CELL_NUMBER = re.compile(r"\s*#?\d{1,4}[).:]?\s+|\s*#?\d{1,4}[).:]\s*")


def _title_from_bold(fields: dict[str, Any], cell: Sequence[Token]) -> None:
    """A title cell without a link that names its entry in bold, maybe numbered, and says
    more after it (``1) **Tracr: Compiled Transformers** - a compiler for …``, the links in
    another column): the bold text is the title, the rest a description (unless the row has
    a description column). Without bold, a title set off by a gap (`_title_before_gap`)."""
    cell = list(cell)
    if cell and cell[0].type == "text" and (number := _CELL_NUMBER.match(cell[0].content)):
        rest = cell[0].content[number.end() :]
        cell = cell[1:] if not rest else [_text_token(rest), *cell[1:]]
    strong = _first_strong(cell)
    if not strong:
        _title_before_gap(fields, cell)
        return
    title = _plain(strong).strip().rstrip(".:").strip()
    close = next(index for index, token in enumerate(cell) if token.type == "strong_close")
    rest = _strip_separator(_inline_markdown(cell[close + 1 :]))
    if title and rest:
        fields["title"] = title
        fields.setdefault("description", _markdown_field(rest))


# Where a title written as plain text ends in a cell: a run of spaces (a line break of the
# text it was pasted from, which a table cell cannot hold).
_CELL_GAP = re.compile(r"\S(\s{2,})\S")
# The most words a title set off by a gap may have (a paper's title, not a sentence of it).
_GAP_TITLE_WORDS = 15


def _title_before_gap(fields: dict[str, Any], cell: Sequence[Token]) -> None:
    """A title cell (number taken off) whose plain text names its entry, then a gap of two
    spaces or more, then says more (``PaperBench  OpenAI introduces a new benchmark, …``,
    the links in another column): the words before the gap are the title when they are a
    title's few words and what follows says more than they do; the rest is a description
    (unless the row has a description column). Anything else keeps the cell whole."""
    if not cell or cell[0].type != "text":
        return
    text = cell[0].content
    gap = _CELL_GAP.search(text)
    if gap is None:
        return
    title = text[: gap.start(1)].strip()
    words = title.split()
    rest_tokens = [_text_token(text[gap.end(1) :]), *cell[1:]]
    rest = _inline_markdown(rest_tokens).strip()
    if (
        not 0 < len(words) <= _GAP_TITLE_WORDS
        or title.endswith((".", ",", ";", ":"))
        or len(_plain(rest_tokens).split()) <= len(words)
    ):
        return
    fields["title"] = title
    fields.setdefault("description", _markdown_field(rest))


_LEADING_BREAKS = re.compile(r"^(?:\s*<br\s*/?>)+\s*", re.IGNORECASE)


def _title_from_link(fields: dict[str, Any], cell: Sequence[Token], *, replace_title: bool) -> None:
    """A resource cell that starts with its link and says more after it (``[NumPy guide](…) -
    the official guide``): the link text is the title, the rest a description (unless the
    row has a description column)."""
    lead = _leading_link(cell)
    if lead is None or not replace_title:
        return
    start, end, _ = lead
    if _joined_links(cell):
        # `[Convolutional Neural Networks](…) & [CNN Architectures](…)`: the row's parts,
        # each linked, named together; the links after the first are kept as the cell's
        # other links are (the link column's `more_links`, the title column's likewise).
        fields["title"] = " ".join(_plain(cell).split())
        return
    # (`[omni](…)<br>Noise-canceling …`: the line break under the name is no description's)
    rest = _strip_separator(_LEADING_BREAKS.sub("", _inline_markdown(cell[end + 1 :])))
    if not _plain(cell[end + 1 :]).strip():
        rest = ""  # `**[Baklava UI](…)**`: only the bold's closing marks after the link
    title = _plain(cell[start + 1 : end])
    if title and _bold_label_before(cell[:start]):
        fields["title"] = title  # `**Paper:** [Title](…)`: the label says what the link is
    if rest and title:
        fields["title"] = title
        if not PLACEHOLDER_TEXT.match(rest):  # `[Name](…)<br>N/A`: no description given
            fields.setdefault("description", _markdown_field(rest))


# What joins the names of a row's parts in one cell (`[Transfer Learning](…) and [Training
# Tricks](…)`, `[GANs](…) & [Style Transfer](…)`).
_CONJUNCTION = re.compile(r"&|\+|and", re.IGNORECASE)


def _joined_links(cell: Sequence[Token]) -> bool:
    """Whether a cell is only named links (not labels of where they lead, `_WHERE_LABEL`, nor
    figures, `_LIVE_FIGURE`), two or more, each joined to the one before by a conjunction
    (`&`, `and`)."""
    spans = _real_link_spans(cell)
    if len(spans) < 2 or len(spans) != len(list(_link_spans(cell))):
        return False
    if any(
        _WHERE_LABEL.fullmatch(words) or _LIVE_FIGURE.fullmatch(words)
        for words in (_plain(cell[start + 1 : end]).strip() for start, end in spans)
    ):
        return False
    if _plain(cell[: spans[0][0]]).strip() or _plain(cell[spans[-1][1] + 1 :]).strip():
        return False
    return all(
        _CONJUNCTION.fullmatch(_plain(cell[before[1] + 1 : after[0]]).strip()) is not None
        for before, after in itertools.pairwise(spans)
    )


# What a figure is written with besides its digits: `864+`, `~50%`, `1,200`, `A1 → C2` no.
_FIGURE_SIGNS = re.compile(r"[+%~\u2248<>]|\d[,.]\d")


# A link's words that are only a figure a project's page changes as it goes (a star count
# `1.2k`, `⭐ 950`, a version `v2.3.1`, a date `2024-05-01`): none names a facet of it.
_LIVE_FIGURE = re.compile(
    r"(?:[\u2b50\u2605\U0001f31f]\ufe0f?\s*)?(?:[vV]?\d+(?:[.,]\d+)*\s*[kK]?\+?|"
    + _DATE_CELL.pattern
    + r")"
)


def _no_name(title: str) -> bool:
    """Whether a title names nothing: emoji or their shortcodes only (`:baby:`, `👶`), or a
    figure (`700+`, `~50%`, `1,200`); a number alone may be a name (`1984`, `2048`)."""
    marks = _SHORTCODE.sub("", title)
    if re.search(r"[^\W\d_]", marks):
        return False  # (a letter: a word, or a name with figures in it)
    return not re.search(r"\d", marks) or _FIGURE_SIGNS.search(marks) is not None


def _placeholder_row(columns: dict[int, str], cells: list[list[Token]]) -> bool:
    """Whether a row without a link stands for a resource not there yet: placeholder text in
    its title or link cell, or in a cell of no known kind when the row says nothing else
    (``| Lesson 9 | Coming Soon | | |``). Placeholder text among other facts of a row is a fact
    (``| Python basics | N/A | 2 weeks |``: no prerequisites; ``Cost: None``: free)."""
    texts = [_plain(cell).strip() for cell in cells]
    for position, text in enumerate(texts):
        name = columns.get(position, "")
        if not text or not PLACEHOLDER_TEXT.match(text):
            continue
        if name in ("title", "url", "generic"):
            return True
        if not name and all(
            not other or PLACEHOLDER_TEXT.match(other)
            for at, other in enumerate(texts)
            if at != position and columns.get(at, "") != "title"
        ):
            return True
    return False


def _anchor_only(cell: Sequence[Token]) -> bool:
    """Whether a cell's links all lead into this document (``[Contribute](#contributing)``)."""
    hrefs = [str(token.attrGet("href") or "") for token in cell if token.type == "link_open"]
    return bool(hrefs) and all(href.startswith("#") and len(href) > 1 for href in hrefs)


def _title_from_empty_link(
    fields: dict[str, Any], cell: Sequence[Token], line: int, warnings: list[tuple[int, str]]
) -> None:
    """A title cell led by a link with no address yet (``[AlphaCode]() 论文精读``, the row of a
    reading whose paper is to be linked): its words are the title, as a linked title's are
    (`_title_from_link`), what follows them the description; the row has no link of its own
    from that cell, and a warning says so. Nothing for any other cell."""
    position = next(
        (
            index
            for index, token in enumerate(cell)
            if token.type != "text" or token.content.strip()
        ),
        None,
    )
    if position is None or cell[position].type != "link_open":
        return
    if str(cell[position].attrGet("href") or "").strip():
        return
    end = next(
        (index for index in range(position + 1, len(cell)) if cell[index].type == "link_close"),
        None,
    )
    title = _plain(cell[position + 1 : end]).strip() if end is not None else ""
    if end is None or not title:
        return
    fields["title"] = title
    rest = _strip_separator(_inline_markdown(cell[end + 1 :]))
    if _plain(cell[end + 1 :]).strip() and not PLACEHOLDER_TEXT.match(rest):
        fields.setdefault("description", _markdown_field(rest))
    warnings.append(
        (
            line,
            f"row {title!r}: its title's link has no address yet ('[{title}]()'): "
            "read by its words, without that link",
        )
    )


def _has_empty_link(cell: Sequence[Token]) -> bool:
    """Whether a cell holds a link with no target (``[lesson]()``): a link still to come."""
    return any(
        token.type == "link_open" and not str(token.attrGet("href") or "").strip() for token in cell
    )


def _cell_links(cell: Sequence[Token]) -> list[str]:
    """Every link of a table cell, image-only and `<a href>` ones included, status badges
    (shields.io and the like) left out: a row's link of last resort."""
    found: list[str] = []
    for start, end in _link_spans(cell):
        href = str(cell[start].attrGet("href") or "")
        images = [token for token in cell[start + 1 : end] if token.type == "image"]
        if (
            href
            and not href.startswith("#")
            and not any(_is_badge(image.attrGet("src")) for image in images)
        ):
            found.append(href)
    for token in cell:
        if token.type == "html_inline" and (match := _HTML_HREF.search(token.content)):
            found.append(match.group(1))
    # An <a href> wraps its image over several html_inline tokens: the image decides.
    html = "".join(token.content for token in cell if token.type == "html_inline")
    if _is_badge(next(iter(_HTML_SRC.findall(html)), "")):
        found = [href for href in found if href not in _HTML_HREF.findall(html)]
    return found


def _is_badge(src: object) -> bool:
    return bool(src) and bool(_BADGE_SOURCE.search(str(src)))


# A static badge of shields.io (`…/badge/<label>-<message>-<colour>`, or `<message>-<colour>`),
# its texts apart: a single dash parts them, a double one is a dash of the text.
_STATIC_BADGE = re.compile(r"^https?://img\.shields\.io/badge/([^?#]+)", re.IGNORECASE)
_BADGE_PART = re.compile(r"(?<!-)-(?!-)")


def _button_name(src: object) -> str:
    """The one text a static badge draws (`…/badge/AZD%20for%20Beginners-0078D4`, `…/badge/
    -Hindi-orange`: a name on a colour, a button), "" for any other image (a label and its
    value, `…/badge/PRs-welcome-brightgreen`: a status; a badge another service draws)."""
    match = _STATIC_BADGE.match(str(src or ""))
    if match is None:
        return ""
    path = re.sub(r"\.(?:svg|png)$", "", match.group(1), flags=re.IGNORECASE)
    texts = [text for text in _BADGE_PART.split(path)[:-1] if text]
    if len(texts) != 1:
        return ""
    name = texts[0].replace("--", "-").replace("__", "\0").replace("_", " ").replace("\0", "_")
    return unquote(name).strip()


def _linked_buttons(inline: Sequence[Token], line: int) -> tuple[_Candidate, ...]:
    """A paragraph of buttons, one a line, at least two: each line only a link around one
    image, a badge drawing one name (`_button_name`) that its alt text says too (`[![AZD for
    Beginners](https://img.shields.io/badge/AZD%20for%20Beginners-0078D4)](https://github.com/
    …)`): the things they name, at their links, one resource each. () for any other paragraph,
    a status badge on any line (`[![PRs Welcome](…/badge/PRs-welcome-brightgreen)](…)`, a
    label and its value; an npm version) or buttons naming this document's translations."""
    lines = _inline_lines(inline)
    if len(lines) < 2:
        return ()
    found = []
    for number, tokens in enumerate(lines):
        shown = [token for token in tokens if token.type != "text" or token.content.strip()]
        if len(shown) != 3 or (shown[0].type, shown[1].type, shown[2].type) != (
            "link_open",
            "image",
            "link_close",
        ):
            return ()
        href = str(shown[0].attrGet("href") or "")
        name = _plain(shown[1].children or []).strip()
        if (
            not href
            or href.startswith("#")
            or _TRANSLATION_HREF.search(href)
            or not name
            or _loose_words(name) != _loose_words(_button_name(shown[1].attrGet("src")))
        ):
            return ()
        found.append(_card_candidate(name, href, line + number, ""))
    return tuple(found)


def _without_leading_emoji(text: str) -> str:
    """``text`` without the emoji (and spaces) it starts with."""
    position = 0
    while position < len(text) and (
        text[position].isspace() or (ord(text[position]) >= 0x2000 and not text[position].isalnum())
    ):
        position += 1
    return text[position:] or text


def _cost(text: str) -> str:
    word = text.strip().lower()
    if word in COSTS:
        return word
    if word.startswith("free") and ("trial" in word or "paid" in word or "premium" in word):
        return "freemium"
    if word.startswith("free") or word in ("$0", "0", "no"):
        return "free"
    if word.startswith("$") or word in ("yes", "paid"):
        return "paid"
    return ""


# --- assembly: blocks → road map -----------------------------------------------------------


@dataclass(slots=True)
class _SectionDraft:
    title: str
    level: int
    anchor: str = ""
    intro: list[str] = field(default_factory=list)
    # (candidate, the first line of its unit)
    resources: list[tuple[_Candidate, int]] = field(default_factory=list)
    sections: list[_SectionDraft] = field(default_factory=list)


@dataclass(slots=True)
class _Span:
    """The units of one top-level section, (first_line, unit) each, and the heading after them."""

    units: tuple[tuple[int, _Unit], ...]
    next_heading: _Block | None = None


@dataclass(slots=True)
class _Outline:
    """A document's top level, as `_Outliner.outline` reads it: its title and intro, and its
    top-level sections (a span of units each, and one draft for resource headings outside
    any section)."""

    title: str = ""
    intro: list[str] = field(default_factory=list)
    top: list[_SectionDraft | _Span] = field(default_factory=list)
    orphans: _SectionDraft | None = None  # the draft of resource headings outside sections
    seen_heading: bool = False  # a heading other than the title has been read
    banner: _Banner | None = None  # see `_Outliner._banner`


def _assemble(
    label: str,
    warnings: list[Problem],
    units: list[tuple[int, _Unit]],
    reading: _DocumentReading,
    *,
    keep: frozenset[str],
    base_url: str,
    name: str = "",
) -> tuple[Roadmap, frozenset[str]]:
    """Put the units of one document together, in two steps: `_Outliner` decides what each
    heading is (title, section, resource, or a meta section left out), `_Freezer` makes the
    model of that outline (unique ids, resolved links, unchanged parts reused). ``units``:
    each with the 0-based line of its first character; ``reading``: what the outline reads
    of them, put together from their chapters' (`_chapter_reading`). With the ids of
    sections its anchors gave (`ImportResult.explicit_section_ids`)."""
    outliner = _Outliner(label, warnings, keep=keep, name=name)
    outline = outliner.outline(units, reading)
    freezer = _Freezer(outliner, base_url=base_url)
    return freezer.freeze(outline), frozenset(freezer.explicit_ids)


class _Outliner:
    """Reads the headings of one document: its title, its sections and what each spans,
    course headings that stand for one resource, meta sections to leave out."""

    def __init__(
        self,
        label: str,
        warnings: list[Problem],
        *,
        keep: frozenset[str],
        name: str = "",
    ) -> None:
        self.label = label
        self.warnings = warnings
        self.keep = keep
        self.name = name  # the directory's (repository's) name: the title of last resort
        # Heading levels where the document lists tools over their facts (`_fact_entry`).
        self.fact_levels: frozenset[int] = frozenset()
        # Heading levels where topics list their courses as link paragraphs (`_card_levels`).
        self.card_levels: frozenset[int] = frozenset()
        # The ids of the units that are tables of contents of plain names (`_is_contents`).
        self.named_contents: frozenset[int] = frozenset()
        # The level of each unit's heading, 0 for none or one without a title: what
        # `_section_end` scans (every top-level section, every version of a history).
        self.levels: list[int] = []
        # The URLs of table rows the document's lists name too (`_compared_urls`).
        self.listed: frozenset[str] = frozenset()

    def _warn(self, line: int, message: str) -> None:
        """Say of one line of this document how it was read (or skipped) and why."""
        self.warnings.append(located(self.label, line, message))

    def outline(self, units: list[tuple[int, _Unit]], reading: _DocumentReading) -> _Outline:
        """The document's title, intro and top-level sections (each unit read by `_take`)."""
        levels = reading.levels
        if reading.facts:
            subtitled_units, subtitled = _subtitles_joined(units)
            if subtitled_units is not units:
                self.warnings.extend(
                    located(self.label, line + 1, message) for line, message in subtitled
                )
                units = subtitled_units
                levels = [_outline_level(unit) for _, unit in units]
        if _may_lift(reading.numbered):
            lifted_units, lifted = _numbered_headings_levelled(units)
            self.warnings.extend(located(self.label, line + 1, message) for line, message in lifted)
            if lifted_units is not units:
                units = lifted_units
                levels = [_outline_level(unit) for _, unit in units]
        if reading.contents and levels.count(1) > 1:
            levelled_units, levelled = _contents_levelled(
                units, levels, reading.keys, reading.contents_at
            )
            self.warnings.extend(
                located(self.label, line + 1, message) for line, message in levelled
            )
            if levelled_units is not units:
                units = levelled_units
                levels = [_outline_level(unit) for _, unit in units]
        if reading.facts or reading.cards or reading.contents:
            bare = [unit for _, unit in units]
            # (the chapters' counts and places hold for the units as read, not as lifted)
            as_read = levels is reading.levels
            self.fact_levels = _fact_levels(bare) if reading.facts else frozenset()
            self.card_levels = (
                frozenset()
                if not reading.cards
                else _levels_of_cards(reading.card_counts)
                if as_read
                else _card_levels(bare)
            )
            self.named_contents = (
                _names_later_headings(bare, reading.contents_at if as_read else None)
                if reading.contents
                else frozenset()
            )
        self.levels = levels
        self.listed = reading.listed
        outline = _Outline()
        position = 0
        while position < len(units):
            position = self._take(outline, units, position)
        if not outline.title:
            self._title_otherwise(outline, units)
        return outline

    def _title_otherwise(self, outline: _Outline, units: list[tuple[int, _Unit]]) -> None:
        """The title of a document that does not open with a level-1 heading, from what it
        says: a title line above its first heading (`<h1 align="center">`, a paragraph in
        bold); else its first heading, when it says the document's first words (a banner
        image above it at most), names no chapter of any document ("Introduction", "What is
        it?") and stands over the whole document (the headings after it deeper: it stays a
        section, the reading of its resources unchanged) or over prose only, before sections
        of its level (`## Build your own <X>`, a paragraph, then `## Tutorials`: the title,
        its prose the intro); else the name of its directory (`_untitled`)."""
        top_matter = units[0][1] if units and units[0][1].heading is None else None
        if top_matter is not None and top_matter.title_line:
            outline.title = top_matter.title_line
            return
        first = outline.top[0] if outline.top else None
        if isinstance(first, _Span) and not _says_words(top_matter):
            unit = first.units[0][1]
            heading = unit.heading
            assert heading is not None
            if _chapter_name(heading.title):
                pass
            elif len(outline.top) == 1:
                outline.title = heading.title
                return
            elif (
                len(first.units) == 1
                and not unit.has_resources
                and isinstance(second := outline.top[1], _Span)
                and _span_level(second) == heading.level
            ):
                outline.title = heading.title
                outline.intro.append(unit.text)
                outline.top.pop(0)
                return
        outline.title = self._untitled()

    def _first_of_peers(
        self, first_line: int, heading: _Block, unit: _Unit, after: list[tuple[int, _Unit]]
    ) -> bool:
        """Whether the document's first level-1 heading is one of its sections, not its
        title: it stands right over a list of described links (two or more; `* [Spring Boot
        Initializer][] - Generate project skeletons.`), nothing said before it, and other
        level-1 headings follow it (`# Software`, `# Class Log`), each a section as it is.
        Warned, naming its line. A title says what the list is before its links, or stands
        over its project's bare links (`* [Site](…)`, `* [Chat](…)`): those stay its intro."""
        linked = [candidate for candidate in unit.candidates if candidate.url]
        described = sum(bool(candidate.description.strip()) for candidate in linked)
        if len(linked) < 2 or unit.intro.strip() or 2 * described < len(linked):
            return False
        if not any(
            other.heading is not None
            and other.heading.level == 1
            and other.heading.title
            and not meta_heading(other.heading.title)
            and not contents_heading(other.heading.title)
            for _, other in after
        ):
            return False
        self._warn(
            first_line + heading.start + 1,
            f"level-1 heading {heading.title!r} over {len(linked)} links, other "
            "level-1 headings after it: a section like them, not the document's title",
        )
        return True

    def _take(self, outline: _Outline, units: list[tuple[int, _Unit]], position: int) -> int:
        """Read the unit at ``position`` into the outline (a section takes all the units it
        spans); the position of the next unit to read."""
        first_line, unit = units[position]
        heading = unit.heading
        position += 1
        # Before the first section, lists of links are the author's own (support me …); in a
        # document without any heading, they are the list itself (as under a lone title).
        if heading is None:
            self._before_sections(outline, unit, first_line, units[position:], 1)
            return position
        # The document's first heading, a level-1 one, is its title (whatever its words, but
        # those of a table of contents: `# Contents` over anchors under an HTML title, and
        # those naming a chapter of any document, `# Content` over a course's lessons: a
        # section, as `_title_otherwise` reads them in a first heading of another level).
        if (
            heading.level == 1
            and not outline.title
            and not outline.top
            and not outline.seen_heading
            and not _is_contents(heading, unit, self.named_contents)
            and not _chapter_name(heading.title)
            and not self._first_of_peers(first_line, heading, unit, units[position:])
        ):
            outline.title = heading.title
            # The title is the document's only heading: the lists under it are the list itself
            # (with sections after it, they are the author's own: support me …).
            self._before_sections(outline, unit, first_line, units[position:], heading.level)
            return position
        if not (outline.title or outline.top or outline.seen_heading) and _is_tagline(
            unit, lambda: self._banner(outline, units, position)
        ):
            # A small heading above the title (a tagline under a banner image): the intro's.
            outline.intro.append(f"{'#' * heading.level} {heading.title}\n\n{unit.text}")
            return position
        outline.seen_heading = True
        if self._skipped(first_line, heading, unit):
            while (
                not _is_contents(heading, unit, self.named_contents)
                and position < len(units)
                and _inside(units[position][1].heading, heading)
            ):
                position += 1
            return position
        if not heading.title:
            self._skip_heading(first_line, heading)
            return position
        next_heading = units[position][1].heading if position < len(units) else None
        resource = self._heading_resource(unit, next_heading, first_line)
        if resource is not None:  # a resource heading outside any section
            resource = self._named_product(
                resource, unit, (outline.title, "the document's title"), first_line
            )
            if outline.orphans is None:
                outline.orphans = _SectionDraft(title="Resources", level=heading.level)
                outline.top.append(outline.orphans)
            outline.orphans.resources.append((resource, first_line))
            return position
        end = self._section_end(units, position, heading)
        outline.top.append(
            _Span(
                units=tuple(units[position - 1 : end]),
                next_heading=units[end][1].heading if end < len(units) else None,
            )
        )
        return end

    def _before_sections(
        self,
        outline: _Outline,
        unit: _Unit,
        first_line: int,
        after: list[tuple[int, _Unit]],
        level: int,
    ) -> None:
        """Read the body before the document's first section (under its title, or with no
        heading above): its lists are the list itself when no section follows, else the
        author's own links (support me, contact, its contents), kept in the intro; but
        tables of records (`_all_records`: a row per thing, its columns named) are what the
        list compares, resources outside any section wherever they stand, with a warning
        naming their first row's line."""
        sections_after = any(
            other.heading is not None and other.heading.title for _, other in after
        )
        if unit.candidates and (not sections_after or unit.records):
            # (rows comparing resources the sections list are those again: `_uncompared`)
            candidates = self._uncompared(unit, first_line)
            if sections_after and candidates:
                self._warn(
                    first_line + candidates[0].line + 1,
                    f"{len(candidates)} rows of a table before the document's first "
                    "section: read as resources outside any section (a row per thing, its "
                    "columns named: the list's own), not the author's own links",
                )
            outline.intro.append(unit.intro)
            if candidates:
                outline.orphans = _SectionDraft(title="Resources", level=level)
                self._add_candidates(outline.orphans, candidates, first_line)
                outline.top.append(outline.orphans)
        else:
            outline.intro.append(unit.text)
            self._unsay(first_line, unit)

    def _unsay(self, first_line: int, unit: _Unit) -> None:
        """Take back what was said of how a unit's lists were read as resources: its body
        is the document's intro, its lists kept as written (nothing read another way); and
        say so, once per list of links (`_link_runs`), naming its first line."""
        if unit.list_warnings:
            untrue = {
                located(self.label, first_line + at + 1, message)
                for at, message in unit.list_warnings
            }
            self.warnings[:] = [problem for problem in self.warnings if problem not in untrue]
        for line, count in _link_runs(unit.candidates):
            self._warn(
                first_line + line + 1,
                f"{count} link{'s' * (count > 1)} before the document's first section: kept "
                "in its intro as the author's own (its contents, support or contact links), "
                "not resources",
            )

    @staticmethod
    def _banner(outline: _Outline, units: list[tuple[int, _Unit]], position: int) -> _Banner:
        """The `_Banner` past the heading before ``position``: worked out once per document,
        as every heading above the title has the same title ahead of it (the first that is
        no tagline ends them)."""
        if outline.banner is None or outline.banner.end < position:
            outline.banner = _banner(units, position)
        return outline.banner

    def _section_end(self, units: list[tuple[int, _Unit]], position: int, heading: _Block) -> int:
        """Where the top-level section ``heading`` opens ends: at the first heading after
        ``position`` that leaves it (a higher level, or the same level and not a resource)."""
        levels = self.levels  # `outline` worked them out for these units
        level = heading.level
        end = position
        deeper = False  # the section has subheadings: a heading of its level is its sibling
        # Its own body lists resources (a topic's links): a heading of its level that is a link
        # itself (`## [Rope Guide](…)`) is no more of them but its sibling, an entry of the
        # document (a course heading, named by a link line under it, stays the section's).
        listed = position > 0 and units[position - 1][1].has_resources
        while end < len(levels):
            following = levels[end]
            if following > level:
                deeper = True
            elif following:
                linked = units[end][1].heading
                if following < level or deeper or (listed and linked is not None and linked.url):
                    break
                after = units[end + 1][1].heading if end + 1 < len(units) else None
                if not self._is_resource(units[end][1], after):
                    break
            end += 1
        return end

    def _untitled(self) -> str:
        """The title of a document that names itself nowhere: the name of its directory (or
        repository) as the caller gives it, else its file's name (warned about)."""
        title = self.name or PurePosixPath(self.label.split("@")[0]).stem or "Road map"
        whose = "its directory's name" if self.name else "its file's name"
        self._warn(
            1,
            f"no title found (no level-1 heading that titles it, HTML or bold title "
            f"line, nor heading over the whole document): the road map is titled {title!r}, "
            f"{whose}; write a '# Title' line to choose it",
        )
        return title

    def _skipped(self, first_line: int, heading: _Block, unit: _Unit) -> bool:
        """Whether a heading starts a meta section to leave out (warned about once)."""
        if not heading.title or heading.marked:
            return False
        if not (meta_heading(heading.title) or _is_contents(heading, unit, self.named_contents)):
            return False
        if heading_key(heading.title) in self.keep:
            return False
        what = (
            "a table of contents, not resources; the sections it lists are read"
            if _is_contents(heading, unit, self.named_contents)
            else "a meta section, about the list"
        )
        self._warn(
            first_line + heading.start + 1,
            f"section {heading.title!r} skipped: {what} (--keep-section "
            f"{heading.title!r} keeps it)",
        )
        return True

    def _skip_heading(self, first_line: int, heading: _Block) -> None:
        self._warn(first_line + heading.start + 1, "heading without text skipped")

    def span_draft(self, span: _Span) -> _SectionDraft:
        """The section a span of units makes: its first unit's heading, and all below it
        (a deeper heading a subsection or a resource, a meta subsection left out)."""
        first_line, first = span.units[0]
        assert first.heading is not None
        root = self._draft(first.heading, first, first_line)
        stack = [root]
        deep: set[int] = set()  # the drafts that have deeper headings under them
        # The drafts whose own body lists resources (a topic's links): a resource heading of
        # their level after them is their sibling, an entry of the section above (a one-link
        # topic among topics), not one more of their resources.
        listed: set[int] = set()
        bodies: dict[int, str] = {}  # each draft's own text, read only when a heading asks
        skipping: _Block | None = None
        for position in range(1, len(span.units)):
            first_line, unit = span.units[position]
            heading = unit.heading
            assert heading is not None
            if skipping is not None and _inside(heading, skipping):
                continue
            skipping = None
            if self._skipped(first_line, heading, unit):
                skipping = None if _is_contents(heading, unit, self.named_contents) else heading
                if skipping is None:
                    # The headings after a table of contents are the document's sections, not
                    # its subsections: they go where it would have gone (`## Index` then
                    # `### Animals`: a section of the parent, as a reader sees it).
                    while len(stack) > 1 and stack[-1].level >= heading.level:
                        stack.pop()
                continue
            if not heading.title:
                self._skip_heading(first_line, heading)
                continue
            following = span.units[position + 1][1] if position + 1 < len(span.units) else None
            next_heading = following.heading if following is not None else span.next_heading
            resource = self._heading_resource(unit, next_heading, first_line)
            if resource is not None:
                # A resource heading of a section's level stays in it, unless the section has
                # deeper headings: then it is the section's sibling (`_section_end`).
                while len(stack) > 1 and (
                    stack[-1].level > heading.level
                    or (
                        stack[-1].level == heading.level
                        and (
                            id(stack[-1]) in deep
                            or id(stack[-1]) in listed
                            or _OWN_LIST_ITEM.search(bodies.get(id(stack[-1]), "")) is not None
                            or PLACEHOLDER_TEXT.match(bodies.get(id(stack[-1]), "").strip())
                            is not None
                        )
                    )
                ):
                    stack.pop()
                if heading.level > stack[-1].level:
                    deep.add(id(stack[-1]))
                resource = self._named_product(
                    resource, unit, (stack[-1].title, "its section's title"), first_line
                )
                stack[-1].resources.append((resource, first_line))
                continue
            while len(stack) > 1 and stack[-1].level >= heading.level:
                stack.pop()
            deep.add(id(stack[-1]))
            draft = self._draft(heading, unit, first_line)
            if draft.resources:
                listed.add(id(draft))
            # A body that lists items of its own, not resources (`### Capstone Project` over
            # `- Participate in a competition`, tasks) is whole too: a resource heading of its
            # level after it is its sibling, where a paragraph announcing what follows
            # (`### Paid Resources` over a sentence) takes them. Searched only then.
            bodies[id(draft)] = unit.intro
            stack[-1].sections.append(draft)
            stack.append(draft)
        return root

    def _draft(self, heading: _Block, unit: _Unit, first_line: int) -> _SectionDraft:
        """The section a heading opens, with its unit's resources and intro."""
        # `## Books:` is titled Books: the colon announces what follows, as a paragraph's
        # would, and is no part of the name readers see in the page, feeds and emails.
        # `publisher readme`'s own headings keep their title as written.
        title = heading.title if heading.marked else without_closing_colon(heading.title)
        draft = _SectionDraft(title=title, level=heading.level, anchor=heading.anchor)
        self._add_candidates(draft, self._uncompared(unit, first_line), first_line)
        series: _Candidate | None = None
        if heading.url and unit.heading_resource is None and _parts_of_a_series(unit.candidates):
            # `## [Inky Knots](…)` over `- [Part 1: Bends](…)`, `- [Part 2: Hitches](…)`: the
            # heading names a work, its parts listed under it: the work's page is a resource,
            # the section's first (issue 13: a heading that is a link itself), its parts after
            # it. (Over other named things, a category's entries, its link is the category's
            # own page: the intro's, below.)
            said: list[tuple[int, str]] = []
            page = _checked_url(heading.url, heading.start, said)
            self.warnings.extend(
                located(self.label, first_line + line + 1, message) for line, message in said
            )
            if page:
                series = _Candidate(title=title, line=heading.start, url=page)
                self._warn(
                    first_line + heading.start + 1,
                    f"heading link '{heading.title}' over the parts of a series "
                    f"({len(unit.candidates)} links named as its parts): a section of them, "
                    "its link the series' page, the section's first resource",
                )
        if heading.url and series is None:
            # A heading that is a link over deeper headings or over a list of other resources
            # names a section; its link is kept where readers still find it, the section's
            # intro, never dropped unsaid. The warning says which of the two is there.
            draft.intro.append(markdown_link(heading.title, heading.url) + "\n")
            self._warn(
                first_line + heading.start + 1,
                f"heading link '{heading.title}': {_why_a_section(unit)}; its "
                "link is kept in the section's intro",
            )
        if heading.owner_links:
            draft.intro.append(heading.owner_links + "\n")
            self._warn(
                first_line + heading.start + 1,
                f"heading {heading.title!r}: the links after its name and dash "
                f"({heading.owner_links}) are its owner's pages, kept in the section's "
                "intro, not in its title",
            )
        if heading.linked_words:
            # `### Great [list of 25 books](books.md)` over a list of links: the section's
            # title is its words; its link, a page readers reach from it, stays in the intro.
            draft.intro.append(without_closing_colon(heading.linked_words) + "\n")
            self._warn(
                first_line + heading.start + 1,
                f"heading {heading.title!r}: its links are no part of its section's title; "
                "the heading as written is kept in the section's intro",
            )
        candidate = unit.heading_resource
        link: _Candidate | None = None
        own_page = False
        if _names_category(heading, unit):
            # `#### MOOC` over `[Les Réseaux Locaux](…)`: the section's one resource.
            warnings: list[tuple[int, str]] = []
            url = _checked_url(unit.link_line, heading.start, warnings)
            self.warnings.extend(
                located(self.label, first_line + line + 1, message) for line, message in warnings
            )
            link = _Candidate(title=unit.link_line_title, line=unit.link_line_at, url=url)
        elif _names_own_page(heading, unit):
            # `### CS25: Transformers United` over `[Website](…) | Instructors: …` and its
            # lectures' links: the page of the course the heading names, listed first.
            warnings = []
            url = _checked_url(unit.link_line, heading.start, warnings)
            warnings.append(
                (
                    unit.link_line_at,
                    f"link line {unit.link_line_title!r} under the heading {heading.title!r} "
                    "over a list of links: the page of what the heading names, the section's "
                    "first resource",
                )
            )
            self.warnings.extend(
                located(self.label, first_line + line + 1, message) for line, message in warnings
            )
            link = _Candidate(title=title, line=unit.link_line_at, url=url) if url else None
            own_page = link is not None
        elif (
            candidate is not None
            and unit.leaf_only
            and not heading.url
            and unit.link_line
            and unit.link_line_title
            and candidate.url == unit.link_line
        ):
            # A heading over a link line (`### Python`, `**Site officiel** : [Python.org](…)`)
            # would stand for the link, but deeper headings make it a section: the link is the
            # section's resource, named by its text (a reader sees it listed there).
            link = replace(
                candidate, title=unit.link_line_title, description="", line=unit.link_line_at
            )
        if series is not None:
            draft.intro.append(unit.intro)
            self._insert_in_order(draft, series, first_line)
        elif link is None:
            draft.intro.append(unit.intro)
        else:
            # The link line is listed as the section's resource: a paragraph that is that link
            # alone leaves the intro, else the page and `publisher readme` show it twice.
            intro = unit.intro_without_link_line
            if own_page:
                # (`[Website](…) | Instructor: …`: its words after the link stay, the link is
                # the resource's)
                intro = _without_leading_link(intro, unit.link_line_title, unit.link_line)
            draft.intro.append(intro)
            self._insert_in_order(draft, link, first_line)
        return draft

    @staticmethod
    def _insert_in_order(draft: _SectionDraft, link: _Candidate, first_line: int) -> None:
        """Adds a section's link line resource where its paragraph is, among the resources
        its lists hold (`## Books`, a link line, then book bullets: the link first)."""
        position = next(
            (
                index
                for index, (candidate, at) in enumerate(draft.resources)
                if (at, candidate.line) > (first_line, link.line)
            ),
            len(draft.resources),
        )
        draft.resources.insert(position, (link, first_line))

    def _topic_of_one(self, unit: _Unit) -> bool:
        """Whether a heading over one named link alone is a topic holding that one course, as
        the headings of its level around it hold theirs (`_card_levels`), not the course."""
        return (
            unit.lone_card
            and unit.heading is not None
            and unit.heading.level in self.card_levels
            and unit.heading_resource is not None
            and unit.heading_resource.url == unit.link_line
        )

    def _is_resource(self, unit: _Unit, next_heading: _Block | None) -> bool:
        if self._topic_of_one(unit):
            return False
        return (
            unit.heading is not None
            and (
                unit.heading_resource is not None
                or (unit.fact_resource is not None and unit.heading.level in self.fact_levels)
            )
            and not (
                unit.leaf_only
                and next_heading is not None
                and next_heading.level > unit.heading.level
            )
        )

    def _heading_resource(
        self, unit: _Unit, next_heading: _Block | None, first_line: int
    ) -> _Candidate | None:
        """The resource a heading stands for, or None when the heading is a section."""
        candidate = unit.heading_resource
        if (
            candidate is None
            and unit.fact_resource is not None
            and unit.heading is not None
            and unit.heading.level in self.fact_levels
            and not (next_heading is not None and next_heading.level > unit.heading.level)
        ):
            # Written as the tools beside it are, over facts (a lab, a paper and its
            # authors), though none of them names a licence or a language: one of them.
            self.warnings.extend(
                located(self.label, first_line + line + 1, message)
                for line, message in (
                    *unit.fact_warnings,
                    (
                        unit.heading.start,
                        f"heading {unit.heading.title!r} read as one resource, the list under "
                        "it its facts, as the headings of its level around it are written",
                    ),
                )
            )
            return unit.fact_resource
        if candidate is None or unit.heading is None:
            return None
        if unit.leaf_only and next_heading is not None and next_heading.level > unit.heading.level:
            return None
        if self._topic_of_one(unit):
            self._warn(
                first_line + unit.heading.start + 1,
                f"heading {unit.heading.title!r} read as a topic holding its one "
                "link, as the headings of its level around it hold their links",
            )
            return None
        if unit.heading_warnings:
            self.warnings.extend(
                located(self.label, first_line + line + 1, message)
                for line, message in unit.heading_warnings
            )
        heading = unit.heading
        if heading.linked_words and f"]({candidate.url}" not in heading.linked_words:
            # `## Kite Flying by [Jane Doe](…)` over its link line: the heading's link (its
            # author's page) is neither the resource's title nor its URL; kept first in its
            # description, as a section's heading keeps it in the intro (`_draft`).
            self._warn(
                first_line + heading.start + 1,
                f"heading {heading.title!r}: its links are no part of its resource's title or "
                "URL; the heading as written is kept first in its description",
            )
            parts = (heading.linked_words, candidate.description.strip("\n"))
            candidate = replace(
                candidate, description=_markdown_field("\n\n".join(part for part in parts if part))
            )
        return candidate

    def _named_product(
        self, resource: _Candidate, unit: _Unit, owner: tuple[str, str], first_line: int
    ) -> _Candidate:
        """A resource read from a heading that names no product (`## Downloads` over platform
        labels and their links, `## Installation` over a link line: `_NO_PRODUCT_HEADINGS`)
        titled by what it is: its link's words where they name something (not `[Download]`,
        `[Link]`), else what the heading is under (``owner``: the document's title, or the
        section's, and which of the two), with a warning naming the heading's line. Any other
        resource as it is."""
        heading = unit.heading
        if heading is None or heading_key(heading.title) not in _NO_PRODUCT_HEADINGS:
            return resource
        named = _link_name(unit.text, resource.url) if resource.url else ""
        title, whose = (named, "its link's words") if named else owner
        if not title or heading_key(title) in _NO_PRODUCT_HEADINGS:
            return resource
        self._warn(
            first_line + heading.start + 1,
            f"heading {heading.title!r} names no product: the resource it stands "
            f"for titled {title!r}, {whose}",
        )
        return replace(resource, title=title)

    def _uncompared(self, unit: _Unit, first_line: int) -> Sequence[_Candidate]:
        """A unit's candidates but the rows of a table that compares resources the document
        lists elsewhere (a feature matrix, or a table most of whose rows its lists name):
        each row naming one of them is that resource again, skipped with a warning; a row
        naming anything else stays a resource."""
        if not self.listed or not unit.tables:
            return unit.candidates
        compared = [
            table
            for table in unit.tables
            if (listed := sum(url in self.listed for url in table.urls))
            and (table.marks or 2 * listed > len(table.urls))
        ]
        if not compared:
            return unit.candidates
        kept = []
        for candidate in unit.candidates:
            if (
                candidate.url
                and any(table.holds(candidate) for table in compared)
                and _normalized_url(candidate.url) in self.listed
            ):
                self._warn(
                    first_line + candidate.line + 1,
                    f"table row {candidate.title!r} compares a resource the document lists "
                    "elsewhere (the same URL): the same resource, skipped",
                )
                continue
            kept.append(candidate)
        return kept

    def _add_candidates(
        self, draft: _SectionDraft, candidates: Iterable[_Candidate], first_line: int
    ) -> None:
        for candidate in candidates:
            if candidate.group:
                group = _SectionDraft(title=candidate.title, level=draft.level + 1)
                if candidate.description:
                    # Words written in the label's bullet, beside its links: the subsection's.
                    group.intro.append(candidate.description)
                self._add_candidates(group, candidate.children, first_line)
                draft.sections.append(group)
                continue
            draft.resources.append((candidate, first_line))
            if candidate.children:
                self._add_candidates(draft, candidate.children, first_line)


# Lines between two links of one list at most (a blank line between loose items).
_LINK_RUN_GAP = 2


def _link_runs(candidates: Sequence[_Candidate]) -> list[tuple[int, int]]:
    """The lists of links among a unit's resources, as (first line, how many links): links
    more than `_LINK_RUN_GAP` lines apart are in lists of their own (a bold label or a
    paragraph between them); resources without a link are none."""
    runs: list[tuple[int, int]] = []
    last = -_LINK_RUN_GAP - 1
    for candidate in candidates:
        for linked in (candidate, *candidate.children):
            if not linked.url:
                continue
            if linked.line - last > _LINK_RUN_GAP or not runs:
                runs.append((linked.line, 1))
            else:
                runs[-1] = (runs[-1][0], runs[-1][1] + 1)
            last = linked.line
    return runs


def without_closing_colon(title: str) -> str:
    """A section's title without the colon that ends it (ASCII, full-width after `書籍`, or
    French spaced: `Books:`, `MOOC :`); a title that is only a colon stays, and so does one
    that ends with an emoji shortcode written as text (`Tips \\:bulb:`)."""
    if _SHORTCODE_LAST.search(title):
        return title
    return title.rstrip().rstrip(":\uff1a").rstrip() or title


_SHORTCODE_LAST = re.compile(r":[a-z0-9_+-]+:\s*$")


def _names_later_headings(
    units: list[_Unit], positions: Iterable[int] | None = None
) -> frozenset[int]:
    """The ids of the units whose heading names a table of contents (`## 목차`, `## Contents`)
    over plain bullets that name the headings after it (`- Arirang`, `- HAM` over `## Arirang`,
    `## HAM` …, most of them): a table of contents written without links, no topics.
    ``positions``: the indexes of the units that may be (`_contents_candidate`), when known."""
    named: set[int] = set()
    for position in range(len(units)) if positions is None else positions:
        unit = units[position]
        if _names_every_later_heading(units, position):
            named.add(id(unit))
            continue
        if not _may_name_contents(unit):
            continue
        later = {
            heading_key(other.heading.title)
            for other in units[position + 1 :]
            if other.heading is not None
        }
        # A name may say more than its heading (`- SynKDP(깜짝새)` over `## SynKDP`).
        hits = sum(
            heading_key(candidate.title) in later
            or heading_key(re.sub(r"\s*\([^()]*\)$", "", candidate.title)) in later
            for candidate in unit.candidates
        )
        if 5 * hits >= 4 * len(unit.candidates):
            named.add(id(unit))
    return frozenset(named)


# Read for every unit of every version of a history: a C-level getter, not a generator.
_LONE_CARD = operator.attrgetter("lone_card")


def _contents_candidate(unit: _Unit) -> bool:
    """Whether `_names_later_headings` may find a unit a table of contents: only one with
    contents names (`_names_every_later_heading`) or that may name one (`_may_name_contents`)."""
    return bool(unit.contents_names) or _may_name_contents(unit)


def _card_counts(units: Sequence[_Unit]) -> tuple[tuple[int, int, int], ...]:
    """What `_card_levels` counts of ``units``: per heading level (2 or more), the headings
    over link-paragraph lists and those over one named link alone, as (level, lists, lone),
    only where either is not 0."""
    if not any(unit.card_list or unit.lone_card for unit in units):
        return ()  # (the cheap test first: most chapters count none)
    lists: Counter[int] = Counter()
    lone: Counter[int] = Counter()
    for unit in units:
        if unit.heading is None or unit.heading.level < 2:
            continue
        lists[unit.heading.level] += unit.card_list
        lone[unit.heading.level] += unit.lone_card
    return tuple(
        (level, lists[level], lone[level]) for level in sorted(lists) if lists[level] or lone[level]
    )


def _levels_of_cards(counts: Iterable[tuple[int, int, int]]) -> frozenset[int]:
    """`_card_levels` from the `_card_counts` of a document's chapters, summed."""
    lists: Counter[int] = Counter()
    lone: Counter[int] = Counter()
    for level, card_lists, lone_cards in counts:
        lists[level] += card_lists
        lone[level] += lone_cards
    return frozenset(
        level for level, count in lists.items() if count >= 2 and count >= lone[level] > 0
    )


def _card_levels(units: list[_Unit]) -> frozenset[int]:
    """Heading levels where a document lists courses as link paragraphs under topics
    (`_Unit.card_list`): at least two such topics, and as many as the headings of that level
    over one named link alone (`_Unit.lone_card`), which are then topics of one course each.
    Called for a document with such a heading (`_ChapterReading.cards`, looked up per chapter:
    most documents have none)."""
    return _levels_of_cards(_card_counts(units))


def _names_every_later_heading(units: list[_Unit], position: int) -> bool:
    """Whether a unit is a table of contents whatever its heading says (`## أنواع مصادر
    التعلم:`, "kinds of resources", over `* [Courses](#courses)`, `* [Books](#books)` …): its
    body only links into the document (nothing else of its own), two links at least, and
    they name every heading after it, a deeper one too: the document's contents, its
    sections not the heading's parts. Links naming only some of the headings after it (a
    section's own contents over its subsections, other sections after them) do not."""
    unit = units[position]
    if (
        not unit.contents_names
        or unit.heading is None
        or unit.heading.level < 2  # (a title over its contents titles the document)
        or unit.candidates
        or unit.text
    ):
        return False
    listed = _name_keys(unit.contents_names)
    # The headings after it, up to the first it does not name (a table of contents that names
    # some of them only is told at once, not after going over every heading to the end).
    later = 0
    for other in itertools.islice(units, position + 1, None):
        heading = other.heading
        if heading is not None and heading.title:
            if heading_key(heading.title) not in listed:
                return False
            later += 1
    return later >= 2


@functools.lru_cache(maxsize=4096)
def _name_keys(names: tuple[str, ...]) -> frozenset[str]:
    """The `heading_key`s of the names a table of contents lists (cached by them: a history
    asks of the same contents every version)."""
    return frozenset(map(heading_key, names))


@functools.lru_cache(maxsize=4096)
def _listed_keys(names: tuple[str, ...]) -> frozenset[str]:
    """`_name_keys` of the names that are not blank (as `_contents_levelled` lists them)."""
    return frozenset(heading_key(name) for name in names if name.strip())


def _may_name_contents(unit: _Unit) -> bool:
    """Whether a unit's heading may name a table of contents of plain names
    (`_names_later_headings`): it names one, over two plain bullets or more."""
    heading = unit.heading
    # Cheapest tests first (`heading_key` is cached; most headings name no table of contents).
    return (
        heading is not None
        and len(unit.candidates) >= 2
        and heading_key(heading.title) in CONTENTS_HEADINGS
        and not any(candidate.url or candidate.children for candidate in unit.candidates)
    )


def _subtitles_joined(
    units: list[tuple[int, _Unit]],
) -> tuple[list[tuple[int, _Unit]], list[tuple[int, str]]]:
    """Units with each heading that is a subtitle joined to the title above it: a heading with
    nothing under it (no link of its own, not the document's title), right over one deeper
    heading that is read as a tool by its labelled facts (`### Empire of AI`, then `####
    Dreams and Nightmares …` over `- Author: …`, `- Store Links:` …) and is its only
    subheading (the next heading is of the title's level or higher). The two are one resource,
    titled by the first, the subtitle first in its description, warned naming its line; the
    same ``units`` when there is none."""
    joined: list[tuple[int, _Unit]] = []
    warnings: list[tuple[int, str]] = []
    position = 0
    while position < len(units):
        line, unit = units[position]
        heading = unit.heading
        following = units[position + 1][1] if position + 1 < len(units) else None
        after = units[position + 2][1].heading if position + 2 < len(units) else None
        below = following.heading if following is not None else None
        if (
            heading is None
            or following is None
            or below is None
            or not heading.title
            or heading.url
            or heading.level < 2
            or unit.candidates
            or unit.text.strip()
            or below.level <= heading.level
            or not following.facts
            or following.heading_resource is None
            or (after is not None and after.title and after.level > heading.level)
        ):
            joined.append((line, unit))
            position += 1
            continue
        resource = following.heading_resource
        subtitle = below.title
        joined.append(
            (
                units[position + 1][0],
                replace(
                    following,
                    heading=replace(below, title=heading.title, level=heading.level),
                    heading_resource=replace(
                        resource,
                        title=heading.title,
                        description=f"{subtitle}\n\n{resource.description}".strip() + "\n",
                    ),
                ),
            )
        )
        warnings.append(
            (
                units[position + 1][0] + below.start,
                f"heading {subtitle!r} right under {heading.title!r}, over the facts about it: "
                "read as its subtitle, one resource with it",
            )
        )
        position += 2
    if not warnings:
        return units, []
    return joined, warnings


def _outline_level(unit: _Unit) -> int:
    """A unit's heading level as `_Outliner._section_end` scans it: 0 for none or one
    without a title."""
    return unit.heading.level if unit.heading is not None and unit.heading.title else 0


def _fact_levels(units: list[_Unit]) -> frozenset[int]:
    """Heading levels where a document lists tools over their facts: at least three headings
    of the level read so by their own facts (a licence), more than all the others of that
    level that no other rule reads as a resource (sections, and those that could be such a
    tool: `### Vision` over two links is one only where tools are most of its level)."""
    if not any(unit.facts for unit in units):
        return frozenset()  # most documents: no heading read by its facts
    tools: Counter[int] = Counter()
    others: Counter[int] = Counter()
    for unit in units:
        heading = unit.heading
        if (
            heading is None
            or heading.level == 1
            or not heading.title
            or meta_heading(heading.title)
            or contents_heading(heading.title)
        ):
            continue  # the title, and sections about the list (skipped)
        if unit.facts:
            tools[heading.level] += 1
        elif unit.heading_resource is None:
            others[heading.level] += 1
    return frozenset(
        level for level, count in tools.items() if count >= 3 and count > others[level]
    )


def _joined(parts: list[str]) -> str:
    """Intro parts as one markdown field, without a hard break's marks as a description
    (`_without_hard_break_marks`)."""
    return _markdown_field(
        _without_hard_break_marks("\n\n".join(part.strip("\n") for part in parts if part))
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class _FrozenSpan:
    """A top-level section as `_Freezer._freeze_span` made it from a span of units.

    Reading the same units again makes the same section wherever the ids it asks about are
    taken or free as they were: it asks whether an identity (section id) is taken before it
    takes it, and tries the next number when it is. Each one it found free it took: they are
    ``identities`` (``section_ids``), free again only if no earlier section took them since.
    The ones it found taken by an earlier section are ``taken`` (``taken_ids``), which must
    be taken again; those its own resources took answer the same. A recap item asks about
    the links it cites without taking them: those it found free are ``free``, which must be
    free again (one listed above since makes the item a recap, skipped). Its warnings (duplicates,
    relative links, meta subsections) hold lines: each is its unit's line plus what the unit
    says, so they move with the span when its units lie as they did (``lines``, relative to
    the line of its first unit, as ``warning_at`` are)."""

    section: Section
    identities: frozenset[str]
    section_ids: frozenset[str]
    taken: frozenset[str]
    taken_ids: frozenset[str]
    free: frozenset[str]
    explicit_ids: frozenset[str]  # those of its sections that an anchor gave
    # Its warnings: each one's line, relative to its first unit's, and message (as
    # `located` takes them: made again, line and label, each version).
    warning_at: tuple[int, ...]
    messages: tuple[str, ...]
    lines: tuple[int, ...]


@functools.lru_cache(maxsize=16384)
def _section_key(section_id: str) -> str:
    """What makes two section ids one: the folder their feeds publish in, case folded (on a
    disk that ignores case, ``Livres`` and ``livres`` are one folder: `load` refuses both).
    Cached: every section of a changed span asks again, and an id that is no safe path
    segment (``机器学习``, ``c++``) is slugified to say."""
    return section_feed_folder(section_id).casefold()


class _Freezer:
    """Makes the model of an outline: unique section ids and resource identities (a repeated
    one gets a numbered id, with a warning), relative links resolved against the base URL,
    and the very objects of the previous version wherever nothing changed (the memos below)."""

    def __init__(self, outliner: _Outliner, *, base_url: str) -> None:
        self.outliner = outliner
        self.label = outliner.label
        self.warnings = outliner.warnings
        self.base_url = base_url
        self.identities: set[str] = set()
        self.section_ids: set[str] = set()  # by `_section_key`
        # The identities and section ids found taken, in order (by an earlier resource or
        # section, or one of the same span): what a span's reading depends on besides its units.
        self.taken: list[str] = []
        self.taken_ids: list[str] = []
        # The identities asked about and found free without being taken (a recap's links:
        # `_repeats_or_points_inside`): the reading depends on their staying free.
        self.free: list[str] = []
        self.explicit_ids: list[str] = []  # the section ids an anchor gave, as written

    def _warn(self, line: int, message: str) -> None:
        """Say of one line of this document how it was read (or skipped) and why."""
        self.outliner._warn(line, message)

    def freeze(self, outline: _Outline) -> Roadmap:
        """The road map of a whole outline."""
        sections = tuple(
            self._freeze_span(draft)
            if isinstance(draft, _Span)
            else self._freeze_section(draft, ())
            for draft in outline.top
        )
        intro = _links_resolved(_joined(outline.intro), self.base_url)
        return Roadmap(title=outline.title, intro=intro, sections=sections)

    def _freeze_span(self, span: _Span) -> Section:
        """A top-level section; the same object as last time when its units are the same and
        the ids taken before it are taken as they were then (see `_FrozenSpan`): most of a
        history's sections, most versions, those that warned (a duplicate URL, a relative
        link) included."""
        units = tuple(map(_second, span.units))
        next_heading = span.next_heading
        options = (
            # Of the heading after the span only its level counts (`_heading_resource`,
            # `_is_resource`: a deeper one makes a leaf a section): a section edited after
            # this one is read again, its heading a new object, and this one is not.
            next_heading.level if next_heading is not None else 0,
            self.outliner.keep,
            self.base_url,
            self.outliner.fact_levels,
            self.outliner.card_levels,
            # Whether a table of contents of plain names is in it (`_names_later_headings`).
            bool(self.outliner.named_contents)
            and any(id(unit) in self.outliner.named_contents for _, unit in span.units),
            # Which of its tables' rows the document's lists name too (`_uncompared`).
            frozenset(
                url
                for _, unit in span.units
                for table in unit.tables
                for url in table.urls
                if url in self.outliner.listed
            )
            if self.outliner.listed
            else frozenset(),
        )
        first_line = span.units[0][0]
        known = _SPANS.get(units, options)
        if known is not None:
            for frozen in known:
                if self._reuse(frozen, span, first_line):
                    return frozen.section
        warnings = len(self.warnings)
        taken = len(self.taken)
        taken_ids = len(self.taken_ids)
        free = len(self.free)
        explicit_ids = len(self.explicit_ids)
        section = self._freeze_section(self.outliner.span_draft(span), ())
        # The section and those under it, without the ancestor paths a walk makes per step.
        sections = [section]
        for part in sections:
            sections.extend(part.sections)
        identities = frozenset(
            resource.identity for part in sections for resource in part.resources
        )
        section_ids = frozenset(_section_key(part.id) for part in sections)
        said = tuple(self.warnings[warnings:])
        # Each says no more than a message at a line of this document (see `_reuse`).
        assert all(not (problem.column or problem.key) for problem in said)
        frozen = _FrozenSpan(
            section=section,
            identities=identities,
            section_ids=section_ids,
            taken=frozenset(self.taken[taken:]) - identities,
            taken_ids=frozenset(self.taken_ids[taken_ids:]) - section_ids,
            free=frozenset(self.free[free:]) - identities,
            explicit_ids=frozenset(self.explicit_ids[explicit_ids:]),
            warning_at=tuple(problem.line - first_line for problem in said),
            messages=tuple(problem.message for problem in said),
            lines=tuple(line - first_line for line, _ in span.units) if said else (),
        )
        # A few readings per span: the same units twice in a document (a repeated section)
        # read as the first of their kind, then numbered as the second.
        _SPANS.put(units, options, (frozen, *(known or ())[: _SPAN_READINGS - 1]))
        return section

    def _reuse(self, frozen: _FrozenSpan, span: _Span, first_line: int) -> bool:
        """Take ``frozen`` as this span's section when reading the span again would make it
        (and say its warnings, on lines moved as the span moved); whether it was taken."""
        if not (
            self.identities.isdisjoint(frozen.identities)
            and self.section_ids.isdisjoint(frozen.section_ids)
            and frozen.taken <= self.identities
            and frozen.taken_ids <= self.section_ids
            and self.identities.isdisjoint(frozen.free)
        ):
            return False
        if frozen.messages:
            if tuple(line - first_line for line, _ in span.units) != frozen.lines:
                return False
            # (a C-level map: some 200 warnings a version of a long history are said again)
            self.warnings.extend(
                map(
                    located,
                    itertools.repeat(self.label),
                    map(operator.add, frozen.warning_at, itertools.repeat(first_line)),
                    frozen.messages,
                )
            )
        self.identities.update(frozen.identities)
        self.section_ids.update(frozen.section_ids)
        self.explicit_ids.extend(frozen.explicit_ids)
        return True

    def _freeze_section(self, draft: _SectionDraft, parent_ids: tuple[str, ...]) -> Section:
        section_id = self._section_id(draft, parent_ids)
        ids = (*parent_ids, section_id)
        intro = _links_resolved(_joined(draft.intro), self.base_url)
        resources = self._freeze_resources(draft, ids)
        sections = tuple(self._freeze_section(child, ids) for child in draft.sections)
        # The same object as last time when nothing changed (see _RESOURCES): the same
        # resources (a tuple of them made again holds the same objects) and sections.
        parts = (*resources, *sections)
        known = _SECTIONS.get(parts, (section_id, draft.title, intro))
        if known is not None:
            return known
        section = Section(
            title=draft.title, id=section_id, intro=intro, resources=resources, sections=sections
        )
        return _SECTIONS.put(parts, (section_id, draft.title, intro), section)

    def _section_id(self, draft: _SectionDraft, parent_ids: tuple[str, ...]) -> str:
        """The section's id: its anchor, else its title's slug; when taken, a nested section's
        is qualified by its parent's id (``rust-books``), and numbered when that is taken too
        (a top-level section, a same-title sibling). Each id found taken is recorded
        (`taken_ids`). Ids are compared by `_section_key` (``LivresGratuits`` takes
        ``Livresgratuits``), as `load` compares them."""
        section_id = draft.anchor or _slug(draft.title)
        if _section_key(section_id) in self.section_ids and parent_ids:
            # Not numbered in document order: a "Books" inserted before this one would
            # renumber it, and every resource under it would seem to move (and one without
            # URL, whose identity holds its section ids, to be new) in every feed and email.
            self.taken_ids.append(_section_key(section_id))
            section_id = f"{parent_ids[-1]}-{section_id}"
        if _section_key(section_id) in self.section_ids:
            self.taken_ids.append(_section_key(section_id))
            base = section_id
            number = 2
            while _section_key(f"{base}-{number}") in self.section_ids:
                self.taken_ids.append(_section_key(f"{base}-{number}"))
                number += 1
            section_id = f"{base}-{number}"
        self.section_ids.add(_section_key(section_id))
        if section_id == draft.anchor:
            self.explicit_ids.append(section_id)
        return section_id

    def _freeze_resources(self, draft: _SectionDraft, ids: tuple[str, ...]) -> tuple[Resource, ...]:
        """The section's resources; the same tuple as for the previous version when its
        candidates are the same and their identities clash with no other section's."""
        candidates = tuple(candidate for candidate, _ in draft.resources)
        known = _SECTION_RESOURCES.get(candidates, (ids, self.base_url))
        if (
            known is not None
            and self.identities.isdisjoint(known[1])
            and self.identities.isdisjoint(known[2])
        ):
            self.identities.update(known[1])
            self.free.extend(known[2])
            return known[0]
        before = len(self.warnings)
        free = len(self.free)
        base_url = self.base_url
        taken = self.identities
        made: list[Resource] = []
        # A section read again holds mostly the very candidate objects of its last reading
        # (its unchanged units', some 90 a version): each one's resource is found by the
        # candidate's identity first, without its content made into a key and compared
        # (`_CANDIDATE_RESOURCES`); then by its content (`_freeze_resource`'s first step,
        # written out here: a call per candidate cost as much as the look-up).
        place = (ids, base_url)
        by_candidate = _CANDIDATE_RESOURCES._entries
        for candidate, first_line in draft.resources:
            if base_url and self._repeats_or_points_inside(candidate, first_line):
                continue  # (without a base URL no candidate is: see there)
            known_resource = by_candidate.get((id(candidate), place))
            frozen = (
                known_resource[1]
                if known_resource is not None
                else _CANDIDATE_RESOURCES.get(candidate, place)
            )
            if frozen is not None and frozen.identity not in taken:
                taken.add(frozen.identity)
                made.append(frozen)
                continue
            frozen = _FROZEN_RESOURCES.get((_content(candidate), ids, base_url))
            if frozen is not None and frozen.identity not in taken:
                taken.add(frozen.identity)
                made.append(frozen)
                _CANDIDATE_RESOURCES.put(candidate, place, frozen)
            else:
                made.append(self._freeze_resource(candidate, first_line, ids))
        resources = tuple(made)
        if len(self.warnings) == before:  # no duplicate inside: the same next time
            identities = frozenset(resource.identity for resource in resources)
            found_free = frozenset(self.free[free:]) - identities
            _SECTION_RESOURCES.put(
                candidates, (ids, self.base_url), (resources, identities, found_free)
            )
        return resources

    def _repeats_or_points_inside(self, candidate: _Candidate, first_line: int) -> bool:
        """Whether a candidate is no resource, said with a warning: its link is a place in
        this very document written in full (`…/OWNER/REPO/tree/main#capstone`, with a GitHub
        base URL), or it is a recap item, a sentence whose links all repeat resources listed
        above (`[Midterm](projects/) after [Module 6](06-trees/)`, the syllabus again)."""
        if not candidate.url or not self.base_url:
            return False
        line = first_line + candidate.line + 1
        url = _resolve_against(self.base_url, candidate.url)
        if self._inside(url):
            self._warn(
                line, f"link {url!r} points into this document: {candidate.title!r} is no resource"
            )
            return True
        own = _normalized_url(url)
        if not candidate.cites:
            return False
        # What the reading found taken or free, it depends on (see `_FrozenSpan`).
        if own not in self.identities:
            self.free.append(own)
            return False
        self.taken.append(own)
        for href in candidate.cites:
            cited = _resolve_against(self.base_url, href)
            if self._inside(cited):
                continue
            if _normalized_url(cited) not in self.identities:
                self.free.append(_normalized_url(cited))
                return False
            self.taken.append(_normalized_url(cited))
        self._warn(
            line,
            f"{candidate.title!r} and the links after it repeat resources listed "
            "above (a recap): skipped",
        )
        return True

    def _inside(self, url: str) -> bool:
        """A place in this document: its GitHub page (the repository's, the README's, at
        the base URL's branch or none) and a fragment."""
        root = _GITHUB_FILE_ROOT.match(self.base_url)
        if root is None or "#" not in url:
            return False
        page = url.split("#", 1)[0].rstrip("/").casefold()
        parts = root.group(0).casefold().split("/")
        home, branch = "/".join(parts[:5]), parts[6]
        return page == home or page in (
            f"{home}/{view}/{branch}{file}"
            for view in ("tree", "blob")
            for file in ("", "/readme.md")
        )

    def _freeze_resource(
        self, candidate: _Candidate, first_line: int, section_ids: tuple[str, ...]
    ) -> Resource:
        """One resource; the same object as last time for a candidate of the same content
        (`_content`) in the same section when it made no warning then and its identity is
        free now (an edit in a section changes one or two of its candidates, not all; lines
        added above a candidate make it again, on another line, holding the same)."""
        content = _content(candidate)
        key = (content, section_ids, self.base_url)
        known = _FROZEN_RESOURCES.get(key)
        if known is not None and known.identity not in self.identities:
            self.identities.add(known.identity)
            return known
        warnings = len(self.warnings)
        line = first_line + candidate.line + 1
        url = self._resolved(candidate.url, line)
        author = candidate.author
        if author is not None and is_relative_link(author.url):
            author = replace(author, url=self._resolved(author.url, line))
        identity, explicit_id = self._identity(candidate, url, section_ids, line)
        resource = _resource(candidate, content, identity, explicit_id, url, author, self.base_url)
        if len(self.warnings) == warnings:
            _FROZEN_RESOURCES.put(key, resource)
            _CANDIDATE_RESOURCES.put(candidate, (section_ids, self.base_url), resource)
        return resource

    def _identity(
        self, candidate: _Candidate, url: str, section_ids: tuple[str, ...], line: int
    ) -> tuple[str, str]:
        """A resource's identity and explicit id: its ``Id:``, else its URL, else its title
        in its section; one already taken gives a numbered id (warned about)."""
        explicit_id = candidate.id
        if explicit_id:
            identity = explicit_id
        elif url:
            identity = _normalized_url(url)
        else:
            # `resource_identity` without an id or URL, its title's slug worked out once.
            identity = "/".join((*section_ids, _slug(candidate.title)))
        if identity in self.identities:
            self.taken.append(identity)
            base = _slug(candidate.title)
            number = 2
            while f"{base}-{number}" in self.identities:
                self.taken.append(f"{base}-{number}")
                number += 1
            explicit_id = f"{base}-{number}"
            what = f"URL {url}" if url else f"title {candidate.title!r}"
            self._warn(line, f"{what} appears again: this one gets the id {explicit_id!r}")
            identity = explicit_id
        self.identities.add(identity)
        return identity, explicit_id

    def _resolved(self, href: str, line: int) -> str:
        """A link as a resource's URL: relative ones resolved against the base URL, or left
        out (with a warning) without one."""
        href = _spaces_encoded(href)
        if not is_relative_link(href):
            return href
        if not self.base_url:
            self._warn(
                line,
                f"relative link {href!r} left out: give --base-url (where the "
                "README is published) to resolve it",
            )
            return ""
        url = _resolve_against(self.base_url, href)
        problem = url_problem(url)
        if problem:
            self._warn(line, f"link {url!r} skipped: {problem}")
            return ""
        return url


# A file of a GitHub repository as its README links it: ``…/OWNER/REPO/blob/BRANCH/``.
_GITHUB_FILE_ROOT = re.compile(r"https://github\.com/[^/?#]+/[^/?#]+/(?:blob|tree)/[^/?#]+/")


# A GitHub base that ends on its branch, without the slash: ``…/OWNER/REPO/blob/BRANCH``.
_GITHUB_BRANCH_END = re.compile(r"https://github\.com/[^/?#]+/[^/?#]+/(?:blob|tree)/[^/?#]+$")
_GITHUB_REPOSITORY = re.compile(r"https?://(?:www\.)?github\.com/", re.IGNORECASE)


def _base_with_branch_root(base_url: str, label: str, warnings: list[Problem]) -> str:
    """The base URL relative links resolve against: ``…/blob/main`` is the branch's root
    (``…/blob/main/``: URL joining would otherwise drop ``main``); a github.com base without
    ``blob|tree/BRANCH`` gets a warning, its links would resolve outside the repository's files."""
    if _GITHUB_BRANCH_END.match(base_url):
        return base_url + "/"
    if _GITHUB_REPOSITORY.match(base_url) and not _GITHUB_FILE_ROOT.match(base_url):
        warnings.append(
            Problem(
                path=label,
                message=f"base URL {base_url!r} names no branch (…/blob/BRANCH/ or "
                "…/tree/BRANCH/): relative links may resolve outside the repository's files",
            )
        )
    return base_url


# Where a link's destination is written in markdown: inline (`](dest`, `](<dest>`), in a
# reference definition (`[label]: dest`) or an HTML attribute (`href="dest"`).
_WRITTEN_DESTINATION = re.compile(
    r"""(?P<lead>\]\(\s*<?|^ {0,3}\[[^\]\n]+\]:[ \t]*<?|\bhref\s*=\s*["'])"""
    r"""(?P<href>[^\s()<>"'\]\[]+)""",
    re.MULTILINE | re.IGNORECASE,
)


@functools.lru_cache(maxsize=4096)
def _links_resolved(markdown: str, base_url: str) -> str:
    """A markdown field (an intro) whose relative links are resolved against the base URL, as
    resources' links are (`_Freezer._resolved`): written as they were, where the field is
    shown (the page, feeds, emails) they would lead nowhere. Unchanged without a base URL.
    Only destinations the parser reads as links are rewritten (not `](x)` in a code span)."""
    if not base_url or not _WRITTEN_DESTINATION.search(markdown):
        return markdown
    relative = {
        str(token.attrGet("href") or "")
        for block in parse_tokens(markdown)
        for token in (block.children or [])
        if token.type == "link_open" and is_relative_link(str(token.attrGet("href") or ""))
    }
    relative |= {
        href
        for match in re.finditer(r"""\bhref\s*=\s*["']([^"'\s<>]+)""", markdown, re.IGNORECASE)
        if is_relative_link(href := match[1])
    }
    if not relative:
        return markdown

    def resolved(match: re.Match[str]) -> str:
        href = match["href"]
        if href not in relative:
            return match[0]
        url = _resolve_against(base_url, href)
        return match["lead"] + (url if not url_problem(url) else href)

    return _WRITTEN_DESTINATION.sub(resolved, markdown)


def _resolve_against(base_url: str, href: str) -> str:
    """A relative link resolved against the base URL; a root-relative one (``/docs/a.md``)
    in a README published on GitHub against the repository's root at that branch, as GitHub
    renders it (plain URL joining would leave the repository)."""
    if href.startswith("/") and not href.startswith("//"):
        root = _GITHUB_FILE_ROOT.match(base_url)
        if root:
            return urljoin(root.group(0), href.lstrip("/"))
    return urljoin(base_url, href)


_second = operator.itemgetter(1)
# A section's slug, worked out once per title (a section is frozen again whenever a unit
# it spans changed).
_slug = functools.lru_cache(maxsize=16384)(slugify)
_normalized_url = functools.lru_cache(maxsize=65536)(normalize_url)
# The importer's memos (see `publisher.identity_memo`): the same object for the same content,
# version after version, makes comparing road maps and writing them (cached by object too)
# cost almost nothing.
# A section by its resources and child sections (and id, title, intro).
_SECTIONS: IdentityMemo[Section] = IdentityMemo(limit=20_000)
# A top-level section by its units (and the level of the heading after it, the sections kept,
# base_url …): its latest readings (`_FrozenSpan`), newest first, at most _SPAN_READINGS.
_SPANS: IdentityMemo[tuple[_FrozenSpan, ...]] = IdentityMemo(limit=20_000)
_SPAN_READINGS = 3
# A section's resources by its candidates (and section path, base_url): resources, identities.
_SECTION_RESOURCES: IdentityMemo[tuple[tuple[Resource, ...], frozenset[str], frozenset[str]]] = (
    IdentityMemo(limit=20_000)
)
# A resource by the content of the candidate it was made from (`_content`), its identity,
# explicit id, URL, author and the base URL its description's relative links resolve against.
_RESOURCES: RecentMemo[tuple[tuple[object, ...], str, str, str, Author | None, str], Resource] = (
    RecentMemo(limit=200_000)
)
# A resource by the content of its candidate (and section path, base_url), when freezing it
# warned of nothing: its URL resolved and its identity found once (see
# `_Freezer._freeze_resource`).
_FROZEN_RESOURCES: RecentMemo[tuple[tuple[object, ...], tuple[str, ...], str], Resource] = (
    RecentMemo(limit=200_000)
)
# The same, by the candidate object itself (and section path, base_url): what
# `_FROZEN_RESOURCES` gave for it, found without making its content a key.
_CANDIDATE_RESOURCES: ObjectMemo[Resource] = ObjectMemo(limit=200_000)
# What the outline reads of a chapter's units, by the units (`_chapter_reading`).
_CHAPTER_READINGS: ObjectMemo[_ChapterReading] = ObjectMemo(limit=4096)
_MEMOS = (
    _SECTIONS,
    _SPANS,
    _SECTION_RESOURCES,
    _RESOURCES,
    _FROZEN_RESOURCES,
    _CANDIDATE_RESOURCES,
    _CHAPTER_READINGS,
)


# What a resource takes from its candidate (its identity and URL are worked out from these
# too): all but the line it is on, and how it was read (children, table readings: read into
# other candidates before freezing). A C-level getter: asked for every candidate of every
# section read again (`_Freezer._freeze_resources`), some 60 a version.
_content: Callable[[_Candidate], tuple[object, ...]] = operator.attrgetter(
    "title",
    "url",
    "id",
    "kind",
    "author",
    "description",
    "tags",
    "cost",
    "time",
    "level",
    "prerequisites",
)


def _resource(
    candidate: _Candidate,
    content: tuple[object, ...],
    identity: str,
    explicit_id: str,
    url: str,
    author: Author | None,
    base_url: str,
) -> Resource:
    """The resource made of ``candidate`` (whose `_content` is ``content``), the relative links
    of its description resolved against ``base_url``: the same object for the same content."""
    key = (content, identity, explicit_id, url, author, base_url)
    known = _RESOURCES.get(key)
    if known is not None:
        return known
    resource = Resource(
        title=candidate.title,
        identity=identity,
        url=url,
        id=explicit_id,
        kind=candidate.kind,
        author=author,
        # Every way of reading a description ends as a markdown field is stored (one final
        # newline), as a quote under a bullet reads: else `publisher readme` (which writes it
        # as such a quote) would read back a description one newline longer. The comma that
        # joined it to the link goes only here: reading names after a link (`_names_only`)
        # and a version's link (`_read_version_link`) go by it.
        description=_links_resolved(
            _markdown_field(
                _without_hard_break_marks(_without_joining_mark(candidate.description))
            ),
            base_url,
        ),
        tags=candidate.tags,
        cost=candidate.cost,
        time=candidate.time,
        level=candidate.level,
        prerequisites=candidate.prerequisites,
    )
    return _RESOURCES.put(key, resource)


# Words that name a chapter of any document, not one document: a first heading over prose
# that says one of them (or asks a question: "What is it?") is no title.
_CHAPTER_NAMES = frozenset(
    {
        "about",
        "about the list",
        "about this list",
        "about this repository",
        "abstract",
        "background",
        "content",
        "description",
        "foreword",
        "getting started",
        "intro",
        "introduction",
        "motivation",
        "overview",
        "preface",
        "purpose",
        "summary",
        "welcome",
    }
)
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_EMPTY_LINK = re.compile(r"\[\s*\]\([^)]*\)")


def _span_level(span: _Span) -> int:
    """The level of the heading a top-level section opens with."""
    heading = span.units[0][1].heading
    return heading.level if heading is not None else 0


# Headings of a project's README that say what a chapter does, not what the product is
# (`## Downloads`, `## Installation`, `## Links`): a resource read from one is titled by its
# link's words or by what the heading is under (`_Outliner._named_product`).
_NO_PRODUCT_HEADINGS = frozenset(
    {
        "download", "downloads", "get it", "get started", "getting started", "install",
        "installation", "installing", "installer", "installers", "links", "link", "resources",
        "usage", "how to use", "how to install", "quick start", "quickstart", "setup", "set up",
        "releases", "release", "binaries", "homepage", "website", "official website", "demo",
        "live demo", "try it", "try it out", "documentation", "docs", "source", "source code",
    }
)  # fmt: skip


def _link_name(text: str, url: str) -> str:
    """The words of the markdown link to ``url`` in ``text`` where they name something: not a
    label of where it leads or what to do (`[Download]`, `[Link to Course]`, `[here]`), not
    a sentence (`[Try out the web client]`), not an address; "" otherwise."""
    for match in _MARKDOWN_LINK.finditer(text):
        if match["url"] != url:
            continue
        words = re.sub(r"[*_`]+", "", match["text"]).strip()
        key = heading_key(words)
        if (
            not key
            or key in _NO_PRODUCT_HEADINGS
            or key.split()[0] in _ACTION_LABELS
            or key.split()[0] in ("try", "click", "check", "follow", "use", "learn", "go")
            or len(key.split()) > 4  # a sentence (`Try out the web client version`), no name
            or _LINK_LABEL.fullmatch(key)
            or key.startswith(("link ", "links "))
            or _names_material(words)
            or re.fullmatch(r"\S+[./]\S+", words)
        ):
            return ""
        return words
    return ""


def _chapter_name(title: str) -> bool:
    """Whether a heading's words name a chapter of any document ("Introduction", "What is
    it?") rather than one document."""
    return heading_key(title) in _CHAPTER_NAMES or title.rstrip().endswith(("?", "\uff1f"))


def _says_words(unit: _Unit | None) -> bool:
    """Whether the part of a document before its first heading says anything in words (not
    only a banner image, the link around it, HTML tags)."""
    if unit is None:
        return False
    text = _EMPTY_LINK.sub("", _HTML_TAG.sub("", _MARKDOWN_IMAGE.sub("", unit.text)))
    return bool(text.strip())


@dataclass(frozen=True, slots=True)
class _Banner:
    """What lies past the headings above a document's title (`_is_tagline`), read once per
    document: each heading there would otherwise look ahead again (quadratic in them)."""

    end: int  # the position of the first level-1 or level-2 heading (past the units: none)
    level: int  # that heading's level (0: none)
    linked: int  # how many linked headings come before it
    sections_after: bool  # a heading of level 2 or deeper comes after it
    alone: bool = False  # it is level 1 and no other level-1 heading comes after it


def _banner(units: list[tuple[int, _Unit]], after: int) -> _Banner:
    """The `_Banner` of the headings from position ``after`` on."""
    end = next(
        (
            at
            for at in range(after, len(units))
            if (heading := units[at][1].heading) is not None and heading.level <= 2
        ),
        len(units),
    )
    if end == len(units):
        return _Banner(end=end, level=0, linked=0, sections_after=False)
    heading = units[end][1].heading
    assert heading is not None
    return _Banner(
        end=end,
        level=heading.level,
        linked=sum(
            other.heading is not None and other.heading_resource is not None
            for _, other in units[:end]
        ),
        sections_after=any(
            other.heading is not None and other.heading.level >= 2 for _, other in units[end + 1 :]
        ),
        alone=heading.level == 1
        and not any(
            other.heading is not None and other.heading.level == 1 for _, other in units[end + 1 :]
        ),
    )


def _is_tagline(unit: _Unit, banner: Callable[[], _Banner]) -> bool:
    """Whether a heading before the document's title is a tagline, not a section: a level-3
    or deeper heading over no list of resources, with a level-1 heading (the title) still to
    come and no level-2 heading before it. Linked or not: above the title is the banner, and
    a lone linked heading there, over a title with sections, names a sponsor or the project's
    own site (`### [Acme, the app for …](…)` under "Special thanks to:"), not a resource.
    ``banner``: what comes after the heading, worked out when needed. A level-2 heading over
    nothing but a picture, linked or not (`## 👇 **Practice Daily on …** 👇` over a linked
    banner image: read as a badge, so its body is empty), is the banner's too when the next
    heading of its level or higher is the document's only level-1 heading, its title: it
    holds nothing a section would hold (a `## Contents` over `# Resources` and `# Papers`
    stays what it is)."""
    heading = unit.heading
    if heading is None or unit.candidates:
        return False
    if heading.level == 2:
        return (
            unit.heading_resource is None
            and not unit.contents
            and not _says_words(unit)
            and not unit.intro.strip()
            and banner().alone
        )
    if heading.level < 3:
        return False
    past = banner()
    if past.level != 1 or unit.heading_resource is None:
        return past.level == 1
    # A banner names one sponsor or site over a title with sections under it: linked
    # headings in a row above the title, or over a last `# License`, are the list's
    # resources (a list of `### [Name](…)` entries is no banner).
    return past.linked == 1 and past.sections_after


def _is_contents(heading: _Block, unit: _Unit, named: frozenset[int] = frozenset()) -> bool:
    """A table of contents' heading: its body is skipped, the headings after it are not.
    Only over no resources of its own (`## 目录` over chapter links is a section of them),
    but for a list of the names of the headings after it (``named``: those units' ids, see
    `_names_later_headings`); "Index" only over a list of anchors (over prose it is a
    section like any other); a heading that is a link into this document over nothing of its
    own."""
    if id(unit) in named:
        return True
    if unit.candidates or unit.heading_resource is not None:
        return False
    if heading.into_document:
        # `### [Companies](#companies-1)` over a grid of letters linked to anchors: the way to
        # a part of this document, whatever its words (its own section comes later).
        return True
    words = heading_key(heading.title)
    return words in CONTENTS_HEADINGS or (words in INDEX_HEADINGS and unit.contents)


def _inside(heading: _Block | None, parent: _Block) -> bool:
    """Whether a unit's heading belongs to the section ``parent`` heads (deeper, or empty)."""
    return heading is not None and (heading.level > parent.level or not heading.title)


@functools.lru_cache(maxsize=16384)
def heading_key(title: str) -> str:
    """A heading's words, as `--keep-section` matches them (case, emoji, punctuation aside).
    Cached: the headings of every changed span are asked about again, version after version."""
    return " ".join(re.sub(r"[^\w\s]+", " ", title.casefold()).split())


def count_resources(roadmap: Roadmap) -> int:
    """How many resources a road map holds, in all sections."""
    return sum(1 for _ in roadmap.walk())


def count_sections(roadmap: Roadmap) -> int:
    """How many sections a road map holds, nested ones included."""
    return sum(1 for _ in roadmap.walk_sections())


def clear_caches() -> None:
    """Forget every parsed piece cached so far."""
    for value in list(globals().values()):
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()
    for cache in (_PLAIN_CHAPTERS, _BYTE_CHAPTERS, _USED_BY_CHAPTER, *_MEMOS):
        cache.clear()
    _LAST_DOCUMENT.clear()
    _LAST_DEFINITIONS.clear()
    _LAST_DEFINED.clear()
    _LAST_RAW.clear()


def rotate_caches() -> None:
    """Forget the parsed pieces not used since the call before. A history's import calls it
    now and then: the caches then hold the pieces of recent versions only, and memory stays
    flat however long the history is, while the pieces (and sections, resources) of the
    version being read stay: the next version needs them, and so do the pieces they were
    made of (`keep_needed`): its next edit of a chapter then reads the piece it changed, not
    every piece of the chapter again."""
    keep_needed(
        [
            _BYTE_CHAPTERS,
            *(
                memo
                for value in list(globals().values())
                if not isinstance(value, type)
                and isinstance(memo := getattr(value, "memo", None), RecentMemo)
            ),
        ]
    )
    for value in list(globals().values()):
        if isinstance(value, type):
            continue  # a class, not a cache
        if callable(getattr(value, "rotate", None)):
            value.rotate()
        elif callable(getattr(value, "cache_clear", None)):
            value.cache_clear()


__all__ = [
    "Definitions",
    "ImportResult",
    "clear_caches",
    "count_resources",
    "count_sections",
    "github_repository",
    "import_markdown",
    "import_markdown_bytes",
    "parse_tokens",
    "rotate_caches",
]
