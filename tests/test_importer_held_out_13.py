"""publisher import: shapes found on session 13's held-out real lists (examples invented,
shapes taken from the lists heldA added to tests/fixtures/real/)."""

from __future__ import annotations

from test_importer_shapes import listed, read

from publisher.importer import ImportResult, import_markdown


def warned(result: ImportResult) -> list[str]:
    return [str(warning).split(": ", 1)[1] for warning in result.warnings]


def test_bullets_pointing_to_other_lists_by_their_repository_names_are_resources() -> None:
    # awesome-android-ui's "Other lists": '- _Looking for iOS? Check out_ [owner/list](…)'.
    # A repository's name ('owner/name', as its address names it) names a work whatever its
    # case; both bullets were kept as the section's text, in silence.
    text = (
        "# Widgets\n\n## See also\n"
        "- _Want the server side? See_ "
        "[acme/awesome-servers](https://example.org/acme/awesome-servers).\n"
        "- Looking for games? Check out "
        "[jo-bo/awesome-games](https://example.org/Jo-Bo/awesome-games)\n"
    )
    result = read(text)
    assert listed(result.roadmap) == [
        (("See also",), "acme/awesome-servers", "https://example.org/acme/awesome-servers"),
        (("See also",), "jo-bo/awesome-games", "https://example.org/Jo-Bo/awesome-games"),
    ]
    said = warned(result)
    assert len(said) == 2
    assert all("names its resource in a sentence" in warning for warning in said)
    assert [str(warning).split(":")[1] for warning in result.warnings] == ["4", "5"]
    assert import_markdown(text, "road.md", pieces=True) == result
    # Advice naming the repository's own pages by a plain word stays text, as before.
    advice = read(
        "# L\n\n## More\n"
        "- Check out the [projects](https://example.org/p) section for examples!\n"
        "- Check out the [books](https://example.org/b) section for more\n"
    )
    assert listed(advice.roadmap) == []
    # Nor are words joined by a slash a repository's name unless its address names it so
    # ('[input/output](…/io)': advice about a topic, as any link named in lower case).
    slashed = read(
        "# L\n\n## Networking\n"
        "- Learn the basics of [input/output](https://example.org/io) first.\n"
        "- Understand [client/server](https://example.org/guides/cs) before the rest.\n"
    )
    assert listed(slashed.roadmap) == []


def test_bullets_under_a_label_indented_short_of_its_text_are_nested_under_it() -> None:
    # data-engineer-handbook's ' - Semantic Layers' (one space in) over '  - [Cube](…)' (two):
    # CommonMark needs three spaces to nest under it, so the label and its bullets were all
    # items of the outer list, the label a resource without a link and its tools filed in the
    # parent section, in silence. The author's bullets sit further in than the label: nested.
    text = (
        "# Tools\n\n## Vendors\n\n"
        "- Storage\n"
        "  - [Acme Store](https://example.org/store)\n"
        "  - [Box Vault](https://example.org/vault)\n"
        " - Queues\n"
        "  - [Line Up](https://example.org/lineup)\n"
        "  - [Post Box](https://example.org/postbox)\n"
        "- Search\n"
        "  - [Seek](https://example.org/seek)\n"
        "\n## Hosts\n\n"
        "- Cloud\n"
        " - [Sky Host](https://example.org/sky)\n"
        " - [Rain Host](https://example.org/rain)\n"
    )
    result = read(text)
    assert listed(result.roadmap) == [
        (("Vendors", "Storage"), "Acme Store", "https://example.org/store"),
        (("Vendors", "Storage"), "Box Vault", "https://example.org/vault"),
        (("Vendors", "Queues"), "Line Up", "https://example.org/lineup"),
        (("Vendors", "Queues"), "Post Box", "https://example.org/postbox"),
        (("Vendors", "Search"), "Seek", "https://example.org/seek"),
        (("Hosts", "Cloud"), "Sky Host", "https://example.org/sky"),
        (("Hosts", "Cloud"), "Rain Host", "https://example.org/rain"),
    ]
    said = [str(warning) for warning in result.warnings]
    assert [warning.split(":")[1] for warning in said] == ["8", "16"]
    assert "'Queues'" in said[0]
    assert "nested under it" in said[0]
    assert import_markdown(text, "road.md", pieces=True) == result
    # Bullets beside a linked bullet, or as far in as their label's text, read as before.
    plain = read(
        "# L\n\n## S\n\n- [Alpha](https://example.org/a)\n - [Beta](https://example.org/b)\n"
        "- Group\n  - [Gamma](https://example.org/g)\n"
    )
    assert listed(plain.roadmap) == [
        (("S",), "Alpha", "https://example.org/a"),
        (("S",), "Beta", "https://example.org/b"),
        (("S", "Group"), "Gamma", "https://example.org/g"),
    ]
    assert plain.warnings == ()
    # Nor does fenced code that shows the shape.
    code = read("# L\n\n## S\n\n```\n- Group\n - [Gamma](https://example.org/g)\n```\n")
    assert code.warnings == ()
    assert " - [Gamma]" in code.roadmap.sections[0].intro
