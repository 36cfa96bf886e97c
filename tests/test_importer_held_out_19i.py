"""publisher import: shapes found on session 19's work on the held-out histories (heldI;
examples invented, shapes taken from tests/fixtures/held-out-pending/:
ai-for-beginners-table-history, ds-for-beginners-curricula-history)."""

from __future__ import annotations

from test_importer_shapes import listed, read

BADGE = "https://img.shields.io/badge/"


def test_linked_buttons_naming_things_one_a_line_are_resources() -> None:
    # ds-for-beginners-curricula-history (version 3): a team's other courses written as
    # buttons, one a line under a heading of their series: `[![AZD for Beginners](https://
    # img.shields.io/badge/AZD%20for%20Beginners-0078D4?style=for-the-badge)](https://…)`,
    # a badge drawing the course's name (one text, a colour), its alt text that name, its link
    # the course. They were read as a row of status badges: all lost.
    result = read(
        "# Rivers\n\n## Other Courses\n\nOur team makes other courses:\n\n"
        "### Water Series\n"
        f"[![Rain for Beginners]({BADGE}Rain%20for%20Beginners-0078D4?style=for-the-badge)]"
        "(https://example.org/rain?ref=team)\n"
        f"[![Snow (.NET)]({BADGE}Snow%20(.NET)-9333EA?style=for-the-badge)]"
        "(https://example.org/snow)\n"
        f"[![Ice for C#/Go]({BADGE}Ice%20for%20C%23/Go-FBBF24)](https://example.org/ice)\n\n"
        "---\n\n"
        "### Stone Series\n"
        f"[![Rock_Climbing 101]({BADGE}Rock__Climbing_101-22C55E)](https://example.org/rock)\n"
        f"[![Sand Art]({BADGE}-Sand%20Art-84CC16)](https://example.org/sand)\n"
    )
    assert listed(result.roadmap) == [
        (
            ("Other Courses", "Water Series"),
            "Rain for Beginners",
            "https://example.org/rain?ref=team",
        ),
        (("Other Courses", "Water Series"), "Snow (.NET)", "https://example.org/snow"),
        (("Other Courses", "Water Series"), "Ice for C#/Go", "https://example.org/ice"),
        (("Other Courses", "Stone Series"), "Rock_Climbing 101", "https://example.org/rock"),
        (("Other Courses", "Stone Series"), "Sand Art", "https://example.org/sand"),
    ]


def test_status_badges_one_a_line_stay_badges() -> None:
    # A badge saying something of the project (a label and its value: 'PRs | welcome',
    # 'License | MIT'), one of another service, a button among them ('Buy me a coffee' over
    # an npm version), or buttons naming this README's translations: no resources, as before.
    result = read(
        "# Rivers\n\n## About\n\n"
        f"[![PRs Welcome]({BADGE}PRs-welcome-brightgreen.svg)](http://makeapullrequest.com)\n"
        f"[![License: MIT]({BADGE}License-MIT-yellow.svg)](https://opensource.org/licenses/MIT)\n"
        "\n## Support\n\n"
        f"[![Buy me a coffee]({BADGE}Buy_Me_a_Coffee-ffdd00)](https://example.org/sponsor)\n"
        "[![npm](https://img.shields.io/npm/v/rivers.svg)](https://npmjs.org/package/rivers)\n"
        "\n## Read it in\n\n"
        f"[![Hindi]({BADGE}-Hindi-orange)](translations/README.hi.md)\n"
        f"[![French]({BADGE}-French-purple)](translations/README.fr.md)\n"
        "\n## Tools\n\n- [Boat](https://example.org/boat) - floats.\n"
    )
    assert listed(result.roadmap) == [(("Tools",), "Boat", "https://example.org/boat")]
