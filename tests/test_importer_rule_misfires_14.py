"""publisher import: lines of other kinds of lists that session 14's new reading rules, each
tuned on one held-out list, misread (examples invented; each names the rule it tightens)."""

from __future__ import annotations

from test_importer_shapes import listed, read


def test_words_before_a_bare_link_naming_a_blog_or_docs_are_no_title() -> None:
    # 7d63f06 read a link text of up to three words ending with a where-word ('Blog', 'Docs',
    # 'Site') as a label saying where its link leads, for any link: the words before it
    # became the title. Set in brackets of its own (`[[Blog-Link](…)]`) it is a label; bare,
    # `[Acme Engineering Blog](…)` names the resource itself.
    result = read(
        "# R\n\n## Blogs\n\n"
        "- Weekly reading - [Acme Engineering Blog](https://example.org/acme-blog)\n"
        "- Tides explained - [Ocean Docs](https://example.org/ocean-docs)\n"
        "- Daily news - [Harbor Site](https://example.org/harbor)\n"
    )
    assert [title for _, title, _ in listed(result.roadmap)] == [
        "Acme Engineering Blog",
        "Ocean Docs",
        "Harbor Site",
    ]
