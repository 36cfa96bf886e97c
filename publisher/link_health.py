"""Link health, the pure part: which URLs to check, one verdict per URL, when a link counts
as dead, and the report as text, JSON or markdown.

No network, no clock (``now`` is passed in), no printing: `link_check` asks the servers and
keeps the cache; the CLI prints.
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from publisher.model import Roadmap
from publisher.render import markdown_links


class Verdict(StrEnum):
    """What one URL answered, in words a maintainer reads."""

    OK = "ok"
    REDIRECTED_PERMANENTLY = "redirected permanently"
    REDIRECTED_TEMPORARILY = "redirected temporarily"
    GONE = "gone"
    REFUSED = "refused"
    SERVER_ERROR = "server error"
    TIMEOUT = "timeout"
    DNS_FAILURE = "DNS failure"
    TLS_FAILURE = "TLS failure"
    NOT_CHECKED = "not checked"


# Verdicts that are a failure of the link (a redirect still leads somewhere).
BROKEN = frozenset(
    {
        Verdict.GONE,
        Verdict.REFUSED,
        Verdict.SERVER_ERROR,
        Verdict.TIMEOUT,
        Verdict.DNS_FAILURE,
        Verdict.TLS_FAILURE,
    }
)

# One flaky answer is not a dead link: it must fail on two runs at least this far apart.
DEAD_AFTER = timedelta(days=1)


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkResult:
    """The verdict for one URL: its last HTTP status (0: no answer), where redirects ended,
    when it was checked and since when it has failed without a break."""

    url: str
    verdict: Verdict
    status: int = 0
    final_url: str = ""
    detail: str = ""
    checked_at: datetime | None = None
    failing_since: datetime | None = None
    etag: str = ""
    last_modified: str = ""
    redirects: tuple[int, ...] = ()  # the status of each redirect on the way, in order
    cached: bool = False

    @property
    def validators(self) -> tuple[str, str]:
        """``(ETag, Last-Modified)`` to ask "changed since?" on the next check: only for a
        link that answered ok without redirects (the validators belong to that answer)."""
        if self.verdict is not Verdict.OK or self.redirects or self.final_url:
            return "", ""
        return self.etag, self.last_modified


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkUse:
    """Where a URL appears in the road map: the resource title or the section, and how."""

    url: str
    where: str


def verdict_for_status(status: int) -> Verdict:
    """The verdict for a final (non-redirect) HTTP status; 304 (not modified, the answer to
    a conditional request) is ok."""
    if 200 <= status < 300 or status == 304:
        return Verdict.OK
    if status in (404, 410):
        return Verdict.GONE
    if 400 <= status < 500:
        return Verdict.REFUSED
    if status >= 500:
        return Verdict.SERVER_ERROR
    return Verdict.REFUSED


def redirect_verdict(hops: Iterable[int]) -> Verdict:
    """Permanent when every redirect on the way was permanent (301, 308), else temporary."""
    statuses = tuple(hops)
    if statuses and all(status in (301, 308) for status in statuses):
        return Verdict.REDIRECTED_PERMANENTLY
    return Verdict.REDIRECTED_TEMPORARILY


def _urls_in_text(text: str) -> list[str]:
    # Read by the CommonMark parser the pages use, so a URL in a code span is no link and a
    # reference link is; relative links and other schemes are not for checking.
    return [
        url for url in markdown_links(text) if url.split(":", 1)[0].lower() in ("http", "https")
    ]


def link_uses(roadmap: Roadmap, *, include_text: bool = False) -> tuple[LinkUse, ...]:
    """Every resource URL of ``roadmap`` in document order, with, when ``include_text``, the
    links inside descriptions and intros."""
    uses: list[LinkUse] = []
    if include_text:
        uses.extend(LinkUse(url=url, where="intro") for url in _urls_in_text(roadmap.intro))
    for _ancestors, section in roadmap.walk_sections():
        if include_text:
            uses.extend(
                LinkUse(url=url, where=f"intro of {section.title}")
                for url in _urls_in_text(section.intro)
            )
        for resource in section.resources:
            if resource.url:
                uses.append(LinkUse(url=resource.url, where=resource.title))
            if include_text:
                uses.extend(
                    LinkUse(url=url, where=f"description of {resource.title}")
                    for url in _urls_in_text(resource.description)
                )
    return tuple(uses)


def unique_urls(uses: Iterable[LinkUse]) -> tuple[str, ...]:
    """The distinct URLs of ``uses``, in first-seen order."""
    return tuple(dict.fromkeys(use.url for use in uses))


def skip_reason(url: str, exclude: Iterable[str]) -> str:
    """Why ``url`` is not checked ("" when it is): not HTTP(S), or matched by an exclude
    pattern (shell-style: ``https://example.org/*``)."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in ("http", "https"):
        return f"{scheme or 'no'} link"
    for pattern in exclude:
        if fnmatch.fnmatchcase(url, pattern):
            return f"excluded by {pattern!r}"
    return ""


def is_fresh(result: LinkResult, now: datetime, max_age: timedelta | None) -> bool:
    """Whether a cached result is recent enough to stand for this run (``--max-age``)."""
    if max_age is None or result.checked_at is None:
        return False
    return now - result.checked_at < max_age


def carry_failure(new: LinkResult, previous: LinkResult | None, now: datetime) -> LinkResult:
    """``new`` stamped with ``now`` and with since when it has been failing: kept from
    ``previous`` while the link keeps failing, reset when it answers again."""
    failing_since: datetime | None = None
    if new.verdict in BROKEN:
        still_failing = previous is not None and previous.verdict in BROKEN
        kept = previous.failing_since if previous is not None and still_failing else None
        failing_since = kept or now
    return LinkResult(
        url=new.url,
        verdict=new.verdict,
        status=new.status,
        final_url=new.final_url,
        detail=new.detail,
        checked_at=now,
        failing_since=failing_since,
        etag=new.etag,
        last_modified=new.last_modified,
        redirects=new.redirects,
    )


def is_dead(result: LinkResult, *, strict: bool = False) -> bool:
    """Dead: broken now, and (unless ``strict``) already broken on a run at least
    `DEAD_AFTER` earlier."""
    if result.verdict not in BROKEN:
        return False
    if strict:
        return True
    if result.failing_since is None or result.checked_at is None:
        return False
    return result.checked_at - result.failing_since >= DEAD_AFTER


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkReport:
    """One run's results, with where each URL is used, in document order."""

    results: tuple[LinkResult, ...]
    uses: tuple[LinkUse, ...]
    strict: bool = False

    def dead(self) -> tuple[LinkResult, ...]:
        """The results that count as dead links."""
        return tuple(result for result in self.results if is_dead(result, strict=self.strict))

    def where(self, url: str) -> tuple[str, ...]:
        """The resources (or intros) that use ``url``."""
        return tuple(dict.fromkeys(use.where for use in self.uses if use.url == url))


def _status_word(report: LinkReport, result: LinkResult) -> str:
    if is_dead(result, strict=report.strict):
        return "dead"
    if result.verdict in BROKEN:
        return "failing"
    return ""


def _counts(report: LinkReport) -> Mapping[str, int]:
    counts: dict[str, int] = {}
    for result in report.results:
        counts[result.verdict.value] = counts.get(result.verdict.value, 0) + 1
    counts["dead"] = len(report.dead())
    return counts


def _summary(report: LinkReport) -> str:
    counts = _counts(report)
    parts = [
        f"{counts[verdict.value]} {verdict.value}" for verdict in Verdict if verdict.value in counts
    ]
    return f"{len(report.results)} link(s): " + ", ".join(parts) + f"; {counts['dead']} dead"


def status_text(result: LinkResult) -> str:
    """The HTTP statuses of a result in words: ``"404"``, or for redirects each hop and the
    final answer: ``"301, 302; final 200"`` ("" when there was no answer)."""
    hops = ", ".join(str(status) for status in result.redirects)
    if hops and result.status:
        return f"{hops}; final {result.status}"
    if hops:
        return f"{hops}; no final answer"
    return str(result.status) if result.status else ""


def _line(report: LinkReport, result: LinkResult) -> str:
    text = f"{result.verdict.value}: {result.url}"
    statuses = status_text(result)
    if statuses:
        text += f" ({statuses})"
    if result.final_url and result.final_url != result.url:
        text += f" -> {result.final_url}"
    if result.detail:
        text += f" [{result.detail}]"
    word = _status_word(report, result)
    if word == "failing":
        text += " (failing since "
        text += result.failing_since.date().isoformat() if result.failing_since else "now"
        text += "; dead if it still fails a day later)"
    elif word == "dead":
        text = "DEAD " + text
    return text


def _worth_showing(result: LinkResult) -> bool:
    return result.verdict is not Verdict.OK


def report_text(report: LinkReport) -> str:
    """The report for a terminal: every link that is not plainly ok, then a summary line."""
    lines = []
    for result in report.results:
        if _worth_showing(result):
            lines.append(_line(report, result))
            lines.extend(f"    in {where}" for where in report.where(result.url))
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def report_markdown(report: LinkReport) -> str:
    """The report as markdown, fit for an issue or a pull-request comment."""
    lines = ["## Link check", "", _summary(report), ""]
    shown = [result for result in report.results if _worth_showing(result)]
    if shown:
        lines += ["| link | verdict | status | used in |", "|---|---|---|---|"]
        for result in shown:
            verdict = result.verdict.value
            word = _status_word(report, result)
            if word:
                verdict += f" ({word})"
            if result.final_url and result.final_url != result.url:
                verdict += f" → <{result.final_url}>"
            used = "; ".join(report.where(result.url)).replace("|", "\\|")
            status = status_text(result)
            lines.append(f"| <{result.url}> | {verdict} | {status} | {used} |")
        lines.append("")
    return "\n".join(lines)


def report_json(report: LinkReport) -> str:
    """The report as JSON: every URL with its verdict, status, final URL and whether dead."""
    items = [
        {
            "url": result.url,
            "verdict": result.verdict.value,
            "status": result.status,
            "redirects": list(result.redirects),
            "final_url": result.final_url,
            "detail": result.detail,
            "dead": is_dead(result, strict=report.strict),
            "cached": result.cached,
            "checked_at": result.checked_at.isoformat() if result.checked_at else None,
            "failing_since": result.failing_since.isoformat() if result.failing_since else None,
            "used_in": list(report.where(result.url)),
        }
        for result in report.results
    ]
    return json.dumps({"links": items, "summary": dict(_counts(report))}, indent=2) + "\n"


# A `url:` line of a road-map file: its key (after an optional "- "), the value as written
# (plain or quoted) and what follows it (a comment). Other keys are never touched.
_URL_LINE = re.compile(
    r"^(?P<lead>\s*(?:-\s+)?url:\s+)(?P<quote>['\"]?)(?P<url>[^'\"\s#]+)(?P=quote)(?P<rest>\s*(?:#.*)?)$"
)


def permanent_redirects(report: LinkReport) -> dict[str, str]:
    """Old URL -> final URL for every link redirected permanently somewhere else."""
    return {
        result.url: result.final_url
        for result in report.results
        if result.verdict is Verdict.REDIRECTED_PERMANENTLY
        and result.final_url
        and result.final_url != result.url
    }


def rewrite_urls(text: str, replacements: Mapping[str, str]) -> tuple[str, tuple[str, ...]]:
    """``text`` (a road-map file) with each ``url:`` value found in ``replacements``
    replaced, every other byte kept (comments, quoting, order); and the old URLs replaced."""
    lines = text.splitlines(keepends=True)
    replaced: list[str] = []
    for index, line in enumerate(lines):
        body = line.rstrip("\r\n")
        match = _URL_LINE.match(body)
        if match is None or match["url"] not in replacements:
            continue
        new_url = replacements[match["url"]]
        quote = match["quote"] or ('"' if re.search(r"[\s#'\"]", new_url) else "")
        ending = line[len(body) :]
        lines[index] = f"{match['lead']}{quote}{new_url}{quote}{match['rest']}{ending}"
        replaced.append(match["url"])
    return "".join(lines), tuple(dict.fromkeys(replaced))
