"""publisher import: shapes found on session 13's held-out real lists (examples invented,
shapes taken from the lists heldA added to tests/fixtures/real/)."""

from __future__ import annotations

from test_importer_shapes import listed, read

from publisher.importer import ImportResult, import_markdown


def warned(result: ImportResult) -> list[str]:
    return [str(warning).split(": ", 1)[1] for warning in result.warnings]


def test_bullets_pointing_to_other_lists_by_their_repository_names_are_resources() -> None:
    # awesome-android-ui's "Other lists": '- _Looking for iOS? Check out_ [owner/list](…)'.
    # A repository's name ('owner/name') names a work whatever its case; both bullets were
    # kept as the section's text, in silence.
    text = (
        "# Widgets\n\n## See also\n"
        "- _Want the server side? See_ [acme/awesome-servers](https://example.org/acme/servers).\n"
        "- Looking for games? Check out [jo-bo/awesome-games](https://example.org/jo/games)\n"
    )
    result = read(text)
    assert listed(result.roadmap) == [
        (("See also",), "acme/awesome-servers", "https://example.org/acme/servers"),
        (("See also",), "jo-bo/awesome-games", "https://example.org/jo/games"),
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
