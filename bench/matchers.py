"""What spaCy's matchers cost against the regex trie they replaced, in one run.

    python bench/matchers.py                      # the seeds and 2,000 generated articles
    python bench/matchers.py --articles 500 --rounds 3
    python bench/matchers.py --before <commit>    # another "before" than the default

The "before" tree is the commit just before the lexicons moved to spaCy's
`PhraseMatcher` (found with `git log -S "class Matchers"`), exported with
`git archive` to a temporary folder; the "after" tree is this one. Each tree
is measured in a fresh process, with the same articles and the same Python:

- building the lexicon's matchers: reading `rules/` and matching a first
  article (the regex trie was compiled at load; spaCy's matchers are built on
  first use), CPU seconds;
- matching alone: the document's lexicon hits (`DocHits`, as extraction
  makes them: six lists in the whole text, the others in the sentences that
  hold a figure), ms per article;
- annotation + extraction (`builtin.annotate(tokens=False)` + `extract`, what
  `check` runs per article): articles/s;

all CPU time, best of `--rounds`; and whether both trees give the same claims.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

OUT = ROOT / "bench" / "out"

# run in each tree's own process: argv = [corpus path, rounds]
MEASURE = r"""
import hashlib, json, sys, time
sys.path.insert(0, ".")
from discrepancy.backends import builtin
from discrepancy.backends.doc import vocab
from discrepancy.extract import extract, _numeric_sentences
from discrepancy.extract.context import DocHits
from discrepancy.ingest import read_articles
from discrepancy.lexicon import load_lexicon
from discrepancy.numbers import scan

vocab()  # spaCy imported before timing, in both trees
first, _ = read_articles([sys.argv[3]], sys.argv[4])
t = time.process_time()
lex = load_lexicon()
extract(builtin.annotate(first[:1], lex, tokens=False)[0], lex)
build = time.process_time() - t
path, rounds = sys.argv[1], int(sys.argv[2])
articles, _ = read_articles([path], sys.argv[4] if path == sys.argv[3] else None)
best_match = best_all = float("inf")
for _ in range(rounds):
    docs = builtin.annotate(articles, lex, tokens=False)
    inputs = []
    for d in docs:
        text = d.normalized.text
        mentions = list(scan(text, lex.hedges))
        inputs.append((text, _numeric_sentences(d, mentions) if mentions else []))
    t = time.process_time()
    for text, spans in inputs:
        DocHits(lex, text, spans)
    best_match = min(best_match, time.process_time() - t)
    t = time.process_time()
    claims = [c for d in builtin.annotate(articles, lex, tokens=False) for c in extract(d, lex)]
    best_all = min(best_all, time.process_time() - t)
digest = hashlib.sha256(repr([(c.char_start, c.char_end, c.quantity, c.population, c.value, c.hedge,
                               c.attribution, c.place, c.event) for c in claims]).encode()).hexdigest()[:12]
print(json.dumps({"build": build, "match": best_match, "all": best_all, "n": len(articles),
                  "claims": len(claims), "digest": digest}))
"""


def before_commit() -> str:
    """The parent of the commit that brought spaCy's matchers to lexicon.py."""
    out = subprocess.run(["git", "log", "--format=%H", "--reverse", "-S", "class Matchers", "--", "discrepancy/lexicon.py"],
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout.split()
    if not out:
        sys.exit("bench/matchers.py: no commit brings `class Matchers` to discrepancy/lexicon.py; pass --before")
    return f"{out[0]}^"


def measure(tree: Path, corpus: Path, rounds: int) -> dict:
    seeds = ROOT / "seeds"
    r = subprocess.run([sys.executable, "-c", MEASURE, str(corpus), str(rounds), str(seeds), str(seeds / "manifest.csv")],
                       capture_output=True, text=True, cwd=tree)
    if r.returncode:
        sys.exit(f"bench/matchers.py: measuring {tree} failed: {r.stderr.strip().splitlines()[-1:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=2000, help="size of the generated corpus (default 2000)")
    p.add_argument("--rounds", type=int, default=5, help="timed rounds, the best counts (default 5)")
    p.add_argument("--before", help="the commit to compare with (default: the one before spaCy's matchers)")
    args = p.parse_args()
    ref = args.before or before_commit()
    corpus = OUT / f"corpus-{args.articles}.jsonl"
    if not corpus.exists():
        generate(args.articles, corpus)
    with tempfile.TemporaryDirectory(prefix="bench-matchers-") as tmp:
        archive = subprocess.run(["git", "archive", ref], capture_output=True, cwd=ROOT, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        trees = {"before (regex trie)": Path(tmp), "after (spaCy matchers)": ROOT}
        for name, path in (("seeds", ROOT / "seeds"), (corpus.name, corpus)):
            rounds = max(args.rounds, 10) if name == "seeds" else args.rounds
            got = {label: measure(tree, path, rounds) for label, tree in trees.items()}
            first, second = got.values()
            print(f"{name}: {first['n']} articles, before {first['claims']} claims, after {second['claims']}, "
                  f"same claims: {'yes' if first['digest'] == second['digest'] else 'NO'}   (CPU time, best of {rounds})")
            print(f"  {'':24} {'build s':>8} {'match ms/art':>13} {'annotate+extract art/s':>23}")
            for label, m in got.items():
                print(f"  {label:24} {m['build']:8.2f} {1000 * m['match'] / m['n']:13.2f} {m['n'] / m['all']:23,.0f}")
            print(f"  after / before: matching x{first['match'] / second['match']:.2f} the speed, "
                  f"annotate + extract x{first['all'] / second['all']:.2f} "
                  f"({1000 * (second['all'] - first['all']) / first['n']:+.2f} ms per article)")
    print(f"before = {ref}")


if __name__ == "__main__":
    main()
