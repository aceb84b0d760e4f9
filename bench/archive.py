"""The archive at a million articles: build rate, then one new article checked against it.

    python bench/archive.py                          # 1,000 / 100,000 / 1,000,000 archived articles
    python bench/archive.py --sizes 1000,20000       # a quick run
    python bench/archive.py --keep /data/bench       # keep the archive file afterwards

One run, in a temporary folder:

1. A pool of articles: `bench/generate.py`'s story (a growing Gaza toll, the
   7 October figures, hostages, parts, percentages, related stories), whose
   claims are extracted once (every core).
2. The archive is filled with `Archive.add_many` (one transaction per 10,000
   articles) up to each size in turn: archived article k is pool article
   k mod P under its own id, from an outlet drawn at random, retold in one
   of `--variants` ways (as extracted; or published 1, 2, 3 days later, its
   as_of dates following, with one count in ten restated a little higher or
   lower: a revision, a typo; surface, sentence and context follow). Distinct
   figures grow until variants x P articles and then only repeat, as a
   story's figures do when many outlets retell them. The build rate is
   printed in articles/s.
3. At each size, a fresh process checks one new article (the seed
   000_a4e1b1a530825d43 under a new id) against the archive with
   `check_with_archive`, three times (three ids): the time of each, the
   candidate figures the rules saw, how long opening the archive took, and
   the peak memory (VmHWM) of the process during the check and its rise
   above what the process held before the check. The check's CPU seconds are
   printed too: on a shared machine the wall time also counts the waits for
   a core.
4. At the largest size: how long the full `PRAGMA quick_check` takes
   (`discrepancy archive check`), against the check every open does.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
NEW = ROOT / "seeds" / "000_a4e1b1a530825d43.txt"


# ------------------------------------------------------------------ the pool and its variations
def pool(n: int, folder: Path):
    from bench.generate import generate
    from discrepancy.pipeline import extract_claims

    corpus = generate(n, folder / f"pool-{n}.jsonl")
    ex = extract_claims([str(corpus)], progress=False, workers=None)
    by_article: dict[str, list] = {a.id: [] for a in ex.articles}
    for c in ex.claims:
        by_article[c.article_id].append(c)
    return [(a, by_article[a.id]) for a in ex.articles], len(ex.claims)


_DIGITS = re.compile(r"\d+")


def _restated(c, rng: random.Random):
    """The claim with its count a little higher or lower, its text following (same length)."""
    if c.unit != "count" or not isinstance(c.value, float) or c.value < 100 or c.value != int(c.value):
        return c
    old = str(int(c.value))
    if old not in c.surface:
        return c
    new = str(int(c.value) + rng.choice((-10, -1, 1, 10)))
    if len(new) != len(old):
        return c
    scale = int(new) / int(old)
    return replace(c, value=float(new), surface=c.surface.replace(old, new, 1),
                   sentence=c.sentence.replace(old, new, 1), context=c.context.replace(old, new, 1),
                   low=c.low * scale if isinstance(c.low, float) else c.low,
                   high=c.high * scale if isinstance(c.high, float) else c.high)


def archived(items, start: int, stop: int, variants: int = 4, seed: int = 11):
    """Articles start..stop-1 of the archive, with their claims (deterministic).

    Archived article k retells pool article k mod P as variant (k // P) mod `variants`:
    variant 0 as extracted, the others published v days later (as_of dates follow) with
    one count in ten restated a little higher or lower. The outlet is drawn for each k.
    So the distinct figures grow until `variants` x P articles, then only repeat."""
    from bench.generate import OUTLETS

    rng = random.Random(seed * 1_000_003 + start)
    for k in range(start, stop):
        p, v = k % len(items), (k // len(items)) % variants
        a, claims = items[p]
        aid = f"arch-{k:07d}"
        shift = timedelta(days=v)
        restate = random.Random(p * 131 + v)  # the same variant of an article restates the same counts
        out = []
        for c in claims:
            c = replace(
                c, claim_id=f"{aid}:{c.char_start}", article_id=aid,
                part_of=f"{aid}:{c.part_of.rsplit(':', 1)[1]}" if c.part_of else "",
                published=c.published + shift if c.published else None,
                as_of=c.as_of + shift if c.as_of and c.unit != "date" else c.as_of,
            )
            out.append(_restated(c, restate) if v and restate.random() < 0.1 else c)
        yield replace(a, id=aid, outlet=rng.choice(OUTLETS), published=a.published + shift if a.published else None), out


# ------------------------------------------------------------------ one check, in a fresh process
def _memory() -> dict[str, int]:
    """VmRSS and VmHWM of this process, in kB (Linux)."""
    out = {}
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                out[line.split(":")[0]] = int(line.split()[1])
    return out


def _schedstat() -> tuple[float, float] | None:
    """Seconds this process ran on a core and waited in the run queue for one (Linux schedstat):
    what a check's wall time beyond its CPU time went to, on a machine shared with other work."""
    try:
        with open("/proc/self/schedstat") as f:
            ran, waited = f.read().split()[:2]
        return int(ran) / 1e9, int(waited) / 1e9
    except (OSError, ValueError):
        return None


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # resets VmHWM to the current RSS
        return True
    except OSError:
        return False


def check_one(db: Path, tag: str, runs: int) -> None:
    """Print, as JSON lines, the time and peak memory of checking the new article against `db`."""
    from discrepancy.pipeline import full_lexicon
    from discrepancy.rules import load_rules

    load_rules(None, full_lexicon())  # the rules are read once per process: time the check itself
    with tempfile.TemporaryDirectory(prefix="bench-archive-") as tmp:
        _check_in(db, tag, runs, Path(tmp))


def _check_in(db: Path, tag: str, runs: int, folder: Path) -> None:
    from discrepancy.archive import Archive
    from discrepancy.pipeline import check_with_archive

    manifest = folder / "manifest.csv"
    with (ROOT / "seeds" / "manifest.csv").open(encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["file"] == NEW.name)
    names = [f"warm-{tag}"] + [f"new-{tag}-{r}" for r in range(runs)]
    with manifest.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "outlet", "published"])
        for name in names:
            (folder / f"{name}.txt").write_text(NEW.read_text(encoding="utf-8"), encoding="utf-8")
            w.writerow([f"{name}.txt", row["outlet"], row["published"]])
    # a first check on an empty archive: imports and caches, as a long-running process has them
    check_with_archive([str(folder / f"{names[0]}.txt")], folder / "empty.db", manifest=manifest, progress=False)
    for name in names[1:]:
        t = time.perf_counter()
        Archive(db).close()
        opened = time.perf_counter() - t
        before = _memory()
        exact = _reset_peak()
        sched = _schedstat()
        t, cpu = time.perf_counter(), time.process_time()
        r = check_with_archive([str(folder / f"{name}.txt")], db, manifest=manifest, progress=False)
        elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
        # wall = CPU + waiting for a core (run queue) + the rest (disk reads, locks, page faults served by I/O)
        queued = _schedstat()[1] - sched[1] if sched else float("nan")
        after = _memory()
        new = sum(1 for c in r.claim_list if c.article_id == name)
        print(json.dumps({"seconds": elapsed, "cpu": cpu, "queued": queued, "load": os.getloadavg()[0], "open": opened, "candidates": len(r.claim_list) - new, "new": new,
                          "conflicts": len(r.conflict_list), "rss_before_mb": before["VmRSS"] / 1024,
                          "peak_mb": after["VmHWM"] / 1024, "rise_mb": (after["VmHWM"] - before["VmRSS"]) / 1024,
                          "peak_exact": exact}), flush=True)


def measure(db: Path, size: int, runs: int) -> list[dict]:
    out = subprocess.run([sys.executable, __file__, "--check-one", str(db), "--tag", str(size), "--runs", str(runs)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"the check against {size} articles failed:\n{out.stderr[-3000:]}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


# ------------------------------------------------------------------ the run
def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1000,100000,1000000", help="archive sizes, in articles (default: %(default)s)")
    p.add_argument("--pool", type=int, default=2000, help="generated articles whose claims are archived (default: %(default)s)")
    p.add_argument("--variants", type=int, default=4,
                   help="ways each pool article is retold: distinct figures level off at variants x pool (default: %(default)s)")
    p.add_argument("--runs", type=int, default=3, help="checks at each size (default: %(default)s)")
    p.add_argument("--batch", type=int, default=10_000, help="articles per transaction (default: %(default)s)")
    p.add_argument("--keep", type=Path, metavar="DIR", help="build the archive in DIR and keep it")
    p.add_argument("--check-one", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--tag", default="", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.check_one:
        return check_one(args.check_one, args.tag, args.runs)
    sizes = sorted(int(s.replace("_", "")) for s in args.sizes.split(","))

    from discrepancy.archive import Archive
    from discrepancy.lexicon import load_lexicon

    tmp = tempfile.TemporaryDirectory(prefix="bench-archive-") if args.keep is None else None
    folder = args.keep or Path(tmp.name)
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "archive.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    t = time.perf_counter()
    items, n_claims = pool(args.pool, folder)
    print(f"pool: {args.pool} generated articles -> {len(items)} articles (related stories apart), "
          f"{n_claims} claims, extracted in {time.perf_counter() - t:.1f}s", flush=True)
    version = load_lexicon().version
    built, build_time = 0, 0.0
    rows = []
    for size in sizes:
        t = time.perf_counter()
        with Archive(db) as store:
            store.add_many(archived(items, built, size, args.variants), "builtin", version, batch=args.batch)
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            articles, claims = store.counts()
            figures = store.db.execute("SELECT COUNT(*) FROM figures WHERE n > 0").fetchone()[0]
        step = time.perf_counter() - t
        build_time += step
        print(f"archive: {articles:,} articles, {claims:,} claims, {figures:,} distinct figures, "
              f"{db.stat().st_size / 2**20:,.0f} MB; +{size - built:,} articles in {step:.1f}s "
              f"({(size - built) / step:,.0f} articles/s)", flush=True)
        built = size
        runs = measure(db, size, args.runs)
        for k, r in enumerate(runs, start=1):
            print(f"  check {k}: 1 article ({r['new']} claims) against {size:,} archived in {r['seconds']:.3f}s "
                  f"({r['cpu']:.3f}s cpu, {r['queued']:.3f}s waiting for a core, "
                  f"{max(0.0, r['seconds'] - r['cpu'] - r['queued']):.3f}s other waits; open {r['open']:.3f}s; "
                  f"load {r['load']:.1f}); "
                  f"{r['candidates']:,} candidate figures, {r['conflicts']} conflicts; "
                  f"peak memory {r['peak_mb']:.0f} MB, +{r['rise_mb']:.0f} MB over the {r['rss_before_mb']:.0f} MB "
                  f"held before{'' if r['peak_exact'] else ' (peak since start)'}", flush=True)
        rows.append((size, runs))
    print(f"build: {built:,} articles in {build_time:.0f}s, {built / build_time:,.0f} articles/s "
          f"(claims made and varied by the bench included)", flush=True)
    con = sqlite3.connect(db)
    for what in ("PRAGMA quick_check", "PRAGMA integrity_check(1)"):
        if what.startswith("PRAGMA integrity") and db.stat().st_size > 2**30:
            continue
        t = time.perf_counter()
        result = con.execute(what).fetchone()[0]
        print(f"{what} on {db.stat().st_size / 2**20:,.0f} MB: {result}, {time.perf_counter() - t:.1f}s", flush=True)
    con.close()
    print("summary (size: median check s wall, max wall, median cpu s, median s waiting for a core, peak MB, rise MB):")
    for size, runs in rows:
        times = sorted(r["seconds"] for r in runs)
        cpus = sorted(r["cpu"] for r in runs)
        queued = sorted(r["queued"] for r in runs)
        print(f"  {size:>9,}: {times[len(times) // 2]:.3f}  {times[-1]:.3f}  {cpus[len(cpus) // 2]:.3f}  "
              f"{queued[len(queued) // 2]:.3f}  {max(r['peak_mb'] for r in runs):.0f}  {max(r['rise_mb'] for r in runs):.0f}")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
