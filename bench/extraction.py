"""What `check --workers 1` costs, before and after a change, in one run, with the same output.

    python bench/extraction.py                       # this tree against main, 500 generated articles
    python bench/extraction.py --before HEAD~3 --articles 2000 --repeat 3

The code of `--before` (a git revision) is exported to a temporary folder;
each side then runs, in a fresh process, in turns (so both see the same load
on a shared machine): `check` on bench/generate.py's articles lengthened to
the seeds' length, and `check` on the real-text corpus's passages
(tests/corpus/, one article per passage). It prints the CPU seconds of each
(the least of `--repeat` runs; CPU, not wall, since the machine may be
shared), of reading and extraction alone, the ratio, and whether the claims
and conflicts are the same on both sides.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = Path(__file__).resolve().parent / "out"


def corpus_passages() -> Path:
    """The corpus's passages as one JSONL file (one article each)."""
    import yaml

    path = OUT / "corpus-passages.jsonl"
    rows = []
    for f in sorted((ROOT / "tests" / "corpus").glob("*/*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("text"), str):
            rows.append({"id": f"{f.parent.name}/{f.stem}", "text": data["text"]})
    OUT.mkdir(exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def measure(root: str, path: str) -> dict:
    """In a child: `check --workers 1` on `path` with the code under `root`."""
    sys.path.insert(0, root)
    from discrepancy.pipeline import check, extract_claims, full_lexicon

    full_lexicon()  # the rules are read once per run, and the matchers built: time the work on articles
    check([str(Path(root) / "seeds")], progress=False, workers=1)
    c = time.process_time()
    extract_claims([path], progress=False, workers=1)  # reading and extraction
    extraction = time.process_time() - c
    c = time.process_time()
    result = check([path], progress=False, workers=1)
    total = time.process_time() - c
    digest = hashlib.sha256(repr((result.claim_list, result.conflict_list)).encode()).hexdigest()[:12]
    return {"extraction": extraction, "check": total, "claims": len(result.claim_list),
            "conflicts": len(result.conflict_list), "articles": len(result.articles), "output": digest}


def child(root: Path, path: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--measure", str(root), str(path)], cwd=root,
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--before", default="main", help="git revision to compare with (default: main)")
    p.add_argument("--articles", type=int, default=500)
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--measure", nargs=2, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return
    from bench.run import corpus

    inputs = {f"{args.articles} generated articles": corpus(args.articles), "corpus passages": corpus_passages()}
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "before"
        old.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.before], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        print(f"check --workers 1, CPU seconds, least of {args.repeat} runs: {args.before} (before) against this tree (after)")
        print(f"{'input':<28} {'articles':>8} {'claims':>7}  {'extraction':>21}  {'check':>21}  same output")
        for name, path in inputs.items():
            runs: dict[str, list[dict]] = {"before": [], "after": []}
            for _ in range(args.repeat):
                runs["before"].append(child(old, path))
                runs["after"].append(child(ROOT, path))
            b, a = runs["before"], runs["after"]
            cols = []
            for key in ("extraction", "check"):
                x, y = min(r[key] for r in b), min(r[key] for r in a)
                cols.append(f"{x:6.2f} -> {y:6.2f} x{y / x:4.2f}")
            same = "yes" if {r["output"] for r in b} == {r["output"] for r in a} else "NO"
            print(f"{name:<28} {a[0]['articles']:>8} {a[0]['claims']:>7}  {cols[0]:>21}  {cols[1]:>21}  {same}")


if __name__ == "__main__":
    main()
