"""publisher import: small defects of shapes already read, found in session 15 (examples
invented; each test names the shape it reads)."""

from __future__ import annotations

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


def test_a_hard_break_in_a_resources_words_is_a_line_break_never_a_backslash() -> None:
    # Bullets and cards whose lines end in a backslash or two spaces (hard breaks): the words
    # read from them kept a backslash for each break ('\\\nA tern counter', a line of its own
    # when the break follows the link) and one ending the last line ('… `PHP` \').
    result = read(
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
        "Topics: Crabs\\\n"
    )
    descriptions = {resource.title: resource.description for _, resource in result.roadmap.walk()}
    assert descriptions == {
        "Kelp": "a sorter of weeds\nby the tide people\n",
        "Gull": "a counter of gulls\nand terns\n",
        "Tern": "a tern counter\n",
        "Brine": "Salt guide.\nSecond line.\n",
        "Dune": "Walks.\n",
        "Surf Talk": "Topics: Waves\nPlaylists: `Swell`, `Reef`\n",
        "Rock Pool": "Topics: Crabs\n",
    }
