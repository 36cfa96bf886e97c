"""The one error hierarchy. The core raises these; only the CLI turns them into messages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """One thing wrong with the input, located as precisely as we know.

    Rendered as ``path:line:column: message`` when the position is known (syntax), else as
    ``path: key.path: message`` (content), the two shapes of the design's contract.
    """

    path: str = ""
    line: int = 0
    column: int = 0
    key: str = ""
    message: str

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        parts = [part for part in (where, self.key, self.message) if part]
        return ": ".join(parts)


# The setters of `Problem`'s slots, for `located`.
_SET_PATH, _SET_LINE, _SET_COLUMN, _SET_KEY, _SET_MESSAGE = (
    Problem.__dict__[name].__set__ for name in ("path", "line", "column", "key", "message")
)


def located(path: str, line: int, message: str) -> Problem:
    """``Problem(path=path, line=line, message=message)``: the same value, made at a third of
    the cost. The importer says a few hundred of them per version of a long history (every
    warning again, each version named by its commit), and a frozen dataclass's constructor
    sets each field through ``object.__setattr__``; this sets the slots directly, as that
    does, every field (``column`` and ``key`` at their defaults)."""
    problem = object.__new__(Problem)
    _SET_PATH(problem, path)
    _SET_LINE(problem, line)
    _SET_COLUMN(problem, 0)
    _SET_KEY(problem, "")
    _SET_MESSAGE(problem, message)
    return problem


class PublisherError(Exception):
    """Base of every error the tool reports to a user: one or more problems, no traceback."""

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(message=problems)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class DataError(PublisherError):
    """A data file (site, working copy, release, subscribers, markdown) is invalid."""


class NotFoundError(PublisherError):
    """A release, file or folder the user named does not exist."""


class TemplateError(PublisherError):
    """A template is missing, broken, or failed while rendering."""


class GitError(PublisherError):
    """git refused or failed while reading history."""


class SendError(PublisherError):
    """Sending email failed: settings, connection or server refusals."""


class StoreError(PublisherError):
    """The subscriber store could not be opened, migrated, read or written."""
