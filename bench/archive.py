"""Time checking one new article against a large claim archive.

    python bench/archive.py                  # 100,000 archived articles
    python bench/archive.py --articles 20000

Builds (once, in bench/out/) an archive of N articles: the claims of the
synthetic corpus (bench/generate.py), extracted once and stored under N
distinct article ids with their dates, as a news desk's archive would hold
them. Then checks one seed article against it with `check_with_archive`,
three times on fresh copies of the archive, and prints the time of each,
the candidate figures the rules saw, and the conflicts reported.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import generate  # noqa: E402
from discrepancy.archive import Archive  # noqa: E402
from discrepancy.lexicon import load_lexicon  # noqa: E402
from discrepancy.pipeline import check_with_archive, extract_claims  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
ROOT = Path(__file__).resolve().parent.parent


def build(n: int) -> Path:
    db = OUT / f"archive-{n}.db"
    if db.exists():
        return db
    corpus = OUT / "corpus-10000.jsonl"
    if not corpus.exists():
        generate(10000, corpus)
    ex = extract_claims([str(corpus)], progress=False)
    by_article: dict[str, list] = {a.id: [] for a in ex.articles}
    for c in ex.claims:
        by_article[c.article_id].append(c)
    version = load_lexicon().version
    t = time.perf_counter()
    tmp = db.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    with Archive(tmp) as store:
        k = 0
        while k < n:
            for a in ex.articles:
                if k >= n:
                    break
                new_id = f"{a.id}~{k}"
                claims = [replace(c, article_id=new_id, claim_id=f"{new_id}:{c.char_start}",
                                  part_of=f"{new_id}:{c.part_of.rsplit(':', 1)[1]}" if c.part_of else "")
                          for c in by_article[a.id]]
                store.add(replace(a, id=new_id, text=a.text + f"\n{k}"), claims, "builtin", version)
                k += 1
        articles, claims = store.counts()
    tmp.rename(db)
    print(f"built {db.name}: {articles} articles, {claims} claims in {time.perf_counter() - t:.0f}s", flush=True)
    return db


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=100_000)
    args = p.parse_args()
    db = build(args.articles)
    article = ROOT / "seeds" / "000_a4e1b1a530825d43.txt"
    load_lexicon()  # the rules are read once per process; time the check itself
    for run in range(3):
        copy = OUT / "archive-check.db"
        shutil.copy(db, copy)
        t = time.perf_counter()
        result = check_with_archive([str(article)], copy, manifest=ROOT / "seeds" / "manifest.csv", progress=False)
        elapsed = time.perf_counter() - t
        rows = sum(len(cf.claims) for cf in result.conflict_list)
        print(f"run {run + 1}: checked 1 article against {args.articles} archived in {elapsed:.3f}s "
              f"({len(result.claim_list)} candidate figures, {len(result.conflict_list)} conflicts, {rows} report rows)",
              flush=True)
        copy.unlink()


if __name__ == "__main__":
    main()
