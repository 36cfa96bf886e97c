"""publisher import and diff: shapes found on held-out real histories (examples invented,
shapes taken from the histories added to tests/fixtures/real/ by session 16's heldF pass:
llm-agent-papers-history, paper-reading-zh-history)."""

from __future__ import annotations

from typing import Any

from test_importer_held_out import warned
from test_importer_shapes import listed, read

from publisher.diff import diff
from publisher.load import build_snapshot
from publisher.model import Snapshot
from publisher.readme import render_readme


def test_a_paper_dated_before_its_title_is_titled_by_the_title_not_its_authors() -> None:
    # llm-agent-papers-history: '- [2023/07] **Title.** *A. Author (Lab) et al. arXiv.*
    # [[paper](…)] [[code](…)]'. The date before the bold title hid the title: each paper
    # was titled by its title and its authors together, a note-like bullet (an empty
    # '[[code]()]', a link's words with commas) was taken for a note of the paper above, and
    # an affiliation added to the authors changed the paper's title.
    result = read(
        "# L\n\n## Tools\n\n"
        "- [2023/07] **Rivers of Tools: Agents at Work.** *Ann Lee (Lab of Rivers) et al. "
        "arXiv.* [[paper](https://example.org/p/1)] [[code](https://example.org/c/1)]\n"
        "- [2023/05/26] **Tool Makers.** *Bo Chen et al. arXiv.* "
        "[[paper](https://example.org/p/2)] [[code]()]\n"
        "- [2023/04] **Clinics of Words.** *Cy Dee (ZZU) et al. arXiv.* "
        "[[paper](https://example.org/p/3)] [[code, data, and model](https://example.org/c/3)]\n"
    )
    assert listed(result.roadmap) == [
        (("Tools",), "Rivers of Tools: Agents at Work", "https://example.org/p/1"),
        (("Tools",), "Tool Makers", "https://example.org/p/2"),
        (("Tools",), "Clinics of Words", "https://example.org/p/3"),
    ]
    rivers = result.roadmap.sections[0].resources[0]
    # The authors, the date and the other links are the paper's description, as written.
    assert "Ann Lee (Lab of Rivers) et al." in rivers.description
    assert "[2023/07]" in rivers.description
    assert "https://example.org/c/1" in rivers.description
    assert warned(result) == []


def test_a_paper_titled_in_plain_words_before_its_authors_in_italics() -> None:
    # llm-agent-papers-history: '- [2023/02] Title. *A. Author et al. arXiv.* [[paper](…)]'
    # and, without the full stop, 'Title *A. Author et al. IEEE(RAL)* [[paper](…)]': the
    # words before the italic authors ("et al.") are the title.
    result = read(
        "# L\n\n## Embodied\n\n"
        "- [2023/02] Walkers Can Teach Themselves. *Dan Eve et al. arXiv.* "
        "[[paper](https://example.org/p/4)]\n"
        "- [2023/07] Talking to robots in real time *Fay Gu et al. IEEE(RAL)* "
        "[[paper](https://example.org/p/5.pdf)] [[code](https://example.org/c/5)]\n"
        "- Grounds of Language. *Hal Ivy et al. EMNLP.* [[paper](https://example.org/p/6)]\n"
        "- Robots on Roads *Jon Kayet al. CoRL* [[paper](https://example.org/p/8)]\n"
    )
    assert listed(result.roadmap) == [
        (("Embodied",), "Walkers Can Teach Themselves", "https://example.org/p/4"),
        (("Embodied",), "Talking to robots in real time", "https://example.org/p/5.pdf"),
        (("Embodied",), "Grounds of Language", "https://example.org/p/6"),
        # "Kayet al.": the space before "et al." left out, as written.
        (("Embodied",), "Robots on Roads", "https://example.org/p/8"),
    ]
    assert "Dan Eve et al." in result.roadmap.sections[0].resources[0].description
    assert warned(result) == []
    # Words in italics that are no author list (no "et al.") stay as they were read: a
    # phrase before an italic title is no title of its own.
    kept = read(
        "# L\n\n## Papers\n\n"
        "- Jo Doe and Kim Roe: *A Study of Sand.* [[pdf](https://example.org/p/7)]\n"
    )
    assert [title for _, title, _ in listed(kept.roadmap)] != ["Jo Doe and Kim Roe"]


def _snapshot(sections: list[dict[str, Any]], version: str) -> Snapshot:
    return build_snapshot(
        {
            "title": "Papers",
            "release": {"version": version, "date": "2024-01-01"},
            "sections": sections,
        },
        f"{version}.yaml",
    )


def test_a_paper_listed_anew_under_an_earlier_heading_is_new_there_only() -> None:
    # llm-agent-papers-history: a part rewritten lists two papers the list already had under
    # a later heading (ChemCrow, WebGPT). The importer gives a URL's later listing an id of
    # its own, so the new listing took the old one's identity: the old listing was announced
    # updated and moved, and itself "added".
    paper = {"title": "ChemCrow", "url": "https://example.org/chemcrow"}
    other = {"title": "Math Agents", "url": "https://example.org/math"}
    old = _snapshot(
        [
            {
                "title": "Tool Using",
                "resources": [{"title": "Toolformer", "url": "https://example.org/tf"}],
            },
            {
                "title": "Innovation",
                "resources": [other, {**paper, "description": "[2023/04] Bran"}],
            },
        ],
        "1",
    )
    new = _snapshot(
        [
            {
                "title": "Tool Using",
                "resources": [
                    {**paper, "description": "[2023/04/11] **ChemCrow.** Bran"},
                    {"title": "Toolformer", "url": "https://example.org/tf"},
                ],
            },
            {
                "title": "Innovation",
                "resources": [
                    other,
                    {**paper, "id": "chemcrow-2", "description": "[2023/04] Bran"},
                ],
            },
        ],
        "2",
    )
    changes = diff(old, new)
    assert [(item.resource.title, item.section) for item in changes.added] == [
        ("ChemCrow", ("Tool Using",))
    ]
    # The old listing only gained an id readers never see: a cosmetic update, not announced.
    assert changes.removed == changes.announced_updates == changes.moved == ()
    # Back again: the listing under the earlier heading is the one removed.
    back = diff(new, old)
    assert [(item.resource.title, item.section) for item in back.removed] == [
        ("ChemCrow", ("Tool Using",))
    ]
    assert back.added == back.announced_updates == back.moved == ()


def test_a_date_given_to_the_day_and_a_link_to_nothing_dropped_are_no_update() -> None:
    # llm-agent-papers-history: a part rewritten dated its papers to the day ('[2023/02]' →
    # '[2023/02/09]'), a paper's empty '[[code]()]' was dropped: each was announced updated.
    def item(description: str) -> dict[str, Any]:
        return {"title": "Toolformer", "url": "https://example.org/tf", "description": description}

    def changed(before: str, after: str) -> list[str]:
        old = _snapshot([{"title": "Tools", "resources": [item(before)]}], "1")
        new = _snapshot([{"title": "Tools", "resources": [item(after)]}], "2")
        return [change.resource.title for change in diff(old, new).announced_updates]

    said = "*Timo Schick et al. arXiv.* [[paper](https://example.org/tf)]"
    assert (
        changed(f"\\[2023/02] Toolformer. {said}", f"\\[2023/02/09] **Toolformer.** {said}") == []
    )
    assert changed(f"\\[2023-02-09] Toolformer. {said}", f"\\[2023-02] Toolformer. {said}") == []
    assert changed(f"Toolformer. {said} [[code]()]", f"Toolformer. {said}") == []
    # Another month, another day of a date given to the day, another paper's link, words
    # added: news.
    assert changed(f"\\[2023/02] Toolformer. {said}", f"\\[2023/03/09] Toolformer. {said}") == [
        "Toolformer"
    ]
    assert changed(f"\\[2023/02/08] Toolformer. {said}", f"\\[2023/02/09] Toolformer. {said}") == [
        "Toolformer"
    ]
    assert changed(
        f"Toolformer. {said} [[code]()]", f"Toolformer. {said} [[code](https://c.example.org)]"
    ) == ["Toolformer"]
    assert changed(
        f"\\[2023/02] Toolformer. {said}",
        "\\[2023/02/09] Toolformer. *Timo Schick (Meta AI) et al.*",
    ) == ["Toolformer"]
    # A version named by its year and month is no date (its third number is news), nor are a
    # date's parts written with two marks (the review of session 16).
    assert changed("Supports Unity 2022.3 LTS.", "Supports Unity 2022.3.10 LTS.") == ["Toolformer"]
    assert changed("PyCharm 2023.1 notes.", "PyCharm 2023.1.5 notes.") == ["Toolformer"]
    assert changed("\\[2023-02] Toolformer.", "\\[2023-02/09] Toolformer.") == ["Toolformer"]


def test_a_table_titled_by_its_chinese_title_column_and_an_empty_link() -> None:
    # paper-reading-zh-history: '| 日期 | 标题 | 封面 | 时长 | 视频 |' ('title' in Chinese not
    # known): each row was titled by its date or by its video link's words ('B站'), its date
    # a tag; a reading whose paper was still to be linked ('[AlphaCode]() 论文精读') was
    # titled by its date and, once linked, announced new.
    result = read(
        "# L\n\n## 录制完成的论文\n\n"
        "| 日期 | 标题 | 时长 | 视频 |\n"
        "| -- | -- | --: | -- |\n"
        "| 3/17/22 | [Tide Paper]() 论文精读 | 44:00 |  |\n"
        "| 3/10/22 | [Sand Paper](https://example.org/p/sand) 论文精读 | 47:58 | "
        "[B站](https://example.org/v/1), [YouTube](https://example.org/y/1) |\n"
        "| 1/18/22 | 如何读论文 | 9:59 | [B站](https://example.org/v/2), "
        "[知乎](https://example.org/z/2) |\n"
    )
    assert listed(result.roadmap) == [
        (("录制完成的论文",), "Tide Paper", ""),
        (("录制完成的论文",), "Sand Paper", "https://example.org/p/sand"),
        (("录制完成的论文",), "如何读论文", "https://example.org/v/2"),
    ]
    tide, sand, _ = result.roadmap.sections[0].resources
    # Its videos (B站, YouTube: links named by the site they are on) kept after what the title
    # cell says; 知乎, a site of answers, is no video of it.
    assert (tide.description, sand.description) == (
        "论文精读\n",
        "论文精读\n\n[B站](https://example.org/v/1), [YouTube](https://example.org/y/1)\n",
    )
    assert all(not resource.tags for resource in result.roadmap.sections[0].resources)
    assert warned(result) == [
        "row 'Tide Paper': its title's link has no address yet ('[Tide Paper]()'): read by "
        "its words, without that link"
    ]
    # Linked the next week, it is the same reading: one update (its link), nothing new.
    linked = read(
        "# L\n\n## 录制完成的论文\n\n"
        "| 日期 | 标题 | 时长 | 视频 |\n"
        "| -- | -- | --: | -- |\n"
        "| 3/17/22 | [Tide Paper](https://example.org/p/tide) 论文精读 | 44:00 | "
        "[B站](https://example.org/v/3) |\n"
    )
    old = _snapshot([{"title": "录制完成的论文", "resources": [{"title": "Tide Paper"}]}], "1")
    tide_linked = linked.roadmap.sections[0].resources[0]
    new = _snapshot(
        [
            {
                "title": "录制完成的论文",
                "resources": [{"title": tide_linked.title, "url": tide_linked.url}],
            }
        ],
        "2",
    )
    changes = diff(old, new)
    assert changes.added == changes.removed == ()
    assert [change.resource.url for change in changes.announced_updates] == [
        "https://example.org/p/tide"
    ]


def test_a_banner_heading_over_an_image_above_the_title_is_no_section() -> None:
    # app-ideas-tiers-history: '## 👇 **Practice Daily on Example** 👇' over a linked banner
    # image, then the document's '# Title': the banner was read as a section, so the title
    # after it was a section too, over every project of the list.
    result = read(
        "## 👇 **Practice Daily on Example.org** 👇\n\n"
        "[![Example](https://example.org/banner.jpg)](https://example.org/?ref=ideas)\n\n"
        "# :ledger: Idea Collection\n\n"
        "Have you ever wanted to build something?\n\n"
        "## Projects\n\n"
        "### Tier-1: Beginner Projects\n\n"
        "| Name | Short Description | Tier |\n"
        "| --- | --- | --- |\n"
        "| [Bin2Dec](https://example.org/p/bin2dec) | Binary-to-Decimal converter | 1-Beginner |\n"
    )
    assert result.roadmap.title == "Idea Collection"  # (its emoji shortcode left out)
    assert listed(result.roadmap) == [
        (("Projects", "Tier-1: Beginner Projects"), "Bin2Dec", "https://example.org/p/bin2dec")
    ]
    # `publisher readme` writes the banner's heading back above the title, where it reads the
    # same (below it, it would read back as a section).
    written = render_readme(result.roadmap)
    assert written.index("## 👇 Practice Daily on Example.org 👇") < written.index("# Idea")
    again = read(written)
    assert (again.roadmap.title, listed(again.roadmap)) == (
        result.roadmap.title,
        listed(result.roadmap),
    )
    assert again.roadmap.intro == result.roadmap.intro
    # A level-2 heading that says something (words, a list) above the title stays a section.
    said = read(
        "## News\n\nWe moved.\n\n# Idea Collection\n\n## Projects\n\n"
        "- [Bin2Dec](https://example.org/p/bin2dec) - a converter\n"
    )
    assert [path for path, _, _ in listed(said.roadmap)] != [("Projects",)]
