"""Links as input (discrepancy/fetch.py): fetched from a news site on loopback
(tests/site.py), cached on disk, read with trafilatura; failures one line each."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from discrepancy.fetch import Fetcher, FetchError, links_in, url_id
from discrepancy.pipeline import check, extract_claims
from tests.conftest import SEEDS
from tests.site import Site

TOLL = {"نحو 1140", "1208", "ما يزيد عن 1300"}


@pytest.fixture(scope="module")
def site():
    with Site() as s:
        yield s


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "discrepancy", *args], capture_output=True, text=True, timeout=120)


def conflict_rows(csv_text: str) -> list[dict[str, str]]:
    import csv

    return list(csv.DictReader(csv_text.lstrip("\ufeff").splitlines()))


def test_links_and_files_mixed_find_the_israeli_toll_conflict(site, tmp_path):
    """Four seeds as links and one as a file: the same conflict as from the files."""
    urls = site.seed_urls()
    out = tmp_path / "conflicts.csv"
    r = run("check", *urls[:4], str(SEEDS / "004_45390325e43905a9.txt"), "--cache", str(tmp_path / "cache"),
            "-o", str(out))
    assert r.returncode == 0, r.stderr
    rows = [row for row in conflict_rows(out.read_text(encoding="utf-8-sig")) if row["rule_id"] == "fixed-disagreement"]
    assert {row["surface"] for row in rows} == TOLL
    assert {row["outlet"] for row in rows} == {"حياة واشنطن", "عربي21", "RT Arabic"}  # og:site_name of each page
    assert {row["article_id"] for row in rows} == {"127.0.0.1/000_a4e1b1a530825d43", "127.0.0.1/001_59abe512c9b76ea7",
                                                   "127.0.0.1/002_9b40395f0cbb0cbe#r1"}  # ids from the links
    assert "5 links" not in r.stderr and "4 links: 4 fetched, 0 from the cache" in r.stderr


def test_page_metadata_and_main_text(site):
    fetcher = Fetcher(cache=False)
    ex = extract_claims([site.url("/news_page.html")], progress=False, fetcher=fetcher)
    (art,) = ex.articles
    assert (art.outlet, art.published, art.url) == ("موقع الأخبار", date(2024, 1, 20), site.url("/news_page.html"))
    assert art.title == "ارتفاع حصيلة الشهداء في غزة إلى 24927" and art.text.startswith(art.title)
    assert "الرئيسية" not in art.text and "الأكثر قراءة" not in art.text  # menus and lists are not the article
    surfaces = {c.surface for c in ex.claims}
    assert {"24927", "نحو 1140"} <= surfaces and "12" not in surfaces and "30%" not in surfaces


def test_each_failure_is_one_line_and_the_others_go_on(site, tmp_path):
    links = tmp_path / "links.txt"
    bad = ["/missing-page.html", "/slow.html", "/huge-declared.html", "/report.pdf"]
    links.write_text("\n".join(["# the story's links", *site.seed_urls(), *(site.url(p) for p in bad),
                                "ftp://127.0.0.1/file.txt", "not a link at all", ""]), encoding="utf-8")
    out = tmp_path / "conflicts.csv"
    r = run("check", "--urls", str(links), "--timeout", "0.5", "--no-cache", "-o", str(out))
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()

    def line_for(thing: str) -> str:
        (line,) = [x for x in lines if x.startswith(f"discrepancy: skipped {thing}")]
        return line

    assert line_for(site.url("/missing-page.html")).endswith("HTTP 404 Not Found")
    assert "timed out" in line_for(site.url("/slow.html"))
    assert "page too large (50.0 MB; the limit is 10.0 MB)" in line_for(site.url("/huge-declared.html"))
    assert line_for(site.url("/report.pdf")).endswith("not HTML (application/pdf)")
    assert "only http and https" in line_for("ftp://127.0.0.1/file.txt")
    assert "not a link" in line_for(f"{links}:12")
    assert "discrepancy: 10 links: 5 fetched, 0 from the cache, 5 not read (HTTP 404 Not Found, timed out, " \
           "page too large, not HTML, only http and https links are fetched" in r.stderr
    assert "6 inputs skipped" in r.stderr
    assert {row["surface"] for row in conflict_rows(out.read_text(encoding="utf-8-sig"))
            if row["rule_id"] == "fixed-disagreement"} == TOLL
    assert "Traceback" not in r.stderr


def test_size_limit_while_reading_a_page_without_length(site):
    fetcher = Fetcher(cache=False, max_bytes=1024 * 1024)
    with pytest.raises(FetchError, match=r"page too large \(over 1.0 MB"):
        fetcher.get(site.url("/huge.html"))


def test_a_rerun_reads_the_cache_not_the_site(site, tmp_path):
    urls = site.seed_urls()
    cache = tmp_path / "cache"
    first = run("check", *urls, "--cache", str(cache), "-o", str(tmp_path / "a.csv"))
    hits = dict(site.hits)
    second = run("check", *urls, "--cache", str(cache), "-o", str(tmp_path / "b.csv"))
    assert first.returncode == second.returncode == 0, second.stderr
    assert dict(site.hits) == hits  # nothing fetched again
    assert "5 links: 0 fetched, 5 from the cache" in second.stderr
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    again = run("check", urls[0], "--no-cache", "-o", "-")
    assert again.returncode == 0 and "1 links: 1 fetched, 0 from the cache" in again.stderr
    assert site.hits["/news/000_a4e1b1a530825d43.html"] == hits["/news/000_a4e1b1a530825d43.html"] + 1


def test_redirect_followed_and_the_archive_keeps_the_url(site, tmp_path):
    db = tmp_path / "news.db"
    r = run("check", site.url("/old-address"), site.url("/news/000_a4e1b1a530825d43.html"), "--archive", str(db),
            "--cache", str(tmp_path / "cache"), "-o", "-")
    assert r.returncode == 0, r.stderr
    from discrepancy.archive import Archive

    with Archive(db) as store:
        frame = store.articles_frame()
    urls = dict(zip(frame["article_id"], frame["url"], strict=True))
    assert urls["127.0.0.1/001_59abe512c9b76ea7"] == site.url("/news/001_59abe512c9b76ea7.html")  # where it led
    assert urls["127.0.0.1/000_a4e1b1a530825d43"] == site.url("/news/000_a4e1b1a530825d43.html")


def test_two_links_to_one_page_read_once(site):
    fetcher = Fetcher(cache=False)
    arts, problems = fetcher.read([site.url("/news/001_59abe512c9b76ea7.html"), site.url("/old-address")])
    assert [a.id for a in arts] == ["127.0.0.1/001_59abe512c9b76ea7", "127.0.0.1/001_59abe512c9b76ea7#r1"]
    assert [(p.reason, p.kind) for p in problems] == [
        (f"the same page as {site.url('/news/001_59abe512c9b76ea7.html')}: read once", "warning")]


def test_a_cache_that_cannot_be_written_is_a_warning(site, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    r = run("check", site.url("/news/000_a4e1b1a530825d43.html"), "--cache", str(blocker), "-o", "-")
    assert r.returncode == 0 and "fixed-disagreement" not in r.stdout  # read all the same
    assert f"discrepancy: warning: {blocker}: pages are not kept in {blocker}" in r.stderr


def test_only_web_links_are_fetched(tmp_path):
    with pytest.raises(FetchError, match="only http and https"):
        Fetcher(cache=False).get("file:///etc/passwd")
    r = run("check", "file:///etc/passwd", "-o", "-")
    assert r.returncode == 2 and "only http and https" in r.stderr and "root:" not in r.stdout


def test_unreachable_host_is_one_line(tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = check([f"http://127.0.0.1:{port}/a.html", str(SEEDS / "000_a4e1b1a530825d43.txt")], progress=False,
                   fetcher=Fetcher(cache=False, retries=0))
    (problem,) = result.problems
    assert problem.reason.startswith("cannot connect to 127.0.0.1") and "refused" in problem.reason
    assert [a.id for a in result.articles][0] == "000_a4e1b1a530825d43"


@pytest.mark.parametrize("url, expected", [
    ("https://www.aljazeera.net/news/2023/10/29/gaza-toll", "aljazeera.net/gaza-toll"),
    ("https://arabic.rt.com/middle_east/1504090-حماس/", "arabic.rt.com/1504090-حماس"),
    ("https://www.alquds.co.uk/%D8%BA%D8%B2%D8%A9.html", "alquds.co.uk/غزة"),
    ("https://example.org/article.php?id=42", "example.org/article-id-42"),
    ("https://example.org/", "example.org"),
])
def test_url_ids_are_readable(url, expected):
    assert url_id(url) == expected


def test_links_in_a_list():
    links, problems = links_in("# tolls\nhttps://a.org/1\n\nwww.b.org/2\nmy notes\n", "links.txt")
    assert links == ["https://a.org/1", "https://www.b.org/2"]
    assert [(p.path, p.reason[:10]) for p in problems] == [("links.txt:5", "not a link")]
