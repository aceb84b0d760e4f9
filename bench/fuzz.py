"""Fuzz what reads text, longer than CI does: prints examples/s and crashes found.

    .venv/bin/python bench/fuzz.py [--seconds 60] [--seed 1]

Runs the checks of tests/fuzzing.py (the same ones tests/test_fuzz.py runs with
hypothesis on a small budget) on plain random inputs for a time budget per
target: numbers.scan, ingest of random bytes / encodings / suffixes, and
extraction. A crash is counted by signature (exception type and the line it
came from) and its smallest input is printed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from discrepancy.lexicon import load_lexicon  # noqa: E402
from tests.fuzzing import check_extract, check_ingest, check_numbers, random_bytes, random_text  # noqa: E402


def _signature(e: BaseException) -> str:
    tb = traceback.extract_tb(e.__traceback__)
    where = next((f for f in reversed(tb) if "discrepancy" in f.filename), tb[-1] if tb else None)
    return f"{type(e).__name__} at {Path(where.filename).name}:{where.lineno}" if where else type(e).__name__


def run(name: str, make, check, seconds: float, rng: random.Random) -> tuple[int, Counter]:
    crashes: Counter = Counter()
    smallest: dict[str, object] = {}
    n, end = 0, time.perf_counter() + seconds
    while time.perf_counter() < end:
        x = make(rng)
        try:
            check(*x) if isinstance(x, tuple) else check(x)
        except Exception as e:  # noqa: BLE001 - counting every kind of crash is the point
            sig = _signature(e)
            crashes[sig] += 1
            if sig not in smallest or len(repr(x)) < len(repr(smallest[sig])):
                smallest[sig] = x
        n += 1
    rate = n / seconds
    print(f"{name:<12} {n:>8,} examples  {rate:>8,.0f}/s  {sum(crashes.values())} crashes, {len(crashes)} signatures")
    for sig, k in crashes.most_common():
        print(f"    {k:>6} x {sig}: e.g. {smallest[sig]!r:.200}")
    return n, crashes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=60.0, help="time budget per target (default 60)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    lex = load_lexicon()
    rng = random.Random(args.seed)
    total_n, total_crashes = 0, 0
    for name, make, check in (
        ("numbers", lambda r: random_text(r, 60), lambda t: check_numbers(t, lex.hedges)),
        ("ingest", random_bytes, check_ingest),
        ("extraction", lambda r: random_text(r, 60), lambda t: check_extract(t, lex)),
    ):
        n, crashes = run(name, make, check, args.seconds, rng)
        total_n += n
        total_crashes += sum(crashes.values())
    print(f"total        {total_n:>8,} examples, {total_crashes} crashes")
    return 1 if total_crashes else 0


if __name__ == "__main__":
    sys.exit(main())
