"""The subscriber list: a CSV file ``email,name,sections`` read and checked as a whole.

Every row is validated (address syntax, known section ids, duplicates) and every problem is
reported with its line number; one bad row stops the whole send, so nobody gets a message
from a list that is only half right.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import re
import unicodedata
from base64 import urlsafe_b64encode
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from publisher.errors import DataError, NotFoundError, Problem

COLUMNS = ("email", "name", "sections")

# A pragmatic address check: one local part in the dot-atom form, an @, a domain of
# dot-separated labels with a top-level label. Quoted local parts and address literals are
# legal in RFC 5321 but practically never on a mailing list, and refusing them keeps odd
# characters out of SMTP commands and headers.
_LOCAL_PART = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_DOMAIN_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A cell a spreadsheet reads as a formula (CSV injection: a name typed into the subscribe
# form as ``=HYPERLINK(...)`` runs when a maintainer opens the export). Such cells are
# written after an apostrophe, which spreadsheets show as text and `parse_subscribers` takes
# off again: export then import gives back every name and address as it was.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet runs as a formula (see `_FORMULA_START`)."""
    return "'" + text if text.lstrip("'").startswith(_FORMULA_START) else text


def _from_spreadsheet_cell(cell: str) -> str:
    """A cell as `spreadsheet_cell` wrote it, back to its text."""
    return cell[1:] if cell.startswith("'") and spreadsheet_cell(cell[1:]) == cell else cell


def match_section_ids(
    names: Iterable[str], known: Iterable[str]
) -> tuple[frozenset[str], tuple[str, ...]]:
    """The known section ids that ``names`` (as a maintainer typed them) stand for, and the
    names that stand for none, sorted. A name matches an id however its characters are
    composed: "й" may reach us as "и" and a combining breve (NFD) from another program or a
    shell, and is still the id `model.slugify` wrote (NFC)."""
    by_form = {unicodedata.normalize("NFC", section_id): section_id for section_id in known}
    matched: set[str] = set()
    unknown: set[str] = set()
    for name in names:
        section_id = by_form.get(unicodedata.normalize("NFC", name))
        if section_id is None:
            unknown.add(name)
        else:
            matched.add(section_id)
    return frozenset(matched), tuple(sorted(unknown))


def subscribers_csv(rows: Iterable[tuple[str, str, Iterable[str]]]) -> str:
    """CSV text ``email,name,sections`` of (address, name, section ids) rows, as
    `parse_subscribers` reads it back, every cell safe to open in a spreadsheet."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for address, name, sections in rows:
        writer.writerow([spreadsheet_cell(cell) for cell in (address, name, ";".join(sections))])
    return buffer.getvalue()


@dataclass(frozen=True, slots=True, kw_only=True)
class Subscriber:
    """One row of the list. ``sections`` empty means every section."""

    address: str
    name: str = ""
    sections: frozenset[str] = frozenset()
    line: int = 0
    # Set for subscribers of the store: their links carry the token `publisher serve` checks.
    public_id: str = ""

    @property
    def key(self) -> str:
        """The address as the ledger and duplicate check compare it: case folded."""
        return ledger_key(self.address)


def form_name(text: str) -> str:
    """A name typed into a form as the store keeps it: control characters and runs of
    whitespace become one space, at most 100 characters; what `parse_subscribers` reads back
    from an export (a name holding ESC or NUL would make the export refuse to re-import)."""
    return " ".join(_CONTROL.sub(" ", text).split())[:100]


def name_problem(name: str) -> str:
    """Why ``name`` cannot be a subscriber's name ('' when it can)."""
    return "the name contains a line break or control character" if _CONTROL.search(name) else ""


def ledger_key(address: str) -> str:
    """The case-folded address: mail systems treat addresses case-insensitively in practice."""
    return address.strip().lower()


def address_problem(address: str) -> str:
    """Why ``address`` is not a usable e-mail address ('' when it is)."""
    if not address:
        return "the email address is empty"
    if _CONTROL.search(address) or " " in address:
        return f"{address!r} is not an email address (it contains spaces or control characters)"
    local, at, domain = address.rpartition("@")
    if not at or not local:
        return f"{address!r} is not an email address (expected name@domain)"
    if not address.isascii():
        return f"{address!r}: addresses with non-ASCII characters are not supported"
    if len(local) > 64 or not _LOCAL_PART.fullmatch(local):
        return f"{address!r} is not an email address (bad part before @)"
    labels = domain.split(".")
    if (
        len(domain) > 253
        or len(labels) < 2
        or not all(_DOMAIN_LABEL.fullmatch(label) for label in labels)
        or labels[-1].isdigit()
    ):
        return f"{address!r} is not an email address (bad domain {domain!r})"
    return ""


def parse_subscribers(
    text: str, *, label: str, known_sections: frozenset[str]
) -> tuple[Subscriber, ...]:
    """The subscribers in CSV ``text``; raises DataError listing every problem with its line."""
    problems: list[Problem] = []

    def problem(line: int, message: str) -> None:
        problems.append(Problem(path=label, line=line, message=message))

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise DataError([Problem(path=label, line=1, message=f"CSV: {error}")]) from None
    if header is None:
        raise DataError([Problem(path=label, line=1, message="the file is empty")])
    names = [name.strip().lower().lstrip("\ufeff") for name in header]
    if names[: len(COLUMNS)] != list(COLUMNS) or len(names) > len(COLUMNS):
        raise DataError(
            [Problem(path=label, line=1, message=f"the header must be {','.join(COLUMNS)}")]
        )

    subscribers: list[Subscriber] = []
    first_line: dict[str, int] = {}
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problem(reader.line_num, f"CSV: {error}")
            break
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue  # blank lines are harmless
        if len(row) > len(COLUMNS):
            problem(line, f"{len(row)} columns, expected at most {len(COLUMNS)}")
            continue
        cells = (_from_spreadsheet_cell(cell.strip()) for cell in row)
        address, name, sections_text = (*cells, "", "")[:3]
        row_problems = []
        if reason := address_problem(address):
            row_problems.append(reason)
        if reason := name_problem(name):
            row_problems.append(reason)
        sections, unknown_sections = match_section_ids(
            (part.strip() for part in sections_text.split(";") if part.strip()), known_sections
        )
        for unknown in unknown_sections:
            row_problems.append(f"unknown section id {unknown!r}")
        key = ledger_key(address)
        if address and key in first_line:
            row_problems.append(f"{address!r} is already listed on line {first_line[key]}")
        elif address:
            first_line[key] = line
        for message in row_problems:
            problem(line, message)
        if not row_problems:
            subscribers.append(Subscriber(address=address, name=name, sections=sections, line=line))
    if problems:
        raise DataError(problems)
    return tuple(subscribers)


def read_subscribers(
    path: Path, *, label: str, known_sections: frozenset[str]
) -> tuple[Subscriber, ...]:
    """The subscribers in the CSV file at ``path``; raises NotFoundError or DataError."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(f"{label}: no such subscriber file") from None
    except OSError as error:
        raise DataError([Problem(path=label, message=f"cannot read: {error.strerror}")]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DataError([Problem(path=label, line=line, message="not UTF-8 text")]) from None
    return parse_subscribers(text, label=label, known_sections=known_sections)


def unsubscribe_token(secret: bytes, address: str) -> str:
    """A keyed hash of the address for unsubscribe links: stable, unguessable without the key.
    Raises ValueError for an empty key (check keys with `keys.check_key`)."""
    if not secret:
        raise ValueError("unsubscribe tokens are never keyed with an empty secret")
    digest = hmac.new(secret, ledger_key(address).encode("utf-8"), hashlib.sha256).digest()
    return urlsafe_b64encode(digest[:18]).decode("ascii")
