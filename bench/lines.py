"""`publisher import` of long lines that open links and never close them, against the
CommonMark parser alone (markdown-it-py, configured as the importer configures it) parsing the
same document, measured in the same run (in process, CPU time).

A line of `[a](` or `<` repeated opens a link destination or an autolink every few
characters (and a paper-list item's quote left open over `. . .`, see `_quoted_title`);
a search that tries each start again reads such a line in quadratic time (a line
of 32,000 characters took 8 s when the parser alone takes a fraction of a second). Each line
is read as a list item (with a bare URL, so the parser's linkify is on) and as a heading.
Prints the ratio of medians; goal <= 1.5 (the importer's own work stays a fraction of the
parse, whatever the length of the line).

Second, lines of a kind that repeat: unlinked `###` headings above a document's `# Title`
(taglines under a banner), each once asked whether it is a tagline. Read at two sizes, ten
times apart: the importer's growth over the parser's growth on the same documents, goal <= 1.5
(linear: about 1; each heading looking ahead to the title again made it 1.72 at --quick's
500 -> 5,000 headings: 17.8x the time).

    python bench/lines.py [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from publisher.importer import _parser, clear_caches, import_markdown

RUNS = ("[a](", "<", "](")


def _document(lines: list[str]) -> str:
    body = "".join(
        f"- https://example.org/{n} {line} [L{n}](https://example.org/l{n})\n"
        for n, line in enumerate(lines)
    )
    headings = "".join(f"### {line}\n\n" for line in lines)
    # A paper-list item whose quote never closes over a run of '. ' (a quoted title is
    # searched for in each such item's words).
    papers = "".join(
        f'- A. Author: "{". " * (len(line) // 2)}x [[pdf]](https://example.org/p{n}) '
        f"[[code]](https://example.org/c{n})\n"
        for n, line in enumerate(lines)
    )
    return f"# Lines\n\n## Items\n\n{body}\n## Headings\n\n{headings}\n## Papers\n\n{papers}"


def _taglines(count: int) -> str:
    headings = "".join(f"### Tagline {n}\n\nWords under tagline {n}.\n\n" for n in range(count))
    return f"{headings}# Title\n\n## Section\n\n- [A](https://example.org/a) - what it is\n"


def _median(read: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        clear_caches()  # each run reads the document afresh, as a new process does
        started = time.process_time()
        read()
        times.append(time.process_time() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="lines of 8,000 characters")
    options = parser.parse_args()
    length, runs = (8_000, 3) if options.quick else (32_000, 5)
    text = _document([run * (length // len(run)) for run in RUNS])
    commonmark = _parser(True)
    baseline = _median(lambda: commonmark.parse(text), runs)
    measured = _median(lambda: import_markdown(text, "lines.md", pieces=False), runs)
    print(
        f"unclosed links: ratio {measured / baseline:.2f} (import {measured:.2f} s / "
        f"markdown-it-py parse {baseline:.2f} s of the same lines of {length:,} characters of "
        f"{', '.join(RUNS)} repeated, as items and headings, and paper items' open quotes; "
        f"CPU, medians of {runs}; "
        f"goal <= 1.5)"
    )
    small, large = (500, 5_000) if options.quick else (1_000, 10_000)
    times = {}
    for count in (small, large):
        document = _taglines(count)
        times[count] = (
            _median(lambda document=document: import_markdown(document, "taglines.md"), runs),
            _median(lambda document=document: commonmark.parse(document), runs),
        )
    imported = times[large][0] / times[small][0]
    parsed = times[large][1] / times[small][1]
    print(
        f"headings above the title: ratio {imported / parsed:.2f} (import {imported:.1f}x the "
        f"time for {large // small}x the headings, {small:,} -> {large:,} unlinked '###' "
        f"headings above '# Title' ({times[small][0]:.2f} -> {times[large][0]:.2f} s), "
        f"markdown-it-py alone {parsed:.1f}x ({times[small][1]:.2f} -> {times[large][1]:.2f} s); "
        f"CPU, medians of {runs}; goal <= 1.5)"
    )


if __name__ == "__main__":
    main()
