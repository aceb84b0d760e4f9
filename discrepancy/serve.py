"""`discrepancy serve`: the checker as a web page on this machine (Flask + Jinja2).

For fact-checkers who do not live in a terminal: paste links or text, drop
files, pick a story profile (or let it choose), run, and read the conflicts
first, then the claim groups with their plot over time; download the CSV and
JSON; with an archive, check new articles against it and browse what it holds.

What the page may touch, on purpose:
- it reads only what the user gave it: uploaded files (kept in a temporary
  folder for the run, then deleted), pasted text, and http/https links. A line
  of the links box that is not a link is reported, never read as a path;
- uploads are size-limited (`max_upload_mb`, the whole request);
- bound to 127.0.0.1 it answers only requests addressed to this machine's
  loopback names (a web page elsewhere cannot rebind its name to reach it),
  every form carries a token a foreign page cannot know, and the page runs no
  inline script and loads nothing from elsewhere (Content-Security-Policy).

The HTML of conflicts and groups is that of the report (discrepancy/html.py).
"""

from __future__ import annotations

import io
import secrets
import shutil
import tempfile
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from markupsafe import Markup

from . import html as views
from .archive import ArchiveError
from .backends.stanza import ModelsMissing
from .fetch import Fetcher, links_in
from .ingest import SUPPORTED, UsageError
from .lexicon import RulesError, profile_names
from .models import InputProblem
from .pipeline import Result

MAX_UPLOAD_MB = 20  # the whole request: files and pasted text
MAX_LINKS = 500
KEEP_RUNS = 20  # finished runs kept in memory for their pages and downloads
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]


@dataclass
class Run:
    """One check started from the page, and how far it has got."""

    id: str
    inputs: int
    profile: str
    with_archive: bool
    stage: str = "waiting"
    done: int = 0
    total: int = 0
    result: Result | None = None
    error: str | None = None
    problems: list[InputProblem] = field(default_factory=list)  # lines of the links box that are no link
    fetch_report: str = ""
    started: float = field(default_factory=time.time)
    finished: float | None = None
    plots: dict[str, bytes] = field(default_factory=dict)

    @property
    def running(self) -> bool:
        return self.result is None and self.error is None


def create_app(archive: str | Path | None = None, rules: str | Path | None = None, backend: str = "builtin",
               cache: str | Path | None | bool = None, max_upload_mb: float = MAX_UPLOAD_MB,
               trusted_hosts: list[str] | None = LOOPBACK_NAMES, fetch_timeout: float | None = None):
    """The Flask app. `cache` as for `Fetcher` (None: the user cache folder, False: none);
    `trusted_hosts`: the Host names it answers (None: any, for a public bind)."""
    try:
        from flask import Flask, Response, abort, redirect, render_template, request, url_for
    except ImportError:
        raise ImportError("the page needs Flask: pip install 'discrepancy[serve]'") from None

    app = Flask(__name__)
    limit = int(max_upload_mb * 1024 * 1024)
    app.config.update(MAX_CONTENT_LENGTH=limit, MAX_FORM_MEMORY_SIZE=limit, TRUSTED_HOSTS=trusted_hosts)
    token = secrets.token_urlsafe(24)
    runs: OrderedDict[str, Run] = OrderedDict()
    one_at_a_time = threading.Lock()  # two cores: runs queue rather than share them
    profiles = profile_names(rules)
    fetch_opts = {"cache": cache} | ({"timeout": fetch_timeout} if fetch_timeout else {})

    @app.after_request
    def _headers(resp):
        resp.headers.setdefault("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
                                "style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'")
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "no-referrer")
        return resp

    @app.context_processor
    def _common():
        return {"archive": str(archive) if archive else None, "token": token, "max_upload_mb": max_upload_mb}

    def page(template: str, status: int = 200, **ctx):
        return render_template(template, **ctx), status

    @app.get("/")
    def index():
        return page("index.html", profiles=profiles)

    @app.errorhandler(413)
    def too_large(_e):
        return page("index.html", 413, profiles=profiles,
                    error=f"Too much at once: the files and text of one check may add up to {max_upload_mb:g} MB. "
                          "Split them into several checks, or use the command line for big batches.")

    @app.post("/run")
    def start():
        if not secrets.compare_digest(request.form.get("token", ""), token):
            abort(403, "this form is not from this page; reload the page and try again")
        profile = request.form.get("profile", "")
        if profile not in ("", "none", *profiles):
            return page("index.html", 400, profiles=profiles, error=f"No story profile {profile!r}.")
        links, problems = links_in(request.form.get("links", ""), "links box")
        if len(links) > MAX_LINKS:
            return page("index.html", 400, profiles=profiles,
                        error=f"{len(links)} links: one check takes at most {MAX_LINKS}.")
        folder = Path(tempfile.mkdtemp(prefix="discrepancy-upload-"))
        paths, manifest = _save_uploads(request.files.getlist("files"), request.form.get("text", ""), folder, problems)
        if not paths and not links:
            shutil.rmtree(folder, ignore_errors=True)
            return page("index.html", 400, profiles=profiles, problems=problems,
                        error="Nothing to check: paste links or text, or add files (.txt, .html, .jsonl).")
        run = Run(uuid.uuid4().hex[:12], len(paths) + len(links), profile or "chosen by the articles",
                  bool(archive) and request.form.get("use_archive") == "on", problems=problems)
        runs[run.id] = run
        while len(runs) > KEEP_RUNS:
            runs.popitem(last=False)
        threading.Thread(target=_work, args=(run, [*map(str, paths), *links], manifest, folder), daemon=True).start()
        return redirect(url_for("show", run_id=run.id), code=303)

    def _work(run: Run, inputs: list[str], manifest: Path | None, folder: Path) -> None:
        from .pipeline import check, check_with_archive

        def fetched(done: int, total: int, _url: str) -> None:
            run.stage, run.done, run.total = "fetching links", done, total

        def read(done: int, total: int) -> None:
            run.stage, run.done, run.total = ("reading articles", done, total) if done < total else ("comparing figures", 0, 0)

        try:
            with one_at_a_time:
                run.stage = "starting"
                fetcher = Fetcher(progress=fetched, **fetch_opts)
                opts = dict(manifest=manifest, rules=rules, backend=backend, progress=read,
                            profile=run.profile if run.profile in ("none", *profiles) else None, fetcher=fetcher)
                if run.with_archive:
                    result = check_with_archive(inputs, archive, **opts)
                else:
                    result = check(inputs, **opts)
                result.problems[:0] = run.problems
                run.fetch_report = fetcher.report() if fetcher.links else ""
                run.result = result
        except (UsageError, RulesError, ArchiveError, ModelsMissing) as e:  # the user's to fix: said on the page
            run.error = str(e)
        except Exception as e:  # a bug: said on the page too, never a dead page
            run.error = f"internal error ({type(e).__name__}: {str(e)[:300]}); please report it"
        finally:
            run.finished = time.time()
            shutil.rmtree(folder, ignore_errors=True)  # the uploads live as long as their run

    def get_run(run_id: str) -> Run:
        run = runs.get(run_id)
        if run is None:
            abort(404, "no such check (the page keeps the last 20; start a new one)")
        return run

    @app.get("/run/<run_id>")
    def show(run_id: str):
        run = get_run(run_id)
        if run.running or run.error:
            return page("progress.html", run=run)
        result = run.result
        conflicts = sorted(result.conflict_list, key=lambda cf: SEVERITY_ORDER.get(cf.severity, 3))
        per_group: dict[str, int] = {}
        for cf in conflicts:
            per_group[cf.group_id] = per_group.get(cf.group_id, 0) + 1
        groups = sorted((g for g in result.group_list if g.claims),
                        key=lambda g: (-per_group.get(g.group_id, 0), -len(g.claims), g.group_id))
        return page(
            "result.html", run=run, result=result, severity_counts=_count(cf.severity for cf in conflicts),
            conflicts=[(cf, Markup(views.conflict_html(cf))) for cf in conflicts],
            groups=[(g, Markup(views.group_html(g)), g.unit != "date" and len(g.claims) > 1) for g in groups],
            articles=result.articles[:300], per_group=per_group,
        )

    @app.get("/run/<run_id>/status.json")
    def status(run_id: str):
        run = get_run(run_id)
        return {"stage": "done" if run.result else ("failed" if run.error else run.stage), "done": run.done,
                "total": run.total, "error": run.error}

    @app.get("/run/<run_id>/<what>.<fmt>")
    def download(run_id: str, what: str, fmt: str):
        from .report import claims_frame, conflicts_frame, to_csv, to_json

        run = get_run(run_id)
        if run.result is None or what not in ("conflicts", "claims") or fmt not in ("csv", "json"):
            abort(404)
        df = conflicts_frame(run.result.conflict_list) if what == "conflicts" else claims_frame(run.result.claim_list)
        body = ("\ufeff" + to_csv(df)) if fmt == "csv" else to_json(df)  # BOM: Excel reads the Arabic right
        mime = "text/csv" if fmt == "csv" else "application/json"
        return Response(body.encode("utf-8"), mimetype=mime, headers={
            "Content-Disposition": f'attachment; filename="{what}-{run.id}.{fmt}"', "Content-Type": f"{mime}; charset=utf-8"})

    @app.get("/run/<run_id>/plot/<path:group_id>.png")
    def plot(run_id: str, group_id: str):
        run = get_run(run_id)
        if run.result is None:
            abort(404)
        if group_id not in run.plots:
            try:
                group = run.result.group(group_id)
            except KeyError:
                abort(404)
            run.plots[group_id] = _plot_png(group, [cf for cf in run.result.conflict_list if cf.group_id == group_id])
        return Response(run.plots[group_id], mimetype="image/png")

    @app.get("/archive")
    def browse():
        if not archive:
            abort(404, "no archive: start the page with discrepancy serve --archive DB")
        from .archive import Archive

        if not Path(archive).exists():
            return page("archive.html", facets={}, claims=[], total=0, chosen={}, table="")
        chosen = {f: request.args.get(f, "") for f in Archive.BROWSE_FIELDS}
        since, until = _day(request.args.get("since")), _day(request.args.get("until"))
        with Archive(archive) as store:
            facets = store.facets()
            claims, total = store.browse(since=since, until=until, **chosen)
            n_articles, n_claims = store.counts()
        return page("archive.html", facets=facets, claims=claims, total=total, chosen=chosen,
                    since=since, until=until, n_articles=n_articles, n_claims=n_claims,
                    table=Markup(views.claims_table(claims)) if claims else "")

    @app.get("/style.css")
    def style():
        css = views.STYLE + (Path(__file__).parent / "static" / "page.css").read_text(encoding="utf-8")
        return Response(css, mimetype="text/css")

    app.jinja_env.globals["views"] = views
    return app


def _save_uploads(files, text: str, folder: Path, problems: list[InputProblem]) -> tuple[list[Path], Path | None]:
    """Uploaded files and pasted text into the run's folder; a manifest among them is used as one."""
    from werkzeug.utils import secure_filename

    paths: list[Path] = []
    manifest: Path | None = None
    for n, f in enumerate(files, start=1):
        if not f or not f.filename:
            continue
        name = secure_filename(f.filename) or f"upload-{n}.txt"
        suffix = Path(name).suffix.lower()
        if suffix == ".csv":
            head = f.stream.read(4096)
            f.stream.seek(0)
            if {"file", "outlet", "published"} <= {c.strip() for c in head.decode("utf-8-sig", "replace").split("\n")[0].split(",")}:
                manifest = folder / "manifest" / name
                manifest.parent.mkdir(exist_ok=True)
                f.save(manifest)
                continue
        if suffix not in SUPPORTED:
            problems.append(InputProblem(f.filename, f"unsupported file type {suffix or '(none)'}: "
                                         f"give {', '.join(SUPPORTED)} files"))
            continue
        target = folder / name
        k = 2
        while target.exists():  # two uploads of one name: both kept
            target = folder / f"{Path(name).stem}-{k}{suffix}"
            k += 1
        f.save(target)
        paths.append(target)
    if text.strip():
        target = folder / "pasted.txt"
        target.write_text(text.replace("\r\n", "\n"), encoding="utf-8")
        paths.append(target)
    return paths, manifest


def _plot_png(group, conflicts) -> bytes:
    import matplotlib

    matplotlib.use("Agg")  # no window: pictures for the page
    from matplotlib.figure import Figure

    from .plot import plot_group

    fig = Figure(figsize=(8, 3.6), dpi=90)
    with _PLOT_LOCK:  # matplotlib's shared state is not for two threads at once
        plot_group(group, conflicts, ax=fig.subplots())
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
    return buf.getvalue()


_PLOT_LOCK = threading.Lock()


def _count(values) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def is_loopback(host: str) -> bool:
    import ipaddress

    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure(host: str, port: int, archive: str | Path | None) -> str:
    """What a bind beyond this machine exposes, in one line."""
    what = "run checks, upload files, make this machine fetch any link (including addresses on its own network)"
    if archive:
        what += f", and read and add to the archive {archive}"
    return f"the page at {host}:{port} is open to anyone who can reach this address: they can {what}"


def serve(host: str = "127.0.0.1", port: int = 8000, **options) -> None:
    """Run the page until Ctrl+C (Werkzeug's threaded server: meant for one person or a small team)."""
    from werkzeug.serving import make_server

    trusted = LOOPBACK_NAMES if is_loopback(host) else None
    app = create_app(trusted_hosts=trusted, **options)
    server = make_server(host, port, app, threaded=True)
    shown = f"[{host}]" if ":" in host else host
    print(f"discrepancy: the page is at http://{shown}:{server.server_port}/ (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
