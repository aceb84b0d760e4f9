"""`discrepancy` command line: a thin layer over the library (SPEC §7).

Every error a user can cause (bad file, bad manifest, malformed rule, missing
model) is one line on stderr and exit code 2, never a traceback.

Exit codes: 0 success (conflicts found or not), 1 conflicts found with
--fail-on-conflict, 2 bad usage or input (nothing readable, bad manifest,
malformed rules, unusable archive), 3 internal error (a bug: please report it).
An internal error on one article does not stop the run: that article is
reported like an unreadable input and the others are processed.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence

from . import __version__
from .archive import ArchiveError
from .backends import BACKENDS
from .backends.stanza import ModelsMissing
from .ingest import UsageError
from .lexicon import RulesError
from .parallel import SchedulerError

EXAMPLES_CLAIMS = """examples:
  discrepancy claims seeds --manifest seeds/manifest.csv -o claims.csv
  discrepancy claims article.txt                 # CSV to the terminal
  cat article.txt | discrepancy claims -         # from standard input
"""


EXAMPLES_CHECK = """examples:
  discrepancy check seeds --manifest seeds/manifest.csv -o conflicts.csv
  discrepancy check new.txt old/ --format json            # JSON to the terminal
  discrepancy check seeds --fail-on-conflict -o - >/dev/null || echo "conflicts found"
  discrepancy check seeds --rules my-rules/               # a tuned copy of rules/
  discrepancy check today/ --archive news.db -o new-conflicts.csv   # against all earlier articles
  discrepancy check https://example.org/news/1 https://example.org/news/2 saved/    # links and files
  discrepancy check --urls links.txt -o conflicts.csv     # one link a line; pages kept in the user cache
"""

EXAMPLES_SERVE = """examples:
  discrepancy serve                          # the page at http://127.0.0.1:8000/
  discrepancy serve --archive news.db        # check against the archive and browse it
  discrepancy serve --port 8080 --max-upload 50
  discrepancy serve --host 0.0.0.0 --public  # open to the network: says what that exposes

The page reads only the files uploaded to it, pasted text and http/https links.
It needs Flask: pip install 'discrepancy[serve]'.
"""

EXAMPLES_ARCHIVE = """examples:
  discrepancy archive add seeds --manifest seeds/manifest.csv --archive news.db
  discrepancy archive list --archive news.db
  discrepancy archive export --archive news.db -o claims.csv
  discrepancy archive check --archive news.db       # read every page: is the file damaged?
"""


EXAMPLES_SCORE = """examples:
  discrepancy score my-gold.csv articles/ --manifest manifest.csv
  discrepancy score tests/golden/seeds_gold.csv seeds --manifest seeds/manifest.csv -o scores.csv

The gold CSV uses the claims columns (any subset): article_id and char_start/char_end
(or value) to match claims, then value, hedge, quantity, population, event, modality,
attribution, part_of... are each scored (precision, recall, F1).
"""


INTERNAL_ERROR = 3


class CliError(Exception):
    """Exit 2 with this one-line message."""


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of workers (1 or more)")
    return n


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help=".txt/.html/.jsonl files, folders, - for stdin, or links (https://...) to fetch")
    p.add_argument("--urls", metavar="FILE", action="append", default=[],
                   help="a text file of links to fetch, one a line (# comments allowed)")
    p.add_argument("--cache", metavar="DIR", help="where fetched pages are kept, so that a re-run does not fetch "
                   "again (default: the user cache folder, e.g. ~/.cache/discrepancy/pages)")
    p.add_argument("--no-cache", action="store_true", help="fetch every link again and keep nothing")
    p.add_argument("--timeout", metavar="SECONDS", type=float, default=20.0,
                   help="give up on a link that does not answer within this time (default: 20; 3 tries)")
    p.add_argument("-o", "--output", metavar="FILE", default="-", help="where to write (default: - = stdout)")
    p.add_argument("--manifest", metavar="CSV", help="file,outlet,published per input file; overrides the text")
    p.add_argument("--rules", metavar="DIR", help="rules folder (default: the project's rules/)")
    p.add_argument("--backend", choices=BACKENDS, default="builtin", help="NLP backend (default: builtin)")
    p.add_argument("--profile", metavar="NAME", help="story profile of rules/profiles/ for every article "
                   "('none': the generic core only; default: the profiles each article's words match)")
    p.add_argument("--stanza-dir", metavar="DIR", help="Stanza model folder (default: $STANZA_RESOURCES_DIR or ~/stanza_resources)")
    p.add_argument("--gpu", action="store_true", help="run the Stanza models on a GPU when one is available")
    p.add_argument("--workers", metavar="N", type=_positive, default=None,
                   help="processes for reading and extraction (default: every core; 1: this process only)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on a Dask cluster, e.g. tcp://10.0.0.5:8786 (needs the 'scale' extra; README: Scale)")
    p.add_argument("--quiet", "-q", action="store_true", help="no summary on stderr")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="discrepancy",
        description="Find where Arabic news articles disagree on figures (tolls, hostages, percentages, dates).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="run 'discrepancy COMMAND -h' for a command's options and examples",
    )
    parser.add_argument("--version", action="version", version=f"discrepancy {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "claims", help="list every numeric claim in the articles (CSV)", epilog=EXAMPLES_CLAIMS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(p)
    p.add_argument("--format", choices=("csv", "json", "parquet"), default="csv",
                   help="csv (default), json, or parquet for big corpora (needs pyarrow and -o FILE)")
    p.set_defaults(func=cmd_claims)

    p = sub.add_parser(
        "check", help="report where the articles disagree (CSV conflict report)", epilog=EXAMPLES_CHECK,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(p)
    p.add_argument("--format", choices=("csv", "json", "html"), default="csv",
                   help="csv (default), json, or html: one self-contained page, conflicts first")
    p.add_argument("--fail-on-conflict", action="store_true", help="exit 1 when any conflict is found")
    p.add_argument("--archive", metavar="DB", help="also compare with every article archived in DB, then add these to it")
    p.add_argument("--all", action="store_true", help="with --archive: also report conflicts among archived claims only")
    p.add_argument("--every-claim", action="store_true",
                   help="with --archive: list every archived claim of a conflicting figure, not one per figure")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser(
        "score", help="measure extraction against a gold CSV you annotated", epilog=EXAMPLES_SCORE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("gold", metavar="GOLD.csv", help="hand-annotated claims (claims CSV columns)")
    _common(p)
    p.add_argument("--fields", nargs="+", metavar="FIELD", help="fields to score (default: all the gold has)")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("archive", help="the claim archive: add articles, list them, export claims",
                       epilog=EXAMPLES_ARCHIVE, formatter_class=argparse.RawDescriptionHelpFormatter)
    asub = p.add_subparsers(dest="archive_command", metavar="ACTION", required=True)
    a = asub.add_parser("add", help="extract and archive articles without reporting conflicts")
    _common(a)
    a.add_argument("--archive", metavar="DB", required=True)
    a.set_defaults(func=cmd_archive_add)
    a = asub.add_parser("list", help="archived articles: id, version, outlet, date, claims")
    a.add_argument("--archive", metavar="DB", required=True)
    a.add_argument("-o", "--output", metavar="FILE", default="-")
    a.set_defaults(func=cmd_archive_list)
    a = asub.add_parser("export", help="archived claims as CSV (SPEC claim columns)")
    a.add_argument("--archive", metavar="DB", required=True)
    a.add_argument("-o", "--output", metavar="FILE", default="-")
    a.add_argument("--all-versions", action="store_true", help="also the claims of superseded versions")
    a.set_defaults(func=cmd_archive_export)
    a = asub.add_parser("check", help="read every page of the archive (opening a big one checks only its header and schema)")
    a.add_argument("--archive", metavar="DB", required=True)
    a.set_defaults(func=cmd_archive_check)

    p = sub.add_parser("serve", help="a web page on this machine: paste links or text, drop files, see the conflicts",
                       epilog=EXAMPLES_SERVE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    p.add_argument("--public", action="store_true", help="allow a --host other than this machine's loopback address")
    p.add_argument("--archive", metavar="DB", help="check against this archive, add to it, and browse it on the page")
    p.add_argument("--rules", metavar="DIR", help="rules folder (default: the project's rules/)")
    p.add_argument("--backend", choices=BACKENDS, default="builtin", help="NLP backend (default: builtin)")
    p.add_argument("--cache", metavar="DIR", help="where fetched pages are kept (default: the user cache folder)")
    p.add_argument("--no-cache", action="store_true", help="fetch every link again and keep nothing")
    p.add_argument("--max-upload", metavar="MB", type=float, default=20.0, help="files and text of one check (default: 20)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("models", help="manage the Stanza models of the stanza backend")
    msub = p.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    d = msub.add_parser(
        "download", help="download the Stanza Arabic models (needs internet, about 460 MB)",
        epilog="examples:\n  discrepancy models download\n  discrepancy models download --stanza-dir /data/stanza",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    d.add_argument("--stanza-dir", metavar="DIR", help="where to put them (default: $STANZA_RESOURCES_DIR or ~/stanza_resources)")
    d.set_defaults(func=cmd_models_download)
    return parser


def _open_archive(path: str, must_exist: bool = True, readonly: bool = False):
    from pathlib import Path

    from .archive import Archive

    if must_exist and not Path(path).exists():
        raise CliError(f"no archive at {path} (create one with: discrepancy archive add PATHS --archive {path})")
    return Archive(path, readonly=readonly)


def cmd_archive_add(args: argparse.Namespace) -> int:
    from .lexicon import load_lexicon
    from .pipeline import extract_claims

    ex = extract_claims(_inputs(args), manifest=args.manifest, rules=args.rules, backend=args.backend, **_backend_opts(args))
    _report_problems(ex.problems, args)
    if not ex.articles:
        raise CliError("no article could be read from the given paths")
    version = load_lexicon(args.rules).version
    with _open_archive(args.archive, must_exist=False) as store:
        outcomes = store.add_all(ex.articles, ex.claims, args.backend, version)
        n_articles, n_claims = store.counts()
    if not args.quiet:
        done = ", ".join(f"{n} {w}" for w, n in sorted(outcomes.items()))
        print(f"discrepancy: {done}; the archive holds {n_articles} articles, {n_claims} claims", file=sys.stderr)
    return 0


def cmd_archive_list(args: argparse.Namespace) -> int:
    from .report import to_csv, write

    with _open_archive(args.archive, readonly=True) as store:
        df = store.articles_frame()
    if args.output in (None, "-"):
        print(df.drop(columns=["content_hash"]).to_string(index=False) if len(df) else "(empty archive)")
    else:
        write(to_csv(df), args.output, bom=True)
    return 0


def cmd_archive_export(args: argparse.Namespace) -> int:
    from .report import to_csv, write

    with _open_archive(args.archive, readonly=True) as store:
        df = store.claims_frame(all_versions=args.all_versions)
    write(to_csv(df), args.output, bom=True)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import exposure, is_loopback, serve

    if not is_loopback(args.host):
        if not args.public:
            raise CliError(f"--host {args.host} is not this machine's loopback address; {exposure(args.host, args.port, args.archive)}. "
                           "Add --public to do that")
        print(f"discrepancy: warning: {exposure(args.host, args.port, args.archive)}", file=sys.stderr)
    if not args.max_upload > 0:
        raise CliError(f"--max-upload must be a number of MB above 0, not {args.max_upload:g}")
    try:
        import flask  # noqa: F401
    except ImportError:
        raise CliError("the page needs Flask: pip install 'discrepancy[serve]'") from None
    try:
        serve(args.host, args.port, archive=args.archive, rules=args.rules, backend=args.backend,
              cache=False if args.no_cache else args.cache, max_upload_mb=args.max_upload)
    except OSError as e:
        raise CliError(f"cannot listen on {args.host}:{args.port} ({e.strerror or e})") from None
    return 0


def cmd_archive_check(args: argparse.Namespace) -> int:
    with _open_archive(args.archive, readonly=True) as store:
        result = store.check()
    if result != ["ok"]:
        raise ArchiveError(f"{args.archive}: the archive is damaged (quick_check: {' '.join(result).replace(chr(10), ' ')[:300]}); "
                           "restore a copy, or export what can be read with sqlite3's .recover")
    print(f"discrepancy: {args.archive}: ok (every page read)", file=sys.stderr)
    return 0


def cmd_models_download(args: argparse.Namespace) -> int:
    from .backends.stanza import download_models, model_dir

    directory = model_dir(args.stanza_dir)
    print(f"discrepancy: downloading the Stanza Arabic models into {directory} ...", file=sys.stderr)
    try:
        where = download_models(directory)
    except OSError as e:
        raise CliError(f"download failed ({e}); check the internet connection and that {directory} is writable") from None
    print(f"discrepancy: Stanza Arabic models installed in {where}; use --backend stanza --stanza-dir {directory}", file=sys.stderr)
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    import pandas as pd

    from .pipeline import extract_claims
    from .report import claims_frame, to_csv, write
    from .score import score

    try:
        gold = pd.read_csv(args.gold, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as e:
        raise CliError(f"cannot read gold CSV {args.gold}: {e}") from None
    ex = extract_claims(_inputs(args), manifest=args.manifest, rules=args.rules, backend=args.backend, **_backend_opts(args))
    _report_problems(ex.problems, args)
    if not ex.articles:
        raise CliError("no article could be read from the given paths")
    try:
        table = score(gold, claims_frame(ex.claims), args.fields)
    except (ValueError, KeyError) as e:
        raise CliError(f"gold CSV {args.gold}: {e}") from None
    if args.output in (None, "-"):
        print(table.to_string(index=False))
    else:
        write(to_csv(table), args.output, bom=True)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .pipeline import check
    from .report import conflicts_frame, summary, to_csv, to_json, write

    if args.all and not args.archive:
        raise CliError("--all only makes sense with --archive DB")
    if args.archive:
        from .pipeline import check_with_archive

        result = check_with_archive(_inputs(args), args.archive, manifest=args.manifest, rules=args.rules,
                                    backend=args.backend, include_old=args.all, every_claim=args.every_claim,
                                    **_backend_opts(args))
    else:
        result = check(_inputs(args), manifest=args.manifest, rules=args.rules, backend=args.backend, **_backend_opts(args))
    _report_problems(result.problems, args)
    if not result.articles:
        raise CliError("no article could be read from the given paths")
    if args.format == "html":
        write(result.to_html(), args.output, bom=False)
    else:
        df = conflicts_frame(result.conflict_list)
        write(to_csv(df) if args.format == "csv" else to_json(df), args.output, bom=args.format == "csv")
    if not args.quiet:
        print(summary(result), file=sys.stderr)
        if getattr(args, "_fetch", None) is not None and args._fetch.links:
            print(f"discrepancy: {args._fetch.report()}", file=sys.stderr)
    return 1 if args.fail_on_conflict and result.conflict_list else 0


def cmd_claims(args: argparse.Namespace) -> int:
    from .pipeline import extract_claims
    from .report import claims_frame, to_csv, to_json, to_parquet, write

    if args.format == "parquet":
        if args.output in (None, "-"):
            raise CliError("--format parquet writes a file: give one with -o FILE.parquet")
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise CliError("--format parquet needs pyarrow: pip install 'discrepancy[scale]'") from None
    ex = extract_claims(_inputs(args), manifest=args.manifest, rules=args.rules, backend=args.backend, **_backend_opts(args))
    _report_problems(ex.problems, args)
    if not ex.articles:
        raise CliError("no article could be read from the given paths")
    df = claims_frame(ex.claims)
    if args.format == "parquet":
        to_parquet(df, args.output)
    else:
        write(to_csv(df) if args.format == "csv" else to_json(df), args.output, bom=args.format == "csv")
    if not args.quiet:
        print(f"discrepancy: {len(ex.articles)} articles, {len(ex.claims)} claims", file=sys.stderr)
    return 0


def _backend_opts(args: argparse.Namespace) -> dict:
    """The backend's options, the story profile named, where to run and the fetcher of links (passed down)."""
    opts = {"model_dir": args.stanza_dir, "use_gpu": args.gpu} if args.backend == "stanza" else {}
    return {**opts, "profile": args.profile, "workers": args.workers, "scheduler": args.scheduler,
            "fetcher": _fetcher(args)}


# Reasons common in a folder (macOS ._ files, .DS_Store, PDFs next to the articles):
# one line each lists every such path instead of a line per file.
_GROUPED = {"hidden file": ("hidden file", "hidden files"), "hidden folder": ("hidden folder", "hidden folders"),
            "unsupported file type": ("file of an unsupported type", "files of unsupported types")}


def _report_problems(problems, args: argparse.Namespace) -> None:
    problems[:0] = getattr(args, "link_problems", [])  # lines of --urls files that are no link
    grouped: dict[str, list[str]] = {}
    for p in problems:
        kind = next((k for k in _GROUPED if p.reason.startswith(k)), None)
        if kind and p.kind == "skipped":
            detail = p.reason[len(kind):].strip()
            grouped.setdefault(kind, []).append(f"{p.path} ({detail})" if detail else p.path)
            continue
        verb = "warning:" if p.kind == "warning" else "skipped"
        print(f"discrepancy: {verb} {p.path}: {p.reason}", file=sys.stderr)
    for kind, paths in grouped.items():
        print(f"discrepancy: skipped {len(paths)} {_GROUPED[kind][len(paths) > 1]}: {', '.join(paths)}", file=sys.stderr)


def _inputs(args: argparse.Namespace) -> list[str]:
    """PATHs and the links of every --urls file; a links file that cannot be read is exit 2."""
    from pathlib import Path

    from .fetch import links_in

    inputs = list(args.paths)
    args.link_problems = []
    for name in args.urls:
        try:
            text = Path(name).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            raise CliError(f"cannot read links file {name}: {getattr(e, 'strerror', None) or e}") from None
        links, problems = links_in(text, name)
        if not links and not problems:
            raise CliError(f"links file {name} has no link (one http:// or https:// link a line)")
        inputs += links
        args.link_problems += problems
    if not inputs and not args.link_problems:
        raise CliError("nothing to read: give files, folders, links, - for stdin, or --urls FILE")
    return inputs


def _fetcher(args: argparse.Namespace):
    if getattr(args, "_fetch", None) is None:
        from .fetch import Fetcher

        if not args.timeout > 0:
            raise CliError(f"--timeout must be a number of seconds above 0, not {args.timeout:g}")

        args._fetch = Fetcher(cache=False if args.no_cache else args.cache, timeout=args.timeout,
                              progress=_link_bar() if sys.stderr.isatty() and not args.quiet else None)
    return args._fetch


def _link_bar():
    """A progress bar on a terminal while links are fetched (made on the first link done)."""
    bar = None

    def update(done: int, total: int, _link: str) -> None:
        nonlocal bar
        if bar is None:
            from tqdm import tqdm

            bar = tqdm(total=total, unit="link", file=sys.stderr, desc="fetching", leave=False)
        bar.update(1)
        if done == total:
            bar.close()
            bar = None

    return update


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (CliError, UsageError, RulesError, ModelsMissing, ArchiveError, SchedulerError) as e:
        for line in str(e).splitlines() or [""]:  # several problems (a rules folder): one line each
            print(f"discrepancy: error: {line}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except sqlite3.DatabaseError as e:  # a page found damaged after the checks at open
        print(f"discrepancy: error: the archive cannot be read ({e}); restore a copy "
              "(`discrepancy archive check --archive DB` reads every page)", file=sys.stderr)
        return 2
    except OSError as e:  # an output file that cannot be written, a full disk
        where = f" {e.filename}" if getattr(e, "filename", None) else ""
        print(f"discrepancy: error: cannot write{where}: {e.strerror or e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("discrepancy: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # a bug: its own exit code, never 1 (which means "conflicts found")
        print(f"discrepancy: internal error: {type(e).__name__}: {str(e)[:300]} (please report it; "
              "rerun with DISCREPANCY_DEBUG=1 for the traceback)", file=sys.stderr)
        if os.environ.get("DISCREPANCY_DEBUG"):
            raise
        return INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
