"""`discrepancy serve`: the page (Flask test client), its limits, the archive view,
and the whole path in Debian's chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import threading
import time

import pytest

from discrepancy.archive import Archive
from discrepancy.serve import create_app, exposure, is_loopback
from tests.conftest import ROOT, SEEDS
from tests.site import Site

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
OUTPUT = ROOT / "tests" / "output"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def token_of(client) -> str:
    return re.search(r'name="token" value="([^"]+)"', client.get("/").get_data(as_text=True)).group(1)


def submit(client, files=(), **form):
    data = {"token": token_of(client), "profile": "", "links": "", "text": "", **form,
            "files": [(open(p, "rb"), p.name) for p in files]}
    try:
        return client.post("/run", data=data, content_type="multipart/form-data")
    finally:
        for fh, _ in data["files"]:
            fh.close()


def finished(client, location: str) -> str:
    for _ in range(240):
        status = client.get(f"{location}/status.json").get_json()
        if status["stage"] in ("done", "failed"):
            break
        time.sleep(0.25)
    assert status["stage"] == "done", status
    return client.get(location).get_data(as_text=True)


@pytest.fixture()
def client(tmp_path):
    return create_app(cache=tmp_path / "cache").test_client()


def test_seeds_uploaded_show_the_toll_conflict_first_with_downloads(client):
    r = submit(client, files=[*SEED_FILES, SEEDS / "manifest.csv"])
    assert r.status_code == 303
    html = finished(client, r.headers["Location"])
    first = html.index('class="dq-conflict high" id="fixed-disagreement-1"')
    assert first < html.index('id="groups"')
    for figure in ("نحو 1140", "1208", "ما يزيد عن 1300"):
        assert f"<mark>{figure}</mark>" in html[first:html.index('id="groups"')]
    assert "likely cause: different sources" in html and 'dir="rtl"' in html
    assert "حياة واشنطن" in html and "عربي21" in html  # the uploaded manifest's outlets
    plot = client.get(f"{r.headers['Location']}/plot/killed/israeli/oct7_attack/count.png")
    assert plot.status_code == 200 and plot.data.startswith(b"\x89PNG")
    csv = client.get(f"{r.headers['Location']}/conflicts.csv")
    assert csv.data.startswith("\ufeffconflict_id,rule_id".encode()) and "نحو 1140".encode() in csv.data
    claims = client.get(f"{r.headers['Location']}/claims.json").get_json()
    assert {c["surface"] for c in claims} >= {"نحو 1140", "1208", "ما يزيد عن 1300"}


def test_links_and_pasted_text_with_a_failing_link(client):
    with Site() as site:
        links = "\n".join([*site.seed_urls()[:3], site.url("/missing.html"), "/etc/passwd"])
        text = (SEEDS / "004_45390325e43905a9.txt").read_text(encoding="utf-8")
        r = submit(client, links=links, text=text)
        html = finished(client, r.headers["Location"])
    assert "fixed-disagreement-1" in html and "<mark>1208</mark>" in html
    assert f"<bdi>{site.url('/missing.html')}</bdi>: HTTP 404 Not Found" in html
    assert "<bdi>links box:5</bdi>: not a link" in html  # a path in the links box is never read
    assert "3 fetched" in html and "pasted" in html


def test_the_page_reads_only_what_it_is_given(client, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("قتل 999 شخصا", encoding="utf-8")
    r = submit(client, links=f"{secret}\nfile://{secret}")
    html = finished(client, r.headers["Location"]) if r.status_code == 303 else r.get_data(as_text=True)
    assert "999" not in html and "only http and https" in html


def test_uploads_are_size_limited(tmp_path):
    client = create_app(cache=False, max_upload_mb=0.05).test_client()
    big = tmp_path / "big.txt"
    big.write_text("نص " * 40_000, encoding="utf-8")
    r = submit(client, files=[big])
    assert r.status_code == 413 and "Too much at once" in r.get_data(as_text=True)


def test_a_form_from_elsewhere_is_refused(client):
    r = client.post("/run", data={"token": "guess", "text": "قتل 12 شخصا"})
    assert r.status_code == 403
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 400  # rebinding a name to 127.0.0.1
    assert "frame-ancestors 'none'" in client.get("/").headers["Content-Security-Policy"]


def test_unsupported_and_empty_inputs(client, tmp_path):
    odd = tmp_path / "scan.pdf"
    odd.write_bytes(b"%PDF-1.4")
    r = submit(client, files=[odd])
    assert r.status_code == 400 and "unsupported file type .pdf" in r.get_data(as_text=True)


def test_archive_check_and_browse(tmp_path):
    db = tmp_path / "news.db"
    client = create_app(archive=db, cache=False).test_client()
    manifest = SEEDS / "manifest.csv"
    first = finished(client, submit(client, files=[*SEED_FILES[:2], manifest], use_archive="on").headers["Location"])
    assert re.search(r"Checked against the archive; \d+ new or changed articles added", first)
    second = finished(client, submit(client, files=[*SEED_FILES[2:], manifest], use_archive="on").headers["Location"])
    assert "fixed-disagreement" in second and "<mark>نحو 1140</mark>" in second  # 1140 came from the archive
    with Archive(db) as store:
        assert store.counts()[0] == len(store.articles_frame())
    page = client.get("/archive?quantity=killed&place=&attribution=&outlet=&since=2023-10-01&until=2023-12-31")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<mark>7028</mark>" in html and "<mark>1208</mark>" not in html  # 002 is undated
    assert re.search(r'<option value="killed" selected>killed \(\d+\)</option>', html)


def test_binding_beyond_loopback_needs_a_flag():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")
    r = subprocess.run([sys.executable, "-m", "discrepancy", "serve", "--host", "0.0.0.0", "--archive", "x.db"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "--public" in r.stderr and "x.db" in r.stderr and len(r.stderr.splitlines()) == 1
    assert "fetch any link" in exposure("0.0.0.0", 8000, None)


@pytest.fixture()
def live_page(tmp_path):
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, create_app(cache=tmp_path / "cache"), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def test_in_chromium_seeds_uploaded_show_the_conflict_and_its_cause(live_page, tmp_path, capsys):
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    OUTPUT.mkdir(exist_ok=True)
    shot = OUTPUT / "serve-seeds.png"
    with sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 1000})
        try:
            page = browser.new_page()
            page.goto(live_page)
            page.set_input_files("#files", [str(p) for p in [*SEED_FILES, SEEDS / "manifest.csv"]])
            page.select_option("select[name=profile]", "")
            page.click("button[type=submit]")
            conflict = page.wait_for_selector("#fixed-disagreement-1", timeout=120_000)
            text = conflict.inner_text()
            marks = [m.inner_text() for m in conflict.query_selector_all("mark")]
            direction = conflict.eval_on_selector(".dq-ev", "e => getComputedStyle(e).direction")
            above_groups = page.eval_on_selector(
                "#fixed-disagreement-1", "e => e.getBoundingClientRect().top < document.getElementById('groups').getBoundingClientRect().top")
            page.screenshot(path=str(shot))
            plot_ok = page.evaluate(
                "() => fetch(document.querySelector('img.plot').src).then(r => r.headers.get('content-type'))")
        finally:
            browser.close()
    with capsys.disabled():  # said in the test output, passed or not
        print(f"\nscreenshot of the page: {shot}")
    assert sorted(marks) == sorted(["نحو 1140", "1208", "ما يزيد عن 1300"])
    assert "likely cause: different sources" in text and "high" in text.lower()
    assert direction == "rtl" and above_groups
    assert plot_ok == "image/png"
    assert shot.stat().st_size > 30_000  # a rendered page, not a blank one


def test_serve_command_starts_on_loopback_and_says_where(tmp_path):
    import urllib.request

    proc = subprocess.Popen([sys.executable, "-m", "discrepancy", "serve", "--port", "0", "--cache", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        with urllib.request.urlopen(url, timeout=30) as r:
            assert r.status == 200 and "Links, one a line" in r.read().decode("utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
