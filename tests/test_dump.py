"""The YAML writer's own reading of plain scalars, against PyYAML's."""

from __future__ import annotations

import itertools
import subprocess
import sys

import yaml
from hypothesis import given
from hypothesis import strategies as st

from publisher import dump

_RESOLVER = yaml.resolver.Resolver()  # what `load` (yaml.SafeLoader) reads plain scalars with


def _pyyaml_reads_as_string(text: str) -> bool:
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == "tag:yaml.org,2002:str")


# Every kind of scalar YAML 1.1 reads as something else, its near misses, and words.
_WORDS = """
yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF
yEs nO tRUE y n Y N ok null Null NULL nULL ~ ~~ none None
0 7 -7 +7 012 019 0o17 0b101 0b102 -0b1 0x1F 0xG1 1_000 _1 1_ 190:20:30 1:60
1.5 -1.5 +.5 .5 1. 1e5 1.0e+5 1.0e5 1.0E-5 .inf -.Inf +.INF .nan .NaN .NAN .nAn
6.8523015e+5 685.230_15e+03 190:20:30.15 1:2:3.4 0.:1 .1.2 1.2.3 -.
2024-01-04 2024-1-4 24-01-04 2024-01-04T10:20:30Z 2024-01-04t1:20:30.5+01
<< < <<< = == ! & * !tag &anchor *alias
Python C++ 3D ML 2024 v1.2 1.2.3-beta 10x 100% 4-week +1s -1s
"""
_SCALARS = [
    *_WORDS.split(),
    "2001-12-14 21:59:43.10 -5",
    "2001-12-14\t21:59:43",
    "2024-01-04 later",
]


def test_the_writers_plain_scalars_are_read_as_pyyaml_reads_them() -> None:
    disagreements = [
        text for text in _SCALARS if dump.reads_as_string(text) != _pyyaml_reads_as_string(text)
    ]
    assert disagreements == []
    # The list holds both answers, so the check above could fail either way.
    assert {dump.reads_as_string(text) for text in _SCALARS} == {True, False}


_ALPHABET = "0123456789_:.+-eExXbBoOinfaINFANyYsStTrRuUlLNn~<=!&* \tTZ"


@given(st.text(_ALPHABET, min_size=1, max_size=24))
def test_any_text_of_numbers_dates_and_words_is_read_as_pyyaml_reads_it(text: str) -> None:
    assert dump.reads_as_string(text) == _pyyaml_reads_as_string(text)


def test_every_short_text_of_the_characters_that_matter_is_read_as_pyyaml_reads_it() -> None:
    for length in range(1, 4):
        for letters in itertools.product("09_:.+-eEx~<=nNyY", repeat=length):
            text = "".join(letters)
            assert dump.reads_as_string(text) == _pyyaml_reads_as_string(text), text


def test_writing_yaml_does_not_import_pyyaml() -> None:
    # import-history writes YAML and reads none: PyYAML's import would be a tenth of its
    # start-up.
    code = (
        "import sys; import publisher.dump, publisher.git_history, publisher.output; "
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'yaml'))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == "[]"


def test_the_characters_written_escaped_are_those_pyyaml_refuses_to_read() -> None:
    # dump._NOT_PRINTABLE lists the refused characters; PyYAML's Reader names the others.
    refused = yaml.reader.Reader.NON_PRINTABLE
    differing = [
        code
        for code in range(0x110000)
        if bool(dump._NOT_PRINTABLE.match(chr(code))) != bool(refused.match(chr(code)))
    ]
    assert differing == []
