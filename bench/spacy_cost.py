"""What the spaCy Doc costs: the builtin backend with and without it, on the same articles.

    python bench/spacy_cost.py                 # the seeds and 2,000 generated articles
    python bench/spacy_cost.py --articles 5000

Two paths, same tokenizer and sentence splitter, same extraction:

- plain: the pieces and sentences in a plain token list (how the backend
  worked before the Doc), read by `extract()` directly;
- Doc: `backends.builtin.annotate()`, which builds the spaCy `Doc` and hands
  extraction its `AnnotatedDoc` view (what users run); "annotate" includes
  the view's normalized text and sentences, which the plain path makes up
  front.

For each corpus it prints articles/s for annotation alone and for annotation
+ extraction (best of `--rounds`), the ratio Doc/plain, and checks that both
paths give the same claims. It also prints what importing spaCy and making
its vocabulary cost once per process (in a fresh interpreter, after the
package itself is imported).
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from discrepancy.backends import builtin  # noqa: E402
from discrepancy.backends.doc import Sentence, Token, vocab  # noqa: E402
from discrepancy.extract import extract  # noqa: E402
from discrepancy.ingest import read_articles  # noqa: E402
from discrepancy.lexicon import load_lexicon  # noqa: E402
from discrepancy.models import Article  # noqa: E402
from discrepancy.normalize import Normalized, normalize  # noqa: E402

OUT = ROOT / "bench" / "out"


@dataclass(frozen=True)
class PlainDoc:
    """The document as it was before spaCy: the same fields, a plain token list."""

    article: Article
    normalized: Normalized
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    backend: str = "builtin"
    entities: tuple = ()
    has_tree: bool = False


def plain(articles: list[Article], vocabulary: frozenset[str]) -> list[PlainDoc]:
    out = []
    for a in articles:
        tokens = builtin.tokenize(a.text, vocabulary)
        sentences = builtin.split_sentences(a.text, tokens)
        out.append(PlainDoc(a, normalize(a.text), tuple(tokens), tuple(sentences)))
    return out


def with_doc(articles: list[Article], lex) -> list:
    docs = builtin.annotate(articles, lex)
    for d in docs:  # the view computes these on first use; the plain path computes them in annotation
        _ = d.normalized, d.sentences
    return docs


def timed(fn) -> tuple[float, object]:
    """CPU seconds of one call (other processes on the machine count less than in wall time),
    the cyclic GC paused as `extract_claims` pauses it."""
    gc.collect()
    gc.disable()
    try:
        t0 = time.process_time()
        result = fn()
        return time.process_time() - t0, result
    finally:
        gc.enable()


def measure(name: str, articles: list[Article], lex, rounds: int) -> None:
    vocabulary = lex.vocabulary
    n = len(articles)
    paths = {"plain": lambda: plain(articles, vocabulary), "Doc": lambda: with_doc(articles, lex)}
    best: dict[tuple[str, str], float] = {}
    claims: dict[str, list] = {}
    for _ in range(rounds):  # the paths take turns, so a busy moment of the machine hits both
        for label, annotate in paths.items():
            t, _docs = timed(annotate)
            best[label, "annotate"] = min(t, best.get((label, "annotate"), t))
            del _docs
            t, claims[label] = timed(lambda a=annotate: [c for d in a() for c in extract(d, lex)])
            best[label, "all"] = min(t, best.get((label, "all"), t))
    same = claims["plain"] == claims["Doc"]
    print(f"{name}: {n} articles, {len(claims['Doc'])} claims, same claims on both paths: {'yes' if same else 'NO'}")
    print(f"  {'':6} {'annotate art/s':>15} {'+ extract art/s':>16}   (CPU time, best of {rounds})")
    for label in paths:
        print(f"  {label:6} {n / best[label, 'annotate']:15,.0f} {n / best[label, 'all']:16,.0f}")
    pa, pt, da, dt = best["plain", "annotate"], best["plain", "all"], best["Doc", "annotate"], best["Doc", "all"]
    print(f"  Doc/plain speed: annotate x{pa / da:.2f}, annotate + extract x{pt / dt:.2f}"
          f" (the Doc adds {1000 * (dt - pt) / n:.2f} ms per article end to end)")


def import_cost() -> float:
    code = ("import time, discrepancy.pipeline; from discrepancy.backends.doc import vocab; "
            "t = time.perf_counter(); vocab(); print(time.perf_counter() - t)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return float(r.stdout.strip())


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=2000, help="size of the generated corpus (default 2000)")
    p.add_argument("--rounds", type=int, default=5, help="timed rounds per path, the best counts (default 5)")
    args = p.parse_args()
    lex = load_lexicon()
    vocab()  # spaCy imported and the vocabulary made before timing: a once-per-process cost, printed below
    seeds, _ = read_articles([str(ROOT / "seeds")], str(ROOT / "seeds" / "manifest.csv"))
    corpus = OUT / f"corpus-{args.articles}.jsonl"
    if not corpus.exists():
        generate(args.articles, corpus)
    generated, _ = read_articles([str(corpus)])
    measure("seeds", seeds, lex, max(args.rounds, 10))
    measure(f"generated ({corpus.name})", generated, lex, args.rounds)
    print(f"importing spaCy and making the vocabulary: {import_cost():.2f} s once per process")


if __name__ == "__main__":
    main()
