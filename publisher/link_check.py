"""Link health, the effects: ask each server about its URLs (httpx, async) and keep the
results in .publisher/links.sqlite.

Polite by construction: at most ``per_host`` requests at once to one host and ``concurrency``
in all, HEAD first (GET only when HEAD is refused), ``Retry-After`` honoured on 429 and 503
(502 and 504 asked again too).
What a verdict means and when a link is dead are decided in `link_health` (pure).
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from publisher.link_cache import CACHE_FILE as CACHE_FILE
from publisher.link_cache import read_cache as read_cache
from publisher.link_cache import write_cache
from publisher.link_health import (
    LinkReport,
    LinkResult,
    LinkUse,
    Verdict,
    carry_failure,
    is_fresh,
    redirect_verdict,
    skip_reason,
    unique_urls,
    verdict_for_status,
)

# Servers that refuse or mishandle HEAD say so with these; GET tells the truth.
HEAD_REFUSED = frozenset({403, 405, 501})
# Busy or a gateway's passing trouble: asked again after Retry-After or a back-off. Other
# 5xx (500: the page itself fails) are reported at once.
RETRY_STATUSES = frozenset({429, 502, 503, 504})
MAX_REDIRECTS = 10
HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "en;q=0.9,*;q=0.5",
    "User-Agent": "Mozilla/5.0 (compatible; roadmap-publisher link check)",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckSettings:
    """How hard and how long to try: limits, the timeout per request, retries on 429 and
    502-504 and the longest ``Retry-After`` wait honoured (longer ones give up with a server
    error)."""

    concurrency: int = 32
    per_host: int = 2
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    max_retry_wait: float = 60.0


def _retry_wait(response: httpx.Response, attempt: int, settings: CheckSettings) -> float:
    value = response.headers.get("Retry-After", "").strip()
    if value.isdigit():
        return float(value)
    if value:
        try:
            when = parsedate_to_datetime(value)
            date = parsedate_to_datetime(response.headers.get("Date", value))
            return float(max(0.0, (when - date).total_seconds()))
        except (TypeError, ValueError):
            pass
    return settings.backoff * 2.0**attempt


def _failure(url: str, error: Exception) -> LinkResult:
    """The verdict for a request that got no HTTP answer."""
    if isinstance(error, httpx.TimeoutException):
        return LinkResult(url=url, verdict=Verdict.TIMEOUT, detail=type(error).__name__)
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    text = " ".join(str(item) for item in chain).lower()
    if any(isinstance(item, ssl.SSLError) for item in chain) or "certificate" in text:
        return LinkResult(url=url, verdict=Verdict.TLS_FAILURE, detail=str(error)[:200])
    resolution = ("name or service not known", "nodename nor servname", "name resolution")
    if any(isinstance(item, OSError) and "getaddrinfo" in repr(item) for item in chain) or any(
        words in text for words in resolution
    ):
        return LinkResult(url=url, verdict=Verdict.DNS_FAILURE, detail=str(error)[:200])
    detail = "connection failed"
    if "reset" in text or isinstance(error, httpx.RemoteProtocolError | httpx.ReadError):
        detail = "connection reset"
    elif "refused" in text:
        detail = "connection refused"
    return LinkResult(url=url, verdict=Verdict.SERVER_ERROR, detail=detail)


class LinkChecker:
    """Checks URLs with one shared httpx client; `check_all` is the way in."""

    def __init__(self, client: httpx.AsyncClient, settings: CheckSettings) -> None:
        self.client = client
        self.settings = settings
        self.overall = asyncio.Semaphore(settings.concurrency)
        self.hosts: dict[str, asyncio.Semaphore] = {}

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc.lower()}"
        if key not in self.hosts:
            self.hosts[key] = asyncio.Semaphore(self.settings.per_host)
        return self.hosts[key]

    async def _request(
        self, method: str, url: str, headers: Mapping[str, str] | None = None
    ) -> httpx.Response:
        """One request under both limits, retried on 429, 502-504 after the server's wait."""
        attempt = 0
        while True:
            async with self._host_limit(url), self.overall:
                request = self.client.build_request(method, url, headers=headers)
                response = await self.client.send(request, stream=True)
                await response.aclose()  # the status and headers are all we need
            if response.status_code not in RETRY_STATUSES or attempt >= self.settings.retries:
                return response
            wait = _retry_wait(response, attempt, self.settings)
            if wait > self.settings.max_retry_wait:
                return response
            attempt += 1
            await asyncio.sleep(wait)  # outside the limits: others go on meanwhile

    async def _answer(self, url: str, headers: Mapping[str, str] | None) -> httpx.Response:
        response = await self._request("HEAD", url, headers)
        if response.status_code in HEAD_REFUSED:
            response = await self._request("GET", url, headers)
        return response

    async def check(self, url: str, validators: tuple[str, str] = ("", "")) -> LinkResult:
        """One URL's verdict, following redirects hop by hop (to tell permanent from
        temporary). ``validators``: the ETag and Last-Modified of its last ok answer, sent as
        If-None-Match / If-Modified-Since so an unchanged page answers 304 (ok) with no body."""
        hops: list[int] = []
        current = url
        seen = {url}
        etag, last_modified = validators
        conditional = {
            name: value
            for name, value in (("If-None-Match", etag), ("If-Modified-Since", last_modified))
            if value
        }
        try:
            while True:
                # The validators belong to this URL's answer, not to where it may redirect now.
                response = await self._answer(current, None if hops else conditional or None)
                status = response.status_code
                location = response.headers.get("Location", "")
                if 300 <= status < 400 and status != 304 and location:
                    hops.append(status)
                    current = urljoin(current, location)
                    if current in seen or len(hops) > MAX_REDIRECTS:
                        return LinkResult(
                            url=url,
                            verdict=Verdict.REFUSED,
                            final_url=current,
                            redirects=tuple(hops),
                            detail="redirect loop" if current in seen else "too many redirects",
                        )
                    seen.add(current)
                    continue
                break
        except httpx.HTTPError as error:
            failed = _failure(url, error)
            if not hops:
                return failed
            return LinkResult(
                url=url,
                verdict=failed.verdict,
                final_url=current,
                redirects=tuple(hops),
                detail=failed.detail,
            )
        verdict = verdict_for_status(status)
        if hops and verdict is Verdict.OK:
            verdict = redirect_verdict(hops)
        not_modified = status == 304 and not hops
        return LinkResult(
            url=url,
            verdict=verdict,
            status=status,
            final_url=current if hops else "",
            redirects=tuple(hops),
            # A 304 may leave the validators out: the ones asked with still hold.
            etag=response.headers.get("ETag", etag if not_modified else ""),
            last_modified=response.headers.get(
                "Last-Modified", last_modified if not_modified else ""
            ),
        )

    async def check_all(
        self,
        urls: Iterable[str],
        on_result: Callable[[LinkResult], None] | None = None,
        validators: Mapping[str, tuple[str, str]] | None = None,
    ) -> dict[str, LinkResult]:
        """Every URL's verdict, checked concurrently within the limits (conditionally for
        URLs in ``validators``: see `check`)."""
        known = validators or {}

        async def one(url: str) -> LinkResult:
            result = await self.check(url, known.get(url, ("", "")))
            if on_result is not None:
                on_result(result)
            return result

        results = await asyncio.gather(*(one(url) for url in urls))
        return {result.url: result for result in results}


def make_client(
    settings: CheckSettings, *, verify: ssl.SSLContext | bool = True
) -> httpx.AsyncClient:
    """The shared client: connection reuse; HTTP/2 where a server offers it over TLS (ALPN;
    the h2 package comes with the httpx[http2] dependency), HTTP/1.1 elsewhere."""
    limits = httpx.Limits(
        max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency
    )
    return httpx.AsyncClient(
        headers=HEADERS,
        timeout=httpx.Timeout(settings.timeout),
        limits=limits,
        follow_redirects=False,
        http2=True,
        verify=verify,
    )


def check_urls(
    urls: Iterable[str],
    settings: CheckSettings,
    *,
    on_result: Callable[[LinkResult], None] | None = None,
    verify: ssl.SSLContext | bool = True,
    validators: Mapping[str, tuple[str, str]] | None = None,
) -> dict[str, LinkResult]:
    """Check ``urls`` (an event loop of its own); returns URL -> result, unstamped.
    ``validators``: URL -> (ETag, Last-Modified) of its last ok answer, asked conditionally."""

    async def run() -> dict[str, LinkResult]:
        async with make_client(settings, verify=verify) as client:
            return await LinkChecker(client, settings).check_all(urls, on_result, validators)

    return asyncio.run(run())


def check_links(
    uses: tuple[LinkUse, ...],
    *,
    cache_path: Path,
    now: datetime,
    settings: CheckSettings,
    max_age: timedelta | None = None,
    exclude: Iterable[str] = (),
    strict: bool = False,
    on_result: Callable[[LinkResult], None] | None = None,
    verify: ssl.SSLContext | bool = True,
) -> LinkReport:
    """Check every URL of ``uses`` not excluded and not fresh in the cache (conditionally,
    with the validators of its last ok answer), store the new results, and return the report
    in document order."""
    cached = read_cache(cache_path)
    patterns = tuple(exclude)
    results: dict[str, LinkResult] = {}
    to_check: list[str] = []
    for url in unique_urls(uses):
        reason = skip_reason(url, patterns)
        if reason:
            results[url] = LinkResult(url=url, verdict=Verdict.NOT_CHECKED, detail=reason)
        elif url in cached and is_fresh(cached[url], now, max_age):
            results[url] = cached[url]
        else:
            to_check.append(url)
    validators = {
        url: cached[url].validators
        for url in to_check
        if url in cached and any(cached[url].validators)
    }
    fresh = (
        check_urls(to_check, settings, on_result=on_result, verify=verify, validators=validators)
        if to_check
        else {}
    )
    stamped = {url: carry_failure(result, cached.get(url), now) for url, result in fresh.items()}
    if stamped:
        write_cache(cache_path, stamped)
    results.update(stamped)
    ordered = tuple(results[url] for url in unique_urls(uses))
    return LinkReport(results=ordered, uses=uses, strict=strict)
