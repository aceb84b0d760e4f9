"""Links → Articles: fetch news pages over HTTP(S), keep them on disk, read them.

A fact-checker holds links, not files. `discrepancy check URL...` (and the
page of `discrepancy serve`) fetches each page once with requests, keeps it
in an on-disk cache so that a re-run does not fetch again, and takes the main
text and the page's title, site name and publication date with trafilatura.
The text then goes through the same page-structure reading as a file
(`ingest.split_article`: related stories, page furniture).

A link that cannot be read (HTTP error, timeout, not HTML, too large, no
text) is one `InputProblem` with the reason; the other links go on.

Why not requests-cache: it reads a whole response before handing it over,
so a huge page would be in memory before the size limit could refuse it, and
it follows the servers' freshness headers, while a fact-checker's run must
read the same page again from disk whatever the server says. The cache here
is one body file and one JSON file per URL, written atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import threading
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from . import __version__
from .models import Article, InputProblem

TIMEOUT = 20.0  # seconds to connect, and between two bytes of the answer
RETRIES = 2  # more tries after a failed connection, a timeout, or a 429/5xx answer
MAX_BYTES = 10 * 1024 * 1024  # a news page is well under 2 MB; past this it is no article
WORKERS = 4  # links fetched at once
USER_AGENT = f"discrepancy/{__version__} (fact-checking: compares figures across news articles)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_link(text: str) -> bool:
    """Anything written `scheme://...`: a link to fetch (http/https) or to refuse with a reason."""
    return bool(_SCHEME.match(text.strip()))


def is_web_link(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def default_cache_dir() -> Path:
    """The user's cache folder for this tool (platformdirs: ~/.cache/discrepancy/pages on Linux)."""
    import platformdirs

    return platformdirs.user_cache_path("discrepancy") / "pages"


def links_in(text: str, where: str) -> tuple[list[str], list[InputProblem]]:
    """The links of a list, one a line (`--urls FILE`, the page's box): blank lines and
    `#` comments are skipped, `www.` gets `https://`, any other line is reported."""
    links: list[str] = []
    problems: list[InputProblem] = []
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        if line.lower().startswith("www."):
            line = "https://" + line
        if is_link(line):
            links.append(line)
        else:
            problems.append(InputProblem(f"{where}:{n}", f"not a link ({line[:60]!r}): write it as https://..."))
    return links, problems


class FetchError(Exception):
    """Why a link could not be read, in words a person acts on."""


@dataclass(frozen=True)
class Page:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    content_type: str
    charset: str | None
    body: bytes
    from_cache: bool = False


class Fetcher:
    """Fetches pages with one policy: timeouts, a few retries, a clear User-Agent,
    redirects followed, a size limit, http/https only, and an on-disk cache.

    `cache`: a folder, None for the user's cache folder, False for no cache.
    `progress(done, total, url)` is called after each link (the page shows it).
    """

    def __init__(
        self,
        cache: str | Path | None | bool = None,
        timeout: float = TIMEOUT,
        retries: int = RETRIES,
        max_bytes: int = MAX_BYTES,
        user_agent: str = USER_AGENT,
        backoff: float = 0.5,
        workers: int = WORKERS,
        progress: Callable[[int, int, str], None] | None = None,
    ):
        self.cache_dir: Path | None = None if cache is False else (Path(cache) if cache else default_cache_dir())
        self.timeout, self.retries, self.max_bytes = timeout, retries, max_bytes
        self.user_agent, self.backoff, self.workers = user_agent, backoff, max(1, workers)
        self.progress = progress
        self.cache_problem: str | None = None  # why pages could not be kept, once
        self._local = threading.local()
        self._lock = threading.Lock()  # the counters below, updated from the worker threads
        self.fetched = 0  # pages fetched over the network by this fetcher
        self.cached = 0  # pages read from the cache
        self.links = 0  # links asked for
        self.failures: list[InputProblem] = []

    # ------------------------------------------------------------------ HTTP
    def _session(self):
        session = getattr(self._local, "session", None)
        if session is None:
            import requests
            from requests.adapters import HTTPAdapter
            from urllib3.util.retry import Retry

            retry = Retry(total=self.retries, connect=self.retries, read=self.retries, status=self.retries,
                          redirect=False, backoff_factor=self.backoff, status_forcelist=(429, 500, 502, 503, 504),
                          allowed_methods=("GET",), respect_retry_after_header=True, raise_on_status=False)
            session = requests.Session()
            session.mount("http://", HTTPAdapter(max_retries=retry))
            session.mount("https://", HTTPAdapter(max_retries=retry))
            session.max_redirects = 10
            session.headers.update({"User-Agent": self.user_agent,
                                    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                                    "Accept-Language": "ar,en;q=0.5"})
            self._local.session = session
        return session

    def get(self, url: str) -> Page:
        """The page at `url`, from the cache or the network; FetchError says why not."""
        url = _without_fragment(url.strip())
        if not is_web_link(url):
            scheme = urlsplit(url).scheme or "none"
            raise FetchError(f"only http and https links are fetched (this one is {scheme})")
        cached = self._from_cache(url)
        if cached is not None:
            with self._lock:
                self.cached += 1
            return cached
        page = self._download(url)
        self._to_cache(page)
        return page

    def _download(self, url: str) -> Page:
        import requests

        tries = self.retries + 1
        try:
            with self._session().get(url, timeout=self.timeout, stream=True, allow_redirects=True) as r:
                final = r.url
                if not is_web_link(final):
                    raise FetchError(f"redirected to {final[:80]}, which is not an http/https link")
                if r.status_code >= 400:
                    raise FetchError(f"HTTP {r.status_code} {r.reason or ''}".rstrip())
                ctype = r.headers.get("Content-Type", "")
                mime = ctype.split(";")[0].strip().lower()
                if mime and mime not in HTML_TYPES:
                    raise FetchError(f"not HTML ({mime})")
                declared = r.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(f"page too large ({_size(int(declared))}; the limit is {_size(self.max_bytes)})")
                body = bytearray()
                for chunk in r.iter_content(64 * 1024):
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise FetchError(f"page too large (over {_size(self.max_bytes)}, the limit)")
                with self._lock:
                    self.fetched += 1
                return Page(url, final, r.status_code, mime, _charset(ctype), bytes(body))
        except FetchError:
            raise
        except requests.exceptions.ChunkedEncodingError:
            raise FetchError("the connection broke before the page was complete") from None
        except requests.exceptions.TooManyRedirects:
            raise FetchError("too many redirects") from None
        except (requests.exceptions.Timeout, requests.exceptions.ConnectionError) as e:
            if _is_timeout(e):
                raise FetchError(f"timed out (no answer within {self.timeout:g} s, {tries} tries)") from None
            raise FetchError(f"cannot connect to {urlsplit(url).hostname} ({_root_cause(e)})") from None
        except requests.exceptions.RequestException as e:
            raise FetchError(f"cannot fetch ({_root_cause(e)})") from None

    # ------------------------------------------------------------------ cache
    def _paths(self, url: str) -> tuple[Path, Path]:
        assert self.cache_dir is not None
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self.cache_dir / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"

    def _from_cache(self, url: str) -> Page | None:
        if self.cache_dir is None:
            return None
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if meta.get("url") != url or meta.get("bytes") != len(body):
            return None
        return Page(url, meta["final_url"], int(meta["status"]), meta["content_type"], meta.get("charset"), body,
                    from_cache=True)

    def _to_cache(self, page: Page) -> None:
        if self.cache_dir is None:
            return
        meta_path, body_path = self._paths(page.url)
        meta = {"url": page.url, "final_url": page.final_url, "status": page.status, "content_type": page.content_type,
                "charset": page.charset, "bytes": len(page.body), "fetched_at": datetime.now(UTC).isoformat()}
        try:
            meta_path.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(body_path, page.body)  # the body first: a JSON file means a complete entry
            _atomic_write(meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        except OSError as e:
            self.cache_problem = f"pages are not kept in {self.cache_dir} ({e.strerror or e})"

    # ------------------------------------------------------------------ articles
    def read(self, links: Sequence[str], taken: set[str] = frozenset()) -> tuple[list[Article], list[InputProblem]]:
        """Every link's article(s), in the order given, and a problem per link that failed.

        `taken`: article ids already used by other inputs of the run (ids stay unique).
        """
        links = list(dict.fromkeys(link.strip() for link in links))  # the same link twice is read once
        self.links += len(links)
        results: list[tuple[list[Article], list[InputProblem]] | None] = [None] * len(links)
        done = 0

        def one(i: int) -> int:
            results[i] = self._read_one(links[i])
            return i

        with ThreadPoolExecutor(max_workers=min(self.workers, max(1, len(links)))) as pool:
            for i in pool.map(one, range(len(links))):
                done += 1
                if self.progress:
                    self.progress(done, len(links), links[i])
        articles: list[Article] = []
        problems: list[InputProblem] = []
        used = set(taken)
        pages: dict[str, str] = {}  # final URL -> the link it was read from
        for link, (arts, probs) in zip(links, results, strict=True):  # type: ignore[misc]
            problems += probs
            self.failures += probs
            if arts and arts[0].url in pages:  # two links that lead to one page (a redirect)
                problems.append(InputProblem(link, f"the same page as {pages[arts[0].url]}: read once", "warning"))
                continue
            if arts:
                pages[arts[0].url] = link
                base = _unique(arts[0].id, used)
                if base != arts[0].id:
                    arts = [replace(a, id=base + a.id[len(arts[0].id):]) for a in arts]
                used.add(base)
                articles += arts
        if self.cache_problem:  # the run goes on; the next one fetches again
            problems.append(InputProblem(str(self.cache_dir), self.cache_problem, "warning"))
        return articles, problems

    def report(self) -> str:
        """One line for the run summary: links read, how, and why some were not."""
        where = f" ({self.cache_dir})" if self.cache_dir else ""
        parts = [f"{self.fetched} fetched", f"{self.cached} from the cache{where if self.cached else ''}"]
        if self.failures:
            reasons: dict[str, int] = {}
            for p in self.failures:
                key = re.sub(r" \(.*", "", p.reason)
                reasons[key] = reasons.get(key, 0) + 1
            why = ", ".join(f"{r}: {n}" if n > 1 else r for r, n in reasons.items())
            parts.append(f"{len(self.failures)} not read ({why})")
        return f"{self.links} links: " + ", ".join(parts)

    def _read_one(self, link: str) -> tuple[list[Article], list[InputProblem]]:
        try:
            page = self.get(link)
            return page_articles(page), []
        except FetchError as e:
            return [], [InputProblem(link, str(e))]
        except Exception as e:  # a bug on one page must cost that page, not the run
            return [], [InputProblem(link, f"internal error while reading ({type(e).__name__}: {str(e)[:200]})")]


def page_articles(page: Page) -> list[Article]:
    """A fetched page → its article and embedded related stories, with the page's metadata.

    trafilatura takes the main text (menus, most-read lists and footers left out)
    and the title, site name and date from the page's meta tags and structured
    data; the date search is not the extensive one, which takes a footer's
    copyright year for a publication date.
    """
    import trafilatura
    from trafilatura.settings import set_date_params

    from .ingest import split_article

    html = _decode(page)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(
            html, url=page.final_url, with_metadata=True, favor_precision=True, include_comments=False,
            include_tables=False, date_extraction_params=set_date_params(False),
        )
    text = (getattr(doc, "text", None) or "").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise FetchError("no article text found in the page")
    title = (doc.title or "").strip()
    if title and not text.startswith(title):
        text = title + "\n\n" + text
    arts = split_article(url_id(page.final_url), text, source=page.url)
    main = arts[0]
    arts[0] = replace(main, title=title or main.title, published=main.published or _date(doc.date))
    # the site carries the related stories too (as a manifest's outlet does): their own
    # source line wins, and the page's date is not theirs
    site = (doc.sitename or "").strip()
    return [replace(a, url=page.final_url, outlet=a.outlet or site) for a in arts]


def url_id(url: str) -> str:
    """A readable article id for a link: host (no www.) and the last path piece,
    without an extension (`aljazeera.net/2023-10-29-flood-toll`)."""
    parts = urlsplit(url)
    host = (parts.hostname or "link").removeprefix("www.")
    pieces = [unquote(p) for p in parts.path.split("/") if p]
    last = re.sub(r"\.(?:s?html?|php|aspx?|jsp)$", "", pieces[-1], flags=re.I) if pieces else ""
    if parts.query:
        last = f"{last}-{unquote(parts.query)}" if last else unquote(parts.query)
    last = re.sub(r"[^\w.\-]+", "-", last).strip("-")[:80]
    return f"{host}/{last}" if last else host


def _unique(art_id: str, used: set[str]) -> str:
    if art_id not in used:
        return art_id
    n = 2
    while f"{art_id}~{n}" in used:
        n += 1
    return f"{art_id}~{n}"


def _decode(page: Page) -> str | bytes:
    """Text by the charset the server declared; else the bytes, which trafilatura
    decodes by the page's own `<meta charset>` (or by guessing)."""
    if page.charset:
        try:
            return page.body.decode(page.charset, errors="replace")
        except LookupError:  # a charset Python does not know
            pass
    try:
        return page.body.decode("utf-8")
    except UnicodeDecodeError:
        return page.body


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _charset(content_type: str) -> str | None:
    m = re.search(r"charset\s*=\s*\"?([\w.:-]+)", content_type, flags=re.I)
    return m.group(1) if m else None


def _without_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(fragment="")) if parts.fragment else url


def _is_timeout(e: BaseException) -> bool:
    seen: set[int] = set()
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        name = type(e).__name__
        if "Timeout" in name or "timed out" in str(e):
            return True
        e = e.__cause__ or e.__context__ or (e.args[0] if e.args and isinstance(e.args[0], BaseException) else None)
    return False


def _root_cause(e: BaseException) -> str:
    """The innermost reason (Connection refused, Name or service not known), short."""
    text = str(e)
    for pattern in (r"\[Errno -?\d+\] ([^'\")]+)", r"(Connection refused|Name or service not known|"
                    r"certificate verify failed[^'\")]*|No route to host|Network is unreachable)"):
        m = re.search(pattern, text)
        if m:
            return m.group(1).strip()
    return text[:120]


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


__all__ = ["Fetcher", "FetchError", "Page", "default_cache_dir", "is_link", "is_web_link", "links_in",
           "page_articles", "url_id"]
