"""A news site on loopback for the tests of links (discrepancy/fetch.py) and the page.

Serves the seed articles as saved news pages (title, site name and date in the
page's meta tags, menus and a footer around the text), tests/data/news_page.html,
a redirect, a 404, a slow page, huge pages and a PDF. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import csv
import threading
import time
from collections import Counter
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SLOW_SECONDS = 3.0
HUGE_BYTES = 3 * 1024 * 1024  # streamed without a length
DECLARED_BYTES = 50 * 1024 * 1024  # announced in Content-Length, never sent


def seed_page(path: Path, outlet: str, published: str) -> str:
    """A seed article as its outlet's page would carry it."""
    lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    title, paragraphs = lines[0], lines[1:]
    meta = f'<meta property="og:site_name" content="{escape(outlet)}">'
    if published:
        meta += f'<meta property="article:published_time" content="{published}T08:00:00Z">'
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{escape(title)}</title>{meta}</head>'
        '<body><header><nav><a href="/">الرئيسية</a> <a href="/politics">سياسة</a> <a href="/sport">رياضة</a></nav></header>'
        f"<main><article><h1>{escape(title)}</h1>{body}</article></main>"
        "<footer>جميع الحقوق محفوظة 2024</footer></body></html>"
    )


def seed_pages() -> dict[str, bytes]:
    rows = list(csv.DictReader((SEEDS / "manifest.csv").read_text(encoding="utf-8-sig").splitlines()))
    return {f"/news/{Path(r['file']).stem}.html": seed_page(SEEDS / r["file"], r["outlet"], r["published"]).encode("utf-8")
            for r in rows}


class Site:
    """`with Site() as site:` serves the pages at `site.url(path)`; `site.hits` counts requests per path."""

    def __init__(self):
        self.pages = seed_pages()
        self.pages["/news_page.html"] = (ROOT / "tests" / "data" / "news_page.html").read_bytes()
        self.hits: Counter[str] = Counter()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet test output
                pass

            def do_GET(self):  # noqa: N802 (http.server's name)
                site.hits[self.path] += 1
                path = self.path
                try:
                    if path in site.pages:
                        self._send(200, "text/html; charset=utf-8", site.pages[path])
                    elif path == "/old-address":
                        self.send_response(301)
                        self.send_header("Location", "/news/001_59abe512c9b76ea7.html")
                        self.end_headers()
                    elif path == "/slow.html":
                        time.sleep(SLOW_SECONDS)
                        self._send(200, "text/html", b"<html><body><p>late</p></body></html>")
                    elif path == "/huge.html":  # no Content-Length: the size is known only while reading
                        self.send_response(200)
                        self.send_header("Content-Type", "text/html")
                        self.end_headers()
                        chunk = ("<p>" + "نص " * 1000 + "</p>").encode("utf-8")
                        for _ in range(HUGE_BYTES // len(chunk) + 1):
                            self.wfile.write(chunk)
                    elif path == "/huge-declared.html":  # refused from its Content-Length, before any reading
                        self.send_response(200)
                        self.send_header("Content-Type", "text/html")
                        self.send_header("Content-Length", str(DECLARED_BYTES))
                        self.end_headers()
                    elif path == "/report.pdf":
                        self._send(200, "application/pdf", b"%PDF-1.4 not a page")
                    elif path == "/empty.html":
                        self._send(200, "text/html", b"<html><body><nav><a href='/'>home</a></nav></body></html>")
                    else:
                        self._send(404, "text/html", b"<html><body>not found</body></html>")
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (size limit, timeout)
                    pass

            def _send(self, status: int, ctype: str, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def seed_urls(self) -> list[str]:
        return [self.url(p) for p in sorted(self.pages) if p.startswith("/news/")]

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
