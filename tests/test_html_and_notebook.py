"""The HTML report in a real headless browser, the Jupyter views and plot, and the notebook."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from discrepancy.pipeline import check
from tests.conftest import ROOT, SEEDS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HEADLESS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def result():
    return check([SEEDS], manifest=SEEDS / "manifest.csv", progress=False)


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    r = subprocess.run([sys.executable, "-m", "discrepancy", "check", str(SEEDS), "--manifest", str(SEEDS / "manifest.csv"),
                        "--format", "html", "-o", str(out), "-q"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return out


def test_report_is_self_contained_and_conflicts_come_first(report_file):
    html = report_file.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html and "<script" not in html
    assert html.index("fixed-disagreement-1") < html.index('id="groups"')
    assert 'dir="rtl"' in html
    for figure in ("نحو 1140", "1208", "ما يزيد عن 1300"):
        assert f"<mark>{figure}</mark>" in html


@pytest.mark.skipif(CHROMIUM is None and not __import__("os").environ.get("CI"),
                    reason="Debian chromium not installed (.ci/run installs it; in CI this test never skips)")
def test_report_in_headless_chromium(report_file, tmp_path):
    assert CHROMIUM, "chromium is missing in CI: .ci/run should have installed it"
    args = [CHROMIUM, *HEADLESS, f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([*args, "--dump-dom", report_file.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    page = dom.stdout
    first_conflict = page.index('class="dq-conflict')
    assert page.index("fixed-disagreement-1") < page.index("undated-disagreement-1")
    assert first_conflict < page.index("<mark>نحو 1140</mark>") < page.index('id="groups"')
    png = tmp_path / "report.png"
    shot = subprocess.run([*args, "--window-size=1200,1600", f"--screenshot={png}", report_file.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert shot.returncode == 0 and png.stat().st_size > 20_000  # a rendered page, not a blank one


def test_conflict_renders_in_jupyter(result):
    html = result.conflict("fixed-disagreement-1")._repr_html_()
    assert 'dir="rtl"' in html and "<mark>1208</mark>" in html and "fixed-disagreement-1" in html
    assert "fixed-disagreement-1" in result._repr_html_()


def test_helpers_and_dtypes(result):
    claims = result.claims
    assert claims["value"].dtype.kind == "f" and claims["published"].dtype.kind == "M"
    dates = claims[claims["unit"] == "date"]
    assert dates["value"].isna().all() and dates["value_date"].notna().all()
    toll = result.group_claims("killed/israeli/oct7_attack/count")
    assert sorted(toll["value"]) == [1140, 1208, 1300]
    assert set(result.article_conflicts("001_59abe512c9b76ea7")["conflict_id"]) == {"fixed-disagreement-1"}
    assert set(result.filter(severity="high")["rule_id"]) == {"fixed-disagreement"}
    assert result.filter(quantity="hostages_taken").empty


def test_plot_of_the_israeli_toll(result, tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    ax = result.plot("killed/israeli/oct7_attack/count")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert sorted(labels) == sorted(["RT Arabic", "حياة واشنطن", "عربي21"])  # one marker per outlet
    error_bars = [c for c in ax.containers if c.__class__.__name__ == "ErrorbarContainer"]
    assert len(error_bars) == 3
    png = tmp_path / "toll.png"
    ax.figure.savefig(png)
    assert png.stat().st_size > 10_000


def test_notebook_runs(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    # the kernel is this interpreter's: put it first on PATH for the kernel launcher
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}:{__import__('os').environ.get('PATH', '')}")
    path = ROOT / "notebooks" / "explore.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook without outputs"
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}})
    client.execute()
    text = "\n".join(str(o.get("data", o.get("text", ""))) for c in nb.cells for o in c.get("outputs", []))
    assert "fixed-disagreement" in text and "1208" in text
    assert not any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))


def test_notebook_file_exists():
    assert Path(ROOT / "notebooks" / "explore.ipynb").exists()
