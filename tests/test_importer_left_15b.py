"""publisher import: small defects of shapes already read, found in session 15 (examples
invented; each test names the shape it reads)."""

from __future__ import annotations

import pytest
from test_importer_shapes import listed, messages, read


def test_a_link_read_from_a_sentence_or_a_names_words_is_checked_with_a_warning() -> None:
    # An item whose resource is named by a link set in a sentence (`Tidewater's [Guide](…) is
    # good too`) or in the words after a name (`Name: words [link](…)`): the link was checked
    # with a list of warnings thrown away, so a link no resource may have (ftp:) left the
    # resource without a URL in silence, and a mistyped scheme was mended unsaid.
    result = read(
        "# Shore\n\n## Tools\n\n"
        "- [Kelp](https://kelp.example.org) - a sorter of weeds\n"
        "- Tidewater's [Brine Guide](ftp://brine.example.org) is good too\n"
        "- [Gull](https://gull.example.org) - a counter of gulls\n"
        "- Harbour's [Salt Notes](hhttps://salt.example.org/notes) are short\n"
        "- [Tern](https://tern.example.org) - a tern\n\n"
        "## Players\n\n"
        "- Tide players\n"
        "  - [Sandpiper](https://sandpiper.example.org)\n"
        "  - [Plover](https://plover.example.org)\n"
        "  - Dunlin: its support is tracked in [issue 12](ftp://dunlin.example.org/12)\n"
        "  - Knot: its support is tracked in [issue 14](https//knot.example.org/14)\n"
        "  - [Curlew](https://curlew.example.org)\n"
        "- [Other](https://other.example.org)\n\n"
        "## 库\n\n"
        "- simplejson: 一个库 [官网](https://simplejson.example.org)\n"
        "- ujson: 另一个 [ujson](ftp://ujson.example.org) 的实现。\n"
        "- orjson: 快 [官网](https://orjson.example.org)\n"
    )
    urls = {title: url for _, title, url in listed(result.roadmap)}
    assert {title: urls[title] for title in ("Brine Guide", "Salt Notes", "Dunlin", "Knot")} == {
        "Brine Guide": "",
        "Salt Notes": "https://salt.example.org/notes",
        "Dunlin": "",
        "Knot": "https://knot.example.org/14",
    }
    assert urls["ujson"] == ""
    said = [message for message in messages(result) if ": link '" in message]
    assert [message.split(": link ")[0] for message in said] == [
        "road.md:6",
        "road.md:8",
        "road.md:16",
        "road.md:17",
        "road.md:24",
    ]
    assert [message.rsplit(": ", 1)[-1].split(" (")[0] for message in said] == [
        "'ftp:' is not an allowed scheme",
        "a mistyped scheme, read as 'https://salt.example.org/notes'",
        "'ftp:' is not an allowed scheme",
        "a mistyped scheme, read as 'https://knot.example.org/14'",
        "'ftp:' is not an allowed scheme",
    ]


@pytest.mark.parametrize(
    ("markdown", "descriptions"),
    [
        pytest.param(
            # Bullets and cards whose lines end in a backslash or two spaces (hard breaks): the
            # words read from them kept a backslash for each break ('\\\nA tern counter', a
            # line of its own when the break follows the link) and one ending the last line
            # ('… `PHP` \').
            "# Shore\n\n## Tools\n\n"
            "- [Kelp](https://kelp.example.org) - a sorter of weeds  \\\n  by the tide people\n"
            "- [Gull](https://gull.example.org) - a counter of gulls  \n  and terns\n"
            "- [Tern](https://tern.example.org) \\\n  a tern counter\n"
            "- [Brine](https://brine.example.org)\\\n  Salt guide.\\\n  Second line.\n"
            "- [Dune](https://dune.example.org)  \n  Walks.\n\n"
            "## Channels\n\n"
            "[**Surf Talk**](https://surf.example.org) \\\n"
            "Topics: Waves \\\nPlaylists: `Swell`, `Reef` \\\n\n"
            "[**Rock Pool**](https://pool.example.org)  \n"
            "Topics: Crabs\\\n",
            {
                "Kelp": "a sorter of weeds\nby the tide people\n",
                "Gull": "a counter of gulls\nand terns\n",
                "Tern": "a tern counter\n",
                "Brine": "Salt guide.\nSecond line.\n",
                "Dune": "Walks.\n",
                "Surf Talk": "Topics: Waves\nPlaylists: `Swell`, `Reef`\n",
                "Rock Pool": "Topics: Crabs\n",
            },
            id="a-hard-break-in-a-resources-words-is-a-line-break-never-a-backslash",
        ),
        pytest.param(
            # `[Title](…), *A. Author*, 2020` (after a bold label too, `**Paper:** [Title](…),
            # …`), `[Title](…); a book on sand`, a full-width comma: the words after the link
            # are its description, without the comma or semicolon that joined them to it.
            "# Shore\n\n## Papers\n\n"
            "- **Paper:** [Salt Flats](https://salt.example.org), *A. Author*, 2020\n"
            "- **Paper:** [Tide Pools](https://tide.example.org), *B. Author*, 2021\n"
            "- **Book:** [Dunes](https://dunes.example.org); a book on sand\n"
            "- [Kelp](https://kelp.example.org), *C. Author*, 2019\n"
            "- [沙丘](https://sand.example.org)\uff0c一本关于沙的书\n"
            "- [Tern](https://tern.example.org): a tern guide\n",
            {
                "Salt Flats": "*A. Author*, 2020\n",
                "Tide Pools": "*B. Author*, 2021\n",
                "Dunes": "a book on sand\n",
                "Kelp": "*C. Author*, 2019\n",
                "沙丘": "一本关于沙的书\n",
                "Tern": "a tern guide\n",
            },
            id="a-description-never-starts-with-the-comma-that-joined-it-to-the-link",
        ),
    ],
)
def test_the_description_read_after_a_resources_link(
    markdown: str, descriptions: dict[str, str]
) -> None:
    result = read(markdown)
    assert {resource.title: resource.description for _, resource in result.roadmap.walk()} == (
        descriptions
    )


def test_names_after_a_facts_link_still_read_as_facts_under_a_tools_heading() -> None:
    # A guard: the comma after a fact's link (`[Paper](…), A. Author, B. Author`) is what says
    # the words are more names, so the tool's heading over such facts stays one resource (the
    # comma is left out of a resource's description only once it is read). Taken out of the
    # bullet's words, the heading read as a section of one resource, the paper.
    result = read(
        "# Tools\n\n"
        "## Gullcount\n\nA counter of gulls.\n\n"
        "- [C++](https://example.org/gullcount)\n- [Shore Lab](https://lab.example.org)\n"
        "- [MIT License](https://example.org/mit)\n\n"
        "## Kelpsort\n\nA sorter of kelp.\n\n"
        "- [Java](https://example.org/kelpsort)\n- [Sea Lab](https://sealab.example.org)\n"
        "- [Apache License 2.0](https://example.org/apache)\n\n"
        "## Ternscan\n\nA scanner of terns.\n\n"
        "- [Scanning terns at dawn](https://example.org/ternscan), Ada Brook(Shore University), "
        "Cy Dune(Shore University)\n\n"
        "## Dunewalk\n\nA walker of dunes.\n\n"
        "- [Python, Go](https://example.org/dunewalk)\n- Eve Reef\n"
        "- [Apache License 2.0](https://example.org/apache)\n"
    )
    assert [title for _, title, _ in listed(result.roadmap)] == [
        "Gullcount",
        "Kelpsort",
        "Ternscan",
        "Dunewalk",
    ]
    assert any(
        message.startswith("road.md:19: heading 'Ternscan' read as one resource")
        for message in messages(result)
    )
