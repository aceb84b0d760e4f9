"""`check` against spaCy's blank Arabic tokenizer on the same articles, in one run.

    python bench/run.py                    # 2,000 articles as long as the seeds, and 4,000
    python bench/run.py --articles 500     # a quicker look

The corpus is bench/generate.py's story, each article lengthened to the
seeds' mean length with seed paragraphs drawn at random. Each measurement
runs in a fresh process (so peak memory is its own) and prints:

- spaCy: `spacy.blank("ar")` tokenizing the same texts (`nlp.pipe`);
- `check` end to end (read, extract, align, rules) with `--workers 1` and
  with every core: seconds, articles/s, peak memory, and the ratio to spaCy;
- the time ratio when the corpus doubles (cost must stay linear).

Each measurement is taken `--repeat` times (default 3), the runs of the
different measurements in turns (so each sees the same load), and the least
wall and the least CPU seconds are kept; a `check` process first checks the
seeds (imports, matchers and caches warm, as in a long-running process), then
times the corpus. Wall-clock seconds are what the goals are about; CPU seconds
are printed too, as the machine may be shared (then one process gets less
than a core, and "all cores" less than all of them).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate, seed_length  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
GOALS = {"workers 1": 3.0, "all cores": 1.8, "doubling": 2.1}


def corpus(n: int) -> Path:
    path = OUT / f"long-{n}.jsonl"
    if not path.exists():
        generate(n, path, length=seed_length())
    return path


def measure(what: str, path: Path, workers: int) -> dict:
    """One measurement, in this process (called in a child by `main`)."""
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    if what == "spacy":
        import spacy

        nlp = spacy.blank("ar")
        t, c = time.perf_counter(), time.process_time()
        tokens = sum(len(doc) for doc in nlp.pipe(texts))
        out = {"tokens": tokens}
    else:
        from discrepancy.pipeline import check, full_lexicon

        full_lexicon()  # the rules are read once per run; time the work on articles
        check([ROOT / "seeds"], progress=False, workers=1)  # warm: imports, matchers, caches
        t, c = time.perf_counter(), time.process_time()
        result = check([path], progress=False, workers=workers)
        out = {"articles": len(result.articles), "claims": len(result.claim_list), "conflicts": len(result.conflict_list)}
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = resource.getrusage(resource.RUSAGE_SELF)
    return {**out, "wall": wall, "cpu": cpu + children.ru_utime + children.ru_stime, "records": len(texts),
            "peak_mb": own.ru_maxrss / 1024, "child_peak_mb": children.ru_maxrss / 1024}


def child(what: str, path: Path, workers: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--measure", what, str(path), str(workers)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def least(runs: list[dict]) -> dict:
    """The first run's counts with the least wall and the least CPU seconds of all runs."""
    return {**runs[0], "wall": min(r["wall"] for r in runs), "cpu": min(r["cpu"] for r in runs),
            "peak_mb": max(r["peak_mb"] for r in runs), "child_peak_mb": max(r["child_peak_mb"] for r in runs)}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=2000)
    p.add_argument("--repeat", type=int, default=3, help="runs of each measurement, the least kept (default: %(default)s)")
    p.add_argument("--measure", nargs=3, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.measure:
        what, path, workers = args.measure
        print(json.dumps(measure(what, Path(path), int(workers))))
        return
    from discrepancy.parallel import default_workers

    cores = default_workers()
    n = args.articles
    small, big = corpus(n), corpus(2 * n)
    print(f"{n} articles of about {seed_length()} characters (the seeds' mean), {cores} cores, "
          f"load average {os.getloadavg()[0]:.1f}; least of {args.repeat} runs of each, in turns", flush=True)
    plan = {"spacy": ("spacy", small, 1), "workers 1": ("check", small, 1), "all cores": ("check", small, cores),
            "doubled": ("check", big, 1)}
    runs: dict[str, list[dict]] = {k: [] for k in plan}
    for _ in range(args.repeat):
        for label, (what, path, workers) in plan.items():
            runs[label].append(child(what, path, workers))
    loads = os.getloadavg()
    sp = least(runs["spacy"])
    print(f"spaCy blank('ar') tokenizer   {sp['wall']:6.2f}s wall {sp['cpu']:6.2f}s cpu  {sp['tokens']} tokens", flush=True)
    ratios = {}
    for label, workers in (("workers 1", 1), ("all cores", cores)):
        r = least(runs[label])
        ratios[label] = r["wall"] / sp["wall"]
        print(f"check --workers {workers:<2} ({label})  {r['wall']:6.2f}s wall {r['cpu']:6.2f}s cpu | "
              f"{r['records'] / r['wall']:5.0f} articles/s ({r['articles']} with related stories, {r['claims']} claims, "
              f"{r['conflicts']} conflicts) | peak {max(r['peak_mb'], r['child_peak_mb']):.0f} MB | "
              f"x{ratios[label]:.2f} spaCy wall (goal <= {GOALS[label]}), x{r['cpu'] / sp['cpu']:.2f} cpu", flush=True)
    one, two = least(runs["workers 1"]), least(runs["doubled"])
    ratios["doubling"] = two["wall"] / one["wall"]
    print(f"check --workers 1 on {2 * n} articles {two['wall']:6.2f}s wall {two['cpu']:6.2f}s cpu vs "
          f"{one['wall']:.2f}s wall {one['cpu']:.2f}s cpu on {n}: x{ratios['doubling']:.2f} the wall time, "
          f"x{two['cpu'] / one['cpu']:.2f} the CPU time for x2 the corpus (goal <= {GOALS['doubling']}); "
          f"peak {two['peak_mb']:.0f} MB vs {one['peak_mb']:.0f} MB", flush=True)
    met = [k for k, v in ratios.items() if v <= GOALS[k]]
    print(f"goals met: {len(met)}/{len(GOALS)} ({', '.join(f'{k} x{v:.2f}' for k, v in ratios.items())}); "
          f"load average at the end {loads[0]:.1f} / {loads[1]:.1f} / {loads[2]:.1f}")


if __name__ == "__main__":
    main()
