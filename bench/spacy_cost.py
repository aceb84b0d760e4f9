"""What the spaCy Doc costs: the builtin backend with and without it, on the same articles.

    python bench/spacy_cost.py                 # the seeds and 2,000 generated articles
    python bench/spacy_cost.py --articles 5000

Four paths, same sentence splitter, same extraction:

- plain, no tokens: sentences and normalized text only, no token list (how
  `check` read articles before the Doc: `annotate(tokens=False)`);
- Doc of words: `builtin.annotate(tokens=False)`, what `check` runs now: a
  spaCy `Doc` whose tokens are the whitespace-separated words;
- plain pieces: the builtin pieces (clitics and glued digits apart) in a
  plain token list (`annotate()` before the Doc);
- Doc of pieces: `builtin.annotate()`, the pieces as tokens of the `Doc`.

Extraction reads each through the same fields; for the Doc paths "annotate"
includes the view's normalized text and sentences, which the plain paths
make up front. For each corpus it prints articles/s for annotation alone and
for annotation + extraction (CPU time, best of `--rounds`), the ratio of each
Doc path to its plain path, and checks that all paths give the same claims. It also prints what importing spaCy and making
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


def plain(articles: list[Article], vocabulary: frozenset[str], tokens: bool) -> list[PlainDoc]:
    out = []
    for a in articles:
        toks = builtin.tokenize(a.text, vocabulary) if tokens else []
        sentences = builtin.split_sentences(a.text, toks)
        out.append(PlainDoc(a, normalize(a.text), tuple(toks), tuple(sentences)))
    return out


def with_doc(articles: list[Article], lex, tokens: bool) -> list:
    docs = builtin.annotate(articles, lex, tokens=tokens)
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


PATHS = (("plain, no tokens", "plain", False), ("Doc of words", "doc", False),
         ("plain pieces", "plain", True), ("Doc of pieces", "doc", True))


def measure(name: str, articles: list[Article], lex, rounds: int) -> None:
    n = len(articles)
    paths = {
        label: (lambda t=tokens: plain(articles, lex.vocabulary, t)) if kind == "plain"
        else (lambda t=tokens: with_doc(articles, lex, t))
        for label, kind, tokens in PATHS
    }
    best: dict[tuple[str, str], float] = {}
    claims: dict[str, list] = {}
    for _ in range(rounds):  # the paths take turns, so a busy moment of the machine hits all
        for label, annotate in paths.items():
            t, _docs = timed(annotate)
            best[label, "annotate"] = min(t, best.get((label, "annotate"), t))
            del _docs
            t, claims[label] = timed(lambda a=annotate: [c for d in a() for c in extract(d, lex)])
            best[label, "all"] = min(t, best.get((label, "all"), t))
    same = all(c == claims[PATHS[0][0]] for c in claims.values())
    print(f"{name}: {n} articles, {len(claims[PATHS[0][0]])} claims, same claims on all paths: "
          f"{'yes' if same else 'NO'}")
    print(f"  {'':16} {'annotate art/s':>15} {'+ extract art/s':>16}   (CPU time, best of {rounds})")
    for label in paths:
        print(f"  {label:16} {n / best[label, 'annotate']:15,.0f} {n / best[label, 'all']:16,.0f}")
    for (p_label, _, _), (d_label, _, _) in (PATHS[:2], PATHS[2:]):
        pa, pt, da, dt = best[p_label, "annotate"], best[p_label, "all"], best[d_label, "annotate"], best[d_label, "all"]
        print(f"  {d_label} / {p_label}: annotate x{pa / da:.2f}, annotate + extract x{pt / dt:.2f}"
              f" ({1000 * (dt - pt) / n:+.2f} ms per article end to end)")


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
