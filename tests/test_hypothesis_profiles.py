"""The Hypothesis profiles of tests/conftest.py: CI draws the same examples every run."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st


def _drawn(profile: settings) -> list[str]:
    seen: list[str] = []

    @settings(profile)
    @given(st.text(min_size=5))
    def record(text: str) -> None:
        seen.append(text)

    record()
    return seen


def test_the_ci_profile_is_derandomized_and_no_weaker() -> None:
    ci = settings.get_profile("ci")
    assert ci.derandomize
    assert ci.print_blob
    assert ci.max_examples >= settings.get_profile("default").max_examples
    assert ci.phases == settings.get_profile("default").phases
    # The same examples in two runs: a CI failure is the code's, never the draw's.
    assert _drawn(ci) == _drawn(ci)


def test_developers_draw_at_random() -> None:
    dev = settings.get_profile("dev")
    assert not dev.derandomize
    assert _drawn(dev) != _drawn(dev)


def test_the_profile_in_force_follows_the_environment() -> None:
    expected = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if "CI" in os.environ else "dev")
    assert settings().derandomize == settings.get_profile(expected).derandomize
    if expected == "ci":
        assert settings().max_examples == 100
