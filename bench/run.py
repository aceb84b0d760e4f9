"""Time ingest → claims → conflicts on the synthetic corpus; print throughput and memory.

    python bench/run.py                       # 10,000 and 20,000 articles
    python bench/run.py --sizes 1000 5000     # other sizes

Prints, per size: seconds per stage, articles/second, claims/second, peak
memory, and the time ratio between consecutive sizes (doubling the corpus
should no more than double the time).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import generate  # noqa: E402
from discrepancy.lexicon import load_lexicon  # noqa: E402
from discrepancy.pipeline import compare, extract_claims  # noqa: E402
from discrepancy.rules import load_rules  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(n: int) -> dict:
    """One end-to-end `check()` (what a user runs), timed stage by stage."""
    corpus = OUT / f"corpus-{n}.jsonl"
    if not corpus.exists():
        generate(n, corpus)
    lex = load_lexicon()
    rules = load_rules(None, lex)
    t0 = time.perf_counter()
    ex = extract_claims([str(corpus)], progress=False)
    t1 = time.perf_counter()
    result = compare(ex.claims, lex, rules, articles=ex.articles)
    t2 = time.perf_counter()
    total = t2 - t0
    return {
        "articles": len(ex.articles), "claims": len(ex.claims), "groups": len(result.group_list),
        "conflicts": len(result.conflict_list), "extract_s": t1 - t0, "compare_s": t2 - t1, "total_s": total,
        "articles_per_s": len(ex.articles) / total, "claims_per_s": len(ex.claims) / total, "peak_mb": peak_mb(),
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[10000, 20000])
    args = p.parse_args()
    prev = None
    for n in args.sizes:
        r = run(n)
        print(
            f"{r['articles']:>7} articles {r['claims']:>8} claims {r['groups']:>5} groups {r['conflicts']:>4} conflicts | "
            f"read+extract {r['extract_s']:.1f}s align+rules {r['compare_s']:.1f}s "
            f"total {r['total_s']:.1f}s | {r['articles_per_s']:.0f} articles/s {r['claims_per_s']:.0f} claims/s | "
            f"peak {r['peak_mb']:.0f} MB"
            + (f" | time x{r['total_s'] / prev[1]['total_s']:.2f} for x{n / prev[0]:.1f} the corpus" if prev else ""),
            flush=True,
        )
        prev = (n, r)


if __name__ == "__main__":
    main()
